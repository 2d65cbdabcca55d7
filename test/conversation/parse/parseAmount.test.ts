import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AMOUNT_UNITS, MAX_AMOUNT_YEN, parseAmount } from "../../../src/conversation/parse/parseAmount.ts";

const FAILURES = ["not_a_number", "negative", "too_large", "range", "ambiguous"];

/** 125000 -> "12万5千円", 120000 -> "12万円", 3000 -> "3千円", 12345 -> "1万2345円", 0 -> "0円". */
function manSenForm(n: number): string {
  const man = Math.floor(n / 10_000);
  const rest = n % 10_000;
  // Nobody writes 12万5 for 120,005 (it reads as 12万5千), so small remainders are written out.
  if (man > 0 && rest > 0 && rest < 100) return `${n}円`;
  const restPart = rest === 0 ? "" : rest % 1000 === 0 ? `${rest / 1000}千` : String(rest);
  const s = (man > 0 ? `${man}万` : "") + restPart;
  return `${s === "" ? "0" : s}円`;
}

const toFullWidth = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));

const amount = fc.integer({ min: 0, max: MAX_AMOUNT_YEN });

function expectAmount(input: string, expected: number) {
  expect(parseAmount(input)).toEqual({ ok: true, value: expected });
}

describe("parseAmount: plain and Japanese forms", () => {
  it.each([
    ["125000", 125000],
    ["125,000", 125000],
    ["125000円", 125000],
    ["¥125,000", 125000],
    ["￥１２５，０００", 125000],
    ["\\125,000", 125000],
    ["12万", 120000],
    ["12万円", 120000],
    ["12万5千円", 125000],
    ["12万5000円", 125000],
    ["12万 5千円", 125000],
    ["12.5万", 125000],
    ["１２万", 120000],
    ["3千円", 3000],
    ["3000", 3000],
    ["千円", 1000],
    ["百万円", 1_000_000],
    ["十二万", 120000],
    ["二千五百円", 2500],
    ["一万円", 10000],
    ["1億", 100_000_000],
    ["10000万円", 100_000_000],
    ["1.2345万", 12345],
    ["12 man", 120000],
  ])("when a resident writes %j, then the amount is %d yen", expectAmount);
});

describe("parseAmount: nothing means zero", () => {
  it.each([
    ["0", 0],
    ["0円", 0],
    ["なし", 0],
    ["ない", 0],
    ["無し", 0],
    ["ゼロ", 0],
    ["ゼロ円", 0],
    ["ないです", 0],
    ["なし。", 0],
    ["none", 0],
    ["None", 0],
    ["nothing", 0],
    ["zero", 0],
    ["wala", 0],
    ["không có", 0],
    ["tidak ada", 0],
    ["없음", 0],
    ["没有", 0],
    ["ไม่มี", 0],
  ])("when a resident writes %j, then the amount is %d yen", expectAmount);
});

describe("parseAmount: approximations are accepted as the number", () => {
  it.each([
    ["約12万", 120000],
    ["12万くらい", 120000],
    ["12万ぐらいです", 120000],
    ["だいたい12万", 120000],
    ["about 120,000", 120000],
    ["around 120k", 120000],
    ["120k", 120000],
    ["120K", 120000],
    ["月12万", 120000],
    ["12万/月", 120000],
    ["〜12万", 120000],
    ["sekitar 1,5 juta", 1_500_000],
  ])("when a resident writes %j, then the amount is %d yen", expectAmount);
});

describe("parseAmount: unit words of other languages", () => {
  it.each([
    ["1.5 juta", 1_500_000],
    ["1,5 juta", 1_500_000],
    ["150 ribu", 150000],
    ["150rb", 150000],
    ["1 juta 500 ribu", 1_500_000],
    ["150 mil", 150000],
    ["R$ 1.500", 1500],
    ["1 millón", 1_000_000],
    ["2 millones", 2_000_000],
    ["1 milhão", 1_000_000],
    ["2 milhões", 2_000_000],
    ["1 milhão 200 mil", 1_200_000],
    ["15万", 150000],
    ["15萬", 150000],
    ["150,000 yên", 150000],
    ["150.000 đồng", 150000],
    ["150.000đ", 150000],
    ["12.5 triệu", 12_500_000],
    ["1.5 triệu", 1_500_000],
    ["150 nghìn", 150000],
    ["150 ngàn", 150000],
    ["₱5,000", 5000],
    ["5 libo", 5000],
    ["1 milyon", 1_000_000],
    ["$500", 500],
    ["500 yen", 500],
    ["5000 JPY", 5000],
    ["15만 원", 150000],
    ["15만원", 150000],
    ["3천 원", 3000],
    ["만 원", 10000],
    ["1억", 100_000_000],
    ["5 हजार", 5000],
    ["५ हजार", 5000],
    ["2 लाख", 200000],
    ["1 लाख 50 हजार", 150000],
    ["5 พัน", 5000],
    ["1 หมื่น", 10000],
    ["1 แสน", 100000],
    ["1 แสน 5 หมื่น", 150000],
    ["2 ล้าน", 2_000_000],
    ["๕ พันบาท", 5000],
    ["၅ ထောင်", 5000],
    ["3 သောင်း", 30000],
    ["2 သိန်း", 200000],
    ["1 million", 1_000_000],
    ["5 thousand", 5000],
  ])("when a resident writes %j, then the amount is %d yen", expectAmount);

  it("when the unit table is read, then every unit has a positive multiplier and a language", () => {
    for (const u of AMOUNT_UNITS) {
      expect(u.multiplier).toBeGreaterThan(0);
      expect(u.langs.length).toBeGreaterThan(0);
    }
    expect(new Set(AMOUNT_UNITS.map((u) => u.word)).size).toBe(AMOUNT_UNITS.length);
  });
});

