// The contract's codes as the console offers them in filters and forms (one vocabulary: the
// lists come from the schemas, never retyped).
import { Concern, LOCALE_CODES } from "../../intake/codes.ts";
import { ReferralStatus } from "../../referrals/lifecycle.ts";
import { Flag, PATTERN_FLAGS, Urgency } from "../../triage/triageSchema.ts";

export const CONCERN_CODES = Concern.options;
export const FLAG_CODES: readonly string[] = [...Concern.options, ...PATTERN_FLAGS];
export const STATUS_CODES = ReferralStatus.options;
export const URGENCY_CODES = Urgency.options;
export const LANGUAGE_CODES: readonly string[] = LOCALE_CODES;

export const MESSAGE_TEMPLATES = ["appointment", "documents", "triedToCall"] as const;
export type MessageTemplate = (typeof MESSAGE_TEMPLATES)[number];

export const MEETINGS = ["jusoteki_shien_kaigi", "shien_kaigi"] as const;

/** Longest note and staff message, in characters (after CRLF → LF). */
export { MAX_NOTE_LENGTH } from "../../referrals/referralService.ts";
export const MAX_MESSAGE_LENGTH = 4000;
export const MAX_REASON_LENGTH = 1000;

export const isFlag = (v: string) => Flag.safeParse(v).success;
