import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsePhone } from "../../../src/conversation/parse/parsePhone.ts";

const toFullWidth = (s: string) =>
  s.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d))).replace(/-/g, "－").replace(/\+/g, "＋");

describe("parsePhone: accepted formats", () => {
  it.each([
    ["090-1234-5678", "09012345678"],
    ["080 1234 5678", "08012345678"],
    ["07012345678", "07012345678"],
    ["０９０－１２３４－５６７８", "09012345678"],
    ["０９０ー１２３４ー５６７８", "09012345678"],
    ["090‐1234‐5678", "09012345678"],
    ["+81 90-1234-5678", "09012345678"],
    ["+819012345678", "09012345678"],
    ["＋８１ ９０ １２３４ ５６７８", "09012345678"],
    ["+81 (0)90-1234-5678", "09012345678"],
    ["03-1234-5678", "0312345678"],
    ["0463-12-3456", "0463123456"],
    ["(03)1234-5678", "0312345678"],
    ["03(1234)5678", "0312345678"],
    ["（０３）１２３４－５６７８", "0312345678"],
    ["+81 3-1234-5678", "0312345678"],
    ["050-1234-5678", "05012345678"],
    ["0120-123-456", "0120123456"],
    ["0800-123-4567", "08001234567"],
    ["0570-123-456", "0570123456"],
    ["  090-1234-5678  ", "09012345678"],
  ])("when a resident writes %j, then it is stored as %j", (input, expected) => {
    expect(parsePhone(input)).toEqual({ ok: true, value: expected });
  });
});

describe("parsePhone: rejected input", () => {
  it.each([
    ["", "empty"],
    ["110", "emergency number"],
    ["119", "emergency number"],
    ["03-1234-567", "too short"],
    ["090-1234-567", "mobile prefix with only 10 digits"],
    ["090-1234-56789", "12 digits"],
    ["03-1234-56789", "11 digits without a mobile/IP prefix"],
    ["0012345678", "00 international prefix"],
    ["+1 555 123 4567", "other country"],
    ["+81 3-1234-567", "too short after +81"],
    ["090-1234-567a", "letters"],
    ["tel 090-1234-5678", "letters"],
    ["9012345678", "no leading 0"],
    ["090+1234+5678", "plus inside"],
    ["090-1234-5678 / 03-1234-5678", "two numbers"],
  ])("when a resident writes %j (%s), then it is invalid_phone", (input) => {
    expect(parsePhone(input)).toEqual({ ok: false, reason: "invalid_phone" });
  });
});

describe("parsePhone: properties", () => {
  const check = (s: string) => {
    const r = parsePhone(s);
    if (r.ok) expect(r.value).toMatch(/^0\d{9,10}$/);
    else expect(r.reason).toBe("invalid_phone");
  };

  it("when given any string, then it never throws and every accepted value is 0 plus 9-10 digits", () => {
    fc.assert(fc.property(fc.string({ unit: "binary" }), check), { numRuns: 2000 });
  });

  it("when given strings of digits and separators, then every accepted value is 0 plus 9-10 digits", () => {
    const piece = fc.constantFrom(..."0123456789".split(""), "0", "0", "-", " ", "(", ")", "+", "+81", "ー", "０");
    fc.assert(fc.property(fc.array(piece, { maxLength: 16 }).map((a) => a.join("")), check), { numRuns: 5000 });
  });

  it("when a valid mobile number is written in any common format, then all formats give the same digits", () => {
    const mobile = fc
      .tuple(fc.constantFrom("070", "080", "090"), fc.stringMatching(/^\d{8}$/))
      .map(([p, rest]) => p + rest);
    fc.assert(
      fc.property(mobile, (digits) => {
        const a = digits.slice(0, 3);
        const b = digits.slice(3, 7);
        const c = digits.slice(7);
        const formats = [
          digits,
          `${a}-${b}-${c}`,
          `${a} ${b} ${c}`,
          `(${a})${b}-${c}`,
          toFullWidth(`${a}-${b}-${c}`),
          toFullWidth(digits),
          `+81${digits.slice(1)}`,
          `+81 ${a.slice(1)}-${b}-${c}`,
          `+81-${a.slice(1)}-${b}-${c}`,
          toFullWidth(`+81 ${a.slice(1)} ${b} ${c}`),
        ];
        for (const f of formats) expect(parsePhone(f), f).toEqual({ ok: true, value: digits });
      }),
    );
  });

  it("when a valid 10-digit landline is written with hyphens, then it parses to its digits", () => {
    const landline = fc.stringMatching(/^0[1-9]\d{8}$/).filter((d) => !/^0(?:[789]0|[56]0|20)/.test(d));
    fc.assert(
      fc.property(landline, (digits) => {
        expect(parsePhone(`${digits.slice(0, 2)}-${digits.slice(2, 6)}-${digits.slice(6)}`)).toEqual({
          ok: true,
          value: digits,
        });
      }),
    );
  });
});
