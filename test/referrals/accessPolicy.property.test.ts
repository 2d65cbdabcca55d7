// The access policy as properties (issue 10): for random referrals, consents, windows, roles and
// filters, no listing, count, export or filter result reveals anything that a direct read of that
// referral would not. Many runs over the pure policy, projection and filter; fewer through the
// database-backed read model, the staff API's service, the console's inbox and the CSV export.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSealer } from "../../src/db/crypto.ts";
import { openAndMigrate, type Database } from "../../src/db/database.ts";
import { emptyIntake } from "../../src/intake/intakeSchema.ts";
import { loadMunicipality } from "../../src/intake/municipality.ts";
import { decide, type Visibility } from "../../src/referrals/accessPolicy.ts";
import { isOverdue } from "../../src/referrals/overdue.ts";
import { matches, type ReferralFilter } from "../../src/referrals/referralFilter.ts";
import { project, type Projection, type ReferralRow } from "../../src/referrals/referralProjection.ts";
import { ReferralService } from "../../src/referrals/referralService.ts";
import type { Principal } from "../../src/web/apiAuth.ts";
import type { ConsoleDeps, SignedInCtx } from "../../src/web/staff/consoleContext.ts";
import { exportCsv } from "../../src/web/staff/exportCsv.ts";
import { loadInbox } from "../../src/web/staff/inboxQuery.ts";
import { createTestDatabase } from "../support/testDatabase.ts";

const municipality = loadMunicipality("flows/municipality.yaml");
const sealer = createSealer(Buffer.alloc(32, 9));
const NOW = new Date("2026-12-01T12:00:00Z");

// Few values of each, so that filters, windows and owners collide often.
const WINDOWS = ["city-multi-agency", "pref-dv-center", "city-welfare-office", "city-livelihood", "hello-work-mirai"] as const;
const STATUSES = ["new", "accepted", "in_progress", "forwarded", "escalated", "closed"] as const;
const URGENCIES = ["emergency", "urgent", "routine"] as const;
const FLAGS = ["dv_abuse", "income", "housing", "compound"] as const;
const LANGUAGES = ["ja", "en", "vi"] as const;

interface Generated {
  row: ReferralRow;
  consent: boolean | null;
}

const rowArb = (i: number): fc.Arbitrary<Generated> =>
  fc
    .record({
      primary: fc.constantFrom(...WINDOWS),
      involved: fc.subarray([...WINDOWS]),
      consent: fc.constantFrom(true, false, null),
      status: fc.constantFrom(...STATUSES),
      urgency: fc.constantFrom(...URGENCIES),
      flags: fc.subarray([...FLAGS]),
      language: fc.constantFrom(...LANGUAGES),
      waitedHours: fc.integer({ min: 0, max: 200 }),
      ageHours: fc.integer({ min: 0, max: 2000 }),
    })
    .map((g) => {
      const statusAt = new Date(NOW.getTime() - g.waitedHours * 3_600_000);
      const createdAt = new Date(statusAt.getTime() - g.ageHours * 3_600_000);
      return {
        consent: g.consent,
        row: {
          id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
          seq: BigInt(i + 1),
          referenceNo: `TS-2026-${String(i + 1).padStart(6, "0")}`,
          status: g.status,
          urgency: g.urgency,
          primaryWindowId: g.primary,
          involvedWindowIds: g.involved.filter((w) => w !== g.primary),
          flags: g.flags,
          language: g.language,
          createdAt,
          statusAt,
          updatedAt: statusAt,
        },
      };
    });

const rowsArb = (max: number) => fc.integer({ min: 1, max }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => rowArb(i))));

// Mostly caseworkers: theirs is the interesting case (supervisors and administrators see all).
const principalArb: fc.Arbitrary<Principal> = fc.oneof(
  { arbitrary: fc.constant<Principal>({ actor: "token:admin", role: "admin", windowIds: [] }), weight: 1 },
  { arbitrary: fc.constant<Principal>({ actor: "token:sup", role: "supervisor", windowIds: [] }), weight: 1 },
  { arbitrary: fc.subarray([...WINDOWS], { minLength: 1, maxLength: 2 }).map((windowIds): Principal => ({ actor: "token:cw", role: "caseworker", windowIds })), weight: 6 },
);

