// One consultation, one referral (contract section 3): a crisis raises it at once with what is
// known so far; completing the intake fills in that same referral. Triage decides urgency and
// windows; once a window has accepted the case its owner is not moved by new answers.
import type { Prisma } from "../generated/prisma/client.ts";
import type { Sealer } from "../db/crypto.ts";
import type { Intake } from "../intake/intakeSchema.ts";
import type { Municipality } from "../intake/municipality.ts";
import type { Locales } from "../i18n/locales.ts";
import { reasonWriter } from "../triage/reasonWriter.ts";
import type { CrisisSignal } from "../triage/signals.ts";
import { triage } from "../triage/triage.ts";
import type { Triage } from "../triage/triageSchema.ts";
import { queueNotifications } from "./notifications.ts";
import { referenceNumber } from "./referenceNumber.ts";

/** Why the referral is written: the intake was completed, a message read as a crisis, or an
 * answer was itself a danger (contract section 7). */
export type RaisedBecause = "completed" | "crisis" | "danger";
const REASONS: Record<RaisedBecause, string> = { completed: "intake completed", crisis: "crisis in a message", danger: "danger in an answer" };

export interface RecordedReferral {
  id: string;
  referenceNo: string;
  triage: Triage;
  created: boolean;
}

export async function recordReferral(
  tx: Prisma.TransactionClient,
  deps: { municipality: Municipality; sealer: Sealer; locales: Locales },
  r: { conversationId: string; lineUserId: string; intake: Intake; at: Date; because: RaisedBecause },
): Promise<RecordedReferral> {
  const signals = await tx.crisisSignal.findMany({ where: { conversationId: r.conversationId }, orderBy: { id: "asc" } });
  const crises: CrisisSignal[] = signals.map((s) => ({ kind: s.kind as CrisisSignal["kind"], plan: s.plan }));
  const t = triage(r.intake, deps.municipality, { crises, write: reasonWriter(deps.locales, "ja") });
  const existing = await tx.referral.findUnique({ where: { conversationId: r.conversationId } });
  const common = {
    urgency: t.urgency,
    language: r.intake.language,
    flags: t.flags,
    intakeEnc: deps.sealer.sealJson(r.intake),
    triage: t as unknown as Prisma.InputJsonValue,
  };
  if (existing) {
    const owner = existing.status === "new" ? { primaryWindowId: t.routing.primary.windowId, primaryWindowType: t.routing.primary.type } : {};
    const involved = [...new Set([...existing.involvedWindowIds, ...t.routing.involved.map((w) => w.windowId)])].filter((id) => id !== (owner.primaryWindowId ?? existing.primaryWindowId));
    await tx.referral.update({ where: { id: existing.id }, data: { ...common, ...owner, involvedWindowIds: involved } });
    await tx.referralEvent.create({
      data: { referralId: existing.id, fromStatus: existing.status, toStatus: existing.status, actor: "system:intake", reason: REASONS[r.because], windowId: owner.primaryWindowId ?? existing.primaryWindowId },
    });
    return { id: existing.id, referenceNo: existing.referenceNo, triage: t, created: false };
  }
  const [row] = await tx.$queryRaw<{ seq: bigint }[]>`SELECT nextval(pg_get_serial_sequence('"Referral"', 'seq')) AS seq`;
  const seq = BigInt(row!.seq);
  const referenceNo = referenceNumber(seq, r.at);
  const referral = await tx.referral.create({
    data: {
      ...common,
      seq,
      referenceNo,
      conversationId: r.conversationId,
      lineUserId: r.lineUserId,
      status: "new",
      primaryWindowId: t.routing.primary.windowId,
      primaryWindowType: t.routing.primary.type,
      involvedWindowIds: t.routing.involved.map((w) => w.windowId),
    },
  });
  await tx.referralEvent.create({
    data: { referralId: referral.id, fromStatus: null, toStatus: "new", actor: "system:intake", reason: REASONS[r.because], windowId: referral.primaryWindowId },
  });
  await queueNotifications(tx, deps.municipality, { referralId: referral.id, windowId: referral.primaryWindowId, event: "referral.created" });
  return { id: referral.id, referenceNo, triage: t, created: true };
}
