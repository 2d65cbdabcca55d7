// Which Japanese text each translation was made from. Beside every translation saved through the
// administrators' console (or stamped when the Japanese changes, below) the release keeps a short
// hash of the Japanese source, in the language's meta bundle: locales[lang].meta.sourceHashes
// [namespace][key]. A translation whose hash differs from the hash of today's Japanese is
// "outdated". A translation without a hash (the seed, files from the repository) counts as up to
// date. The i18n check and i18next never read meta beyond name/complete/lineLanguages, and
// diffReleases leaves sourceHashes out of the text changes.
import { createHash } from "node:crypto";
import { flatten } from "../i18n/localeCheck.ts";
import type { ReleaseContent } from "../releases/releaseContent.ts";

export const SOURCE_HASHES = "sourceHashes";
export const SOURCE_LANG = "ja";

type Tree = Record<string, unknown>;
export type TextValue = string | string[];

/** A text as one string: word lists (commands.*) one item per line. */
export const textOf = (v: unknown): string | undefined =>
  typeof v === "string" ? v : Array.isArray(v) ? v.filter((x): x is string => typeof x === "string").join("\n") : undefined;

export function sourceHash(v: unknown): string {
  return createHash("sha256").update(textOf(v) ?? "").digest("hex").slice(0, 16);
}

export type CellState = "source" | "missing" | "outdated" | "current";

/** Every key of a namespace in a language, flattened ("q.rent.text" → its value). */
export function textsOf(content: ReleaseContent, lang: string, ns: string): Map<string, unknown> {
  const bundle = content.locales[lang]?.[ns];
  return bundle ? flatten(bundle as Tree) : new Map();
}

export function recordedHash(content: ReleaseContent, lang: string, ns: string, key: string): string | undefined {
  const hashes = (content.locales[lang]?.meta as Tree | undefined)?.[SOURCE_HASHES] as Record<string, Record<string, unknown>> | undefined;
  const h = hashes?.[ns]?.[key];
  return typeof h === "string" ? h : undefined;
}

export function cellState(value: unknown, hash: string | undefined, jaValue: unknown, lang: string): CellState {
  if (lang === SOURCE_LANG) return "source";
  if (textOf(value) === undefined) return "missing";
  if (hash !== undefined && hash !== sourceHash(jaValue)) return "outdated";
  return "current";
}

const clone = <T>(x: T): T => structuredClone(x);

/** Sets one text (a dotted key) in a copy of the content; records the source hash when given. */
export function withText(content: ReleaseContent, lang: string, ns: string, key: string, value: TextValue, hash?: string): ReleaseContent {
  const next = clone(content);
  setText(next, lang, ns, key, value, hash);
  return next;
}

/** In place: for building one copy with many changes (an import). */
export function setText(content: ReleaseContent, lang: string, ns: string, key: string, value: TextValue, hash?: string): void {
  const bundles = (content.locales[lang] ??= {});
  let node = (bundles[ns] ??= {}) as Tree;
  const parts = key.split(".");
  for (const p of parts.slice(0, -1)) {
    if (!node[p] || typeof node[p] !== "object" || Array.isArray(node[p])) node[p] = {};
    node = node[p] as Tree;
  }
  node[parts.at(-1)!] = value;
  if (hash !== undefined && lang !== SOURCE_LANG) setHash(content, lang, ns, key, hash);
}

function setHash(content: ReleaseContent, lang: string, ns: string, key: string, hash: string): void {
  const meta = (content.locales[lang]!.meta ??= {}) as Tree;
  const all = (meta[SOURCE_HASHES] ??= {}) as Record<string, Record<string, string>>;
  (all[ns] ??= {})[key] = hash;
}

/**
 * When a save changes a Japanese text, the translations of that key that this save leaves alone
 * and that carry no hash yet were made from the old Japanese: record its hash, so that they show
 * as outdated whoever changed the Japanese (the flow page, the API, this page). One rule, applied
 * by saveDraft to every save.
 */
export function stampChangedSources(before: ReleaseContent, after: ReleaseContent): ReleaseContent {
  let out: ReleaseContent | null = null;
  for (const ns of Object.keys(after.locales[SOURCE_LANG] ?? {})) {
    if (ns === "meta") continue;
    const jaBefore = textsOf(before, SOURCE_LANG, ns);
    const jaAfter = textsOf(after, SOURCE_LANG, ns);
    for (const [key, was] of jaBefore) {
      if (!jaAfter.has(key) || textOf(jaAfter.get(key)) === textOf(was)) continue;
      for (const lang of Object.keys(after.locales)) {
        if (lang === SOURCE_LANG || recordedHash(after, lang, ns, key) !== undefined) continue;
        const now = textOf(textsOf(after, lang, ns).get(key));
        if (now === undefined || now !== textOf(textsOf(before, lang, ns).get(key))) continue;
        out ??= clone(after);
        setHash(out, lang, ns, key, sourceHash(was));
      }
    }
  }
  return out ?? after;
}
