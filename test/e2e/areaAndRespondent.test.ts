// Issue 13, through /webhook with the fake LINE API: a resident gives their area by their postal
// code as well as by their town, and a resident who is the person the consultation is about is
// spoken to ("What is your age group?") rather than asked about "the person".
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishRelease } from "../../src/releases/publishRelease.ts";
import { createApiToken } from "../../src/web/apiAuth.ts";
import { repoContent } from "../releases/releaseFixtures.ts";
import { questionOf, referralsFor, Resident, startTestSystem, storedAnswers, textOf, type ApiReferral, type TestSystem } from "../support/testServer.ts";

let sys: TestSystem;
let token: string;

beforeAll(async () => {
  sys = await startTestSystem();
  token = await createApiToken(sys.server.db.prisma, { name: "area-respondent-e2e", role: "admin", windowIds: [] });
});
afterAll(async () => {
  await sys?.stop();
});

/** The text of the latest message that asks question `q`. */
function questionText(r: Resident, q: string): string {
  const asking = r.allMessages().filter((m) => questionOf(m) === q);
  expect(asking.length, `question ${q} was asked`).toBeGreaterThan(0);
  return textOf(asking.at(-1));
}

/** Skips every question until `q` is asked; answers the household questions with no one. */
async function skipTo(r: Resident, q: string): Promise<void> {
  for (let i = 0; i < 60 && r.currentQuestion() !== q; i++) {
    const now = r.currentQuestion()!;
    if (now === "householdStart" || now === "householdMore") await r.answer(now, false);
    else await r.skip(now);
  }
  expect(r.currentQuestion()).toBe(q);
}

async function referralOf(r: Resident): Promise<ApiReferral> {
  const [referral] = await referralsFor(sys, token, r.userId);
  expect(referral, "a referral landed").toBeDefined();
  return referral!;
}

// ---------------------------------------------------------------------------------------------
// The area by postal code

/**
 * An intake whose routing depends on the area: a resident of 75 or over who wants to talk about
 * care goes to their area's 地域包括支援センター. `giveArea` answers the area question.
 */
async function careIntake(giveArea: (r: Resident) => Promise<unknown>): Promise<ApiReferral> {
  const r = new Resident(sys);
  await r.follow();
  await r.answer("language", "ja");
  await r.answer("respondent", "self");
  expect(r.currentQuestion()).toBe("area");
  await giveArea(r);
  expect(r.currentQuestion()).toBe("concerns");
  await r.toggle("concerns", "care");
  await r.done("concerns");
  await skipTo(r, "age");
  await r.answer("age", "75+");
  await skipTo(r, "conditions");
  await r.toggle("conditions", "needs_care");
  await r.done("conditions");
  await skipTo(r, "summary");
  await r.answer("summary", true);
  return referralOf(r);
}

