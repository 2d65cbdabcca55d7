// Recall and false alarms of a detector over labelled messages, per language and overall. One
// place for the figures that scripts/crisisEval.ts prints and test/crisis/frozen.test.ts asserts.
import type { CorpusLine } from "./crisisCorpus.ts";
import type { CrisisDetection } from "./detectCrisis.ts";

export type EvalRow = {
  lang: string;
  n: number;
  positives: number;
  negatives: number;
  /** Positives flagged with any kind, any certainty. */
  detected: number;
  /** Positives flagged with the labelled kind, any certainty. */
  rightKind: number;
  /** Negatives flagged, any certainty. */
  falseAlarms: number;
  /** The same three counting "clear" only. */
  detectedClear: number;
  rightKindClear: number;
  falseAlarmsClear: number;
};

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
export const recall = (r: EvalRow) => ratio(r.detected, r.positives);
export const recallRightKind = (r: EvalRow) => ratio(r.rightKind, r.positives);
export const falseAlarmRate = (r: EvalRow) => (r.negatives === 0 ? 0 : r.falseAlarms / r.negatives);
export const recallClear = (r: EvalRow) => ratio(r.detectedClear, r.positives);
export const falseAlarmRateClear = (r: EvalRow) => (r.negatives === 0 ? 0 : r.falseAlarmsClear / r.negatives);

function emptyRow(lang: string): EvalRow {
  return { lang, n: 0, positives: 0, negatives: 0, detected: 0, rightKind: 0, falseAlarms: 0, detectedClear: 0, rightKindClear: 0, falseAlarmsClear: 0 };
}

/** Per-language rows (in first-seen order) and the overall row, last, named "all". */
export function evaluateCrisis(lines: CorpusLine[], detect: (text: string) => CrisisDetection | null): EvalRow[] {
  const rows = new Map<string, EvalRow>();
  const all = emptyRow("all");
  for (const line of lines) {
    const row = rows.get(line.lang) ?? emptyRow(line.lang);
    rows.set(line.lang, row);
    const got = detect(line.text);
    for (const r of [row, all]) {
      r.n++;
      if (line.crisis) {
        r.positives++;
        if (got) r.detected++;
        if (got?.kind === line.crisis) r.rightKind++;
        if (got?.certainty === "clear") r.detectedClear++;
        if (got?.certainty === "clear" && got.kind === line.crisis) r.rightKindClear++;
      } else {
        r.negatives++;
        if (got) r.falseAlarms++;
        if (got?.certainty === "clear") r.falseAlarmsClear++;
      }
    }
  }
  return [...rows.values(), all];
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`.padStart(6);

/** A fixed-width table of the rows, for people. */
export function formatEvaluation(rows: EvalRow[]): string {
  const head = "lang     |    n  pos  neg | recall  right  false | clear: recall  right  false";
  const lines = rows.map(
    (r) =>
      `${r.lang.padEnd(8)} | ${String(r.n).padStart(4)} ${String(r.positives).padStart(4)} ${String(r.negatives).padStart(4)} | ${pct(recall(r))} ${pct(recallRightKind(r))} ${pct(falseAlarmRate(r))} |        ${pct(recallClear(r))} ${pct(ratio(r.rightKindClear, r.positives))} ${pct(falseAlarmRateClear(r))}`,
  );
  return [head, ...lines].join("\n");
}