// One to three conditions at a time: more would rarely match anything.
const FILTER_KEYS = ["status", "urgency", "window", "flag", "language", "overdue", "open"] as const;
const filterArb: fc.Arbitrary<ReferralFilter> = fc
  .tuple(
    fc.record({
      status: fc.constantFrom(...STATUSES),
      urgency: fc.constantFrom(...URGENCIES),
      window: fc.constantFrom(...WINDOWS),
      flag: fc.constantFrom(...FLAGS),
      language: fc.constantFrom(...LANGUAGES),
      overdue: fc.boolean(),
      open: fc.boolean(),
    }),
    fc.subarray([...FILTER_KEYS], { minLength: 1, maxLength: 3 }),
  )
  .map(([all, keys]) => Object.fromEntries(keys.map((k) => [k, all[k]])) as ReferralFilter);

/** The spec of filtering, written apart from the code: a filter on a field the viewer cannot see
 * never matches; a window filter sees the windows the viewer can see. */
function expectedMatch(f: ReferralFilter, v: Projection): boolean {
  const seen = v as Partial<Record<string, unknown>> & Projection;
  const windows = v.access === "full" ? [v.primaryWindowId, ...v.involvedWindowIds] : [v.primaryWindowId];
  const checks: [unknown, () => boolean][] = [
    [f.status, () => v.status === f.status],
    [f.open, () => (v.status !== "closed") === f.open],
    [f.window, () => windows.includes(f.window!)],
    [f.urgency, () => "urgency" in seen && seen.urgency === f.urgency],
    [f.flag, () => "flags" in seen && (seen.flags as string[]).includes(f.flag!)],
    [f.language, () => "language" in seen && seen.language === f.language],
    [f.overdue, () => "overdue" in seen && seen.overdue === f.overdue],
  ];
  return checks.every(([given, ok]) => given === undefined || ok());
}

const directRead = (p: Principal, g: Generated): Projection | null => {
  const level = decide(p, g.row, g.consent).visibility;
  return project(level, g.row, level === "full" && isOverdue(g.row, municipality.slaHours, NOW));
};

/** The same referral with everything changed that a viewer at this level cannot see. */
function hiddenVariant(
  p: Principal,
  g: Generated,
  level: Visibility,
  change: { urgency: string; flags: string[]; language: string; extraInvolved: string[]; shiftHours: number; consent: boolean | null; status: string },
): Generated {
  const mine = (w: string) => p.windowIds.includes(w);
  const row: ReferralRow = {
    ...g.row,
    // Of a referral not seen at all, not even the status shows.
    status: level === "none" ? change.status : g.row.status,
    urgency: change.urgency,
    flags: change.flags,
    language: change.language,
    statusAt: new Date(g.row.statusAt.getTime() - change.shiftHours * 3_600_000),
    updatedAt: new Date(g.row.updatedAt.getTime() + change.shiftHours * 3_600_000),
    // The principal's own windows stay as they were (that decides the level); others may change.
    involvedWindowIds: [...new Set([...g.row.involvedWindowIds.filter(mine), ...change.extraInvolved.filter((w) => !mine(w) && w !== g.row.primaryWindowId)])],
  };
  // At "existence" the consent is not given (false or null alike); at "none" it does not matter.
  const consent = level === "existence" ? (change.consent === true ? null : change.consent) : change.consent;
  return { row, consent };
}

const changeArb = fc.record({
  urgency: fc.constantFrom(...URGENCIES),
  flags: fc.subarray([...FLAGS]),
  language: fc.constantFrom(...LANGUAGES),
  extraInvolved: fc.subarray([...WINDOWS]),
  shiftHours: fc.integer({ min: -100, max: 100 }),
  consent: fc.constantFrom(true, false, null),
  status: fc.constantFrom(...STATUSES),
});

