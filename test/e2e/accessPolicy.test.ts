// Issue 10 from outside, through the staff API and the console alike: a window that may only know
// that a case exists learns nothing more through filters, counts or the CSV export; an involved
// window that may read a case (with consent) still may not work it: notes and moves are the owner's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../../src/web/apiAuth.ts";
import { ExistenceReferralView, FullReferralDetail } from "../../src/web/apiSchemas.ts";
import { createStaffUser } from "../../src/web/staff/accounts.ts";
import { inputValue, seedReferral, StaffClient } from "../support/browser.ts";
import { startTestSystem, type TestSystem } from "../support/testServer.ts";

let sys: TestSystem;
/** A caseworker of the welfare office (生活保護): involved in both cases below. */
let welfareToken: string;
let welfare: StaffClient;
/** The DV case: owned by 多機関協働, with the DV centre and 生活保護 involved, no consent. */
let dvCase: { id: string; referenceNo: string };
/** A case the welfare office may read (consent given) but does not own. */
let readable: { id: string; referenceNo: string };

const api = (path: string, init: { method?: string; body?: unknown } = {}) =>
  fetch(`${sys.baseUrl}${path}`, {
    method: init.method ?? "GET",
    headers: { authorization: `Bearer ${welfareToken}`, ...(init.body !== undefined ? { "content-type": "application/json" } : {}) },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
  });
const apiIds = async (path: string) => ((await (await api(path)).json()) as { id: string }[]).map((i) => i.id);
const rowIds = (page: string) => [...page.matchAll(/<tr data-referral-id="([^"]+)"/g)].map((m) => m[1]!);
const csvLines = (csv: string) => csv.replace(/^\uFEFF/, "").trim().split("\r\n");

beforeAll(async () => {
  sys = await startTestSystem({ workers: false });
  const { prisma } = sys.server.db;
  const { sealer, municipality } = sys.server.deps;
  dvCase = await seedReferral(prisma, sealer, municipality, {
    primaryWindowId: "city-multi-agency",
    involvedWindowIds: ["pref-dv-center", "city-welfare-office"],
    consent: false,
    urgency: "emergency",
    language: "en",
  });
  readable = await seedReferral(prisma, sealer, municipality, { primaryWindowId: "city-livelihood", involvedWindowIds: ["city-welfare-office"], consent: true });
  welfareToken = await createApiToken(prisma, { name: "welfare", role: "caseworker", windowIds: ["city-welfare-office"] });
  const oneTime = await createStaffUser(prisma, { username: "welfare-user", role: "caseworker", windowIds: ["city-welfare-office"] });
  welfare = new StaffClient(sys.baseUrl);
  await welfare.firstSignIn("welfare-user", oneTime);
});
afterAll(async () => {
  await sys?.stop();
});

