// The frozen evaluation sets, never trained on: the first (test/crisis/frozen/), the second
// (test/crisis/frozen-v2/), the third (frozen-v3/), the fourth (frozen-v4/) and the fifth
// (frozen-v5/), each written on 2026-12-03 by two or three helpers who had not seen the rules,
// the training corpus or the detector. The detector's recall and false alarms per language are
// asserted at the levels measured (docs/crisis.md) so that a regression fails.
import { describe, expect, it } from "vitest";
import { FROZEN_DIRS, frozenFiles, LOCALES, readCorpusFile } from "../../src/crisis/crisisCorpus.ts";
import { detectCrisis } from "../../src/crisis/detectCrisis.ts";
import { evaluateCrisis, formatEvaluation, type EvalRow } from "../../src/crisis/evaluateCrisis.ts";

type Level = Pick<EvalRow, "positives" | "negatives" | "detected" | "rightKind" | "falseAlarms" | "detectedClear" | "falseAlarmsClear">;

/**
 * Counts of the shipped model (fifth round, folds by author) on 2026-12-03; detections may rise,
 * false alarms may fall. v5: its one and only scoring, the honest figure of the fifth round. v4
 * (honest figure of the fourth round), v3, v2 and v1: scored again for comparison only (spent;
 * docs/crisis.md).
 */
