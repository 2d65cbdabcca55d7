// The city's analytics over a seeded month (test/analytics/analyticsSeed.ts): every figure and
// every chart's data against values computed by hand, the small-cell rule on real tables, the
// page and its CSV downloads as an administrator and a supervisor (audited), the caseworker
// refused, and nothing personal in any page or CSV.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildReport, chartData, TABLE_IDS, tableOf, type Report, type Row, type TableId } from "../../../src/analytics/buildReport.ts";
import { loadAnalytics, type AnalyticsFilter } from "../../../src/analytics/loadAnalytics.ts";
import { periodOf } from "../../../src/analytics/period.ts";
import type { Cell } from "../../../src/analytics/smallCells.ts";
import { createStaffUser } from "../../../src/web/staff/accounts.ts";
import { StaffClient } from "../../support/browser.ts";
import { startTestSystem, type TestSystem } from "../../support/testServer.ts";
import { seedAnalytics, type SeededSecrets } from "../../analytics/analyticsSeed.ts";

let sys: TestSystem;
let secrets: SeededSecrets;
const clients: Record<"admin" | "supervisor" | "caseworker", StaffClient> = {} as never;
const OCTOBER = "period=month&start=2026-10-15";

const prisma = () => sys.server.db.prisma;

async function report(filter: AnalyticsFilter = {}): Promise<Report> {
  const deps = sys.server.deps;
  const steps = deps.flow.steps.map((s) => ({ id: s.id, section: s.section }));
  const input = await loadAnalytics(prisma(), deps.sealer, periodOf("month", "2026-10-15"), filter);
  return buildReport(input, { steps, sections: [...new Set(steps.map((s) => s.section))], slaHours: deps.municipality.slaHours });
}

// Shorthands for the expected cells.
const n = (v: number): Cell => ({ kind: "count", n: v });
const SMALL: Cell = { kind: "small" };
const WITHHELD: Cell = { kind: "withheld" };
const rowsOf = (r: Report, id: TableId): Row[] => tableOf(r, id).rows;
const pick = (rows: Row[], cols: string[]) => rows.map((r) => Object.fromEntries(cols.map((c) => [c, r[c]])));

beforeAll(async () => {
  sys = await startTestSystem({ workers: false });
  secrets = await seedAnalytics(prisma(), sys.server.deps.sealer);
  for (const role of ["admin", "supervisor", "caseworker"] as const) {
    const name = `analytics-${role}`;
    const oneTime = await createStaffUser(prisma(), { username: name, role, windowIds: role === "caseworker" ? ["city-livelihood"] : [] });
    const password = await new StaffClient(sys.baseUrl).firstSignIn(name, oneTime);
    const c = new StaffClient(sys.baseUrl);
    expect((await c.signIn(name, password)).status).toBe(303);
    clients[role] = c;
  }
}, 60_000);
afterAll(async () => {
  await sys?.stop();
});

