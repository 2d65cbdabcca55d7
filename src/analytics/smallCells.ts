// The small-cell rule (issue 15), in one place: what the analytics may show of a count of people.
//
//  1. A cell counting 1 to 4 people is shown as "<5" (kind "small"). Zero is shown: it counts
//     nobody.
//  2. When exactly one cell of a table is small, the smallest other non-zero cell is withheld as
//     well (kind "withheld"): otherwise a total of the same people shown elsewhere on the page
//     (conversations started, referrals) minus the cells shown would give the small one.
//  3. A table's total is the sum of the cells it shows; with any cell small or withheld it is
//     marked partial (shown "≥ n"), so subtracting the shown cells from it gives nothing.
//  4. A share, a median or a percentile of fewer than 5 people is not shown either, and a share
//     of a cell not shown is not shown.
// Charts draw the same protected values: a bar never stands for a cell the table hides.
// What the rule does not cover: counts that overlap instead of adding up (the funnel's stages,
// which nest; concerns, several per referral) are each protected on their own, so the difference
// of two shown stages can still be small.

export const MIN_PEOPLE = 5;

export type Cell = { kind: "count"; n: number } | { kind: "small" } | { kind: "withheld" };

export interface ProtectedRow<K> {
  key: K;
  cell: Cell;
}

export interface ProtectedTable<K> {
  rows: ProtectedRow<K>[];
  /** The sum of the cells shown; partial when any is hidden. */
  total: { n: number; partial: boolean };
}

/** One count on its own (rule 1). */
export function protectCount(n: number): Cell {
  return n > 0 && n < MIN_PEOPLE ? { kind: "small" } : { kind: "count", n };
}

/** A table of counts of people that add up to a total (rules 1–3); the order of rows is kept. */
export function protectTable<K>(rows: readonly { key: K; n: number }[]): ProtectedTable<K> {
  const cells: Cell[] = rows.map((r) => protectCount(r.n));
  const small = cells.filter((c) => c.kind === "small").length;
  if (small === 1) {
    let pick = -1;
    rows.forEach((r, i) => {
      if (cells[i]!.kind === "count" && r.n > 0 && (pick < 0 || r.n < rows[pick]!.n)) pick = i;
    });
    if (pick >= 0) cells[pick] = { kind: "withheld" };
  }
  const shownSum = cells.reduce((s, c) => s + (c.kind === "count" ? c.n : 0), 0);
  return {
    rows: rows.map((r, i) => ({ key: r.key, cell: cells[i]! })),
    total: { n: shownSum, partial: cells.some((c) => c.kind !== "count") },
  };
}

/** The number a cell shows, or null when it is hidden. */
export const shownCount = (c: Cell): number | null => (c.kind === "count" ? c.n : null);

/** A share of `of` people (rule 4): null when either is hidden or fewer than 5 are counted. */
export function protectedShare(cell: Cell, of: number): number | null {
  const n = shownCount(cell);
  return n === null || of < MIN_PEOPLE ? null : n / of;
}

/** A statistic over a group of people (rule 4): only for 5 or more. */
export function protectedStatistic(values: readonly number[], stat: (v: readonly number[]) => number | null): number | null {
  return values.length < MIN_PEOPLE ? null : stat(values);
}
