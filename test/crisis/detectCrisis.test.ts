import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { CRISIS_KINDS, CrisisKindSchema } from "../../src/crisis/crisisKinds.ts";
import { detectCrisis, foldForCrisis, normalizeForCrisis } from "../../src/crisis/detectCrisis.ts";

const Line = z.object({
  lang: z.string(),
  text: z.string(),
  crisis: CrisisKindSchema.nullable(),
  note: z.string().optional(),
});
type Line = z.infer<typeof Line>;

function readJsonl(url: URL): Line[] {
  return readFileSync(url, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => Line.parse(JSON.parse(l)));
}

const SAMPLE = readJsonl(new URL("../fixtures/shared/cases/crisis-sample.jsonl", import.meta.url));
const CORPUS = readJsonl(new URL("./corpus.jsonl", import.meta.url));
const LANGS = ["ja", "ja-easy", "en", "zh-Hans", "zh-Hant", "ko", "vi", "pt-BR", "es", "tl", "ne", "id", "th", "my"];

const kindOf = (text: string) => detectCrisis(text)?.kind ?? null;

describe("the labelled sample (shared/cases/crisis-sample.jsonl)", () => {
  it.each(SAMPLE.map((l) => [l.lang, l.text, l.crisis] as const))("[%s] %s → %s", (_lang, text, want) => {
    expect(kindOf(text)).toBe(want);
  });
});

describe("the corpus (test/crisis/corpus.jsonl)", () => {
  type Row = { pos: number; hit: number; neg: number; falseAlarms: number; wrong: string[] };
  const rows = new Map<string, Row>();
  for (const l of CORPUS) {
    const r = rows.get(l.lang) ?? { pos: 0, hit: 0, neg: 0, falseAlarms: 0, wrong: [] };
    rows.set(l.lang, r);
    const got = kindOf(l.text);
    if (l.crisis) {
      r.pos++;
      if (got === l.crisis) r.hit++;
      else r.wrong.push(`missed ${l.crisis} (got ${got}): ${l.text}`);
    } else {
      r.neg++;
      if (got) {
        r.falseAlarms++;
        r.wrong.push(`false alarm ${got}: ${l.text}`);
      }
    }
  }
  const total = [...rows.values()].reduce(
    (a, r) => ({ pos: a.pos + r.pos, hit: a.hit + r.hit, neg: a.neg + r.neg, falseAlarms: a.falseAlarms + r.falseAlarms }),
    { pos: 0, hit: 0, neg: 0, falseAlarms: 0 },
  );

  it("covers the 14 languages, each with 8+ positives over every kind and 6+ near-misses", () => {
    for (const lang of LANGS) {
      const lines = CORPUS.filter((l) => l.lang === lang);
      expect(lines.filter((l) => l.crisis).length, lang).toBeGreaterThanOrEqual(8);
      expect(lines.filter((l) => !l.crisis).length, lang).toBeGreaterThanOrEqual(6);
    }
    for (const kind of CRISIS_KINDS) expect(CORPUS.some((l) => l.crisis === kind), kind).toBe(true);
    expect(new Set(CORPUS.map((l) => l.lang))).toEqual(new Set(LANGS));
  });

  it("reaches recall ≥ 0.95, false alarms ≤ 3%, and at most one miss per language", () => {
    const pct = (a: number, b: number) => (b === 0 ? "-" : `${((100 * a) / b).toFixed(1)}%`);
    const table = LANGS.map((lang) => {
      const r = rows.get(lang) ?? { pos: 0, hit: 0, neg: 0, falseAlarms: 0, wrong: [] };
      return `${lang.padEnd(8)} | ${`${r.hit}/${r.pos}`.padStart(7)} ${pct(r.hit, r.pos).padStart(7)} | ${`${r.falseAlarms}/${r.neg}`.padStart(7)} ${pct(r.falseAlarms, r.neg).padStart(6)}`;
    });
    console.log(
      [
        "crisis corpus: recall on positives (kind must match) | false alarms on near-misses",
        "lang     |  recall         | false alarms",
        ...table,
        `${"all".padEnd(8)} | ${`${total.hit}/${total.pos}`.padStart(7)} ${pct(total.hit, total.pos).padStart(7)} | ${`${total.falseAlarms}/${total.neg}`.padStart(7)} ${pct(total.falseAlarms, total.neg).padStart(6)}`,
      ].join("\n"),
    );
    const wrong = [...rows.entries()].flatMap(([lang, r]) => r.wrong.map((w) => `[${lang}] ${w}`));
    if (wrong.length > 0) console.log(wrong.join("\n"));

    expect(total.hit / total.pos).toBeGreaterThanOrEqual(0.95);
    expect(total.falseAlarms / total.neg).toBeLessThanOrEqual(0.03);
    for (const [lang, r] of rows) expect(r.wrong.length, `${lang}: ${r.wrong.join(" | ")}`).toBeLessThanOrEqual(1);
  });

  it("is fast: median well under 1 ms a message", () => {
    const texts = CORPUS.map((l) => l.text);
    for (const t of texts) detectCrisis(t); // warm up the regular expressions
    const times: number[] = [];
    for (const t of texts) {
      const t0 = performance.now();
      detectCrisis(t);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)] ?? 0;
    console.log(`crisis detection: median ${median.toFixed(3)} ms, p95 ${(times[Math.floor(times.length * 0.95)] ?? 0).toFixed(3)} ms`);
    expect(median).toBeLessThan(1);
  });
});

