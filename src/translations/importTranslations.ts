// An import of one language's texts (XLIFF 2.0 or CSV) into the draft: every unit or row is
// checked first — a known key, the Japanese placeholders, the rules of checkTranslation — and one
// problem anywhere refuses the whole file, each problem with its line; nothing changes. A good
// file becomes one new content (saved by the caller in one save). Empty targets are skipped (not
// translated yet). The source a translator worked from is remembered as the translation's source
// hash: a file made before the Japanese changed imports as outdated.
import type { ReleaseContent } from "../releases/releaseContent.ts";
import { checkTranslation, valueFromText, type TextProblem } from "./checkTranslation.ts";
import { CsvError, readCsv } from "./translationCsv.ts";
import { recordedHash, setText, SOURCE_LANG, sourceHash, textOf, textsOf, type TextValue } from "./translationSources.ts";
import { readXliff, XliffError } from "./xliff.ts";

export type ImportFormat = "xliff" | "csv";

export type ImportProblem =
  | { line: number; key?: string; code: "malformed" | "dtd" | "entity" | "notXliff" | "version" | "header" | "columns" | "unknownKey" | "duplicate" | "markup" | "noTexts" }
  | { line: number; code: "srcLang" | "trgLang" | "namespace"; value: string }
  | { line: number; key: string; code: "text"; problem: TextProblem };

export interface ImportChange {
  key: string;
  before: TextValue | null;
  after: TextValue;
}

export type ImportResult =
  | { ok: true; format: ImportFormat; lang: string; ns: string; content: ReleaseContent; changes: ImportChange[] }
  | { ok: false; format: ImportFormat; problems: ImportProblem[] };

interface Entry {
  line: number;
  key: string;
  source?: string;
  target?: string;
  markup?: boolean;
}

export const detectFormat = (text: string): ImportFormat => (/^\uFEFF?\s*</.test(text) ? "xliff" : "csv");

/** Languages that have the namespace and may be imported into (every one but the source). */
export const targetLanguages = (content: ReleaseContent, ns: string) =>
  Object.keys(content.locales).filter((l) => l !== SOURCE_LANG && content.locales[l]?.meta !== undefined && content.locales[l]?.[ns] !== undefined);

export function planImport(content: ReleaseContent, text: string, defaultNs: string): ImportResult {
  const format = detectFormat(text);
  const read = format === "xliff" ? fromXliff(content, text, defaultNs) : fromCsv(content, text, defaultNs);
  if ("problems" in read) return { ok: false, format, problems: read.problems };
  const { lang, ns, entries } = read;
  const problems: ImportProblem[] = [];
  const ja = textsOf(content, SOURCE_LANG, ns);
  const current = textsOf(content, lang, ns);
  const next = structuredClone(content);
  const changes: ImportChange[] = [];
  const seen = new Set<string>();
  for (const e of entries) {
    if (!ja.has(e.key)) {
      problems.push({ line: e.line, key: e.key, code: "unknownKey" });
      continue;
    }
    if (seen.has(e.key)) {
      problems.push({ line: e.line, key: e.key, code: "duplicate" });
      continue;
    }
    seen.add(e.key);
    if (e.markup) {
      problems.push({ line: e.line, key: e.key, code: "markup" });
      continue;
    }
    if (e.target === undefined || e.target.trim() === "") continue;
    const jaValue = ja.get(e.key);
    const value = valueFromText(e.target, jaValue);
    const source = e.source?.replace(/\r\n?/g, "\n");
    const hash = source === undefined || source === textOf(jaValue) ? sourceHash(jaValue) : sourceHash(source);
    const before = current.get(e.key);
    const sameText = textOf(before) === textOf(value);
    // Unchanged and from the same Japanese (a text without a hash counts as made from today's).
    if (sameText && (recordedHash(content, lang, ns, e.key) ?? sourceHash(jaValue)) === hash) continue;
    if (!sameText) {
      for (const problem of checkTranslation(content, { lang, ns, key: e.key, value, jaValue })) problems.push({ line: e.line, key: e.key, code: "text", problem });
    }
    setText(next, lang, ns, e.key, value, hash);
    changes.push({ key: e.key, before: (before as TextValue | undefined) ?? null, after: value });
  }
  if (problems.length > 0) return { ok: false, format, problems };
  return { ok: true, format, lang, ns, content: next, changes };
}

type Read = { lang: string; ns: string; entries: Entry[] } | { problems: ImportProblem[] };

function fromXliff(content: ReleaseContent, text: string, defaultNs: string): Read {
  let doc;
  try {
    doc = readXliff(text);
  } catch (err) {
    if (err instanceof XliffError) return { problems: [{ line: err.line, code: err.reason }] };
    throw err;
  }
  const problems: ImportProblem[] = [];
  if (!/^2\.\d$/.test(doc.version)) problems.push({ line: 1, code: "version" });
  if (doc.srcLang !== SOURCE_LANG) problems.push({ line: 1, code: "srcLang", value: doc.srcLang });
  const files = [...new Set(doc.units.map((u) => u.file || defaultNs))];
  if (files.length > 1) problems.push({ line: 1, code: "namespace", value: files.join(", ") });
  const ns = files[0] ?? defaultNs;
  if (content.locales[SOURCE_LANG]?.[ns] === undefined || ns === "meta") problems.push({ line: 1, code: "namespace", value: ns });
  else if (!targetLanguages(content, ns).includes(doc.trgLang)) problems.push({ line: 1, code: "trgLang", value: doc.trgLang });
  if (doc.units.length === 0) problems.push({ line: 1, code: "noTexts" });
  if (problems.length > 0) return { problems };
  return { lang: doc.trgLang, ns, entries: doc.units.map((u) => ({ line: u.line, key: u.id, source: u.source, target: u.target, markup: u.markup })) };
}

function fromCsv(content: ReleaseContent, text: string, ns: string): Read {
  let records;
  try {
    records = readCsv(text);
  } catch (err) {
    if (err instanceof CsvError) return { problems: [{ line: err.line, code: "malformed" }] };
    throw err;
  }
  const [header, ...rows] = records;
  if (!header || header.fields.length !== 3 || header.fields[0]!.trim() !== "key" || header.fields[1]!.trim() !== SOURCE_LANG) {
    return { problems: [{ line: header?.line ?? 1, code: "header" }] };
  }
  const lang = header.fields[2]!.trim();
  if (!targetLanguages(content, ns).includes(lang)) return { problems: [{ line: header.line, code: "trgLang", value: lang }] };
  const problems: ImportProblem[] = [];
  const entries: Entry[] = [];
  for (const r of rows) {
    if (r.fields.length !== 3) problems.push({ line: r.line, key: r.fields[0], code: "columns" });
    else entries.push({ line: r.line, key: r.fields[0]!.trim(), source: r.fields[1], target: r.fields[2] });
  }
  if (rows.length === 0) problems.push({ line: header.line, code: "noTexts" });
  return problems.length > 0 ? { problems } : { lang, ns, entries };
}
