// The staff console over HTTP, as a browser without JavaScript would use it: sign-in answers that
// tell nothing, lockout, CSRF tokens on every post, windows that cannot see each other's cases,
// notes that are too long, and a resident's markup shown as text.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStaffUser, MAX_FAILED_ATTEMPTS } from "../../src/web/staff/accounts.ts";
import { inputValue, seedReferral, StaffClient } from "../support/browser.ts";
import { Resident, startTestSystem, type TestSystem } from "../support/testServer.ts";

let sys: TestSystem;
const users: Record<string, { name: string; password: string }> = {};
const ids: Record<string, string> = {};
let residentReferralId: string;

const XSS_TEXT = `<script>alert("xss")</script> & "quotes" 'apostrophes'`;

const deps = () => ({ prisma: sys.server.db.prisma, sealer: sys.server.deps.sealer, municipality: sys.server.deps.municipality });

async function signedIn(who: string): Promise<StaffClient> {
  const c = new StaffClient(sys.baseUrl);
  const u = users[who]!;
  const a = await c.signIn(u.name, u.password);
  expect(a.status, a.text.slice(0, 200)).toBe(303);
  return c;
}

const loginError = (page: string) => /<p class="notice notice-error" role="alert" data-login-error>([^<]*)<\/p>/.exec(page)?.[1] ?? null;
const rowIds = (page: string) => [...page.matchAll(/<tr data-referral-id="([^"]+)"/g)].map((m) => m[1]!);

beforeAll(async () => {
  // Every test here signs in from 127.0.0.1, failures included: the per-address limit (its own
  // tests are in limits.test.ts) is raised so that it never decides these.
  sys = await startTestSystem({ env: { RATE_LIMIT_SIGN_IN: "200/15m" } });
  const { prisma, sealer, municipality } = deps();
  const make = async (key: string, role: "admin" | "supervisor" | "caseworker", windowIds: string[]) => {
    const name = `${key}-user`;
    const oneTime = await createStaffUser(prisma, { username: name, role, windowIds });
    users[key] = { name, password: await new StaffClient(sys.baseUrl).firstSignIn(name, oneTime) };
  };
  await make("livelihood", "caseworker", ["city-livelihood"]);
  await make("work", "caseworker", ["hello-work-mirai"]);
  await make("supervisor", "supervisor", []);
  await make("lockme", "caseworker", ["city-livelihood"]);
  await make("admin", "admin", []);

  const hour = 3_600_000;
  ids.livelihood = (await seedReferral(prisma, sealer, municipality, { primaryWindowId: "city-livelihood", involvedWindowIds: [] })).id;
  ids.work = (await seedReferral(prisma, sealer, municipality, { primaryWindowId: "hello-work-mirai", involvedWindowIds: [] })).id;
  ids.existence = (await seedReferral(prisma, sealer, municipality, { primaryWindowId: "city-housing", involvedWindowIds: ["city-livelihood"], consent: false })).id;
  ids.emergency = (await seedReferral(prisma, sealer, municipality, { primaryWindowId: "city-livelihood", involvedWindowIds: [], urgency: "emergency", at: new Date(Date.now() - hour / 2) })).id;

  // A resident who types markup as their own words, through LINE.
  const r = new Resident(sys);
  await r.follow();
  await r.answer("language", "ja");
  for (let i = 0; i < 80 && r.currentQuestion() !== "freeText"; i++) await r.skip(r.currentQuestion()!);
  expect(r.currentQuestion()).toBe("freeText");
  await r.type(XSS_TEXT);
  for (let i = 0; i < 80 && r.currentQuestion() !== "summary"; i++) await r.skip(r.currentQuestion()!);
  await r.answer("summary", true);
  const row = await prisma.referral.findFirstOrThrow({ where: { lineUserId: r.userId } });
  residentReferralId = row.id;
});

afterAll(async () => {
  await sys?.stop();
});

