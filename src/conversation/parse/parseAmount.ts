// Yen amounts as residents write them, in the languages the bot serves:
// "125,000", "¥125,000", "12万5千円", "12.5万", "約12万", "月12万", "120k", "1.5 juta",
// "150 mil", "150.000 đồng", "15만 원", "1 แสน 5 หมื่น", "なし" (= 0).
//
// Design: the text is tokenised against word tables (units, currency markers, range
// words, negative words) rather than hard-coded branches; unknown text (くらい, about,
// 月, です, ...) is ignored except that it separates number expressions. Exactly one
// number expression must remain. A number expression is numbers and units combined
// the East-Asian way (big units 万/億/lakh/juta close a group; small units 千/百/k/mil
// multiply within a group), which also covers the single-unit forms of other languages.
//
// The amount is assumed to be in yen (the question asks in yen); currency markers of
// other currencies ("$", "₱", "R$", "đồng", ...) are accepted and ignored.
import { KANJI_DIGITS, NUMBER_LITERAL, normalizeDigits, parseKanjiInteger, parseNumberLiteral } from "./normalizeDigits.ts";
import { fail, ok, type ParseResult } from "./result.ts";

export type AmountFailure = "not_a_number" | "negative" | "too_large" | "range" | "ambiguous";

export const MAX_AMOUNT_YEN = 100_000_000;

export interface AmountUnit {
  /** The word as typed (matched case-insensitively after NFKC). */
  readonly word: string;
  readonly multiplier: number;
  /** BCP-47 language codes the word belongs to (documentation). */
  readonly langs: readonly string[];
  /** The word alone means 1 × multiplier ("千円" = 1000, Korean "만 원" = 10000). */
  readonly implicitOne?: boolean;
}

/** Unit words multiplying the number before them. Units below 10,000 are "small". */
export const AMOUNT_UNITS: readonly AmountUnit[] = [
  // Japanese / Chinese
  { word: "十", multiplier: 10, langs: ["ja", "zh"], implicitOne: true },
  { word: "百", multiplier: 100, langs: ["ja", "zh"], implicitOne: true },
  { word: "千", multiplier: 1_000, langs: ["ja", "zh"], implicitOne: true },
  { word: "万", multiplier: 10_000, langs: ["ja", "zh-Hans"] },
  { word: "萬", multiplier: 10_000, langs: ["zh-Hant"] },
  { word: "億", multiplier: 100_000_000, langs: ["ja", "zh-Hant"] },
  { word: "亿", multiplier: 100_000_000, langs: ["zh-Hans"] },
  { word: "man", multiplier: 10_000, langs: ["ja-Latn"] }, // romaji 万: "12 man"
  // Korean ("만 원" alone is 10,000 won)
  { word: "백", multiplier: 100, langs: ["ko"], implicitOne: true },
  { word: "천", multiplier: 1_000, langs: ["ko"], implicitOne: true },
  { word: "만", multiplier: 10_000, langs: ["ko"], implicitOne: true },
  { word: "억", multiplier: 100_000_000, langs: ["ko"], implicitOne: true },
  // English
  { word: "k", multiplier: 1_000, langs: ["en", "vi"] },
  { word: "thousand", multiplier: 1_000, langs: ["en"] },
  { word: "million", multiplier: 1_000_000, langs: ["en"] },
  { word: "millions", multiplier: 1_000_000, langs: ["en"] },
  // Indonesian / Malay
  { word: "ribu", multiplier: 1_000, langs: ["id", "ms"] },
  { word: "rb", multiplier: 1_000, langs: ["id"] },
  { word: "juta", multiplier: 1_000_000, langs: ["id", "ms"] },
  { word: "jt", multiplier: 1_000_000, langs: ["id"] },
  // Spanish / Portuguese ("mil" is a thousand here, not the English slang for million)
  { word: "mil", multiplier: 1_000, langs: ["es", "pt"] },
  { word: "millón", multiplier: 1_000_000, langs: ["es"] },
  { word: "millon", multiplier: 1_000_000, langs: ["es"] },
  { word: "millones", multiplier: 1_000_000, langs: ["es"] },
  { word: "milhão", multiplier: 1_000_000, langs: ["pt"] },
  { word: "milhao", multiplier: 1_000_000, langs: ["pt"] },
  { word: "milhões", multiplier: 1_000_000, langs: ["pt"] },
  { word: "milhoes", multiplier: 1_000_000, langs: ["pt"] },
  // Tagalog
  { word: "libong", multiplier: 1_000, langs: ["tl"] },
  { word: "libo", multiplier: 1_000, langs: ["tl"] },
  { word: "milyong", multiplier: 1_000_000, langs: ["tl"] },
  { word: "milyon", multiplier: 1_000_000, langs: ["tl"] },
  // Vietnamese
  { word: "nghìn", multiplier: 1_000, langs: ["vi"] },
  { word: "ngàn", multiplier: 1_000, langs: ["vi"] },
  { word: "triệu", multiplier: 1_000_000, langs: ["vi"] },
  { word: "tr", multiplier: 1_000_000, langs: ["vi"] },
  // Nepali
  { word: "सय", multiplier: 100, langs: ["ne"] },
  { word: "हजार", multiplier: 1_000, langs: ["ne"] },
  { word: "लाख", multiplier: 100_000, langs: ["ne"] },
  { word: "करोड", multiplier: 10_000_000, langs: ["ne"] },
  // Thai
  { word: "ร้อย", multiplier: 100, langs: ["th"] },
  { word: "พัน", multiplier: 1_000, langs: ["th"] },
  { word: "หมื่น", multiplier: 10_000, langs: ["th"] },
  { word: "แสน", multiplier: 100_000, langs: ["th"] },
  { word: "ล้าน", multiplier: 1_000_000, langs: ["th"] },
  // Burmese
  { word: "ရာ", multiplier: 100, langs: ["my"] },
  { word: "ထောင်", multiplier: 1_000, langs: ["my"] },
  { word: "သောင်း", multiplier: 10_000, langs: ["my"] },
  { word: "သိန်း", multiplier: 100_000, langs: ["my"] },
  { word: "သန်း", multiplier: 1_000_000, langs: ["my"] },
];

