/**
 * A known set of conversations and referrals for the analytics tests, written straight into the
 * database at fixed times (the fake clock: every row carries its own time), with names, phone
 * numbers, free text and LINE user ids that must never reach a page or a CSV. The period is
 * October 2026 in Japan's time; a conversation and a referral of September, and one that starts
 * at 00:10 on 1 October JST (still 30 September in UTC), test its edges.
 *
 * The hand-computed figures the tests expect are in analytics.test.ts beside their reasoning.
 */
import { randomUUID } from "node:crypto";
import type { Prisma, PrismaClient } from "../../src/generated/prisma/client.ts";
import type { Sealer } from "../../src/db/crypto.ts";
import { emptyIntake, type Intake } from "../../src/intake/intakeSchema.ts";
import type { LocaleCode } from "../../src/intake/codes.ts";
import { referenceNumber } from "../../src/referrals/referenceNumber.ts";

const MINUTE = 60_000;
const HOUR = 3_600_000;
/** 1 October 2026 00:00 JST. */
export const OCT_START = Date.parse("2026-09-30T15:00:00Z");

/** The fake steps of a seeded conversation, in order, with their sections. */
export const SEED_STEPS = [
  { id: "language", section: "language" },
  { id: "respondent", section: "respondent" },
  { id: "area", section: "area" },
  { id: "concerns", section: "concerns" },
  { id: "consent", section: "consent" },
  { id: "summary", section: "summary" },
] as const;

export interface SeededSecrets {
  names: string[];
  phones: string[];
  freeTexts: string[];
  lineUserIds: string[];
}

interface ConversationSeed {
  language: LocaleCode;
  status: "active" | "completed" | "abandoned";
  /** How many of SEED_STEPS were answered (6 completes). */
  answered: number;
  start: number;
  /** Minutes between one answer and the next. */
  gap: number;
  /** An extra pause (minutes) before the answer at this index. */
  pause?: { at: number; minutes: number };
}

/** The conversations: 15 start in October, one in September. */
export function conversationSeeds(): ConversationSeed[] {
  const day = (d: number, h = 10) => OCT_START + (d - 1) * 24 * HOUR + h * HOUR;
  return [
    // A: six completed in Japanese; answers 1–5 minutes apart, the sixth with an hour's pause.
    { language: "ja", status: "completed", answered: 6, start: OCT_START + 10 * MINUTE, gap: 1 },
    { language: "ja", status: "completed", answered: 6, start: day(2), gap: 2 },
    { language: "ja", status: "completed", answered: 6, start: day(3), gap: 3 },
    { language: "ja", status: "completed", answered: 6, start: day(4), gap: 4 },
    { language: "ja", status: "completed", answered: 6, start: day(5), gap: 5 },
    { language: "ja", status: "completed", answered: 6, start: day(6), gap: 1, pause: { at: 3, minutes: 60 } },
    // B: five stopped after the area (three Japanese, two English).
    { language: "ja", status: "active", answered: 3, start: day(7), gap: 1 },
    { language: "ja", status: "active", answered: 3, start: day(8), gap: 1 },
    { language: "ja", status: "active", answered: 3, start: day(9), gap: 1 },
    { language: "en", status: "active", answered: 3, start: day(10), gap: 1 },
    { language: "en", status: "active", answered: 3, start: day(11), gap: 1 },
    // C: two stopped after who is consulting (English).
    { language: "en", status: "active", answered: 2, start: day(12), gap: 1 },
    { language: "en", status: "active", answered: 2, start: day(13), gap: 1 },
    // D: one never answered (only the language question was shown).
    { language: "ja", status: "active", answered: 0, start: day(14), gap: 1 },
    // E: one abandoned after the concerns (Vietnamese).
    { language: "vi", status: "abandoned", answered: 4, start: day(15), gap: 1 },
    // September (23:50 JST on the 30th): outside the period.
    { language: "ja", status: "completed", answered: 6, start: OCT_START - 10 * MINUTE, gap: 1 },
  ];
}

