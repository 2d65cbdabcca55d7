// Every public case of shared/cases walked as a whole LINE conversation: the taps are derived
// from the case's intake by a generic driver (no script per case), the referral that lands must
// carry that intake's answers, and its triage must be what the case expects. The crisis
// interrupt is checked in the middle of the household loop in three languages.
import { readdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAnswer } from "../../src/conversation/answers.ts";
import { buildIntake } from "../../src/conversation/buildIntake.ts";
import type { FlowContext } from "../../src/conversation/compileFlow.ts";
import type { Intake } from "../../src/intake/intakeSchema.ts";
import { referralsFor, Resident, startTestSystem, textOf, type ApiReferral, type TestSystem } from "../support/testServer.ts";

const casesDir = new URL("../fixtures/shared/cases/", import.meta.url);
const cases = readdirSync(casesDir)
  .filter((f) => f.endsWith(".json"))
  .map((f) => JSON.parse(readFileSync(new URL(f, casesDir), "utf8")) as { id: string; intake: Intake; expect: Record<string, any> });

const MEMBER_STEPS: Record<string, string> = { memberRelation: "relation", memberAge: "ageBand", memberConditions: "conditions" };

/** Answers whatever the bot asks from the intake, until the completion message. */
async function walk(r: Resident, intake: Intake, languages: string[]): Promise<void> {
  const lang = languages.includes(intake.language) ? intake.language : "en";
  let member = -1;
  for (let guard = 0; guard < 200; guard++) {
    const q = r.currentQuestion();
    if (!q) return;
    const offered = r.lastPostbacks().filter((p) => p.data.q === q);
    const field = offered[0]?.data.f as string;
    if (q === "language") {
      await r.answer(q, lang);
      continue;
    }
    if (q === "summary") {
      await r.answer(q, true);
      return;
    }
    if (q === "householdStart" || q === "householdMore") {
      const more = member + 1 < intake.household.members.length;
      if (more) member++;
      await r.answer(q, more);
      continue;
    }
    const value = MEMBER_STEPS[q] ? (intake.household.members[member] as Record<string, unknown>)[MEMBER_STEPS[q]!] : getAnswer(intake, field, null);
    const kind = offered.some((p) => p.data.op === "toggle") || (offered.some((p) => p.data.op === "done")) ? "multi" : null;
    if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) {
      await r.skip(q);
    } else if (kind === "multi") {
      for (const v of value as unknown[]) await r.toggle(q, v);
      await r.done(q);
    } else if (typeof value === "number" && ["rent", "income", "leaveDays"].includes(q)) {
      // Typed as people write it.
      await r.type(q === "leaveDays" ? `${value}日` : `${value.toLocaleString("en-US")}円`);
    } else if (typeof value === "string" && (q === "freeText" || q === "name" || q === "phone")) {
      await r.type(value);
    } else {
      await r.answer(q, value);
    }
  }
  throw new Error("the conversation did not end");
}

let sys: TestSystem;
let token: string;

beforeAll(async () => {
  sys = await startTestSystem();
  const { createApiToken } = await import("../../src/web/apiAuth.ts");
  token = await createApiToken(sys.server.db.prisma, { name: "cases", role: "admin", windowIds: [] });
});
afterAll(async () => sys?.stop());

/** The resident's referral; fails the test when none landed. */
async function referralOf(userId: string): Promise<ApiReferral> {
  const [referral] = await referralsFor(sys, token, userId);
  expect(referral, "a referral landed").toBeDefined();
  return referral!;
}

/** Answers (taps and typed messages) each case took, from the language to the submit tap. */
const answerCounts = new Map<string, number>();
/** The issue 13 targets: a whole intake takes at most this median, an all-skipped one at most this. */
const MEDIAN_LIMIT = 30;
const ALL_SKIPPED_LIMIT = 15;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

