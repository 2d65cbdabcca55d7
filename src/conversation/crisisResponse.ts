// What the resident hears at once when a typed message reads as a crisis, or an answer is itself a
// danger (contract section 7): the contacts for each kind from the municipality's configuration
// (119 first: medical comes first), in the resident's language, then that staff have been told.
import { CRISIS_KINDS, type CrisisKind } from "../crisis/crisisKinds.ts";
import type { LocaleCode } from "../intake/codes.ts";
import { hoursIn, type Municipality } from "../intake/municipality.ts";
import { renderTerms, type Glossary } from "../i18n/glossary.ts";
import type { BotOutput } from "./outputs.ts";

export function crisisContactsText(m: Municipality, kind: CrisisKind, lang: LocaleCode, g: Glossary): string {
  const contacts = m.crisisContacts?.[kind] ?? [];
  return contacts
    .map((c) => {
      return `・${renderTerms(g, c.name, lang)} ${c.phone}（${hoursIn(c, lang)}）`;
    })
    .join("\n");
}

/** Where a life may be in danger now, that comes first. */
const ORDER: CrisisKind[] = ["medical", ...CRISIS_KINDS.filter((k) => k !== "medical")];

export function crisisOutputs(m: Municipality, kinds: CrisisKind | CrisisKind[], lang: LocaleCode, g: Glossary): BotOutput[] {
  const wanted = new Set(Array.isArray(kinds) ? kinds : [kinds]);
  if (wanted.size === 0) return [];
  return [
    ...ORDER.filter((k) => wanted.has(k)).map((kind): BotOutput => ({ kind: "line", key: `crisis.${kind}`, params: { contacts: crisisContactsText(m, kind, lang, g) } })),
    { kind: "line", key: "crisis.raised" },
  ];
}
