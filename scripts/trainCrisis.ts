// Trains the crisis model (npm run crisis:train): reads the training corpus, holds out a fixed
// development split to choose the grading thresholds and measure, then trains on everything and
// writes src/crisis/crisisModel.json. Deterministic: the same corpus gives the same file.
import { writeFileSync } from "node:fs";
import { deflateRawSync } from "node:zlib";
import { crisisFeatures, FEATURE_BUCKETS, modelCanRead } from "../src/crisis/crisisFeatures.ts";
import { authorFolds, corpusSha256, withoutFrozen, readCorpusFile, REPO_ROOT, trainingFiles, type CorpusLine } from "../src/crisis/crisisCorpus.ts";
import { MODEL_CLASSES, MODEL_FORMAT, modelFromFile, scoreCrisis, type CrisisModel, type ModelFile, type Thresholds } from "../src/crisis/crisisModel.ts";
import { screenRules } from "../src/crisis/crisisRules.ts";
import { evaluateCrisis, falseAlarmRate, falseAlarmRateClear, formatEvaluation, recall } from "../src/crisis/evaluateCrisis.ts";
import { gradeCrisis } from "../src/crisis/gradeCrisis.ts";
import { trainSoftmax, type Example, type Trained } from "./crisis/trainSoftmax.ts";

// Epochs and L2 chosen by the cross-validation below (out-of-fold recall at the false-alarm ceiling:
// 12 epochs 88.0 %, 20 epochs 88.6 %, 20 epochs with L2 3e-5 88.3 %, near-misses weighted 3× no better).
// CRISIS_TRAIN_OPTIONS='{"l2":3e-4}' tries other settings (with CRISIS_AUTHOR_HOLDOUT, writing nothing).
const OPTIONS = { buckets: FEATURE_BUCKETS, classes: MODEL_CLASSES.length, epochs: 20, rate: 0.3, l2: 1e-4, seed: 20261203, noneWeight: 2, ...JSON.parse(process.env.CRISIS_TRAIN_OPTIONS ?? "{}") };
/**
 * How thresholds are chosen on the out-of-fold scores of the cross-validation: "possible" is the
 * lowest threshold whose false alarms (rules and model, any grade) stay within the issue's target,
 * FALSE_ALARM_CEILING. On one development split (616 near-misses) such a ceiling sat on a
 * knife-edge, so "recall minus 3 × false alarms" was used instead; over all ~3,000 near-misses of
 * the corpus one near-miss is 0.03 points and the ceiling is stable, and it states the target
 * itself rather than a price. "clear" is CHECK_BAND above "possible": a model hit in between gets
 * the gentle check question ("Are you safe right now?"), whose "no" acts like a clear hit. (Until
 * the fourth round clear was the lowest threshold whose clear-only false alarms stayed within a
 * point of the rules' own; once the rules' own rose to 4 % that put clear on possible, and the
 * check question was left to the rules' help questions and laugh markers alone.)
 */
const FALSE_ALARM_CEILING = 0.05;
const CHECK_BAND = 0.1;
/** Below this chance of any crisis the model overrules a rule (not a plan); fixed, see docs/crisis.md. */
const OVERRULE = 0.1;
/** Folds of the cross-validation that chooses the thresholds; fold 0 is the development split. */
const FOLDS = 5;
const OUT = new URL("../src/crisis/crisisModel.json", import.meta.url);

/**
 * Files trained on but never held out: short answers typed during the intake ("12.5万", "start
 * over") are a population of their own, and easy ones; in the development split they would dilute
 * the false-alarm rate the thresholds are chosen on.
 */
const TRAIN_ONLY = /short-answers\.jsonl$/u;
const trainOnly = new Set<string>();

/** The file each text was first read from: its author decides its fold. */
const fileOfText = new Map<string, string>();
/** Training texts left out because a frozen set has them too (recorded in the model file). */
let leftAsFrozen = 0;
function readCorpus(files: string[]): CorpusLine[] {
  const { kept, left } = withoutFrozen(readAll(files));
  leftAsFrozen += left;
  return kept;
}

