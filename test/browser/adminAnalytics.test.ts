// The analytics page in a real browser (Debian's Chromium through playwright-core): an
// administrator and a supervisor reach it from the navigation, choose October 2026 with the
// form, see each chart beside its table (server-drawn SVG, nothing blocked by the page's
// Content-Security-Policy), download a CSV, and print without the form; a caseworker has no link
// and is refused.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TABLE_IDS } from "../../src/analytics/buildReport.ts";
import { createStaffUser } from "../../src/web/staff/accounts.ts";
import { seedAnalytics } from "../analytics/analyticsSeed.ts";
import { launchChromium, StaffClient } from "../support/browser.ts";
import { startTestSystem, type TestSystem } from "../support/testServer.ts";

let sys: TestSystem;
let chromium: Awaited<ReturnType<typeof launchChromium>>;
const passwords = new Map<string, string>();
const problems: string[] = [];

async function signedInPage(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "ja-JP", acceptDownloads: true });
  const page = await context.newPage();
  page.on("pageerror", (e) => problems.push(`${username}: ${e.message}`));
  // A blocked style or script (the Content-Security-Policy) is reported on the console; a missing
  // asset is a failed answer. The browser's own favicon request is neither.
  page.on("console", (m) => {
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) problems.push(`${username}: ${m.text()}`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400 && !r.url().endsWith("/favicon.ico")) problems.push(`${username}: ${r.status()} ${new URL(r.url()).pathname}`);
  });
  await page.goto(`${sys.baseUrl}/staff/login`);
  await page.fill('input[name="username"]', username);
  await page.fill('input[name="password"]', passwords.get(username)!);
  await Promise.all([page.waitForURL(/\/staff$/), page.click('form[action="/staff/login"] button[type="submit"]')]);
  return page;
}

beforeAll(async () => {
  sys = await startTestSystem({ workers: false });
  const prisma = sys.server.db.prisma;
  await seedAnalytics(prisma, sys.server.deps.sealer);
  for (const [name, role] of [["browser-analytics-admin", "admin"], ["browser-analytics-supervisor", "supervisor"], ["browser-analytics-caseworker", "caseworker"]] as const) {
    const oneTime = await createStaffUser(prisma, { username: name, role, windowIds: role === "caseworker" ? ["city-livelihood"] : [] });
    passwords.set(name, await new StaffClient(sys.baseUrl).firstSignIn(name, oneTime));
  }
  chromium = await launchChromium();
}, 180_000);

afterAll(async () => {
  await chromium?.close();
  await sys?.stop();
});

describe("the analytics page in Chromium", () => {
  for (const who of ["browser-analytics-admin", "browser-analytics-supervisor"]) {
    it(`when ${who.split("-").at(-1)} follows the link and chooses October 2026, then every table shows with its chart, a CSV downloads and printing hides the form`, async () => {
      const page = await signedInPage(chromium.browser, who);
      await Promise.all([page.waitForURL(/\/staff\/admin\/analytics$/), page.click('nav.topnav a[href="/staff/admin/analytics"]')]);
      await page.selectOption("#a-period", "month");
      await page.fill("#a-start", "2026-10-15");
      await Promise.all([page.waitForURL(/period=month&start=2026-10-15/), page.click('[data-action="analytics-filter"] button[type="submit"]')]);
      expect(await page.getAttribute(".analytics-period", "data-start")).toBe("2026-10-01");
      for (const id of TABLE_IDS) expect(await page.isVisible(`[data-table="${id}"] table.analytics`), id).toBe(true);
      // The drop-off: a drawn bar for the area, the table beside it with <5 for the rest.
      expect(await page.isVisible('[data-chart="dropOff"] svg')).toBe(true);
      const chartBox = (await page.locator('[data-chart="dropOff"] svg').boundingBox())!;
      expect(chartBox.width).toBeGreaterThan(200);
      expect(await page.textContent('[data-table="dropOff"] tr[data-key="respondent"] td[data-col="count"]')).toBe("<5");
      expect(await page.textContent('[data-table="funnel"] tr[data-key="started"] td[data-col="count"]')).toBe("15");

      const [download] = await Promise.all([page.waitForEvent("download"), page.click('[data-csv="windows"]')]);
      expect(download.suggestedFilename()).toBe("tsunagu-windows-month-20261001.csv");

      await page.emulateMedia({ media: "print" });
      expect(await page.isVisible('[data-action="analytics-filter"]')).toBe(false);
      expect(await page.isVisible('[data-csv="funnel"]')).toBe(false);
      expect(await page.isVisible('[data-chart="funnel"] svg')).toBe(true);
      await page.context().close();
      expect(problems).toEqual([]);
    }, 60_000);
  }

  it("when a caseworker signs in, then no link leads to the analytics and opening it answers the console's 404", async () => {
    const page = await signedInPage(chromium.browser, "browser-analytics-caseworker");
    expect(await page.locator('a[href="/staff/admin/analytics"]').count()).toBe(0);
    const answer = await page.goto(`${sys.baseUrl}/staff/admin/analytics?period=month&start=2026-10-15`);
    expect(answer?.status()).toBe(404);
    expect(await page.locator("[data-table]").count()).toBe(0);
    await page.context().close();
  }, 60_000);
});
