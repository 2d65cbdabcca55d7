// The small-cell rule (src/analytics/smallCells.ts): what may be shown of counts of people, and
// that no hidden cell can be recovered from a table's total by subtraction.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { protectCount, protectedShare, protectedStatistic, protectTable, type Cell } from "../../src/analytics/smallCells.ts";
import { median, p90, percentile } from "../../src/analytics/statistics.ts";

const n = (v: number): Cell => ({ kind: "count", n: v });
const SMALL: Cell = { kind: "small" };
const WITHHELD: Cell = { kind: "withheld" };
const table = (...counts: number[]) => protectTable(counts.map((c, i) => ({ key: `k${i}`, n: c })));
const cells = (...counts: number[]) => table(...counts).rows.map((r) => r.cell);

describe("one count", () => {
  it("when a count is 1 to 4, then it shows <5; 0 and 5 or more show as they are", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 100].map(protectCount)).toEqual([n(0), SMALL, SMALL, SMALL, SMALL, n(5), n(6), n(100)]);
  });
});

describe("a table", () => {
  it("when no cell is small, then every cell and the total show exactly", () => {
    expect(table(5, 0, 12)).toEqual({ rows: [{ key: "k0", cell: n(5) }, { key: "k1", cell: n(0) }, { key: "k2", cell: n(12) }], total: { n: 17, partial: false } });
  });

  it("when exactly one cell is small, then the smallest other non-zero cell is withheld too and the total is only what is shown", () => {
    expect(cells(9, 3, 0, 7, 20)).toEqual([n(9), SMALL, n(0), WITHHELD, n(20)]);
    expect(table(9, 3, 0, 7, 20).total).toEqual({ n: 29, partial: true });
  });

  it("when two or more cells are small, then nothing else is withheld; the total leaves them out and says so", () => {
    expect(cells(10, 4, 1)).toEqual([n(10), SMALL, SMALL]);
    expect(table(10, 4, 1).total).toEqual({ n: 10, partial: true });
  });

  it("when the only other cells are zero, then the one small cell stands alone (a zero hides no one)", () => {
    expect(cells(0, 2, 0)).toEqual([n(0), SMALL, n(0)]);
    expect(table(0, 2, 0).total).toEqual({ n: 0, partial: true });
  });

  it("when any table is protected, then its total minus the cells shown is 0, the cells shown are exact, and no small count is ever shown", () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 30 }), { minLength: 1, maxLength: 12 }), (counts) => {
        const t = table(...counts);
        const shown = t.rows.reduce((s, r) => s + (r.cell.kind === "count" ? r.cell.n : 0), 0);
        expect(t.total.n - shown).toBe(0);
        t.rows.forEach((r, i) => {
          if (r.cell.kind === "count") expect(r.cell.n).toBe(counts[i]);
          else expect(counts[i]).toBeGreaterThan(0);
          if (counts[i]! > 0 && counts[i]! < 5) expect(r.cell).toEqual(SMALL);
        });
        expect(t.total.partial).toBe(t.rows.some((r) => r.cell.kind !== "count"));
        // Never exactly one hidden cell with a non-zero neighbour left to give it away.
        const hidden = t.rows.filter((r) => r.cell.kind !== "count").length;
        const nonZeroShown = t.rows.filter((r) => r.cell.kind === "count" && r.cell.n > 0).length;
        expect(hidden === 1 && nonZeroShown > 0).toBe(false);
      }),
    );
  });
});

describe("shares and statistics", () => {
  it("when the cell is hidden or fewer than 5 people are counted, then no share is given", () => {
    expect(protectedShare(n(6), 12)).toBe(0.5);
    expect(protectedShare(n(0), 12)).toBe(0);
    expect(protectedShare(SMALL, 12)).toBeNull();
    expect(protectedShare(WITHHELD, 12)).toBeNull();
    expect(protectedShare(n(0), 4)).toBeNull();
  });

  it("when a median or percentile covers fewer than 5 people, then it is not given; from 5 on it is the nearest-rank value", () => {
    expect(protectedStatistic([1, 2, 3, 4], median)).toBeNull();
    expect(protectedStatistic([5, 1, 4, 2, 3], median)).toBe(3);
    expect(median([6, 12, 18, 24, 30, 66])).toBe(18);
    expect(p90([6, 12, 18, 24, 30, 66])).toBe(66);
    expect(p90([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toBe(9);
    expect(percentile([], 0.5)).toBeNull();
  });
});
