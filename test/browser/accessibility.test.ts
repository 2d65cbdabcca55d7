// axe-core (from npm) in the same Chromium on every page of the administrators' and the staff
// console: no violation of serious or critical impact. Each page is checked as people use it:
// signed in as an administrator (who sees every page), with every <details> opened so that what
// it hides is checked too, and with the site's Content-Security-Policy in force (axe is evaluated
// through the DevTools protocol, which the policy does not govern).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishRelease } from "../../src/releases/publishRelease.ts";
import { getDraft, saveDraft } from "../../src/releases/releaseDraft.ts";
import { createApiToken } from "../../src/web/apiAuth.ts";
import { launchChromium, seedReferral, signInInBrowser } from "../support/browser.ts";
import { startTestSystem, type TestSystem } from "../support/testServer.ts";

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

let sys: TestSystem;
let chromium: Awaited<ReturnType<typeof launchChromium>>;
let admin: BrowserContext;
let page: Page;
let referralId: string;
let acceptedId: string;
let previewPath: string;

interface Found {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Serious and critical violations on the page as it is now, with every <details> open. */
async function violations(p: Page): Promise<Found[]> {
  await p.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
  if (!(await p.evaluate(() => "axe" in window))) await p.evaluate(AXE_SOURCE);
  const found = await p.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ""}`) }));
  });
  return found.filter((v) => v.impact === "serious" || v.impact === "critical");
}

beforeAll(async () => {
  sys = await startTestSystem({ workers: false });
  const prisma = sys.server.db.prisma;
  const s = sys.server.deps;
  referralId = (await seedReferral(prisma, s.sealer, s.municipality, { freeText: "家賃が払えません" })).id;
  acceptedId = (await seedReferral(prisma, s.sealer, s.municipality, { urgency: "emergency", status: "accepted" })).id;
  await createApiToken(prisma, { name: "axe-token", role: "caseworker", windowIds: [] });
  // A second version, so that the history has a diff and a rollback to show.
  const content = (await getDraft(prisma)).content;
  const ja = structuredClone(content.locales.ja!);
  (ja.bot as { q: Record<string, { text: string }> }).q.respondent!.text = "今回は、だれについての相談ですか？";
  const published = await publishRelease(prisma, { ...content, locales: { ...content.locales, ja } }, { by: "test", note: "a second version" });
  expect(published.ok).toBe(true);
  await sys.server.releases.refresh();

  chromium = await launchChromium();
  admin = await chromium.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "ja-JP" });
  page = await admin.newPage();
  await signInInBrowser(page, sys.baseUrl, prisma, { username: "axe-admin", role: "admin" });
  await page.goto(`${sys.baseUrl}/staff/admin/flow`);
  await Promise.all([page.waitForURL(/\/staff\/admin\/preview\/[A-Za-z0-9_-]{22}$/), page.click('form[data-action="preview"] button[type="submit"]')]);
  previewPath = new URL(page.url()).pathname;
}, 120_000);
afterAll(async () => {
  await chromium?.close();
  await sys?.stop();
});

describe("the check itself", () => {
  it("when a page is given a field without a label and text without contrast, then axe reports them as serious or critical", async () => {
    await page.goto(`${sys.baseUrl}/staff/admin`);
    await page.evaluate(() => {
      const main = document.querySelector("main")!;
      main.insertAdjacentHTML("beforeend", '<input type="text" name="planted"><p id="faint">faint</p>');
      // Through the CSSOM: the page's policy refuses inline style attributes.
      Object.assign(document.getElementById("faint")!.style, { color: "#eee", background: "#fff" });
    });
    const ids = (await violations(page)).map((v) => v.id);
    expect(ids).toContain("label");
    expect(ids).toContain("color-contrast");
  }, 60_000);
});

describe("accessibility of the pages signed out", () => {
  it("when axe checks the sign-in page and the one-time password's change page, then it finds no serious or critical violation", async () => {
    const context = await chromium.browser.newContext({ locale: "ja-JP" });
    const p = await context.newPage();
    await p.goto(`${sys.baseUrl}/staff/login`);
    expect(await violations(p)).toEqual([]);
    await p.goto(`${sys.baseUrl}/staff/login?lang=en`);
    expect(await violations(p)).toEqual([]);
    await p.fill('input[name="username"]', "nobody");
    await p.fill('input[name="password"]', "wrong-password-123");
    await Promise.all([p.waitForResponse((r) => r.url().endsWith("/staff/login") && r.request().method() === "POST"), p.click('form[action="/staff/login"] button[type="submit"]')]);
    expect(await p.locator(".notice-error").count()).toBe(1);
    expect(await violations(p)).toEqual([]);
    await context.close();
  }, 60_000);
});

describe("accessibility of every console and administrators' page", () => {
  const pages: [string, () => string][] = [
    ["the inbox", () => "/staff"],
    ["the inbox, filtered", () => "/staff?status=new&urgency=emergency"],
    ["a referral", () => `/staff/referrals/${referralId}`],
    ["a referral's print view", () => `/staff/referrals/${referralId}/print`],
    ["an accepted emergency referral", () => `/staff/referrals/${acceptedId}`],
    ["the audit log", () => "/staff/audit"],
    ["the password page", () => "/staff/password"],
    ["a page that does not exist", () => "/staff/no-such-page"],
    ["the administrators' home", () => "/staff/admin"],
    ["the flow", () => "/staff/admin/flow"],
    ["a step", () => "/staff/admin/flow/steps/respondent"],
    ["a step in the household loop", () => "/staff/admin/flow/steps/memberRelation"],
    ["the translations", () => "/staff/admin/translations"],
    ["the translations of one language, editable", () => "/staff/admin/translations?target=en"],
    ["the directory, its windows and settings", () => "/staff/admin/directory"],
    ["the history", () => "/staff/admin/history"],
    ["the history with the draft verified", () => "/staff/admin/history?verify=1"],
    ["a diff of two versions", () => "/staff/admin/history/diff?from=1&to=2"],
    ["a rollback's confirmation", () => "/staff/admin/history/rollback?version=1"],
    ["the users", () => "/staff/admin/users"],
    ["the API tokens", () => "/staff/admin/tokens"],
    ["the preview's start", () => "/staff/admin/preview"],
    ["a preview conversation", () => previewPath],
  ];
  it.each(pages)("when axe checks %s, then it finds no serious or critical violation", async (_name, path) => {
    const answer = await page.goto(`${sys.baseUrl}${path()}`);
    expect(answer?.status()).toBeLessThan(500);
    expect(await violations(page)).toEqual([]);
  }, 60_000);

  it("when axe checks the English console, then it finds no serious or critical violation either", async () => {
    for (const path of ["/staff?lang=en", `/staff/referrals/${referralId}`, "/staff/admin/flow", "/staff/admin/directory", "/staff/admin/history", previewPath]) {
      await page.goto(`${sys.baseUrl}${path}`);
      expect({ path, found: await violations(page) }).toEqual({ path, found: [] });
    }
    await page.goto(`${sys.baseUrl}/staff?lang=ja`);
  }, 120_000);

  it("when actions leave their answers on the page (a one-time password, a new token, a crisis in the preview), then axe finds no serious or critical violation there", async () => {
    await page.goto(`${sys.baseUrl}/staff/admin/users`);
    await page.fill("#u-name", "axe-new-user");
    await Promise.all([page.waitForResponse((r) => r.url().endsWith("/staff/admin/users") && r.request().method() === "POST"), page.click('form[action="/staff/admin/users"] button[type="submit"]')]);
    expect(await violations(page)).toEqual([]);

    await page.goto(`${sys.baseUrl}/staff/admin/tokens`);
    await page.fill("#tk-name", "axe-new-token");
    await Promise.all([page.waitForResponse((r) => r.url().endsWith("/staff/admin/tokens") && r.request().method() === "POST"), page.click('form[data-action="create-token"] button[type="submit"]')]);
    expect(await violations(page)).toEqual([]);

    await page.goto(`${sys.baseUrl}${previewPath}`);
    await page.fill("#preview-text", "もう死にたい");
    await Promise.all([page.waitForURL(/turn=/), page.click(".preview-say button[type=submit]")]);
    expect(await page.locator("[data-raised-crises]").count()).toBe(1);
    expect(await violations(page)).toEqual([]);
  }, 120_000);

  it("when the draft has problems (an unreachable step, missing translations) or does not build, then the pages that show them have no serious or critical violation", async () => {
    const prisma = sys.server.db.prisma;
    const draft = await getDraft(prisma);
    const flow = structuredClone(draft.content.flow) as { steps: Record<string, unknown>[] };
    const at = flow.steps.findIndex((x) => x.id === "incomeDropped");
    flow.steps[at] = { ...flow.steps[at], when: { all: [{ field: "respondent", equals: "self" }, { field: "respondent", equals: "family" }] } };
    const ja = structuredClone(draft.content.locales.ja!);
    (ja.bot as { q: Record<string, { text: string }> }).q.respondent!.text = "だれの相談ですか？";
    const en = structuredClone(draft.content.locales.en!);
    delete (en.bot as { q: Record<string, unknown> }).q.respondent;
    let saved = await saveDraft(prisma, { ...draft.content, flow, locales: { ...draft.content.locales, ja, en } }, { revision: draft.revision, by: "test" });
    expect(saved.ok).toBe(true);
    for (const path of ["/staff/admin/flow", "/staff/admin/flow/steps/incomeDropped", "/staff/admin/translations?state=missing", "/staff/admin/translations?state=outdated&target=en", "/staff/admin/history?verify=1"]) {
      await page.goto(`${sys.baseUrl}${path}`);
      expect({ path, found: await violations(page) }).toEqual({ path, found: [] });
    }
    await page.goto(`${sys.baseUrl}/staff/admin/history`);
    await page.fill("#publish-note", "refused");
    await Promise.all([page.waitForURL(/\/publish$/), page.click('form[data-action="publish"] button[type="submit"]')]);
    expect(await page.locator("[data-problems] li").count()).toBeGreaterThan(0);
    expect(await violations(page)).toEqual([]);

    const now = await getDraft(prisma);
    const dangling = structuredClone(flow);
    dangling.steps[1] = { ...dangling.steps[1], next: { if: { field: "language", equals: "ja" }, then: "noSuchStep", else: "area" } };
    saved = await saveDraft(prisma, { ...now.content, flow: dangling }, { revision: now.revision, by: "test" });
    expect(saved.ok).toBe(true);
    const answer = await page.goto(`${sys.baseUrl}/staff/admin/preview`);
    expect(answer?.status()).toBe(422);
    expect(await violations(page)).toEqual([]);
    const last = await getDraft(prisma);
    await saveDraft(prisma, draft.content, { revision: last.revision, by: "test" });
  }, 120_000);
});
