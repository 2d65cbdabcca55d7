import { describe, expect, it } from "vitest";
import { authorFolds, authorOf, corpusSha256, readCorpusFile, trainingFiles } from "../../src/crisis/crisisCorpus.ts";
import { crisisFeatures, modelCanRead } from "../../src/crisis/crisisFeatures.ts";
import { scoreCrisis } from "../../src/crisis/crisisModel.ts";
import { screenRules, type RuleScreen } from "../../src/crisis/crisisRules.ts";
import { detectCrisis, SHIPPED_MODEL } from "../../src/crisis/detectCrisis.ts";
import { gradeCrisis } from "../../src/crisis/gradeCrisis.ts";
import { CRISIS_KINDS, type CrisisKind } from "../../src/crisis/crisisKinds.ts";

const scores = (kind: CrisisKind | null, p: number) =>
  Object.fromEntries(CRISIS_KINDS.map((k) => [k, k === kind ? p : 0])) as Record<CrisisKind, number>;
const TH = { possible: 0.5, clear: 0.8, overrule: 0.1 };

describe("the shipped model", () => {
  it("when the training corpus changes, then the model must be retrained (npm run crisis:train)", () => {
    expect(SHIPPED_MODEL.corpusSha256, "src/crisis/crisisModel.json was trained on another corpus").toBe(corpusSha256(trainingFiles()));
  });

  it("when the corpus is cut into cross-validation folds, then all of one author's files fall in one fold, and every fold is used", () => {
    const files = trainingFiles();
    const folds = authorFolds(files);
    expect(authorOf("/r/corpus/crisis/train/ja-12.jsonl")).toBe("12");
    expect(authorOf("/r/corpus/crisis/train/zh-Hant-12.jsonl")).toBe("12");
    expect(authorOf("/r/corpus/crisis/train/zh-Hant.jsonl")).toBe("");
    expect(authorOf("/r/test/crisis/corpus.jsonl")).toBe("corpus.jsonl");
    const foldsOfAuthor = new Map<string, Set<number>>();
    for (const f of files) foldsOfAuthor.set(authorOf(f), (foldsOfAuthor.get(authorOf(f)) ?? new Set()).add(folds.get(f)!));
    for (const [author, set] of foldsOfAuthor) expect(set.size, `author "${author}"`).toBe(1);
    expect(new Set(folds.values())).toEqual(new Set([0, 1, 2, 3, 4]));
  });

  it("when the same message is read twice, then its features are the same (sorted, L2-normalised)", () => {
    const a = crisisFeatures("今夜寝るところがない、公園にいる");
    const b = crisisFeatures("今夜寝るところがない、公園にいる");
    expect(Array.from(a.idx)).toEqual(Array.from(b.idx));
    expect(Array.from(a.idx)).toEqual([...a.idx].sort((x, y) => x - y));
    expect(Array.from(a.val).reduce((s, v) => s + v * v, 0)).toBeCloseTo(1, 5);
  });

  it("when a message is scored, then the kinds' probabilities are between 0 and 1 and sum to at most 1", () => {
    const s = scoreCrisis(SHIPPED_MODEL, "i haven't eaten in three days");
    const sum = CRISIS_KINDS.reduce((a, k) => a + s[k], 0);
    for (const k of CRISIS_KINDS) expect(s[k]).toBeGreaterThanOrEqual(0);
    expect(sum).toBeLessThanOrEqual(1 + 1e-9);
  });

  it("scores the whole training corpus in well under a millisecond a message (median, rules and model)", () => {
    const texts = trainingFiles().flatMap((f) => readCorpusFile(f)).filter((_, i) => i % 5 === 0).map((l) => l.text);
    for (const t of texts.slice(0, 100)) detectCrisis(t);
    const times = texts.map((t) => {
      const t0 = performance.now();
      detectCrisis(t);
      return performance.now() - t0;
    });
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)]!;
    console.log(`crisis detection (rules + model): median ${(median * 1000).toFixed(0)} µs, p95 ${(times[Math.floor(times.length * 0.95)]! * 1000).toFixed(0)} µs over ${texts.length} messages`);
    expect(median).toBeLessThan(1);
  });
});

