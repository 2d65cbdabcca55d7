// Digit normalisation for what residents type, in any script.
//
// 1. NFKC: full-width digits/letters/punctuation become ASCII ("１２，０００" -> "12,000",
//    "￥" -> "¥", "－" -> "-", "　" -> " "), circled digits become digits.
// 2. Every other Unicode decimal digit (General_Category Nd: Devanagari, Bengali, Thai,
//    Myanmar, Arabic-Indic, ...) becomes its ASCII digit. Unicode guarantees that decimal
//    digits are encoded in contiguous runs 0..9, so a digit's value is its distance from
//    the start of its run of Nd code points, modulo 10 — no per-script table needed.
// 3. Arabic decimal/thousands separators (U+066B, U+066C) become "." and ",".
// 4. Trim.
//
// Kanji numerals (一二三…) are deliberately NOT converted here: in free text they are
// mostly parts of words (一人, 一緒, 九州, 四国). The parsers interpret them in context
// (see parseKanjiInteger below and the kanji handling in parseAmount).

const DECIMAL_DIGIT = /\p{Nd}/u;
const ANY_DECIMAL_DIGIT = /\p{Nd}/gu;
const digitCache = new Map<number, number>();

/** Numeric value 0..9 of one Unicode decimal digit (any script), or undefined. */
export function decimalDigitValue(ch: string): number | undefined {
  const cp = ch.codePointAt(0);
  if (cp === undefined) return undefined;
  if (cp >= 0x30 && cp <= 0x39) return cp - 0x30;
  const cached = digitCache.get(cp);
  if (cached !== undefined) return cached;
  if (!DECIMAL_DIGIT.test(String.fromCodePoint(cp))) return undefined;
  // Walk back to the start of this run of decimal digits (the run's "zero"). Runs of
  // several adjacent digit sets (e.g. mathematical digits) are multiples of 10 long.
  let zero = cp;
  while (zero > 0 && cp - zero < 100 && DECIMAL_DIGIT.test(String.fromCodePoint(zero - 1))) zero--;
  const value = (cp - zero) % 10;
  digitCache.set(cp, value);
  return value;
}

/** NFKC-normalise, convert all Unicode decimal digits to ASCII, and trim. */
export function normalizeDigits(s: string): string {
  return s
    .normalize("NFKC")
    .replace(ANY_DECIMAL_DIGIT, (ch) => {
      const v = decimalDigitValue(ch);
      return v === undefined ? ch : String(v);
    })
    .replace(/\u066B/g, ".")
    .replace(/\u066C/g, ",")
    .trim();
}

/** Kanji digits, by value. 〇 and 零 are zero. */
export const KANJI_DIGITS: Readonly<Record<string, number>> = {
  "〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4,
  "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
};

/** Kanji positional multipliers below 万 (these may stand alone: 十 = 10, 百 = 100). */
const KANJI_SMALL: Readonly<Record<string, number>> = { "十": 10, "百": 100, "千": 1000 };
const KANJI_BIG: Readonly<Record<string, number>> = { "万": 10_000, "萬": 10_000, "億": 100_000_000 };

/**
 * Value of a kanji numeral: digit strings ("一二〇" = 120) or positional numerals
 * ("二十" = 20, "三百六十五" = 365, "十二万五千" = 125000). Undefined if malformed.
 */
export function parseKanjiInteger(s: string): number | undefined {
  if (s.length === 0) return undefined;
  const chars = [...s];
  if (chars.every((c) => c in KANJI_DIGITS)) {
    return Number(chars.map((c) => KANJI_DIGITS[c]).join(""));
  }
  let total = 0;
  let section = 0;
  let current: number | null = null;
  let lastSmall = Infinity;
  let lastBig = Infinity;
  for (const c of chars) {
    const d = KANJI_DIGITS[c];
    const small = KANJI_SMALL[c];
    const big = KANJI_BIG[c];
    if (d !== undefined) {
      if (current !== null) return undefined; // "二三十": digits run inside a positional numeral
      current = d;
    } else if (small !== undefined) {
      if (small >= lastSmall) return undefined;
      section += (current ?? 1) * small;
      lastSmall = small;
      current = null;
    } else if (big !== undefined) {
      if (big >= lastBig) return undefined;
      const base = section + (current ?? 0);
      if (base === 0) return undefined;
      total += base * big;
      lastBig = big;
      section = 0;
      lastSmall = Infinity;
      current = null;
    } else {
      return undefined;
    }
  }
  return total + section + (current ?? 0);
}

/** Regex (sticky) for an ASCII number literal with optional "." / "," separators. */
export const NUMBER_LITERAL = /[0-9]+(?:[.,][0-9]+)*/y;

function validGroups(groups: readonly string[]): boolean {
  const [first, ...rest] = groups;
  if (first === undefined || first.length < 1) return false;
  if (first.length <= 3 && rest.every((g) => g.length === 3)) return true;
  // South Asian grouping (lakh): 1,50,000 and 12,34,567 — pairs, then the last three.
  const last = rest[rest.length - 1];
  return rest.length >= 2 && first.length <= 2 && last?.length === 3 && rest.slice(0, -1).every((g) => g.length === 2);
}

/**
 * Value of an ASCII number literal as people write it in different locales:
 * - "125,000", "1,250,000" (en thousands separator), "150.000", "1.250.000" (vi/id/pt/es)
 * - "12.5", "1,5" (decimal point or decimal comma)
 * - "1,250,000.50" / "1.250.000,50" (both: the last separator is the decimal one)
 * A single separator followed by exactly three digits is a thousands separator
 * ("150.000" = 150000) unless the integer part is 0 or longer than three digits.
 * Returns undefined for malformed literals ("1,2,3", "12,34.5.6").
 */
export function parseNumberLiteral(lit: string): number | undefined {
  if (!/^[0-9]+(?:[.,][0-9]+)*$/.test(lit)) return undefined;
  const seps = lit.replace(/[0-9]/g, "");
  if (seps.length === 0) return Number(lit);
  const hasDot = seps.includes(".");
  const hasComma = seps.includes(",");
  if (hasDot && hasComma) {
    const decimalSep = seps[seps.length - 1] as "." | ",";
    const groupSep = decimalSep === "." ? "," : ".";
    if (seps.indexOf(decimalSep) !== seps.length - 1) return undefined; // decimal sep twice
    const cut = lit.lastIndexOf(decimalSep);
    const intPart = lit.slice(0, cut);
    const groups = intPart.split(groupSep);
    if (!validGroups(groups)) return undefined;
    return Number(`${groups.join("")}.${lit.slice(cut + 1)}`);
  }
  const sep = hasDot ? "." : ",";
  const parts = lit.split(sep);
  if (parts.length > 2) return validGroups(parts) ? Number(parts.join("")) : undefined;
  const [intPart = "", frac = ""] = parts;
  const looksGrouped = frac.length === 3 && intPart.length <= 3 && !intPart.startsWith("0");
  return looksGrouped ? Number(intPart + frac) : Number(`${intPart}.${frac}`);
}
