// Outcome of parsing something a resident typed. Parsers never throw on user input:
// they return a reason code that the conversation maps to a re-prompt.
export type ParseResult<T, R extends string = string> =
  | { ok: true; value: T }
  | { ok: false; reason: R };

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function fail<R extends string>(reason: R): { ok: false; reason: R } {
  return { ok: false, reason };
}