function questionRows(conversationId: string, c: ConversationSeed): Prisma.QuestionEventCreateManyInput[] {
  const rows: Prisma.QuestionEventCreateManyInput[] = [];
  let t = c.start;
  const row = (kind: string, i: number, answers: number) => {
    const s = SEED_STEPS[i]!;
    rows.push({ conversationId, kind, stepId: s.id, section: s.section, language: c.language, answersSoFar: answers, at: new Date(t) });
  };
  row("shown", 0, 0);
  for (let i = 0; i < c.answered; i++) {
    t += c.gap * MINUTE + (c.pause?.at === i ? c.pause.minutes * MINUTE : 0);
    row("answered", i, i + 1);
    if (i + 1 < SEED_STEPS.length) row("shown", i + 1, i + 1);
  }
  return rows;
}

type Window = "city-livelihood" | "houkatsu-kita" | "city-multi-agency" | "city-comprehensive";

interface ReferralSeed {
  urgency: "routine" | "urgent";
  language: LocaleCode;
  respondent: Intake["respondent"];
  ageBand: Intake["person"]["ageBand"];
  area: string;
  concerns: Intake["concerns"];
  flags: string[];
  contactBy: Intake["consent"]["contactBy"];
  /** Owner at creation, and the moves after it. */
  createdWith: Window;
  moves: { hours: number; to: "accepted" | "closed" | "forwarded" | "escalated" | "in_progress"; window?: Window }[];
  createdAt: number;
}

export function referralSeeds(): ReferralSeed[] {
  const day = (d: number) => OCT_START + (d - 1) * 24 * HOUR + 9 * HOUR;
  const livelihood = (d: number, accept: number | null, close: number | null, callback: boolean): ReferralSeed => ({
    urgency: "routine", language: "ja", respondent: "self", ageBand: "40-64", area: "kita", concerns: ["income", "housing"],
    flags: ["income", "housing", "compound", "housing_insecure"], contactBy: callback ? "phone" : "line", createdWith: "city-livelihood",
    moves: [...(accept !== null ? [{ hours: accept, to: "accepted" as const }] : []), ...(close !== null ? [{ hours: close - 1, to: "in_progress" as const }, { hours: close, to: "closed" as const }] : [])],
    createdAt: day(d),
  });
  const kita = (d: number, moves: ReferralSeed["moves"]): ReferralSeed => ({
    urgency: "urgent", language: "en", respondent: "family", ageBand: "75+", area: "kita", concerns: ["care"], flags: ["care"], contactBy: "line",
    createdWith: "houkatsu-kita", moves, createdAt: day(d),
  });
  const forwarded = (d: number, accept: number | null): ReferralSeed => ({
    urgency: "routine", language: "vi", respondent: "supporter", ageBand: null, area: "minami", concerns: ["debt", "income"], flags: ["debt", "income"], contactBy: "phone",
    createdWith: "city-comprehensive", moves: [{ hours: 1, to: "forwarded", window: "city-livelihood" }, ...(accept !== null ? [{ hours: accept, to: "accepted" as const }] : [])],
    createdAt: day(d),
  });
  return [
    // R1–R7: the livelihood window, routine (SLA 72 h); R1–R3 asked for a call-back.
    livelihood(1, 2, 200, true),
    livelihood(2, 10, 300, true),
    livelihood(3, 30, null, true),
    livelihood(4, 50, null, false),
    livelihood(5, 80, null, false),
    livelihood(6, null, null, false),
    livelihood(7, 100, null, false),
    // R8–R10: the northern 地域包括, urgent (SLA 24 h); R9 escalated to 多機関協働.
    kita(8, [{ hours: 5, to: "accepted" }]),
    kita(9, [{ hours: 25, to: "escalated", window: "city-multi-agency" }]),
    kita(10, []),
    // R11–R12: forwarded from the comprehensive window to livelihood; both asked for a call-back.
    forwarded(11, 20),
    forwarded(12, null),
    // September: outside the period.
    { ...livelihood(1, 1, null, true), createdAt: OCT_START - HOUR },
  ];
}

