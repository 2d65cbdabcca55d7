// What changed between two releases: steps, texts (per language, as "<namespace>:<key>") and the
// directory (areas and windows by their codes). Pure; the admin API shows it and publishing
// writes its summary to the audit log.
import { flatten } from "../i18n/localeCheck.ts";
import { SOURCE_HASHES } from "../translations/translationSources.ts";
import type { ReleaseContent } from "./releaseContent.ts";

export interface Changes {
  added: string[];
  removed: string[];
  changed: string[];
}

export interface ReleaseDiff {
  steps: Changes;
  /** Option sets and the flow's other parts (dangers, safetyCheck, id, version). */
  flow: Changes;
  /** By language; a language whose texts did not change is absent. */
  texts: Record<string, Changes>;
  glossary: Changes;
  directory: { areas: Changes; windows: Changes; settings: Changes };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Compares two keyed collections. */
function compare(before: Map<string, unknown>, after: Map<string, unknown>): Changes {
  const out: Changes = { added: [], removed: [], changed: [] };
  for (const [k, v] of after) {
    if (!before.has(k)) out.added.push(k);
    else if (!same(before.get(k), v)) out.changed.push(k);
  }
  for (const k of before.keys()) if (!after.has(k)) out.removed.push(k);
  return out;
}

const byKey = (list: unknown, key: string): Map<string, unknown> =>
  new Map((Array.isArray(list) ? list : []).map((x, i) => [String((x as Record<string, unknown>)?.[key] ?? `#${i}`), x]));

const entries = (obj: unknown, skip: string[] = []): Map<string, unknown> =>
  new Map(Object.entries((obj ?? {}) as Record<string, unknown>).filter(([k]) => !skip.includes(k)));

function texts(bundles: ReleaseContent["locales"], lang: string): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [ns, content] of Object.entries(bundles[lang] ?? {})) {
    // Which Japanese a translation was made from is bookkeeping, not a text.
    const tree = ns === "meta" ? Object.fromEntries(Object.entries(content).filter(([k]) => k !== SOURCE_HASHES)) : content;
    for (const [k, v] of flatten(tree)) out.set(`${ns}:${k}`, v);
  }
  return out;
}

const empty = (c: Changes) => c.added.length + c.removed.length + c.changed.length === 0;

export function diffReleases(from: ReleaseContent, to: ReleaseContent): ReleaseDiff {
  const langs = [...new Set([...Object.keys(from.locales), ...Object.keys(to.locales)])].sort();
  const textChanges: Record<string, Changes> = {};
  for (const lang of langs) {
    const c = compare(texts(from.locales, lang), texts(to.locales, lang));
    if (!empty(c)) textChanges[lang] = c;
  }
  const optionSets = (f: ReleaseContent["flow"]) => new Map([...entries(f.optionSets)].map(([k, v]) => [`optionSets.${k}`, v]));
  const flowRest = (f: ReleaseContent["flow"]) => new Map([...entries(f, ["steps", "optionSets"]), ...optionSets(f)]);
  return {
    steps: compare(byKey(from.flow.steps, "id"), byKey(to.flow.steps, "id")),
    flow: compare(flowRest(from.flow), flowRest(to.flow)),
    texts: textChanges,
    glossary: compare(entries(from.glossary.terms), entries(to.glossary.terms)),
    directory: {
      areas: compare(byKey(from.municipality.areas, "code"), byKey(to.municipality.areas, "code")),
      windows: compare(byKey(from.municipality.windows, "id"), byKey(to.municipality.windows, "id")),
      settings: compare(entries(from.municipality, ["areas", "windows"]), entries(to.municipality, ["areas", "windows"])),
    },
  };
}

/** Counts for the audit log: how many steps, texts and directory entries changed. */
export function diffSummary(d: ReleaseDiff): Record<string, number> {
  const n = (c: Changes) => c.added.length + c.removed.length + c.changed.length;
  return {
    steps: n(d.steps),
    flow: n(d.flow),
    texts: Object.values(d.texts).reduce((sum, c) => sum + n(c), 0),
    languages: Object.keys(d.texts).length,
    glossary: n(d.glossary),
    directory: n(d.directory.areas) + n(d.directory.windows) + n(d.directory.settings),
  };
}
