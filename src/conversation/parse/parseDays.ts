// Number of days until the resident must leave their home: "10", "10日後", "あと10日", "3週間",
// "2 weeks", "1ヶ月", "today", "明後日", "1ヶ月半", "1ヶ月と10日", "in 10 days".
//
// Like parseAmount, this is driven by word tables: DAY_UNITS (number + unit), DAY_WORDS (words
// that are a number of days by themselves) and a few marker words. Unknown text is ignored
// but separates quantities. Result: whole days 0..365.
import { KANJI_DIGITS, NUMBER_LITERAL, normalizeDigits, parseKanjiInteger, parseNumberLiteral } from "./normalizeDigits.ts";
import { matchWord } from "./parseAmount.ts";
import { fail, ok, type ParseResult } from "./result.ts";

export type DaysFailure = "not_a_number" | "out_of_range" | "range" | "ambiguous";

export const MAX_DAYS = 365;

export interface DayUnit {
  readonly word: string;
  /** Days per unit; null marks a unit that makes the answer ambiguous (1月 = January, 3時 = 3 o'clock). */
  readonly days: number | null;
  readonly langs: readonly string[];
}

export const DAY_UNITS: readonly DayUnit[] = [
  // Japanese
  { word: "日", days: 1, langs: ["ja", "zh"] },
  { word: "日間", days: 1, langs: ["ja"] },
  { word: "週", days: 7, langs: ["ja"] },
  { word: "週間", days: 7, langs: ["ja"] },
  { word: "ヶ月", days: 30, langs: ["ja"] },
  { word: "ヵ月", days: 30, langs: ["ja"] },
  { word: "か月", days: 30, langs: ["ja"] },
  { word: "カ月", days: 30, langs: ["ja"] },
  { word: "ケ月", days: 30, langs: ["ja"] },
  { word: "箇月", days: 30, langs: ["ja"] },
  { word: "ヶ月間", days: 30, langs: ["ja"] },
  { word: "か月間", days: 30, langs: ["ja"] },
  { word: "カ月間", days: 30, langs: ["ja"] },
  { word: "年", days: 365, langs: ["ja", "zh"] },
  { word: "年間", days: 365, langs: ["ja"] },
  { word: "月", days: null, langs: ["ja"] }, // "1月" is January, not a month
  { word: "時", days: null, langs: ["ja"] },
  { word: "時間", days: null, langs: ["ja"] },
  { word: "分", days: null, langs: ["ja"] },
  // English
  { word: "day", days: 1, langs: ["en"] },
  { word: "days", days: 1, langs: ["en"] },
  { word: "week", days: 7, langs: ["en"] },
  { word: "weeks", days: 7, langs: ["en"] },
  { word: "month", days: 30, langs: ["en"] },
  { word: "months", days: 30, langs: ["en"] },
  { word: "year", days: 365, langs: ["en"] },
  { word: "hour", days: null, langs: ["en"] },
  { word: "hours", days: null, langs: ["en"] },
  // Chinese
  { word: "天", days: 1, langs: ["zh"] },
  { word: "周", days: 7, langs: ["zh-Hans"] },
  { word: "星期", days: 7, langs: ["zh"] },
  { word: "个月", days: 30, langs: ["zh-Hans"] },
  { word: "個月", days: 30, langs: ["zh-Hant"] },
  // Korean
  { word: "일", days: 1, langs: ["ko"] },
  { word: "주", days: 7, langs: ["ko"] },
  { word: "주일", days: 7, langs: ["ko"] },
  { word: "개월", days: 30, langs: ["ko"] },
  { word: "달", days: 30, langs: ["ko"] },
  // Vietnamese
  { word: "ngày", days: 1, langs: ["vi"] },
  { word: "tuần", days: 7, langs: ["vi"] },
  { word: "tháng", days: 30, langs: ["vi"] },
  // Indonesian
  { word: "hari", days: 1, langs: ["id"] },
  { word: "minggu", days: 7, langs: ["id"] },
  { word: "bulan", days: 30, langs: ["id"] },
  // Spanish / Portuguese
  { word: "día", days: 1, langs: ["es"] },
  { word: "días", days: 1, langs: ["es"] },
  { word: "dia", days: 1, langs: ["pt"] },
  { word: "dias", days: 1, langs: ["pt"] },
  { word: "semana", days: 7, langs: ["es", "pt"] },
  { word: "semanas", days: 7, langs: ["es", "pt"] },
  { word: "mes", days: 30, langs: ["es"] },
  { word: "meses", days: 30, langs: ["es", "pt"] },
  { word: "mês", days: 30, langs: ["pt"] },
  // Tagalog
  { word: "araw", days: 1, langs: ["tl"] },
  { word: "linggo", days: 7, langs: ["tl"] },
  { word: "buwan", days: 30, langs: ["tl"] },
  // Nepali
  { word: "दिन", days: 1, langs: ["ne"] },
  { word: "हप्ता", days: 7, langs: ["ne"] },
  { word: "महिना", days: 30, langs: ["ne"] },
  // Thai
  { word: "วัน", days: 1, langs: ["th"] },
  { word: "สัปดาห์", days: 7, langs: ["th"] },
  { word: "อาทิตย์", days: 7, langs: ["th"] },
  { word: "เดือน", days: 30, langs: ["th"] },
  // Burmese
  { word: "ရက်", days: 1, langs: ["my"] },
  { word: "ပတ်", days: 7, langs: ["my"] },
  { word: "လ", days: 30, langs: ["my"] },
];