describe("priority when one message holds several crises", () => {
  it.each([
    ["I took 30 pills just now and I want to die", "medical"],
    ["死にたい。さっき薬を全部飲んだ、ふらふらする", "medical"],
    ["my dad collapsed and isn't breathing, i want to die", "medical"],
    ["死にたい。ロープも買った、今夜決行する。夫にも殴られてる", "self_harm"],
    ["夫に殴られて、もう死にたい", "violence"],
    ["my husband hits me and our son", "violence"],
    ["夫が息子を殴る。私も死にたい", "child_abuse"],
    ["死にたい。今夜寝るところもない", "self_harm"],
    ["今日追い出されて寝るところがないし、昨日から何も食べてない", "homeless_tonight"],
  ] as const)("%s → %s", (text, want) => {
    expect(kindOf(text)).toBe(want);
  });

  it("a child hurt without the writer named is child_abuse, not violence", () => {
    expect(kindOf("旦那が娘を叩く")).toBe("child_abuse");
    expect(kindOf("孩子被他爸打了")).toBe("child_abuse");
    expect(kindOf("anak saya dipukuli ayahnya")).toBe("child_abuse");
  });
});

describe("plan, means or attempt", () => {
  it.each([
    "睡眠薬をためてる",
    "ロープ買ってきた。今夜決行する",
    "飛び降りる場所を決めた",
    "i cut myself again last night",
    "bought a rope today, tonight's the night",
    "安眠药已经攒够了",
    "번개탄 사놨어요",
    "comprei corda, ja decidi",
    "bumili na ako ng lubid",
    "डोरी किनिसकेँ",
    "ซื้อยานอนหลับมาเยอะแล้ว",
    "အိပ်ဆေးတွေ ဝယ်ထားပြီ",
  ])("%s → self_harm with plan", (text) => {
    expect(detectCrisis(text)).toMatchObject({ kind: "self_harm", plan: true });
  });

  it.each(["死にたい", "消えたい", "i want to die", "好想死", "죽고 싶다", "quero morrer", "อยากตาย"])(
    "%s → self_harm without plan",
    (text) => {
      expect(detectCrisis(text)).toMatchObject({ kind: "self_harm", plan: false });
    },
  );

  it("an overdose taken is medical when it is happening now, otherwise self_harm with a plan", () => {
    expect(detectCrisis("薬を全部飲んだ")).toMatchObject({ kind: "self_harm", plan: true });
    expect(detectCrisis("さっき薬を全部飲んだ")).toMatchObject({ kind: "medical", plan: false });
    expect(detectCrisis("i took a whole bottle of sleeping pills an hour ago")).toMatchObject({ kind: "medical" });
  });

  it("plan is false for every other kind", () => {
    for (const text of ["夫に殴られた", "今夜寝るところがない", "昨日から何も食べてない", "父が倒れて意識がない"]) {
      expect(detectCrisis(text)?.plan).toBe(false);
    }
  });
});

