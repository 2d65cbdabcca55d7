// Consent visibility per role, the lifecycle with its illegal moves, concurrent changes, and
// escalation after the SLA with a fake clock — on a real database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSealer } from "../../src/db/crypto.ts";
import { openAndMigrate, type Database } from "../../src/db/database.ts";
import { emptyIntake, type Intake } from "../../src/intake/intakeSchema.ts";
import { loadMunicipality } from "../../src/intake/municipality.ts";
import { applyMove } from "../../src/referrals/lifecycle.ts";
import { ReferralService } from "../../src/referrals/referralService.ts";
import type { Principal } from "../../src/web/apiAuth.ts";
import { createTestDatabase } from "../support/testDatabase.ts";

const municipality = loadMunicipality("flows/municipality.yaml");
const sealer = createSealer(Buffer.alloc(32, 7));
let db: Database;
let cleanup: () => Promise<void>;
let seq = 1000n;

async function referral(opts: { primary: string; involved?: string[]; consent: boolean | null; urgency?: string; status?: string; statusAt?: Date }) {
  const intake: Intake = { ...emptyIntake("ja"), consent: { shareWithRelatedWindows: opts.consent, contactBy: null, at: null } };
  seq++;
  return db.prisma.referral.create({
    data: {
      seq,
      referenceNo: `TEST-${seq}`,
      conversationId: crypto.randomUUID(),
      lineUserId: `U${seq}`,
      status: opts.status ?? "new",
      urgency: opts.urgency ?? "routine",
      language: "ja",
      primaryWindowId: opts.primary,
      primaryWindowType: municipality.windows.find((w) => w.id === opts.primary)!.type,
      involvedWindowIds: opts.involved ?? [],
      flags: [],
      intakeEnc: sealer.sealJson(intake),
      triage: {},
      statusAt: opts.statusAt ?? new Date(),
    },
  });
}

const admin: Principal = { actor: "token:t-admin", role: "admin", windowIds: [] };
const supervisor: Principal = { actor: "token:t-sup", role: "supervisor", windowIds: [] };
const livelihood: Principal = { actor: "token:t-cw1", role: "caseworker", windowIds: ["city-livelihood"] };
const employment: Principal = { actor: "token:t-cw2", role: "caseworker", windowIds: ["hello-work-mirai"] };
const elderly: Principal = { actor: "token:t-cw3", role: "caseworker", windowIds: ["houkatsu-kita"] };

beforeAll(async () => {
  const t = await createTestDatabase();
  cleanup = t.cleanup;
  db = await openAndMigrate({ databaseUrl: t.databaseUrl, dataDir: t.dataDir });
});
afterAll(async () => {
  await db?.close();
  await cleanup?.();
});

describe("who sees what", () => {
  it("when the resident consented, then an involved window reads the intake; without consent it sees only that the case exists and who owns it", async () => {
    const service = new ReferralService({ prisma: db.prisma, sealer, municipality });
    const withConsent = await referral({ primary: "city-livelihood", involved: ["hello-work-mirai"], consent: true });
    const without = await referral({ primary: "city-livelihood", involved: ["hello-work-mirai"], consent: false });
    const a = await service.get(employment, withConsent.id);
    const b = await service.get(employment, without.id);
    expect(a.ok && a.value.access).toBe("full");
    expect(a.ok && a.value.access === "full" && a.value.intake).toBeTruthy();
    expect(b.ok && b.value.access).toBe("existence");
    expect(b.ok && "intake" in b.value).toBe(false);
    expect(b.ok && "lineUserId" in b.value).toBe(false);
    expect(b.ok && b.value.windows.primary.windowId).toBe("city-livelihood");
  });

  it("when a caseworker's windows are not on the case, then 404 (as if it did not exist) and no data; admin and supervisor see everything", async () => {
    const service = new ReferralService({ prisma: db.prisma, sealer, municipality });
    const r = await referral({ primary: "city-livelihood", consent: true });
    const denied = await service.get(elderly, r.id);
    expect(denied).toEqual({ ok: false, status: 404, message: expect.any(String) });
    for (const p of [admin, supervisor, livelihood]) {
      const ok = await service.get(p, r.id);
      expect(ok.ok && ok.value.access === "full" && ok.value.intake).toBeTruthy();
    }
    const list = await service.list(elderly, { limit: 500 });
    expect(list.items.map((i) => i.id)).not.toContain(r.id);
  });

  it("when an intake is read, then the read is in the audit log with who read it", async () => {
    const service = new ReferralService({ prisma: db.prisma, sealer, municipality });
    const r = await referral({ primary: "city-livelihood", consent: null });
    await service.get(livelihood, r.id);
    const rows = await db.prisma.auditLog.findMany({ where: { targetId: r.id, action: "intake.read" } });
    expect(rows.map((x) => x.actor)).toEqual(["token:t-cw1"]);
  });
});

