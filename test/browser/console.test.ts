// The staff console in a real browser (Debian's Chromium through playwright-core), on real
// referrals made by residents talking to the bot through /webhook: each role signs in (first
// with a one-time password), sees exactly what it may, and works a case from accept to close,
// with the template message arriving at the (fake) LINE API in the resident's language.
import { readFileSync } from "node:fs";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoPath } from "../../src/server.ts";
import { createStaffUser } from "../../src/web/staff/accounts.ts";
import { launchChromium } from "../support/browser.ts";
import { Resident, startTestSystem, textOf, type TestSystem } from "../support/testServer.ts";

const XSS = "<img src=x onerror=alert(1)>";
const EN_TEMPLATES = (JSON.parse(readFileSync(repoPath("locales/en/bot.json"), "utf8")) as { templates: Record<string, string> }).templates;

let sys: TestSystem;
let chromium: Awaited<ReturnType<typeof launchChromium>>;
const dialogs: string[] = [];
const contexts: BrowserContext[] = [];
let en: { resident: Resident; id: string; primary: string; involved: string[] };
let ja: { resident: Resident; id: string; primary: string; involved: string[] };
const accounts: Record<string, { name: string; oneTime: string }> = {};

type Step = { answer?: unknown; toggle?: unknown[]; type?: string; before?: string };

/** Answers the questions named, skips every other one, and sends the summary. */
async function intake(r: Resident, language: string, plan: Record<string, Step>): Promise<void> {
  await r.follow();
  await r.answer("language", language);
  for (let i = 0; i < 80; i++) {
    const q = r.currentQuestion()!;
    if (q === "summary") break;
    const step = plan[q];
    if (step?.before) await r.type(step.before);
    if (!step) await r.skip(q);
    else if (step.type !== undefined) await r.type(step.type);
    else if (step.toggle) {
      for (const v of step.toggle) await r.toggle(q, v);
      await r.done(q);
    } else await r.answer(q, step.answer);
  }
  await r.answer("summary", true);
}

async function referralOf(r: Resident) {
  const row = await sys.server.db.prisma.referral.findFirstOrThrow({ where: { lineUserId: r.userId } });
  return { resident: r, id: row.id, primary: row.primaryWindowId, involved: row.involvedWindowIds };
}

async function newPage(): Promise<Page> {
  const context = await chromium.browser.newContext({ viewport: { width: 1280, height: 720 }, locale: "ja-JP" });
  contexts.push(context);
  const page = await context.newPage();
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return page;
}

/** First sign-in: the one-time password, then /staff/password, then the inbox. */
async function signIn(page: Page, who: string): Promise<void> {
  const a = accounts[who]!;
  await page.goto(`${sys.baseUrl}/staff/login`);
  await page.fill('input[name="username"]', a.name);
  await page.fill('input[name="password"]', a.oneTime);
  await Promise.all([page.waitForURL("**/staff/password"), page.click('form[action="/staff/login"] button[type="submit"]')]);
  const fresh = `${a.name}-chosen-password`;
  await page.fill('input[name="newPassword"]', fresh);
  await page.fill('input[name="confirmPassword"]', fresh);
  await Promise.all([page.waitForURL(/\/staff\?ok=passwordChanged$/), page.click('form[action="/staff/password"] button[type="submit"]')]);
}

const listed = (page: Page) => page.$$eval("[data-referral-id]", (els) => els.map((e) => e.getAttribute("data-referral-id")));
const statusOf = (page: Page) => page.getAttribute("#referral", "data-status");

/** Submits a control's form and waits for the page it leads to. */
async function submit(page: Page, action: string): Promise<number> {
  const [response] = await Promise.all([page.waitForNavigation(), page.click(`[data-action="${action}"] button[type="submit"]`)]);
  return response?.status() ?? 0;
}

beforeAll(async () => {
  sys = await startTestSystem();
  chromium = await launchChromium();
  // One resident in English (their own words are markup), one in Japanese who writes a crisis
  // in the middle of the intake (an emergency).
  const enResident = new Resident(sys);
  await intake(enResident, "en", {
    concerns: { toggle: ["job_search"] },
    mainConcern: { answer: "job_search" },
    freeText: { type: XSS },
    consent: { answer: true },
  });
  const jaResident = new Resident(sys);
  await intake(jaResident, "ja", {
    income: { before: "今夜寝る場所がない", type: "5万" },
    concerns: { toggle: ["income"] },
    mainConcern: { answer: "income" },
    consent: { answer: false },
  });
  en = await referralOf(enResident);
  ja = await referralOf(jaResident);
  const { prisma } = sys.server.db;
  const make = async (key: string, role: "supervisor" | "caseworker", windowIds: string[]) => {
    accounts[key] = { name: `${key}-staff`, oneTime: await createStaffUser(prisma, { username: `${key}-staff`, role, windowIds }) };
  };
  await make("owner", "caseworker", [en.primary]);
  await make("other", "caseworker", [ja.primary]);
  await make("supervisor", "supervisor", []);
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await chromium?.close();
  await sys?.stop();
});

