// Median and 90th percentile by the nearest-rank method: the value at rank ⌈p·n⌉ of the sorted
// values. Always one of the observed values, so a figure can be checked by hand.

export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

export const median = (values: readonly number[]) => percentile(values, 0.5);
export const p90 = (values: readonly number[]) => percentile(values, 0.9);
