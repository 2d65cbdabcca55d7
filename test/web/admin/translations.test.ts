// /staff/admin/translations over HTTP, signed in as an administrator: the grid of keys ×
// languages with missing and outdated marks, filters and pages; a cell saved into the draft (and
// the audit log) from the revision it was rendered with, refused when stale or when it breaks
// LINE's limits, the placeholders or the やさしい日本語 rules; XLIFF 2.0 and CSV export and import,
// refused line by line with nothing changed. Caseworkers get the console's 404.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDraft, saveDraft } from "../../../src/releases/releaseDraft.ts";
import { readCsv } from "../../../src/translations/translationCsv.ts";
import { recordedHash, sourceHash, textsOf } from "../../../src/translations/translationSources.ts";
import { readXliff } from "../../../src/translations/xliff.ts";
import { createStaffUser } from "../../../src/web/staff/accounts.ts";
import { inputValue, StaffClient } from "../../support/browser.ts";
import { startTestSystem, type TestSystem } from "../../support/testServer.ts";

/** The resident texts of the repository (every text of locales/ja/bot.json): the grid's rows, the export's units. */
const leaves = (o: object): number => Object.values(o).reduce<number>((n, v) => n + (v && typeof v === "object" && !Array.isArray(v) ? leaves(v as object) : 1), 0);
const BOT_KEYS = leaves(JSON.parse(readFileSync("locales/ja/bot.json", "utf8")) as object);

let sys: TestSystem;
let admin: StaffClient;
let caseworker: StaffClient;
const BASE = "/staff/admin/translations";

beforeAll(async () => {
  sys = await startTestSystem();
  for (const role of ["admin", "caseworker"] as const) {
    const name = `texts-${role}`;
    const oneTime = await createStaffUser(sys.server.db.prisma, { username: name, role, windowIds: role === "caseworker" ? ["city-livelihood"] : [] });
    const password = await new StaffClient(sys.baseUrl).firstSignIn(name, oneTime);
    const c = new StaffClient(sys.baseUrl);
    expect((await c.signIn(name, password)).status).toBe(303);
    if (role === "admin") admin = c;
    else caseworker = c;
  }
}, 60_000);
afterAll(async () => {
  await sys?.stop();
});

const prisma = () => sys.server.db.prisma;
const draft = () => getDraft(prisma());
const textIn = async (lang: string, key: string, ns = "bot") => textsOf((await draft()).content, lang, ns).get(key);

/** Saves one cell the way its form does, from the revision the page shows. */
async function saveCell(lang: string, key: string, text: string, o: { revision?: number; ns?: string } = {}) {
  const page = await admin.get(`${BASE}?target=${lang === "ja" ? "en" : lang}`);
  const revision = o.revision ?? Number(inputValue(page.text, "revision"));
  return admin.post(BASE, { _csrf: inputValue(page.text, "_csrf")!, revision: String(revision), ns: o.ns ?? "bot", key, target: lang, text, f_target: lang === "ja" ? "en" : lang });
}

async function importFile(file: string, ns = "bot") {
  const page = await admin.get(BASE);
  return admin.post(`${BASE}/import`, { _csrf: inputValue(page.text, "_csrf")!, revision: inputValue(page.text, "revision")!, ns, file });
}

describe("the translations grid", () => {
  it("when an administrator opens it, then every language of the draft is a column and the keys come 50 to a page", async () => {
    const page = await admin.get(BASE);
    expect(page.status).toBe(200);
    for (const lang of ["ja", "ja-easy", "en", "zh-Hans", "zh-Hant", "ko", "vi", "pt-BR", "es", "tl", "ne", "id", "th", "my"]) expect(page.text).toContain(`<td data-lang="${lang}"`);
    expect(page.text.match(/<tr data-key=/g)).toHaveLength(50);
    const pages = Math.ceil(BOT_KEYS / 50);
    expect(page.text).toContain(`data-page="1" data-pages="${pages}"`);
    const last = await admin.get(`${BASE}?page=${pages}`);
    expect(last.text.match(/<tr data-key=/g)!.length).toBe(BOT_KEYS - (pages - 1) * 50);
    // English texts, and the staff surfaces only where they exist (ja, en).
    expect((await admin.get(`${BASE}?lang=en`)).text).toContain("Translations");
    const staff = await admin.get(`${BASE}?ns=staff`);
    expect(staff.text).toContain('<td data-lang="en"');
    expect(staff.text).not.toContain('<td data-lang="ko"');
  });

  it("when a caseworker asks for the page, the export or a save, then the answer is the console's 404", async () => {
    expect((await caseworker.get(BASE)).status).toBe(404);
    expect((await caseworker.get(`${BASE}/export?target=en`)).status).toBe(404);
    const token = await caseworker.csrf("/staff");
    expect((await caseworker.post(BASE, { _csrf: token, revision: "0", ns: "bot", key: "q.respondent.text", target: "en", text: "x" })).status).toBe(404);
  });

  it("when a translation is missing, then its cell says so and the missing filter lists exactly its key", async () => {
    const d = await draft();
    const content = structuredClone(d.content);
    delete ((content.locales.ko!.bot as Record<string, Record<string, unknown>>).q!.foreign as Record<string, unknown>).text;
    expect((await saveDraft(prisma(), content, { revision: d.revision, by: "test" })).ok).toBe(true);
    const page = await admin.get(`${BASE}?target=ko&state=missing`);
    expect(page.text.match(/<tr data-key="([^"]+)"/g)).toEqual(['<tr data-key="q.foreign.text"']);
    expect(page.text).toContain('data-lang="ko" data-state="missing"');
    const all = await admin.get(`${BASE}?state=missing`);
    expect(all.text).toContain('data-missing="1"');
  });
});