describe("grading (gradeCrisis)", () => {
  const quiet = screenRules("こんにちは");

  it("when a rule decides, then the crisis is clear unless the model is all but sure nothing is wrong", () => {
    expect(gradeCrisis(screenRules("死にたい"), scores("self_harm", 0.2), TH)).toMatchObject({ kind: "self_harm", certainty: "clear" });
    expect(gradeCrisis(screenRules("死にたい"), scores(null, 0), TH)).toBeNull();
  });

  it("when a rule finds a plan, means or attempt, then the model never overrules it", () => {
    expect(gradeCrisis(screenRules("ロープ買ってきた。今夜決行する"), scores(null, 0), TH)).toMatchObject({ kind: "self_harm", plan: true, certainty: "clear" });
  });

  it("when only the model speaks, then at or above 'clear' it is clear, between the thresholds possible, below nothing", () => {
    expect(gradeCrisis(quiet, scores("no_food", 0.9), TH)).toMatchObject({ kind: "no_food", certainty: "clear", plan: false, matched: "model.no_food" });
    expect(gradeCrisis(quiet, scores("no_food", 0.6), TH)).toMatchObject({ kind: "no_food", certainty: "possible" });
    expect(gradeCrisis(quiet, scores("no_food", 0.3), TH)).toBeNull();
  });

  it("when the model hesitates between kinds, then their chances add up and the likeliest kind is named", () => {
    const s = { self_harm: 0, violence: 0.35, child_abuse: 0.3, homeless_tonight: 0, no_food: 0, medical: 0 };
    expect(gradeCrisis(quiet, s, TH)).toMatchObject({ kind: "violence", certainty: "possible" });
  });

  it("when the message says the trouble is over, or is news about others, then the model is vetoed", () => {
    expect(gradeCrisis(screenRules("I was homeless in 2019, now I rent a room"), scores("homeless_tonight", 0.99), TH)).toBeNull();
    expect(gradeCrisis(screenRules("saw on the news that a child was hurt"), scores("child_abuse", 0.99), TH)).toBeNull();
  });

  it("when the message names a later date, then the model's homeless_tonight is vetoed", () => {
    const screen = screenRules("Tôi bị công ty cho nghỉ việc và phải rời ký túc xá trong 10 ngày.");
    expect(screen.future).toBe(true);
    expect(gradeCrisis(screen, scores("homeless_tonight", 0.99), TH)).toBeNull();
  });

  it("when a message is a single word or a number, then the model stays silent and only the rules speak", () => {
    for (const t of ["savings", "answer", "救急", "12.5万", "nowhere", "12"]) expect(modelCanRead(t), t).toBe(false);
    for (const t of ["no food", "息ができない", "sleeping outside tonight"]) expect(modelCanRead(t), t).toBe(true);
    expect(gradeCrisis(screenRules("nowhere"), null, TH)).toBeNull();
    expect(gradeCrisis(screenRules("しにたい"), null, TH)).toMatchObject({ kind: "self_harm", certainty: "clear" });
    for (const t of ["savings", "answer", "12.5万", "start over", "たくさん"]) expect(detectCrisis(t), t).toBeNull();
  });

  it("when a rule of that kind matched and its guard stopped it (negation), then the model's kind is vetoed", () => {
    const screen = screenRules("死にたいわけじゃないけど話を聞いてほしい");
    expect(screen.vetoed.has("self_harm")).toBe(true);
    expect(gradeCrisis(screen, scores("self_harm", 0.99), TH)).toBeNull();
  });

  it("when the message is a help question or carries a laugh, then the model alone is never more than possible", () => {
    const none: RuleScreen = { hit: null, vetoed: new Set(), resolved: false, news: false, infoQuestion: false, laugh: false, returned: false, future: false };
    expect(screenRules("where can i get food today?").infoQuestion).toBe(true);
    expect(screenRules("starving lol").laugh).toBe(true);
    expect(gradeCrisis({ ...none, infoQuestion: true }, scores("no_food", 0.99), TH)?.certainty).toBe("possible");
    expect(gradeCrisis({ ...none, laugh: true }, scores("no_food", 0.99), TH)?.certainty).toBe("possible");
    expect(gradeCrisis(none, scores("no_food", 0.99), TH)?.certainty).toBe("clear");
  });
});