describe("parseAmount: rejections", () => {
  it.each([
    ["10〜15万", "range"],
    ["10~15万", "range"],
    ["10-15万", "range"],
    ["10ー15万", "range"],
    ["10万〜15万円", "range"],
    ["10万から15万", "range"],
    ["10 to 15 juta", "range"],
    ["-5000", "negative"],
    ["−5000円", "negative"],
    ["マイナス5000", "negative"],
    ["minus 5000", "negative"],
    ["▲5000", "negative"],
    ["ー5000", "negative"],
    ["100000001", "too_large"],
    ["100,000,001円", "too_large"],
    ["2億", "too_large"],
    ["999999999999999999999999", "too_large"],
    ["abc", "not_a_number"],
    ["", "not_a_number"],
    ["   ", "not_a_number"],
    ["わからない", "not_a_number"],
    ["収入はありますか", "not_a_number"],
    ["千葉", "not_a_number"],
    ["一人", "not_a_number"],
    ["1.2 lakh", "not_a_number"],
    ["1.5", "not_a_number"],
    ["1,2,3", "not_a_number"],
    ["12万50000", "not_a_number"],
    ["5千3千", "not_a_number"],
    ["家賃12万、光熱費1万", "ambiguous"],
    ["090-1234-5678", "ambiguous"],
    ["2024/5/1", "ambiguous"],
  ])("when a resident writes %j, then it is rejected with %j", (input, reason) => {
    expect(parseAmount(input)).toEqual({ ok: false, reason });
  });

  it("when numbers sit inside words, then they are not mistaken for the amount", () => {
    expectAmount("一人暮らしで家賃5万", 50000);
    expectAmount("千葉に住んでいて5万", 50000);
    expectAmount("十分ではないけど3万", 30000);
    expectAmount("まー5万", 50000);
  });
});

describe("parseAmount: properties", () => {
  it("when any integer 0..100,000,000 is written as plain digits, then it parses back to itself", () => {
    fc.assert(fc.property(amount, (n) => void expectAmount(String(n), n)));
  });

  it("when written with en-US thousands separators, then it parses back to itself", () => {
    fc.assert(fc.property(amount, (n) => void expectAmount(n.toLocaleString("en-US"), n)));
  });

  it("when written with 円, then it parses back to itself", () => {
    fc.assert(fc.property(amount, (n) => void expectAmount(`${n}円`, n)));
  });

  it("when written in 万/千 form (12万5千円, 1万2345円), then it parses back to itself", () => {
    expect(manSenForm(125000)).toBe("12万5千円");
    expect(manSenForm(120000)).toBe("12万円");
    expect(manSenForm(3000)).toBe("3千円");
    expect(manSenForm(12345)).toBe("1万2345円");
    fc.assert(fc.property(amount, (n) => void expectAmount(manSenForm(n), n)));
  });

  it("when written in full-width digits, then it parses back to itself", () => {
    fc.assert(fc.property(amount, (n) => void expectAmount(toFullWidth(String(n)), n)));
  });

  it("when written with a ¥ sign and a trailing approximation, then it parses back to itself", () => {
    fc.assert(fc.property(amount, (n) => void expectAmount(`約¥${n.toLocaleString("en-US")}くらい`, n)));
  });

  const assertTotal = (s: string) => {
    const r = parseAmount(s);
    if (r.ok) {
      expect(Number.isInteger(r.value)).toBe(true);
      expect(r.value).toBeGreaterThanOrEqual(0);
      expect(r.value).toBeLessThanOrEqual(MAX_AMOUNT_YEN);
      expect(Object.is(r.value, -0)).toBe(false);
    } else {
      expect(FAILURES).toContain(r.reason);
    }
  };

  it("when given any string, then it never throws and returns a bounded whole amount or a reason", () => {
    fc.assert(fc.property(fc.string({ unit: "binary" }), assertTotal), { numRuns: 2000 });
  });

  it("when given strings built from digits, units and separators, then it never throws and stays bounded", () => {
    const pieces = fc.constantFrom(
      ..."0123456789".split(""),
      ...AMOUNT_UNITS.map((u) => u.word),
      ",", ".", " ", "-", "−", "〜", "円", "¥", "$", "約", "くらい", "一", "二", "〇", "十", "マイナス", "から", "なし", "k",
      "１", "०", "๕",
    );
    fc.assert(fc.property(fc.array(pieces, { maxLength: 12 }).map((a) => a.join("")), assertTotal), { numRuns: 5000 });
  });
});

describe("parseAmount: forms people misread or group differently", () => {
  it.each(["12万5", "1万5", "15만5", "1tr5", "1 แสน 5"])("when %s could mean a round figure or a few yen more, then it is refused and asked again", (text) => {
    expect(parseAmount(text).ok).toBe(false);
  });
  it.each([
    ["1,50,000", 150_000],
    ["Rs 1,50,000", 150_000],
    ["12,34,567", 1_234_567],
    ["150 libong piso", 150_000],
    ["5 milyong", 5_000_000],
  ])("when %s is written with lakh grouping or Tagalog linkers, then it reads %d", (text, value) => {
    expect(parseAmount(text)).toEqual({ ok: true, value });
  });
});
