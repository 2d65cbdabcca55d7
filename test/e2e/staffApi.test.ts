// The staff API v1 and the token CLI, from outside: bearer tokens, the referral list (newest
// first, paged, every intake read audited), the window directory, /healthz.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadMunicipality } from "../../src/intake/municipality.ts";
import { repoPath } from "../../src/server.ts";
import { createApiToken } from "../../src/web/apiAuth.ts";
import { REFERENCE_NO, Resident, startTestSystem, type TestSystem } from "../support/testServer.ts";
import { runCli } from "../support/runCli.ts";
import { usingPostgres } from "../support/testDatabase.ts";

interface ReferralItem {
  id: string;
  referenceNo: string;
  status: string;
  lineUserId: string;
  intake: { respondent: string | null } | null;
  triage: unknown;
  windows: unknown;
}

let sys: TestSystem;
let adminToken: string;
/** Residents who completed an intake, oldest first. */
const residents: Resident[] = [];

const get = (path: string, token?: string) =>
  fetch(`${sys.baseUrl}${path}`, { headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });

/** A short intake: language and who it is about, everything else skipped, then sent. */
async function completeIntake(respondent: string): Promise<Resident> {
  const r = new Resident(sys);
  await r.follow();
  await r.answer("language", "ja");
  await r.answer("respondent", respondent);
  for (let i = 0; i < 60 && r.currentQuestion() !== "summary"; i++) await r.skip(r.currentQuestion()!);
  await r.answer("summary", true);
  return r;
}

/** Runs the CLI as an operator would, with this data directory (and database URL). */
const cli = runCli;

beforeAll(async () => {
  sys = await startTestSystem();
  adminToken = await createApiToken(sys.server.db.prisma, { name: "staff-api-e2e", role: "admin", windowIds: [] });
  for (const respondent of ["self", "family", "supporter"]) residents.push(await completeIntake(respondent));
});
afterAll(async () => {
  await sys?.stop();
});

