// The やさしい日本語 check: every text a resident reads in ja-easy (locales/ja-easy/bot.json)
// must be short, carry the readings of its kanji, and be plain. Used by `npm run i18n:check`, by publishing (src/releases/verifyRelease.ts) and by
// test/i18n/easyJapanese.test.ts. The rules follow the national guideline
// (出入国在留管理庁・文化庁「在留支援のためのやさしい日本語ガイドライン」, 2020): one idea per
// sentence, short sentences, a reading beside kanji, no 尊敬語・謙譲語, no double negatives.
//
// 1. Sentence length. A text is split into sentences at 。！？!? and line breaks. A sentence
//    may have at most SENTENCE_LIMIT (40) characters, counted without the readings in
//    parentheses, without spaces (the word gaps of 分かち書き help the reader, they are not
//    words), and with each {{placeholder}} counted as one character. 40 is a working limit
//    (issue #5): a sentence a learner can take in at once, one idea long. The texts today stay
//    at 32 or under; lower the limit when they are rewritten shorter.
// 2. Readings. Every run of kanji is followed at once by its reading in ASCII parentheses, in
//    hiragana: 住(す)まい, 収入(しゅうにゅう), 関係機関(かんけいきかん). Full-width （ ） are for
//    ordinary asides and do not count as a reading. The only kanji that may stand without a
//    reading are the counters in BARE_COUNTERS, and only directly after a digit (10万円,
//    2025年): they are read the same after every number (まん, えん, ねん) and a resident
//    meets them on every price tag, bill and form. 日 and 人 are NOT exempt, because their
//    readings change with the number (3日 みっか, 10日 とおか, 1人 ひとり, 2人 ふたり) — exactly
//    where a learner needs the reading.
// 3. Honorifics. 尊敬語・謙譲語 and doubled politeness are flagged (HONORIFICS): ございます,
//    〜ますでしょうか, させていただく, いただけますか, 申し上げる, いらっしゃる, … Plain です・ます
//    is the register of やさしい日本語. The set greetings ありがとうございます/ました and
//    おはようございます are allowed: they are learned as one word in the first lessons.
// 4. Double negatives (DOUBLE_NEGATIVES): ないわけではない, なくはない, ないことはない,
//    なくもない, ないとは限らない and their polite forms — say the positive instead.
//
// The honorific and double-negative patterns are matched on the text with readings and spaces
// removed, so 分かち書き (いただけ ます) and readings (申(もう)し上(あ)げ) do not hide them.

export const SENTENCE_LIMIT = 40;

/** Counters that may go without a reading directly after a digit (see rule 2 above). */
export const BARE_COUNTERS: ReadonlySet<string> = new Set(["円", "万", "年"]);

export type EasyIssueKind = "long_sentence" | "kanji_without_reading" | "honorific" | "double_negative";

export interface EasyIssue {
  kind: EasyIssueKind;
  /** What was found: the sentence, the kanji, or the phrase. */
  found: string;
  /** One line: what is wrong and what to do. */
  message: string;
}

const KANJI_RUN = /\p{Script=Han}+/gu;
const DIGIT = /[0-9０-９]/u;
const PLACEHOLDER = /{{\s*\w+\s*}}/g;

/** The text as it reads without the readings after kanji: 住(す)まい → 住まい. */
export function stripReadings(text: string): string {
  return text.replace(/(\p{Script=Han})\([\p{Script=Hiragana}ー・]+\)/gu, "$1");
}

/** Sentences: split at 。！？!? and line breaks; empty pieces dropped. */
export function splitSentences(text: string): string[] {
  return text
    .split(/[。！？!?\n]/u)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** A sentence's length as rule 1 counts it (code points, no readings, no spaces, {{x}} = 1). */
export function sentenceLength(sentence: string): number {
  const plain = stripReadings(sentence).replace(PLACEHOLDER, "＿").replace(/\s/gu, "");
  return [...plain].length;
}

/** Runs of kanji in the text that have no hiragana reading right after them. */
export function kanjiWithoutReading(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(KANJI_RUN)) {
    const run = m[0];
    const end = (m.index ?? 0) + run.length;
    const after = text.slice(end);
    if (/^\([\p{Script=Hiragana}ー・]+\)/u.test(after)) continue;
    const before = text.slice(0, m.index ?? 0);
    const afterDigit = DIGIT.test([...before].at(-1) ?? "");
    if (afterDigit && [...run].every((c) => BARE_COUNTERS.has(c))) continue;
    out.push(run);
  }
  return out;
}