describe("the staff console in Chromium", () => {
  it("the residents' conversations made one routine referral in English and one emergency in Japanese, owned by different windows", async () => {
    const { prisma } = sys.server.db;
    expect((await prisma.referral.findUniqueOrThrow({ where: { id: en.id } })).language).toBe("en");
    expect((await prisma.referral.findUniqueOrThrow({ where: { id: ja.id } })).urgency).toBe("emergency");
    expect(en.primary).not.toBe(ja.primary);
    expect([en.primary, ...en.involved]).not.toContain(ja.primary);
    expect([ja.primary, ...ja.involved]).not.toContain(en.primary);
  });

  it("the owning window's caseworker signs in, sees only its referral, and works it: accept, start, a template in English", async () => {
    const page = await newPage();
    await signIn(page, "owner");
    expect(await listed(page)).toEqual([en.id]);
    expect(await page.getAttribute(`[data-referral-id="${en.id}"]`, "data-urgency")).toBe("routine");

    // Keyboard: the first Tab reaches the skip link.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.className)).toBe("skip");

    await page.click(`[data-referral-id="${en.id}"] a`);
    await page.waitForURL(`**/staff/referrals/${en.id}`);
    expect(await statusOf(page)).toBe("new");
    // The resident's markup is there, as text; no script ran.
    expect(await page.textContent('[data-field="freeText"]')).toBe(XSS);
    expect(await page.$('[data-field="freeText"] img')).toBeNull();
    expect(await page.textContent("ol.transcript")).toContain(XSS);
    expect(await page.textContent("[data-consent]")).toBe("関係機関と共有することに同意あり");
    expect(await page.getAttribute('[data-concern="job_search"]', "data-mark")).toBe("main");

    // The control itself is clickable (the contract names the element with data-action).
    await Promise.all([page.waitForNavigation(), page.click('[data-action="accept"]')]);
    expect(await statusOf(page)).toBe("accepted");
    expect(await page.textContent('[role="status"]')).toContain("受理しました");
    expect(await submit(page, "start")).toBe(200);
    expect(await statusOf(page)).toBe("in_progress");

    await page.selectOption('[data-action="message"] select[name="template"]', "appointment");
    expect(await submit(page, "message")).toBe(200);
    await sys.fake.waitFor((f) => f.messagesFor(en.resident.userId).some((m) => textOf(m) === EN_TEMPLATES.appointment), 10_000);
    expect(await page.textContent("ol.transcript")).toContain(EN_TEMPLATES.appointment!);

    // A note, then a forged one with a wrong CSRF token: 403, and nothing saved.
    await page.fill('[data-action="note"] textarea[name="body"]', "電話で面談日を調整中");
    expect(await submit(page, "note")).toBe(200);
    await page.fill('[data-action="note"] textarea[name="body"]', "forged note");
    await page.$eval('[data-action="note"] input[name="_csrf"]', (el) => ((el as HTMLInputElement).value = "wrong-token"));
    expect(await submit(page, "note")).toBe(403);
    expect(await sys.server.db.prisma.referralNote.count({ where: { referralId: en.id } })).toBe(1);

    await page.goto(`${sys.baseUrl}/staff/referrals/${en.id}`);
    await page.screenshot({ path: "/tmp/console.png" });
    expect(dialogs).toEqual([]);
  });

  it("a caseworker of another window sees only its own referral, and the English one is a 404", async () => {
    const page = await newPage();
    await signIn(page, "other");
    expect(await listed(page)).toEqual([ja.id]);
    expect(await page.getAttribute(`[data-referral-id="${ja.id}"]`, "data-urgency")).toBe("emergency");
    expect(await page.textContent('[role="alert"]')).toContain("1");
    const response = await page.goto(`${sys.baseUrl}/staff/referrals/${en.id}`);
    expect(response?.status()).toBe(404);
    expect(await page.$("#referral")).toBeNull();
  });

  it("the supervisor sees both, the emergency first and announced, forwards, accepts and closes; the inbox refreshes itself", async () => {
    const page = await newPage();
    await signIn(page, "supervisor");
    expect(await listed(page)).toEqual([ja.id, en.id]);
    const banner = page.locator('[role="alert"].emergency-banner');
    expect(await banner.isVisible()).toBe(true);
    expect(await banner.getAttribute("data-emergency-count")).toBe("1");

    await page.goto(`${sys.baseUrl}/staff/referrals/${en.id}`);
    expect(await statusOf(page)).toBe("in_progress");
    const target = "city-livelihood";
    await page.selectOption('[data-action="forward"] select[name="windowId"]', target);
    await page.fill('[data-action="forward"] textarea[name="reason"]', "家計の相談が中心のため");
    expect(await submit(page, "forward")).toBe(200);
    expect(await statusOf(page)).toBe("forwarded");
    expect(await submit(page, "accept")).toBe(200);
    expect(await statusOf(page)).toBe("accepted");
    await page.fill('[data-action="close"] textarea[name="outcome"]', "就労支援につながった");
    expect(await submit(page, "close")).toBe(200);
    expect(await statusOf(page)).toBe("closed");
    const row = await sys.server.db.prisma.referral.findUniqueOrThrow({ where: { id: en.id } });
    expect(row).toMatchObject({ status: "closed", primaryWindowId: target });
    expect(await page.textContent("ol.timeline")).toContain("就労支援につながった");

    // The print view is the same 申込票, without controls.
    await page.goto(`${sys.baseUrl}/staff/referrals/${en.id}/print`);
    expect(await page.textContent("h1")).toContain("相談受付・申込票");
    expect(await page.$("[data-action]")).toBeNull();
    expect(await page.textContent('[data-field="freeText"]')).toBe(XSS);

    // English on request.
    await page.goto(`${sys.baseUrl}/staff?lang=en`);
    expect(await page.getAttribute("html", "lang")).toBe("en");
    expect(await page.textContent("h1")).toBe("Inbox");

    // A new crisis arrives while the inbox is open: the list shows it without a reload.
    const newcomer = new Resident(sys);
    await newcomer.follow();
    await newcomer.answer("language", "ja");
    await newcomer.type("今夜寝る場所がない");
    const fresh = await referralOf(newcomer);
    await page.waitForSelector(`[data-referral-id="${fresh.id}"]`, { timeout: 15_000 });
    expect((await listed(page))[0]).toBe(fresh.id);
    expect(await banner.getAttribute("data-emergency-count")).toBe("2");
    expect(dialogs).toEqual([]);
  });
});
