import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DAY_UNITS, MAX_DAYS, parseDays } from "../../../src/conversation/parse/parseDays.ts";

const toFullWidth = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));

describe("parseDays: accepted answers", () => {
  it.each([
    ["10", 10],
    ["10日", 10],
    ["10日後", 10],
    ["１０日", 10],
    ["あと10日", 10],
    ["10日以内", 10],
    ["10日間", 10],
    ["3週間", 21],
    ["2 weeks", 14],
    ["1ヶ月", 30],
    ["1か月", 30],
    ["1カ月", 30],
    ["1ヵ月", 30],
    ["1 month", 30],
    ["今日", 0],
    ["today", 0],
    ["Today", 0],
    ["明日", 1],
    ["tomorrow", 1],
    ["明後日", 2],
    ["あさって", 2],
    ["10 days", 10],
    ["in 10 days", 10],
    ["0", 0],
    ["365", 365],
    ["1年", 365],
    ["1ヶ月半", 45],
    ["1.5ヶ月", 45],
    ["1ヶ月と10日", 40],
    ["2 weeks 3 days", 17],
    ["三日", 3],
    ["十日", 10],
    ["一週間", 7],
    ["a week", 7],
    ["来週", 7],
    ["今日から10日", 10],
    ["10 ngày", 10],
    ["3 tuần", 21],
    ["ngày mai", 1],
    ["10 hari", 10],
    ["2 minggu", 14],
    ["15 días", 15],
    ["10 araw", 10],
    ["१० दिन", 10],
    ["๑๐ วัน", 10],
    ["၁၀ ရက်", 10],
    ["10일", 10],
    ["2주", 14],
    ["10天", 10],
  ])("when a resident writes %j, then it is %d days", (input, expected) => {
    expect(parseDays(input)).toEqual({ ok: true, value: expected });
  });
});

describe("parseDays: rejected answers", () => {
  it.each([
    ["366", "out_of_range"],
    ["2年", "out_of_range"],
    ["13ヶ月", "out_of_range"],
    ["-3", "out_of_range"],
    ["3日前", "out_of_range"],
    ["3 days ago", "out_of_range"],
    ["abc", "not_a_number"],
    ["", "not_a_number"],
    ["わからない", "not_a_number"],
    ["一緒に", "not_a_number"],
    ["1,2,3", "not_a_number"],
    ["10〜14日", "range"],
    ["10-14日", "range"],
    ["2 or 3 weeks", "range"],
    ["1月", "ambiguous"],
    ["3時", "ambiguous"],
    ["48時間", "ambiguous"],
    ["3/15", "ambiguous"],
    ["10日 5日", "ambiguous"],
    ["明日か明後日", "ambiguous"],
  ])("when a resident writes %j, then it is rejected with %j", (input, reason) => {
    expect(parseDays(input)).toEqual({ ok: false, reason });
  });
});

describe("parseDays: properties", () => {
  const days = fc.integer({ min: 0, max: MAX_DAYS });

  it("when any 0..365 is written as digits, with 日, full-width, or as 'N days', then it parses back", () => {
    fc.assert(
      fc.property(days, (n) => {
        for (const s of [String(n), `${n}日`, `あと${toFullWidth(String(n))}日`, `${n} days`, `in ${n} days`]) {
          expect(parseDays(s), s).toEqual({ ok: true, value: n });
        }
      }),
    );
  });

  it("when a number of days above 365 is given, then it is out_of_range", () => {
    fc.assert(fc.property(fc.integer({ min: MAX_DAYS + 1, max: 1e9 }), (n) => {
      expect(parseDays(`${n}日`)).toEqual({ ok: false, reason: "out_of_range" });
    }));
  });

  it("when given any string, then it never throws and returns 0..365 whole days or a reason", () => {
    const check = (s: string) => {
      const r = parseDays(s);
      if (r.ok) {
        expect(Number.isInteger(r.value)).toBe(true);
        expect(r.value).toBeGreaterThanOrEqual(0);
        expect(r.value).toBeLessThanOrEqual(MAX_DAYS);
      } else {
        expect(["not_a_number", "out_of_range", "range", "ambiguous"]).toContain(r.reason);
      }
    };
    fc.assert(fc.property(fc.string({ unit: "binary" }), check), { numRuns: 2000 });
    const piece = fc.constantFrom(
      ..."0123456789".split(""),
      ...DAY_UNITS.map((u) => u.word),
      " ", "-", "〜", "と", "半", "前", "後", "今日", "明日", "一", "十", "a", ".", ",",
    );
    fc.assert(fc.property(fc.array(piece, { maxLength: 10 }).map((a) => a.join("")), check), { numRuns: 5000 });
  });
});