describe("a case the user may only know exists (issue 10, defect 1)", () => {
  it("when the API list is filtered by an involved window the user is not in, then the case is not listed", async () => {
    expect(await apiIds("/api/v1/referrals")).toContain(dvCase.id);
    expect(await apiIds("/api/v1/referrals?window=pref-dv-center")).not.toContain(dvCase.id);
    // Its owner is what the user may know: a filter on the owner still finds it.
    expect(await apiIds("/api/v1/referrals?window=city-multi-agency")).toContain(dvCase.id);
  });

  it("when the API list is filtered by urgency or overdue, then the case is not listed (its urgency is not the user's to know)", async () => {
    expect(await apiIds("/api/v1/referrals?urgency=emergency")).not.toContain(dvCase.id);
    expect(await apiIds("/api/v1/referrals?overdue=false")).not.toContain(dvCase.id);
  });

  it("when the API lists or reads the case, then it carries id, reference, status, owner and date only", async () => {
    const items = (await (await api("/api/v1/referrals")).json()) as Record<string, unknown>[];
    const listed = items.find((i) => i.id === dvCase.id)!;
    const read = (await (await api(`/api/v1/referrals/${dvCase.id}`)).json()) as Record<string, unknown>;
    for (const v of [listed, read]) {
      expect(v).toMatchObject({ id: dvCase.id, access: "existence", status: "new", referenceNo: dvCase.referenceNo, windows: { primary: { windowId: "city-multi-agency" } } });
      expect(Object.keys(v).sort()).toEqual(["access", "createdAt", "id", "referenceNo", "status", "windows"]);
      expect(Object.keys(v.windows as object)).toEqual(["primary"]);
      // The API document's schema for such a row, which admits no other field.
      expect(ExistenceReferralView.safeParse(v).success).toBe(true);
    }
    // A case the user may read in full carries the whole view, as documented.
    const full = (await (await api(`/api/v1/referrals/${readable.id}`)).json()) as unknown;
    expect(FullReferralDetail.parse(full)).toMatchObject({ access: "full", id: readable.id, residentMessages: [] });
  });

  it("when the console inbox is filtered by an involved window the user is not in, then the case is not listed", async () => {
    expect(rowIds((await welfare.get("/staff")).text)).toContain(dvCase.id);
    expect(rowIds((await welfare.get("/staff?window=pref-dv-center")).text)).not.toContain(dvCase.id);
    expect(rowIds((await welfare.get("/staff?urgency=emergency")).text)).not.toContain(dvCase.id);
    expect(rowIds((await welfare.get("/staff?window=city-multi-agency")).text)).toContain(dvCase.id);
  });

  it("when the console lists the case, then its row shows no urgency and it counts in no emergency banner", async () => {
    const page = (await welfare.get("/staff")).text;
    const row = new RegExp(`<tr data-referral-id="${dvCase.id}"[^>]*>[\\s\\S]*?</tr>`).exec(page)![0];
    expect(row).toContain('data-urgency=""');
    expect(row).not.toMatch(/data-urgency="[a-z]/);
    expect(row).not.toMatch(/badge urgency/);
    expect(page).not.toContain("emergency-banner");
  });

  it("when the CSV export is filtered by an involved window the user is not in, then the case is not in it; unfiltered, its line has no urgency, windows, flags or language", async () => {
    const filtered = csvLines((await welfare.get("/staff/export.csv?window=pref-dv-center")).text);
    expect(filtered.some((l) => l.startsWith(dvCase.referenceNo))).toBe(false);
    const all = csvLines((await welfare.get("/staff/export.csv")).text);
    const line = all.find((l) => l.startsWith(dvCase.referenceNo))!;
    const [ref, status, urgency, primary, involved, flags, language] = line.split(",");
    expect([ref, status, urgency, primary, involved, flags, language]).toEqual([dvCase.referenceNo, "new", "", "city-multi-agency", "", "", ""]);
  });
});

describe("only the owner acts (issue 10, defect 7)", () => {
  it("when an involved window with consent adds a note or moves the case through the API, then 403 and nothing is written", async () => {
    const { prisma } = sys.server.db;
    expect((await api(`/api/v1/referrals/${readable.id}`)).status).toBe(200);
    const note = await api(`/api/v1/referrals/${readable.id}/notes`, { method: "POST", body: { body: "a note" } });
    expect(note.status).toBe(403);
    const accept = await api(`/api/v1/referrals/${readable.id}/accept`, { method: "POST", body: {} });
    expect(accept.status).toBe(403);
    expect(await prisma.referralNote.count({ where: { referralId: readable.id } })).toBe(0);
    expect(await prisma.referralEvent.count({ where: { referralId: readable.id, toStatus: { not: "new" } } })).toBe(0);
  });

  it("when an involved window with consent posts a note or a move in the console, then 403, no form offers it, and nothing is written", async () => {
    const { prisma } = sys.server.db;
    const page = await welfare.get(`/staff/referrals/${readable.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('data-access="full"');
    expect(page.text).not.toContain('data-action="');
    const form = { _csrf: inputValue(page.text, "_csrf")!, expectedUpdatedAt: inputValue(page.text, "expectedUpdatedAt") ?? new Date().toISOString() };
    const note = await welfare.post(`/staff/referrals/${readable.id}/note`, { ...form, body: "a note" });
    expect(note.status).toBe(403);
    const accept = await welfare.post(`/staff/referrals/${readable.id}/accept`, form);
    expect(accept.status).toBe(403);
    expect(await prisma.referralNote.count({ where: { referralId: readable.id } })).toBe(0);
    expect((await prisma.referral.findUniqueOrThrow({ where: { id: readable.id } })).status).toBe("new");
  });

  it("when a window outside the case asks, then the API and the console both answer 404", async () => {
    const { prisma } = sys.server.db;
    const token = await createApiToken(prisma, { name: "elsewhere", role: "caseworker", windowIds: ["houkatsu-kita"] });
    const res = await fetch(`${sys.baseUrl}/api/v1/referrals/${readable.id}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(404);
    const note = await fetch(`${sys.baseUrl}/api/v1/referrals/${readable.id}/notes`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ body: "x" }),
    });
    expect(note.status).toBe(404);
  });
});
