// Whole intakes through /webhook, driven only by tapping the postbacks the bot itself sent (and
// typing where a question takes text), checked at the other end through the staff API.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoPath } from "../../src/server.ts";
import { createApiToken } from "../../src/web/apiAuth.ts";
import { emptyIntake, type Intake } from "../../src/intake/intakeSchema.ts";
import {
  postbacksOf,
  questionOf,
  REFERENCE_NO,
  Resident,
  startTestSystem,
  storedAnswers,
  textOf,
  type TestSystem,
  referralsFor,
  type ApiReferral,
} from "../support/testServer.ts";

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const JAPANESE = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;
const FURIGANA = /\p{Script=Han}\([\p{Script=Hiragana}ー]+\)/u;

let sys: TestSystem;
let adminToken: string;

beforeAll(async () => {
  sys = await startTestSystem();
  adminToken = await createApiToken(sys.server.db.prisma, { name: "intake-e2e", role: "admin", windowIds: [] });
});
afterAll(async () => {
  await sys?.stop();
});

async function referralsOf(r: Resident): Promise<ApiReferral[]> {
  return referralsFor(sys, adminToken, r.userId);
}

/** Skips every question up to the summary (the language must already be answered). */
async function skipToSummary(r: Resident): Promise<void> {
  for (let i = 0; i < 60 && r.currentQuestion() !== "summary"; i++) await r.skip(r.currentQuestion()!);
  expect(r.currentQuestion()).toBe("summary");
}

/** Taps "send" on the summary and returns the completion text, which carries no question. */
async function submit(r: Resident): Promise<string> {
  const answer = await r.answer("summary", true);
  const text = answer.map(textOf).join("\n");
  expect(text).toMatch(REFERENCE_NO);
  expect(answer.flatMap(postbacksOf).filter((p) => p.data.q !== undefined)).toEqual([]);
  return text;
}

/** Texts of the bot's messages from index `from` on (text messages and flex alt texts). */
const textsFrom = (r: Resident, from: number) => r.allMessages().slice(from).map(textOf);
/** Texts of the bot's question messages (those with a q postback) from index `from` on. */
const questionTextsFrom = (r: Resident, from: number) =>
  r.allMessages().slice(from).filter((m) => questionOf(m) !== null).map(textOf);

/** The wording of a question in a language, as its locale file has it. */
function questionWording(lang: string, stepId: string): string {
  const bot = JSON.parse(readFileSync(repoPath("locales", lang, "bot.json"), "utf8")) as { q: Record<string, { text: string }> };
  return bot.q[stepId]!.text;
}

/** The text of the first message from index `from` on that asks `stepId`. */
const askedFrom = (r: Resident, from: number, stepId: string) => textOf(r.allMessages().slice(from).find((m) => questionOf(m) === stepId));

/** English text may quote Japanese terms in brackets (a glossary), nothing else. */
const withoutGlossary = (text: string) => text.replace(/\([^)]*\)|（[^）]*）/g, "");

