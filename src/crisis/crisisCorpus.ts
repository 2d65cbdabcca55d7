// Labelled crisis messages (JSON lines: {"lang","text","crisis": kind|null,"note"?}) and the files
// the model is trained on. One reader for training, evaluation and tests.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { CrisisKindSchema } from "./crisisKinds.ts";
import { normalizeForCrisis } from "./normalizeForCrisis.ts";

export const LOCALES = ["ja", "ja-easy", "en", "zh-Hans", "zh-Hant", "ko", "vi", "pt-BR", "es", "tl", "ne", "id", "th", "my"] as const;

export const CorpusLineSchema = z.object({
  lang: z.enum(LOCALES),
  text: z.string().min(1),
  crisis: CrisisKindSchema.nullable(),
  note: z.string().optional(),
});
export type CorpusLine = z.infer<typeof CorpusLineSchema>;

export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Reads one JSONL file; a bad line fails with its file and line number (never its text). */
export function readCorpusFile(path: string): CorpusLine[] {
  const out: CorpusLine[] = [];
  readFileSync(path, "utf8")
    .split("\n")
    .forEach((line, i) => {
      if (line.trim() === "") return;
      const parsed = CorpusLineSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${relative(REPO_ROOT, path)}:${i + 1}: ${parsed.error.issues.map((x) => x.path.join(".") + " " + x.code).join(", ")}`);
      out.push(parsed.data);
    });
  return out;
}

function jsonlIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".jsonl"))
    .sort()
    .map((f) => join(dir, f));
}

/** The training files, in a fixed order: the training corpus, the rules' corpus, the shared sample. */
export function trainingFiles(root = REPO_ROOT): string[] {
  return [
    ...jsonlIn(join(root, "corpus/crisis/train")),
    join(root, "test/crisis/corpus.jsonl"),
    join(root, "test/fixtures/shared/cases/crisis-sample.jsonl"),
  ];
}

/** The frozen evaluation sets (never trained on), in the order they were written. */
export const FROZEN_DIRS = { v1: "test/crisis/frozen", v2: "test/crisis/frozen-v2", v3: "test/crisis/frozen-v3", v4: "test/crisis/frozen-v4", v5: "test/crisis/frozen-v5" } as const;

/** A frozen set's files: the first set by default, or those of `dir` (absolute, or under root). */
export function frozenFiles(root = REPO_ROOT, dir: string = FROZEN_DIRS.v1): string[] {
  return jsonlIn(resolve(root, dir));
}

/**
 * What makes two texts the same message for keeping the frozen sets apart: normalised (case,
 * width, repeated letters) with spaces, punctuation and symbols dropped.
 */
export const sameMessageKey = (text: string): string => normalizeForCrisis(text).replace(/[\s\p{P}\p{S}]+/gu, "");

/**
 * The training lines without any text that is also in a frozen set. Authors who write
 * independently can hit on the same short message ("help me"); such a text is left out of
 * training — never moved the other way — so no frozen figure is flattered by it.
 */
export function withoutFrozen(lines: CorpusLine[], root = REPO_ROOT): { kept: CorpusLine[]; left: number } {
  const frozen = new Set(Object.values(FROZEN_DIRS).flatMap((dir) => frozenFiles(root, dir).flatMap((f) => readCorpusFile(f).map((l) => sameMessageKey(l.text)))));
  const kept = lines.filter((l) => !frozen.has(sameMessageKey(l.text)));
  return { kept, left: lines.length - kept.length };
}

/** SHA-256 over the training files' paths and contents: the model file records it. */
export function corpusSha256(files: string[], root = REPO_ROOT): string {
  const h = createHash("sha256");
  for (const f of files) h.update(relative(root, f)).update("\0").update(readFileSync(f)).update("\0");
  return h.digest("hex");
}

/**
 * Who wrote a training file, as far as the file says: the number after the language
 * (`ja-12.jsonl` → "12"), "" for the first files (`ja.jsonl`), or the file's own name for the
 * rules' corpus and the shared sample. Each number is one writing session (docs/crisis.md).
 */
export function authorOf(file: string): string {
  const name = file.replace(/^.*\//u, "");
  if (!/\/corpus\/crisis\/train\//u.test(file)) return name;
  return /-(\d+)\.jsonl$/u.exec(name)?.[1] ?? "";
}

/**
 * Cross-validation folds by author: every file of one author falls in one fold, so a fold is
 * scored by a model that never saw its writers — as the frozen sets and residents are. Folds by a
 * hash of the text (until the fourth round) let every author's habits into every training fold,
 * and flattered the model: the thresholds they chose were too cautious for a new hand.
 */
export function authorFolds(files: string[], folds = 5): Map<string, number> {
  const authors = [...new Set(files.map(authorOf))].sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
  return new Map(files.map((f) => [f, authors.indexOf(authorOf(f)) % folds]));
}
