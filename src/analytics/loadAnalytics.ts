// Reads what the analytics count from the database: question events, conversations' status and
// language, crisis signals, referrals and their lifecycle events. From a referral's sealed intake
// only codes are copied (respondent, age band, area, concerns, how to be contacted); the intake
// itself, names, phones and words never leave this function.
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { Sealer } from "../db/crypto.ts";
import type { Intake } from "../intake/intakeSchema.ts";
import type { AnalyticsInput, ConversationRecord, ReferralRecord } from "./analyticsInput.ts";
import type { Period } from "./period.ts";

export interface AnalyticsFilter {
  /** An area code of the directory: referrals whose intake names it. */
  area?: string;
  /** A window id: referrals it owns now. */
  window?: string;
}

/** Lists of ids go to the database in slices: PostgreSQL takes at most 65,535 parameters a query. */
const SLICE = 5_000;
async function bySlices<T>(ids: readonly string[], read: (slice: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += SLICE) out.push(...(await read(ids.slice(i, i + SLICE))));
  return out;
}

export async function loadAnalytics(prisma: PrismaClient, sealer: Sealer, period: Period, filter: AnalyticsFilter): Promise<AnalyticsInput> {
  const inPeriod = { gte: period.from, lt: period.to };
  // A conversation belongs to the period in which its first question was shown.
  const firsts = await prisma.questionEvent.groupBy({ by: ["conversationId"], _min: { at: true }, having: { at: { _min: inPeriod } } });
  const ids = firsts.map((f) => f.conversationId);
  const [events, rows, crises, referrals] = await Promise.all([
    bySlices(ids, (slice) => prisma.questionEvent.findMany({ where: { conversationId: { in: slice } }, orderBy: { id: "asc" } })),
    bySlices(ids, (slice) => prisma.conversation.findMany({ where: { id: { in: slice } }, select: { id: true, status: true, language: true } })),
    prisma.crisisSignal.findMany({ where: { at: inPeriod }, select: { conversationId: true, kind: true, at: true } }),
    prisma.referral.findMany({
      where: { createdAt: inPeriod, ...(filter.window ? { primaryWindowId: filter.window } : {}) },
      select: { id: true, createdAt: true, urgency: true, language: true, primaryWindowId: true, flags: true, intakeEnc: true },
      orderBy: { seq: "asc" },
    }),
  ]);
  const byConversation = new Map<string, ConversationRecord>(
    rows.map((c) => [c.id, { id: c.id, status: c.status, language: c.language, events: [] }]),
  );
  for (const e of events) {
    byConversation.get(e.conversationId)?.events.push({ kind: e.kind === "answered" ? "answered" : "shown", stepId: e.stepId, section: e.section, answersSoFar: e.answersSoFar, at: e.at });
  }
  const lifecycle = await bySlices(referrals.map((r) => r.id), (slice) =>
    prisma.referralEvent.findMany({
      where: { referralId: { in: slice } },
      select: { referralId: true, fromStatus: true, toStatus: true, windowId: true, at: true },
      orderBy: { id: "asc" },
    }),
  );
  const eventsOf = new Map<string, ReferralRecord["events"]>();
  for (const e of lifecycle) eventsOf.set(e.referralId, [...(eventsOf.get(e.referralId) ?? []), { fromStatus: e.fromStatus, toStatus: e.toStatus, windowId: e.windowId, at: e.at }]);
  const records: ReferralRecord[] = [];
  for (const r of referrals) {
    const intake = sealer.openJson<Intake>(r.intakeEnc);
    if (filter.area && intake.area !== filter.area) continue;
    records.push({
      id: r.id,
      createdAt: r.createdAt,
      urgency: r.urgency,
      language: r.language,
      primaryWindowId: r.primaryWindowId,
      flags: r.flags,
      respondent: intake.respondent ?? null,
      ageBand: intake.person?.ageBand ?? null,
      area: intake.area ?? null,
      concerns: intake.concerns ?? [],
      contactBy: intake.consent?.contactBy ?? null,
      events: eventsOf.get(r.id) ?? [],
    });
  }
  return { conversations: [...byConversation.values()], crises, referrals: records };
}