/** Currency signs and words, before or after the number; ignored (amount taken as yen). */
export const CURRENCY_MARKERS: readonly string[] = [
  "円", "えん", "yen", "jpy", "¥", "\\", "日元", "日圓", "엔", "yên", // yen
  "元", "块", "원", "đồng", "đ", "vnđ", "vnd", "₱", "php", "peso", "pesos",
  "r$", "us$", "$", "usd", "rp", "rupiah", "रु", "रू", "रुपैयाँ", "रुपियाँ",
  "บาท", "ကျပ်", "€", "₩", "₫", "฿",
];

/** Words between two numbers that make them a range ("10〜15万", "10万から15万"). */
export const RANGE_WORDS: readonly string[] = [
  "〜", "~", "〰", "から", "to", "hanggang", "đến", "tới", "sampai", "hingga", "até", "hasta", "ถึง", "至", "到",
];

/** Words marking a negative amount (a leading dash also does). */
export const NEGATIVE_WORDS: readonly string[] = ["マイナス", "minus", "△", "▲"];

/** Whole answers meaning "nothing" (= 0 yen). Matched against the entire reply. */
export const ZERO_WORDS: readonly string[] = [
  "なし", "無し", "ない", "無い", "ゼロ", "ぜろ", "零", "ありません", "無", "none", "nothing", "zero", "nil",
  "nada", "ninguno", "nenhum", "wala", "walang", "không", "không có", "tidak ada", "tidak punya", "tak ada",
  "gak ada", "nggak ada", "없음", "없어요", "없습니다", "없다", "没有", "沒有", "无", "ไม่มี", "छैन", "केही छैन",
  "မရှိ", "မရှိပါ",
];

const DASHES = new Set(["-", "‐", "‑", "‒", "–", "—", "―", "−", "ー", "﹣"]);

type Lexeme =
  | { kind: "unit"; unit: AmountUnit }
  | { kind: "currency" }
  | { kind: "range" }
  | { kind: "negative" };

function key(word: string): string {
  return word.normalize("NFKC").toLowerCase();
}

const LEXICON: readonly { word: string; lexeme: Lexeme }[] = [
  ...AMOUNT_UNITS.map((unit) => ({ word: key(unit.word), lexeme: { kind: "unit", unit } as const })),
  ...CURRENCY_MARKERS.map((w) => ({ word: key(w), lexeme: { kind: "currency" } as const })),
  ...RANGE_WORDS.map((w) => ({ word: key(w), lexeme: { kind: "range" } as const })),
  ...NEGATIVE_WORDS.map((w) => ({ word: key(w), lexeme: { kind: "negative" } as const })),
].sort((a, b) => b.word.length - a.word.length);

