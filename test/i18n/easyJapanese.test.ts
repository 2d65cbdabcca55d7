import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BARE_COUNTERS,
  checkEasyJapanese,
  checkEasyJapaneseTexts,
  kanjiWithoutReading,
  SENTENCE_LIMIT,
  sentenceLength,
  splitSentences,
  stripReadings,
} from "../../scripts/easyJapanese.ts";
import { flatten, ROOT } from "../../scripts/i18nCheck.ts";

const kinds = (text: string) => checkEasyJapanese(text).map((i) => i.kind);

describe("やさしい日本語: sentence length", () => {
  it("when a text is split, then it is split at 。！？!? and line breaks", () => {
    expect(splitSentences("はい。いいえ！ほんとう？ Yes! No?\nまた\n\n")).toEqual(["はい", "いいえ", "ほんとう", "Yes", "No", "また"]);
  });

  it("when a sentence is counted, then readings, spaces and placeholders do not make it longer", () => {
    expect(sentenceLength("住(す)まい")).toBe(3);
    expect(sentenceLength("収入(しゅうにゅう)は いくらですか")).toBe(9);
    expect(sentenceLength("{{n}}人目(にんめ)の人(ひと)")).toBe(5);
    expect(stripReadings("関係機関(かんけいきかん)に伝(つた)えます")).toBe("関係機関に伝えます");
  });

  it(`when a sentence is longer than ${SENTENCE_LIMIT} characters, then it is flagged, and split in two it passes`, () => {
    const long =
      "本人(ほんにん)といっしょに住(す)んでいる人(ひと)の収入(しゅうにゅう)と年金(ねんきん)と手当(てあて)を全部(ぜんぶ)あわせて1か月(げつ)にいくらくらいになるか教(おし)えてください。";
    expect(sentenceLength(long.replace("。", ""))).toBeGreaterThan(SENTENCE_LIMIT);
    const issues = checkEasyJapanese(long);
    expect(issues.map((i) => i.kind)).toEqual(["long_sentence"]);
    expect(issues[0]!.message).toMatch(/split it into shorter sentences/);
    const split =
      "本人(ほんにん)といっしょに住(す)んでいる人(ひと)の収入(しゅうにゅう)を教(おし)えてください。年金(ねんきん)や手当(てあて)も入(い)れます。1か月(げつ)にいくらですか。";
    expect(checkEasyJapanese(split)).toEqual([]);
  });

  it("when sentences of hiragana are generated, then exactly those over the limit are flagged", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 80 }), (n) => {
        const sentence = "あ".repeat(n) + "。";
        expect(kinds(sentence).includes("long_sentence")).toBe(n > SENTENCE_LIMIT);
      }),
    );
  });
});

describe("やさしい日本語: readings beside kanji", () => {
  it("when 住所 has no reading, then it is flagged; 住所(じゅうしょ) passes", () => {
    expect(kanjiWithoutReading("住所を書(か)いてください。")).toEqual(["住所"]);
    expect(kinds("住所を書(か)いてください。")).toEqual(["kanji_without_reading"]);
    expect(checkEasyJapanese("住所を書(か)いてください。")[0]!.message).toContain("住所(よみ)");
    expect(checkEasyJapanese("住所(じゅうしょ)を書(か)いてください。")).toEqual([]);
    expect(checkEasyJapanese("住(す)まいと収入(しゅうにゅう)のことです。")).toEqual([]);
  });

  it("when a reading is in full-width brackets or in katakana, then it is not a reading", () => {
    expect(kanjiWithoutReading("住所（じゅうしょ）")).toEqual(["住所"]);
    expect(kanjiWithoutReading("住所(ジュウショ)")).toEqual(["住所"]);
    expect(kanjiWithoutReading("住所 (じゅうしょ)")).toEqual(["住所"]);
  });

  it("when only part of a kanji run has a reading, then the run is still one run", () => {
    // 生活保護 is one run: the reading belongs after the whole run.
    expect(kanjiWithoutReading("生活保護(せいかつほご)")).toEqual([]);
    expect(kanjiWithoutReading("生活(せいかつ)保護")).toEqual(["保護"]);
  });

  it("when a counter of BARE_COUNTERS follows a digit, then it needs no reading; 日 and 人 always do", () => {
    expect([...BARE_COUNTERS].sort()).toEqual(["万", "年", "円"].sort());
    expect(kanjiWithoutReading("10万円です")).toEqual([]);
    expect(kanjiWithoutReading("2025年です")).toEqual([]);
    expect(kanjiWithoutReading("１０万円")).toEqual([]);
    expect(kanjiWithoutReading("万円です")).toEqual(["万円"]); // not after a digit
    expect(kanjiWithoutReading("3日です")).toEqual(["日"]); // みっか
    expect(kanjiWithoutReading("1人です")).toEqual(["人"]); // ひとり
    expect(kanjiWithoutReading("10日(とおか)です")).toEqual([]);
  });

  it("when any kanji run is followed by a hiragana reading, then nothing is flagged", () => {
    const kanji = fc.integer({ min: 0x4e00, max: 0x9fff }).map((cp) => String.fromCodePoint(cp));
    const hira = fc.integer({ min: 0x3041, max: 0x3093 }).map((cp) => String.fromCodePoint(cp));
    const word = fc.tuple(fc.array(kanji, { minLength: 1, maxLength: 5 }), fc.array(hira, { minLength: 1, maxLength: 8 }));
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 6 }), (words) => {
        const withReadings = words.map(([k, r]) => `${k.join("")}(${r.join("")})の`).join("");
        expect(kanjiWithoutReading(withReadings)).toEqual([]);
        const bare = words.map(([k]) => `${k.join("")}の`).join("");
        expect(kanjiWithoutReading(bare).length).toBe(words.length);
      }),
    );
  });
});