describe("the policy, the projection and the filters (pure)", () => {
  it("when a referral is seen at existence or not at all, then changing what that level hides changes neither its projection nor any filter's answer", () => {
    fc.assert(
      fc.property(principalArb, rowArb(0), changeArb, fc.array(filterArb, { minLength: 1, maxLength: 8 }), (p, g, change, filters) => {
        const level = decide(p, g.row, g.consent).visibility;
        fc.pre(level !== "full");
        const twin = hiddenVariant(p, g, level, change);
        expect(decide(p, twin.row, twin.consent).visibility).toBe(level);
        const a = directRead(p, g);
        const b = directRead(p, twin);
        expect(b).toEqual(a);
        for (const f of filters) if (a && b) expect(matches(f, b)).toBe(matches(f, a));
      }),
      { numRuns: 500 },
    );
  });

  it("when any filter is applied, then it matches exactly as the spec says on what the viewer can see", () => {
    fc.assert(
      fc.property(principalArb, rowArb(0), filterArb, (p, g, f) => {
        const v = directRead(p, g);
        if (!v) return;
        expect(matches(f, v)).toBe(expectedMatch(f, v));
        // Each condition alone too (a combination can hide one that is wrong).
        for (const [k, value] of Object.entries(f)) expect(matches({ [k]: value }, v), k).toBe(expectedMatch({ [k]: value }, v));
      }),
      { numRuns: 1000 },
    );
  });

  it("when a row is seen at existence, then it carries id, seq, reference, status, owner and date only", () => {
    fc.assert(
      fc.property(principalArb, rowArb(0), (p, g) => {
        const v = directRead(p, g);
        if (v?.access === "existence") expect(Object.keys(v).sort()).toEqual(["access", "createdAt", "id", "primaryWindowId", "referenceNo", "seq", "status"]);
      }),
      { numRuns: 300 },
    );
  });

  it("when a principal does not own the referral (nor supervises), then no action is allowed, whatever the consent", () => {
    fc.assert(
      fc.property(principalArb, rowArb(0), (p, g) => {
        const d = decide(p, g.row, g.consent);
        const owner = p.role !== "caseworker" || p.windowIds.includes(g.row.primaryWindowId);
        expect(d.actions.size > 0).toBe(owner);
        if (owner) expect(d.visibility).toBe("full");
      }),
      { numRuns: 500 },
    );
  });
});