function readAll(files: string[]): CorpusLine[] {
  const seen = new Map<string, CorpusLine>();
  for (const file of files) {
    for (const line of readCorpusFile(file)) {
      if (TRAIN_ONLY.test(file)) trainOnly.add(line.text);
      const prev = seen.get(line.text);
      if (prev && prev.crisis !== line.crisis) throw new Error(`conflicting labels (${prev.crisis} / ${line.crisis}) for a text in ${file}`);
      if (!prev) {
        seen.set(line.text, line);
        fileOfText.set(line.text, file);
      }
    }
  }
  return [...seen.values()];
}

const examplesOf = (lines: CorpusLine[]): Example[] =>
  lines.map((l) => ({ f: crisisFeatures(l.text), y: MODEL_CLASSES.indexOf(l.crisis ?? "none") }));

function quantise(t: Trained): { scale: number; q: Int8Array; bias: number[] } {
  let max = 0;
  for (const w of t.weights) max = Math.max(max, Math.abs(w));
  const scale = Number((max / 127 || 1).toPrecision(8));
  const q = new Int8Array(t.weights.length);
  for (let i = 0; i < q.length; i++) q[i] = Math.max(-127, Math.min(127, Math.round(t.weights[i]! / scale)));
  return { scale, q, bias: Array.from(t.bias, (b) => Number(b.toFixed(6))) };
}

function fileOf(t: Trained, thresholds: Thresholds, sha: string, development: Record<string, unknown>): ModelFile {
  const { scale, q, bias } = quantise(t);
  return {
    format: MODEL_FORMAT,
    corpusSha256: sha,
    buckets: FEATURE_BUCKETS,
    classes: [...MODEL_CLASSES],
    thresholds,
    scale,
    bias,
    weights: deflateRawSync(Buffer.from(q.buffer), { level: 9 }).toString("base64"),
    development,
  };
}

const GRID = Array.from({ length: 80 }, (_, i) => Math.round((0.2 + i * 0.01) * 100) / 100);

/**
 * A check across authors (CRISIS_AUTHOR_HOLDOUT=<regex on the file path>, e.g. "-1[0-3]\\.jsonl$"):
 * the matching files — written by authors the rest of the corpus never saw — are left out of
 * everything, and scored once at the end by the model trained on the rest. Out-of-fold figures
 * flatter the model (each fold has the same authors as the others); this one says how far it
 * carries to a new hand. Writes nothing.
 */
const AUTHOR_HOLDOUT = process.env.CRISIS_AUTHOR_HOLDOUT ? new RegExp(process.env.CRISIS_AUTHOR_HOLDOUT, "u") : null;
const allFiles = trainingFiles();
const files = AUTHOR_HOLDOUT ? allFiles.filter((f) => !AUTHOR_HOLDOUT.test(f)) : allFiles;
const sha = corpusSha256(files);
const corpus = readCorpus(files);
const heldOutLines = corpus.filter((l) => !trainOnly.has(l.text));
const foldOfFile = authorFolds(files, FOLDS);
const foldOf = (text: string) => foldOfFile.get(fileOfText.get(text)!)!;
const dev = heldOutLines.filter((l) => foldOf(l.text) === 0);
console.log(`left out of training because a frozen set has them: ${leftAsFrozen} texts`);
console.log(`corpus: ${corpus.length} messages (${corpus.filter((l) => l.crisis).length} crises) from ${files.length} files; ${heldOutLines.length} held out in turn over ${FOLDS} folds by author (fold 0: ${dev.length})`);

