// The flow area of the administrators' console in Chromium: an administrator opens the flow
// diagram, follows a step's box to its page, takes a choice out and reorders the rest, and sees
// the draft's preview answer as a resident would get it; no Content-Security-Policy violation.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDraft } from "../../src/releases/releaseDraft.ts";
import { createStaffUser } from "../../src/web/staff/accounts.ts";
import { launchChromium } from "../support/browser.ts";
import { startTestSystem, type TestSystem } from "../support/testServer.ts";

let sys: TestSystem;
let chromium: Awaited<ReturnType<typeof launchChromium>>;
const consoleErrors: string[] = [];

beforeAll(async () => {
  sys = await startTestSystem({ workers: false });
  chromium = await launchChromium();
}, 60_000);
afterAll(async () => {
  await chromium?.close();
  await sys?.stop();
});

async function signInAsAdmin(page: Page): Promise<void> {
  const oneTime = await createStaffUser(sys.server.db.prisma, { username: "flow-browser-admin", role: "admin", windowIds: [] });
  await page.goto(`${sys.baseUrl}/staff/login`);
  await page.fill('input[name="username"]', "flow-browser-admin");
  await page.fill('input[name="password"]', oneTime);
  await Promise.all([page.waitForURL("**/staff/password"), page.click('form[action="/staff/login"] button[type="submit"]')]);
  const fresh = "flow-browser-admin-chosen-password";
  await page.fill('input[name="newPassword"]', fresh);
  await page.fill('input[name="confirmPassword"]', fresh);
  await Promise.all([page.waitForURL(/\/staff\?ok=passwordChanged$/), page.click('form[action="/staff/password"] button[type="submit"]')]);
}

describe("the flow in the browser", () => {
  it("when an administrator follows a box of the diagram and saves fewer choices in a new order, then the draft and the resident's preview show them", async () => {
    const context = await chromium.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "ja-JP" });
    const page = await context.newPage();
    page.on("console", (m) => {
      if (m.type() === "error") consoleErrors.push(m.text());
    });
    await signInAsAdmin(page);
    await page.goto(`${sys.baseUrl}/staff/admin/flow`);
    const box = page.locator('svg.flow-diagram a[data-step="savings"]');
    const bounds = await box.boundingBox();
    expect(bounds!.width).toBeGreaterThan(50);
    await box.scrollIntoViewIfNeeded();
    await Promise.all([page.waitForURL("**/staff/admin/flow/steps/savings"), box.click()]);

    const jaLabels = ((await getDraft(sys.server.db.prisma)).content.locales.ja!.bot as { options: { savings: Record<string, string> } }).options.savings;
    const preview = page.locator('figure[data-preview-lang="ja"] .quick-replies li');
    expect(await preview.allTextContents()).toEqual(expect.arrayContaining([jaLabels.under_1m]));

    await page.uncheck('li[data-choice="under_1m"] input[type="checkbox"]');
    await page.fill('input[name="order.1m_or_more"]', "1");
    await page.fill('input[name="order.none"]', "9");
    await Promise.all([page.waitForURL("**/staff/admin/flow/steps/savings?saved=choices"), page.click("form.flow-choices button[type=submit]")]);

    expect(await page.locator(".notice-ok").count()).toBe(1);
    const shown = await preview.allTextContents();
    expect(shown.slice(0, 3)).toEqual([jaLabels["1m_or_more"], jaLabels.under_100k, jaLabels.none]);
    expect(shown).not.toContain(jaLabels.under_1m);
    const flow = (await getDraft(sys.server.db.prisma)).content.flow as { optionSets: Record<string, unknown> };
    expect(flow.optionSets.savings).toEqual(["1m_or_more", "under_100k", "none"]);
    expect(consoleErrors.filter((e) => /Content Security Policy|Refused/i.test(e))).toEqual([]);
    await context.close();
  }, 60_000);
});