describe("/healthz", () => {
  it("answers 200 once the migrations are applied and the database answers, and tells nothing more", async () => {
    const res = await get("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });
});

describe("bearer tokens", () => {
  it("without a token, /api/v1/referrals answers 401", async () => {
    expect((await get("/api/v1/referrals")).status).toBe(401);
    const basic = await fetch(`${sys.baseUrl}/api/v1/referrals`, { headers: { authorization: "Basic YWRtaW46YWRtaW4=" } });
    expect(basic.status).toBe(401);
  });

  it("with a token nobody issued, /api/v1/referrals answers 401", async () => {
    expect((await get("/api/v1/referrals", "tsu_not-a-token-anyone-issued")).status).toBe(401);
  });

  it("with a revoked token, /api/v1/referrals answers 403", async () => {
    const token = await createApiToken(sys.server.db.prisma, { name: "to-revoke", role: "admin", windowIds: [] });
    expect((await get("/api/v1/referrals", token)).status).toBe(200);
    await sys.server.db.prisma.apiToken.updateMany({ where: { name: "to-revoke" }, data: { revokedAt: new Date() } });
    expect((await get("/api/v1/referrals", token)).status).toBe(403);
  });
});

describe("GET /api/v1/referrals", () => {
  it("lists every referral newest first, each with id, status, lineUserId, intake, triage and windows", async () => {
    const res = await get("/api/v1/referrals", adminToken);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const items = (await res.json()) as ReferralItem[];
    expect(items.map((i) => i.lineUserId)).toEqual([...residents].reverse().map((r) => r.userId));
    expect(items.map((i) => i.intake?.respondent)).toEqual(["supporter", "family", "self"]);
    for (const item of items) {
      expect(item).toMatchObject({ id: expect.any(String), status: "new", referenceNo: expect.stringMatching(REFERENCE_NO) });
      expect(item).toHaveProperty("intake");
      expect(item.triage).toBeTruthy();
      expect(item.windows).toBeTruthy();
    }
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
  });

  it("pages with ?limit=1: X-Next-Cursor leads to the next page, until the list is done", async () => {
    const all = (await (await get("/api/v1/referrals", adminToken)).json()) as ReferralItem[];
    const paged: ReferralItem[] = [];
    let path = "/api/v1/referrals?limit=1";
    for (let page = 0; page < 10; page++) {
      const res = await get(path, adminToken);
      expect(res.status).toBe(200);
      const items = (await res.json()) as ReferralItem[];
      expect(items.length).toBeLessThanOrEqual(1);
      paged.push(...items);
      const cursor = res.headers.get("x-next-cursor");
      if (!cursor) break;
      path = `/api/v1/referrals?limit=1&cursor=${encodeURIComponent(cursor)}`;
    }
    expect(paged.map((i) => i.id)).toEqual(all.map((i) => i.id));
  });

  it("writes an AuditLog row (intake.read) for every intake it returns", async () => {
    const { prisma } = sys.server.db;
    const reads = (id: string) => prisma.auditLog.count({ where: { action: "intake.read", targetType: "referral", targetId: id } });
    const ids = ((await (await get("/api/v1/referrals", adminToken)).json()) as ReferralItem[]).map((i) => i.id);
    const before = await Promise.all(ids.map(reads));
    expect(before.every((n) => n >= 1)).toBe(true);

    const items = (await (await get("/api/v1/referrals", adminToken)).json()) as ReferralItem[];
    expect(items.map((i) => i.id)).toEqual(ids);
    expect(await Promise.all(ids.map(reads))).toEqual(before.map((n) => n + 1));

    // A page reads only the intakes on it.
    const [first] = (await (await get("/api/v1/referrals?limit=1", adminToken)).json()) as ReferralItem[];
    expect(await Promise.all(ids.map(reads))).toEqual(before.map((n, i) => n + 1 + (ids[i] === first!.id ? 1 : 0)));
    const row = await prisma.auditLog.findFirst({ where: { action: "intake.read", targetId: first!.id }, orderBy: { id: "desc" } });
    expect(row).toMatchObject({ action: "intake.read", targetType: "referral", actor: expect.any(String) });
  });
});

describe("GET /api/v1/windows", () => {
  it("lists the municipality's window directory: id, type, name, areas", async () => {
    const res = await get("/api/v1/windows", adminToken);
    expect(res.status).toBe(200);
    const windows = (await res.json()) as { id: string; type: string; name: string; areas: string[] }[];
    const directory = loadMunicipality(repoPath("flows/municipality.yaml")).windows;
    expect(windows.map(({ id, type, name, areas }) => ({ id, type, name, areas }))).toEqual(
      directory.map(({ id, type, name, areas }) => ({ id, type, name, areas })),
    );
    expect(windows.some((w) => w.type === "comprehensive" && w.areas.includes("*"))).toBe(true);
    expect((await get("/api/v1/windows")).status).toBe(401);
  });
});

describe("the token CLI", () => {
  it("refuses to open the embedded database the running server holds (on PostgreSQL it may share it)", async () => {
    const res = await cli(["token", "create", "--role", "admin", "--name", "while-running"], { DATA_DIR: sys.dataDir, DATABASE_URL: sys.databaseUrl });
    if (usingPostgres()) {
      expect(res.code, res.stderr).toBe(0);
      expect(res.stdout).toMatch(/^\S+\n$/);
    } else {
      expect(res.code).not.toBe(0);
      expect(res.stderr).toContain("in use");
      expect(res.stdout).toBe("");
    }
  });

  it("token create prints the new token alone on stdout, and the server accepts it", async () => {
    await sys.stopServer();
    const res = await cli(["token", "create", "--role", "admin", "--name", "ci"], { DATA_DIR: sys.dataDir, DATABASE_URL: sys.databaseUrl });
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/^\S+\n$/);
    const token = res.stdout.trim();
    await sys.restart();
    const list = await get("/api/v1/referrals", token);
    expect(list.status).toBe(200);
    expect(((await list.json()) as ReferralItem[]).map((i) => i.lineUserId)).toEqual([...residents].reverse().map((r) => r.userId));
  });
});
