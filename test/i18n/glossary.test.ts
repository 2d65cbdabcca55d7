import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import { LOCALE_CODES } from "../../src/intake/codes.ts";
import {
  checkGlossary,
  checkLocales,
  glossaryProblemsInText,
  loadGlossary,
  rendering,
  ROOT,
  sameKeyProblems,
  termsIn,
  type Glossary,
} from "../../scripts/i18nCheck.ts";

const g = loadGlossary();
const clone = (x: Glossary): Glossary => JSON.parse(JSON.stringify(x)) as Glossary;

describe("the glossary (locales/glossary.json)", () => {
  it("when it is checked, then it is well formed: a reading, a kind and all fourteen languages for every term", () => {
    expect(checkGlossary(g)).toEqual([]);
    for (const [term, e] of Object.entries(g.terms)) {
      for (const lang of LOCALE_CODES) expect(typeof e[lang], `${term} in ${lang}`).toBe("string");
    }
  });

  it("when the names residents meet are looked up, then each is there", () => {
    for (const term of [
      "住居確保給付金",
      "生活保護",
      "地域包括支援センター",
      "自立相談支援機関",
      "こども家庭センター",
      "児童相談所",
      "福祉事務所",
      "保健所",
      "配偶者暴力相談支援センター",
      "ハローワーク",
      "在留カード",
      "関係機関",
      "重層的支援会議",
      "支援会議",
      "よりそいホットライン",
    ]) {
      expect(g.terms[term], term).toBeDefined();
    }
  });

  it("when a scheme is rendered, then the Japanese name stays beside the translation", () => {
    expect(rendering(g, "住居確保給付金", "ja")).toBe("住居確保給付金");
    expect(rendering(g, "住居確保給付金", "ja-easy")).toBe("住居確保給付金(じゅうきょかくほきゅうふきん)");
    expect(rendering(g, "住居確保給付金", "en")).toBe("Housing Security Benefit (住居確保給付金)");
    expect(g.terms["住居確保給付金"]!.reading).toBe("じゅうきょかくほきゅうふきん");
    for (const [term, e] of Object.entries(g.terms)) {
      for (const lang of LOCALE_CODES.filter((l) => l !== "ja" && l !== "ja-easy")) {
        expect(String(e[lang]), `${term} in ${lang}`).toContain(term);
      }
    }
  });

  it("when the municipality's windows and crisis lines are named, then each name holds a glossary term, so the bot can name it in every language", () => {
    const m = parse(readFileSync(join(ROOT, "flows/municipality.yaml"), "utf8")) as {
      windows: { name: string }[];
      crisisContacts: Record<string, { name: string }[]>;
    };
    const names = [...m.windows.map((w) => w.name), ...Object.values(m.crisisContacts).flat().map((c) => c.name)];
    for (const name of names) expect(termsIn(g, name, "ja"), name).not.toEqual([]);
  });

  it("when the glossary is broken, then each fault is named", () => {
    const bad = clone(g);
    delete bad.terms["生活保護"]!["vi"];
    bad.terms["住居確保給付金"]!["en"] = "Housing Security Benefit";
    bad.terms["児童相談所"]!["ja-easy"] = "児童相談所";
    bad.terms["保健所"]!.reading = "ホケンジョ";
    bad.terms["生活保護"]!.short = { en: "Public assistance benefit (生活保護)" };
    bad.terms["関係機関"]!["ja-easy"] = "関係機関(かんけいきこう)";
    const problems = checkGlossary(bad);
    expect(problems).toContain("glossary.json: 生活保護: no rendering for vi");
    expect(problems.some((p) => p.startsWith("glossary.json: 住居確保給付金: the en rendering") && p.includes("must keep the Japanese name"))).toBe(true);
    expect(problems.some((p) => p.startsWith("glossary.json: 児童相談所: the ja-easy rendering") && p.includes("kanji without a reading"))).toBe(true);
    expect(problems.some((p) => p.startsWith("glossary.json: 保健所: reading"))).toBe(true);
    expect(problems.some((p) => p.startsWith("glossary.json: 生活保護: the short en rendering") && p.includes("a label fits"))).toBe(true);
    expect(problems.some((p) => p.startsWith("glossary.json: 関係機関: the ja-easy rendering reads"))).toBe(true);
  });
});

