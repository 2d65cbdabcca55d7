// Labelled crisis messages (JSON lines: {"lang","text","crisis": kind|null,"note"?}) and the files
// the model is trained on. One reader for training, evaluation and tests.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { CrisisKindSchema } from "./crisisKinds.ts";

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

/** The frozen evaluation sets (never trained on): the first, test/crisis/frozen/, and the second. */
export const FROZEN_DIRS = { v1: "test/crisis/frozen", v2: "test/crisis/frozen-v2", v3: "test/crisis/frozen-v3" } as const;

/** A frozen set's files: the first set by default, or those of `dir` (absolute, or under root). */
export function frozenFiles(root = REPO_ROOT, dir: string = FROZEN_DIRS.v1): string[] {
  return jsonlIn(resolve(root, dir));
}

/** SHA-256 over the training files' paths and contents: the model file records it. */
export function corpusSha256(files: string[], root = REPO_ROOT): string {
  const h = createHash("sha256");
  for (const f of files) h.update(relative(root, f)).update("\0").update(readFileSync(f)).update("\0");
  return h.digest("hex");
}

/** A message's cross-validation fold (0…folds-1), fixed by a hash of its text. */
export function foldOf(text: string, folds = 5): number {
  return createHash("sha256").update(text).digest()[0]! % folds;
}

/** The fixed development split: about one message in five (fold 0), chosen by a hash of its text. */
export function isDevelopment(text: string): boolean {
  return foldOf(text) === 0;
}
