// The directory and settings page (/staff/admin/directory): every change lands in the draft with
// the revision its form was rendered from and is audited with before and after; a stale form is
// refused naming who changed the draft; removals that would leave routing without a window, or a
// window without an area, are refused; numbers are validated; only administrators see it.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hoursInputText, texts } from "../../../src/i18n/openingHours.ts";
import { getDraft } from "../../../src/releases/releaseDraft.ts";
import type { Municipality } from "../../../src/intake/municipality.ts";
import { createStaffUser } from "../../../src/web/staff/accounts.ts";
import { inputValue, StaffClient } from "../../support/browser.ts";
import { startTestSystem, type TestSystem } from "../../support/testServer.ts";

const PAGE = "/staff/admin/directory";
let sys: TestSystem;
let admin: StaffClient;
let other: StaffClient;
let caseworker: StaffClient;

async function signedIn(name: string, role: "admin" | "caseworker"): Promise<StaffClient> {
  const oneTime = await createStaffUser(sys.server.db.prisma, { username: name, role, windowIds: role === "caseworker" ? ["city-livelihood"] : [] });
  const password = await new StaffClient(sys.baseUrl).firstSignIn(name, oneTime);
  const c = new StaffClient(sys.baseUrl);
  expect((await c.signIn(name, password)).status).toBe(303);
  return c;
}

/** Posts a form of the page as it is rendered now (its CSRF token and draft revision). */
async function submit(c: StaffClient, action: string, form: Record<string, string | string[]>, revision?: string) {
  const page = await c.get(PAGE);
  return c.post(`${PAGE}/${action}`, { _csrf: inputValue(page.text, "_csrf")!, revision: revision ?? inputValue(page.text, "revision")!, ...form });
}

const directory = async () => (await getDraft(sys.server.db.prisma)).content.municipality as unknown as Municipality;
const lastAudit = (action: string) => sys.server.db.prisma.auditLog.findFirst({ where: { action }, orderBy: { id: "desc" } });

/** Hours as the page shows them: a schedule written in Japanese. */
const japanese = texts(JSON.parse(readFileSync("locales/ja/bot.json", "utf8")));
const windowForm = (w: Municipality["windows"][number]) => ({
  id: w.id, type: w.type, name: w.name, areas: w.areas, phone: w.phone, hours: hoursInputText(w.hours, japanese), hoursI18n: "", notes: (w.notes ?? []).join(" "), webhook: "", emails: "",
});

beforeAll(async () => {
  sys = await startTestSystem({ workers: false });
  admin = await signedIn("dir-admin", "admin");
  other = await signedIn("dir-admin-2", "admin");
  caseworker = await signedIn("dir-caseworker", "caseworker");
});
afterAll(async () => {
  await sys?.stop();
});

