import { describe, expect, it } from "vitest";
import { formatPostalCode, parsePostalCode } from "../../src/intake/postalCode.ts";

describe("parsePostalCode", () => {
  it.each([
    ["123-4567", "1234567"],
    ["1234567", "1234567"],
    ["〒123-4567", "1234567"],
    ["〒 123-4567", "1234567"],
    ["〒1234567", "1234567"],
    ["１２３－４５６７", "1234567"],
    ["〒１２３ー４５６７", "1234567"],
    ["１２３４５６７", "1234567"],
    ["123 4567", "1234567"],
    ["123−4567", "1234567"],
    ["  123-4567 ", "1234567"],
    ["郵便番号：123-4567", "1234567"],
  ])("when a resident types %j, then it is the postal code %s", (typed, digits) => {
    expect(parsePostalCode(typed)).toBe(digits);
  });

  it.each([
    ["123456"],
    ["12345678"],
    ["12-34567"],
    ["1234-567"],
    ["123--4567"],
    ["abc-defg"],
    ["本町"],
    ["〒"],
    [""],
    ["みらい市本町1-2-3 123-4567"],
    ["090-1234-5678"],
    ["123,456"],
  ])("when a resident types %j, then it is not a postal code", (typed) => {
    expect(parsePostalCode(typed)).toBeNull();
  });

  it("when seven digits are formatted, then they read 123-4567", () => {
    expect(formatPostalCode("1234567")).toBe("123-4567");
  });
});
