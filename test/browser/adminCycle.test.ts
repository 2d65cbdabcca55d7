// The administrator's whole cycle in Chromium, and a resident on LINE at the other end: the
// wording of a question is changed on the translations page and its choices on the flow page;
// the preview shows both; the draft is published on the history page; a resident who starts now
// gets the new wording and choices through /webhook; a rollback brings the old ones back for the
// next resident. Then drafts that must not go live — an unreachable step, a missing translation,
// an over-long label — are each refused on the history page with the place named.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, signInInBrowser } from "../support/browser.ts";
import { postbacksOf, questionOf, Resident, startTestSystem, textOf, type TestSystem } from "../support/testServer.ts";

let sys: TestSystem;
let chromium: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
const pageErrors: string[] = [];

const NEW_WORDING = "今回は、だれについての相談ですか？";

beforeAll(async () => {
  sys = await startTestSystem();
  chromium = await launchChromium();
  const context = await chromium.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "ja-JP" });
  page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy|Refused/i.test(m.text())) pageErrors.push(m.text());
  });
  await signInInBrowser(page, sys.baseUrl, sys.server.db.prisma, { username: "cycle-admin", role: "admin" });
}, 60_000);
afterAll(async () => {
  await chromium?.close();
  await sys?.stop();
});

/** The Japanese labels of the respondent choices, as the live release has them. */
const jaLabel = (value: string) => sys.server.releases.latest().locales.t("ja")(`options.respondent.${value}`);

/** A new resident walks to the respondent question on LINE; its wording and the choice values offered. */
async function respondentOnLine(): Promise<{ text: string; values: unknown[] }> {
  const r = new Resident(sys);
  await r.follow();
  const answer = await r.answer("language", "ja");
  const asked = answer.find((m) => questionOf(m) === "respondent");
  expect(asked).toBeDefined();
  return { text: textOf(asked), values: postbacksOf(asked).filter((p) => p.data.q === "respondent" && p.data.op === undefined).map((p) => p.data.v) };
}

async function publish(note: string): Promise<void> {
  await page.goto(`${sys.baseUrl}/staff/admin/history`);
  await page.fill("#publish-note", note);
  // Published: back on the history page with ?ok=…; refused: the answer to the post itself.
  await Promise.all([page.waitForURL((u) => u.searchParams.has("ok") || u.pathname.endsWith("/publish")), page.click('form[data-action="publish"] button[type="submit"]')]);
}

describe("an administrator's change, from the draft to a resident's phone and back", () => {
  it("when the wording and the choices of a question are changed, previewed and published, then a new resident gets them on LINE; after a rollback the next resident gets the old ones", async () => {
    const before = await respondentOnLine();
    const oldWording = before.text;
    expect(before.values).toEqual(["self", "family", "supporter"]);
    expect(oldWording).not.toBe(NEW_WORDING);

    // The wording, on the translations page (the Japanese source text).
    await page.goto(`${sys.baseUrl}/staff/admin/translations?ns=bot&q=q.respondent.text`);
    await Promise.all([page.waitForURL(/edit=ja/), page.click('tr[data-key="q.respondent.text"] td[data-lang="ja"] a.cell-edit')]);
    await page.fill("#cell-ja-q_respondent_text", NEW_WORDING);
    await Promise.all([page.waitForURL(/ok=saved/), page.click('form[data-cell="ja:q.respondent.text"] button[type="submit"]')]);

    // The choices, on the flow page: "supporter" out, "family" first.
    await page.goto(`${sys.baseUrl}/staff/admin/flow/steps/respondent`);
    await page.uncheck('li[data-choice="supporter"] input[type="checkbox"]');
    await page.fill('input[name="order.family"]', "1");
    await page.fill('input[name="order.self"]', "2");
    await Promise.all([page.waitForURL(/saved=choices/), page.click("form.flow-choices button[type=submit]")]);

    // The preview, from the flow page: the new wording and choices, and it is marked as a preview.
    await Promise.all([page.waitForURL(/\/staff\/admin\/preview\/[A-Za-z0-9_-]{22}$/), page.click('form[data-action="preview"] button[type="submit"]')]);
    expect(await page.locator(".preview-banner").count()).toBe(1);
    const japanese = sys.server.releases.latest().locales.meta.get("ja")!.name;
    await Promise.all([page.waitForURL(/turn=/), page.locator("#latest button.quick", { hasText: japanese }).first().click()]);
    expect(await page.locator("#latest .bubble.bot").allTextContents()).toContain(NEW_WORDING);
    const offered = await page.locator("#latest button.quick").allTextContents();
    const choices = offered.filter((l) => ["self", "family", "supporter"].some((v) => l === jaLabel(v)));
    expect(choices).toEqual([jaLabel("family"), jaLabel("self")]);
    // Nothing of the preview reached the database: still only the one resident from above.
    expect(await sys.server.db.prisma.conversation.count()).toBe(1);

    // Publish, on the history page.
    const liveBefore = sys.server.releases.latest().version;
    await publish("respondent: new wording, supporter removed");
    expect(page.url()).toMatch(/ok=published/);
    expect(sys.server.releases.latest().version).toBe(liveBefore + 1);
    expect(await page.locator(`tr[data-version="${liveBefore + 1}"][data-live]`).count()).toBe(1);

    const after = await respondentOnLine();
    expect(after.text).toBe(NEW_WORDING);
    expect(after.values).toEqual(["family", "self"]);

    // Roll back to the version before, after its confirmation step.
    await page.goto(`${sys.baseUrl}/staff/admin/history`);
    await Promise.all([page.waitForURL(/\/rollback\?version=/), page.click(`a[data-rollback="${liveBefore}"]`)]);
    await page.fill("#rollback-note", "back to the old wording");
    await Promise.all([page.waitForURL(/ok=rolledBack/), page.click('form[data-action="rollback"] button[type="submit"]')]);
    expect(sys.server.releases.latest().version).toBe(liveBefore + 2);

    const again = await respondentOnLine();
    expect(again.text).toBe(oldWording);
    expect(again.values).toEqual(["self", "family", "supporter"]);
    expect(pageErrors).toEqual([]);
  }, 180_000);
});

