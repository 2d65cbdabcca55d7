// The one gentle check after a message that may be a crisis (issue 9): "Are you safe right now?"
// with safe / not sure / not safe. Its postback is a project addition to the protocol of contract
// section 3 (like the call-back): {"op":"check","k":<CrisisKind>,"v":<answer>}; it carries no q
// or f because it is not a question of the intake.
import { z } from "zod";
import { CrisisKindSchema, type CrisisKind } from "../crisis/crisisKinds.ts";
import type { BotOutput } from "./outputs.ts";

export const SAFETY_ANSWERS = ["safe", "unsure", "unsafe"] as const;
export type SafetyAnswer = (typeof SAFETY_ANSWERS)[number];

const CheckData = z.strictObject({ op: z.literal("check"), k: CrisisKindSchema, v: z.enum(SAFETY_ANSWERS) });

export function parseSafetyCheck(raw: string): { kind: CrisisKind; answer: SafetyAnswer } | null {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null;
  }
  const parsed = CheckData.safeParse(json);
  return parsed.success ? { kind: parsed.data.k, answer: parsed.data.v } : null;
}

export function safetyCheckQuestion(kind: CrisisKind): BotOutput {
  return {
    kind: "offer",
    key: "check.question",
    choices: SAFETY_ANSWERS.map((v) => ({ labelKey: `check.${v}`, data: { op: "check", k: kind, v } })),
  };
}

/** Not safe and not sure are both answered like the crisis itself: better one call too many. */
export const needsHelp = (answer: SafetyAnswer): boolean => answer !== "safe";