describe("a whole intake through /webhook, in each language", () => {
  it("in Japanese: two household members, typed amounts (6万5千円, 12万5千円), concerns over two pages, a main concern, consent, name and phone reach the staff API as tapped", async () => {
    const r = new Resident(sys);
    const greeting = await r.follow();
    expect(greeting.map(textOf).join("\n")).toContain("ようこそ");
    expect(r.currentQuestion()).toBe("language");
    // ja-easy is offered beside ja.
    const languages = postbacksOf(greeting.at(-1)).filter((p) => p.data.q === "language").map((p) => p.data.v);
    expect(languages.slice(0, 2)).toEqual(["ja", "ja-easy"]);

    await r.answer("language", "ja");
    const afterLanguage = r.allMessages().length - r.lastMessages().length;
    await r.answer("respondent", "family");
    await r.answer("area", "kita");
    // What the resident wants to talk about comes early: 16 concerns do not fit in one quick
    // reply, so the first page has "more".
    expect(r.lastPostbacks().some((p) => p.data.q === "concerns" && p.data.op === "more")).toBe(true);
    expect(r.lastPostbacks().some((p) => p.data.v === "care")).toBe(false);
    await r.toggle("concerns", "housing");
    await r.toggle("concerns", "care"); // on the second page
    await r.toggle("concerns", "hikikomori_truancy");
    await r.done("concerns");
    expect(r.lastPostbacks().filter((p) => p.data.q === "mainConcern" && "v" in p.data).map((p) => p.data.v)).toEqual([
      "housing",
      "care",
      "hikikomori_truancy",
    ]);
    await r.answer("mainConcern", "care");
    await r.answer("age", "40-64");
    await r.answer("foreign", false);
    expect(r.currentQuestion()).toBe("conditions"); // japanese is asked of foreign nationals only
    await r.toggle("conditions", "hikikomori");
    await r.done("conditions");
    await r.answer("householdStart", true);
    await r.answer("memberRelation", "parent");
    await r.answer("memberAge", "75+");
    await r.toggle("memberConditions", "needs_care");
    await r.toggle("memberConditions", "dementia");
    await r.done("memberConditions");
    await r.answer("householdMore", true);
    await r.answer("memberRelation", "sibling");
    await r.answer("memberAge", "40-64");
    await r.done("memberConditions");
    await r.answer("householdMore", false);
    // The housing concern opens housing and money.
    await r.answer("tenure", "rented_private");
    await r.toggle("housingRisks", "rent_arrears");
    await r.toggle("housingRisks", "must_leave");
    await r.done("housingRisks");
    await r.answer("leaveDays", 14);
    expect(r.currentQuestion()).toBe("rent");
    await r.type("6万5千円");
    await r.answer("work", "unemployed");
    await r.answer("lostJob", true);
    expect(r.currentQuestion()).toBe("income"); // a lost job: no question about an income drop
    await r.type("12万5千円");
    expect(r.currentQuestion()).toBe("savings"); // the amount is given: no sources
    await r.answer("savings", "under_100k");
    expect(r.currentQuestion()).toBe("debt"); // rent arrears already said: no arrears question
    await r.answer("debt", false);
    await r.answer("food", "sometimes_short");
    await r.answer("consult", true);
    await r.answer("ucla1", 3);
    await r.skip("ucla2");
    await r.answer("ucla3", 4);
    await r.answer("selfHarm", "none");
    await r.answer("violence", "none");
    expect(r.currentQuestion()).toBe("elderAtRisk"); // no child in the household
    await r.answer("elderAtRisk", false);
    await r.type("母の介護と兄のことで困っています。");
    const consentSentAt = Date.now();
    await r.answer("consent", true);
    await r.answer("contactBy", "phone");
    await r.type("山田 花子");
    await r.type("090-1234-5678");
    expect(r.currentQuestion()).toBe("summary");
    const summary = r.lastMessages().map(textOf).join("\n");
    expect(summary).toContain("山田 花子");
    const completion = await submit(r);

    const [referral, ...others] = await referralsOf(r);
    expect(others).toEqual([]);
    expect(referral).toMatchObject({ status: "new", lineUserId: r.userId, id: expect.any(String) });
    expect(completion).toContain(referral!.referenceNo);
    const expected: Intake = {
      version: 1,
      language: "ja",
      respondent: "family",
      area: "kita",
      person: {
        ageBand: "40-64",
        foreignNational: false,
        japaneseLevel: null,
        work: "unemployed",
        lostJobWithin2Years: true,
        incomeDropped: null,
        conditions: ["hikikomori"],
      },
      household: {
        members: [
          { relation: "parent", ageBand: "75+", conditions: ["needs_care", "dementia"] },
          { relation: "sibling", ageBand: "40-64", conditions: [] },
        ],
      },
      housing: { tenure: "rented_private", risks: ["rent_arrears", "must_leave"], mustLeaveWithinDays: 14, monthlyRent: 65000 },
      income: {
        monthlyHouseholdIncome: 125000,
        sources: [],
        savings: "under_100k",
        arrears: [],
        debt: false,
        food: "sometimes_short",
      },
      isolation: { ucla3: [3, null, 4], hasSomeoneToConsult: true },
      concerns: ["housing", "care", "hikikomori_truancy"],
      mainConcern: "care",
      safety: { selfHarm: "none", violence: "none", childAtRisk: null, elderOrDisabledAtRisk: false },
      freeText: "母の介護と兄のことで困っています。",
      consent: { shareWithRelatedWindows: true, contactBy: "phone", at: expect.stringMatching(ISO_TIME) as unknown as string },
      contact: { name: "山田 花子", phone: "09012345678" },
    };
    expect(referral!.intake).toEqual(expected);
    const consentAt = Date.parse(referral!.intake!.consent.at!);
    expect(Math.abs(consentAt - consentSentAt)).toBeLessThan(60_000);
    expect(referral).toHaveProperty("triage");
    expect(referral).toHaveProperty("windows");

    // Everything after the language was chosen is in Japanese (not the やさしい日本語 wording).
    expect(askedFrom(r, afterLanguage, "respondent")).toContain(questionWording("ja", "respondent"));
    for (const text of textsFrom(r, afterLanguage)) expect(text).toMatch(JAPANESE);
    for (const text of questionTextsFrom(r, afterLanguage)) expect(text).not.toMatch(FURIGANA);
    expect(sys.fake.violations).toEqual([]);
  });

  it("in やさしい日本語: a child and a member whose details were skipped, a tapped rent, 12.5万 typed, consent refused, contact by LINE (no name asked)", async () => {
    const r = new Resident(sys);
    await r.follow();
    await r.answer("language", "ja-easy");
    const afterLanguage = r.allMessages().length - r.lastMessages().length;
    await r.answer("respondent", "self");
    await r.skip("area");
    await r.toggle("concerns", "income");
    await r.toggle("concerns", "childrearing");
    await r.done("concerns");
    await r.answer("mainConcern", "childrearing");
    await r.answer("age", "18-39");
    await r.answer("foreign", true);
    await r.answer("japanese", "basic");
    await r.done("conditions");
    await r.answer("householdStart", true);
    await r.answer("memberRelation", "child");
    await r.answer("memberAge", "0-17");
    await r.toggle("memberConditions", "infant");
    await r.done("memberConditions");
    await r.answer("householdMore", true);
    await r.skip("memberRelation");
    await r.skip("memberAge");
    await r.skip("memberConditions");
    await r.answer("householdMore", false);
    await r.answer("tenure", "public_housing");
    await r.done("housingRisks");
    expect(r.currentQuestion()).toBe("rent");
    await r.answer("rent", 40000);
    await r.answer("work", "employed_nonregular");
    await r.answer("lostJob", false);
    await r.answer("incomeDropped", true);
    await r.type("12.5万");
    await r.answer("savings", "none");
    await r.done("arrears");
    await r.answer("debt", true);
    await r.answer("food", "often_short");
    await r.answer("consult", true);
    await r.answer("ucla1", 1);
    await r.answer("ucla2", 1);
    await r.answer("ucla3", 1);
    await r.answer("selfHarm", "none");
    await r.answer("violence", "past");
    await r.answer("childAtRisk", false);
    expect(r.currentQuestion()).toBe("freeText"); // no older or disabled member
    await r.skip("freeText");
    await r.answer("consent", false);
    await r.answer("contactBy", "line");
    expect(r.currentQuestion()).toBe("summary"); // no name or phone asked for contact by LINE
    await submit(r);

    const [referral] = await referralsOf(r);
    expect(referral).toMatchObject({ status: "new", lineUserId: r.userId });
    const expected: Intake = {
      version: 1,
      language: "ja-easy",
      respondent: "self",
      area: null,
      person: {
        ageBand: "18-39",
        foreignNational: true,
        japaneseLevel: "basic",
        work: "employed_nonregular",
        lostJobWithin2Years: false,
        incomeDropped: true,
        conditions: [],
      },
      household: {
        members: [
          { relation: "child", ageBand: "0-17", conditions: ["infant"] },
          { relation: null, ageBand: null, conditions: [] },
        ],
      },
      housing: { tenure: "public_housing", risks: [], mustLeaveWithinDays: null, monthlyRent: 40000 },
      income: { monthlyHouseholdIncome: 125000, sources: [], savings: "none", arrears: [], debt: true, food: "often_short" },
      isolation: { ucla3: [1, 1, 1], hasSomeoneToConsult: true },
      concerns: ["income", "childrearing"],
      mainConcern: "childrearing",
      safety: { selfHarm: "none", violence: "past", childAtRisk: false, elderOrDisabledAtRisk: null },
      freeText: null,
      consent: { shareWithRelatedWindows: false, contactBy: "line", at: expect.stringMatching(ISO_TIME) as unknown as string },
      contact: { name: null, phone: null },
    };
    expect(referral!.intake).toEqual(expected);

    // やさしい日本語: its own wording, Japanese throughout, and a reading beside each kanji word of every question.
    expect(askedFrom(r, afterLanguage, "respondent")).toContain(questionWording("ja-easy", "respondent"));
    for (const text of textsFrom(r, afterLanguage)) expect(text).toMatch(JAPANESE);
    for (const text of questionTextsFrom(r, afterLanguage)) {
      const bareKanji = text.match(/\p{Script=Han}+(?!\p{Script=Han}|\()/gu) ?? [];
      expect(bareKanji, text).toEqual([]);
    }
    expect(sys.fake.violations).toEqual([]);
  });

  it("in English: lives alone, no rent asked for someone staying with others, 125,000 typed, one concern becomes the main one, contact by visit with name and phone", async () => {
    const r = new Resident(sys);
    sys.fake.setProfile(r.userId, { displayName: "Maria", language: "en" });
    const greeting = await r.follow();
    // The LINE app's language comes first, and the greeting is already in it.
    expect(postbacksOf(greeting.at(-1)).find((p) => p.data.q === "language")?.data.v).toBe("en");
    expect(greeting.map(textOf).join("\n")).toContain("Welcome");
    await r.answer("language", "en");
    const afterLanguage = r.allMessages().length - r.lastMessages().length;
    await r.answer("respondent", "supporter");
    await r.answer("area", "minato");
    await r.toggle("concerns", "housing");
    await r.done("concerns");
    expect(r.currentQuestion()).toBe("age"); // one concern is the main one without asking
    await r.answer("age", "65-74");
    // In English, nationality and Japanese level are not asked: the language already shows the need.
    expect(r.currentQuestion()).toBe("conditions");
    await r.toggle("conditions", "chronic_illness");
    await r.done("conditions");
    await r.answer("householdStart", false);
    expect(r.currentQuestion()).toBe("tenure");
    await r.answer("tenure", "living_with_others");
    await r.toggle("housingRisks", "cannot_find_home");
    await r.done("housingRisks");
    await r.answer("work", "retired");
    expect(r.currentQuestion()).toBe("income"); // not renting: no lost job, income drop or rent
    await r.type("125,000");
    await r.skip("savings");
    await r.skip("arrears");
    await r.skip("debt");
    await r.answer("food", "enough");
    await r.skip("consult");
    expect(r.currentQuestion()).toBe("selfHarm");
    await r.skip("selfHarm");
    await r.skip("violence");
    await r.type("I need help finding a place to live.");
    await r.answer("consent", true);
    await r.answer("contactBy", "visit");
    await r.type("Maria Santos");
    await r.type("+81 90-1234-5678");
    expect(r.currentQuestion()).toBe("summary");
    const completion = await submit(r);
    expect(completion).toContain("Thank you");

    const [referral] = await referralsOf(r);
    expect(referral).toMatchObject({ status: "new", lineUserId: r.userId });
    expect(completion).toContain(referral!.referenceNo);
    const expected: Intake = {
      version: 1,
      language: "en",
      respondent: "supporter",
      area: "minato",
      person: {
        ageBand: "65-74",
        foreignNational: null,
        japaneseLevel: null,
        work: "retired",
        lostJobWithin2Years: null,
        incomeDropped: null,
        conditions: ["chronic_illness"],
      },
      household: { members: [] },
      housing: { tenure: "living_with_others", risks: ["cannot_find_home"], mustLeaveWithinDays: null, monthlyRent: null },
      income: { monthlyHouseholdIncome: 125000, sources: [], savings: null, arrears: [], debt: null, food: "enough" },
      isolation: { ucla3: null, hasSomeoneToConsult: null },
      concerns: ["housing"],
      mainConcern: "housing",
      safety: { selfHarm: null, violence: null, childAtRisk: null, elderOrDisabledAtRisk: null },
      freeText: "I need help finding a place to live.",
      consent: { shareWithRelatedWindows: true, contactBy: "visit", at: expect.stringMatching(ISO_TIME) as unknown as string },
      contact: { name: "Maria Santos", phone: "09012345678" },
    };
    expect(referral!.intake).toEqual(expected);

    // Every question in English, Japanese only as glossary in brackets.
    expect(askedFrom(r, afterLanguage, "respondent")).toContain(questionWording("en", "respondent"));
    const questions = questionTextsFrom(r, afterLanguage);
    expect(questions.length).toBeGreaterThan(20);
    for (const text of questions) expect(withoutGlossary(text), text).not.toMatch(JAPANESE);
    expect(sys.fake.violations).toEqual([]);
  });
});

describe("moving around in an intake", () => {
  it("back re-asks the previous question, and the new answer is the one kept", async () => {
    const r = new Resident(sys);
    await r.follow();
    await r.answer("language", "ja");
    await r.answer("respondent", "self");
    await r.answer("area", "chuo");
    expect(r.currentQuestion()).toBe("concerns");
    await r.command("back");
    expect(r.currentQuestion()).toBe("area");
    await r.command("back");
    expect(r.currentQuestion()).toBe("respondent");
    await r.answer("respondent", "family");
    expect(r.currentQuestion()).toBe("area");
    await r.answer("area", "nishi");
    const answers = await storedAnswers(sys.server, r.userId);
    expect(answers).toMatchObject({ respondent: "family", area: "nishi" });
    expect(sys.fake.violations).toEqual([]);
  });

  it("restart (from the rich menu, or typed 最初から) starts again at the first question with nothing kept but the language", async () => {
    const r = new Resident(sys);
    await r.follow();
    await r.answer("language", "ja");
    await r.answer("respondent", "self");
    await r.answer("area", "chuo");
    await r.postback({ op: "restart" });
    expect(r.lastMessages().map(textOf).join("\n")).toContain("最初から");
    expect(r.currentQuestion()).toBe("language");
    expect(await storedAnswers(sys.server, r.userId)).toEqual(emptyIntake("ja"));

    await r.answer("language", "ja");
    await r.answer("respondent", "supporter");
    await r.type("最初から");
    expect(r.currentQuestion()).toBe("language");
    expect(await storedAnswers(sys.server, r.userId)).toEqual(emptyIntake("ja"));
  });

  it("switching language mid-way repeats the open question in the new language and keeps every answer", async () => {
    const r = new Resident(sys);
    await r.follow();
    await r.answer("language", "ja");
    await r.answer("respondent", "family");
    await r.answer("area", "higashi");
    await r.skip("concerns");
    expect(r.currentQuestion()).toBe("age");
    const switched = await r.postback({ op: "lang", v: "en" });
    const text = switched.map(textOf).join("\n");
    expect(text).toContain("English");
    expect(withoutGlossary(text)).not.toMatch(JAPANESE);
    expect(r.currentQuestion()).toBe("age");
    expect(await storedAnswers(sys.server, r.userId)).toMatchObject({
      language: "en",
      respondent: "family",
      area: "higashi",
    });
    // Typing a language's name works as the postback does.
    await r.type("日本語");
    expect(r.currentQuestion()).toBe("age");
    expect(r.lastMessages().map(textOf).join("\n")).toMatch(JAPANESE);
    await r.postback({ op: "lang", v: "en" });
    await r.answer("age", "75+");
    await skipToSummary(r);
    await submit(r);
    const [referral] = await referralsOf(r);
    expect(referral!.intake).toMatchObject({ language: "en", respondent: "family", area: "higashi", person: { ageBand: "75+" } });
    expect(sys.fake.violations).toEqual([]);
  });

  it("edit from the summary re-asks that section, comes back to the summary, and the referral has the edited answers", async () => {
    const r = new Resident(sys);
    await r.follow();
    await r.answer("language", "ja");
    await r.answer("respondent", "self");
    await r.answer("area", "minami");
    await r.toggle("concerns", "housing"); // opens the housing section
    await r.done("concerns");
    for (let i = 0; i < 60 && r.currentQuestion() !== "tenure"; i++) await r.skip(r.currentQuestion()!);
    await r.answer("tenure", "owned");
    await skipToSummary(r);
    // The summary: a text, then a flex message whose buttons edit a section or send.
    const [summaryText, flex] = r.lastMessages() as [{ type: string }, { type: string }];
    expect(summaryText.type).toBe("text");
    expect(flex.type).toBe("flex");
    const offers = postbacksOf(flex).map((p) => p.data);
    expect(offers).toContainEqual({ q: "summary", f: "submit", v: true });
    expect(offers).toContainEqual({ op: "edit", v: "housing.tenure" });
    expect(offers.some((d) => d.op === "skip")).toBe(false); // the one question without a skip

    await r.tap((d) => d.op === "edit" && d.v === "housing.tenure");
    expect(r.currentQuestion()).toBe("tenure");
    await r.answer("tenure", "rented_private");
    await r.done("housingRisks");
    expect(r.currentQuestion()).toBe("rent"); // the branch follows the new answer
    await r.type("125,000");
    expect(r.currentQuestion()).toBe("summary");
    await submit(r);
    const [referral] = await referralsOf(r);
    expect(referral!.intake).toMatchObject({
      respondent: "self",
      area: "minami",
      housing: { tenure: "rented_private", risks: [], monthlyRent: 125000 },
    });
    expect(sys.fake.violations).toEqual([]);
  });

  it("skipping the language question keeps the suggested language, and the intake still completes", async () => {
    const r = new Resident(sys);
    await r.follow();
    await r.skip("language");
    expect((await storedAnswers(sys.server, r.userId))?.language).toBe("ja");
    await skipToSummary(r);
    await submit(r);
    const [referral] = await referralsOf(r);
    expect(referral!.intake).toMatchObject({ language: "ja" });
  });
});

describe("leaving and coming back", () => {
  it("after the server is stopped and started again mid-intake, the next tap continues at the same question", async () => {
    const r = new Resident(sys);
    await r.follow();
    await r.answer("language", "ja");
    await r.answer("respondent", "self");
    await r.answer("area", "kita");
    expect(r.currentQuestion()).toBe("concerns");
    await sys.restart();
    await r.toggle("concerns", "care");
    await r.done("concerns");
    expect(r.currentQuestion()).toBe("age");
    expect(await storedAnswers(sys.server, r.userId)).toMatchObject({ respondent: "self", area: "kita", concerns: ["care"] });
    expect(sys.fake.violations).toEqual([]);
  });

  it("a follow after an unfollow says welcome back and repeats the open question", async () => {
    const r = new Resident(sys);
    await r.follow();
    await r.answer("language", "ja");
    await r.answer("respondent", "family");
    expect(r.currentQuestion()).toBe("area");
    await r.unfollow();
    const back = await r.follow();
    expect(back.map(textOf).join("\n")).toContain("おかえりなさい");
    expect(questionOf(back.at(-1))).toBe("area");
    await r.answer("area", "chuo");
    expect(await storedAnswers(sys.server, r.userId)).toMatchObject({ respondent: "family", area: "chuo" });
  });

  it("after completion, a new message gets 'already received' with the reference number and a new-consultation postback that starts a fresh intake", async () => {
    const r = new Resident(sys);
    await r.follow();
    await r.answer("language", "ja");
    await r.answer("respondent", "self");
    await skipToSummary(r);
    await submit(r);
    const [first] = await referralsOf(r);

    const again = await r.type("こんにちは");
    expect(again.map(textOf).join("\n")).toContain(first!.referenceNo);
    const offers = again.flatMap(postbacksOf).map((p) => p.data);
    expect(offers).toContainEqual({ op: "restart" });

    await r.command("restart");
    expect(r.currentQuestion()).toBe("language");
    expect(await storedAnswers(sys.server, r.userId)).toEqual(emptyIntake("ja"));
    await r.answer("language", "ja");
    await r.answer("respondent", "supporter");
    await skipToSummary(r);
    await submit(r);
    const both = await referralsOf(r);
    expect(both).toHaveLength(2);
    expect(both[0]!.intake).toMatchObject({ respondent: "supporter" }); // newest first
    expect(both[1]!.intake).toMatchObject({ respondent: "self" });
    expect(both[0]!.referenceNo).not.toBe(both[1]!.referenceNo);
    expect(sys.fake.violations).toEqual([]);
  });
});
