// What the resident hears at once when a typed message reads as a crisis, or an answer is itself a
// danger (contract section 7): the contacts for each kind from the municipality's configuration
// (119 first: medical comes first), in the resident's language — names through the glossary,
// hours and notes in the language's own words — then that staff have been told.
import { CRISIS_KINDS, type CrisisKind } from "../crisis/crisisKinds.ts";
import type { LocaleCode } from "../intake/codes.ts";
import type { Municipality } from "../intake/municipality.ts";
import { renderTerms, type Glossary } from "../i18n/glossary.ts";
import type { Locales } from "../i18n/locales.ts";
import { hoursText } from "../i18n/openingHours.ts";
import type { BotOutput } from "./outputs.ts";

/** What the contacts are written from: the directory, the glossary and the texts. */
export interface DirectoryTexts {
  municipality: Municipality;
  glossary: Glossary;
  locales: Locales;
}

export function crisisContactsText(d: DirectoryTexts, kind: CrisisKind, lang: LocaleCode): string {
  const t = d.locales.t(lang);
  return (d.municipality.crisisContacts?.[kind] ?? [])
    .map((c) => t("crisis.contactLine", { name: renderTerms(d.glossary, c.name, lang), phone: c.phone, hours: hoursText(c, lang, t) }))
    .join("\n");
}

/** Where a life may be in danger now, that comes first. */
const ORDER: CrisisKind[] = ["medical", ...CRISIS_KINDS.filter((k) => k !== "medical")];

export function crisisOutputs(d: DirectoryTexts, kinds: CrisisKind | CrisisKind[], lang: LocaleCode): BotOutput[] {
  const wanted = new Set(Array.isArray(kinds) ? kinds : [kinds]);
  if (wanted.size === 0) return [];
  return [
    ...ORDER.filter((k) => wanted.has(k)).map((kind): BotOutput => ({ kind: "line", key: `crisis.${kind}`, params: { contacts: crisisContactsText(d, kind, lang) } })),
    { kind: "line", key: "crisis.raised" },
  ];
}