describe("saving a cell", () => {
  it("when an administrator saves a translation, then it is in the draft with its source hash and audited with before and after", async () => {
    const before = await textIn("en", "q.respondent.text");
    const revision = (await draft()).revision;
    const a = await saveCell("en", "q.respondent.text", "Who is this consultation about?");
    expect(a.status).toBe(303);
    expect(a.location).toBe(`${BASE}?target=en&ok=saved#cell-en-q_respondent_text`);
    const d = await draft();
    expect(d.revision).toBe(revision + 1);
    expect(textsOf(d.content, "en", "bot").get("q.respondent.text")).toBe("Who is this consultation about?");
    expect(recordedHash(d.content, "en", "bot", "q.respondent.text")).toBe(sourceHash(textsOf(d.content, "ja", "bot").get("q.respondent.text")));
    const audit = await prisma().auditLog.findFirstOrThrow({ where: { action: "admin.translations.edit" }, orderBy: { at: "desc" } });
    expect(audit.detail).toMatchObject({ lang: "en", ns: "bot", key: "q.respondent.text", before, after: "Who is this consultation about?", revision: revision + 1 });
    // The texts stay out of the diff's text list as bookkeeping: only the English text changed.
    // The row, found by its key (the stored draft keeps its keys in the database's order, so which
    // page of 50 holds a key moves as texts are added).
    expect((await admin.get(`${BASE}?target=en&q=q.respondent.text&ok=saved`)).text).toContain("Who is this consultation about?");
  });

  it("when the form was rendered from an older revision, then nothing is saved and the page names who changed the draft and when", async () => {
    const page = await admin.get(`${BASE}?target=en`);
    const old = inputValue(page.text, "revision")!;
    expect((await saveCell("en", "q.area.text", "Where do you live?")).status).toBe(303);
    const stale = await admin.post(BASE, { _csrf: inputValue(page.text, "_csrf")!, revision: old, ns: "bot", key: "q.age.text", target: "en", text: "How old?" });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain("texts-admin");
    expect(stale.text).toContain("How old?"); // kept in the field
    expect(await textIn("en", "q.age.text")).not.toBe("How old?");
  });

  it("when a label is longer than LINE's 20 characters, then the save is refused with the problem next to the field", async () => {
    const revision = (await draft()).revision;
    const long = "Myself, and nobody else at all";
    const a = await saveCell("en", "options.respondent.self", long);
    expect(a.status).toBe(422);
    expect(a.text).toMatch(/<ul id="cell-en-options_respondent_self-problems"[^>]*><li data-problem="labelTooLong">/);
    expect(a.text).toContain('aria-invalid="true"');
    expect((await draft()).revision).toBe(revision);
  });

  it("when placeholders differ from the Japanese or a やさしい日本語 text has kanji without readings, then the save is refused", async () => {
    const p = await saveCell("en", "q.memberAge.text", "How old is person {{count}}?");
    expect(p.status).toBe(422);
    expect(p.text).toContain('data-problem="placeholders"');
    const e = await saveCell("ja-easy", "q.respondent.text", "だれのことで相談しますか。");
    expect(e.status).toBe(422);
    expect(e.text).toContain('data-problem="easyKanjiWithoutReading"');
    expect(await textIn("ja-easy", "q.respondent.text")).toBe("だれのことで相談(そうだん)しますか。");
  });

  it("when the Japanese changes, then its translations show as outdated until saved again", async () => {
    expect((await saveCell("ja", "q.foreign.text", "ご本人は、外国籍の方ですか？")).status).toBe(303);
    const page = await admin.get(`${BASE}?state=outdated&target=en`);
    expect(page.text.match(/<tr data-key="([^"]+)"/g)).toEqual(['<tr data-key="q.foreign.text"']);
    expect(page.text).toContain('data-lang="en" data-state="outdated"');
    expect((await admin.get(`${BASE}?state=outdated&target=th`)).text).toContain('data-key="q.foreign.text"');
    // Saving the English again (even unchanged) says it was made from today's Japanese.
    expect((await saveCell("en", "q.foreign.text", String(await textIn("en", "q.foreign.text")))).status).toBe(303);
    expect((await admin.get(`${BASE}?state=outdated&target=en`)).text).not.toContain('data-key="q.foreign.text"');
  });

  it("when the script checks a text while typing, then the same problems come back in the reader's language", async () => {
    const token = await admin.csrf(BASE);
    const a = await admin.post(`${BASE}/check?lang=en`, { _csrf: token, ns: "bot", key: "options.respondent.self", target: "en", text: "x".repeat(25) });
    expect(a.status).toBe(200);
    expect(JSON.parse(a.text)).toEqual({ problems: [{ code: "labelTooLong", text: expect.stringContaining("20") }] });
  });
});

