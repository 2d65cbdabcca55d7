// A whole intake in each of the fourteen languages (contract section 6) through /webhook, on one
// shared system: each resident chooses a language, answers a representative part of the intake
// (one household member, tenure, an amount typed the way that language writes amounts, concerns,
// consent), types a crisis line of their language in the middle, and sends the intake. Every
// message must pass the fake LINE API's validation, every question must be written in the
// language's script, and the referral must carry the language. Then: switching language in the
// middle keeps every answer.
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocaleCode } from "../../src/intake/codes.ts";
import { LOCALE_CODES } from "../../src/intake/codes.ts";
import type { Intake } from "../../src/intake/intakeSchema.ts";
import { repoPath } from "../../src/server.ts";
import { createApiToken } from "../../src/web/apiAuth.ts";
import { questionOf, REFERENCE_NO, referralsFor, Resident, startTestSystem, storedAnswers, textOf, type ApiReferral, type TestSystem } from "../support/testServer.ts";

let sys: TestSystem;
let token: string;

beforeAll(async () => {
  sys = await startTestSystem();
  token = await createApiToken(sys.server.db.prisma, { name: "languages-e2e", role: "admin", windowIds: [] });
});
afterAll(async () => {
  await sys?.stop();
});

// ---------------------------------------------------------------------------------------------
// What each language brings

interface LanguageCase {
  /** The monthly household income as a resident of that language would type it. */
  amount: string;
  /** What it means in yen. */
  yen: number;
}

const CASES: Record<LocaleCode, LanguageCase> = {
  ja: { amount: "15万円", yen: 150_000 },
  "ja-easy": { amount: "15万5千円", yen: 155_000 },
  en: { amount: "150,000 yen", yen: 150_000 },
  "zh-Hans": { amount: "15万", yen: 150_000 },
  "zh-Hant": { amount: "15萬元", yen: 150_000 },
  ko: { amount: "15만 원", yen: 150_000 },
  vi: { amount: "150.000 yên", yen: 150_000 },
  "pt-BR": { amount: "150 mil", yen: 150_000 },
  es: { amount: "150 mil", yen: 150_000 },
  tl: { amount: "150 libo", yen: 150_000 },
  ne: { amount: "१५०००", yen: 15_000 },
  id: { amount: "150 ribu", yen: 150_000 },
  th: { amount: "15,000", yen: 15_000 },
  my: { amount: "၁၅၀၀၀", yen: 15_000 },
};

/** The first crisis line of each language in the detector's corpus. */
interface CorpusLine {
  lang: string;
  text: string;
  crisis: string | null;
}
const corpus = readFileSync(repoPath("test/crisis/corpus.jsonl"), "utf8")
  .split("\n")
  .filter((l) => l.trim() !== "")
  .map((l) => JSON.parse(l) as CorpusLine);
const firstCrisis = (lang: LocaleCode): CorpusLine => {
  const found = corpus.find((c) => c.lang === lang && c.crisis !== null);
  if (!found) throw new Error(`test/crisis/corpus.jsonl has no crisis line in ${lang}`);
  return found;
};

/** The crisis phone numbers the municipality configures, by kind. */
const municipality = parse(readFileSync(repoPath("flows/municipality.yaml"), "utf8")) as {
  crisisContacts: Record<string, { name: string; phone: string }[]>;
};
const crisisPhones = (kind: string) => (municipality.crisisContacts[kind] ?? []).map((c) => String(c.phone));

// ---------------------------------------------------------------------------------------------
// Scripts

const JAPANESE_IN_BRACKETS = /[（(][^（()）]*[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}][^（()）]*[)）]/gu;
/** A text without the Japanese names the glossary keeps in brackets ("Welfare (生活保護)"). */
export function withoutBracketedJapanese(text: string): string {
  let out = text;
  for (let prev = ""; prev !== out; ) {
    prev = out;
    out = out.replace(JAPANESE_IN_BRACKETS, "");
  }
  return out;
}

type Script = "Han" | "Kana" | "Hangul" | "Thai" | "Devanagari" | "Myanmar" | "Latin" | "Other";
function scriptOf(ch: string): Script {
  if (/\p{Script=Han}/u.test(ch)) return "Han";
  if (/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(ch)) return "Kana";
  if (/\p{Script=Hangul}/u.test(ch)) return "Hangul";
  if (/\p{Script=Thai}/u.test(ch)) return "Thai";
  if (/\p{Script=Devanagari}/u.test(ch)) return "Devanagari";
  if (/\p{Script=Myanmar}/u.test(ch)) return "Myanmar";
  if (/\p{Script=Latin}/u.test(ch)) return "Latin";
  return "Other";
}

