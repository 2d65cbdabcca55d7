// Everything the referral page shows, loaded through ReferralService.get (which decides access and
// audits the read of the intake) plus the conversation, notes, timeline and crisis signals.
import type { CrisisSignal, Referral, ReferralEvent } from "../../generated/prisma/client.ts";
import { residentMessagesOf, type ResidentMessageView } from "../../referrals/residentMessages.ts";
import type { Decision } from "../../referrals/accessPolicy.ts";
import { isReferralId, type FullView, type ReferralView } from "../../referrals/referralService.ts";
import type { SignedInCtx } from "./consoleContext.ts";
import { actorNames, type ActorNames } from "./consoleFormat.ts";
import { readTranscript, type TranscriptItem } from "./transcript.ts";

export interface NoteItem {
  id: bigint;
  at: Date;
  actor: string;
  body: string;
}

export interface FullDetail {
  row: Referral;
  transcript: TranscriptItem[];
  /** Who sent each staff message (transcript id → actor), from the message.send audit rows. */
  staffSenders: Map<string, string>;
  notes: NoteItem[];
  events: ReferralEvent[];
  crises: CrisisSignal[];
  /** What the resident wrote to the case after completing the intake. */
  residentMessages: ResidentMessageView[];
  names: ActorNames;
}

/** What the page shows, and what the policy allows the user to do (only the owner works a case). */
export type LoadedReferral = { view: ReferralView; full: null; decision: Decision } | { view: FullView; full: FullDetail; decision: Decision };

export { isReferralId };

/** null when the user may not see the referral, or it does not exist (the same 404 for both). */
export async function loadReferral(ctx: SignedInCtx, id: string): Promise<LoadedReferral | null> {
  if (!isReferralId(id)) return null;
  const got = await ctx.deps.referrals.open(ctx.principal, id, "console.referral");
  if (!got.ok) return null;
  const { view, entry } = got.value;
  const decision = entry.decision;
  if (view.access !== "full" || !entry.row) return { view, full: null, decision };

  const { prisma, sealer } = ctx.deps;
  const row = entry.row;
  const conversation = await prisma.conversation.findUnique({ where: { id: row.conversationId } });
  // What the resident typed after the intake was completed is stored without a conversation id:
  // it belongs to this consultation until the resident's next one begins.
  const next = conversation
    ? await prisma.conversation.findFirst({ where: { lineUserId: row.lineUserId, createdAt: { gt: conversation.createdAt } }, orderBy: { createdAt: "asc" } })
    : null;
  const loose = conversation
    ? [{ conversationId: null, lineUserId: row.lineUserId, createdAt: { gte: conversation.createdAt, ...(next ? { lt: next.createdAt } : {}) } }]
    : [];
  const [entries, noteRows, events, crises, sent, residentMessages] = await Promise.all([
    prisma.transcriptEntry.findMany({ where: { OR: [{ conversationId: row.conversationId }, ...loose] }, orderBy: { id: "asc" } }),
    prisma.referralNote.findMany({ where: { referralId: id }, orderBy: { id: "asc" } }),
    prisma.referralEvent.findMany({ where: { referralId: id }, orderBy: { id: "asc" } }),
    prisma.crisisSignal.findMany({ where: { conversationId: row.conversationId }, orderBy: { id: "asc" } }),
    prisma.auditLog.findMany({ where: { targetType: "referral", targetId: id, action: "message.send" }, orderBy: { id: "asc" } }),
    residentMessagesOf(prisma, sealer, id),
  ]);
  const notes: NoteItem[] = noteRows.map((n) => {
    let body = "";
    try {
      body = sealer.open(n.bodyEnc);
    } catch {
      body = "";
    }
    return { id: n.id, at: n.at, actor: n.actor, body };
  });
  const staffSenders = new Map<string, string>();
  for (const a of sent) {
    const tid = (a.detail as { transcriptId?: unknown } | null)?.transcriptId;
    if (typeof tid === "string") staffSenders.set(tid, a.actor);
  }
  const names = await actorNames(ctx, [...notes.map((n) => n.actor), ...events.map((e) => e.actor), ...staffSenders.values()]);
  return { view, decision, full: { row, transcript: readTranscript(sealer, entries), staffSenders, notes, events, crises, residentMessages, names } };
}
