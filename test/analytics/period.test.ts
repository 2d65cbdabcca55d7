// Periods in Japan's time: Monday-to-Sunday weeks, calendar months, and fiscal years from
// 1 April, each half-open [from, to).
import { describe, expect, it } from "vitest";
import { nextPeriod, periodContaining, periodOf, previousPeriod } from "../../src/analytics/period.ts";

const iso = (d: Date) => d.toISOString();

describe("periods", () => {
  it("when a day in October 2026 is given, then the month runs from 1 October 00:00 JST to 1 November 00:00 JST", () => {
    const p = periodOf("month", "2026-10-15");
    expect([p.start, iso(p.from), iso(p.to)]).toEqual(["2026-10-01", "2026-09-30T15:00:00.000Z", "2026-10-31T15:00:00.000Z"]);
  });

  it("when a Thursday is given, then the week runs from its Monday to the next Monday", () => {
    const p = periodOf("week", "2026-10-15");
    expect([p.start, iso(p.from), iso(p.to)]).toEqual(["2026-10-12", "2026-10-11T15:00:00.000Z", "2026-10-18T15:00:00.000Z"]);
    expect(periodOf("week", "2026-10-18").start).toBe("2026-10-12");
    expect(periodOf("week", "2026-10-19").start).toBe("2026-10-19");
  });

  it("when a day from January to March is given, then its fiscal year started the April before; from April, that April", () => {
    expect(periodOf("fiscalYear", "2027-03-31")).toMatchObject({ start: "2026-04-01", fiscalYear: 2026 });
    const fy = periodOf("fiscalYear", "2026-04-01");
    expect([fy.start, fy.fiscalYear, iso(fy.from), iso(fy.to)]).toEqual(["2026-04-01", 2026, "2026-03-31T15:00:00.000Z", "2027-03-31T15:00:00.000Z"]);
  });

  it("when the instant is 00:30 on 1 April JST (still 31 March in UTC), then it is in the new fiscal year and the new month", () => {
    const at = new Date("2026-03-31T15:30:00Z");
    expect(periodContaining("fiscalYear", at).fiscalYear).toBe(2026);
    expect(periodContaining("month", at).start).toBe("2026-04-01");
  });

  it("when stepping back and forth, then the periods follow each other without a gap, across a year's end", () => {
    const dec = periodOf("month", "2026-12-10");
    expect(nextPeriod(dec).start).toBe("2027-01-01");
    expect(iso(nextPeriod(dec).from)).toBe(iso(dec.to));
    expect(previousPeriod(periodOf("week", "2027-01-01")).start).toBe("2026-12-21");
    expect(previousPeriod(periodOf("fiscalYear", "2026-05-01")).start).toBe("2025-04-01");
  });

  it("when a day does not exist, then it is refused", () => {
    expect(() => periodOf("month", "2026-02-30")).toThrow();
    expect(() => periodOf("month", "2026-1-1")).toThrow();
  });
});
