// What the resident hears at once when a typed message reads as a crisis (contract section 7):
// the contacts for that kind from the municipality's configuration (119 first for medical),
// that staff have been told, and that the conversation goes on.
import type { CrisisKind } from "../crisis/crisisKinds.ts";
import type { Municipality } from "../intake/municipality.ts";
import type { BotOutput } from "./outputs.ts";

export function crisisContactsText(m: Municipality, kind: CrisisKind): string {
  const contacts = m.crisisContacts?.[kind] ?? [];
  return contacts.map((c) => `・${c.name} ${c.phone}（${c.hours}）`).join("\n");
}

export function crisisOutputs(m: Municipality, kind: CrisisKind): BotOutput[] {
  return [
    { kind: "line", key: `crisis.${kind}`, params: { contacts: crisisContactsText(m, kind) } },
    { kind: "line", key: "crisis.raised" },
  ];
}
