// The frozen evaluation sets, never trained on: the first (test/crisis/frozen/), the second
// (test/crisis/frozen-v2/), the third (test/crisis/frozen-v3/) and the fourth (frozen-v4/), each
// written on 2026-12-03 by two or three helpers who had not seen the rules,
// the training corpus or the detector. The detector's recall and false alarms per language are
// asserted at the levels measured (docs/crisis.md) so that a regression fails.
import { describe, expect, it } from "vitest";
import { FROZEN_DIRS, frozenFiles, LOCALES, readCorpusFile } from "../../src/crisis/crisisCorpus.ts";
import { detectCrisis } from "../../src/crisis/detectCrisis.ts";
import { evaluateCrisis, formatEvaluation, type EvalRow } from "../../src/crisis/evaluateCrisis.ts";

type Level = Pick<EvalRow, "positives" | "negatives" | "detected" | "rightKind" | "falseAlarms" | "detectedClear" | "falseAlarmsClear">;

/**
 * Counts of the shipped model (fourth round, folds by author) on 2026-12-03; detections may rise,
 * false alarms may fall. v4: its one and only scoring, the honest figure of the fourth round. v3,
 * v2 and v1: scored again for comparison only (spent; docs/crisis.md).
 */
const MEASURED: Record<keyof typeof FROZEN_DIRS, Record<string, Level>> = {
  v4: {
    "en": { positives: 48, negatives: 25, detected: 47, rightKind: 45, falseAlarms: 0, detectedClear: 47, falseAlarmsClear: 0 },
    "es": { positives: 50, negatives: 24, detected: 47, rightKind: 44, falseAlarms: 0, detectedClear: 45, falseAlarmsClear: 0 },
    "id": { positives: 47, negatives: 25, detected: 47, rightKind: 47, falseAlarms: 1, detectedClear: 44, falseAlarmsClear: 1 },
    "ja-easy": { positives: 48, negatives: 23, detected: 46, rightKind: 44, falseAlarms: 2, detectedClear: 43, falseAlarmsClear: 2 },
    "ja": { positives: 48, negatives: 24, detected: 46, rightKind: 44, falseAlarms: 0, detectedClear: 45, falseAlarmsClear: 0 },
    "ko": { positives: 50, negatives: 25, detected: 50, rightKind: 48, falseAlarms: 0, detectedClear: 48, falseAlarmsClear: 0 },
    "my": { positives: 47, negatives: 25, detected: 42, rightKind: 38, falseAlarms: 1, detectedClear: 40, falseAlarmsClear: 1 },
    "ne": { positives: 47, negatives: 25, detected: 42, rightKind: 40, falseAlarms: 1, detectedClear: 40, falseAlarmsClear: 1 },
    "pt-BR": { positives: 50, negatives: 24, detected: 46, rightKind: 45, falseAlarms: 0, detectedClear: 46, falseAlarmsClear: 0 },
    "th": { positives: 47, negatives: 25, detected: 47, rightKind: 46, falseAlarms: 3, detectedClear: 47, falseAlarmsClear: 3 },
    "tl": { positives: 50, negatives: 24, detected: 46, rightKind: 43, falseAlarms: 0, detectedClear: 45, falseAlarmsClear: 0 },
    "vi": { positives: 50, negatives: 24, detected: 48, rightKind: 44, falseAlarms: 0, detectedClear: 46, falseAlarmsClear: 0 },
    "zh-Hans": { positives: 48, negatives: 24, detected: 45, rightKind: 41, falseAlarms: 1, detectedClear: 40, falseAlarmsClear: 1 },
    "zh-Hant": { positives: 48, negatives: 25, detected: 44, rightKind: 38, falseAlarms: 0, detectedClear: 43, falseAlarmsClear: 0 },
    "all": { positives: 678, negatives: 342, detected: 643, rightKind: 607, falseAlarms: 9, detectedClear: 619, falseAlarmsClear: 9 },
  },
  v3: {
    "en": { positives: 45, negatives: 24, detected: 44, rightKind: 40, falseAlarms: 1, detectedClear: 43, falseAlarmsClear: 1 },
    "es": { positives: 58, negatives: 34, detected: 54, rightKind: 51, falseAlarms: 4, detectedClear: 53, falseAlarmsClear: 3 },
    "id": { positives: 58, negatives: 34, detected: 56, rightKind: 55, falseAlarms: 2, detectedClear: 53, falseAlarmsClear: 1 },
    "ja-easy": { positives: 42, negatives: 24, detected: 38, rightKind: 35, falseAlarms: 0, detectedClear: 36, falseAlarmsClear: 0 },
    "ja": { positives: 48, negatives: 24, detected: 44, rightKind: 42, falseAlarms: 1, detectedClear: 43, falseAlarmsClear: 1 },
    "ko": { positives: 45, negatives: 24, detected: 45, rightKind: 42, falseAlarms: 2, detectedClear: 45, falseAlarmsClear: 2 },
    "my": { positives: 58, negatives: 33, detected: 53, rightKind: 49, falseAlarms: 0, detectedClear: 53, falseAlarmsClear: 0 },
    "ne": { positives: 58, negatives: 33, detected: 55, rightKind: 49, falseAlarms: 0, detectedClear: 48, falseAlarmsClear: 0 },
    "pt-BR": { positives: 59, negatives: 34, detected: 57, rightKind: 55, falseAlarms: 2, detectedClear: 55, falseAlarmsClear: 2 },
    "th": { positives: 58, negatives: 33, detected: 55, rightKind: 54, falseAlarms: 0, detectedClear: 53, falseAlarmsClear: 0 },
    "tl": { positives: 58, negatives: 34, detected: 56, rightKind: 55, falseAlarms: 0, detectedClear: 55, falseAlarmsClear: 0 },
    "vi": { positives: 45, negatives: 24, detected: 43, rightKind: 42, falseAlarms: 2, detectedClear: 41, falseAlarmsClear: 2 },
    "zh-Hans": { positives: 45, negatives: 24, detected: 45, rightKind: 42, falseAlarms: 1, detectedClear: 45, falseAlarmsClear: 1 },
    "zh-Hant": { positives: 45, negatives: 24, detected: 41, rightKind: 39, falseAlarms: 3, detectedClear: 40, falseAlarmsClear: 3 },
    "all": { positives: 722, negatives: 403, detected: 686, rightKind: 650, falseAlarms: 18, detectedClear: 663, falseAlarmsClear: 16 },
  },
  v2: {
    "en": { positives: 34, negatives: 20, detected: 33, rightKind: 32, falseAlarms: 2, detectedClear: 32, falseAlarmsClear: 1 },
    "es": { positives: 30, negatives: 21, detected: 30, rightKind: 29, falseAlarms: 0, detectedClear: 30, falseAlarmsClear: 0 },
    "id": { positives: 30, negatives: 20, detected: 30, rightKind: 29, falseAlarms: 0, detectedClear: 29, falseAlarmsClear: 0 },
    "ja-easy": { positives: 31, negatives: 19, detected: 27, rightKind: 25, falseAlarms: 0, detectedClear: 27, falseAlarmsClear: 0 },
    "ja": { positives: 33, negatives: 20, detected: 31, rightKind: 31, falseAlarms: 0, detectedClear: 28, falseAlarmsClear: 0 },
    "ko": { positives: 32, negatives: 18, detected: 32, rightKind: 31, falseAlarms: 0, detectedClear: 32, falseAlarmsClear: 0 },
    "my": { positives: 31, negatives: 20, detected: 31, rightKind: 29, falseAlarms: 0, detectedClear: 31, falseAlarmsClear: 0 },
    "ne": { positives: 31, negatives: 20, detected: 30, rightKind: 30, falseAlarms: 1, detectedClear: 27, falseAlarmsClear: 1 },
    "pt-BR": { positives: 32, negatives: 20, detected: 31, rightKind: 30, falseAlarms: 0, detectedClear: 31, falseAlarmsClear: 0 },
    "th": { positives: 30, negatives: 20, detected: 29, rightKind: 27, falseAlarms: 0, detectedClear: 29, falseAlarmsClear: 0 },
    "tl": { positives: 30, negatives: 20, detected: 30, rightKind: 28, falseAlarms: 0, detectedClear: 30, falseAlarmsClear: 0 },
    "vi": { positives: 32, negatives: 18, detected: 31, rightKind: 29, falseAlarms: 0, detectedClear: 31, falseAlarmsClear: 0 },
    "zh-Hans": { positives: 32, negatives: 20, detected: 32, rightKind: 32, falseAlarms: 0, detectedClear: 32, falseAlarmsClear: 0 },
    "zh-Hant": { positives: 32, negatives: 18, detected: 32, rightKind: 29, falseAlarms: 0, detectedClear: 30, falseAlarmsClear: 0 },
    "all": { positives: 440, negatives: 274, detected: 429, rightKind: 411, falseAlarms: 3, detectedClear: 419, falseAlarmsClear: 2 },
  },
  v1: {
    "en": { positives: 34, negatives: 20, detected: 34, rightKind: 32, falseAlarms: 0, detectedClear: 31, falseAlarmsClear: 0 },
    "es": { positives: 31, negatives: 21, detected: 30, rightKind: 29, falseAlarms: 1, detectedClear: 28, falseAlarmsClear: 1 },
    "id": { positives: 31, negatives: 21, detected: 31, rightKind: 30, falseAlarms: 0, detectedClear: 28, falseAlarmsClear: 0 },
    "ja-easy": { positives: 32, negatives: 18, detected: 28, rightKind: 27, falseAlarms: 0, detectedClear: 28, falseAlarmsClear: 0 },
    "ja": { positives: 36, negatives: 20, detected: 34, rightKind: 33, falseAlarms: 0, detectedClear: 33, falseAlarmsClear: 0 },
    "ko": { positives: 32, negatives: 20, detected: 32, rightKind: 31, falseAlarms: 1, detectedClear: 32, falseAlarmsClear: 1 },
    "my": { positives: 31, negatives: 20, detected: 31, rightKind: 28, falseAlarms: 0, detectedClear: 28, falseAlarmsClear: 0 },
    "ne": { positives: 31, negatives: 21, detected: 30, rightKind: 25, falseAlarms: 1, detectedClear: 26, falseAlarmsClear: 1 },
    "pt-BR": { positives: 31, negatives: 21, detected: 30, rightKind: 29, falseAlarms: 0, detectedClear: 29, falseAlarmsClear: 0 },
    "th": { positives: 31, negatives: 20, detected: 29, rightKind: 27, falseAlarms: 1, detectedClear: 27, falseAlarmsClear: 1 },
    "tl": { positives: 31, negatives: 20, detected: 31, rightKind: 30, falseAlarms: 0, detectedClear: 30, falseAlarmsClear: 0 },
    "vi": { positives: 32, negatives: 20, detected: 32, rightKind: 30, falseAlarms: 0, detectedClear: 32, falseAlarmsClear: 0 },
    "zh-Hans": { positives: 32, negatives: 19, detected: 31, rightKind: 30, falseAlarms: 0, detectedClear: 31, falseAlarmsClear: 0 },
    "zh-Hant": { positives: 32, negatives: 20, detected: 31, rightKind: 30, falseAlarms: 0, detectedClear: 31, falseAlarmsClear: 0 },
    "all": { positives: 447, negatives: 281, detected: 434, rightKind: 411, falseAlarms: 4, detectedClear: 414, falseAlarmsClear: 4 },
  },

};

