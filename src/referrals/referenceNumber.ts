// Reference numbers a resident can read out on the phone: prefix, year, sequence, check digit.
export function referenceNumber(seq: bigint | number, at: Date): string {
  const body = String(seq).padStart(5, "0");
  const digits = [...body].map(Number);
  // Weighted mod-10 check digit: catches any single mistyped digit and most swaps.
  const check = digits.reduce((sum, d, i) => sum + d * (i % 2 === 0 ? 3 : 1), 0) % 10;
  return `TS-${at.getUTCFullYear()}-${body}${check}`;
}
