// What saving one text checks, with the rules of the i18n check that publishing runs
// (src/i18n/localeCheck.ts, src/i18n/easyJapanese.ts): the placeholders of the Japanese,
// LINE's label limit (graphemes) and the text limit, and the やさしい日本語 rules for ja-easy
// resident texts. Problems are codes with values: the console words them in its language.
import { checkEasyJapanese, isResidentText } from "../i18n/easyJapanese.ts";
import { isLabelKey, labelLimit, multiChoiceSets, placeholders, TEXT_LIMIT } from "../i18n/localeCheck.ts";
import { graphemeLength } from "../line/limits.ts";
import type { ReleaseContent } from "../releases/releaseContent.ts";
import { textOf, type TextValue } from "./translationSources.ts";

export type TextProblem =
  | { code: "empty" }
  | { code: "placeholders"; expected: string; found: string }
  | { code: "labelTooLong"; length: number; limit: number }
  | { code: "textTooLong"; length: number; limit: number }
  | { code: "easyLongSentence" | "easyKanjiWithoutReading" | "easyHonorific" | "easyDoubleNegative"; found: string };

const EASY_CODES = {
  long_sentence: "easyLongSentence",
  kanji_without_reading: "easyKanjiWithoutReading",
  honorific: "easyHonorific",
  double_negative: "easyDoubleNegative",
} as const;

/** The value a form's text stands for: a word list (the Japanese is one) one item per line. */
export function valueFromText(text: string, jaValue: unknown): TextValue {
  const normal = text.replace(/\r\n?/g, "\n");
  if (Array.isArray(jaValue)) return normal.split("\n").map((w) => w.trim()).filter((w) => w !== "");
  return normal;
}

export function checkTranslation(content: ReleaseContent, o: { lang: string; ns: string; key: string; value: TextValue; jaValue: unknown }): TextProblem[] {
  const problems: TextProblem[] = [];
  const text = textOf(o.value) ?? "";
  if (text.trim() === "") return [{ code: "empty" }];
  if (typeof o.value === "string") {
    const expected = placeholders(o.jaValue);
    const found = placeholders(o.value);
    if (found !== expected) problems.push({ code: "placeholders", expected: braces(expected), found: braces(found) });
    if (isLabelKey(o.key)) {
      const limit = labelLimit(o.key, multiChoiceSets(content.flow));
      const length = graphemeLength(o.value);
      if (length > limit) problems.push({ code: "labelTooLong", length, limit });
    }
    if (o.value.length > TEXT_LIMIT) problems.push({ code: "textTooLong", length: o.value.length, limit: TEXT_LIMIT });
    if (o.lang === "ja-easy" && o.ns === "bot" && isResidentText(o.key)) {
      for (const issue of checkEasyJapanese(o.value)) problems.push({ code: EASY_CODES[issue.kind], found: issue.found });
    }
  }
  return problems;
}

const braces = (joined: string) => (joined === "" ? "—" : joined.split(",").map((p) => `{{${p}}}`).join(" "));