describe("the area, by postal code", () => {
  let byTown: ApiReferral;
  beforeAll(async () => {
    byTown = await careIntake((r) => r.answer("area", "kita"));
  });

  it("when the town is tapped, then the care case goes to that area's centre (the reference the postal codes are compared with)", () => {
    expect(byTown.intake!.area).toBe("kita");
    expect(byTown.triage.routing.primary).toEqual({ type: "elderly", windowId: "houkatsu-kita" });
  });

  // 000-0201…000-0203 are 北部圏域's codes in flows/municipality.yaml.
  it.each(["〒000-0201", "000-0202", "0000203", "０００－０２０１", "〒０００ー０２０２"])(
    "when the resident types %j at the area question, then the area is 北部圏域 and the triage is the same as choosing the town",
    async (typed) => {
      const byCode = await careIntake((r) => r.type(typed));
      expect(byCode.intake!.area).toBe("kita");
      expect(byCode.triage.routing).toEqual(byTown.triage.routing);
      expect(byCode.triage.flags).toEqual(byTown.triage.flags);
      expect(byCode.triage.urgency).toBe(byTown.triage.urgency);
      expect(sys.fake.violations).toEqual([]);
    },
  );

  it.each([
    ["ja", "〒100-0001", /〒100-0001は、この市の郵便番号ではないようです/],
    ["en", "100-0001", /The postal code 〒100-0001 is not in this city/],
  ] as const)("in %s, when a postal code of another city (%s) is typed, then the resident is told so, asked again with the towns, and nothing changes", async (lang, typed, told) => {
    const r = new Resident(sys);
    await r.follow();
    await r.answer("language", lang);
    await r.answer("respondent", "family");
    const before = await storedAnswers(sys.server, r.userId);
    const reply = await r.type(typed);
    expect(reply.map(textOf).join("\n")).toMatch(told);
    expect(r.currentQuestion()).toBe("area");
    // The question again, offering the towns.
    const labels = r.lastPostbacks().filter((p) => p.data.q === "area").map((p) => p.label);
    expect(labels).toContain("北野・桜台・緑ケ丘");
    expect(await storedAnswers(sys.server, r.userId)).toEqual(before);
    expect(before!.area).toBeNull();
    // A code of the city still answers afterwards.
    await r.type("〒000-0603");
    expect((await storedAnswers(sys.server, r.userId))!.area).toBe("minato");
  });

  it("when six digits are typed, then it is no postal code: the resident is asked to choose, and nothing changes", async () => {
    const r = new Resident(sys);
    await r.follow();
    await r.answer("language", "en");
    await r.answer("respondent", "self");
    const reply = await r.type("123456");
    const said = reply.map(textOf).join("\n");
    expect(said).not.toMatch(/postal code 〒/);
    expect(said).toMatch(/choose from the buttons below/);
    expect(r.currentQuestion()).toBe("area");
    expect((await storedAnswers(sys.server, r.userId))!.area).toBeNull();
  });

  it("when the area is asked, then its text says the town may be chosen or the postal code typed", async () => {
    const r = new Resident(sys);
    await r.follow();
    await r.answer("language", "ja");
    await r.answer("respondent", "family");
    expect(questionText(r, "area")).toMatch(/町を選んでください。郵便番号を入力することもできます/);
  });
});

// ---------------------------------------------------------------------------------------------
// "your age", not "their age"

/** What the person questions say in `lang` to a resident who answered `respondent`. */
async function personQuestions(lang: string, respondent: "self" | "family"): Promise<Record<string, string>> {
  const r = new Resident(sys);
  await r.follow();
  await r.answer("language", lang);
  await r.answer("respondent", respondent);
  const said: Record<string, string> = { area: questionText(r, "area") };
  await r.answer("area", "chuo");
  // A concern of the money domain opens the housing and income sections.
  await r.toggle("concerns", "income");
  await r.done("concerns");
  for (const q of ["age", "conditions", "householdStart"]) {
    await skipTo(r, q);
    said[q] = questionText(r, q);
  }
  await r.answer("householdStart", true);
  said.memberRelation = questionText(r, "memberRelation");
  await skipTo(r, "tenure");
  await r.answer("tenure", "rented_private");
  for (const q of ["work", "income", "consult", "selfHarm", "violence"]) {
    await skipTo(r, q);
    said[q] = questionText(r, q);
  }
  return said;
}

