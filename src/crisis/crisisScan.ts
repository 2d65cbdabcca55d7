// `crisis-scan` (contract §4): one JSON line per input line, in order, from the same detector the
// conversation runs on every typed message. A kind is printed for a clear or a possible crisis:
// the conversation acts on both (contacts at once, or a check question first).
import { detectCrisis } from "./detectCrisis.ts";

/**
 * Maps each line of `input` (split on \n; a trailing \r is dropped) to `{"crisis":<kind>|null}`;
 * with `detail`, `{"crisis":<kind>,"certainty":"clear"|"possible"}` for a crisis. Empty lines give null.
 */
export function crisisScanLines(input: string, opts: { detail?: boolean } = {}): string[] {
  if (input === "") return [];
  const lines = input.split("\n");
  // A final newline ends the last line; it does not start an extra empty message.
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  return lines.map((line) => {
    const found = detectCrisis(line.endsWith("\r") ? line.slice(0, -1) : line);
    if (opts.detail && found) return JSON.stringify({ crisis: found.kind, certainty: found.certainty });
    return JSON.stringify({ crisis: found?.kind ?? null });
  });
}
