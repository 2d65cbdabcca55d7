import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decimalDigitValue,
  normalizeDigits,
  parseKanjiInteger,
  parseNumberLiteral,
} from "../../../src/conversation/parse/normalizeDigits.ts";

/** Code point of "0" in decimal digit sets of scripts residents may type in. */
const ZEROS: Record<string, number> = {
  "full-width": 0xff10,
  "Arabic-Indic": 0x0660,
  "Extended Arabic-Indic (Persian/Urdu)": 0x06f0,
  Devanagari: 0x0966,
  Bengali: 0x09e6,
  Tamil: 0x0be6,
  Thai: 0x0e50,
  Lao: 0x0ed0,
  Myanmar: 0x1040,
  Khmer: 0x17e0,
  "Mathematical bold": 0x1d7ce,
  "Mathematical monospace": 0x1d7f6,
};

const inScript = (ascii: string, zero: number) =>
  ascii.replace(/[0-9]/g, (d) => String.fromCodePoint(zero + Number(d)));

describe("normalizeDigits", () => {
  it.each([
    ["１２３", "123"],
    ["１２，０００", "12,000"],
    ["１２．５", "12.5"],
    ["￥１２５，０００", "¥125,000"],
    ["０９０－１２３４", "090-1234"],
    ["  12  ", "12"],
    ["　１０日　", "10日"],
    ["१२३", "123"],
    ["๑๒๓", "123"],
    ["၁၂၃", "123"],
    ["١٢٣", "123"],
    ["১২৩", "123"],
    ["١٢٫٥", "12.5"],
    ["١٢٬٠٠٠", "12,000"],
    ["①②", "12"],
    ["abc", "abc"],
    ["一二三", "一二三"],
  ])("when given %j, then it returns %j", (input, expected) => {
    expect(normalizeDigits(input)).toBe(expected);
  });

  it.each(Object.entries(ZEROS))("when a number is written in %s digits, then it becomes ASCII", (_script, zero) => {
    fc.assert(
      fc.property(fc.nat(), (n) => {
        expect(normalizeDigits(inScript(String(n), zero))).toBe(String(n));
      }),
    );
  });

  it("when any Unicode decimal digit is given, then its value is its offset from the zero of its run", () => {
    for (const [, zero] of Object.entries(ZEROS)) {
      for (let d = 0; d <= 9; d++) expect(decimalDigitValue(String.fromCodePoint(zero + d))).toBe(d);
    }
    expect(decimalDigitValue("a")).toBeUndefined();
    expect(decimalDigitValue("一")).toBeUndefined();
  });

  it("when any string is normalised, then no non-ASCII decimal digit remains and it never throws", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        const out = normalizeDigits(s);
        expect(out).not.toMatch(/(?![0-9])\p{Nd}/u);
        expect(out).toBe(out.trim());
      }),
    );
  });
});

describe("parseKanjiInteger", () => {
  it.each([
    ["一二〇", 120],
    ["十", 10],
    ["二十", 20],
    ["三百六十五", 365],
    ["二千五百", 2500],
    ["十二万五千", 125000],
    ["一億二千万", 120_000_000],
  ])("when given %j, then it returns %d", (input, expected) => {
    expect(parseKanjiInteger(input)).toBe(expected);
  });

  it.each(["", "二三十", "十十", "万", "abc"])("when given malformed %j, then it returns undefined", (input) => {
    expect(parseKanjiInteger(input)).toBeUndefined();
  });
});

describe("parseNumberLiteral", () => {
  it.each([
    ["125000", 125000],
    ["125,000", 125000],
    ["1,250,000", 1250000],
    ["150.000", 150000],
    ["1.250.000", 1250000],
    ["12.5", 12.5],
    ["1,5", 1.5],
    ["0.500", 0.5],
    ["1,250,000.50", 1250000.5],
    ["1.250.000,50", 1250000.5],
  ])("when given %j, then it returns %d", (input, expected) => {
    expect(parseNumberLiteral(input)).toBe(expected);
  });

  it.each(["1,2,3", "12,34.5.6", "1.2,3", "1,234,56", "abc", ""])(
    "when given malformed %j, then it returns undefined",
    (input) => {
      expect(parseNumberLiteral(input)).toBeUndefined();
    },
  );
});
