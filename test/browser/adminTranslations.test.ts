// The translations page in Chromium: an administrator filters to one language, types an
// over-long label and sees the problem appear beside the field while typing (the static script
// asks the server's check), fixes it, saves it into the draft, and imports an XLIFF file chosen
// with the file picker.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDraft } from "../../src/releases/releaseDraft.ts";
import { textsOf } from "../../src/translations/translationSources.ts";
import { createStaffUser } from "../../src/web/staff/accounts.ts";
import { launchChromium } from "../support/browser.ts";
import { startTestSystem, type TestSystem } from "../support/testServer.ts";

let sys: TestSystem;
let chromium: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  sys = await startTestSystem();
  const oneTime = await createStaffUser(sys.server.db.prisma, { username: "texts-browser", role: "admin", windowIds: [] });
  chromium = await launchChromium();
  const context = await chromium.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "ja-JP" });
  page = await context.newPage();
  page.on("pageerror", (e) => errors.push(e.message));
  // Every request of the page answers (the browser's own favicon guess aside).
  page.on("response", (r) => {
    if (r.status() >= 400 && !r.url().endsWith("/favicon.ico")) errors.push(`${r.status()} ${new URL(r.url()).pathname}`);
  });
  await page.goto(`${sys.baseUrl}/staff/login`);
  await page.fill('input[name="username"]', "texts-browser");
  await page.fill('input[name="password"]', oneTime);
  await Promise.all([page.waitForURL("**/staff/password"), page.click('form[action="/staff/login"] button[type="submit"]')]);
  await page.fill('input[name="newPassword"]', "texts-browser-chosen-password");
  await page.fill('input[name="confirmPassword"]', "texts-browser-chosen-password");
  await Promise.all([page.waitForURL(/\/staff\?ok=passwordChanged$/), page.click('form[action="/staff/password"] button[type="submit"]')]);
}, 60_000);
afterAll(async () => {
  await chromium?.close();
  await sys?.stop();
});

const enText = async (key: string) => textsOf((await getDraft(sys.server.db.prisma)).content, "en", "bot").get(key);

describe("the translations page in a browser", () => {
  it("when an administrator types an over-long label, then the problem shows while typing; the fixed label saves into the draft", async () => {
    await page.goto(`${sys.baseUrl}/staff/admin/translations`);
    await page.selectOption('select[name="target"]', "en");
    await page.fill('input[name="q"]', "options.respondent");
    await Promise.all([page.waitForURL(/target=en/), page.click('form.filters[role="search"] button[type="submit"]')]);
    const field = page.locator("#cell-en-options_respondent_self");
    await field.fill("Myself, and nobody else at all");
    const problem = page.locator('#cell-en-options_respondent_self-problems li[data-problem="labelTooLong"]');
    await problem.waitFor();
    expect(await field.getAttribute("aria-invalid")).toBe("true");
    await field.fill("Just me");
    await problem.waitFor({ state: "detached" });
    await Promise.all([page.waitForURL(/ok=saved/), page.click('form[data-cell="en:options.respondent.self"] button[type="submit"]')]);
    expect(await page.locator(".notice-ok").textContent()).toBeTruthy();
    expect(await page.inputValue("#cell-en-options_respondent_self")).toBe("Just me");
    expect(await enText("options.respondent.self")).toBe("Just me");
  });

  it("when an administrator chooses an XLIFF file, then its content fills the field and the import lands in the draft", async () => {
    await page.goto(`${sys.baseUrl}/staff/admin/translations`);
    const xliff = `<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ja" trgLang="en">
 <file id="bot"><unit id="options.respondent.family"><segment><source>家族のこと</source><target>About my family &amp; me</target></segment></unit></file>
</xliff>`;
    await page.setInputFiles("#import-file", { name: "en.xlf", mimeType: "application/xliff+xml", buffer: Buffer.from(xliff) });
    await page.waitForFunction(() => (document.getElementById("import-text") as HTMLTextAreaElement).value.includes("xliff"));
    await Promise.all([page.waitForURL(/ok=imported/), page.click('[data-action="import"] button[type="submit"]')]);
    expect(await enText("options.respondent.family")).toBe("About my family & me");
    expect(errors).toEqual([]);
  });
});