const EXPECTED: Record<string, { self: Record<string, RegExp>; family: Record<string, RegExp> }> = {
  ja: {
    self: {
      area: /^お住まいの町を選んでください/,
      age: /あなたの年代を教えてください/,
      conditions: /^あなたに当てはまるもの/,
      householdStart: /^あなたと一緒に暮らしている方/,
      memberRelation: /あなたから見てどなたですか/,
      work: /^あなたのいまのお仕事/,
      income: /^あなたと同居の方の収入/,
      consult: /^あなたには、困ったときに/,
      selfHarm: /最近、「死にたい」/,
      violence: /^あなたは、家族やパートナー/,
    },
    family: {
      area: /ご本人）がお住まいの町/,
      age: /ご本人の年代を教えてください/,
      conditions: /^ご本人に当てはまるもの/,
      householdStart: /^ご本人と一緒に暮らしている方/,
      memberRelation: /ご本人から見てどなたですか/,
      work: /^ご本人のいまのお仕事/,
      income: /^ご本人と同居の方の収入/,
      consult: /^ご本人には/,
      selfHarm: /ご本人が「死にたい」/,
      violence: /^ご本人は/,
    },
  },
  en: {
    self: {
      area: /^Which town do you live in\?/,
      age: /What is your age group\?/,
      conditions: /^Do any of these apply to you\?/,
      householdStart: /^Does anyone live with you/,
      memberRelation: /how are they related to you\?/,
      work: /^What is your work situation now\?/,
      income: /everyone in your household/,
      consult: /^Do you have someone to talk to/,
      selfHarm: /have you had thoughts of wanting to die/,
      violence: /^Have you been hit/,
    },
    family: {
      area: /^Which town does the person this is about live in\?/,
      age: /What is their age group\?/,
      conditions: /^Do any of these apply to the person\?/,
      householdStart: /^Does anyone live with the person/,
      memberRelation: /how are they related to the person\?/,
      work: /^What is the person's work situation now\?/,
      income: /everyone in the household/,
      consult: /^Does the person have someone to talk to/,
      selfHarm: /has the person had thoughts of wanting to die/,
      violence: /^Has the person been hit/,
    },
  },
  vi: {
    self: {
      area: /^Bạn sống ở khu phố/,
      age: /Bạn ở độ tuổi nào\?/,
      conditions: /^Bạn có thuộc trường hợp nào/,
      householdStart: /sống cùng với bạn/,
      memberRelation: /quan hệ gì với bạn\?/,
      work: /công việc của bạn/,
      income: /trong nhà bạn/,
      consult: /bạn có ai để tâm sự/,
      selfHarm: /Gần đây, bạn có lúc nào/,
      violence: /^Bạn có từng bị/,
    },
    family: {
      area: /^Người cần hỗ trợ/,
      age: /Người đó ở độ tuổi nào\?/,
      conditions: /^Người đó có thuộc trường hợp nào/,
      householdStart: /sống cùng với người đó/,
      memberRelation: /quan hệ gì với người cần hỗ trợ\?/,
      work: /công việc của người đó/,
      income: /trong nhà là/,
      consult: /người đó có ai để tâm sự/,
      selfHarm: /Gần đây, người đó có lúc nào/,
      violence: /^Người đó có từng bị/,
    },
  },
};

describe("the person questions, when the resident is the person", () => {
  it.each(Object.keys(EXPECTED).flatMap((lang) => (["self", "family"] as const).map((who) => [lang, who] as const)))(
    "in %s, when the resident answers that the consultation is about %s, then the person questions are worded for it",
    async (lang, who) => {
      const said = await personQuestions(lang, who);
      for (const [q, wording] of Object.entries(EXPECTED[lang]![who])) expect(said[q], `${lang} ${who} ${q}`).toMatch(wording);
      expect(sys.fake.violations).toEqual([]);
    },
  );

  it("when the resident changes the answer from family to myself, then the next questions speak to them", async () => {
    const r = new Resident(sys);
    await r.follow();
    await r.answer("language", "en");
    await r.answer("respondent", "family");
    expect(questionText(r, "area")).toMatch(/the person this is about/);
    await r.command("back");
    await r.answer("respondent", "self");
    expect(questionText(r, "area")).toMatch(/^Which town do you live in\?/);
  });
});

// Last: it publishes a new release, which the rest of the file does not expect.
describe("a published directory change", () => {
  it("when a postal code is added to an area and published, then a new resident who types it gets that area", async () => {
    const before = new Resident(sys);
    await before.follow();
    await before.answer("language", "ja");
    await before.answer("respondent", "self");
    await before.type("000-0399");
    expect(before.lastMessages().map(textOf).join("\n")).toMatch(/この市の郵便番号ではない/);

    const content = repoContent();
    const areas = content.municipality.areas as { code: string; postalCodes?: string[] }[];
    areas.find((a) => a.code === "minami")!.postalCodes!.push("000-0399");
    const picked = new Promise<number>((resolve) => {
      const off = sys.server.releases.onChange((r) => {
        off();
        resolve(r.version);
      });
    });
    const published = await publishRelease(sys.server.db.prisma, content, { by: "test", note: "a postal code for 南部圏域" });
    expect(published.ok).toBe(true);
    expect(await picked).toBe((published as { version: number }).version);

    const after = new Resident(sys);
    await after.follow();
    await after.answer("language", "ja");
    await after.answer("respondent", "self");
    await after.type("〒000-0399");
    expect((await storedAnswers(sys.server, after.userId))!.area).toBe("minami");
    expect(after.currentQuestion()).toBe("concerns");
  });
});