describe("a scheme named in a locale text (rule G2)", () => {
  it("when an English text names 住居確保給付金 without its rendering, then it is flagged with the language, the key and the fix", () => {
    const problems = glossaryProblemsInText(g, "en", "end.entitlement.x", "You may be able to get 住居確保給付金.");
    expect(problems).toEqual([
      'en/bot.json: end.entitlement.x: names 住居確保給付金 without its glossary rendering — write "Housing Security Benefit (住居確保給付金)" (locales/glossary.json)',
    ]);
    expect(glossaryProblemsInText(g, "en", "end.entitlement.x", "You may get the Housing Security Benefit (住居確保給付金).")).toEqual([]);
    expect(glossaryProblemsInText(g, "en", "end.entitlement.x", "housing security benefit (住居確保給付金) may help.")).toEqual([]);
  });

  it("when another translation sits beside the Japanese name, then it is flagged: one name per scheme and language", () => {
    expect(glossaryProblemsInText(g, "vi", "k", "Trợ cấp nhà ở (住居確保給付金)")).toHaveLength(1);
    expect(glossaryProblemsInText(g, "vi", "k", "Trợ cấp đảm bảo nhà ở (住居確保給付金)")).toEqual([]);
  });

  it("when a choice label is short, then the short rendering also does; in a sentence it does not", () => {
    expect(glossaryProblemsInText(g, "en", "options.incomeSource.public_assistance", "Welfare (生活保護)")).toEqual([]);
    const inSentence = glossaryProblemsInText(g, "en", "end.entitlement.public_assistance_candidate", "• Welfare (生活保護): for …");
    expect(inSentence).toHaveLength(1);
    expect(inSentence[0]).toContain('"Public assistance (生活保護)"');
  });

  it("when a やさしい日本語 text names a scheme, then the name must carry its reading", () => {
    expect(glossaryProblemsInText(g, "ja-easy", "k", "住居確保給付金(じゅうきょかくほきゅうふきん)が もらえます")).toEqual([]);
    expect(glossaryProblemsInText(g, "ja-easy", "k", "住居確保給付金が もらえます")).toHaveLength(1);
    expect(glossaryProblemsInText(g, "ja", "k", "住居確保給付金が")).toEqual([]); // ja is the name itself
  });

  it("when names nest, then the longest name at a place is the one read, and 救急 is not read inside 救急車", () => {
    expect(termsIn(g, "重層的支援会議を開きます", "ja")).toEqual(["重層的支援会議"]);
    expect(termsIn(g, "支援会議を開きます", "ja")).toEqual(["支援会議"]);
    expect(termsIn(g, "児童相談所虐待対応ダイヤル 189", "ja")).toEqual(["児童相談所虐待対応ダイヤル"]);
    expect(termsIn(g, "救急車を呼んでください", "ja")).toEqual([]);
    expect(termsIn(g, "119番（救急）", "ja")).toEqual(["救急"]);
    expect(termsIn(g, "みらい市 福祉事務所（生活保護）", "ja").sort()).toEqual(["生活保護", "福祉事務所"].sort());
    expect(termsIn(g, "救急車(きゅうきゅうしゃ)が 来(き)ます", "ja-easy")).toEqual([]);
  });
});

describe("the same key names the same schemes in every language (rule G3)", () => {
  it("when the Japanese names 児童相談所 and the English drops it, then it is flagged", () => {
    const ja = "相談は児童相談所の189番（24時間・匿名可）へ。";
    expect(sameKeyProblems(g, "en", "crisis.child_abuse", "The child guidance line is 189.", ja)).toEqual([
      'en/bot.json: crisis.child_abuse: the Japanese text names 児童相談所, this one does not — add "Child Guidance Center (児童相談所)" (locales/glossary.json)',
    ]);
    expect(sameKeyProblems(g, "en", "crisis.child_abuse", "Call the Child Guidance Center (児童相談所) on 189.", ja)).toEqual([]);
  });

  it("when the Japanese names a crisis line or the text is a choice label, then nothing is required", () => {
    expect(sameKeyProblems(g, "en", "msg.privacy", "call 110 (police) or 119 (ambulance).", "110番（警察）か119番（救急）に")).toEqual([]);
    expect(sameKeyProblems(g, "en", "options.tenure.public_housing", "Public housing", "公営住宅（市営など）")).toEqual([]);
  });
});

describe("npm run i18n:check", () => {
  const tmp = mkdtempSync(join(tmpdir(), "tsunagu-i18n-"));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it("when the real locales are checked, then there is no problem", () => {
    expect(checkLocales()).toEqual([]);
  });

  it("when a locale breaks the glossary and the やさしい日本語 rules, then the command fails and prints one line per problem with the language, the key and the fix", () => {
    cpSync(join(ROOT, "locales"), join(tmp, "locales"), { recursive: true });
    cpSync(join(ROOT, "flows"), join(tmp, "flows"), { recursive: true });
    const edit = (lang: string, change: (bot: { q: Record<string, { text: string }>; end: { entitlement: Record<string, string> } }) => void) => {
      const file = join(tmp, "locales", lang, "bot.json");
      const bot = JSON.parse(readFileSync(file, "utf8")) as Parameters<typeof change>[0];
      change(bot);
      writeFileSync(file, JSON.stringify(bot, null, 2));
    };
    edit("en", (b) => {
      b.end.entitlement["housing_benefit_candidate"] = "• 住居確保給付金: pays rent for a time.";
    });
    edit("ja-easy", (b) => {
      b.q["area"]!.text = "住所を選(えら)んでください。";
      b.q["name"]!.text = "あなたのお名前(なまえ)を、こちらに書(か)いていただけますでしょうか。";
    });
    const run = spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "scripts/i18nCheck.ts"), tmp], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split("\n");
    expect(lines).toContain(
      'en/bot.json: end.entitlement.housing_benefit_candidate: names 住居確保給付金 without its glossary rendering — write "Housing Security Benefit (住居確保給付金)" (locales/glossary.json)',
    );
    expect(lines.some((l) => l.startsWith("ja-easy/bot.json: q.area.text: kanji 「住所」 has no reading"))).toBe(true);
    expect(lines.some((l) => l.startsWith("ja-easy/bot.json: q.name.text: honorific 「いただけます"))).toBe(true);
    expect(lines.some((l) => l.startsWith("ja-easy/bot.json: q.name.text: honorific 「ますでしょうか"))).toBe(true);
    expect(lines.at(-1)).toBe(`${lines.length - 1} problem(s)`);
  });

  it("when the real repository is checked from the command line, then it passes", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "scripts/i18nCheck.ts")], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/no problems/);
  });
});