describe("guards", () => {
  it.each([
    // hyperbole and idioms
    "死ぬほど忙しい",
    "笑いすぎて死ぬかと思った",
    "恥ずかしすぎて死にたいｗ",
    "会社を首になった",
    "this job is killing me",
    "i'm dead tired",
    "dying to see you",
    "killing time at the station",
    "essa fila ta me matando kkk",
    "me muero de hambre jaja",
    "em giết thời gian bằng cách xem youtube",
    "饿死了",
    "배고파 죽겠다",
    "ขำจนจะตาย 555",
    "capek setengah mati",
    "patay na patay ako sa kanya",
    // resolved or distant past
    "10年前にDVから逃げて、今は元気です",
    "I was homeless in 2019, now I rent a room",
    "used to sleep in my car but i've had an apartment for years",
    "以前被前夫打过，现在已经离婚了，过得很好",
    "antes vivía en la calle, ahora tengo un cuarto",
    // information questions
    "DVの相談窓口はどこですか？",
    "where can i get help for domestic violence?",
    "what should i do if someone has a seizure?",
    "救急車って有料ですか？",
    "請問家暴可以去哪裡諮詢？",
    // negation
    "I don't want to die, I just want help",
    "死にたいわけじゃないけど話を聞いてほしい",
    "我不想死",
    "죽고 싶은 건 아니에요",
    "não quero morrer",
    "em không muốn chết",
    "မသေချင်ပါဘူး",
    // everyday food and sleep talk
    "お腹すいた、早くお昼食べたい",
    "ダイエット中で3日間何も食べてない",
    "i'm on a diet, no food after 6pm",
    "終電逃して家に帰れない",
    "部屋の鍵をなくして入れない",
    // a third person's situation (violence in §7 is about the writer)
    "友達が彼氏に殴られてるみたい",
    // a later date is not tonight
    "来月アパートを出ないといけなくて住むところがない",
  ])("%s → null", (text) => {
    expect(detectCrisis(text)).toBeNull();
  });

  it("laugh markers cool off the jokey phrases but not a plan", () => {
    expect(kindOf("死にたいｗ")).toBeNull();
    expect(kindOf("死にたい")).toBe("self_harm");
    expect(detectCrisis("ロープ買った、今夜決行する笑")).toMatchObject({ kind: "self_harm", plan: true });
  });

  it("a past event that comes back is a crisis again", () => {
    expect(kindOf("前はDVを受けてたけど今は落ち着いてる。でも昨日また殴られた")).toBe("violence");
  });
});

describe("normalisation", () => {
  it.each([
    ["しにたい", "self_harm"],
    ["シニタイ", "self_harm"],
    ["しにたいいいい", "self_harm"],
    ["死にたーい", "self_harm"],
    ["ｼﾆﾀｲ", "self_harm"],
    ["shiiiinitai", "self_harm"],
    ["song the nay chang de lam gi", "self_harm"],
    ["sống thế này chẳng để làm gì", "self_harm"],
    ["wanna die", "self_harm"],
    ["kms", "self_harm"],
    ["i want to unalive myself", "self_harm"],
    ["こんや　ねる　ところが　ありません", "homeless_tonight"],
    ["marna man lagyo", "self_harm"],
    ["khana chaina 2 din bhayo", "no_food"],
  ] as const)("%s → %s", (text, want) => {
    expect(kindOf(text)).toBe(want);
  });

  it("folds diacritics, katakana and the spaces of easy Japanese", () => {
    expect(foldForCrisis(normalizeForCrisis("Sống THẾ này"))).toBe("song the nay");
    expect(foldForCrisis(normalizeForCrisis("シニターイ"))).toBe("しにたい");
    expect(foldForCrisis(normalizeForCrisis("こんや ねる ところ"))).toBe("こんやねるところ");
    expect(normalizeForCrisis("  ＷＡＮＮＡ   dieeee ")).toBe("wanna die");
  });
});

describe("detectCrisis contract", () => {
  it("returns null for empty or blank text", () => {
    expect(detectCrisis("")).toBeNull();
    expect(detectCrisis("   \n ")).toBeNull();
  });

  it("names the rule that decided, never the text", () => {
    for (const l of CORPUS) {
      const d = detectCrisis(l.text);
      if (!d) continue;
      expect(d.matched).toMatch(/^[a-z]{2}(?:-[a-z]+)?\.[a-z_]+(?:\.[a-z_]+)?$/);
      expect(l.text.toLowerCase().includes(d.matched)).toBe(false);
    }
  });
});

describe("a wish not to die, or to live (WANTS_TO_LIVE)", () => {
  it.each(["나는 죽고 싶지 않아", "no quiero morir, solo necesito ayuda", "nao quero morrer, so preciso de ajuda", "ayaw kong mamatay", "ไม่อยากตาย", "gak mau mati aku"])(
    "when the message is %s, then the model's self_harm is vetoed and nothing is raised",
    (text) => expect(detectCrisis(text)).toBeNull(),
  );

  it.each(["살고 싶지 않아", "不想活了", "không muốn sống nữa", "生きたくない"])("when the message is %s (not wanting to live), then it is still self_harm", (text) => {
    expect(detectCrisis(text)?.kind).toBe("self_harm");
  });

  it("when the message says it but an overdose was taken, then the rule's hit stands as a plan", () => {
    expect(detectCrisis("tomei todos os remedios, nao quero morrer")).toMatchObject({ kind: "self_harm", plan: true, certainty: "clear" });
  });
});
