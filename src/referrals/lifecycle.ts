// The referral lifecycle of contract section 5 as a pure rule: which moves are legal from which
// status. A window never just declines (断らない): it forwards to a named window.
import { z } from "zod";

export const ReferralStatus = z.enum(["new", "accepted", "in_progress", "forwarded", "escalated", "closed"]);
export type ReferralStatus = z.infer<typeof ReferralStatus>;

export type Move =
  | { type: "accept" }
  | { type: "start" }
  | { type: "forward"; windowId: string; reason: string }
  | { type: "close"; outcome: string }
  | { type: "escalate"; windowId: string };

const FROM: Record<Move["type"], ReferralStatus[]> = {
  accept: ["new", "forwarded", "escalated"],
  start: ["accepted"],
  forward: ["new", "accepted", "in_progress", "forwarded", "escalated"],
  close: ["accepted", "in_progress"],
  escalate: ["new", "forwarded"],
};
const TO: Record<Move["type"], ReferralStatus> = {
  accept: "accepted",
  start: "in_progress",
  forward: "forwarded",
  close: "closed",
  escalate: "escalated",
};

/** Whether the lifecycle allows this kind of move from this status (what a console offers). */
export function allows(from: string, type: Move["type"]): boolean {
  return (FROM[type] as string[]).includes(from);
}

export type MoveResult = { ok: true; to: ReferralStatus } | { ok: false; reason: string };

export function applyMove(from: ReferralStatus, move: Move): MoveResult {
  if (!FROM[move.type].includes(from)) {
    return { ok: false, reason: `a ${from} referral cannot be ${move.type === "close" ? "closed" : `${move.type}ed`}; allowed from: ${FROM[move.type].join(", ")}` };
  }
  return { ok: true, to: TO[move.type] };
}
