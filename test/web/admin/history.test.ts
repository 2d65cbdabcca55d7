// The administrators' history page and API tokens over HTTP, signed in as an administrator: the
// versions and the draft, verify and publish (refused with the places of the problems, refused
// from a stale page), the diff of two versions, rollback after a confirmation, starting the draft
// from a version, tokens created once and revoked, all audited readably; others get 404.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ReleaseContent } from "../../../src/releases/releaseContent.ts";
import { getDraft, saveDraft } from "../../../src/releases/releaseDraft.ts";
import { createStaffUser } from "../../../src/web/staff/accounts.ts";
import { inputValue, StaffClient } from "../../support/browser.ts";
import { startTestSystem, type TestSystem } from "../../support/testServer.ts";
import { botOf } from "../../releases/releaseFixtures.ts";

let sys: TestSystem;
let admin: StaffClient;
let caseworker: StaffClient;
let adminId: string;
const ADMIN = "history-admin";
const NEW_RENT = "How much is your rent each month? Tap a choice or type the amount.";

const prisma = () => sys.server.db.prisma;
const live = () => sys.server.releases.latest().version;

/** An administrator's edit of the draft, as the other admin pages save it. */
async function editDraft(edit: (c: ReleaseContent) => void): Promise<number> {
  const d = await getDraft(prisma());
  edit(d.content);
  const saved = await saveDraft(prisma(), d.content, { revision: d.revision, by: `user:${adminId}` });
  if (!saved.ok) throw new Error("draft save refused");
  return saved.draft.revision;
}

async function publish(form: Record<string, string>) {
  const csrf = await admin.csrf("/staff/admin/history");
  return admin.post("/staff/admin/history/publish", { _csrf: csrf, ...form });
}

beforeAll(async () => {
  sys = await startTestSystem({ workers: false });
  const clients: Record<string, StaffClient> = {};
  for (const [name, role] of [[ADMIN, "admin"], ["history-caseworker", "caseworker"]] as const) {
    const oneTime = await createStaffUser(prisma(), { username: name, role, windowIds: role === "caseworker" ? ["city-livelihood"] : [] });
    const password = await new StaffClient(sys.baseUrl).firstSignIn(name, oneTime);
    const c = new StaffClient(sys.baseUrl);
    expect((await c.signIn(name, password)).status).toBe(303);
    clients[role] = c;
  }
  admin = clients.admin!;
  caseworker = clients.caseworker!;
  adminId = (await prisma().staffUser.findUniqueOrThrow({ where: { username: ADMIN } })).id;
});
afterAll(async () => {
  await sys?.stop();
});

