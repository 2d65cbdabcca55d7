// Working a referral from the console: accept, start, forward, close (through ReferralService,
// which detects concurrent changes), notes, messages to the resident and meeting requests. Every
// form carries the updatedAt the user saw; if the referral changed since, nothing changes and the
// user is told. Bad input is a result, never an exception: the page comes back with the error
// and what was typed.
import { randomUUID } from "node:crypto";
import type { Referral } from "../../generated/prisma/client.ts";
import type { LocaleCode } from "../../intake/codes.ts";
import type { Action } from "../../referrals/accessPolicy.ts";
import type { Move } from "../../referrals/lifecycle.ts";
import type { SignedInCtx } from "./consoleContext.ts";
import { templateKey } from "./messageTemplates.ts";
import type { Intake } from "../../intake/intakeSchema.ts";
import { MAX_MESSAGE_LENGTH, MAX_NOTE_LENGTH, MAX_REASON_LENGTH, MEETINGS, MESSAGE_TEMPLATES, type MessageTemplate } from "./consoleCodes.ts";
import type { Draft } from "./referralPage.ts";

export const REFERRAL_ACTIONS = ["accept", "start", "forward", "close", "note", "message", "meeting"] as const;
export type ReferralAction = (typeof REFERRAL_ACTIONS)[number];

/** Which of the access policy's actions each console action is. */
const POLICY_ACTION: Record<ReferralAction, Action> = { accept: "move", start: "move", forward: "move", close: "move", note: "note", message: "message", meeting: "meeting" };

export type ActionResult =
  | { ok: true; done: string }
  | { ok: false; status: 400 | 403 | 404 | 409; error: string; draft: Draft };

type Body = Record<string, unknown>;
const field = (b: Body, name: string): string => {
  const v = b[name];
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === "string" ? s.replace(/\r\n?/g, "\n") : "";
};

/** Sends a text to the resident the way the bot does: outbox row, transcript and audit in one
 * transaction, and only if the referral is still as the user saw it. */
async function sendToResident(ctx: SignedInCtx, r: Referral, expected: Date, text: string, kind: MessageTemplate | "free"): Promise<boolean> {
  const { prisma, sealer } = ctx.deps;
  const payload = [{ type: "text", text }];
  const sent = await prisma.$transaction(async (tx) => {
    const n = await tx.referral.updateMany({ where: { id: r.id, updatedAt: expected }, data: { updatedAt: new Date() } });
    if (n.count === 0) return false;
    await tx.outboxMessage.create({
      data: { lineUserId: r.lineUserId, conversationId: r.conversationId, replyToken: null, payloadEnc: sealer.sealJson(payload), retryKey: randomUUID() },
    });
    const entry = await tx.transcriptEntry.create({
      data: { conversationId: r.conversationId, lineUserId: r.lineUserId, direction: "out", kind: "staff", contentEnc: sealer.sealJson(payload), language: r.language },
    });
    await tx.auditLog.create({
      data: { actor: ctx.principal.actor, action: "message.send", targetType: "referral", targetId: r.id, detail: { transcriptId: String(entry.id), template: kind } },
    });
    return true;
  });
  if (sent) ctx.deps.wakeSender();
  return sent;
}

async function requestMeeting(ctx: SignedInCtx, r: Referral, expected: Date, meeting: string): Promise<boolean> {
  return ctx.deps.prisma.$transaction(async (tx) => {
    const n = await tx.referral.updateMany({ where: { id: r.id, updatedAt: expected }, data: { updatedAt: new Date() } });
    if (n.count === 0) return false;
    await tx.referralEvent.create({ data: { referralId: r.id, fromStatus: r.status, toStatus: r.status, actor: ctx.principal.actor, reason: `meeting requested: ${meeting}` } });
    return true;
  });
}