/** Words that are a number of days by themselves. */
export const DAY_WORDS: readonly { readonly word: string; readonly days: number }[] = [
  ...["今日", "きょう", "本日", "today", "tonight", "今天", "오늘", "hôm nay", "hari ini", "hoy", "hoje", "ngayon",
    "วันนี้", "आज", "ဒီနေ့", "ယနေ့"].map((word) => ({ word, days: 0 })),
  ...["明日", "あした", "あす", "tomorrow", "明天", "내일", "ngày mai", "besok", "mañana", "amanhã", "bukas",
    "พรุ่งนี้", "भोलि", "မနက်ဖြန်"].map((word) => ({ word, days: 1 })),
  ...["明後日", "あさって", "day after tomorrow", "后天", "後天", "모레", "ngày kia", "lusa", "pasado mañana",
    "depois de amanhã", "sa makalawa", "มะรืนนี้", "पर्सि", "သဘက်ခါ"].map((word) => ({ word, days: 2 })),
  ...["来週", "next week"].map((word) => ({ word, days: 7 })),
  ...["再来週"].map((word) => ({ word, days: 14 })),
  ...["半月"].map((word) => ({ word, days: 15 })),
  ...["来月", "next month"].map((word) => ({ word, days: 30 })),
];

/** Number words accepted only directly before a unit ("a week", "one month"). */
const NUMBER_WORDS: readonly { readonly word: string; readonly value: number }[] = [
  ["a", 1], ["an", 1], ["one", 1], ["two", 2], ["three", 3], ["four", 4], ["five", 5],
  ["six", 6], ["seven", 7], ["eight", 8], ["nine", 9], ["ten", 10],
].map(([word, value]) => ({ word: word as string, value: value as number }));

const RANGE_WORDS = ["〜", "~", "-", "‐", "–", "—", "−", "ー", "から", "to", "or", "か"];
const JOIN_WORDS = ["と", "and", "&", "+", ",", "、", "y", "e", "và", "dan", "at"];
const HALF_WORDS = ["半", "half", "rưỡi"];
const AGO_WORDS = ["前", "ago"];

type Lexeme =
  | { kind: "unit"; unit: DayUnit }
  | { kind: "fixed"; days: number }
  | { kind: "numword"; value: number }
  | { kind: "range" }
  | { kind: "join" }
  | { kind: "half" }
  | { kind: "ago" };

const key = (w: string) => w.normalize("NFKC").toLowerCase();

const LEXICON: readonly { word: string; lexeme: Lexeme }[] = [
  ...DAY_UNITS.map((unit) => ({ word: key(unit.word), lexeme: { kind: "unit", unit } as const })),
  ...DAY_WORDS.map(({ word, days }) => ({ word: key(word), lexeme: { kind: "fixed", days } as const })),
  ...NUMBER_WORDS.map(({ word, value }) => ({ word, lexeme: { kind: "numword", value } as const })),
  ...RANGE_WORDS.map((w) => ({ word: key(w), lexeme: { kind: "range" } as const })),
  ...JOIN_WORDS.map((w) => ({ word: key(w), lexeme: { kind: "join" } as const })),
  ...HALF_WORDS.map((w) => ({ word: key(w), lexeme: { kind: "half" } as const })),
  ...AGO_WORDS.map((w) => ({ word: key(w), lexeme: { kind: "ago" } as const })),
].sort((a, b) => b.word.length - a.word.length);

const KANJI_NUMERAL = /[〇零一二三四五六七八九十百]+/y;

type Token =
  | { t: "num"; value: number; strong: boolean } // strong: written with digits
  | { t: "bad" }
  | { t: "unit"; unit: DayUnit }
  | { t: "fixed"; days: number }
  | { t: "range" | "join" | "half" | "ago" }
  | { t: "minus" }
  | { t: "other" };

