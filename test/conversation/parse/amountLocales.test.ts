// Amounts written the way each of the fourteen languages writes them parse back to the number
// (contract section 3: "amounts written the way people write them … in every language").
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_AMOUNT_YEN, parseAmount } from "../../../src/conversation/parse/parseAmount.ts";

/** Writes the ASCII digits of a string in another script's digits (Devanagari ०, Thai ๐, Myanmar ၀). */
const digitsFrom = (zero: number) => (s: string) => s.replace(/[0-9]/g, (d) => String.fromCodePoint(zero + Number(d)));
const devanagari = digitsFrom(0x0966);
const thai = digitsFrom(0x0e50);
const myanmar = digitsFrom(0x1040);
const fullWidth = digitsFrom(0xff10);

/** n = k × step, k ≥ 1, within the amounts the bot accepts. */
const multiplesOf = (step: number, max = MAX_AMOUNT_YEN) => fc.integer({ min: 1, max: Math.floor(max / step) }).map((k) => k * step);
const anyAmount = fc.integer({ min: 0, max: MAX_AMOUNT_YEN });
/** A decimal with a comma, as most of these languages write it: 1,25. */
const decimalComma = (x: number) => String(x).replace(".", ",");
/** 1,250,000 with the en-US grouping. */
const en = (n: number) => n.toLocaleString("en-US");
/** 1.250.000: dots group thousands (vi, id, pt-BR, es). Built by hand: no ICU data is assumed. */
const dots = (n: number) => en(n).replace(/,/g, ".");

/** 125000 → "12万5千", 120000 → "12万", 12345 → "1万2345", 3000 → "3千" (the Japanese way). */
function manSen(n: number, man = "万"): string {
  const m = Math.floor(n / 10_000);
  const rest = n % 10_000;
  // 12万5 reads as 12万5千; a small remainder is written with all its digits instead.
  if (m > 0 && rest > 0 && rest < 100) return String(n);
  const restPart = rest === 0 ? "" : rest % 1000 === 0 ? `${rest / 1000}千` : String(rest);
  return (m > 0 ? `${m}${man}` : "") + restPart || "0";
}

/** 155000 → "15만 5천 원", 150000 → "15만 원", 151234 → "15만 1234원". */
function manCheon(n: number): string {
  const m = Math.floor(n / 10_000);
  const rest = n % 10_000;
  if (rest === 0) return `${m}만 원`;
  if (m > 0 && rest < 100) return `${n}원`;
  const restPart = rest % 1000 === 0 ? `${rest / 1000}천` : String(rest);
  return m > 0 ? `${m}만 ${restPart} 원` : `${restPart} 원`;
}

/** Lakh and thousand, the Nepali way: 150000 → "1 लाख 50 हजार". */
function lakhHajar(n: number): string {
  const lakh = Math.floor(n / 100_000);
  const hajar = (n % 100_000) / 1000;
  return [lakh > 0 ? `${lakh} लाख` : "", hajar > 0 ? `${hajar} हजार` : ""].filter(Boolean).join(" ");
}

/** Thai units: 150000 → "1 แสน 5 หมื่น". */
function saenMuen(n: number): string {
  const saen = Math.floor(n / 100_000);
  const muen = (n % 100_000) / 10_000;
  return [saen > 0 ? `${saen} แสน` : "", muen > 0 ? `${muen} หมื่น` : ""].filter(Boolean).join(" ");
}

/** Millions and thousands in Spanish or Portuguese: 1200000 → "1 millón 200 mil". */
function millionsMil(n: number, one: string, many: string): string {
  const millions = Math.floor(n / 1_000_000);
  const thousands = (n % 1_000_000) / 1000;
  const head = millions === 0 ? "" : `${millions} ${millions === 1 ? one : many}`;
  return [head, thousands > 0 ? `${thousands} mil` : ""].filter(Boolean).join(" ");
}

function expectAmount(input: string, n: number) {
  expect(parseAmount(input), input).toEqual({ ok: true, value: n });
}

type Form = [string, fc.Arbitrary<number>, (n: number) => string];

