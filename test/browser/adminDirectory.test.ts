// The directory page in a real browser (Debian's Chromium through playwright-core): an
// administrator opens a window, changes its phone and hours in English, saves, and finds them in
// the draft; a threshold that falls with the household size is refused on the page, with the
// form still working without any script.
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Municipality } from "../../src/intake/municipality.ts";
import { getDraft } from "../../src/releases/releaseDraft.ts";
import { createStaffUser } from "../../src/web/staff/accounts.ts";
import { launchChromium } from "../support/browser.ts";
import { startTestSystem, type TestSystem } from "../support/testServer.ts";

let sys: TestSystem;
let chromium: Awaited<ReturnType<typeof launchChromium>>;
let context: BrowserContext;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  sys = await startTestSystem({ workers: false });
  chromium = await launchChromium();
  const oneTime = await createStaffUser(sys.server.db.prisma, { username: "browser-dir-admin", role: "admin", windowIds: [] });
  context = await chromium.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "ja-JP" });
  page = await context.newPage();
  page.on("console", (m) => {
    // Answers with an error status (the refusal's 400, the favicon's 404) are expected; a CSP
    // violation or a script error is not.
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) problems.push(m.text());
  });
  page.on("pageerror", (e) => problems.push(e.message));
  await page.goto(`${sys.baseUrl}/staff/login`);
  await page.fill('input[name="username"]', "browser-dir-admin");
  await page.fill('input[name="password"]', oneTime);
  await Promise.all([page.waitForURL("**/staff/password"), page.click('form[action="/staff/login"] button[type="submit"]')]);
  await page.fill('input[name="newPassword"]', "browser-dir-admin-chosen-password");
  await page.fill('input[name="confirmPassword"]', "browser-dir-admin-chosen-password");
  await Promise.all([page.waitForURL(/\/staff\?ok=passwordChanged$/), page.click('form[action="/staff/password"] button[type="submit"]')]);
}, 60_000);
afterAll(async () => {
  await context?.close();
  await chromium?.close();
  await sys?.stop();
});

describe("the directory page in Chromium", () => {
  it("when an administrator opens a window, changes its phone and gives hours as a text with translations, then the page confirms it and the draft holds them", async () => {
    await page.goto(`${sys.baseUrl}/staff/admin`);
    await Promise.all([page.waitForURL("**/staff/admin/directory"), page.click('a[data-admin-area="directory"]')]);
    expect(await page.textContent("h1")).toBe("窓口と設定");
    const win = page.locator('details[data-window="city-housing"]');
    await win.locator("summary").first().click();
    await win.locator('input[name="phone"]').fill("000-000-0555");
    // Hours that are not a schedule stay a text, with its translations.
    await win.locator('input[name="hours"]').fill("平日 9:00〜17:00（予約制）");
    await win.locator('textarea[name="hoursI18n"]').fill("en: weekdays 9:00–17:00\nvi: ngày thường 9:00–17:00");
    await Promise.all([page.waitForURL(/\?ok=window\.save$/), win.locator('form[data-form="windows/save"] button[type="submit"]').click()]);
    expect(await page.textContent('.notice[role="status"]')).toContain("窓口を保存しました");
    expect(await page.textContent('details[data-window="city-housing"] summary')).toContain("000-000-0555");
    const w = ((await getDraft(sys.server.db.prisma)).content.municipality as unknown as Municipality).windows.find((x) => x.id === "city-housing");
    expect(w).toMatchObject({ phone: "000-000-0555", hoursI18n: { en: "weekdays 9:00–17:00", vi: "ngày thường 9:00–17:00" } });
    expect(await page.getAttribute("[data-revision]", "data-revision")).toBe("1");
  });

  it("when a housing limit for two people is set below one person's, then the page refuses it naming the field and the draft keeps the old figures", async () => {
    await page.fill("#th-housing-2", "100000");
    const [response] = await Promise.all([page.waitForNavigation(), page.click('form[data-form="thresholds"] button[type="submit"]')]);
    expect(response?.status()).toBe(400);
    expect(await page.getAttribute('[data-refusal] [data-error="rising"]', "data-field")).toBe("housing_2");
    expect(await page.textContent('.notice[role="alert"]')).toContain("保存できませんでした");
    expect(await page.inputValue("#th-housing-2")).toBe("100000");
    const m = (await getDraft(sys.server.db.prisma)).content.municipality as unknown as Municipality;
    expect(m.thresholds.housingBenefitIncomeLimit["2"]).toBe(194000);
    expect(problems).toEqual([]);
  });
});