describe.each(Object.keys(MEASURED) as (keyof typeof FROZEN_DIRS)[])("the frozen evaluation set %s", (set) => {
  const lines = frozenFiles(undefined, FROZEN_DIRS[set]).flatMap((f) => readCorpusFile(f));
  const rows = evaluateCrisis(lines, detectCrisis);
  const byLang = new Map(rows.map((r) => [r.lang, r]));
  const measured = MEASURED[set];

  it("covers the 14 languages with at least 40 messages each, and prints the figures", () => {
    console.log(`crisis detection on the frozen set ${set} (any certainty | clear only):\n${formatEvaluation(rows)}`);
    for (const lang of LOCALES) expect(byLang.get(lang)?.n ?? 0, lang).toBeGreaterThanOrEqual(40);
  });

  it.each(Object.keys(measured))("when %s is screened, then recall and false alarms stay at least as good as measured", (lang) => {
    const want = measured[lang]!;
    const got = byLang.get(lang)!;
    expect({ positives: got.positives, negatives: got.negatives }, "the frozen set changed").toEqual({ positives: want.positives, negatives: want.negatives });
    expect(got.detected, "crises detected (any kind, any certainty)").toBeGreaterThanOrEqual(want.detected);
    expect(got.rightKind, "crises detected with the right kind").toBeGreaterThanOrEqual(want.rightKind);
    expect(got.detectedClear, "crises detected as clear").toBeGreaterThanOrEqual(want.detectedClear);
    expect(got.falseAlarms, "false alarms (any certainty)").toBeLessThanOrEqual(want.falseAlarms);
    expect(got.falseAlarmsClear, "false alarms (clear)").toBeLessThanOrEqual(want.falseAlarmsClear);
  });
});