describe("the lifecycle", () => {
  it("when moves are illegal (close a new referral, start a new one), then they are refused with the reason", () => {
    expect(applyMove("new", { type: "close", outcome: "x" })).toMatchObject({ ok: false, reason: expect.stringContaining("new") });
    expect(applyMove("new", { type: "start" }).ok).toBe(false);
    expect(applyMove("closed", { type: "accept" }).ok).toBe(false);
    expect(applyMove("new", { type: "accept" })).toEqual({ ok: true, to: "accepted" });
  });

  it("when a referral goes new → accepted → in_progress → closed, then every change is recorded with who and why", async () => {
    const service = new ReferralService({ prisma: db.prisma, sealer, municipality });
    const r = await referral({ primary: "city-livelihood", consent: true });
    expect((await service.move(livelihood, r.id, { type: "close", outcome: "done" }, "u1")).ok).toBe(false);
    expect((await service.move(livelihood, r.id, { type: "accept" }, "u1")).ok).toBe(true);
    expect((await service.move(livelihood, r.id, { type: "start" }, "u1")).ok).toBe(true);
    const closed = await service.move(livelihood, r.id, { type: "close", outcome: "住居確保給付金の申請につないだ" }, "u1");
    expect(closed.ok && closed.value.status).toBe("closed");
    const events = await db.prisma.referralEvent.findMany({ where: { referralId: r.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.fromStatus, e.toStatus, e.actor])).toEqual([
      ["new", "accepted", "u1"],
      ["accepted", "in_progress", "u1"],
      ["in_progress", "closed", "u1"],
    ]);
    expect(events[2]!.reason).toBe("住居確保給付金の申請につないだ");
  });

  it("when a referral is forwarded, then the named window owns it and the old owner stays involved; an unknown window is refused", async () => {
    const service = new ReferralService({ prisma: db.prisma, sealer, municipality });
    const r = await referral({ primary: "city-livelihood", consent: true });
    expect(await service.move(livelihood, r.id, { type: "forward", windowId: "nowhere", reason: "x" }, "u1")).toMatchObject({ ok: false, status: 400 });
    const f = await service.move(livelihood, r.id, { type: "forward", windowId: "hello-work-mirai", reason: "仕事探しが中心" }, "u1");
    expect(f.ok).toBe(true);
    const after = await db.prisma.referral.findUniqueOrThrow({ where: { id: r.id } });
    expect(after.primaryWindowId).toBe("hello-work-mirai");
    expect(after.status).toBe("forwarded");
    expect(after.involvedWindowIds).toContain("city-livelihood");
    // The old owner may no longer act on it.
    expect(await service.move(livelihood, r.id, { type: "accept" }, "u1")).toMatchObject({ ok: false, status: 403 });
    expect((await service.move(employment, r.id, { type: "accept" }, "u2")).ok).toBe(true);
  });

  it("when a caseworker forwards a case without the resident's consent, then the answer shows only what they may still see of it", async () => {
    const service = new ReferralService({ prisma: db.prisma, sealer, municipality });
    const r = await referral({ primary: "city-livelihood", consent: false, urgency: "urgent" });
    const f = await service.move(livelihood, r.id, { type: "forward", windowId: "hello-work-mirai", reason: "仕事探しが中心" }, "u1");
    expect(f.ok && f.value).toEqual({ access: "existence", id: r.id, referenceNo: r.referenceNo, status: "forwarded", createdAt: r.createdAt.toISOString(), windows: { primary: expect.objectContaining({ windowId: "hello-work-mirai" }) } });
  });

  it("when two caseworkers accept at once, then one wins and the other gets a conflict", async () => {
    const service = new ReferralService({ prisma: db.prisma, sealer, municipality });
    const r = await referral({ primary: "city-livelihood", consent: true });
    const results = await Promise.all([service.move(livelihood, r.id, { type: "accept" }, "a"), service.move(supervisor, r.id, { type: "accept" }, "b")]);
    expect(results.filter((x) => x.ok)).toHaveLength(1);
    expect(results.filter((x) => !x.ok)[0]).toMatchObject({ status: 409 });
    expect(await db.prisma.referralEvent.count({ where: { referralId: r.id } })).toBe(1);
  });
});

describe("escalation", () => {
  it("when a referral is not accepted within its SLA, then the job raises it to multi_agency; before the SLA nothing happens", async () => {
    const t0 = new Date("2026-11-23T00:00:00Z");
    const r = await referral({ primary: "city-livelihood", consent: true, urgency: "urgent", statusAt: t0 });
    const at = (hours: number) => new ReferralService({ prisma: db.prisma, sealer, municipality, now: () => new Date(t0.getTime() + hours * 3_600_000) });
    await at(23.9).escalateOverdue();
    expect((await db.prisma.referral.findUniqueOrThrow({ where: { id: r.id } })).status).toBe("new");
    await at(24.1).escalateOverdue();
    const after = await db.prisma.referral.findUniqueOrThrow({ where: { id: r.id } });
    expect(after.status).toBe("escalated");
    expect(after.primaryWindowId).toBe("city-multi-agency");
    expect(after.involvedWindowIds).toContain("city-livelihood");
    const last = await db.prisma.referralEvent.findFirstOrThrow({ where: { referralId: r.id }, orderBy: { id: "desc" } });
    expect(last.actor).toBe("system:escalation");
  });
});