function tokenize(s: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const ch = s[i] ?? "";
    if (/\s/u.test(ch)) {
      i++;
      continue;
    }
    if (ch >= "0" && ch <= "9") {
      NUMBER_LITERAL.lastIndex = i;
      const lit = NUMBER_LITERAL.exec(s)?.[0] ?? ch;
      const value = parseNumberLiteral(lit);
      tokens.push(value === undefined ? { t: "bad" } : { t: "num", value, strong: true });
      i += lit.length;
      continue;
    }
    if (ch in KANJI_DIGITS || ch === "十" || ch === "百") {
      KANJI_NUMERAL.lastIndex = i;
      const run = KANJI_NUMERAL.exec(s)?.[0] ?? ch;
      const value = parseKanjiInteger(run);
      tokens.push(value === undefined ? { t: "bad" } : { t: "num", value, strong: false });
      i += run.length;
      continue;
    }
    if (ch === "-" && tokens.length === 0) {
      tokens.push({ t: "minus" });
      i++;
      continue;
    }
    const entry = matchWord(LEXICON, s, i);
    if (entry) {
      const lx = entry.lexeme;
      if (lx.kind === "numword") tokens.push({ t: "num", value: lx.value, strong: false });
      else if (lx.kind === "unit") tokens.push({ t: "unit", unit: lx.unit });
      else if (lx.kind === "fixed") tokens.push({ t: "fixed", days: lx.days });
      else tokens.push({ t: lx.kind });
      i += entry.word.length;
      continue;
    }
    if (tokens[tokens.length - 1]?.t !== "other") tokens.push({ t: "other" });
    i += ch.length;
  }
  return tokens;
}

interface Quantity {
  value: number;
  strong: boolean;
  unit: DayUnit | null;
  half: boolean;
  ago: boolean;
  negative: boolean;
}

type Item = { t: "qty"; q: Quantity } | { t: "bad" } | { t: "range" } | { t: "join" } | { t: "other" };

function group(tokens: readonly Token[]): { items: Item[]; fixed: number[] } {
  const items: Item[] = [];
  const fixed: number[] = [];
  let negative = false;
  let last: Quantity | null = null; // quantity that may still take a unit / 半 / 前
  for (const tok of tokens) {
    switch (tok.t) {
      case "num":
        last = { value: tok.value, strong: tok.strong, unit: null, half: false, ago: false, negative };
        negative = false;
        items.push({ t: "qty", q: last });
        continue;
      case "unit":
        if (last && last.unit === null) {
          last.unit = tok.unit;
          continue; // still open for 半 / 前
        }
        items.push({ t: "other" });
        break;
      case "half":
        if (last && last.unit !== null) last.half = true;
        break;
      case "ago":
        if (last && last.unit !== null) last.ago = true;
        break;
      case "minus":
        negative = true;
        break;
      case "fixed":
        fixed.push(tok.days);
        items.push({ t: "other" });
        break;
      case "bad":
      case "range":
      case "join":
      case "other":
        items.push({ t: tok.t });
        break;
    }
    last = null;
  }
  return { items, fixed };
}

function quantityDays(q: Quantity): number | null {
  if (q.unit === null) return q.value;
  if (q.unit.days === null) return null;
  return (q.value + (q.half ? 0.5 : 0)) * q.unit.days;
}

function inRange(days: number): ParseResult<number, DaysFailure> {
  const whole = Math.round(days);
  return whole >= 0 && whole <= MAX_DAYS ? ok(whole === 0 ? 0 : whole) : fail("out_of_range");
}

/** Parse a number of days from now (0 = today). Never throws. */
export function parseDays(text: string): ParseResult<number, DaysFailure> {
  const s = key(normalizeDigits(text));
  const { items, fixed } = group(tokenize(s));
  if (items.some((it) => it.t === "bad")) return fail("not_a_number");
  // Numbers written as words or kanji only count with a unit ("一週間", "a week"; not "一緒", "a").
  const qtys = items.flatMap((it, index) =>
    it.t === "qty" && (it.q.strong || it.q.unit !== null) ? [{ q: it.q, index }] : [],
  );
  const [first] = qtys;
  if (first === undefined) {
    const distinct = [...new Set(fixed)];
    if (distinct.length === 1 && distinct[0] !== undefined) return ok(distinct[0]);
    return distinct.length > 1 ? fail("ambiguous") : fail("not_a_number");
  }
  // 今日 alongside a quantity is the starting point ("今日から10日"); other day words conflict.
  if (fixed.some((d) => d !== 0)) return fail("ambiguous");
  if (qtys.some(({ q }) => q.negative || q.ago)) return fail("out_of_range");

  if (qtys.length === 1) {
    const days = quantityDays(first.q);
    return days === null ? fail("ambiguous") : inRange(days);
  }
  // Several quantities: a range ("10〜14日"), or a compound ("1ヶ月と10日", "2 weeks 3 days").
  const gaps = qtys.slice(1).map(({ index }, k) => items.slice((qtys[k]?.index ?? 0) + 1, index));
  if (qtys.length === 2 && gaps[0]?.some((it) => it.t === "range")) return fail("range");
  const compound =
    gaps.every((gap) => gap.every((it) => it.t === "join")) &&
    qtys.every(({ q }, k) => {
      const days = q.unit?.days;
      if (days === null || days === undefined) return false;
      const prev = qtys[k - 1]?.q.unit?.days;
      return k === 0 || (prev !== null && prev !== undefined && days < prev);
    });
  if (!compound) return fail("ambiguous");
  let total = 0;
  for (const { q } of qtys) total += quantityDays(q) ?? 0;
  return inRange(total);
}