const LATIN = /\p{Script=Latin}/u;
const MARK = /\p{M}/u;
const SPACE = /\s/u;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** Match a lexicon word at i; Latin words need word boundaries, no word may end mid-cluster. */
export function matchWord<T extends { word: string }>(
  lexicon: readonly T[],
  s: string,
  i: number,
): T | undefined {
  const prev = s[i - 1] ?? "";
  for (const entry of lexicon) {
    const w = entry.word;
    if (!s.startsWith(w, i)) continue;
    const next = s[i + w.length] ?? "";
    if (LATIN.test(w[0] ?? "") && LATIN.test(prev)) continue;
    if (LATIN.test(w[w.length - 1] ?? "") && LATIN.test(next)) continue;
    if (MARK.test(next)) continue;
    return entry;
  }
  return undefined;
}

type Token =
  | { t: "num"; value: number; kanji: boolean }
  | { t: "bad" }
  | { t: "unit"; unit: AmountUnit }
  | { t: "currency" }
  | { t: "dash" }
  | { t: "range" }
  | { t: "negative" }
  | { t: "space" }
  | { t: "other" };

function tokenize(s: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const ch = s[i] ?? "";
    if (SPACE.test(ch)) {
      tokens.push({ t: "space" });
      i++;
      continue;
    }
    if (ch >= "0" && ch <= "9") {
      NUMBER_LITERAL.lastIndex = i;
      const lit = NUMBER_LITERAL.exec(s)?.[0] ?? ch;
      const value = parseNumberLiteral(lit);
      tokens.push(value === undefined ? { t: "bad" } : { t: "num", value, kanji: false });
      i += lit.length;
      continue;
    }
    if (ch in KANJI_DIGITS) {
      let j = i;
      while (j < s.length && (s[j] ?? "") in KANJI_DIGITS) j++;
      tokens.push({ t: "num", value: parseKanjiInteger(s.slice(i, j)) ?? 0, kanji: true });
      i = j;
      continue;
    }
    // "ー" after kana is a long vowel ("まー5万"), not a minus sign or range dash.
    if (DASHES.has(ch) && !(ch === "ー" && KANA.test(s[i - 1] ?? ""))) {
      tokens.push({ t: "dash" });
      i++;
      continue;
    }
    const entry = matchWord(LEXICON, s, i);
    if (entry) {
      const lx = entry.lexeme;
      tokens.push(lx.kind === "unit" ? { t: "unit", unit: lx.unit } : { t: lx.kind });
      i += entry.word.length;
      continue;
    }
    const last = tokens[tokens.length - 1];
    if (last?.t !== "other") tokens.push({ t: "other" });
    i += ch.length;
  }
  return tokens;
}

type Part = { t: "num"; value: number; kanji: boolean } | { t: "bad" } | { t: "unit"; unit: AmountUnit };

interface Expr {
  parts: Part[];
  currency: boolean;
  negative: boolean;
}

type Item = { t: "expr"; expr: Expr } | { t: "range" } | { t: "other" };

/** Group tokens into number expressions separated by range markers or other text. */
function group(tokens: readonly Token[]): Item[] {
  const items: Item[] = [];
  let cur: Expr | null = null;
  let pendingCurrency = false;
  let pendingNegative = false;
  const open = (): Expr => {
    const expr: Expr = { parts: [], currency: pendingCurrency, negative: pendingNegative };
    pendingCurrency = false;
    pendingNegative = false;
    return expr;
  };
  const close = () => {
    if (cur && cur.parts.length > 0) items.push({ t: "expr", expr: cur });
    cur = null;
  };
  const lastIsExpr = () => items[items.length - 1]?.t === "expr";
  for (const tok of tokens) {
    switch (tok.t) {
      case "space":
        break;
      case "num":
      case "bad": {
        const last: Part | undefined = cur?.parts[cur.parts.length - 1];
        if (last && last.t !== "unit") close(); // two numbers in a row: a new expression
        cur ??= open();
        cur.parts.push(tok);
        break;
      }
      case "unit":
        cur ??= open();
        cur.parts.push(tok);
        break;
      case "currency":
        if (cur && cur.parts.length > 0) {
          cur.currency = true;
          close();
        } else {
          pendingCurrency = true;
        }
        break;
      case "dash":
        if (cur && cur.parts.length > 0) {
          close();
          items.push({ t: "range" });
        } else if (lastIsExpr()) {
          items.push({ t: "range" });
        } else {
          pendingNegative = true;
        }
        break;
      case "range":
        close();
        if (items.length > 0) items.push({ t: "range" });
        break;
      case "negative":
        close();
        pendingNegative = true;
        break;
      case "other":
        close();
        items.push({ t: "other" });
        pendingCurrency = false;
        pendingNegative = false;
        break;
    }
  }
  close();
  return items;
}

