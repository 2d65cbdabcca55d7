// Japanese phone numbers as residents type them: "090-1234-5678", "０９０－１２３４－５６７８",
// "+81 90-1234-5678", "(03)1234-5678", "0120-123-456". Normalised to domestic digits ("09012345678").
import { normalizeDigits } from "./normalizeDigits.ts";
import { fail, ok, type ParseResult } from "./result.ts";

export type PhoneFailure = "invalid_phone";

/** Separators people put between digit groups (hyphens, dashes, IME long-vowel mark, dots, brackets). */
const SEPARATORS = /[\s\-‐‑‒–—―−ー﹣.()[\]]/gu;
const MAX_INPUT = 40;

/** Prefixes whose numbers have 11 digits: mobile 070/080/090, IP 050, 060, M2M/pager 020, toll-free 0800. */
const ELEVEN_DIGIT = /^0(?:[789]0|[56]0|20)\d{8}$/;
/** Other numbers (landlines, 0120 / 0570 / 0990, ...) have 10 digits, starting 0 but not 00. */
const TEN_DIGIT = /^0[1-9]\d{8}$/;
const ELEVEN_DIGIT_PREFIX = /^0(?:[789]0|[56]0|20)/;

/** True for a normalised domestic number: 10 digits (0, not 00) or 11 digits with a mobile/IP/0800 prefix. */
export function isValidJapanesePhone(digits: string): boolean {
  if (ELEVEN_DIGIT.test(digits)) return true;
  // A 10-digit number with an 11-digit prefix ("0901234567") is a mistyped mobile number.
  return TEN_DIGIT.test(digits) && !ELEVEN_DIGIT_PREFIX.test(digits);
}

/** Parse a Japanese phone number to domestic digits starting with 0. Never throws. */
export function parsePhone(text: string): ParseResult<string, PhoneFailure> {
  const s = normalizeDigits(text);
  if (s.length === 0 || s.length > MAX_INPUT) return fail("invalid_phone");
  const international = s.startsWith("+");
  const body = (international ? s.slice(1) : s).replace(SEPARATORS, "");
  if (!/^[0-9]+$/.test(body)) return fail("invalid_phone"); // letters, "+" elsewhere, other symbols
  let digits = body;
  if (international) {
    if (!body.startsWith("81")) return fail("invalid_phone"); // not Japan
    const national = body.slice(2);
    // "+81 90..." and the common "+81 (0)90..." / "+81 090..." both mean 090...
    digits = national.startsWith("0") ? national : `0${national}`;
  }
  return isValidJapanesePhone(digits) ? ok(digits) : fail("invalid_phone");
}