describe("history and publishing", () => {
  it("when an administrator opens the history, then every version is listed with who and the live one marked, and the draft's state is shown", async () => {
    const page = await admin.get("/staff/admin/history");
    expect(page.status).toBe(200);
    expect(page.text).toContain('data-version="1" data-live');
    expect(page.text).toContain("初期データ");
    expect(page.text).toContain('data-draft-revision="0"');
    expect(page.text).toContain('data-draft-base="1"');
    expect(page.text).toContain('action="/staff/admin/history/publish"');
  });

  it("when a caseworker asks for the history or the tokens, or posts to them, then the answer is the console's 404 and nothing changes", async () => {
    for (const path of ["/staff/admin/history", "/staff/admin/history/diff?from=1&to=1", "/staff/admin/history/rollback?version=1", "/staff/admin/tokens"]) {
      expect((await caseworker.get(path)).status, path).toBe(404);
    }
    const csrf = await caseworker.csrf("/staff");
    expect((await caseworker.post("/staff/admin/history/rollback", { _csrf: csrf, version: "1", note: "no" })).status).toBe(404);
    expect((await caseworker.post("/staff/admin/tokens", { _csrf: csrf, name: "sneaky", role: "admin" })).status).toBe(404);
    expect(await prisma().release.count()).toBe(1);
    expect(await prisma().apiToken.count()).toBe(0);
  });

  it("when the draft has a missing translation, then verifying lists the exact place and publishing is refused with it, and nothing is published", async () => {
    await editDraft((c) => {
      delete (botOf(c, "vi").q!.rent as Record<string, unknown>).text;
    });
    const verified = await admin.get("/staff/admin/history?verify=1");
    expect(verified.status).toBe(200);
    expect(verified.text).toContain('data-place="vi/bot.json: q.rent.text"');
    const draft = await getDraft(prisma());
    const refused = await publish({ revision: String(draft.revision), note: "missing text" });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('data-problems="1"');
    expect(refused.text).toContain('data-place="vi/bot.json: q.rent.text"');
    // The note typed is kept for the next try.
    expect(refused.text).toContain("missing text</textarea>");
    expect(live()).toBe(1);
    expect(await prisma().release.count()).toBe(1);
  });

  it("when the draft is started again from the live version, then the draft is that version's content at the next revision, audited with before and after", async () => {
    const before = await getDraft(prisma());
    const csrf = await admin.csrf("/staff/admin/history");
    const res = await admin.post("/staff/admin/history/draft-from", { _csrf: csrf, version: "1", revision: String(before.revision) });
    expect(res.status).toBe(303);
    expect(res.location).toBe("/staff/admin/history?ok=draftReset&version=1");
    const after = await getDraft(prisma());
    expect(after.revision).toBe(before.revision + 1);
    const v1 = await prisma().release.findUniqueOrThrow({ where: { version: 1 } });
    expect(after.content).toEqual(ReleaseContent.parse(v1.content));
    const audit = await prisma().auditLog.findFirst({ where: { action: "admin.history.draftReset" } });
    expect(audit).toMatchObject({ actor: `user:${adminId}`, detail: { fromVersion: 1, revision: { before: before.revision, after: before.revision + 1 } } });
  });

  it("when a form rendered from an older revision is sent, then it is refused naming who changed the draft and when, and nothing is published or reset", async () => {
    const page = await admin.get("/staff/admin/history");
    const stale = inputValue(page.text, "revision")!;
    await editDraft((c) => {
      (botOf(c, "en").q!.rent as Record<string, string>).text = NEW_RENT;
    });
    const csrf = inputValue(page.text, "_csrf")!;
    const refused = await admin.post("/staff/admin/history/publish", { _csrf: csrf, revision: stale, note: "from an old page" });
    expect(refused.status).toBe(409);
    expect(refused.text).toMatch(/role="alert">[^<]*history-admin[^<]*リビジョン/);
    const reset = await admin.post("/staff/admin/history/draft-from", { _csrf: csrf, version: "1", revision: stale });
    expect(reset.status).toBe(409);
    expect(live()).toBe(1);
    expect(botOf((await getDraft(prisma())).content, "en").q!.rent).toEqual({ text: NEW_RENT });
  });

  it("when the draft is published without a note, then it is refused and nothing is published", async () => {
    const draft = await getDraft(prisma());
    const res = await publish({ revision: String(draft.revision), note: "   " });
    expect(res.status).toBe(400);
    expect(live()).toBe(1);
  });

  it("when a verified draft is published with a note, then it is the live version at once, listed with the publisher's name, and audited with before and after", async () => {
    const draft = await getDraft(prisma());
    const res = await publish({ revision: String(draft.revision), note: "Shorter rent question" });
    expect(res.status).toBe(303);
    expect(res.location).toBe("/staff/admin/history?ok=published&version=2");
    expect(live()).toBe(2);
    const page = await admin.get(res.location!);
    expect(page.text).toContain('data-version="2" data-live');
    expect(page.text).toMatch(/data-version="2" data-live>[\s\S]*?history-admin[\s\S]*?Shorter rent question/);
    expect(page.text).toContain("バージョン2を公開しました");
    // The draft is the new live version again.
    expect(page.text).toContain('data-draft-revision="0"');
    const audit = await prisma().auditLog.findFirst({ where: { action: "release.publish", targetId: "2" } });
    expect(audit).toMatchObject({ actor: `user:${adminId}`, detail: { version: 2, previous: 1, changed: { texts: 1, languages: 1 } } });
  });

  it("when two versions are compared, then each changed text is shown per language with its old and new wording", async () => {
    const res = await admin.get("/staff/admin/history/diff?from=1&to=2");
    expect(res.status).toBe(200);
    const row = /<tr data-diff="text" data-lang="en" data-change="changed" data-key="bot:q.rent.text">[\s\S]*?<\/tr>/.exec(res.text)?.[0];
    expect(row).toBeDefined();
    expect(row).toContain(`<ins>${NEW_RENT}</ins>`);
    expect(row).toContain("<del>How much");
    expect(res.text).toContain('data-diff-none="step"');
    expect((await admin.get("/staff/admin/history/diff?from=1&to=1")).text).toContain("data-diff-empty");
    expect((await admin.get("/staff/admin/history/diff?from=1&to=99")).status).toBe(404);
    expect((await admin.get("/staff/admin/history/diff?from=x&to=1")).status).toBe(400);
  });

  it("when an administrator rolls back to version 1 after the confirmation, then its content is live as version 3 and the audit page shows it readably", async () => {
    const confirm = await admin.get("/staff/admin/history/rollback?version=1");
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('data-action="rollback"');
    expect(confirm.text).toContain('data-key="bot:q.rent.text"');
    const csrf = inputValue(confirm.text, "_csrf")!;
    expect((await admin.post("/staff/admin/history/rollback", { _csrf: csrf, version: "1", note: "" })).status).toBe(400);
    expect((await admin.post("/staff/admin/history/rollback", { _csrf: csrf, version: "99", note: "none" })).status).toBe(404);
    const res = await admin.post("/staff/admin/history/rollback", { _csrf: csrf, version: "1", note: "Back to the seed" });
    expect(res.status).toBe(303);
    expect(res.location).toBe("/staff/admin/history?ok=rolledBack&version=3");
    expect(live()).toBe(3);
    const [v1, v3] = await Promise.all([1, 3].map((v) => prisma().release.findUniqueOrThrow({ where: { version: v } })));
    expect(v3!.content).toEqual(v1!.content);
    expect(await prisma().auditLog.findFirst({ where: { action: "release.rollback", targetId: "3" } })).toMatchObject({ detail: { version: 3, previous: 2, rollbackOf: 1 } });
    const audit = await admin.get("/staff/audit");
    expect(audit.text).toContain("以前のバージョンに戻す");
    expect(audit.text).toContain("公開中：バージョン2 → 3・バージョン1の内容・テキスト 1（1言語）");
    expect(audit.text).toContain("公開中：バージョン1 → 2・テキスト 1（1言語）");
  });

  it("when the page is asked for in English, then its labels are English", async () => {
    const page = await admin.get("/staff/admin/history?lang=en");
    expect(page.text).toContain("History and publishing");
    expect(page.text).toContain("Verify and publish");
    expect(page.text).toContain("Initial data");
    // The choice is remembered: back to Japanese for the tests that follow.
    expect((await admin.get("/staff/admin/history?lang=ja")).text).toContain("履歴と公開");
  });
});