describe("the public cases, walked through LINE", () => {
  it.each(cases.map((c) => [c.id, c] as const))("%s lands with its answers and the triage it should get", async (_id, c) => {
    const r = new Resident(sys);
    await r.follow();
    await walk(r, c.intake, sys.server.deps.locales.languages);
    answerCounts.set(c.id, r.answersSent);
    const referral = await referralOf(r.userId);
    // The flow asks only what applies and what can change triage (Japanese level of a Japanese
    // national, housing and money when no concern points there): those answers are expected as
    // not asked; the triage must still be what the case expects.
    const asked = buildIntake(sys.server.deps.flow, { answers: c.intake } as FlowContext);
    const { language: _l, consent: gotConsent, ...got } = referral.intake as Intake;
    const { language: _e, consent: wantConsent, ...want } = asked;
    expect(got).toEqual(want);
    expect(gotConsent.shareWithRelatedWindows).toBe(wantConsent.shareWithRelatedWindows);
    const t = referral.triage;
    const e = c.expect;
    for (const f of e.flags?.include ?? []) expect(t.flags, f).toContain(f);
    for (const f of e.flags?.exclude ?? []) expect(t.flags, f).not.toContain(f);
    expect([e.urgency].flat()).toContain(t.urgency);
    expect(e.primary).toContain(t.routing.primary.type);
    expect(sys.fake.violations).toEqual([]);
  });
});

describe("how long an intake is", () => {
  it("when every case has been walked, then the median number of answers is at most 30 (each case's count printed)", () => {
    expect(answerCounts.size, "every case walked").toBe(cases.length);
    const counts = [...answerCounts.values()];
    const m = median(counts);
    console.log(`answers per intake (median ${m}):\n${[...answerCounts].map(([id, n]) => `  ${String(n).padStart(3)}  ${id}`).join("\n")}`);
    expect(m).toBeLessThanOrEqual(MEDIAN_LIMIT);
  });

  it("when a resident skips every question (the language too), then the summary is reached and submitted in at most 15 taps", async () => {
    const r = new Resident(sys);
    await r.follow();
    let toSummary = 0;
    for (let i = 0; i < 100 && r.currentQuestion() !== "summary"; i++) await r.skip(r.currentQuestion()!);
    toSummary = r.answersSent;
    expect(r.currentQuestion()).toBe("summary");
    await r.answer("summary", true);
    console.log(`all skipped: ${toSummary} taps to the summary, ${r.answersSent} with the submit`);
    expect(r.answersSent).toBeLessThanOrEqual(ALL_SKIPPED_LIMIT);
    const referral = await referralOf(r.userId);
    expect(referral.triage.routing.primary.type).toBe("comprehensive");
  });
});

describe("a crisis in the middle of the household loop", () => {
  const messages: Record<string, string> = {
    ja: "もう死にたい",
    en: "i want to die, i can't go on",
    "ja-easy": "しにたい",
  };
  it.each(Object.entries(messages))("in %s, the contacts come in the same reply, staff get an emergency-or-urgent referral at once, and the household question is asked again", async (lang, text) => {
    const r = new Resident(sys);
    await r.follow();
    await r.answer("language", lang);
    for (let i = 0; i < 60 && r.currentQuestion() !== "memberAge"; i++) {
      const q = r.currentQuestion()!;
      if (q === "householdStart") await r.answer(q, true);
      else if (q === "memberRelation") await r.answer(q, "parent");
      else await r.skip(q);
    }
    expect(r.currentQuestion()).toBe("memberAge");
    const reply = await r.type(text);
    const said = reply.map(textOf).join("\n");
    expect(said).toMatch(/0120-279-338|0570-064-556/);
    expect(r.currentQuestion()).toBe("memberAge");
    const referral = await referralOf(r.userId);
    expect(referral.status).toBe("new");
    expect(referral.flags).toContain("suicide_risk");
    expect(["urgent", "emergency"]).toContain(referral.urgency);
    // The conversation goes on and completing it fills in the same referral.
    await r.answer("memberAge", "75+");
    const before = referral.id;
    for (let i = 0; i < 80 && r.currentQuestion(); i++) {
      const q = r.currentQuestion()!;
      if (q === "summary") {
        await r.answer(q, true);
        break;
      }
      if (q === "householdMore") await r.answer(q, false);
      else await r.skip(q);
    }
    const after = await referralOf(r.userId);
    expect(after.id).toBe(before);
    expect(after.intake!.household.members).toEqual([{ relation: "parent", ageBand: "75+", conditions: [] }]);
    expect(after.flags).toContain("suicide_risk");
  });
});