describe("やさしい日本語: honorifics and double negatives", () => {
  it.each([
    ["こちらが窓口(まどぐち)でございます。", "ございます"],
    ["書(か)いていただけますでしょうか。", "ますでしょうか"],
    ["連絡(れんらく)させていただきます。", "させていただ"],
    ["連絡(れんらく)させて いただきます。", "させていただ"], // 分かち書き does not hide it
    ["お名前(なまえ)を教(おし)えていただけますか。", "いただけます"],
    ["担当(たんとう)から申(もう)し上(あ)げます。", "申し上げ"],
    ["窓口(まどぐち)にいらっしゃいますか。", "いらっしゃ"],
  ])("when a text says %j, then the honorific %j is flagged", (text, found) => {
    const issues = checkEasyJapanese(text).filter((i) => i.kind === "honorific");
    expect(issues.map((i) => i.found).join()).toContain(found);
  });

  it("when a text says ありがとうございます or おはようございます, then it passes: set greetings", () => {
    expect(checkEasyJapanese("ありがとうございます。")).toEqual([]);
    expect(checkEasyJapanese("ありがとうございました。")).toEqual([]);
    expect(checkEasyJapanese("おはようございます。")).toEqual([]);
  });

  it.each([
    ["相談(そうだん)できないわけではない。", "ないわけではない"],
    ["使(つか)えなくはないです。", "なくはないです"],
    ["行(い)けないことはありません。", "ないことはありません"],
    ["わからなくもない。", "なくもない"],
    ["もらえないとは限(かぎ)りません。", "ないとは限りません"],
  ])("when a text says %j, then the double negative %j is flagged", (text, found) => {
    const issues = checkEasyJapanese(text).filter((i) => i.kind === "double_negative");
    expect(issues.map((i) => i.found)).toEqual([found]);
    expect(issues[0]!.message).toMatch(/double negative/);
  });

  it("when a text has one plain negative, then it passes", () => {
    expect(checkEasyJapanese("お金(かね)が足(た)りない。食(た)べ物(もの)がない。")).toEqual([]);
  });
});

describe("やさしい日本語: the real locale", () => {
  const easy = flatten(JSON.parse(readFileSync(`${ROOT}/locales/ja-easy/bot.json`, "utf8")) as Record<string, unknown>);

  it("when every text residents read in locales/ja-easy/bot.json is checked, then there is no problem", () => {
    expect(checkEasyJapaneseTexts(easy).map((p) => `${p.key}: ${p.issue.message}`)).toEqual([]);
  });

  it("when the check runs over a locale, then commands (words a resident types) are left alone and other keys are read", () => {
    const texts = new Map<string, unknown>([
      ["commands.back", ["戻る", "前へ"]],
      ["commands.done", "完了"],
      ["q.x.text", "住所を書(か)いてください。"],
    ]);
    expect(checkEasyJapaneseTexts(texts).map((p) => p.key)).toEqual(["q.x.text"]);
  });
});