describe("publishing in the browser refuses a draft that must not go live, naming the place", () => {
  /** Starts the draft again from the live version (the history page's own button). */
  async function resetDraft(): Promise<void> {
    await page.goto(`${sys.baseUrl}/staff/admin/history`);
    await Promise.all([page.waitForURL(/ok=draftReset/), page.click('tr[data-live] form[data-action="draft-from"] button[type="submit"]')]);
  }

  /** Publishes from the history page and answers the places of the problems it shows. */
  async function refusedPlaces(): Promise<string[]> {
    const live = sys.server.releases.latest().version;
    await publish("should be refused");
    expect(page.url()).toMatch(/\/staff\/admin\/history\/publish$/);
    expect(await page.locator(".notice-error").count()).toBe(1);
    expect(sys.server.releases.latest().version).toBe(live);
    return page.locator("[data-problems] li[data-place]").evaluateAll((els) => els.map((e) => e.getAttribute("data-place") ?? ""));
  }

  it("when a step can no longer be reached (a condition that never holds, set on the flow page), then publishing is refused at that step", async () => {
    await resetDraft();
    await page.goto(`${sys.baseUrl}/staff/admin/flow/steps/incomeDropped`);
    await page.fill("#when", "all: [ { field: respondent, equals: self }, { field: respondent, equals: family } ]");
    await Promise.all([page.waitForURL(/saved=condition/), page.click("form.flow-condition button[type=submit]")]);
    expect(await refusedPlaces()).toEqual(["step incomeDropped"]);
  }, 60_000);

  it("when a new step has only its Japanese text (added on the flow page), then publishing is refused at each missing translation", async () => {
    await resetDraft();
    await page.goto(`${sys.baseUrl}/staff/admin/flow`);
    await page.fill("#add-id", "pets");
    await page.selectOption("#add-field", "freeText");
    await page.selectOption("#add-kind", "text");
    await page.selectOption("#add-after", "incomeDropped");
    await page.fill("#add-text", "ペットはいますか？");
    await page.fill("#add-summary", "ペット");
    await Promise.all([page.waitForURL(/saved=add/), page.click("form.flow-add button[type=submit]")]);
    const places = await refusedPlaces();
    expect(places).toContain("en/bot.json: q.pets.text");
    expect(places.every((p) => /^[a-zA-Z-]+\/bot\.json: (q\.pets\.|summary\.)/.test(p))).toBe(true);
  }, 60_000);

  it("when an area is renamed past LINE's label limit (on the directory page), then publishing is refused at that label", async () => {
    await resetDraft();
    await page.goto(`${sys.baseUrl}/staff/admin/directory`);
    await page.fill("#area-minato-name", "港圏域（港町・海岸通り・新港・旧港・臨海地区のあたり）");
    await Promise.all([page.waitForURL(/\/staff\/admin\/directory\?/), page.click('tr[data-area="minato"] form button[type="submit"]')]);
    expect(await refusedPlaces()).toEqual(["ja/bot.json: areas.minato"]);
    await resetDraft();
  }, 60_000);
});
