// Which new passwords a staff member may choose: long enough and hard to guess. Length alone let
// "aaaaaaaaaaaa" through; zxcvbn-ts scores a password against lists of common and leaked
// passwords, words, keyboard patterns, repeats and dates, and against the person's own name.
import type { ZxcvbnFactory } from "@zxcvbn-ts/core";

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1024;
/** zxcvbn's 0–4: 3 is "safely unguessable: moderate protection from offline slow-hash scenario". */
const MIN_SCORE = 3;
/** Words anyone guessing at this service would try first. */
const SERVICE_WORDS = ["tsunagu", "つなぐ", "staff", "admin", "line", "mirai", "みらい"];

// The dictionaries are loaded on the first password change, not at start: they are ~25 MB of the
// server's memory, and passwords change rarely.
let factory: Promise<ZxcvbnFactory> | null = null;
const zxcvbn = () =>
  (factory ??= Promise.all([import("@zxcvbn-ts/core"), import("@zxcvbn-ts/language-common"), import("@zxcvbn-ts/language-en")]).then(
    ([core, common, english]) =>
      new core.ZxcvbnFactory({ dictionary: { ...common.dictionary, ...english.dictionary }, graphs: common.adjacencyGraphs }),
  ));

export type PasswordProblem = "tooShort" | "tooLong" | "guessable";

/** null when the password may be used; otherwise the reason it may not (a key under password.*). */
export async function passwordProblem(password: string, personal: readonly string[] = []): Promise<PasswordProblem | null> {
  if ([...password].length < MIN_PASSWORD_LENGTH) return "tooShort";
  if (password.length > MAX_PASSWORD_LENGTH) return "tooLong";
  // zxcvbn's cost grows with length (about 0.1 s at 30 characters here); 64 characters that
  // score well are strong whatever follows them.
  const scored = password.slice(0, 64);
  return (await zxcvbn()).check(scored, [...SERVICE_WORDS, ...personal]).score >= MIN_SCORE ? null : "guessable";
}
