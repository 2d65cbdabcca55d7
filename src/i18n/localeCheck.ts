// The i18n check on texts held in memory: `npm run i18n:check` (scripts/i18nCheck.ts) runs it on
// the repository's files, publishing (src/releases/verifyRelease.ts) on a release. It fails when
// a locale misses a key the Japanese has or the flow needs, has a key nobody uses, changes a
// placeholder, or breaks LINE's label and text limits; when a resident text names a scheme or
// office without the glossary's rendering; and when a やさしい日本語 text breaks the rules of
// src/i18n/easyJapanese.ts. One problem per line:
// `<lang>/<file>: <key>: <what is wrong> — <what to do>`.
//
// The glossary (locales/glossary.json) lists the schemes, offices, meetings, documents and
// crisis lines residents meet, each with its rendering in every language; every rendering keeps
// the Japanese name beside the translation ("Housing Security Benefit (住居確保給付金)") so that
// a resident can show it at a counter. The rules, for the resident texts (bot.json, without
// commands.*, which are words a resident may type):
//  G1. The glossary itself: every term has a hiragana reading, a kind, and a rendering in each
//      of the fourteen languages; ja is the term; ja-easy is the term with the reading after
//      each run of kanji (and agrees with the reading); every other rendering contains the
//      Japanese term (Chinese may use the term alone when it is written the same way); a short
//      rendering (for choice labels) also contains the term and fits a multi-choice label.
//  G2. Japanese term → rendering: when a text in a language other than ja names a glossary
//      term in Japanese, that language's rendering must be in the same text (in a choice
//      label, the short rendering also does). Matching is case-insensitive; in ja-easy the term
//      is found with the readings removed, and the rendering must appear with its readings.
//      A term is the longest glossary name at that place (重層的支援会議, not 支援会議 inside it),
//      and a term ending in kanji does not match when another kanji follows (救急 is not read
//      inside 救急車).
//  G3. Same key, same names: when the Japanese text of a key names a scheme, office, meeting or
//      document, the text of that key in every other language must carry its rendering too —
//      the Japanese name is never dropped in translation. Choice labels are exempt (a label
//      holds 20 characters), and so are crisis lines (kind contact: 110/119/189 are known by
//      their numbers; the contacts themselves come from the municipality's configuration).
import { LOCALE_CODES } from "../intake/codes.ts";
import { graphemeLength, LINE_LIMITS } from "../line/limits.ts";
import { questionKey, summaryLabelKey } from "./stepTexts.ts";
import { checkEasyJapaneseTexts, isResidentText, kanjiWithoutReading, stripReadings } from "./easyJapanese.ts";

type Tree = { [k: string]: unknown };
export const flatten = (obj: Tree, prefix = ""): Map<string, unknown> => {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === "object" && !Array.isArray(v)) for (const [kk, vv] of flatten(v as Tree, key)) out.set(kk, vv);
    else out.set(key, v);
  }
  return out;
};
/** The placeholder names of a text, sorted and joined ("count,name"); a translation keeps ja's. */
export const placeholders = (s: unknown) => (typeof s === "string" ? [...s.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort().join(",") : "");

/** Longest text the check lets through (well inside LINE's 5000 for one message). */
export const TEXT_LIMIT = 1000;

/** The label limit of a label key: LINE's 20, one less in multi-choice sets (a "✓" goes in front). */
export const labelLimit = (key: string, multiSets: ReadonlySet<string | undefined>) =>
  LINE_LIMITS.quickReplyLabel - (multiSets.has(key.split(".")[1]) && key.startsWith("options.") ? 1 : 0);

/** The option sets shown in multi-choice questions. */
export const multiChoiceSets = (flow: unknown): Set<string | undefined> => {
  const steps = (flow as { steps?: { kind?: string; options?: string }[] } | null)?.steps;
  return new Set((Array.isArray(steps) ? steps : []).filter((s) => s.kind === "multi").map((s) => s.options));
};

/** Keys whose text is a button or quick-reply label (LINE: 20 characters). */
export const isLabelKey = (k: string) => /^(options\.|nav\.|areas\.|callbackSlots\.)/.test(k) || /^q\.[^.]+\.options\./.test(k);

// ---------------------------------------------------------------------------------------------
// The glossary

export const TERM_KINDS = ["scheme", "document", "office", "meeting", "contact"] as const;
export type TermKind = (typeof TERM_KINDS)[number];

export interface GlossaryTerm {
  reading: string;
  kind: TermKind;
  /** Shorter renderings for choice labels, by language (optional). */
  short?: Record<string, string>;
  /** The rendering in each language, by locale code. */
  [lang: string]: unknown;
}

export interface Glossary {
  terms: Record<string, GlossaryTerm>;
}

/** The rendering of a term in a language ("" when the glossary has none). */
export function rendering(g: Glossary, term: string, lang: string): string {
  const r = g.terms[term]?.[lang];
  return typeof r === "string" ? r : "";
}

const HAN = /\p{Script=Han}/u;
const HIRAGANA_READING = /^[\p{Script=Hiragana}ー]+$/u;
const ZH = new Set(["zh-Hans", "zh-Hant"]);
const toHiragana = (s: string) => s.replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));