const FORMS: Record<string, Form[]> = {
  ja: [
    ["12万5千円", multiplesOf(1), (n) => `${manSen(n)}円`],
    ["125,000円", anyAmount, (n) => `${en(n)}円`],
  ],
  "ja-easy": [
    ["１２万５千円 (full-width digits)", multiplesOf(1), (n) => fullWidth(`${manSen(n)}円`)],
    ["12万 5千 えん", multiplesOf(1000), (n) => `${manSen(n).replace("万", "万 ")} えん`],
  ],
  en: [
    ["125,000 yen", anyAmount, (n) => `${en(n)} yen`],
    ["¥125,000", anyAmount, (n) => `¥${en(n)}`],
    ["125k", multiplesOf(1000), (n) => `${n / 1000}k`],
  ],
  "zh-Hans": [
    ["12.5万", multiplesOf(1000), (n) => `${n / 10_000}万`],
    ["12万5千元", multiplesOf(1), (n) => `${manSen(n)}元`],
    ["125000日元", anyAmount, (n) => `${n}日元`],
  ],
  "zh-Hant": [
    ["12.5萬", multiplesOf(1000), (n) => `${n / 10_000}萬`],
    ["12萬5千元", multiplesOf(1), (n) => `${manSen(n, "萬")}元`],
    ["125,000日圓", anyAmount, (n) => `${en(n)}日圓`],
  ],
  ko: [
    ["15만 원", multiplesOf(10_000), (n) => `${n / 10_000}만 원`],
    ["15만 5천 원", multiplesOf(1), (n) => manCheon(n)],
    ["125,000엔", anyAmount, (n) => `${en(n)}엔`],
  ],
  vi: [
    ["150.000 yên", anyAmount, (n) => `${dots(n)} yên`],
    ["150 nghìn", multiplesOf(1000, 999_000), (n) => `${n / 1000} nghìn`],
    ["1,5 triệu", multiplesOf(100_000), (n) => `${decimalComma(n / 1_000_000)} triệu`],
  ],
  "pt-BR": [
    ["150 mil", multiplesOf(1000, 999_000), (n) => `${n / 1000} mil`],
    ["1 milhão 200 mil", multiplesOf(1000), (n) => millionsMil(n, "milhão", "milhões")],
    ["150.000 ienes", anyAmount, (n) => `${dots(n)} ienes`],
  ],
  es: [
    ["150 mil", multiplesOf(1000, 999_000), (n) => `${n / 1000} mil`],
    ["1 millón 200 mil", multiplesOf(1000), (n) => millionsMil(n, "millón", "millones")],
    ["150.000 yenes", anyAmount, (n) => `${dots(n)} yenes`],
  ],
  tl: [
    ["150 libo", multiplesOf(1000, 999_000), (n) => `${n / 1000} libo`],
    ["2 milyon", multiplesOf(1_000_000), (n) => `${n / 1_000_000} milyon`],
    ["150,000 yen", anyAmount, (n) => `${en(n)} yen`],
  ],
  ne: [
    ["१५००० (Devanagari digits)", anyAmount, (n) => devanagari(String(n))],
    ["१ लाख ५० हजार", multiplesOf(1000), (n) => devanagari(lakhHajar(n))],
    ["15000 येन", anyAmount, (n) => `${n} येन`],
  ],
  id: [
    ["1,25 juta", multiplesOf(10_000).filter((n) => n >= 1_000_000), (n) => `${decimalComma(n / 1_000_000)} juta`],
    ["150 ribu", multiplesOf(1000, 999_000), (n) => `${n / 1000} ribu`],
    ["Rp 150.000", anyAmount, (n) => `Rp ${dots(n)}`],
  ],
  th: [
    ["๑๕,๐๐๐ (Thai digits)", anyAmount, (n) => thai(en(n))],
    ["15,000 เยน", anyAmount, (n) => `${en(n)} เยน`],
    ["1 แสน 5 หมื่น", multiplesOf(10_000), (n) => saenMuen(n)],
  ],
  my: [
    ["၁၅၀၀၀ (Myanmar digits)", anyAmount, (n) => myanmar(String(n))],
    ["၁၅,၀၀၀ ယန်း", anyAmount, (n) => `${myanmar(en(n))} ယန်း`],
    ["၁၅ သောင်း", multiplesOf(10_000, 90_000), (n) => `${myanmar(String(n / 10_000))} သောင်း`],
    ["၂ သိန်း", multiplesOf(100_000), (n) => `${myanmar(String(n / 100_000))} သိန်း`],
  ],
};

describe("amounts written the way each language writes them parse back to the number", () => {
  it("when the forms are listed, then every language of the contract has some", () => {
    expect(Object.keys(FORMS).sort()).toEqual(["ja", "ja-easy", "en", "zh-Hans", "zh-Hant", "ko", "vi", "pt-BR", "es", "tl", "ne", "id", "th", "my"].sort());
  });

  it("when the helpers write a few amounts, then they write them as people do", () => {
    expect(manCheon(155_000)).toBe("15만 5천 원");
    expect(lakhHajar(150_000)).toBe("1 लाख 50 हजार");
    expect(devanagari(lakhHajar(150_000))).toBe("१ लाख ५० हजार");
    expect(saenMuen(150_000)).toBe("1 แสน 5 หมื่น");
    expect(millionsMil(1_200_000, "millón", "millones")).toBe("1 millón 200 mil");
    expect(decimalComma(1_250_000 / 1_000_000)).toBe("1,25");
    expect(dots(1_250_000)).toBe("1.250.000");
    expect(myanmar("15000")).toBe("၁၅၀၀၀");
    expect(thai("15,000")).toBe("๑๕,๐๐๐");
  });

  for (const [lang, forms] of Object.entries(FORMS)) {
    describe(lang, () => {
      it.each(forms)(`when an amount is written like %s, then it parses back to itself`, (_example, amounts, write) => {
        fc.assert(fc.property(amounts, (n) => expectAmount(write(n), n)));
      });
    });
  }
});
