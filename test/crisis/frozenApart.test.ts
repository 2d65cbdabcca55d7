// The frozen evaluation sets are never trained on: a training text that is also in a frozen set
// (after normalisation) is left out of training, or the frozen figures would be flattered.
// Independent authors do hit on the same short message ("help me"); the text is then dropped from
// training — never moved the other way.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FROZEN_DIRS, frozenFiles, readCorpusFile, sameMessageKey, trainingFiles, withoutFrozen, type CorpusLine } from "../../src/crisis/crisisCorpus.ts";

const trainingLines = (): CorpusLine[] => [...new Map(trainingFiles().flatMap((f) => readCorpusFile(f)).map((l) => [l.text, l] as const)).values()];

describe("the frozen sets and the training corpus", () => {
  it("when the corpus is read for training, then no text of any frozen set remains in it", () => {
    const frozen = new Set(Object.values(FROZEN_DIRS).flatMap((d) => frozenFiles(undefined, d).flatMap((f) => readCorpusFile(f).map((l) => sameMessageKey(l.text)))));
    const { kept } = withoutFrozen(trainingLines());
    // Counts only, never the texts: the sets stay unread.
    expect(kept.filter((l) => frozen.has(sameMessageKey(l.text))).length).toBe(0);
  });

  it("when two texts differ only in case, width, spaces or punctuation, then they are the same message", () => {
    expect(sameMessageKey("Help me!!")).toBe(sameMessageKey("help  me"));
    expect(sameMessageKey("たすけて。")).toBe(sameMessageKey("たすけて"));
    expect(sameMessageKey("ＨＥＬＰ ｍｅ")).toBe(sameMessageKey("help me"));
    expect(sameMessageKey("help me")).not.toBe(sameMessageKey("help her"));
  });

  it("when the shipped model was trained, then it left out exactly the texts the frozen sets share with the corpus", () => {
    const model = JSON.parse(readFileSync(new URL("../../src/crisis/crisisModel.json", import.meta.url), "utf8")) as { development: { leftAsFrozen?: number } };
    expect(model.development.leftAsFrozen, "retrain: npm run crisis:train").toBe(withoutFrozen(trainingLines()).left);
  });
});
