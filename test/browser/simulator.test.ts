// `npm run simulator` gives a developer a working chat: the page, under its own policy, sends the
// first follow and shows the bot's answer with its quick replies, and a tap gets the next one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../support/browser.ts";
import { startTestSystem, type TestSystem } from "../support/testServer.ts";

let sys: TestSystem;
let chromium: Awaited<ReturnType<typeof launchChromium>>;

beforeAll(async () => {
  sys = await startTestSystem({ env: { SIMULATOR: "true", LINE_CHANNEL_SECRET: "", LINE_CHANNEL_ACCESS_TOKEN: "" } });
  chromium = await launchChromium();
});
afterAll(async () => {
  await chromium?.close();
  await sys?.stop();
});

describe("the simulator in a browser", () => {
  it("greets a new visitor and answers a tap on a quick reply, with no policy violations", async () => {
    const context = await chromium.browser.newContext({ locale: "ja-JP" });
    const page = await context.newPage();
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    page.on("pageerror", (e) => violations.push(e.message));
    await page.goto(`${sys.baseUrl}/simulator`);
    await page.locator("#log .bubble.bot").first().waitFor({ timeout: 30_000 });
    const quick = page.locator("#quick button");
    await quick.first().waitFor({ timeout: 30_000 });
    const before = await page.locator("#log .bubble").count();
    await quick.first().click();
    await page.waitForFunction((n) => document.querySelectorAll("#log .bubble.bot").length > 0 && document.querySelectorAll("#log .bubble").length > n + 1, before, { timeout: 30_000 });
    expect(violations).toEqual([]);
    await context.close();
  });
});

describe("the simulator's rich menu", () => {
  it("shows the four buttons of the LINE rich menu, and a tap is answered as on LINE", async () => {
    const context = await chromium.browser.newContext({ locale: "en-US" });
    const page = await context.newPage();
    await page.goto(`${sys.baseUrl}/simulator`);
    const buttons = page.locator("#menu button");
    expect(await buttons.allTextContents()).toEqual(["Start or continue", "Change language", "My case status", "Call me back"]);
    // A new visitor (the page has sent a follow) with no case yet: the status button says so.
    await page.locator("#log .bubble.bot").first().waitFor({ timeout: 30_000 });
    const before = await page.locator("#log .bubble.bot").count();
    await page.click('#menu button[data-menu="status"]');
    await page.waitForFunction((n) => document.querySelectorAll("#log .bubble.bot").length > n, before, { timeout: 30_000 });
    expect(await page.locator("#log .bubble.bot").last().textContent()).toMatch(/まだ相談の記録がありません|no consultation yet/);
    await context.close();
  });
});
