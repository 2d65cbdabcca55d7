// `crisis-scan` (contract §4): one JSON line per input line, in order, from the same detector the
// conversation runs on every typed message.
import { detectCrisis } from "./detectCrisis.ts";

/** Maps each line of `input` (split on \n; a trailing \r is dropped) to `{"crisis":<kind>|null}`. Empty lines give null. */
export function crisisScanLines(input: string): string[] {
  if (input === "") return [];
  const lines = input.split("\n");
  // A final newline ends the last line; it does not start an extra empty message.
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  return lines.map((line) => {
    const text = line.endsWith("\r") ? line.slice(0, -1) : line;
    return JSON.stringify({ crisis: detectCrisis(text)?.kind ?? null });
  });
}