/** Whether an expression is an amount rather than a numeral inside a word (一人, 千葉, 十分). */
function isAmount(expr: Expr): boolean {
  const { parts } = expr;
  if (parts.some((p) => p.t === "bad" || (p.t === "num" && !p.kanji))) return true;
  const hasKanjiNum = parts.some((p) => p.t === "num");
  const hasUnit = parts.some((p) => p.t === "unit");
  return (hasKanjiNum && hasUnit) || expr.currency;
}

const HUGE = 1e15;

/** Combine numbers and units: 12万5千 = 12×10⁴ + 5×10³; 1 แสน 5 หมื่น = 10⁵ + 5×10⁴. */
function evaluate(parts: readonly Part[]): number | undefined {
  let total = 0;
  let section = 0;
  let current: number | null = null;
  let lastBig = Infinity;
  let lastSmall = Infinity;
  for (const p of parts) {
    if (p.t === "bad") return undefined;
    if (p.t === "num") {
      if (p.value > HUGE) return Infinity;
      if (current !== null) return undefined;
      current = p.value;
      continue;
    }
    const m = p.unit.multiplier;
    if (m < 10_000) {
      if (m >= lastSmall) return undefined; // "5千3千"
      const coef = current ?? (p.unit.implicitOne ? 1 : undefined);
      if (coef === undefined) return undefined;
      section += coef * m;
      lastSmall = m;
    } else {
      if (m >= lastBig) return undefined; // "1万2億"
      let base = section + (current ?? 0);
      if (current === null && section === 0) {
        if (!p.unit.implicitOne) return undefined;
        base = 1;
      }
      if (base * m >= lastBig) return undefined; // "1億20000万"
      total += base * m;
      lastBig = m;
      section = 0;
      lastSmall = Infinity;
    }
    current = null;
  }
  if (current !== null && current >= lastSmall) return undefined; // "5千1000"
  // A fraction is only meaningful before a unit ("12.5万"); "1.5" or "1.2 lakh" (unknown
  // unit word) would otherwise silently become 2 or 1 yen.
  if (current !== null && !Number.isInteger(current)) return undefined;
  // "12万5" is 12万5千 to most people, but 120,005 to a parser: refuse it, and the resident is
  // asked again with an example.
  if (current !== null && lastBig !== Infinity && section === 0 && current < 100) return undefined;
  const rest = section + (current ?? 0);
  if (rest >= lastBig) return undefined; // "12万50000"
  return total + rest;
}

const ZERO_KEYS = new Set(ZERO_WORDS.map((w) => compact(w)));
const POLITE_ENDINGS = ["です", "でした", "ます", "だよ", "だ", "よ", "ね", "yen", "円"];

function compact(s: string): string {
  return key(s).replace(/[\p{P}\p{S}\p{Z}\s]/gu, "");
}

function isZeroWord(s: string): boolean {
  let c = compact(s);
  for (let changed = true; changed && c.length > 0; ) {
    changed = false;
    for (const end of POLITE_ENDINGS) {
      if (c.length > end.length && c.endsWith(end)) {
        c = c.slice(0, -end.length);
        changed = true;
      }
    }
  }
  return ZERO_KEYS.has(c);
}

/** Parse a yen amount. Never throws; the value is whole yen in 0..100,000,000. */
export function parseAmount(text: string): ParseResult<number, AmountFailure> {
  const s = key(normalizeDigits(text));
  const items = group(tokenize(s));
  const amounts = items.flatMap((it, index) => (it.t === "expr" && isAmount(it.expr) ? [{ expr: it.expr, index }] : []));
  const [first, second] = amounts;
  if (first === undefined) return isZeroWord(s) ? ok(0) : fail("not_a_number");
  if (second !== undefined) {
    const between = items.slice(first.index + 1, second.index);
    const isRange = between.some((it) => it.t === "range") && !between.some((it) => it.t === "other");
    return amounts.length === 2 && isRange ? fail("range") : fail("ambiguous");
  }
  const value = evaluate(first.expr.parts);
  if (value === undefined || Number.isNaN(value)) return fail("not_a_number");
  if (first.expr.negative && value > 0) return fail("negative");
  if (!Number.isFinite(value)) return fail("too_large");
  const yen = Math.round(value);
  if (yen > MAX_AMOUNT_YEN) return fail("too_large");
  return ok(yen === 0 ? 0 : yen);
}
