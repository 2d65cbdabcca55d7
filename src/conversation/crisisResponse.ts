// What the resident hears at once when a typed message reads as a crisis (contract section 7):
// the contacts for that kind from the municipality's configuration (119 first for medical), in
// the resident's language, that staff have been told, and that the conversation goes on.
import type { CrisisKind } from "../crisis/crisisKinds.ts";
import type { LocaleCode } from "../intake/codes.ts";
import type { Municipality } from "../intake/municipality.ts";
import { renderTerms, type Glossary } from "../i18n/glossary.ts";
import type { BotOutput } from "./outputs.ts";

export function crisisContactsText(m: Municipality, kind: CrisisKind, lang: LocaleCode, g: Glossary): string {
  const contacts = m.crisisContacts?.[kind] ?? [];
  return contacts
    .map((c) => {
      const hours = lang.startsWith("ja") ? c.hours : (c.hoursI18n?.[lang] ?? c.hoursI18n?.en ?? c.hours);
      return `・${renderTerms(g, c.name, lang)} ${c.phone}（${hours}）`;
    })
    .join("\n");
}

export function crisisOutputs(m: Municipality, kind: CrisisKind, lang: LocaleCode, g: Glossary): BotOutput[] {
  return [
    { kind: "line", key: `crisis.${kind}`, params: { contacts: crisisContactsText(m, kind, lang, g) } },
    { kind: "line", key: "crisis.raised" },
  ];
}