describe("the figures of the seeded October", () => {
  it("when the funnel is counted, then 15 started (the one of 30 September JST is left out, the one at 00:10 on 1 October is in) and each stage is as seeded", async () => {
    const r = await report();
    // Started: 6 completed + 5 stopped after the area + 2 after the respondent + 1 without an
    // answer + 1 abandoned = 15. Language chosen: all but the one without an answer = 14.
    // Respondent and area shown to the 14; concerns to the 6 + 5 + 1 = 12; consent to 6 + 1 = 7;
    // the summary to the 6 completed; one abandoned (<5). Sections nobody reached count 0.
    const expected: [string, Cell, number | null][] = [
      ["started", n(15), 1], ["languageChosen", n(14), 14 / 15], ["section:respondent", n(14), 14 / 15], ["section:area", n(14), 14 / 15],
      ["section:concerns", n(12), 12 / 15], ["section:person", n(0), 0], ["section:household", n(0), 0], ["section:housing", n(0), 0], ["section:income", n(0), 0],
      ["section:isolation", n(0), 0], ["section:safety", n(0), 0], ["section:freeText", n(0), 0], ["section:consent", n(7), 7 / 15],
      ["section:contact", n(0), 0], ["summaryReached", n(6), 6 / 15], ["completed", n(6), 6 / 15], ["abandoned", SMALL, null],
    ];
    expect(pick(rowsOf(r, "funnel"), ["key", "count", "share"])).toEqual(expected.map(([key, count, share]) => ({ key, count, share })));
    expect(chartData(tableOf(r, "funnel")).map((b) => b.value)).toEqual([15, 14, 14, 14, 12, 0, 0, 0, 0, 0, 0, 0, 7, 0, 6, 6]);
  });

  it("when the drop-off is counted, then the area is worst (5 of 15) and the questions with fewer than 5 show <5 with no share; the total is partial", async () => {
    const t = tableOf(await report(), "dropOff");
    expect(pick(t.rows, ["step", "section", "count", "share"])).toEqual([
      { step: "area", section: "area", count: n(5), share: 5 / 15 },
      { step: "respondent", section: "respondent", count: SMALL, share: null },
      { step: "none", section: "none", count: SMALL, share: null },
      { step: "concerns", section: "concerns", count: SMALL, share: null },
    ]);
    expect(t.total).toEqual({ n: 5, partial: true });
    expect(chartData(t)).toEqual([{ key: "area", value: 5 }]);
  });

  it("when the effort is measured, then six answers each, 18 minutes median and 66 at the 90th percentile; the one resumed hides the one-sitting count too", async () => {
    const r = await report();
    // Minutes to finish: 6 × the gap (1, 2, 3, 4, 5) and 6 + 60 for the one with an hour's pause:
    // 6, 12, 18, 24, 30, 66 → nearest rank: median the 3rd (18), p90 the 6th (66).
    expect(rowsOf(r, "effort")).toEqual([
      { measure: "answers", completed: n(6), median: 6, p90: 6 },
      { measure: "minutes", completed: n(6), median: 18, p90: 66 },
    ]);
    const sittings = tableOf(r, "sittings");
    expect(pick(sittings.rows, ["key", "count", "share"])).toEqual([
      { key: "oneSitting", count: WITHHELD, share: null },
      { key: "resumed", count: SMALL, share: null },
    ]);
    expect(sittings.total).toEqual({ n: 0, partial: true });
    expect(chartData(sittings)).toEqual([]);
  });

  it("when who is reached is counted, then languages, respondents, age bands and areas are as seeded and protected, and crises count conversations per kind", async () => {
    const r = await report();
    expect(pick(rowsOf(r, "conversationsByLanguage"), ["key", "count", "share"])).toEqual([
      { key: "ja", count: n(10), share: 10 / 15 }, { key: "en", count: SMALL, share: null }, { key: "vi", count: SMALL, share: null },
    ]);
    expect(tableOf(r, "conversationsByLanguage").total).toEqual({ n: 10, partial: true });
    const three = (a: string, b: string, c: string) => [{ key: a, count: n(7), share: 7 / 12 }, { key: b, count: SMALL, share: null }, { key: c, count: SMALL, share: null }];
    expect(pick(rowsOf(r, "referralsByLanguage"), ["key", "count", "share"])).toEqual(three("ja", "en", "vi"));
    expect(pick(rowsOf(r, "referralsByRespondent"), ["key", "count", "share"])).toEqual(three("self", "family", "supporter"));
    expect(pick(rowsOf(r, "referralsByAgeBand"), ["key", "count", "share"])).toEqual(three("40-64", "75+", "unknown"));
    // Ten in the north and two in the south: the one small cell takes the other with it.
    expect(pick(rowsOf(r, "referralsByArea"), ["key", "count", "share"])).toEqual([{ key: "kita", count: WITHHELD, share: null }, { key: "minami", count: SMALL, share: null }]);
    expect(tableOf(r, "referralsByArea").total).toEqual({ n: 0, partial: true });
    expect(pick(rowsOf(r, "crises"), ["key", "count"])).toEqual([{ key: "self_harm", count: SMALL }, { key: "violence", count: SMALL }]);
    expect(chartData(tableOf(r, "referralsByLanguage"))).toEqual([{ key: "ja", value: 7 }]);
  });

  it("when needs are counted, then concerns, their pairs, flags, the compound share and urgency are as seeded", async () => {
    const r = await report();
    expect(pick(rowsOf(r, "concerns"), ["key", "count", "share"])).toEqual([
      { key: "income", count: n(9), share: 9 / 12 }, { key: "housing", count: n(7), share: 7 / 12 }, { key: "care", count: SMALL, share: null }, { key: "debt", count: SMALL, share: null },
    ]);
    expect(pick(rowsOf(r, "concernPairs"), ["key", "count"])).toEqual([{ key: "housing+income", count: n(7) }, { key: "debt+income", count: SMALL }]);
    expect(pick(rowsOf(r, "flags"), ["key", "count"])).toEqual([{ key: "compound", count: n(7) }, { key: "housing_insecure", count: n(7) }]);
    expect(rowsOf(r, "needsSummary")).toEqual([
      { measure: "referrals", count: n(12), share: null },
      { measure: "compound", count: n(7), share: 7 / 12 },
    ]);
    // No emergency, 3 urgent (<5), 9 routine: the routine count would give the urgent one away.
    expect(pick(rowsOf(r, "urgency"), ["key", "count", "share"])).toEqual([
      { key: "emergency", count: n(0), share: 0 }, { key: "urgent", count: SMALL, share: null }, { key: "routine", count: WITHHELD, share: null },
    ]);
    expect(chartData(tableOf(r, "concerns"))).toEqual([{ key: "income", value: 9 }, { key: "housing", value: 7 }]);
  });

  it("when follow-through is measured, then each window's acceptance and closing times against the SLA, forwards, escalations and call-backs are as seeded", async () => {
    const r = await report();
    // Livelihood: 9 referrals (7 of its own, 2 forwarded to it). Accepted after 2, 10, 30, 50, 80,
    // 100 (own) and 20 hours (forwarded): 7, median the 4th of 2,10,20,30,50,80,100 (30), p90 the
    // 7th (100); within 72 hours: 2, 10, 30, 50 and 20 → 5 of 9. Closed: 2 (<5), no times shown.
    expect(rowsOf(r, "windows")).toEqual([
      { window: "city-livelihood", referrals: n(9), accepted: n(7), acceptMedian: 30, acceptP90: 100, withinSla: 5 / 9, closed: SMALL, closeMedian: null, closeP90: null },
      { window: "houkatsu-kita", referrals: SMALL, accepted: WITHHELD, acceptMedian: null, acceptP90: null, withinSla: null, closed: WITHHELD, closeMedian: null, closeP90: null },
      { window: "city-multi-agency", referrals: SMALL, accepted: WITHHELD, acceptMedian: null, acceptP90: null, withinSla: null, closed: WITHHELD, closeMedian: null, closeP90: null },
    ]);
    expect(tableOf(r, "windows").total).toEqual({ n: 9, partial: true });
    expect(rowsOf(r, "forwards")).toEqual([{ pair: "city-comprehensive>city-livelihood", count: SMALL }]);
    // Within the SLA: the 5 above and the urgent one accepted after 5 hours = 6 of 12. Call-backs:
    // R1–R3 and the two forwarded = 5; kept (accepted in time): R1, R2, R3 and R11 = 4 (<5).
    expect(rowsOf(r, "followThroughSummary")).toEqual([
      { measure: "acceptedWithinSla", count: n(6), share: 0.5 },
      { measure: "escalated", count: SMALL, share: null },
      { measure: "forwarded", count: SMALL, share: null },
      { measure: "callbacksRequested", count: n(5), share: 5 / 12 },
      { measure: "callbacksKept", count: SMALL, share: null },
    ]);
    expect(chartData(tableOf(r, "windows"))).toEqual([{ key: "city-livelihood", value: 9 }]);
  });

  it("when an area or a window is chosen, then only the referral figures narrow to it and the conversation figures stay the city's", async () => {
    const south = await report({ area: "minami" });
    expect(rowsOf(south, "needsSummary")[0]).toEqual({ measure: "referrals", count: SMALL, share: null });
    expect(pick(rowsOf(south, "referralsByArea"), ["key", "count"])).toEqual([{ key: "minami", count: SMALL }]);
    expect(rowsOf(south, "funnel")[0]!.count).toEqual(n(15));
    const livelihood = await report({ window: "city-livelihood" });
    expect(rowsOf(livelihood, "windows").map((w) => [w.window, w.referrals])).toEqual([["city-livelihood", n(9)]]);
    expect(rowsOf(livelihood, "needsSummary")[0]).toEqual({ measure: "referrals", count: n(9), share: null });
  });
});