/** Letters of a text counted by script. */
export function lettersByScript(text: string): Record<Script, number> {
  const counts: Record<Script, number> = { Han: 0, Kana: 0, Hangul: 0, Thai: 0, Devanagari: 0, Myanmar: 0, Latin: 0, Other: 0 };
  for (const ch of text) if (/\p{L}/u.test(ch)) counts[scriptOf(ch)]++;
  return counts;
}

const MAIN_SCRIPT: Record<LocaleCode, Script[]> = {
  ja: ["Kana", "Han"],
  "ja-easy": ["Kana", "Han"],
  "zh-Hans": ["Han"],
  "zh-Hant": ["Han"],
  ko: ["Hangul"],
  th: ["Thai"],
  ne: ["Devanagari"],
  my: ["Myanmar"],
  en: ["Latin"],
  vi: ["Latin"],
  "pt-BR": ["Latin"],
  es: ["Latin"],
  tl: ["Latin"],
  id: ["Latin"],
};

const VIETNAMESE = /[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/iu;
const SIMPLIFIED = "们这说门国会来时为个么没钱饭还发东车长问过难让间听见贝实学习医术气业选择请吗该话经";
const TRADITIONAL = "們這說門國會來時為個麼沒錢飯還發東車長問過難讓間聽見貝實學習醫術氣業選擇請嗎該話經";
const countOf = (text: string, chars: string) => [...text].filter((c) => chars.includes(c)).length;

/** Why a question text is not in the language's script, or null when it is. */
export function scriptProblem(lang: LocaleCode, text: string): string | null {
  const plain = lang === "ja" || lang === "ja-easy" ? text : withoutBracketedJapanese(text);
  const counts = lettersByScript(plain);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const main = MAIN_SCRIPT[lang].reduce((a, s) => a + counts[s], 0);
  if (total === 0) return "no letters";
  if (main * 2 <= total) return `only ${main} of ${total} letters are ${MAIN_SCRIPT[lang].join("/")}: ${JSON.stringify(counts)}`;
  if ((lang === "ja" || lang === "ja-easy") && counts.Kana === 0) return "Japanese without kana";
  if ((lang === "zh-Hans" || lang === "zh-Hant") && counts.Kana > 0) return "kana outside the bracketed Japanese names";
  if (lang === "vi" && !VIETNAMESE.test(plain)) return "Latin without Vietnamese letters";
  return null;
}

/** What every question of a language, taken together, must show beyond the script. */
export function languageProblem(lang: LocaleCode, texts: readonly string[]): string | null {
  const all = texts.map((t) => (lang === "ja" || lang === "ja-easy" ? t : withoutBracketedJapanese(t))).join("\n");
  const reading = /\p{Script=Han}\(\p{Script=Hiragana}+\)/u;
  switch (lang) {
    case "ja":
      return reading.test(all) ? "readings after kanji: that is やさしい日本語" : null;
    case "ja-easy":
      return reading.test(all) ? null : "no readings after kanji";
    case "zh-Hans":
      return countOf(all, SIMPLIFIED) > countOf(all, TRADITIONAL) ? null : "not simplified characters";
    case "zh-Hant":
      return countOf(all, TRADITIONAL) > countOf(all, SIMPLIFIED) ? null : "not traditional characters";
    case "en":
      return /\bthe\b/i.test(all) && !/[^\x00-\x7F]/u.test(all.replace(/[^\p{L}]/gu, "")) ? null : "not plain English letters";
    case "es":
      return /¿/u.test(all) && /[ñáéíóú]/iu.test(all) ? null : "no ¿ or Spanish accents";
    case "pt-BR":
      return /[ãõç]/iu.test(all) ? null : "no ã, õ or ç";
    case "tl":
      return /\bng\b/u.test(all) && /\bmga\b/u.test(all) ? null : "no Tagalog ng/mga";
    case "id":
      return /\bAnda\b/u.test(all) && /\byang\b/u.test(all) ? null : "no Indonesian Anda/yang";
    default:
      return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers

const referralsOf = (r: Resident) => referralsFor(sys, token, r.userId);

/** The question messages (those with a q postback) among messages [from, to). */
const questionTexts = (r: Resident, from: number, to = Number.POSITIVE_INFINITY) =>
  r.allMessages().slice(from, to).filter((m) => questionOf(m) !== null).map(textOf);

const SENTINEL = "\u0000";
/** The crisis text of a language up to the contacts. */
function crisisIntro(lang: LocaleCode, kind: string): string {
  const full = sys.server.deps.locales.t(lang)(`crisis.${kind}`, { contacts: SENTINEL });
  return full.split(SENTINEL)[0]!.trim();
}

function expectScript(lang: LocaleCode, texts: readonly string[]) {
  expect(texts.length).toBeGreaterThan(20);
  for (const text of texts) expect(scriptProblem(lang, text), text).toBeNull();
  expect(languageProblem(lang, texts), texts.join("\n---\n")).toBeNull();
}

// ---------------------------------------------------------------------------------------------

describe("the script checks themselves", () => {
  it("when a question is in another script, then it is told apart", () => {
    expect(scriptProblem("ko", "지금 사는 곳은 어디인가요?")).toBeNull();
    expect(scriptProblem("ko", "Where does the person live now?")).not.toBeNull();
    expect(scriptProblem("en", "Public assistance (生活保護) is a scheme.")).toBeNull();
    expect(scriptProblem("zh-Hans", "您现在住在哪里？")).toBeNull();
    expect(scriptProblem("zh-Hans", "どこに住んでいますか")).not.toBeNull();
    expect(scriptProblem("ja", "住所")).not.toBeNull(); // kanji alone could be Chinese
    expect(scriptProblem("vi", "Where do you live?")).not.toBeNull();
    expect(languageProblem("zh-Hant", ["請選擇語言，這個問題"])).toBeNull();
    expect(languageProblem("zh-Hant", ["请选择语言，这个问题"])).not.toBeNull();
  });
});

describe("a whole intake through /webhook in each of the fourteen languages, on one system", () => {
  it.each(LOCALE_CODES.map((l) => [l] as const))(
    "in %s: one household member, tenure, a typed amount, a crisis line mid-intake, concerns, consent; every question in the language's script, the referral carries the language",
    async (lang) => {
      const c = CASES[lang];
      const r = new Resident(sys);
      await r.follow();
      expect(r.currentQuestion()).toBe("language");
      await r.answer("language", lang);
      const afterLanguage = r.allMessages().length - r.lastMessages().length;

      await r.answer("respondent", "self");
      await r.answer("area", "chuo");
      // Housing and money concerns open those sections.
      await r.toggle("concerns", "housing");
      await r.toggle("concerns", "income");
      await r.done("concerns");
      await r.answer("mainConcern", "income");
      await r.answer("age", "18-39");
      // Nationality and Japanese level are asked only in a Japanese conversation: another language
      // already shows the need for language support.
      const japanese = lang === "ja" || lang === "ja-easy";
      if (japanese) {
        await r.answer("foreign", true);
        await r.answer("japanese", "basic");
      }
      await r.done("conditions");
      await r.answer("householdStart", true);
      await r.answer("memberRelation", "spouse");
      await r.answer("memberAge", "18-39");
      await r.done("memberConditions");
      await r.answer("householdMore", false);
      await r.answer("tenure", "rented_private");
      await r.done("housingRisks");
      await r.answer("rent", 60000);
      await r.answer("work", "employed_nonregular");
      await r.answer("lostJob", false);
      await r.answer("incomeDropped", true);
      expect(r.currentQuestion()).toBe("income");
      await r.type(c.amount);
      // With the amount given, its sources are not asked.
      expect(r.currentQuestion(), `${c.amount} was not read as an amount`).toBe("savings");
      expect((await storedAnswers(sys.server, r.userId))?.income.monthlyHouseholdIncome).toBe(c.yen);

      // A crisis typed mid-intake: answered at once in the language, then the same question again.
      expect(r.currentQuestion()).toBe("savings");
      const line = firstCrisis(lang);
      const crisisFrom = r.allMessages().length;
      const reply = await r.type(line.text);
      const crisisTo = r.allMessages().length;
      const replyText = reply.map(textOf).join("\n");
      const intro = crisisIntro(lang, line.crisis!);
      expect(intro.length).toBeGreaterThan(5);
      expect(replyText).toContain(intro);
      const phones = crisisPhones(line.crisis!);
      expect(phones.length).toBeGreaterThan(0);
      expect(phones.some((p) => replyText.includes(p)), `${replyText}\nshould name one of ${phones.join(", ")}`).toBe(true);
      expect(questionOf(reply.at(-1))).toBe("savings");
      expect(r.currentQuestion()).toBe("savings");
      expect((await storedAnswers(sys.server, r.userId))?.income.savings).toBeNull();

      await r.answer("savings", "under_100k");
      await r.done("arrears");
      await r.answer("debt", false);
      await r.answer("food", "sometimes_short");
      await r.answer("consult", true);
      await r.skip("ucla1");
      await r.skip("ucla2");
      await r.skip("ucla3");
      await r.skip("selfHarm");
      await r.skip("violence");
      expect(r.currentQuestion()).toBe("freeText"); // no child, no older member
      await r.skip("freeText");
      await r.answer("consent", true);
      await r.answer("contactBy", "line"); // no name or phone for an answer in LINE
      expect(r.currentQuestion()).toBe("summary");
      const completion = await r.answer("summary", true);
      expect(completion.map(textOf).join("\n")).toMatch(REFERENCE_NO);

      // Every question after the language was chosen is in the language's script (the crisis
      // reply carries the municipality's contact names and is looked at above).
      const questions = [...questionTexts(r, afterLanguage, crisisFrom), ...questionTexts(r, crisisTo)];
      expectScript(lang, questions);

      // One referral (raised by the crisis, filled in by the completion), in the language.
      const referrals = await referralsOf(r);
      expect(referrals).toHaveLength(1);
      expect(referrals[0]!.intake).toMatchObject({
        language: lang,
        respondent: "self",
        area: "chuo",
        person: { ageBand: "18-39", foreignNational: japanese ? true : null, japaneseLevel: japanese ? "basic" : null, work: "employed_nonregular" },
        household: { members: [{ relation: "spouse", ageBand: "18-39", conditions: [] }] },
        housing: { tenure: "rented_private", risks: [], monthlyRent: 60000 },
        income: { monthlyHouseholdIncome: c.yen, sources: [], savings: "under_100k", food: "sometimes_short" },
        concerns: ["housing", "income"],
        mainConcern: "income",
        consent: { shareWithRelatedWindows: true, contactBy: "line" },
      });
      expect(sys.fake.violations).toEqual([]);
    },
  );
});

describe("switching language in the middle of an intake", () => {
  it("by the rich menu's postback and by typing a language's name: the open question comes again in the new language, and every answer is kept", async () => {
    const r = new Resident(sys);
    await r.follow();
    await r.answer("language", "ko");
    await r.answer("respondent", "family");
    await r.answer("area", "kita");
    await r.toggle("concerns", "job_search");
    await r.done("concerns");
    await r.answer("age", "40-64");
    expect(r.currentQuestion()).toBe("conditions");

    // From the rich menu: {"op":"lang","v":"vi"}.
    const toVi = await r.postback({ op: "lang", v: "vi" });
    expect(r.currentQuestion()).toBe("conditions");
    expect(questionOf(toVi.at(-1))).toBe("conditions");
    expect(scriptProblem("vi", textOf(toVi.at(-1)))).toBeNull();
    expect(await storedAnswers(sys.server, r.userId)).toMatchObject({
      language: "vi",
      respondent: "family",
      area: "kita",
      concerns: ["job_search"],
      person: { ageBand: "40-64" },
    });
    await r.done("conditions");
    await r.answer("householdStart", false);
    await r.answer("tenure", "public_housing");
    await r.done("housingRisks");
    expect(r.currentQuestion()).toBe("rent");

    // Typed: the language's own name.
    const toNe = await r.type("नेपाली");
    expect(r.currentQuestion()).toBe("rent");
    expect(scriptProblem("ne", textOf(toNe.at(-1)))).toBeNull();
    await r.type("३५०००"); // rent, in Devanagari digits
    await r.answer("work", "unemployed");
    await r.answer("lostJob", true); // a lost job: no question about an income drop
    expect(r.currentQuestion()).toBe("income");

    const toTh = await r.type("ภาษาไทย");
    expect(r.currentQuestion()).toBe("income");
    expect(scriptProblem("th", textOf(toTh.at(-1)))).toBeNull();
    await r.type("๑๒๐,๐๐๐"); // Thai digits
    expect(await storedAnswers(sys.server, r.userId)).toMatchObject({
      language: "th",
      respondent: "family",
      area: "kita",
      person: { ageBand: "40-64", work: "unemployed", lostJobWithin2Years: true },
      household: { members: [] },
      housing: { tenure: "public_housing", monthlyRent: 35000 },
      income: { monthlyHouseholdIncome: 120000 },
    });
    for (let i = 0; i < 60 && r.currentQuestion() !== "summary"; i++) await r.skip(r.currentQuestion()!);
    expect(r.currentQuestion()).toBe("summary");
    await r.answer("summary", true);

    const [referral, ...others] = await referralsOf(r);
    expect(others).toEqual([]);
    expect(referral!.intake).toMatchObject({
      language: "th",
      respondent: "family",
      area: "kita",
      person: { ageBand: "40-64", work: "unemployed", lostJobWithin2Years: true },
      housing: { tenure: "public_housing", monthlyRent: 35000 },
      income: { monthlyHouseholdIncome: 120000 },
    });
    expect(sys.fake.violations).toEqual([]);
  });
});
