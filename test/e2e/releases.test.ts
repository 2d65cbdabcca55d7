// Releases end to end, over real HTTP: the admin API (roles, drafts, verify, publish, diff,
// rollback), conversations pinned to the version they started on through /webhook, a publish
// picked up by the running server within seconds, an unrestorable snapshot, and the CLI.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishRelease } from "../../src/releases/publishRelease.ts";
import type { ReleaseContent } from "../../src/releases/releaseContent.ts";
import { createApiToken } from "../../src/web/apiAuth.ts";
import { runCli } from "../support/runCli.ts";
import { usingPostgres } from "../support/testDatabase.ts";
import { REFERENCE_NO, Resident, startTestSystem, textOf, type TestSystem } from "../support/testServer.ts";
import { botOf, renameStep, stepOf } from "../releases/releaseFixtures.ts";

let sys: TestSystem;
let admin: string;
let caseworker: string;
let supervisor: string;

const call = async (method: string, path: string, token: string | null, body?: unknown) => {
  const res = await fetch(`${sys.baseUrl}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as any) : null };
};

const draft = async () => (await call("GET", "/api/v1/admin/draft", admin)).body as { revision: number; baseVersion: number; content: ReleaseContent };
const prisma = () => sys.server.db.prisma;
const conversationOf = (r: Resident) => prisma().conversation.findFirst({ where: { lineUserId: r.userId }, orderBy: { createdAt: "desc" } });

/** Skips every question to the summary and sends; returns the questions asked. */
async function finish(r: Resident): Promise<string[]> {
  const asked: string[] = [];
  for (let i = 0; i < 80 && r.currentQuestion() !== "summary"; i++) {
    asked.push(r.currentQuestion()!);
    await r.skip(r.currentQuestion()!);
  }
  await r.answer("summary", true);
  return asked;
}

const cli = (args: string[]) => runCli(args, { DATA_DIR: sys.dataDir, DATABASE_URL: sys.databaseUrl });

beforeAll(async () => {
  sys = await startTestSystem();
  admin = await createApiToken(prisma(), { name: "releases-admin", role: "admin", windowIds: [] });
  supervisor = await createApiToken(prisma(), { name: "releases-supervisor", role: "supervisor", windowIds: [] });
  caseworker = await createApiToken(prisma(), { name: "releases-caseworker", role: "caseworker", windowIds: ["city-livelihood"] });
});

afterAll(async () => {
  await sys?.stop();
});

describe("releases", () => {
  it("when the server starts on an empty database, then the repository's files are version 1, served to new conversations", async () => {
    const list = await call("GET", "/api/v1/admin/releases", admin);
    expect(list.status).toBe(200);
    expect(list.body).toEqual([{ version: 1, note: "seed", publishedBy: "seed", publishedAt: expect.any(String), serving: true }]);
    const d = await draft();
    expect(d).toMatchObject({ revision: 0, baseVersion: 1 });
    expect(Object.keys(d.content.locales)).toHaveLength(14);
  });

  it("when someone other than an administrator calls the admin API, then it is refused (401 without a token, 403 for other roles) and nothing changes", async () => {
    const d = await draft();
    const routes: [string, string, unknown?][] = [
      ["GET", "/api/v1/admin/draft"],
      ["PUT", "/api/v1/admin/draft", { revision: 0, content: d.content }],
      ["POST", "/api/v1/admin/verify", {}],
      ["POST", "/api/v1/admin/publish", { note: "not allowed" }],
      ["POST", "/api/v1/admin/rollback", { version: 1, note: "not allowed" }],
      ["GET", "/api/v1/admin/releases"],
      ["GET", "/api/v1/admin/releases/1"],
      ["GET", "/api/v1/admin/diff?from=1&to=1"],
    ];
    for (const [method, path, body] of routes) {
      expect((await call(method, path, null, body)).status, `${method} ${path}`).toBe(401);
      for (const token of [caseworker, supervisor]) {
        const res = await call(method, path, token, body);
        expect(res.status, `${method} ${path}`).toBe(403);
        expect(res.body.message).toMatch(/administrators/);
      }
    }
    expect(await prisma().release.count()).toBe(1);
    expect(await prisma().releaseDraft.count()).toBe(0);
  });

  it("when a step the resident has passed and one they have not are renamed and published, then the conversation under way completes on its own version and a new one runs on the new version", async () => {
    const before = new Resident(sys);
    await before.follow();
    await before.answer("language", "ja");
    await before.answer("respondent", "self");
    expect(before.currentQuestion()).toBe("area");
    expect((await conversationOf(before))!.flowVersion).toBe(1);

    const d = await draft();
    renameStep(d.content, "respondent", "whoFor"); // already answered by `before`
    renameStep(d.content, "consult", "someoneToConsult"); // still ahead of `before`, asked of everyone
    (d.content.flow as { version: number }).version = 2;
    const saved = await call("PUT", "/api/v1/admin/draft", admin, { revision: d.revision, content: d.content });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.revision).toBe(d.revision + 1);
    const published = await call("POST", "/api/v1/admin/publish", admin, { note: "rename who and consult", revision: saved.body.revision });
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    expect(published.body.version).toBe(2);
    expect(sys.server.releases.latest().version).toBe(2);

    // The resident under way: version 1's steps to the end, no error, one referral.
    await before.command("back");
    expect(before.currentQuestion()).toBe("respondent");
    await before.answer("respondent", "family");
    const askedBefore = await finish(before);
    expect(askedBefore).toContain("consult");
    expect(askedBefore).not.toContain("someoneToConsult");
    expect(before.lastMessages().map(textOf).join("\n")).toMatch(REFERENCE_NO);
    expect(await conversationOf(before)).toMatchObject({ status: "completed", flowVersion: 1 });
    const referral = await prisma().referral.findFirst({ where: { lineUserId: before.userId } });
    expect(referral).not.toBeNull();

    // A new resident: version 2.
    const after = new Resident(sys);
    await after.follow();
    await after.answer("language", "ja");
    expect(after.currentQuestion()).toBe("whoFor");
    await after.answer("whoFor", "self");
    const askedAfter = await finish(after);
    expect(askedAfter).toContain("someoneToConsult");
    expect(askedAfter).not.toContain("consult");
    expect(await conversationOf(after)).toMatchObject({ status: "completed", flowVersion: 2 });

    expect(await prisma().inboxEvent.count({ where: { OR: [{ status: "failed" }, { attempts: { gt: 0 } }] } })).toBe(0);
    const audit = await prisma().auditLog.findMany({ where: { action: "release.publish" } });
    expect(audit).toEqual([expect.objectContaining({ targetId: "2", detail: expect.objectContaining({ version: 2, previous: 1, changed: expect.objectContaining({ steps: 4, flow: 1, languages: 14 }) }) })]);
  });

  it("when two versions are compared, then the diff lists the steps, texts and directory entries that changed; unknown versions are 404 and bad ones 400", async () => {
    const d = await call("GET", "/api/v1/admin/diff?from=1&to=2", admin);
    expect(d.status).toBe(200);
    // No step names the consult step (the conditions name its field), so no other step changed.
    expect(d.body.steps).toEqual({ added: ["whoFor", "someoneToConsult"], removed: ["respondent", "consult"], changed: [] });
    expect(d.body.texts.en.added).toEqual(expect.arrayContaining(["bot:q.whoFor.text", "bot:summary.field.someoneToConsult"]));
    expect(d.body.directory.windows).toEqual({ added: [], removed: [], changed: [] });
    expect((await call("GET", "/api/v1/admin/diff?from=1&to=99", admin)).status).toBe(404);
    const bad = await call("GET", "/api/v1/admin/diff?from=one&to=2", admin);
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].path).toBe("from");
    expect((await call("GET", "/api/v1/admin/releases/99", admin)).status).toBe(404);
    const v1 = await call("GET", "/api/v1/admin/releases/1", admin);
    expect(v1.body).toMatchObject({ version: 1, note: "seed" });
  });

  it("when two administrators save the draft from the same revision at once, then one save wins and the other is refused with who saved and when, nothing overwritten", async () => {
    const d = await draft();
    const other = await createApiToken(prisma(), { name: "releases-admin-2", role: "admin", windowIds: [] });
    const edit = (greeting: string) => {
      const c = structuredClone(d.content);
      (botOf(c, "en").msg as Record<string, string>).greeting = greeting;
      return c;
    };
    const [a, b] = await Promise.all([
      call("PUT", "/api/v1/admin/draft", admin, { revision: d.revision, content: edit("Hello from A") }),
      call("PUT", "/api/v1/admin/draft", other, { revision: d.revision, content: edit("Hello from B") }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const [won, lost] = a.status === 200 ? [a, b] : [b, a];
    expect(lost.body).toMatchObject({ revision: d.revision + 1, updatedBy: won.body.updatedBy, updatedAt: won.body.updatedAt });
    expect(lost.body.message).toContain(won.body.updatedBy);
    const now = await draft();
    expect(now.revision).toBe(d.revision + 1);
    expect((botOf(now.content, "en").msg as Record<string, string>).greeting).toBe(a.status === 200 ? "Hello from A" : "Hello from B");
    // Publishing from a revision that is no longer the draft's is refused too.
    const stale = await call("POST", "/api/v1/admin/publish", admin, { note: "stale", revision: d.revision });
    expect(stale.status).toBe(409);
    expect(await prisma().release.count()).toBe(2);
    // Bad input changes nothing.
    expect((await call("PUT", "/api/v1/admin/draft", admin, { revision: now.revision, content: { flow: {} } })).status).toBe(400);
    expect((await draft()).revision).toBe(now.revision);
  });

  it("when the draft strands a step, then verify lists the step and publish is refused with it, nothing published", async () => {
    const d = await draft();
    stepOf(d.content, "japanese").when = { all: [{ field: "person.foreignNational", equals: true }, { field: "person.foreignNational", equals: false }] };
    delete (botOf(d.content, "ko").q!.rent as Record<string, unknown>).text;
    expect((await call("PUT", "/api/v1/admin/draft", admin, { revision: d.revision, content: d.content })).status).toBe(200);
    const verified = await call("POST", "/api/v1/admin/verify", admin, {});
    expect(verified.status).toBe(200);
    expect(verified.body.problems.map((p: { place: string }) => p.place).sort()).toEqual(["ko/bot.json: q.rent.text", "step japanese"]);
    const refused = await call("POST", "/api/v1/admin/publish", admin, { note: "strands a step" });
    expect(refused.status).toBe(422);
    expect(refused.body.problems.map((p: { place: string }) => p.place).sort()).toEqual(["ko/bot.json: q.rent.text", "step japanese"]);
    expect(await prisma().release.count()).toBe(2);
    expect((await call("POST", "/api/v1/admin/publish", admin, {})).status).toBe(400);
  });

  it("when another instance publishes, then the running server serves the new version within seconds, without restart", async () => {
    const v2 = (await call("GET", "/api/v1/admin/releases/2", admin)).body.content as ReleaseContent;
    (botOf(v2, "ja").msg as Record<string, string>).greeting = "新しいごあいさつです。";
    const picked = new Promise<number>((resolve) => {
      const off = sys.server.releases.onChange((r) => {
        off();
        resolve(r.version);
      });
    });
    // Straight into the database, as another instance would: this server is not told.
    const result = await publishRelease(prisma(), v2, { by: "test:other-instance", note: "greeting" });
    expect(result.ok).toBe(true);
    // From the moment the release is in the database (publishing's own checks walk the flow first).
    const started = Date.now();
    const version = (result as { version: number }).version;
    expect(await picked).toBe(version);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(5000);
    const r = new Resident(sys);
    await r.follow();
    expect(r.lastMessages().map(textOf).join("\n")).toContain("新しいごあいさつです。");
    expect((await conversationOf(r))!.flowVersion).toBe(version);
  });

  it("when two publishes happen at once, then each gets its own version", async () => {
    const content = (await call("GET", "/api/v1/admin/releases/2", admin)).body.content as ReleaseContent;
    const newest = sys.server.releases.latest().version;
    const results = await Promise.all([1, 2].map((n) => publishRelease(prisma(), content, { by: "test", note: `at once ${n}` })));
    const versions = results.map((r) => (r.ok ? r.version : 0)).sort();
    expect(versions).toEqual([newest + 1, newest + 2]);
    expect(await prisma().release.count({ where: { note: { startsWith: "at once" } } })).toBe(2);
  });

  it("when an administrator rolls back to version 1, then its content is published again as a new version and new conversations ask version 1's questions", async () => {
    const res = await call("POST", "/api/v1/admin/rollback", admin, { version: 1, note: "back to the seed" });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const version = res.body.version as number;
    expect(sys.server.releases.latest().version).toBe(version);
    const [v1, now] = await Promise.all([call("GET", "/api/v1/admin/releases/1", admin), call("GET", `/api/v1/admin/releases/${version}`, admin)]);
    expect(now.body.content).toEqual(v1.body.content);
    expect(now.body.note).toBe("back to the seed");
    const audit = await prisma().auditLog.findFirst({ where: { action: "release.rollback", targetId: String(version) } });
    expect(audit!.detail).toMatchObject({ rollbackOf: 1, version });
    const r = new Resident(sys);
    await r.follow();
    await r.answer("language", "ja");
    expect(r.currentQuestion()).toBe("respondent");
    expect((await call("POST", "/api/v1/admin/rollback", admin, { version: 99, note: "none" })).status).toBe(404);
    expect((await call("POST", "/api/v1/admin/rollback", admin, { version: 1 })).status).toBe(400);
  });

  it.each([
    ["its release is missing", async (conversationId: string) => void (await prisma().conversation.update({ where: { id: conversationId }, data: { flowVersion: 999 } }))],
    [
      "its snapshot names a step its release does not have",
      async (conversationId: string) => {
        const row = await prisma().conversation.findUniqueOrThrow({ where: { id: conversationId } });
        const snapshot = sys.server.deps.sealer.openJson<{ value: unknown }>(row.snapshotEnc);
        await prisma().conversation.update({ where: { id: conversationId }, data: { snapshotEnc: sys.server.deps.sealer.sealJson({ ...snapshot, value: "stepThatWasRemoved" }) } });
      },
    ],
  ])("when a conversation cannot be restored because %s, then the resident is told kindly and starts afresh, the old one is kept as abandoned, and the event is handled once", async (_why, breakIt) => {
    const r = new Resident(sys);
    await r.follow();
    await r.answer("language", "en");
    const broken = (await conversationOf(r))!;
    await breakIt(broken.id);
    const answer = await r.answer("respondent", "self");
    // Told first, in the language they had chosen, then greeted afresh.
    expect(answer.map(textOf).join("\n").startsWith(sys.server.deps.locales.t("en")("msg.cannotResume"))).toBe(true);
    expect(r.currentQuestion()).toBe("language");
    expect(await prisma().conversation.findUnique({ where: { id: broken.id } })).toMatchObject({ status: "abandoned", endedAt: expect.any(Date) });
    const fresh = (await conversationOf(r))!;
    expect(fresh.id).not.toBe(broken.id);
    expect(fresh).toMatchObject({ status: "active", flowVersion: sys.server.releases.latest().version });
    const events = await prisma().inboxEvent.findMany({ where: { lineUserId: r.userId } });
    expect(events.every((e) => e.status === "done" && e.attempts === 0)).toBe(true);
  });

  it("when the CLI is asked for releases, it refuses while the server holds the embedded database, then lists and rolls back once it is stopped", async () => {
    if (!usingPostgres()) {
      const busy = await cli(["release", "list"]);
      expect(busy.code).not.toBe(0);
      expect(busy.stderr).toContain("in use");
    }
    await sys.stopServer();
    const list = await cli(["release", "list"]);
    expect(list.code, list.stderr).toBe(0);
    const lines = list.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^1\t\S+\tseed\tseed$/);
    const newest = Number(lines.at(-1)!.split("\t")[0]);
    const rolled = await cli(["release", "rollback", "--version", "2", "--note", "from the command line"]);
    expect(rolled.code, rolled.stderr).toBe(0);
    expect(rolled.stdout).toBe(`published version ${newest + 1}\n`);
    const usage = await cli(["release", "rollback", "--note", "no version"]);
    expect(usage.code).toBe(2);
    await sys.restart();
    expect(sys.server.releases.latest().version).toBe(newest + 1);
  });
});