/** Rule G1: problems in the glossary itself. */
export function checkGlossary(g: Glossary): string[] {
  const problems: string[] = [];
  const at = (term: string, what: string) => problems.push(`glossary.json: ${term}: ${what}`);
  if (!g || typeof g.terms !== "object" || Object.keys(g.terms).length === 0) return ["glossary.json: no terms"];
  const multiLabel = LINE_LIMITS.quickReplyLabel - 1;
  for (const [term, e] of Object.entries(g.terms)) {
    if (typeof e.reading !== "string" || !HIRAGANA_READING.test(e.reading)) at(term, `reading ${JSON.stringify(e.reading)} must be hiragana`);
    if (!TERM_KINDS.includes(e.kind)) at(term, `kind ${JSON.stringify(e.kind)} must be one of ${TERM_KINDS.join(", ")}`);
    for (const k of Object.keys(e)) {
      if (!["reading", "kind", "short", ...LOCALE_CODES].includes(k)) at(term, `unknown field ${k}`);
    }
    for (const lang of LOCALE_CODES) {
      const r = e[lang];
      if (typeof r !== "string" || r.trim() === "") {
        at(term, `no rendering for ${lang}`);
        continue;
      }
      if (lang === "ja") {
        if (r !== term) at(term, `the ja rendering must be the term itself, not ${JSON.stringify(r)}`);
      } else if (lang === "ja-easy") {
        if (stripReadings(r) !== term) at(term, `the ja-easy rendering ${JSON.stringify(r)} must be the term with readings in ( ) after its kanji`);
        const bare = kanjiWithoutReading(r);
        if (bare.length > 0) at(term, `the ja-easy rendering ${JSON.stringify(r)} has kanji without a reading: ${bare.join(", ")}`);
        const spoken = toHiragana(r.replace(/\p{Script=Han}+\(([^)]*)\)/gu, "$1"));
        if (HIRAGANA_READING.test(spoken) && typeof e.reading === "string" && spoken !== e.reading) {
          at(term, `the ja-easy rendering reads ${spoken}, but reading is ${e.reading}`);
        }
      } else {
        if (!r.includes(term)) at(term, `the ${lang} rendering ${JSON.stringify(r)} must keep the Japanese name ${term} beside the translation`);
        else if (r === term && !ZH.has(lang)) at(term, `the ${lang} rendering is the Japanese name alone: add the translation`);
      }
    }
    if (e.short !== undefined) {
      for (const [lang, s] of Object.entries(e.short)) {
        if (!(LOCALE_CODES as readonly string[]).includes(lang) || lang === "ja") at(term, `short rendering for unknown language ${lang}`);
        else if (typeof s !== "string" || !s.includes(term)) at(term, `the short ${lang} rendering ${JSON.stringify(s)} must keep the Japanese name ${term}`);
        else if (graphemeLength(s) > multiLabel) at(term, `the short ${lang} rendering ${JSON.stringify(s)} is ${graphemeLength(s)} characters; a label fits ${multiLabel}`);
      }
    }
  }
  return problems;
}

