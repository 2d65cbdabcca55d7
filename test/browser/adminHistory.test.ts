// The history page in a real browser (Debian's Chromium through playwright-core): an
// administrator sees the draft's change against the live version, verifies, publishes with a
// note, compares the two versions with the form, and rolls back through the confirmation step.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDraft, saveDraft } from "../../src/releases/releaseDraft.ts";
import { createStaffUser } from "../../src/web/staff/accounts.ts";
import { botOf } from "../releases/releaseFixtures.ts";
import { launchChromium, StaffClient } from "../support/browser.ts";
import { startTestSystem, type TestSystem } from "../support/testServer.ts";

const NEW_RENT = "How much is your rent each month? Tap a choice or type the amount.";

let sys: TestSystem;
let chromium: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
const dialogs: string[] = [];

beforeAll(async () => {
  sys = await startTestSystem({ workers: false });
  const prisma = sys.server.db.prisma;
  const oneTime = await createStaffUser(prisma, { username: "browser-admin", role: "admin", windowIds: [] });
  const password = await new StaffClient(sys.baseUrl).firstSignIn("browser-admin", oneTime);
  const admin = await prisma.staffUser.findUniqueOrThrow({ where: { username: "browser-admin" } });
  const d = await getDraft(prisma);
  (botOf(d.content, "en").q!.rent as Record<string, string>).text = NEW_RENT;
  expect((await saveDraft(prisma, d.content, { revision: d.revision, by: `user:${admin.id}` })).ok).toBe(true);

  chromium = await launchChromium();
  const context = await chromium.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "ja-JP" });
  page = await context.newPage();
  page.on("dialog", (dl) => {
    dialogs.push(dl.message());
    void dl.dismiss();
  });
  page.on("pageerror", (e) => dialogs.push(e.message));
  await page.goto(`${sys.baseUrl}/staff/login`);
  await page.fill('input[name="username"]', "browser-admin");
  await page.fill('input[name="password"]', password);
  await Promise.all([page.waitForURL(/\/staff$/), page.click('form[action="/staff/login"] button[type="submit"]')]);
}, 60_000);

afterAll(async () => {
  await chromium?.close();
  await sys?.stop();
});

describe("the history page in Chromium", () => {
  it("when an administrator verifies, publishes, compares and rolls back, then each version goes live and the page shows it", async () => {
    await page.goto(`${sys.baseUrl}/staff/admin/history`);
    expect(await page.textContent("[data-draft-changes]")).toContain("テキスト 1");
    await page.click("details.draft-diff summary");
    expect(await page.isVisible('[data-key="bot:q.rent.text"]')).toBe(true);

    await Promise.all([page.waitForURL(/verify=1/), page.click('[data-action="verify"] button')]);
    expect(await page.isVisible("[data-verify-ok]")).toBe(true);

    // The browser itself refuses an empty note (required); then a note publishes.
    await page.click('[data-action="publish"] button[type="submit"]');
    expect(page.url()).toContain("verify=1");
    await page.fill("#publish-note", "Shorter rent question");
    await Promise.all([page.waitForURL(/ok=published&version=2/), page.click('[data-action="publish"] button[type="submit"]')]);
    expect(await page.getAttribute('tr[data-version="2"]', "data-live")).toBe("");
    expect(await page.textContent('tr[data-version="2"]')).toContain("browser-admin");
    expect(sys.server.releases.latest().version).toBe(2);

    await page.selectOption('[data-action="diff"] select[name="from"]', "1");
    await page.selectOption('[data-action="diff"] select[name="to"]', "2");
    await Promise.all([page.waitForURL(/\/history\/diff\?from=1&to=2/), page.click('[data-action="diff"] button')]);
    expect(await page.textContent('tr[data-lang="en"][data-key="bot:q.rent.text"] ins')).toBe(NEW_RENT);

    await page.goto(`${sys.baseUrl}/staff/admin/history`);
    await Promise.all([page.waitForURL(/rollback\?version=1/), page.click('[data-rollback="1"]')]);
    await page.fill("#rollback-note", "Back to the seed");
    await Promise.all([page.waitForURL(/ok=rolledBack&version=3/), page.click('[data-action="rollback"] button[type="submit"]')]);
    expect(await page.getAttribute('tr[data-version="3"]', "data-live")).toBe("");
    expect(await page.textContent('[role="status"]')).toContain("バージョン3");
    expect(sys.server.releases.latest().version).toBe(3);
    expect(dialogs).toEqual([]);
  }, 60_000);
});