// 1. Cross-validation by author (authorFolds): each fold — the files of some authors — is scored by
// a model trained on the other authors' files (and the short answers); the thresholds are chosen on
// all these out-of-fold scores together, so they are chosen for writers the model has not seen.
const cache = new Map<string, { screen: ReturnType<typeof screenRules>; scores: ReturnType<typeof scoreCrisis> | null }>();
for (let k = 0; k < FOLDS; k++) {
  const inFold = (l: CorpusLine) => !trainOnly.has(l.text) && foldOf(l.text) === k;
  const foldModel: CrisisModel = modelFromFile(fileOf(trainSoftmax(examplesOf(corpus.filter((l) => !inFold(l))), OPTIONS), { possible: 0.5, clear: 0.5, overrule: OVERRULE }, sha, {}));
  for (const l of corpus.filter(inFold)) cache.set(l.text, { screen: screenRules(l.text), scores: modelCanRead(l.text) ? scoreCrisis(foldModel, l.text) : null });
  console.log(`fold ${k + 1}/${FOLDS} scored`);
}
const detectWith = (th: Thresholds) => (text: string) => {
  const c = cache.get(text)!;
  return gradeCrisis(c.screen, c.scores, th);
};
const overall = (th: Thresholds) => evaluateCrisis(heldOutLines, detectWith(th)).at(-1)!;
const rulesOnly = evaluateCrisis(heldOutLines, (text) => (cache.get(text)!.screen.hit ? { ...cache.get(text)!.screen.hit!, certainty: "clear" } : null)).at(-1)!;
const curve = GRID.map((t) => ({ t, r: overall({ possible: t, clear: 1.01, overrule: OVERRULE }) }));
console.log(`threshold → recall / false alarms (out of fold): ${curve.filter((_, i) => i % 4 === 0).map(({ t, r }) => `${t} ${(100 * recall(r)).toFixed(1)}/${(100 * falseAlarmRate(r)).toFixed(1)}`).join(", ")}`);
const possible = curve.find(({ r }) => falseAlarmRate(r) <= FALSE_ALARM_CEILING)?.t ?? GRID.at(-1)!;
const clear = Math.min(0.99, Math.round((possible + CHECK_BAND) * 100) / 100);
const thresholds = { possible, clear, overrule: OVERRULE };
const rows = evaluateCrisis(heldOutLines, detectWith(thresholds));
const devRows = evaluateCrisis(dev, detectWith(thresholds));
console.log(`thresholds: possible ${possible}, clear ${clear}, overrule ${OVERRULE}\nall folds, each scored by a model that did not train on it:\n${formatEvaluation(rows)}`);
console.log(`fold 0 alone:\n${formatEvaluation(devRows)}`);
console.log(`rules alone, all folds: recall ${(100 * recall(rulesOnly)).toFixed(1)}%, false alarms ${(100 * falseAlarmRate(rulesOnly)).toFixed(1)}%`);

// 2. Train on everything with the same settings; keep the thresholds chosen above.
const trained = trainSoftmax(examplesOf(corpus), OPTIONS);
if (AUTHOR_HOLDOUT) {
  const known = new Set(corpus.map((l) => l.text));
  const holdout = readCorpus(allFiles.filter((f) => AUTHOR_HOLDOUT.test(f))).filter((l) => !known.has(l.text));
  const m = modelFromFile(fileOf(trained, thresholds, sha, {}));
  // Scored once into the same cache the folds use, then graded at any thresholds (detectWith).
  for (const l of holdout) cache.set(l.text, { screen: screenRules(l.text), scores: modelCanRead(l.text) ? scoreCrisis(m, l.text) : null });
  const detect = detectWith(thresholds);
  // For comparing settings only: recall on the held-out files where their own false alarms reach 5 %.
  const at = (t: number) => evaluateCrisis(holdout, detectWith({ ...thresholds, possible: t, clear: t })).at(-1)!;
  const best = GRID.map((t) => ({ t, r: at(t) })).find(({ r }) => falseAlarmRate(r) <= FALSE_ALARM_CEILING);
  if (process.env.CRISIS_MISSES) {
    const wrong = holdout.filter((l) => Boolean(detect(l.text)) !== Boolean(l.crisis));
    writeFileSync(process.env.CRISIS_MISSES, wrong.map((l) => JSON.stringify({ ...l, got: detect(l.text)?.kind ?? null })).join("\n") + "\n");
  }
  if (best) console.log(`across authors, at the threshold (${best.t}) where their false alarms reach 5 %: recall ${(100 * recall(best.r)).toFixed(1)}%, false alarms ${(100 * falseAlarmRate(best.r)).toFixed(1)}%`);
  console.log(`across authors: ${holdout.length} messages of the held-out files, scored by the model trained on the rest:\n${formatEvaluation(evaluateCrisis(holdout, detect))}`);
  process.exit(0);
}
const model = fileOf(trained, thresholds, sha, {
  note: `out-of-fold figures (${FOLDS}-fold cross-validation) at these thresholds; devRows: fold 0 alone; folds by author`,
  options: OPTIONS,
  rows,
  devRows,
  rulesOnly,
  leftAsFrozen,
});
writeFileSync(OUT, JSON.stringify(model, null, 1) + "\n");
console.log(`wrote ${OUT.pathname.replace(REPO_ROOT, "")} (${Math.round(JSON.stringify(model).length / 1024)} KiB)`);