/** The glossary terms a text names, longest first at each place (rule G2). */
export function termsIn(g: Glossary, text: string, lang: string): string[] {
  const plain = lang === "ja-easy" ? stripReadings(text) : text;
  const terms = Object.keys(g.terms).sort((a, b) => b.length - a.length);
  const taken = new Array<boolean>(plain.length).fill(false);
  const found: string[] = [];
  for (const term of terms) {
    const endsInKanji = HAN.test(term.at(-1) ?? "");
    for (let i = plain.indexOf(term); i >= 0; i = plain.indexOf(term, i + 1)) {
      const end = i + term.length;
      if (endsInKanji && HAN.test(String.fromCodePoint(plain.codePointAt(end) ?? 0x20))) continue;
      if (taken.slice(i, end).some(Boolean)) continue;
      taken.fill(true, i, end);
      if (!found.includes(term)) found.push(term);
    }
  }
  return found;
}

const contains = (text: string, part: string) => part !== "" && text.toLowerCase().includes(part.toLowerCase());

/** Rule G2 for one text of a language other than ja. */
export function glossaryProblemsInText(g: Glossary, lang: string, key: string, text: string, file = "bot.json"): string[] {
  if (lang === "ja") return [];
  const problems: string[] = [];
  const label = isLabelKey(key);
  for (const term of termsIn(g, text, lang)) {
    const full = rendering(g, term, lang);
    const short = g.terms[term]?.short?.[lang];
    if (contains(text, full) || (label && short !== undefined && contains(text, short))) continue;
    problems.push(
      `${lang}/${file}: ${key}: names ${term} without its glossary rendering — write "${full}"` +
        (label && short ? ` or, in this label, "${short}"` : "") +
        " (locales/glossary.json)",
    );
  }
  return problems;
}