describe("API tokens", () => {
  it("when an administrator creates a token, then it is shown once, works on the API, is listed with its last use, and is audited without the token", async () => {
    const csrf = await admin.csrf("/staff/admin/tokens");
    const res = await admin.post("/staff/admin/tokens", { _csrf: csrf, name: "crm-link", role: "caseworker", windowIds: "city-livelihood" });
    expect(res.status).toBe(201);
    const token = /data-new-token>([^<]+)</.exec(res.text)?.[1];
    expect(token).toMatch(/^tsu_/);
    const api = await fetch(`${sys.baseUrl}/api/v1/referrals`, { headers: { authorization: `Bearer ${token}` } });
    expect(api.status).toBe(200);
    const list = await admin.get("/staff/admin/tokens");
    expect(list.text).not.toContain(token);
    const row = /<tr data-token-id="[^"]+" data-token-name="crm-link" data-state="active">[\s\S]*?<\/tr>/.exec(list.text)?.[0];
    expect(row).toBeDefined();
    expect(row).not.toContain("未使用");
    const audit = await prisma().auditLog.findFirstOrThrow({ where: { action: "admin.tokens.create" } });
    expect(audit.detail).toEqual({ name: "crm-link", role: "caseworker", windows: ["city-livelihood"], state: { before: "none", after: "active" } });
    expect(JSON.stringify(audit.detail)).not.toContain(token!);
    expect((await admin.get("/staff/audit")).text).not.toContain(token!);
  });

  it("when a token is created with a name in use, or as a caseworker without a window, then it is refused and none is created", async () => {
    const csrf = await admin.csrf("/staff/admin/tokens");
    expect((await admin.post("/staff/admin/tokens", { _csrf: csrf, name: "crm-link", role: "admin" })).status).toBe(400);
    expect((await admin.post("/staff/admin/tokens", { _csrf: csrf, name: "lonely", role: "caseworker" })).status).toBe(400);
    expect((await admin.post("/staff/admin/tokens", { _csrf: csrf, name: "bad name!", role: "admin" })).status).toBe(400);
    expect(await prisma().apiToken.count()).toBe(1);
  });

  it("when a token is revoked, then the API refuses it, the list says so, and the audit page shows active → revoked", async () => {
    const page = await admin.get("/staff/admin/tokens");
    const id = /data-token-id="([^"]+)" data-token-name="crm-link"/.exec(page.text)![1]!;
    const csrf = inputValue(page.text, "_csrf")!;
    const res = await admin.post("/staff/admin/tokens/revoke", { _csrf: csrf, id });
    expect(res.status).toBe(200);
    expect(res.text).toContain(`data-token-id="${id}" data-token-name="crm-link" data-state="revoked"`);
    expect((await admin.post("/staff/admin/tokens/revoke", { _csrf: csrf, id })).status).toBe(409);
    expect((await admin.post("/staff/admin/tokens/revoke", { _csrf: csrf, id: "not-an-id" })).status).toBe(404);
    const row = await prisma().apiToken.findUniqueOrThrow({ where: { id } });
    expect(row.revokedAt).not.toBeNull();
    const audit = await admin.get("/staff/audit");
    expect(audit.text).toContain("APIトークンを無効化");
    expect(audit.text).toContain("state: active → revoked");
  });
});