describe("signing in", () => {
  it("shows the sign-in form with username and password fields and security headers", async () => {
    const page = await new StaffClient(sys.baseUrl).get("/staff/login");
    expect(page.status).toBe(200);
    expect(page.text).toContain('name="username"');
    expect(page.text).toContain('name="password"');
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(page.headers.get("content-security-policy")).not.toContain("unsafe-inline");
    expect(page.headers.get("x-frame-options")).toBe("DENY");
    expect(page.headers.get("referrer-policy")).toBe("no-referrer");
    // PUBLIC_BASE_URL is not https here: no HSTS.
    expect(page.headers.get("strict-transport-security")).toBeNull();
  });

  it("when the password is wrong or the user unknown, then the answer is word for word the same", async () => {
    const c = new StaffClient(sys.baseUrl);
    const wrong = await c.signIn(users.supervisor!.name, "not-the-password-at-all");
    const unknown = await c.signIn("nobody-by-this-name", "not-the-password-at-all");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(wrong.status);
    expect(loginError(wrong.text)).toBeTruthy();
    expect(loginError(unknown.text)).toBe(loginError(wrong.text));
    expect(c.cookies.has("tsunagu_session")).toBe(false);
    // The failure above does not lock anyone out: the real password still works.
    expect((await signedIn("supervisor")).cookies.has("tsunagu_session")).toBe(true);
  });

  it(`when a password is wrong ${MAX_FAILED_ATTEMPTS} times, then the account is locked, even for the right password, and says so no differently`, async () => {
    const c = new StaffClient(sys.baseUrl);
    const answers = [];
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) answers.push(await c.signIn(users.lockme!.name, `wrong-password-${i}`));
    const invalid = loginError(answers[0]!.text);
    expect(answers.every((a) => a.status === 401 && loginError(a.text) === invalid)).toBe(true);
    const right = await c.signIn(users.lockme!.name, users.lockme!.password);
    expect(right.status).toBe(401);
    // Locked reads exactly like a wrong password or an unknown name.
    expect(loginError(right.text)).toBe(invalid);
    expect(loginError((await c.signIn("nobody-by-this-name", "whatever-it-is")).text)).toBe(invalid);
    expect(c.cookies.has("tsunagu_session")).toBe(false);
    const row = await deps().prisma.staffUser.findUniqueOrThrow({ where: { username: users.lockme!.name } });
    expect(row.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
  });

  it("when strangers have locked an account, then the browser its owner signed in with before still gets in", async () => {
    const { prisma } = deps();
    const oneTime = await createStaffUser(prisma, { username: "owner-browser", role: "caseworker", windowIds: ["city-livelihood"] });
    const own = new StaffClient(sys.baseUrl);
    const password = await own.firstSignIn("owner-browser", oneTime);
    expect(own.cookies.has("tsunagu_device")).toBe(true);
    await own.post("/staff/logout", { _csrf: await own.csrf() });
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) await new StaffClient(sys.baseUrl).signIn("owner-browser", `stranger-${i}`);
    expect((await new StaffClient(sys.baseUrl).signIn("owner-browser", password)).status).toBe(401);
    expect((await own.signIn("owner-browser", password)).status).toBe(303);
  });

  it("when a one-time password is used, then /staff/password comes before anything else", async () => {
    const { prisma } = deps();
    const oneTime = await createStaffUser(prisma, { username: "first-timer", role: "caseworker", windowIds: ["city-livelihood"] });
    const c = new StaffClient(sys.baseUrl);
    const a = await c.signIn("first-timer", oneTime);
    expect(a.location).toBe("/staff/password");
    expect((await c.get("/staff")).location).toBe("/staff/password");
    expect((await c.get(`/staff/referrals/${ids.livelihood}`)).location).toBe("/staff/password");
    const token = await c.csrf("/staff/password");
    const short = await c.post("/staff/password", { _csrf: token, newPassword: "short", confirmPassword: "short" });
    expect(short.status).toBe(400);
    const mismatch = await c.post("/staff/password", { _csrf: token, newPassword: "a-long-enough-password", confirmPassword: "another-long-password" });
    expect(mismatch.status).toBe(400);
    // Twelve characters, but twelve a's: refused as guessable.
    const weak = await c.post("/staff/password", { _csrf: token, newPassword: "aaaaaaaaaaaa", confirmPassword: "aaaaaaaaaaaa" });
    expect(weak.status).toBe(400);
    expect(weak.text).toMatch(/data-password-error>[^<]*推測されやすい/);
    expect((await prisma.staffUser.findUniqueOrThrow({ where: { username: "first-timer" } })).mustChangePassword).toBe(true);
    const ok = await c.post("/staff/password", { _csrf: token, newPassword: "a-long-enough-password", confirmPassword: "a-long-enough-password" });
    expect(ok.status).toBe(303);
    expect((await c.get("/staff")).status).toBe(200);
  });

  it("signs out, and signing out everywhere ends the user's other sessions", async () => {
    const one = await signedIn("work");
    const two = await signedIn("work");
    expect((await one.get("/staff")).status).toBe(200);
    const out = await one.post("/staff/logout-everywhere", { _csrf: await one.csrf() });
    expect(out.status).toBe(303);
    expect((await one.get("/staff")).location).toBe("/staff/login");
    expect((await two.get("/staff")).location).toBe("/staff/login");
    const three = await signedIn("work");
    await three.post("/staff/logout", { _csrf: await three.csrf() });
    expect((await three.get("/staff")).location).toBe("/staff/login");
  });

  it("when a session has sat idle past SESSION_IDLE_MINUTES, then it asks for sign-in again; the inbox's polling does not count", async () => {
    const c = await signedIn("work");
    expect((await c.get("/staff")).status).toBe(200);
    const { prisma } = deps();
    const user = await prisma.staffUser.findUniqueOrThrow({ where: { username: users.work!.name } });
    const back = (min: number) => prisma.staffSession.updateMany({ where: { userId: user.id, revokedAt: null }, data: { lastSeenAt: new Date(Date.now() - min * 60_000) } });
    await back(10);
    expect((await c.get("/staff/api/inbox-version")).status).toBe(200);
    expect((await c.request("/staff", { headers: { "x-console-refresh": "1" } })).status).toBe(200);
    const session = await prisma.staffSession.findFirstOrThrow({ where: { userId: user.id, revokedAt: null }, orderBy: { createdAt: "desc" } });
    expect(Date.now() - session.lastSeenAt.getTime()).toBeGreaterThan(9 * 60_000);
    await back(31);
    expect((await c.get("/staff")).location).toBe("/staff/login");
  });
});