export async function runReferralAction(ctx: SignedInCtx, id: string, action: ReferralAction, body: Body): Promise<ActionResult> {
  const t = ctx.t;
  const { prisma, referrals } = ctx.deps;
  const entry = await referrals.readModel.one(ctx.principal, id);
  if (!entry) return { ok: false, status: 404, error: t("errors.notFound"), draft: {} };
  // The access policy first: a window that may read but not work the case is refused whatever it
  // sent, before anything is compared or written.
  if (!entry.decision.actions.has(POLICY_ACTION[action]) || !entry.row) return { ok: false, status: 403, error: t("errors.notOwner"), draft: {} };
  const r = entry.row;

  const draft: Draft = {};
  for (const k of ["body", "text", "template", "windowId", "reason", "outcome", "meeting"] as const) {
    const v = field(body, k);
    if (v) draft[k] = v;
  }
  const fail = (status: 400 | 403 | 409, key: string, params: Record<string, unknown> = {}): ActionResult => ({ ok: false, status, error: t(key, params), draft });
  const conflict = () => fail(409, "errors.conflict");

  const expectedText = field(body, "expectedUpdatedAt");
  const expected = new Date(expectedText);
  if (!expectedText || Number.isNaN(expected.getTime())) return fail(400, "errors.stale");
  if (expected.getTime() !== r.updatedAt.getTime()) return conflict();


  const move = async (m: Move, done: string): Promise<ActionResult> => {
    const res = await referrals.move(ctx.principal, id, m, ctx.principal.actor);
    if (res.ok) return { ok: true, done };
    if (res.status === 409) {
      // Either someone changed it meanwhile, or the move is not legal from this status.
      const now = (await referrals.readModel.one(ctx.principal, id))?.row;
      return now && now.updatedAt.getTime() !== r.updatedAt.getTime() ? conflict() : fail(409, "errors.illegalMove");
    }
    return fail(res.status === 403 ? 403 : 400, "errors.notAllowed");
  };

  switch (action) {
    case "accept":
      return move({ type: "accept" }, "accepted");
    case "start":
      return move({ type: "start" }, "started");
    case "forward": {
      const windowId = field(body, "windowId");
      const reason = field(body, "reason").trim();
      if (!ctx.deps.municipality.windows.some((w) => w.id === windowId)) return fail(400, "errors.forwardWindow");
      if (windowId === r.primaryWindowId) return fail(400, "errors.forwardSame");
      if (!reason) return fail(400, "errors.reasonRequired");
      if (reason.length > MAX_REASON_LENGTH) return fail(400, "errors.tooLong", { max: MAX_REASON_LENGTH });
      return move({ type: "forward", windowId, reason }, "forwarded");
    }
    case "close": {
      const outcome = field(body, "outcome").trim();
      if (!outcome) return fail(400, "errors.outcomeRequired");
      if (outcome.length > MAX_REASON_LENGTH) return fail(400, "errors.tooLong", { max: MAX_REASON_LENGTH });
      return move({ type: "close", outcome }, "closed");
    }
    case "note": {
      const text = field(body, "body");
      if (!text.trim()) return fail(400, "errors.noteRequired");
      if (text.length > MAX_NOTE_LENGTH) return fail(400, "errors.noteTooLong", { max: MAX_NOTE_LENGTH, length: text.length });
      const res = await referrals.addNote(ctx.principal, id, text, ctx.principal.actor);
      return res.ok ? { ok: true, done: "noteAdded" } : fail(res.status === 403 ? 403 : 400, "errors.notAllowed");
    }
    case "message": {
      const template = field(body, "template");
      const free = field(body, "text").trim();
      const resident = ctx.deps.locales.t(r.language as LocaleCode);
      let text: string;
      let kind: MessageTemplate | "free";
      if (template) {
        if (!(MESSAGE_TEMPLATES as readonly string[]).includes(template)) return fail(400, "errors.template");
        if (free) return fail(400, "errors.templateOrText");
        kind = template as MessageTemplate;
        text = resident(templateKey(kind, ctx.deps.sealer.openJson(r.intakeEnc) as Intake));
      } else {
        if (!free) return fail(400, "errors.messageRequired");
        if (free.length > MAX_MESSAGE_LENGTH) return fail(400, "errors.tooLong", { max: MAX_MESSAGE_LENGTH });
        kind = "free";
        // The resident is told, in their language, that a person wrote this.
        text = `${resident("templates.staffWrote")}\n${free}`;
      }
      return (await sendToResident(ctx, r, r.updatedAt, text, kind)) ? { ok: true, done: "messageSent" } : conflict();
    }
    case "meeting": {
      const meeting = field(body, "meeting");
      if (!(MEETINGS as readonly string[]).includes(meeting)) return fail(400, "errors.meeting");
      return (await requestMeeting(ctx, r, r.updatedAt, meeting)) ? { ok: true, done: "meetingRequested" } : conflict();
    }
    default: {
      const never: never = action;
      return never;
    }
  }
}