/** Rule G3: the names the Japanese text of a key gives must be kept in the other language. */
export function sameKeyProblems(g: Glossary, lang: string, key: string, text: string, jaText: string, file = "bot.json"): string[] {
  if (lang === "ja" || isLabelKey(key)) return [];
  const problems: string[] = [];
  const named = termsIn(g, text, lang); // those are rule G2's
  for (const term of termsIn(g, jaText, "ja")) {
    if (g.terms[term]?.kind === "contact" || named.includes(term)) continue;
    const full = rendering(g, term, lang);
    if (!contains(text, full)) {
      problems.push(`${lang}/${file}: ${key}: the Japanese text names ${term}, this one does not — add "${full}" (locales/glossary.json)`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// The whole check

/** The texts, glossary, flow and directory to check, as JSON held in memory (a release, a draft). */
export interface LocaleCheckInput {
  /** bundles[lang][namespace], meta.json under "meta". */
  locales: Record<string, Record<string, unknown>>;
  /** locales/glossary.json; undefined when there is none. */
  glossary: unknown;
  flow: unknown;
  municipality: unknown;
}

export function checkLocaleContent(input: LocaleCheckInput): string[] {
  const problems: string[] = [];
  // Surfaces for staff (console, triage reasons) exist in ja and en; residents get every language.
  const STAFF_NAMESPACES = new Set(["staff.json", "console.json"]);
  const bundle = (lang: string, ns: string): Tree | undefined => {
    const b = input.locales[lang]?.[ns.replace(/\.json$/, "")];
    return b && typeof b === "object" ? (b as Tree) : undefined;
  };
  const langs = Object.keys(input.locales).filter((l) => input.locales[l]!.meta !== undefined).sort();
  const namespaces = Object.keys(input.locales.ja ?? {}).filter((n) => n !== "meta").map((n) => `${n}.json`).sort();

  // Keys the flow needs in the bot namespace.
  const flow = input.flow as { optionSets?: Record<string, unknown>; steps?: { id: string; texts?: string; kind?: string; options?: string }[] };
  const municipality = input.municipality as { areas?: { code: string }[] };
  const steps = Array.isArray(flow?.steps) ? flow.steps : [];
  const optionSets = flow?.optionSets ?? {};
  const needed = new Set<string>();
  // Sets shown in multi-choice questions carry a "✓" in front of chosen items.
  const multiSets = multiChoiceSets(input.flow);
  for (const s of steps) {
    needed.add(questionKey(s));
    if (s.kind !== "summary") needed.add(summaryLabelKey(s));
    const set = s.options ? optionSets[s.options] : undefined;
    if (Array.isArray(set)) for (const v of set) needed.add(`options.${s.options}.${String(v)}`);
  }
  for (const a of Array.isArray(municipality?.areas) ? municipality.areas : []) needed.add(`areas.${a.code}`);

  if (!input.locales.ja?.meta) problems.push("ja/meta.json: file missing — Japanese is the source of every text");
  for (const ns of namespaces) {
    const ja = flatten(bundle("ja", ns) ?? {});
    if (ns === "bot.json") for (const k of needed) if (!ja.has(k)) problems.push(`ja/${ns}: missing ${k} (the flow uses it)`);
    for (const lang of langs) {
      const content = bundle(lang, ns);
      if (!content) {
        // The staff surfaces (console, triage reasons) need not exist in every resident language.
        if (!STAFF_NAMESPACES.has(ns)) problems.push(`${lang}/${ns}: file missing`);
        continue;
      }
      const tr = flatten(content);
      for (const k of ja.keys()) if (!tr.has(k)) problems.push(`${lang}/${ns}: missing ${k}`);
      for (const [k, v] of tr) {
        if (!ja.has(k)) problems.push(`${lang}/${ns}: unused key ${k} (not in ja)`);
        else if (placeholders(v) !== placeholders(ja.get(k))) problems.push(`${lang}/${ns}: ${k} placeholders {${placeholders(v)}} differ from ja {${placeholders(ja.get(k))}}`);
        const limit = labelLimit(k, multiSets);
        if (isLabelKey(k) && typeof v === "string" && graphemeLength(v) > limit) {
          problems.push(`${lang}/${ns}: ${k} is ${graphemeLength(v)} characters; this label must fit ${limit}`);
        }
        if (typeof v === "string" && v.length > TEXT_LIMIT) problems.push(`${lang}/${ns}: ${k} is longer than ${TEXT_LIMIT} characters`);
        if (typeof v === "string" && v.trim() === "") problems.push(`${lang}/${ns}: ${k} is empty`);
      }
    }
  }

  // The glossary (rules G1–G3) over the resident texts.
  if (input.glossary === undefined || input.glossary === null) {
    problems.push("glossary.json: file missing (locales/glossary.json)");
  } else {
    const g = input.glossary as Glossary;
    const glossaryOk = checkGlossary(g);
    problems.push(...glossaryOk);
    if (glossaryOk.length === 0) {
      const jaBot = flatten(bundle("ja", "bot") ?? {});
      for (const lang of langs) {
        const botBundle = bundle(lang, "bot");
        if (lang === "ja" || !botBundle) continue;
        const bot = flatten(botBundle);
        for (const [k, v] of bot) {
          if (!isResidentText(k) || typeof v !== "string") continue;
          problems.push(...glossaryProblemsInText(g, lang, k, v));
          const jaText = jaBot.get(k);
          if (typeof jaText === "string") problems.push(...sameKeyProblems(g, lang, k, v, jaText));
        }
      }
    }
  }

  // やさしい日本語 (scripts/easyJapanese.ts).
  const easyBundle = bundle("ja-easy", "bot");
  if (easyBundle) {
    const easy = flatten(easyBundle);
    for (const p of checkEasyJapaneseTexts(easy)) problems.push(`ja-easy/bot.json: ${p.key}: ${p.issue.message}`);
  }
  return problems;
}