describe("CSRF", () => {
  it("when a post has no token or a wrong one, then it is refused with 403 and nothing changes", async () => {
    const c = await signedIn("livelihood");
    const page = await c.get(`/staff/referrals/${ids.livelihood}`);
    const expectedUpdatedAt = inputValue(page.text, "expectedUpdatedAt")!;
    const without = await c.post(`/staff/referrals/${ids.livelihood}/note`, { expectedUpdatedAt, body: "forged" });
    expect(without.status).toBe(403);
    const wrong = await c.post(`/staff/referrals/${ids.livelihood}/accept`, { _csrf: "not-the-token", expectedUpdatedAt });
    expect(wrong.status).toBe(403);
    expect((await c.post("/staff/logout", {})).status).toBe(403);
    const { prisma } = deps();
    expect(await prisma.referralNote.count({ where: { referralId: ids.livelihood } })).toBe(0);
    expect((await prisma.referral.findUniqueOrThrow({ where: { id: ids.livelihood } })).status).toBe("new");
    // A sign-in form posted from another site (a browser marks it) without the token: refused.
    const login = await new StaffClient(sys.baseUrl).request("/staff/login", {
      form: { username: users.work!.name, password: users.work!.password },
      headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    });
    expect(login.status).toBe(403);
  });
});