export async function seedAnalytics(prisma: PrismaClient, sealer: Sealer): Promise<SeededSecrets> {
  const secrets: SeededSecrets = { names: [], phones: [], freeTexts: [], lineUserIds: [] };
  let n = 0;
  const person = () => {
    n++;
    const name = `秘密花子${n}号`;
    const phone = `0907777${String(1000 + n)}`;
    const freeText = `誰にも言えない事情その${n}`;
    const lineUserId = `U${"a".repeat(28)}${String(1000 + n)}`;
    secrets.names.push(name);
    secrets.phones.push(phone);
    secrets.freeTexts.push(freeText);
    secrets.lineUserIds.push(lineUserId);
    return { name, phone, freeText, lineUserId };
  };

  for (const c of conversationSeeds()) {
    const p = person();
    const id = randomUUID();
    const at = new Date(c.start);
    await prisma.conversation.create({
      data: {
        id, lineUserId: p.lineUserId, status: c.status, flowId: "intake", flowVersion: 1, language: c.language,
        snapshotEnc: sealer.sealJson({ answers: { contact: { name: p.name, phone: p.phone }, freeText: p.freeText } }),
        createdAt: at, lastActivityAt: at, ...(c.status !== "active" ? { endedAt: at } : {}),
      },
    });
    await prisma.transcriptEntry.create({ data: { conversationId: id, lineUserId: p.lineUserId, direction: "in", kind: "text", contentEnc: sealer.seal(p.freeText), language: c.language, createdAt: at } });
    await prisma.questionEvent.createMany({ data: questionRows(id, c) });
  }
  const ids = await prisma.conversation.findMany({ orderBy: { createdAt: "asc" }, select: { id: true, createdAt: true } });
  const conv = (i: number) => ids.find((c) => c.createdAt.getTime() === conversationSeeds()[i]!.start)!.id;
  // Crises: the first conversation twice (self-harm, then violence), the seventh once, and one in
  // September that does not count.
  await prisma.crisisSignal.createMany({
    data: [
      { conversationId: conv(0), kind: "self_harm", at: new Date(OCT_START + 20 * MINUTE) },
      { conversationId: conv(0), kind: "violence", at: new Date(OCT_START + 30 * MINUTE) },
      { conversationId: conv(6), kind: "self_harm", at: new Date(conversationSeeds()[6]!.start + MINUTE) },
      { conversationId: conv(15), kind: "violence", at: new Date(OCT_START - 5 * MINUTE) },
    ],
  });

  let seq = 1000n;
  for (const r of referralSeeds()) {
    const p = person();
    seq++;
    const intake: Intake = {
      ...emptyIntake(r.language),
      respondent: r.respondent,
      area: r.area,
      person: { ...emptyIntake(r.language).person, ageBand: r.ageBand },
      concerns: r.concerns,
      mainConcern: r.concerns[0] ?? null,
      freeText: p.freeText,
      consent: { shareWithRelatedWindows: true, contactBy: r.contactBy, at: new Date(r.createdAt).toISOString() },
      contact: { name: p.name, phone: p.phone },
    };
    const last = [...r.moves].reverse().find((m) => m.window)?.window ?? r.createdWith;
    const status = r.moves.at(-1)?.to ?? "new";
    const id = randomUUID();
    const created = new Date(r.createdAt);
    await prisma.referral.create({
      data: {
        id, seq, referenceNo: referenceNumber(seq, created), conversationId: randomUUID(), lineUserId: p.lineUserId, status, urgency: r.urgency,
        language: r.language, primaryWindowId: last, primaryWindowType: "livelihood", involvedWindowIds: [], flags: r.flags,
        intakeEnc: sealer.sealJson(intake), triage: { flags: r.flags } as Prisma.InputJsonValue, statusAt: created, createdAt: created,
      },
    });
    await prisma.referralEvent.create({ data: { referralId: id, fromStatus: null, toStatus: "new", actor: "system:intake", reason: "intake completed", windowId: r.createdWith, at: created } });
    let from = "new";
    let owner: string = r.createdWith;
    for (const m of r.moves) {
      owner = m.window ?? owner;
      // A forward's reason is what a caseworker typed: free text that must not reach the analytics.
      const reason = m.to === "forwarded" ? `${p.freeText} → ${owner}` : null;
      await prisma.referralEvent.create({ data: { referralId: id, fromStatus: from, toStatus: m.to, actor: "user:seed", reason, windowId: owner, at: new Date(r.createdAt + m.hours * HOUR) } });
      from = m.to;
    }
    await prisma.referralNote.create({ data: { referralId: id, actor: "user:seed", bodyEnc: sealer.seal(`${p.name} ${p.phone}`), at: created } });
  }
  return secrets;
}
