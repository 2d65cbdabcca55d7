import { describe, expect, it } from "vitest";
import { formatPhone } from "../../src/intake/formatPhone.ts";
import { parsePhone } from "../../src/conversation/parse/parsePhone.ts";

describe("formatPhone", () => {
  it.each([
    ["09012345678", "090-1234-5678"],
    ["08012345678", "080-1234-5678"],
    ["05012345678", "050-1234-5678"],
    ["0312345678", "03-1234-5678"],
    ["0612345678", "06-1234-5678"],
    ["0451234567", "045-123-4567"],
    ["0111234567", "011-123-4567"],
    ["0422123456", "0422-12-3456"],
    ["0120123456", "0120-123-456"],
    ["0570064556", "0570-064-556"],
    ["08001234567", "0800-123-4567"],
  ])("when the digits are %s, then it reads %s", (digits, shown) => {
    expect(formatPhone(digits)).toBe(shown);
  });

  it.each(["110", "#9110", "000-000-0001", "12345", "+81 90 1234 5678", ""])("when %j is not domestic digits of a full number, then it is shown as it is", (s) => {
    expect(formatPhone(s)).toBe(s);
  });

  it("when a resident typed a number any way, then what is stored reads back with the plan's hyphens", () => {
    for (const typed of ["+81 90-1234-5678", "０９０－１２３４－５６７８", "(03)1234-5678", "0120-123-456"]) {
      const p = parsePhone(typed);
      expect(p.ok).toBe(true);
      if (p.ok) expect(formatPhone(p.value)).toBe(typed.includes("03") ? "03-1234-5678" : typed.startsWith("0120") ? "0120-123-456" : "090-1234-5678");
    }
  });
});