/** The cell of a table's row on the page, by its data attributes. */
function pageCell(page: string, table: TableId, key: string, col: string): string | null {
  const section = new RegExp(`<section class="analytics-table" data-table="${table}"[\\s\\S]*?</section>`).exec(page)?.[0] ?? "";
  const row = new RegExp(`<tr data-key="${key.replace(/[+]/g, "\\+")}">([\\s\\S]*?)</tr>`).exec(section)?.[1] ?? "";
  const raw = new RegExp(`data-col="${col}" data-value="([^"]*)"`).exec(row)?.[1];
  return raw === undefined ? null : raw.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

describe("the analytics pages", () => {
  it("when an administrator opens /admin/analytics, then it leads to the page, which shows every table with its chart, table and CSV link for October", async () => {
    const lead = await clients.admin.get("/admin/analytics");
    expect([301, 302, 303]).toContain(lead.status);
    expect(lead.location).toBe("/staff/admin/analytics");
    const page = await clients.admin.get(`/staff/admin/analytics?${OCTOBER}`);
    expect(page.status).toBe(200);
    for (const id of TABLE_IDS) {
      expect(page.text, id).toContain(`data-table="${id}"`);
      expect(page.text, id).toContain(`data-csv="${id}"`);
    }
    expect(page.text).toContain('data-period="month" data-start="2026-10-01"');
    expect(pageCell(page.text, "funnel", "started", "count")).toBe("15");
    expect(pageCell(page.text, "dropOff", "area", "count")).toBe("5");
    expect(pageCell(page.text, "dropOff", "respondent", "count")).toBe("<5");
    expect(pageCell(page.text, "sittings", "oneSitting", "count")).toBe("withheld");
    expect(pageCell(page.text, "windows", "city-livelihood", "acceptMedian")).toBe("30");
    expect(pageCell(page.text, "conversationsByLanguage", "total", "count")).toBe(">=10");
    // The drop-off chart is an SVG of Vega's with one bar (the area: the other cells are hidden).
    const figure = /<figure class="chart"[^>]*data-chart="dropOff"[\s\S]*?<\/figure>/.exec(page.text)?.[0] ?? "";
    expect(figure).toContain("<svg");
    const bars = /<g class="mark-rect role-mark[^"]*"[^>]*>([\s\S]*?)<\/g>/.exec(figure)?.[1] ?? "";
    expect(bars.match(/<path /g)?.length).toBe(1);
    // In English too, with the flow's own names for its questions and sections.
    const en = await clients.admin.get(`/staff/admin/analytics?${OCTOBER}&lang=en`);
    expect(en.text).toContain("<h1>Consultation analytics</h1>");
    expect(en.text).toMatch(/<th scope="row" data-col="key" data-value="started">Started<\/th>/);
    expect(en.text).toMatch(/data-col="step" data-value="area">[^<(]+\(area\)<\/th>/);
    expect(en.text).not.toMatch(/analytics\.[a-z]+\.[a-zA-Z]+/);
    // Printing: the page's own stylesheet, with its print rules.
    expect(page.text).toContain('href="/staff/assets/analytics.css"');
    const css = await clients.admin.get("/staff/assets/analytics.css");
    expect(css.text).toContain("@media print");
  });

  it("when a supervisor opens the page and downloads a CSV, then both answer and both are in the audit log with the period, and the CSV holds the same protected numbers", async () => {
    const before = await prisma().auditLog.count({ where: { targetType: "analytics" } });
    const page = await clients.supervisor.get(`/staff/admin/analytics?${OCTOBER}&window=city-livelihood`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('href="/staff/admin/analytics"');
    const csv = await clients.supervisor.get(`/staff/admin/analytics/dropOff.csv?${OCTOBER}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(csv.headers.get("content-disposition")).toContain("tsunagu-dropOff-month-20261001.csv");
    expect(csv.text.replace(/^\uFEFF/, "").split("\r\n")).toEqual([
      "step,section,count,share", "area,area,5,0.3333", "respondent,respondent,<5,", "none,none,<5,", "concerns,concerns,<5,", "total,,>=5,", "",
    ]);
    const rows = await prisma().auditLog.findMany({ where: { targetType: "analytics" }, orderBy: { id: "asc" }, skip: before });
    const supervisor = await prisma().staffUser.findUniqueOrThrow({ where: { username: "analytics-supervisor" } });
    expect(rows.map((a) => [a.actor, a.action, a.detail])).toEqual([
      [`user:${supervisor.id}`, "analytics.view", { period: "month", start: "2026-10-01", window: "city-livelihood" }],
      [`user:${supervisor.id}`, "analytics.export", { period: "month", start: "2026-10-01", table: "dropOff" }],
    ]);
  });

  it("when a caseworker asks for the page or a CSV, then the answer is the console's 404, no link leads there, and nothing is audited", async () => {
    const before = await prisma().auditLog.count({ where: { targetType: "analytics" } });
    expect((await clients.caseworker.get(`/staff/admin/analytics?${OCTOBER}`)).status).toBe(404);
    expect((await clients.caseworker.get(`/staff/admin/analytics/funnel.csv?${OCTOBER}`)).status).toBe(404);
    expect((await clients.caseworker.get("/staff")).text).not.toContain("/staff/admin/analytics");
    expect(await prisma().auditLog.count({ where: { targetType: "analytics" } })).toBe(before);
  });

  it("when the query names an unknown period, day, area or window, then the page answers 400 and reads nothing", async () => {
    for (const q of ["period=decade", "start=2026-13-01", "start=yesterday", "area=atlantis", "window=nowhere"]) {
      expect((await clients.admin.get(`/staff/admin/analytics?${q}`)).status, q).toBe(400);
    }
    expect((await clients.admin.get(`/staff/admin/analytics/secrets.csv?${OCTOBER}`)).status).toBe(404);
  });

  it("when every page and CSV of every period kind is read, then no seeded name, phone number, free text or LINE user id appears in any of them", async () => {
    const outputs: string[] = [];
    for (const q of [OCTOBER, "period=fiscalYear&start=2026-10-15", "period=week&start=2026-10-01", `${OCTOBER}&area=minami`, `${OCTOBER}&window=city-livelihood`]) {
      outputs.push((await clients.admin.get(`/staff/admin/analytics?${q}`)).text);
      for (const id of TABLE_IDS) outputs.push((await clients.admin.get(`/staff/admin/analytics/${id}.csv?${q}`)).text);
    }
    // The analytics' own audit rows hold the period and the filter only.
    outputs.push(JSON.stringify(await prisma().auditLog.findMany({ where: { targetType: "analytics" } }), (_k, v) => (typeof v === "bigint" ? String(v) : v)));
    const all = outputs.join("\n");
    expect(all.length).toBeGreaterThan(10_000);
    for (const secret of [...secrets.names, ...secrets.phones, ...secrets.freeTexts, ...secrets.lineUserIds]) expect(all).not.toContain(secret);
    // Nor a fragment of the free text of a forward's reason.
    expect(all).not.toContain("誰にも言えない");
  });
});