interface Pattern {
  re: RegExp;
  fix: string;
}

/** Honorific chains and humble or respectful verbs (matched on the plain text, see above). */
export const HONORIFICS: readonly Pattern[] = [
  { re: /(?<!ありがとう|おはよう)ございま(す|した|せん)/u, fix: "use です/ます (ございます → です/あります)" },
  { re: /ますでしょうか/u, fix: "ask plainly: 〜ますか" },
  { re: /させていただ/u, fix: "say 〜します" },
  { re: /いただけ(ます|ません)/u, fix: "ask with 〜てください" },
  { re: /(申し上げ|もうしあげ)/u, fix: "say 言います" },
  { re: /(いらっしゃ|おっしゃ|召し上が|めしあが|うけたまわ|承り|承る|存じ|ぞんじ|拝見|はいけん|参ります|まいります|ております)/u, fix: "use the plain verb with です/ます" },
];

/** Double negatives: say the positive. */
export const DOUBLE_NEGATIVES: readonly Pattern[] = [
  { re: /ないわけでは(ないです|ない|ありません)/u, fix: "say it positively" },
  { re: /ないわけには(いかない|いきません)/u, fix: "say 〜します / 〜してください" },
  { re: /なくは(ないです|ない|ありません)/u, fix: "say it positively" },
  { re: /なくも(ないです|ない|ありません)/u, fix: "say it positively" },
  { re: /ないことは(ないです|ない|ありません)/u, fix: "say it positively" },
  { re: /ないとは(限らない|限りません|かぎらない|かぎりません)/u, fix: "say 〜かもしれません" },
];

/** Everything rule 1–4 find in one ja-easy text. */
export function checkEasyJapanese(text: string, limit = SENTENCE_LIMIT): EasyIssue[] {
  const issues: EasyIssue[] = [];
  for (const sentence of splitSentences(text)) {
    const n = sentenceLength(sentence);
    if (n > limit) {
      issues.push({
        kind: "long_sentence",
        found: sentence,
        message: `sentence of ${n} characters (limit ${limit}, readings and spaces not counted): split it into shorter sentences, one idea each: 「${stripReadings(sentence)}」`,
      });
    }
  }
  for (const run of kanjiWithoutReading(text)) {
    issues.push({
      kind: "kanji_without_reading",
      found: run,
      message: `kanji 「${run}」 has no reading: write it as ${run}(よみ) with the hiragana reading in ASCII parentheses, or write it in hiragana`,
    });
  }
  const plain = stripReadings(text).replace(/\s/gu, "");
  for (const [kind, patterns] of [["honorific", HONORIFICS], ["double_negative", DOUBLE_NEGATIVES]] as const) {
    for (const p of patterns) {
      const m = plain.match(p.re);
      if (m) {
        issues.push({
          kind,
          found: m[0],
          message: kind === "honorific" ? `honorific 「${m[0]}」: ${p.fix}` : `double negative 「${m[0]}」: ${p.fix}`,
        });
      }
    }
  }
  return issues;
}

/**
 * The keys of a ja-easy bot.json that residents read: everything except commands.* (words a
 * resident may type, which deliberately include kanji spellings such as 戻る so that typing
 * them works).
 */
export function isResidentText(key: string): boolean {
  return !key.startsWith("commands.");
}

export interface EasyProblem {
  key: string;
  issue: EasyIssue;
}

/** Every problem in a flattened ja-easy bot.json (key → value). */
export function checkEasyJapaneseTexts(texts: ReadonlyMap<string, unknown>, limit = SENTENCE_LIMIT): EasyProblem[] {
  const out: EasyProblem[] = [];
  for (const [key, value] of texts) {
    if (!isResidentText(key) || typeof value !== "string") continue;
    for (const issue of checkEasyJapanese(value, limit)) out.push({ key, issue });
  }
  return out;
}