describe("export and import", () => {
  it("when English is exported as XLIFF and imported back with a change, then the draft changes in one save", async () => {
    const x = await admin.get(`${BASE}/export?target=en&format=xliff`);
    expect(x.status).toBe(200);
    expect(x.headers.get("content-disposition")).toMatch(/\.xlf"$/);
    const doc = readXliff(x.text);
    expect(doc).toMatchObject({ version: "2.0", srcLang: "ja", trgLang: "en" });
    expect(doc.units).toHaveLength(BOT_KEYS);
    const edited = x.text.replace(/(<unit id="q\.age\.text"><segment[^>]*><source>[^<]*<\/source><target>)[^<]*/, "$1How old is the person (roughly)?");
    const revision = (await draft()).revision;
    const a = await importFile(edited);
    expect(a.status).toBe(303);
    expect(a.location).toContain("ok=imported&n=1");
    expect((await draft()).revision).toBe(revision + 1);
    expect(await textIn("en", "q.age.text")).toBe("How old is the person (roughly)?");
    const audit = await prisma().auditLog.findFirstOrThrow({ where: { action: "admin.translations.import" }, orderBy: { at: "desc" } });
    expect(audit.detail).toMatchObject({ lang: "en", format: "xliff", changes: [{ key: "q.age.text", after: "How old is the person (roughly)?" }] });
  });

  it("when an XLIFF file has an unknown key and broken placeholders, then each is refused with its line and nothing changes", async () => {
    const revision = (await draft()).revision;
    const file = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ja" trgLang="en"><file id="bot">',
      '<unit id="q.respondent.text"><segment><source>x</source><target>Fine &amp; well</target></segment></unit>',
      '<unit id="q.nothing.text"><segment><source>x</source><target>Nothing</target></segment></unit>',
      '<unit id="q.memberAge.text"><segment><source>x</source><target>How old is {{who}}?</target></segment></unit>',
      "</file></xliff>",
    ].join("\n");
    const a = await importFile(file);
    expect(a.status).toBe(422);
    expect(a.text).toContain('<li data-line="4">');
    expect(a.text).toContain('<li data-line="5">');
    expect(a.text).not.toContain('<li data-line="3">');
    expect((await draft()).revision).toBe(revision);
    expect(await textIn("en", "q.respondent.text")).not.toBe("Fine & well");
  });

  it("when an XLIFF file carries a DOCTYPE, then it is refused before anything is read", async () => {
    const file = '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<xliff version="2.0" srcLang="ja" trgLang="en"><file><unit id="q.age.text"><segment><source>x</source><target>&e;</target></segment></unit></file></xliff>';
    const a = await importFile(file);
    expect(a.status).toBe(422);
    expect(a.text).toContain('<li data-line="2">');
    expect(a.text).not.toContain("root:");
  });

  it("when Thai is exported as CSV, edited and imported, then the edited row lands and an unknown key is refused by its line", async () => {
    const c = await admin.get(`${BASE}/export?target=th&format=csv`);
    expect(c.status).toBe(200);
    const records = readCsv(c.text);
    expect(records[0]!.fields).toEqual(["key", "ja", "th"]);
    expect(records).toHaveLength(BOT_KEYS + 1);
    const bad = `${c.text}q.unknown.text,x,y\r\n`;
    const refused = await importFile(bad);
    expect(refused.status).toBe(422);
    expect(refused.text).toContain(`<li data-line="${c.text.split("\n").length}">`);
    const lines = c.text.split("\r\n");
    const i = lines.findIndex((l) => l.startsWith("q.area.text,"));
    lines[i] = `q.area.text,"${String(await textIn("ja", "q.area.text"))}","กรุณาเลือกพื้นที่, ที่อยู่"`;
    const a = await importFile(lines.join("\r\n"));
    expect(a.status).toBe(303);
    expect(await textIn("th", "q.area.text")).toBe("กรุณาเลือกพื้นที่, ที่อยู่");
  });
});