const MEASURED: Record<keyof typeof FROZEN_DIRS, Record<string, Level>> = {
  v5: {
    "en": { positives: 44, negatives: 24, detected: 43, rightKind: 42, falseAlarms: 0, detectedClear: 42, falseAlarmsClear: 0 },
    "es": { positives: 42, negatives: 24, detected: 41, rightKind: 41, falseAlarms: 1, detectedClear: 38, falseAlarmsClear: 0 },
    "id": { positives: 45, negatives: 24, detected: 45, rightKind: 44, falseAlarms: 0, detectedClear: 44, falseAlarmsClear: 0 },
    "ja-easy": { positives: 42, negatives: 23, detected: 42, rightKind: 40, falseAlarms: 0, detectedClear: 40, falseAlarmsClear: 0 },
    "ja": { positives: 45, negatives: 24, detected: 45, rightKind: 43, falseAlarms: 0, detectedClear: 43, falseAlarmsClear: 0 },
    "ko": { positives: 42, negatives: 24, detected: 41, rightKind: 40, falseAlarms: 1, detectedClear: 39, falseAlarmsClear: 0 },
    "my": { positives: 44, negatives: 23, detected: 42, rightKind: 39, falseAlarms: 1, detectedClear: 40, falseAlarmsClear: 1 },
    "ne": { positives: 47, negatives: 25, detected: 43, rightKind: 40, falseAlarms: 2, detectedClear: 40, falseAlarmsClear: 2 },
    "pt-BR": { positives: 42, negatives: 24, detected: 42, rightKind: 40, falseAlarms: 0, detectedClear: 41, falseAlarmsClear: 0 },
    "th": { positives: 45, negatives: 23, detected: 40, rightKind: 39, falseAlarms: 1, detectedClear: 40, falseAlarmsClear: 1 },
    "tl": { positives: 42, negatives: 24, detected: 41, rightKind: 41, falseAlarms: 0, detectedClear: 38, falseAlarmsClear: 0 },
    "vi": { positives: 42, negatives: 24, detected: 40, rightKind: 37, falseAlarms: 0, detectedClear: 38, falseAlarmsClear: 0 },
    "zh-Hans": { positives: 42, negatives: 23, detected: 41, rightKind: 39, falseAlarms: 0, detectedClear: 41, falseAlarmsClear: 0 },
    "zh-Hant": { positives: 43, negatives: 23, detected: 43, rightKind: 42, falseAlarms: 0, detectedClear: 41, falseAlarmsClear: 0 },
    "all": { positives: 607, negatives: 332, detected: 589, rightKind: 567, falseAlarms: 6, detectedClear: 565, falseAlarmsClear: 4 },
  },
  v4: {
    "en": { positives: 48, negatives: 25, detected: 48, rightKind: 46, falseAlarms: 0, detectedClear: 47, falseAlarmsClear: 0 },
    "es": { positives: 50, negatives: 24, detected: 49, rightKind: 47, falseAlarms: 0, detectedClear: 47, falseAlarmsClear: 0 },
    "id": { positives: 47, negatives: 25, detected: 47, rightKind: 47, falseAlarms: 1, detectedClear: 45, falseAlarmsClear: 1 },
    "ja-easy": { positives: 48, negatives: 23, detected: 46, rightKind: 44, falseAlarms: 2, detectedClear: 44, falseAlarmsClear: 2 },
    "ja": { positives: 48, negatives: 24, detected: 46, rightKind: 44, falseAlarms: 0, detectedClear: 46, falseAlarmsClear: 0 },
    "ko": { positives: 50, negatives: 25, detected: 50, rightKind: 48, falseAlarms: 0, detectedClear: 49, falseAlarmsClear: 0 },
    "my": { positives: 47, negatives: 25, detected: 45, rightKind: 42, falseAlarms: 1, detectedClear: 42, falseAlarmsClear: 1 },
    "ne": { positives: 47, negatives: 25, detected: 44, rightKind: 41, falseAlarms: 1, detectedClear: 41, falseAlarmsClear: 1 },
    "pt-BR": { positives: 50, negatives: 24, detected: 46, rightKind: 45, falseAlarms: 0, detectedClear: 46, falseAlarmsClear: 0 },
    "th": { positives: 47, negatives: 25, detected: 47, rightKind: 46, falseAlarms: 3, detectedClear: 47, falseAlarmsClear: 3 },
    "tl": { positives: 50, negatives: 24, detected: 47, rightKind: 45, falseAlarms: 0, detectedClear: 45, falseAlarmsClear: 0 },
    "vi": { positives: 50, negatives: 24, detected: 49, rightKind: 45, falseAlarms: 0, detectedClear: 47, falseAlarmsClear: 0 },
    "zh-Hans": { positives: 48, negatives: 24, detected: 46, rightKind: 42, falseAlarms: 1, detectedClear: 43, falseAlarmsClear: 1 },
    "zh-Hant": { positives: 48, negatives: 25, detected: 45, rightKind: 39, falseAlarms: 0, detectedClear: 45, falseAlarmsClear: 0 },
    "all": { positives: 678, negatives: 342, detected: 655, rightKind: 621, falseAlarms: 9, detectedClear: 634, falseAlarmsClear: 9 },
  },
  v3: {
    "en": { positives: 45, negatives: 24, detected: 44, rightKind: 40, falseAlarms: 1, detectedClear: 43, falseAlarmsClear: 1 },
    "es": { positives: 58, negatives: 34, detected: 56, rightKind: 53, falseAlarms: 4, detectedClear: 53, falseAlarmsClear: 3 },
    "id": { positives: 58, negatives: 34, detected: 57, rightKind: 55, falseAlarms: 2, detectedClear: 54, falseAlarmsClear: 1 },
    "ja-easy": { positives: 42, negatives: 24, detected: 40, rightKind: 38, falseAlarms: 0, detectedClear: 37, falseAlarmsClear: 0 },
    "ja": { positives: 48, negatives: 24, detected: 44, rightKind: 42, falseAlarms: 1, detectedClear: 43, falseAlarmsClear: 1 },
    "ko": { positives: 45, negatives: 24, detected: 45, rightKind: 42, falseAlarms: 2, detectedClear: 45, falseAlarmsClear: 2 },
    "my": { positives: 58, negatives: 33, detected: 54, rightKind: 50, falseAlarms: 0, detectedClear: 54, falseAlarmsClear: 0 },
    "ne": { positives: 58, negatives: 33, detected: 55, rightKind: 50, falseAlarms: 0, detectedClear: 50, falseAlarmsClear: 0 },
    "pt-BR": { positives: 59, negatives: 34, detected: 58, rightKind: 56, falseAlarms: 2, detectedClear: 56, falseAlarmsClear: 2 },
    "th": { positives: 58, negatives: 33, detected: 55, rightKind: 54, falseAlarms: 0, detectedClear: 53, falseAlarmsClear: 0 },
    "tl": { positives: 58, negatives: 34, detected: 56, rightKind: 55, falseAlarms: 0, detectedClear: 53, falseAlarmsClear: 0 },
    "vi": { positives: 45, negatives: 24, detected: 45, rightKind: 44, falseAlarms: 2, detectedClear: 42, falseAlarmsClear: 2 },
    "zh-Hans": { positives: 45, negatives: 24, detected: 45, rightKind: 43, falseAlarms: 2, detectedClear: 45, falseAlarmsClear: 2 },
    "zh-Hant": { positives: 45, negatives: 24, detected: 44, rightKind: 42, falseAlarms: 2, detectedClear: 42, falseAlarmsClear: 2 },
    "all": { positives: 722, negatives: 403, detected: 698, rightKind: 664, falseAlarms: 18, detectedClear: 670, falseAlarmsClear: 16 },
  },
  v2: {
    "en": { positives: 34, negatives: 20, detected: 33, rightKind: 32, falseAlarms: 1, detectedClear: 32, falseAlarmsClear: 1 },
    "es": { positives: 30, negatives: 21, detected: 30, rightKind: 29, falseAlarms: 0, detectedClear: 30, falseAlarmsClear: 0 },
    "id": { positives: 30, negatives: 20, detected: 30, rightKind: 29, falseAlarms: 0, detectedClear: 29, falseAlarmsClear: 0 },
    "ja-easy": { positives: 31, negatives: 19, detected: 27, rightKind: 25, falseAlarms: 0, detectedClear: 27, falseAlarmsClear: 0 },
    "ja": { positives: 33, negatives: 20, detected: 31, rightKind: 31, falseAlarms: 0, detectedClear: 29, falseAlarmsClear: 0 },
    "ko": { positives: 32, negatives: 18, detected: 32, rightKind: 31, falseAlarms: 0, detectedClear: 32, falseAlarmsClear: 0 },
    "my": { positives: 31, negatives: 20, detected: 31, rightKind: 30, falseAlarms: 0, detectedClear: 31, falseAlarmsClear: 0 },
    "ne": { positives: 31, negatives: 20, detected: 30, rightKind: 30, falseAlarms: 0, detectedClear: 28, falseAlarmsClear: 0 },
    "pt-BR": { positives: 32, negatives: 20, detected: 32, rightKind: 31, falseAlarms: 0, detectedClear: 32, falseAlarmsClear: 0 },
    "th": { positives: 30, negatives: 20, detected: 29, rightKind: 27, falseAlarms: 0, detectedClear: 29, falseAlarmsClear: 0 },
    "tl": { positives: 30, negatives: 20, detected: 30, rightKind: 28, falseAlarms: 0, detectedClear: 30, falseAlarmsClear: 0 },
    "vi": { positives: 32, negatives: 18, detected: 31, rightKind: 29, falseAlarms: 0, detectedClear: 31, falseAlarmsClear: 0 },
    "zh-Hans": { positives: 32, negatives: 20, detected: 32, rightKind: 32, falseAlarms: 0, detectedClear: 32, falseAlarmsClear: 0 },
    "zh-Hant": { positives: 32, negatives: 18, detected: 32, rightKind: 29, falseAlarms: 0, detectedClear: 31, falseAlarmsClear: 0 },
    "all": { positives: 440, negatives: 274, detected: 430, rightKind: 413, falseAlarms: 1, detectedClear: 423, falseAlarmsClear: 1 },
  },
  v1: {
    "en": { positives: 34, negatives: 20, detected: 33, rightKind: 32, falseAlarms: 0, detectedClear: 30, falseAlarmsClear: 0 },
    "es": { positives: 31, negatives: 21, detected: 31, rightKind: 30, falseAlarms: 1, detectedClear: 28, falseAlarmsClear: 1 },
    "id": { positives: 31, negatives: 21, detected: 31, rightKind: 30, falseAlarms: 0, detectedClear: 28, falseAlarmsClear: 0 },
    "ja-easy": { positives: 32, negatives: 18, detected: 28, rightKind: 27, falseAlarms: 0, detectedClear: 28, falseAlarmsClear: 0 },
    "ja": { positives: 36, negatives: 20, detected: 34, rightKind: 33, falseAlarms: 0, detectedClear: 33, falseAlarmsClear: 0 },
    "ko": { positives: 32, negatives: 20, detected: 32, rightKind: 31, falseAlarms: 1, detectedClear: 32, falseAlarmsClear: 1 },
    "my": { positives: 31, negatives: 20, detected: 31, rightKind: 29, falseAlarms: 0, detectedClear: 29, falseAlarmsClear: 0 },
    "ne": { positives: 31, negatives: 21, detected: 30, rightKind: 26, falseAlarms: 2, detectedClear: 26, falseAlarmsClear: 1 },
    "pt-BR": { positives: 31, negatives: 21, detected: 30, rightKind: 29, falseAlarms: 0, detectedClear: 29, falseAlarmsClear: 0 },
    "th": { positives: 31, negatives: 20, detected: 29, rightKind: 27, falseAlarms: 1, detectedClear: 27, falseAlarmsClear: 1 },
    "tl": { positives: 31, negatives: 20, detected: 31, rightKind: 30, falseAlarms: 0, detectedClear: 30, falseAlarmsClear: 0 },
    "vi": { positives: 32, negatives: 20, detected: 32, rightKind: 30, falseAlarms: 0, detectedClear: 32, falseAlarmsClear: 0 },
    "zh-Hans": { positives: 32, negatives: 19, detected: 32, rightKind: 31, falseAlarms: 0, detectedClear: 31, falseAlarmsClear: 0 },
    "zh-Hant": { positives: 32, negatives: 20, detected: 31, rightKind: 30, falseAlarms: 0, detectedClear: 31, falseAlarmsClear: 0 },
    "all": { positives: 447, negatives: 281, detected: 435, rightKind: 415, falseAlarms: 5, detectedClear: 414, falseAlarmsClear: 4 },
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