describe("through the database: API list and detail, console inbox, counts and CSV", () => {
  let db: Database;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const t = await createTestDatabase();
    cleanup = t.cleanup;
    db = await openAndMigrate({ databaseUrl: t.databaseUrl, dataDir: t.dataDir });
  });
  afterAll(async () => {
    await db?.close();
    await cleanup?.();
  });

  async function store(gs: Generated[]): Promise<void> {
    await db.prisma.referral.deleteMany({});
    await db.prisma.referral.createMany({
      data: gs.map(({ row, consent }) => ({
        ...row,
        conversationId: crypto.randomUUID(),
        lineUserId: `U${row.id.replace(/-/g, "")}`,
        primaryWindowType: municipality.windows.find((w) => w.id === row.primaryWindowId)!.type,
        intakeEnc: sealer.sealJson({ ...emptyIntake("ja"), consent: { shareWithRelatedWindows: consent, contactBy: null, at: null } }),
        triage: {},
      })),
    });
    // updatedAt is set by Prisma on create: put back the generated one.
    for (const { row } of gs) await db.prisma.$executeRaw`UPDATE "Referral" SET "updatedAt" = ${row.updatedAt} WHERE id = ${row.id}::uuid`;
  }

  /** Everything a principal can learn from every listing surface for these filters, as indented
   * JSON (a failure then shows a short line diff rather than a slow deep one). */
  async function observe(service: ReferralService, p: Principal, filters: ReferralFilter[]): Promise<string> {
    const rm = service.readModel;
    const out: unknown[] = [await rm.version(p)];
    for (const f of filters) {
      const { open: _o, flag: _f, language: _l, ...apiFilter } = f;
      const api = await service.list(p, { ...apiFilter, limit: 500 });
      const inbox = await loadInbox({ referrals: service } as unknown as ConsoleDeps, p, { status: f.status, urgency: f.urgency, window: f.window, flag: f.flag, language: f.language });
      const ctx = { deps: { prisma: db.prisma, referrals: service }, principal: p } as unknown as SignedInCtx;
      const csv = await exportCsv(ctx, { status: f.status, urgency: f.urgency, window: f.window, flag: f.flag, language: f.language });
      out.push(
        (await rm.all(p, f)).map((e) => e.projection),
        await rm.count(p, f),
        [...(await rm.countByStatus(p, f))].sort(),
        api.items,
        inbox.rows,
        [...inbox.counts].sort(),
        inbox.openEmergencies,
        inbox.overdue,
        csv.body,
      );
    }
    return JSON.stringify(out, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v), 1);
  }

  it("when referrals are listed, counted, filtered or exported, then every row is the direct read and membership follows from it alone", async () => {
    const service = new ReferralService({ prisma: db.prisma, sealer, municipality, now: () => NOW });
    const rm = service.readModel;
    await fc.assert(
      fc.asyncProperty(rowsArb(14), principalArb, fc.array(filterArb, { minLength: 1, maxLength: 4 }), async (gs, p, filters) => {
        await store(gs);
        // The direct reads, through the database, as the policy says.
        const direct = new Map<string, Projection>();
        for (const g of gs) {
          const e = await rm.one(p, g.row.id);
          expect(e?.projection ?? null).toEqual(directRead(p, g));
          if (e) direct.set(g.row.id, e.projection);
        }
        for (const f of [{}, ...filters]) {
          const expected = gs.map((g) => direct.get(g.row.id)).filter((v): v is Projection => v !== undefined && expectedMatch(f, v));
          expected.sort((a, b) => Number(b.seq - a.seq));
          // The listing: exactly the direct reads that match, newest first; pages add up to it.
          expect((await rm.all(p, f)).map((e) => e.projection)).toEqual(expected);
          const paged: Projection[] = [];
          let before: bigint | undefined;
          for (let i = 0; i <= gs.length; i++) {
            const pg = await rm.page(p, f, { limit: 3, before });
            paged.push(...pg.entries.map((e) => e.projection));
            if (pg.next === null) break;
            before = pg.next;
          }
          expect(paged).toEqual(expected);
          // Counts from the same rows.
          expect(await rm.count(p, f)).toBe(expected.length);
          const byStatus = new Map<string, number>();
          for (const v of expected) byStatus.set(v.status, (byStatus.get(v.status) ?? 0) + 1);
          expect([...(await rm.countByStatus(p, f))].filter(([, n]) => n > 0).sort()).toEqual([...byStatus].sort());
          // The API list: each item is what GET /referrals/:id gives.
          if (f.flag === undefined && f.language === undefined && f.open === undefined) {
            const api = await service.list(p, { ...f, limit: 500 });
            expect(api.items.map((i) => i.id)).toEqual(expected.map((v) => v.id));
            for (const item of api.items) {
              const one = await service.get(p, item.id);
              expect(one.ok && one.value).toEqual(item);
            }
          }
        }
      }),
      { numRuns: 12, endOnFailure: true },
    );
  });

  it("when what a principal may not see of a referral changes, then nothing any listing, count, export or version shows them changes", async () => {
    const service = new ReferralService({ prisma: db.prisma, sealer, municipality, now: () => NOW });
    await fc.assert(
      fc.asyncProperty(rowsArb(10), principalArb, fc.array(filterArb, { minLength: 1, maxLength: 3 }), fc.array(changeArb, { minLength: 10, maxLength: 10 }), async (gs, p, filters, changes) => {
        const levels = gs.map((g) => decide(p, g.row, g.consent).visibility);
        fc.pre(levels.some((l) => l !== "full"));
        await store(gs);
        const before = await observe(service, p, filters);
        await store(gs.map((g, i) => (levels[i] === "full" ? g : hiddenVariant(p, g, levels[i]!, changes[i]!))));
        const after = await observe(service, p, filters);
        expect(after).toBe(before);
      }),
      { numRuns: 8, endOnFailure: true },
    );
  });
});
