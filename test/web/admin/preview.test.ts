// The administrators' preview pages (/staff/admin/preview): a preview writes nothing a window or
// the console could see, even on a crisis or at its end; only signed-in administrators reach it,
// with the session's CSRF token, and only their own; a draft that does not build shows
// publishing's problems instead. (That its answers are the real engine's: test/e2e/preview.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDraft, saveDraft } from "../../../src/releases/releaseDraft.ts";
import { createStaffUser } from "../../../src/web/staff/accounts.ts";
import { inputValue, StaffClient } from "../../support/browser.ts";
import { startTestSystem, type TestSystem } from "../../support/testServer.ts";

let sys: TestSystem;

beforeAll(async () => {
  sys = await startTestSystem({ workers: false });
}, 60_000);
afterAll(async () => {
  await sys?.stop();
});

describe("the preview pages", () => {
  let admin: StaffClient;
  const counts = async () => {
    const p = sys.server.db.prisma;
    return {
      referrals: await p.referral.count(),
      conversations: await p.conversation.count(),
      residents: await p.resident.count(),
      transcript: await p.transcriptEntry.count(),
      crisisSignals: await p.crisisSignal.count(),
      outbox: await p.outboxMessage.count(),
      notifications: await p.notification.count(),
      audit: await p.auditLog.count(),
    };
  };
  /** The hidden postback values of the page's buttons, unescaped. */
  const offered = (page: string): string[] => [...page.matchAll(/name="data" value="([^"]*)"/g)].map((m) => m[1]!.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&"));

  beforeAll(async () => {
    admin = new StaffClient(sys.baseUrl);
    const oneTime = await createStaffUser(sys.server.db.prisma, { username: "preview-admin", role: "admin", windowIds: [] });
    await admin.firstSignIn("preview-admin", oneTime);
  });

  it("when an administrator starts a preview, taps a choice and types a crisis, then the page shows the contacts and what would be raised, and nothing is written to the database", async () => {
    const before = await counts();
    const csrf = await admin.csrf("/staff/admin/flow");
    const started = await admin.post("/staff/admin/preview", { _csrf: csrf });
    expect(started.status).toBe(303);
    const path = started.location!;
    expect(path).toMatch(/^\/staff\/admin\/preview\/[A-Za-z0-9_-]{22}$/);
    const first = await admin.get(path);
    expect(first.status).toBe(200);
    expect(first.text).toContain("data-preview-revision");
    const lang = offered(first.text).find((d) => d.includes('"q":"language"') && d.includes('"v":"ja"'))!;
    expect(lang).toBeDefined();
    const tapped = await admin.post(path, { _csrf: csrf, data: lang });
    expect(tapped.status).toBe(303);
    const typed = await admin.post(path, { _csrf: csrf, text: "もう死にたい" });
    expect(typed.status).toBe(303);
    const page = (await admin.get(typed.location!)).text;
    const contact = sys.server.deps.municipality.crisisContacts!.self_harm![0]!;
    expect(page).toContain(contact.phone);
    expect(page).toContain('data-raised-crises="self_harm"');
    expect(page).not.toContain("data-preview-outdated");
    expect(await counts()).toEqual(before);

    // The draft moves on: the preview keeps its revision and says so.
    const draft = await getDraft(sys.server.db.prisma);
    const saved = await saveDraft(sys.server.db.prisma, draft.content, { revision: draft.revision, by: "test" });
    expect(saved.ok).toBe(true);
    expect((await admin.get(path)).text).toContain("data-preview-outdated");
  });

  it("when the preview is walked to its end, then the page says a real one would create the referral, offers a new preview, and nothing was written", async () => {
    const before = await counts();
    const csrf = await admin.csrf("/staff/admin/flow");
    const path = (await admin.post("/staff/admin/preview", { _csrf: csrf })).location!;
    let page = (await admin.get(path)).text;
    const lang = offered(page).find((d) => d.includes('"q":"language"') && d.includes('"v":"ja"'))!;
    await admin.post(path, { _csrf: csrf, data: lang });
    for (let i = 0; i < 80; i++) {
      page = (await admin.get(path)).text;
      if (page.includes("data-preview-completed")) break;
      const offers = offered(page);
      const next = offers.find((d) => d.includes('"op":"skip"')) ?? offers.find((d) => d.includes('"q":"summary"') && d.includes('"v":true'));
      expect(next, `no way on; offered ${offers.join(" ")}`).toBeDefined();
      expect((await admin.post(path, { _csrf: csrf, data: next! })).status).toBe(303);
    }
    expect(page).toContain("data-preview-completed");
    expect(page).toContain("data-raised-referral");
    expect(page).toContain("TS-プレビュー");
    expect(page).not.toContain('id="preview-text"');
    expect(page).toContain('data-action="preview"');
    expect(await counts()).toEqual(before);
  }, 60_000);

  it("when a form comes without the session's token, from a caseworker, or for another administrator's preview, then it is refused", async () => {
    const csrf = await admin.csrf("/staff/admin/flow");
    const path = (await admin.post("/staff/admin/preview", { _csrf: csrf })).location!;
    expect((await admin.post(path, { text: "こんにちは" })).status).toBe(403);
    expect((await admin.post("/staff/admin/preview", {})).status).toBe(403);

    const worker = new StaffClient(sys.baseUrl);
    await worker.firstSignIn("preview-worker", await createStaffUser(sys.server.db.prisma, { username: "preview-worker", role: "caseworker", windowIds: [] }));
    expect((await worker.get("/staff/admin/preview")).status).toBe(404);
    expect((await worker.get(path)).status).toBe(404);
    expect((await worker.post("/staff/admin/preview", { _csrf: inputValue((await worker.get("/staff")).text, "_csrf")! })).status).toBe(404);

    const other = new StaffClient(sys.baseUrl);
    await other.firstSignIn("preview-admin-2", await createStaffUser(sys.server.db.prisma, { username: "preview-admin-2", role: "admin", windowIds: [] }));
    const theirs = await other.get(path);
    expect(theirs.status).toBe(404);
    expect(theirs.text).toContain("data-preview-gone");
  });

  it("when the draft does not build, then starting a preview shows publishing's problems with their place instead", async () => {
    const prisma = sys.server.db.prisma;
    const draft = await getDraft(prisma);
    const flow = structuredClone(draft.content.flow) as { steps: { id: string; next?: unknown }[] };
    const broken = { ...flow.steps[1]!, next: { if: { field: "language", equals: "ja" }, then: "noSuchStep", else: flow.steps[2]!.id } };
    flow.steps[1] = broken;
    const saved = await saveDraft(prisma, { ...draft.content, flow }, { revision: draft.revision, by: "test" });
    expect(saved.ok).toBe(true);
    try {
      const csrf = await admin.csrf("/staff/admin/flow");
      const answer = await admin.post("/staff/admin/preview", { _csrf: csrf });
      expect(answer.status).toBe(422);
      expect(answer.text).toMatch(/data-problems="[1-9]/);
      expect(answer.text).toContain("noSuchStep");
      expect((await admin.get("/staff/admin/preview")).status).toBe(422);
    } finally {
      const now = await getDraft(prisma);
      await saveDraft(prisma, draft.content, { revision: now.revision, by: "test" });
    }
  });
});