describe("windows see only their cases", () => {
  it("lists exactly the referrals of the caseworker's window, the emergency first", async () => {
    const c = await signedIn("livelihood");
    const page = await c.get("/staff");
    const listed = rowIds(page.text);
    expect(listed[0]).toBe(ids.emergency);
    expect(new Set(listed)).toEqual(new Set([ids.emergency, ids.livelihood, ids.existence]));
    expect(page.text).toMatch(/class="emergency-banner" role="alert" data-emergency-count="1"/);
    expect(page.text).toContain(`data-referral-id="${ids.emergency}" data-urgency="emergency"`);
  });

  it("when a referral belongs to another window, then its page, print view and actions are 404", async () => {
    const c = await signedIn("livelihood");
    for (const path of [`/staff/referrals/${ids.work}`, `/staff/referrals/${ids.work}/print`, `/staff/referrals/${residentReferralId}`]) {
      expect((await c.get(path)).status, path).toBe(404);
    }
    expect((await c.get("/staff/referrals/00000000-0000-4000-8000-000000000000")).status).toBe(404);
    const token = await c.csrf();
    const post = await c.post(`/staff/referrals/${ids.work}/accept`, { _csrf: token, expectedUpdatedAt: new Date().toISOString() });
    expect(post.status).toBe(404);
    const missing = await c.get("/staff/referrals/00000000-0000-4000-8000-000000000000");
    // Not there and not yours read the same, apart from the address itself.
    const normalise = (page: string) => page.replace(/value="[^"]*"/g, "").replace(/\/staff\/referrals\/[0-9a-f-]{36}/g, "/staff/referrals/ID");
    expect(normalise(missing.text)).toBe(normalise((await c.get(`/staff/referrals/${ids.work}`)).text));
  });

  it("an involved window without consent sees only the reference, status and owner", async () => {
    const c = await signedIn("livelihood");
    const page = await c.get(`/staff/referrals/${ids.existence}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('data-access="existence"');
    expect(page.text).toContain('data-status="new"');
    expect(page.text).not.toContain('data-action="');
    expect(page.text).not.toContain("相談受付・申込票");
  });

  it("caseworkers cannot read the audit log; supervisors can", async () => {
    expect((await (await signedIn("livelihood")).get("/staff/audit")).status).toBe(404);
    const audit = await (await signedIn("supervisor")).get("/staff/audit");
    expect(audit.status).toBe(200);
    expect(audit.text).toContain("サインイン");
  });
});

describe("notes", () => {
  it("when a note is longer than 4000 characters, then the page says so and nothing is saved", async () => {
    const c = await signedIn("livelihood");
    const page = await c.get(`/staff/referrals/${ids.livelihood}`);
    const form = { _csrf: inputValue(page.text, "_csrf")!, expectedUpdatedAt: inputValue(page.text, "expectedUpdatedAt")! };
    const long = await c.post(`/staff/referrals/${ids.livelihood}/note`, { ...form, body: "あ".repeat(4001) });
    expect(long.status).toBe(400);
    expect(long.text).toContain("4001");
    expect(long.text).toMatch(/role="alert"/);
    const { prisma } = deps();
    expect(await prisma.referralNote.count({ where: { referralId: ids.livelihood } })).toBe(0);

    const fits = await c.post(`/staff/referrals/${ids.livelihood}/note`, { ...form, body: `${"い".repeat(3980)}\r\n<b>bold?</b>` });
    expect(fits.status).toBe(303);
    expect(await prisma.referralNote.count({ where: { referralId: ids.livelihood } })).toBe(1);
    const after = await c.get(fits.location!);
    expect(after.text).toContain("&lt;b&gt;bold?&lt;/b&gt;");
    expect(await prisma.auditLog.count({ where: { action: "note.add", targetId: ids.livelihood } })).toBe(1);
  });
});

describe("escaping", () => {
  it("a resident's <script> in the free text and the transcript is shown as text", async () => {
    const c = await signedIn("supervisor");
    const page = await c.get(`/staff/referrals/${residentReferralId}`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('<script>alert("xss")</script>');
    const escaped = "&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt; &amp; &quot;quotes&quot; &#39;apostrophes&#39;";
    expect(page.text).toContain(`<div class="words" data-field="freeText">${escaped}</div>`);
    // The same words in the conversation, typed by the resident.
    const inTranscript = page.text.match(/<li class="in"[\s\S]*?<\/li>/g)!.join("\n");
    expect(inTranscript).toContain(escaped);
    // The only script on the page is the console's own file.
    expect([...page.text.matchAll(/<script/g)].length).toBe(1);
    expect(page.text).toContain('<script src="/staff/assets/console.js" defer></script>');
    // Reading the intake was audited.
    expect(await deps().prisma.auditLog.count({ where: { action: "intake.read", targetId: residentReferralId } })).toBeGreaterThan(0);
  });

  it("the CSV export has no free text and quotes what a spreadsheet would run", async () => {
    const c = await signedIn("supervisor");
    const csv = await c.get("/staff/export.csv");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(csv.text).not.toContain("xss");
    const lines = csv.text.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("referenceNo,status,urgency,primaryWindowId,involvedWindowIds,flags,language,createdAt");
    expect(lines.length).toBe(1 + 5);
  });
});

describe("working a referral", () => {
  it("accept, then a message in the resident's language reaches the outbox; a stale form changes nothing", async () => {
    const { prisma } = deps();
    const en = await seedReferral(prisma, sys.server.deps.sealer, sys.server.deps.municipality, { primaryWindowId: "city-livelihood", involvedWindowIds: [], language: "en" });
    const c = await signedIn("livelihood");
    const page = await c.get(`/staff/referrals/${en.id}`);
    const form = { _csrf: inputValue(page.text, "_csrf")!, expectedUpdatedAt: inputValue(page.text, "expectedUpdatedAt")! };
    const accepted = await c.post(`/staff/referrals/${en.id}/accept`, form);
    expect(accepted.status).toBe(303);
    expect((await c.get(accepted.location!)).text).toContain('data-status="accepted"');
    // The same (now stale) form again: a conflict, nothing changes.
    const stale = await c.post(`/staff/referrals/${en.id}/message`, { ...form, template: "appointment" });
    expect(stale.status).toBe(409);
    expect(await prisma.outboxMessage.count({ where: { lineUserId: (await prisma.referral.findUniqueOrThrow({ where: { id: en.id } })).lineUserId } })).toBe(0);

    const fresh = await c.get(`/staff/referrals/${en.id}`);
    const sent = await c.post(`/staff/referrals/${en.id}/message`, { ...form, expectedUpdatedAt: inputValue(fresh.text, "expectedUpdatedAt")!, text: "Hello <there>" });
    expect(sent.status).toBe(303);
    const row = await prisma.referral.findUniqueOrThrow({ where: { id: en.id } });
    const outbox = await prisma.outboxMessage.findMany({ where: { lineUserId: row.lineUserId } });
    expect(outbox).toHaveLength(1);
    const payload = sys.server.deps.sealer.openJson<{ type: string; text: string }[]>(outbox[0]!.payloadEnc);
    expect(payload).toEqual([{ type: "text", text: "(A message from a city staff member)\nHello <there>" }]);
    expect(await prisma.auditLog.count({ where: { action: "message.send", targetId: en.id } })).toBe(1);
    const shown = await c.get(`/staff/referrals/${en.id}`);
    expect(shown.text).toContain("Hello &lt;there&gt;");
  });
});

describe("more of the console", () => {
  it("when someone else moved the referral first, then a stale accept is a conflict and changes nothing", async () => {
    const { prisma, sealer, municipality } = deps();
    const r = await seedReferral(prisma, sealer, municipality, { primaryWindowId: "city-livelihood", involvedWindowIds: [] });
    const a = await signedIn("livelihood");
    const b = await signedIn("supervisor");
    const pageA = await a.get(`/staff/referrals/${r.id}`);
    const pageB = await b.get(`/staff/referrals/${r.id}`);
    const formOf = (p: string) => ({ _csrf: inputValue(p, "_csrf")!, expectedUpdatedAt: inputValue(p, "expectedUpdatedAt")! });
    expect((await b.post(`/staff/referrals/${r.id}/accept`, formOf(pageB.text))).status).toBe(303);
    const late = await a.post(`/staff/referrals/${r.id}/accept`, formOf(pageA.text));
    expect(late.status).toBe(409);
    expect(late.text).toContain("他の人が変更しました");
    expect(late.text).toContain('data-status="accepted"');
    expect(await prisma.referralEvent.count({ where: { referralId: r.id, toStatus: "accepted" } })).toBe(1);
  });

  it("a meeting request is recorded in the timeline with who asked", async () => {
    const { prisma, sealer, municipality } = deps();
    const r = await seedReferral(prisma, sealer, municipality, { primaryWindowId: "city-livelihood", involvedWindowIds: [] });
    const c = await signedIn("livelihood");
    const page = await c.get(`/staff/referrals/${r.id}`);
    const done = await c.post(`/staff/referrals/${r.id}/meeting`, { _csrf: inputValue(page.text, "_csrf")!, expectedUpdatedAt: inputValue(page.text, "expectedUpdatedAt")!, meeting: "shien_kaigi" });
    expect(done.status).toBe(303);
    const user = await prisma.staffUser.findUniqueOrThrow({ where: { username: users.livelihood!.name } });
    const event = await prisma.referralEvent.findFirstOrThrow({ where: { referralId: r.id, reason: { startsWith: "meeting" } } });
    expect(event).toMatchObject({ reason: "meeting requested: shien_kaigi", actor: `user:${user.id}`, fromStatus: "new", toStatus: "new" });
    expect((await c.get(done.location!)).text).toContain("会議の開催を依頼：支援会議");
  });

  it("an administrator creates a user whose one-time password works once shown", async () => {
    const admin = await signedIn("admin");
    const list = await admin.get("/staff/admin/users");
    expect(list.status).toBe(200);
    const created = await admin.post("/staff/admin/users", { _csrf: inputValue(list.text, "_csrf")!, username: "made-in-console", role: "caseworker", windowIds: ["city-housing"] });
    expect(created.status).toBe(201);
    const oneTime = /data-one-time-password>([^<]+)</.exec(created.text)![1]!;
    const c = new StaffClient(sys.baseUrl);
    expect((await c.signIn("made-in-console", oneTime)).location).toBe("/staff/password");
    expect((await (await signedIn("supervisor")).get("/staff/admin/users")).status).toBe(404);
  });

  it("an administrator unlocks, disables, enables and resets an account from its row", async () => {
    const { prisma } = deps();
    const oneTime = await createStaffUser(prisma, { username: "managed", role: "caseworker", windowIds: ["city-housing"] });
    const managed = new StaffClient(sys.baseUrl);
    const password = await managed.firstSignIn("managed", oneTime);
    const admin = await signedIn("admin");
    const act = async (action: string, username = "managed") => {
      const list = await admin.get("/staff/admin/users");
      return admin.post("/staff/admin/users/account", { _csrf: inputValue(list.text, "_csrf")!, action, username });
    };

    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) await new StaffClient(sys.baseUrl).signIn("managed", `wrong-${i}`);
    expect((await new StaffClient(sys.baseUrl).signIn("managed", password)).status).toBe(401);
    const row = (page: string) => new RegExp(`<tr data-username="managed">[\\s\\S]*?</tr>`).exec(page)![0];
    expect(row((await admin.get("/staff/admin/users")).text)).toContain("ロック中");
    const unlocked = await act("unlock");
    expect(unlocked.status).toBe(200);
    expect(unlocked.text).toContain('data-account-done="unlock"');
    expect((await new StaffClient(sys.baseUrl).signIn("managed", password)).status).toBe(303);

    expect((await act("disable")).status).toBe(200);
    expect((await managed.get("/staff")).location).toBe("/staff/login");
    expect((await new StaffClient(sys.baseUrl).signIn("managed", password)).status).toBe(401);
    expect((await act("enable")).status).toBe(200);
    expect((await new StaffClient(sys.baseUrl).signIn("managed", password)).status).toBe(303);

    const reset = await act("reset");
    const fresh = /data-one-time-password>([^<]+)</.exec(reset.text)![1]!;
    expect((await new StaffClient(sys.baseUrl).signIn("managed", password)).status).toBe(401);
    expect((await new StaffClient(sys.baseUrl).signIn("managed", fresh)).location).toBe("/staff/password");
    expect(await prisma.auditLog.count({ where: { action: { in: ["staff.user.unlock", "staff.user.disable", "staff.user.enable", "staff.user.reset"] } } })).toBe(4);

    // Not on oneself, not by a non-admin, and a forged action name is refused.
    expect((await act("disable", users.admin!.name)).status).toBe(400);
    expect((await act("delete")).status).toBe(400);
    const supervisor = await signedIn("supervisor");
    const page = await supervisor.get("/staff");
    expect((await supervisor.post("/staff/admin/users/account", { _csrf: inputValue(page.text, "_csrf")!, action: "unlock", username: "managed" })).status).toBe(404);
  });

  it("cookies are HttpOnly and SameSite=Strict; English when the browser prefers it or the user chooses it", async () => {
    const c = new StaffClient(sys.baseUrl);
    const token = await c.csrf("/staff/login");
    const res = await fetch(`${sys.baseUrl}/staff/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
      body: new URLSearchParams({ _csrf: token, username: users.work!.name, password: users.work!.password }).toString(),
    });
    const session = res.headers.getSetCookie().find((h) => h.startsWith("tsunagu_session="))!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Strict/);
    expect(session).not.toMatch(/Secure/); // PUBLIC_BASE_URL is not https here

    const english = await new StaffClient(sys.baseUrl).request("/staff/login", { headers: { "accept-language": "en-US,en;q=0.9,ja;q=0.5" } });
    expect(english.text).toContain('<html lang="en">');
    const japanese = await new StaffClient(sys.baseUrl).request("/staff/login", { headers: { "accept-language": "ja,en;q=0.5" } });
    expect(japanese.text).toContain('<html lang="ja">');
    const chooser = new StaffClient(sys.baseUrl);
    expect((await chooser.get("/staff/login?lang=en")).text).toContain('<html lang="en">');
    expect((await chooser.get("/staff/login")).text).toContain('<html lang="en">');
  });
});