describe("the directory page", () => {
  it("when an administrator opens it, then it shows areas, windows, thresholds and crisis contacts of the draft in Japanese, and in English with ?lang=en", async () => {
    const page = await admin.get(PAGE);
    expect(page.status).toBe(200);
    expect(page.text).toContain("窓口と設定");
    expect(page.text).toContain('data-area="kita"');
    expect(page.text).toContain('data-window="city-housing"');
    expect(page.text).toContain('name="housing_1" value="138000"');
    expect(page.text).toContain('data-contact="medical-0"');
    expect(page.text).toContain('data-revision="0"');
    const en = await admin.get(`${PAGE}?lang=en`);
    expect(en.text).toContain("Directory and settings");
    expect(en.text).toContain("Crisis contacts");
    await admin.get(`${PAGE}?lang=ja`); // the choice is remembered: back to Japanese for what follows
  });

  it("when a caseworker asks for the page, a form or the export, then the answer is the console's 404", async () => {
    expect((await caseworker.get(PAGE)).status).toBe(404);
    expect((await caseworker.get(`${PAGE}/hsds.json`)).status).toBe(404);
    const token = inputValue((await caseworker.get("/staff")).text, "_csrf")!;
    expect((await caseworker.post(`${PAGE}/areas/add`, { _csrf: token, revision: "0", code: "x", name: "x", towns: "" })).status).toBe(404);
  });

  it("when an area is added with its towns, then the draft holds it, its Japanese label is its name, the audit has before and after, and the page lists the gap publishing would refuse", async () => {
    const a = await submit(admin, "areas/add", { code: "kawabe", name: "川辺圏域", towns: "川辺町、新町, 旭町" });
    expect(a.status).toBe(303);
    expect(a.location).toBe(`${PAGE}?ok=area.add`);
    const m = await directory();
    expect(m.areas.find((x) => x.code === "kawabe")).toEqual({ code: "kawabe", name: "川辺圏域", towns: ["川辺町", "新町", "旭町"] });
    const draft = await getDraft(sys.server.db.prisma);
    expect((draft.content.locales.ja!.bot as { areas: Record<string, string> }).areas.kawabe).toBe("川辺圏域");
    const audit = await lastAudit("admin.directory.area.add");
    expect(audit?.detail).toMatchObject({ before: null, after: { code: "kawabe", towns: ["川辺町", "新町", "旭町"] } });
    const page = await admin.get(`${PAGE}?ok=area.add`);
    expect(page.text).toContain("圏域を追加しました");
    // No elderly window serves the new area yet: shown, not hidden.
    expect(page.text).toContain("window type elderly, area kawabe");
  });

  it("when an area's postal codes are saved as people write them, then the draft keeps them as 123-4567; a malformed one is refused naming the field; one listed under another area is refused; nothing changes on a refusal", async () => {
    const saved = await submit(admin, "areas/save", { code: "kawabe", name: "川辺圏域", towns: "川辺町、新町, 旭町", postalCodes: "〒000-0901、０００－０９０２, 0000903" });
    expect(saved.status).toBe(303);
    expect((await directory()).areas.find((x) => x.code === "kawabe")).toEqual({ code: "kawabe", name: "川辺圏域", towns: ["川辺町", "新町", "旭町"], postalCodes: ["000-0901", "000-0902", "000-0903"] });
    expect((await admin.get(PAGE)).text).toContain('value="000-0901、000-0902、000-0903"');
    const before = await getDraft(sys.server.db.prisma);
    const malformed = await submit(admin, "areas/save", { code: "kawabe", name: "川辺圏域", towns: "川辺町", postalCodes: "000-09011" });
    expect(malformed.status).toBe(400);
    expect(malformed.text).toContain('data-error="postalCode"');
    expect(malformed.text).toContain('data-field="postalCodes"');
    const elsewhere = await submit(admin, "areas/save", { code: "kawabe", name: "川辺圏域", towns: "川辺町", postalCodes: "000-0201" });
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.text).toContain("000-0201 is listed under both kita and kawabe");
    expect((await getDraft(sys.server.db.prisma)).revision).toBe(before.revision);
  });

  it("when an area is added with a code that exists, then it is refused and nothing changes", async () => {
    const before = await getDraft(sys.server.db.prisma);
    const a = await submit(admin, "areas/add", { code: "kita", name: "重複", towns: "" });
    expect(a.status).toBe(400);
    expect(a.text).toContain('data-error="areaExists"');
    expect((await getDraft(sys.server.db.prisma)).revision).toBe(before.revision);
  });

  it("when a window is added for the new area, then it is in the draft; removing the area is refused while that window serves only it, and removing the window is refused while routing needs it there", async () => {
    const add = await submit(admin, "windows/add", {
      id: "houkatsu-kawabe", type: "elderly", name: "川辺ふくし相談室", areas: ["kawabe"], phone: "000-000-0108", hours: "月・水（予約制）",
      hoursI18n: "en: Mon and Wed (by appointment)", webhook: "https://example.invalid/hook", emails: "kawabe@example.invalid",
    });
    expect(add.status).toBe(303);
    const w = (await directory()).windows.find((x) => x.id === "houkatsu-kawabe");
    expect(w).toMatchObject({ areas: ["kawabe"], hours: "月・水（予約制）", hoursI18n: { en: "Mon and Wed (by appointment)" }, notify: { webhook: "https://example.invalid/hook", email: ["kawabe@example.invalid"] } });
    const page = await admin.get(PAGE);
    expect(page.text).not.toContain("window type elderly, area kawabe");
    // Its name has no glossary entry: every other language would show it in Japanese.
    const section = page.text.slice(page.text.indexOf('data-window="houkatsu-kawabe"'));
    expect(section.slice(0, section.indexOf("</details>"))).toContain('data-rendering="en" data-missing-glossary');

    const removeArea = await submit(admin, "areas/remove", { code: "kawabe" });
    expect(removeArea.status).toBe(400);
    expect(removeArea.text).toContain('data-error="areaOnlyServedBy" data-field="houkatsu-kawabe"');
    const removeWindow = await submit(admin, "windows/remove", { id: "houkatsu-kawabe" });
    expect(removeWindow.status).toBe(409);
    expect(removeWindow.text).toContain("window type elderly, area kawabe");
    expect((await directory()).windows.some((x) => x.id === "houkatsu-kawabe")).toBe(true);
  });

  it("when a window that another window of its type covers is removed, then it leaves the draft and the audit keeps what it was", async () => {
    const a = await submit(admin, "windows/add", { id: "houkatsu-kawabe-2", type: "elderly", name: "川辺第二ふくし相談室", areas: ["kawabe", "kita"], phone: "000-000-0109", hours: "平日", hoursI18n: "", webhook: "", emails: "" });
    expect(a.status).toBe(303);
    const r = await submit(admin, "windows/remove", { id: "houkatsu-kawabe-2" });
    expect(r.status).toBe(303);
    expect((await directory()).windows.some((x) => x.id === "houkatsu-kawabe-2")).toBe(false);
    expect((await lastAudit("admin.directory.window.remove"))?.detail).toMatchObject({ before: { id: "houkatsu-kawabe-2", phone: "000-000-0109" }, after: null });
  });

  it("when the only window of a routed type is removed, then it is refused naming the areas left without one", async () => {
    const r = await submit(admin, "windows/remove", { id: "city-housing" });
    expect(r.status).toBe(409);
    expect(r.text).toContain("window type housing, area chuo");
    expect((await directory()).windows.some((x) => x.id === "city-housing")).toBe(true);
  });

  it("when an area whose windows serve others too is removed, then it leaves the windows' areas and every language's labels", async () => {
    // Give the kawabe-only window a second area, then kawabe can go.
    const w = (await directory()).windows.find((x) => x.id === "houkatsu-kawabe")!;
    expect((await submit(admin, "windows/save", { ...windowForm(w), areas: ["kawabe", "kita"] })).status).toBe(303);
    const r = await submit(admin, "areas/remove", { code: "kawabe" });
    expect(r.status).toBe(303);
    const m = await directory();
    expect(m.areas.some((a) => a.code === "kawabe")).toBe(false);
    expect(m.windows.find((x) => x.id === "houkatsu-kawabe")!.areas).toEqual(["kita"]);
    const draft = await getDraft(sys.server.db.prisma);
    for (const bundles of Object.values(draft.content.locales)) expect((bundles.bot as { areas?: Record<string, string> } | undefined)?.areas?.kawabe).toBeUndefined();
  });

  it("when a window's phone is changed, then the draft has the new phone and the audit has the old and the new", async () => {
    const w = (await directory()).windows.find((x) => x.id === "city-housing")!;
    const r = await submit(admin, "windows/save", { ...windowForm(w), phone: "000-000-0599" });
    expect(r.status).toBe(303);
    expect((await directory()).windows.find((x) => x.id === "city-housing")).toMatchObject({ phone: "000-000-0599", hours: { days: "weekdays", from: "9:00", to: "17:00" } });
    expect((await lastAudit("admin.directory.window.save"))?.detail).toMatchObject({ before: { phone: "000-000-0501" }, after: { phone: "000-000-0599" } });
  });

  it("when a window's form has a bad webhook, e-mail, phone or a language the release lacks, then each is named and nothing changes", async () => {
    const before = (await getDraft(sys.server.db.prisma)).revision;
    const w = (await directory()).windows.find((x) => x.id === "city-housing")!;
    const r = await submit(admin, "windows/save", { ...windowForm(w), webhook: "ftp://x", emails: "not-an-address", phone: "call us" });
    expect(r.status).toBe(400);
    for (const code of ["webhook", "email", "phone"]) expect(r.text).toContain(`data-error="${code}"`);
    // The refused form is open again with what was typed in it; the others keep the draft's values.
    expect(r.text).toContain('<details class="window" data-window="city-housing" open>');
    expect(r.text).toContain('id="win-city-housing-webhook" name="webhook" value="ftp://x"');
    expect(r.text).toContain('id="win-pref-dv-center-webhook" name="webhook" value=""');
    const lang = await submit(admin, "windows/save", { ...windowForm(w), hoursI18n: "xx: sometimes" });
    expect(lang.status).toBe(400);
    expect(lang.text).toContain('data-error="unknownLanguage"');
    expect((await getDraft(sys.server.db.prisma)).revision).toBe(before);
  });

  it("when thresholds rise with the household and SLA hours are ordered, then they are saved; falling limits, zero or disordered hours are refused", async () => {
    const good = {
      housing_1: "140000", housing_2: "195000", housing_3: "240,000", living_1: "131000", living_2: "181000",
      ucla: "2.5", housingLossDays: "21", sla_emergency: "2", sla_urgent: "12", sla_routine: "48",
    };
    expect((await submit(admin, "thresholds", good)).status).toBe(303);
    const m = await directory();
    expect(m.thresholds).toEqual({ housingBenefitIncomeLimit: { "1": 140000, "2": 195000, "3": 240000 }, minimumLiving: { "1": 131000, "2": 181000 }, uclaMeanCutoff: 2.5, housingLossDays: 21 });
    expect(m.slaHours).toEqual({ emergency: 2, urgent: 12, routine: 48 });
    expect((await lastAudit("admin.directory.thresholds.save"))?.detail).toMatchObject({ before: { slaHours: { emergency: 1 } }, after: { slaHours: { emergency: 2 } } });

    const falling = await submit(admin, "thresholds", { ...good, housing_2: "130000" });
    expect(falling.status).toBe(400);
    expect(falling.text).toContain('data-error="rising" data-field="housing_2"');
    const zero = await submit(admin, "thresholds", { ...good, living_1: "0", ucla: "5", sla_urgent: "1" });
    expect(zero.status).toBe(400);
    expect(zero.text).toContain('data-error="positive" data-field="living_1"');
    expect(zero.text).toContain('data-error="uclaRange"');
    const disordered = await submit(admin, "thresholds", { ...good, sla_urgent: "100" });
    expect(disordered.text).toContain('data-error="slaOrder"');
    expect((await directory()).thresholds.housingBenefitIncomeLimit["2"]).toBe(195000);
  });

  it("when a crisis contact's hours are typed as Japanese writes a schedule, then the draft holds the schedule (each language writes it); text hours keep their translations; removing the last contact of a kind is refused", async () => {
    const r = await submit(admin, "crisis/save", { kind: "medical", index: "0", name: "救急", phone: "119", hours: "24時間", hoursI18n: "en: 24 hours", notes: "" });
    expect(r.status).toBe(303);
    expect((await directory()).crisisContacts!.medical[0]).toEqual({ name: "救急", phone: "119", hours: { always: true } });
    const text = await submit(admin, "crisis/save", { kind: "medical", index: "0", name: "救急", phone: "119", hours: "いつでも", hoursI18n: "en: any time\nvi: bất cứ lúc nào", notes: "toll_free" });
    expect(text.status).toBe(303);
    expect((await directory()).crisisContacts!.medical[0]).toEqual({ name: "救急", phone: "119", hours: "いつでも", hoursI18n: { en: "any time", vi: "bất cứ lúc nào" }, notes: ["toll_free"] });
    const last = await submit(admin, "crisis/remove", { kind: "medical", index: "0" });
    expect(last.status).toBe(400);
    expect(last.text).toContain('data-error="lastContact"');
    expect((await submit(admin, "crisis/add", { kind: "no_food", name: "フードバンクみらい", phone: "000-000-1301", hours: "平日", hoursI18n: "" })).status).toBe(303);
    expect((await directory()).crisisContacts!.no_food).toHaveLength(3);
    expect((await submit(admin, "crisis/remove", { kind: "no_food", index: "2" })).status).toBe(303);
    expect((await directory()).crisisContacts!.no_food).toHaveLength(2);
  });

  it("when hours are typed as a schedule with notes, then they are stored as data, shown back in Japanese, and an unknown note or neither hours nor notes is refused", async () => {
    const w = (await directory()).windows.find((x) => x.id === "mirai-international")!;
    expect((await submit(admin, "windows/save", { ...windowForm(w), hours: "火〜土 10:00〜17:00、日 13:00〜16:00", notes: "toll_free anonymous" })).status).toBe(303);
    const saved = (await directory()).windows.find((x) => x.id === "mirai-international")!;
    expect(saved.hours).toEqual([{ days: ["tue", "wed", "thu", "fri", "sat"], from: "10:00", to: "17:00" }, { days: ["sun"], from: "13:00", to: "16:00" }]);
    expect(saved.notes).toEqual(["toll_free", "anonymous"]);
    const page = await admin.get(PAGE);
    expect(page.text).toContain('id="win-mirai-international-hours" name="hours" value="火〜土 10:00〜17:00、日 13:00〜16:00"');
    expect(page.text).toContain('id="win-mirai-international-notes" name="notes" value="toll_free anonymous"');
    const before = (await getDraft(sys.server.db.prisma)).revision;
    const unknown = await submit(admin, "windows/save", { ...windowForm(saved), notes: "free_beer" });
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain('data-error="unknownNote"');
    const neither = await submit(admin, "crisis/add", { kind: "no_food", name: "フードバンクみらい", phone: "000-000-1301", hours: "", hoursI18n: "", notes: "" });
    expect(neither.status).toBe(400);
    expect((await getDraft(sys.server.db.prisma)).revision).toBe(before);
    expect((await submit(admin, "crisis/add", { kind: "no_food", name: "フードバンクみらい", phone: "000-000-1301", hours: "", hoursI18n: "", notes: "differs_by_area" })).status).toBe(303);
    expect((await directory()).crisisContacts!.no_food.at(-1)).toEqual({ name: "フードバンクみらい", phone: "000-000-1301", notes: ["differs_by_area"] });
    expect((await submit(admin, "crisis/remove", { kind: "no_food", index: "2" })).status).toBe(303);
  });

  it("when a form rendered before another administrator's save is sent, then it is refused naming who saved and when, and nothing is overwritten", async () => {
    const stalePage = await admin.get(PAGE);
    const staleRevision = inputValue(stalePage.text, "revision")!;
    expect((await submit(other, "areas/save", { code: "kita", name: "北部圏域", towns: "北町" })).status).toBe(303);
    const r = await admin.post(`${PAGE}/areas/save`, { _csrf: inputValue(stalePage.text, "_csrf")!, revision: staleRevision, code: "kita", name: "北の圏域", towns: "" });
    expect(r.status).toBe(409);
    expect(r.text).toContain("dir-admin-2");
    expect(r.text).toContain("何も上書きしていません");
    expect((await directory()).areas.find((a) => a.code === "kita")).toEqual({ code: "kita", name: "北部圏域", towns: ["北町"] });
  });

  it("when the directory is exported, then it is HSDS-shaped JSON of the published directory (or the draft's with ?draft=1)", async () => {
    const r = await admin.get(`${PAGE}/hsds.json`);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toContain("application/json");
    const doc = JSON.parse(r.text);
    const live = sys.server.releases.latest().municipality;
    expect(doc.organization.name).toBe(live.name);
    expect(doc.organization.services).toHaveLength(live.windows.length);
    const housingService = doc.organization.services.find((s: { id: string }) => s.id === "city-housing");
    expect(housingService.phones[0].number).toBe("000-000-0501");
    expect(housingService.schedules[0].description).toBe("平日 9:00〜17:00");
    expect(housingService.service_areas[0]).toMatchObject({ name: "みらい市", extent_type: "municipality" });
    expect(housingService.service_at_locations[0].location_id).toBe("city-housing-location");
    expect(doc.organization.locations.some((l: { id: string }) => l.id === "city-housing-location")).toBe(true);
    const draft = JSON.parse((await admin.get(`${PAGE}/hsds.json?draft=1`)).text);
    expect(draft.organization.services.find((s: { id: string }) => s.id === "city-housing").phones[0].number).toBe("000-000-0599");
    expect(draft.organization.services.find((s: { id: string }) => s.id === "houkatsu-kita").service_areas[0].description).toBe("北町");
    // The postal codes of an area go with it, as attributes of the area.
    const minami = doc.organization.services.find((s: { id: string }) => s.id === "houkatsu-minami").service_areas[0];
    expect(minami.attributes.map((a: { taxonomy_term: { code: string; vocabulary: string } }) => [a.taxonomy_term.vocabulary, a.taxonomy_term.code])).toEqual([
      ["jp-postal-code", "000-0301"],
      ["jp-postal-code", "000-0302"],
      ["jp-postal-code", "000-0303"],
    ]);
    expect(housingService.service_areas[0].attributes).toEqual([]);
  });
});
