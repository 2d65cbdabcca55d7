// The flow area of the administrators' console (/staff/admin/flow): the draft's flow as a
// diagram with the problems publishing would refuse, a page per step whose edits land in the
// draft (refused from a stale form, with who changed it), the rules of each edit, the preview
// through the bot's own rendering, and the audit log's before and after.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDraft } from "../../../src/releases/releaseDraft.ts";
import { createStaffUser } from "../../../src/web/staff/accounts.ts";
import { inputValue, StaffClient } from "../../support/browser.ts";
import { startTestSystem, type TestSystem } from "../../support/testServer.ts";

let sys: TestSystem;
const clients: Record<string, StaffClient> = {};

beforeAll(async () => {
  sys = await startTestSystem({ workers: false });
  for (const role of ["admin", "caseworker"] as const) {
    const name = `flow-${role}`;
    const oneTime = await createStaffUser(sys.server.db.prisma, { username: name, role, windowIds: role === "caseworker" ? ["city-livelihood"] : [] });
    const password = await new StaffClient(sys.baseUrl).firstSignIn(name, oneTime);
    const c = new StaffClient(sys.baseUrl);
    expect((await c.signIn(name, password)).status).toBe(303);
    clients[role] = c;
  }
  const other = await createStaffUser(sys.server.db.prisma, { username: "flow-admin2", role: "admin", windowIds: [] });
  const password = await new StaffClient(sys.baseUrl).firstSignIn("flow-admin2", other);
  clients.admin2 = new StaffClient(sys.baseUrl);
  expect((await clients.admin2.signIn("flow-admin2", password)).status).toBe(303);
}, 60_000);
afterAll(async () => {
  await sys?.stop();
});

const admin = () => clients.admin!;
const prisma = () => sys.server.db.prisma;
const flowOfDraft = async () => (await getDraft(prisma())).content.flow as { steps: { id: string; options?: string; when?: unknown }[]; optionSets: Record<string, unknown> };

/** The page's CSRF token and the draft revision its forms carry. */
async function formOf(path: string, client = admin()): Promise<{ _csrf: string; revision: string; text: string }> {
  const page = await client.get(path);
  expect(page.status).toBe(200);
  return { _csrf: inputValue(page.text, "_csrf")!, revision: inputValue(page.text, "revision")!, text: page.text };
}

describe("the flow page", () => {
  it("when an administrator opens it, then the draft's steps are an SVG diagram whose boxes link to each step, with branches and conditions as labelled edges", async () => {
    const page = await admin().get("/staff/admin/flow");
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<svg[^>]*class="flow-diagram"/);
    expect(page.text).toContain('<a href="/staff/admin/flow/steps/tenure" data-step="tenure">');
    // The Japanese question is in the box.
    const ja = (await getDraft(prisma())).content.locales.ja!.bot as { q: Record<string, { text: string }> };
    expect(page.text).toContain(ja.q.tenure!.text.slice(0, 10));
    // householdStart's next: a branch on the answer to memberRelation, otherwise on to tenure.
    expect(page.text).toContain('data-from="householdStart" data-to="memberRelation" data-kind="branch"');
    expect(page.text).toContain('data-from="householdStart" data-to="tenure" data-kind="otherwise"');
    // japanese is asked only of foreign nationals in a Japanese conversation: a labelled edge to it, and one past it.
    expect(page.text).toMatch(/data-from="foreign" data-to="japanese" data-kind="when"><path[^>]*\/><text[^>]*>language ∈ \[ja, ja-easy\]/);
    expect(page.text).toContain('data-from="foreign" data-to="conditions" data-kind="otherwise"');
    expect(page.text).toContain('data-problems="0"');
    // Its own style sheet, from the server (the CSP allows no inline style).
    expect(page.text).toContain('<link rel="stylesheet" href="/staff/admin/assets/flow.css">');
    const css = await admin().get("/staff/admin/assets/flow.css");
    expect(css.status).toBe(200);
    expect(css.headers.get("content-type")).toMatch(/^text\/css/);
  }, 30_000);

  it("when a caseworker opens the flow or posts to it, then the answer is the console's 404 and the draft is untouched", async () => {
    expect((await clients.caseworker!.get("/staff/admin/flow")).status).toBe(404);
    expect((await clients.caseworker!.get("/staff/admin/flow/steps/tenure")).status).toBe(404);
    const token = inputValue((await clients.caseworker!.get("/staff")).text, "_csrf")!;
    const before = (await getDraft(prisma())).revision;
    expect((await clients.caseworker!.post("/staff/admin/flow/steps/debt/remove", { _csrf: token, revision: String(before) })).status).toBe(404);
    expect((await getDraft(prisma())).revision).toBe(before);
  });
});

describe("a step's page", () => {
  it("when an administrator opens a step, then it shows its choices and a preview in Japanese and English as the bot renders them", async () => {
    const page = await admin().get("/staff/admin/flow/steps/savings");
    expect(page.status).toBe(200);
    const locales = (await getDraft(prisma())).content.locales;
    const jaBot = locales.ja!.bot as { q: Record<string, { text: string }>; options: Record<string, Record<string, string>>; nav: Record<string, string> };
    const enBot = locales.en!.bot as typeof jaBot;
    for (const [lang, bot] of [["ja", jaBot], ["en", enBot]] as const) {
      const figure = new RegExp(`<figure data-preview-lang="${lang}"[\\s\\S]*?</figure>`).exec(page.text)![0];
      expect(figure).toContain(bot.q.savings!.text.split("\n")[0]!.replace(/&/g, "&amp;").slice(0, 12));
      for (const label of Object.values(bot.options.savings!)) expect(figure).toContain(`<li>${label}</li>`);
      expect(figure).toContain(`<li>${bot.nav.skip}</li>`);
    }
    for (const v of ["none", "under_100k", "under_1m", "1m_or_more"]) expect(page.text).toContain(`data-choice="${v}"`);
  });

  it("when an unknown step is asked for, then the answer is 404", async () => {
    expect((await admin().get("/staff/admin/flow/steps/noSuchStep")).status).toBe(404);
  });
});

describe("editing the draft", () => {
  it("when the choices of a step are saved in a new order without one value, then the draft holds them and the audit log has before and after", async () => {
    const f = await formOf("/staff/admin/flow/steps/savings");
    const res = await admin().post("/staff/admin/flow/steps/savings/choices", {
      _csrf: f._csrf,
      revision: f.revision,
      keep: ["none", "under_100k", "1m_or_more"],
      "order.none": "3",
      "order.under_100k": "2",
      "order.1m_or_more": "1",
      "order.under_1m": "4",
    });
    expect(res.status).toBe(303);
    expect(res.location).toBe("/staff/admin/flow/steps/savings?saved=choices");
    const draft = await getDraft(prisma());
    expect(draft.revision).toBe(Number(f.revision) + 1);
    expect((draft.content.flow as { optionSets: Record<string, unknown> }).optionSets.savings).toEqual(["1m_or_more", "under_100k", "none"]);
    const audit = await prisma().auditLog.findFirst({ where: { action: "admin.flow.choices" }, orderBy: { at: "desc" } });
    expect(audit?.detail).toMatchObject({ step: "savings", before: { values: ["none", "under_100k", "under_1m", "1m_or_more"] }, after: { values: ["1m_or_more", "under_100k", "none"] } });
    // The value left out can come back: it is still offered on the page.
    expect((await admin().get("/staff/admin/flow/steps/savings")).text).toContain('data-choice="under_1m"');
  });

  it("when another administrator saved since the form was rendered, then the save is refused naming who and nothing changes", async () => {
    const stale = await formOf("/staff/admin/flow/steps/debt");
    const fresh = await formOf("/staff/admin/flow/steps/food", clients.admin2!);
    expect((await clients.admin2!.post("/staff/admin/flow/steps/food/move", { _csrf: fresh._csrf, revision: fresh.revision, direction: "up" })).status).toBe(303);
    const before = await getDraft(prisma());
    const res = await admin().post("/staff/admin/flow/steps/debt/move", { _csrf: stale._csrf, revision: stale.revision, direction: "down" });
    expect(res.status).toBe(409);
    expect(res.text).toContain("flow-admin2");
    const after = await getDraft(prisma());
    expect(after.revision).toBe(before.revision);
    expect(after.content).toEqual(before.content);
  });

  it("when the option set is shared with other steps, then the step gets a set of its own with its labels copied and the others keep theirs", async () => {
    const f = await formOf("/staff/admin/flow/steps/debt");
    expect(f.text).toContain("data-shared");
    const res = await admin().post("/staff/admin/flow/steps/debt/choices", { _csrf: f._csrf, revision: f.revision, keep: ["false", "true"], "order.false": "1", "order.true": "2" });
    expect(res.status).toBe(303);
    const draft = await getDraft(prisma());
    const flow = draft.content.flow as { steps: { id: string; options?: string }[]; optionSets: Record<string, unknown> };
    expect(flow.steps.find((s) => s.id === "debt")!.options).toBe("debtChoices");
    expect(flow.optionSets.debtChoices).toEqual([false, true]);
    expect(flow.optionSets.yesNo).toEqual([true, false]);
    expect(flow.steps.find((s) => s.id === "consult")!.options).toBe("yesNo");
    for (const lang of ["ja", "en", "ko"]) {
      const options = (draft.content.locales[lang]!.bot as { options: Record<string, unknown> }).options;
      expect(options.debtChoices).toEqual(options.yesNo);
    }
  });

  it("when a condition is not YAML, not a flow condition, or names a field the intake has not, then it is refused with the reason and the text kept", async () => {
    for (const [when, expected] of [
      ["{ field: person.work, in: [student", "YAML"],
      ["{ field: person.work, between: [1, 2] }", "(top)"],
      ["{ field: person.shoeSize, equals: 42 }", "person.shoeSize"],
    ] as const) {
      const f = await formOf("/staff/admin/flow/steps/rent");
      const res = await admin().post("/staff/admin/flow/steps/rent/condition", { _csrf: f._csrf, revision: f.revision, when });
      expect(res.status).toBe(400);
      expect(res.text).toContain('role="alert"');
      expect(res.text).toContain(expected);
      expect(res.text).toContain(when.replace(/</g, "&lt;").slice(0, 20));
      expect((await getDraft(prisma())).revision).toBe(Number(f.revision));
    }
  });

  it("when a condition that no answer can meet is saved, then the flow page names the stranded step and marks its box", async () => {
    const f = await formOf("/staff/admin/flow/steps/rent");
    const res = await admin().post("/staff/admin/flow/steps/rent/condition", { _csrf: f._csrf, revision: f.revision, when: '{"field": "housing.tenure", "in": []}' });
    expect(res.status).toBe(303);
    const steps = (await flowOfDraft()).steps;
    expect(steps.find((s) => s.id === "rent")!.when).toEqual({ field: "housing.tenure", in: [] });
    const page = await admin().get("/staff/admin/flow");
    expect(page.text).toContain('data-place="step rent"');
    expect(page.text).toContain('data-step="rent" data-problem="true"');
    // Emptying the condition asks the step always again.
    const g = await formOf("/staff/admin/flow/steps/rent");
    expect((await admin().post("/staff/admin/flow/steps/rent/condition", { _csrf: g._csrf, revision: g.revision, when: "" })).status).toBe(303);
    expect((await flowOfDraft()).steps.find((s) => s.id === "rent")!.when).toBeUndefined();
  }, 30_000);

  it("when a step is named by another step's next or by a danger, then removing it is refused; otherwise it is removed and audited", async () => {
    for (const [id, names] of [["memberRelation", "householdStart"], ["violence", "dangers"]] as const) {
      const f = await formOf(`/staff/admin/flow/steps/${id}`);
      const res = await admin().post(`/staff/admin/flow/steps/${id}/remove`, { _csrf: f._csrf, revision: f.revision });
      expect(res.status).toBe(400);
      expect(res.text).toContain(names);
      expect((await flowOfDraft()).steps.some((s) => s.id === id)).toBe(true);
    }
    const f = await formOf("/staff/admin/flow/steps/arrears");
    const res = await admin().post("/staff/admin/flow/steps/arrears/remove", { _csrf: f._csrf, revision: f.revision });
    expect(res.status).toBe(303);
    expect(res.location).toBe("/staff/admin/flow?saved=remove");
    expect((await flowOfDraft()).steps.some((s) => s.id === "arrears")).toBe(false);
    const audit = await prisma().auditLog.findFirst({ where: { action: "admin.flow.remove" }, orderBy: { at: "desc" } });
    expect(audit?.detail).toMatchObject({ step: "arrears", before: { step: { id: "arrears", field: "income.arrears" } }, after: null });
  });

  it("when a step is moved, then its place changes; the summary stays last", async () => {
    const f = await formOf("/staff/admin/flow/steps/contactBy");
    const ids = (await flowOfDraft()).steps.map((s) => s.id);
    const at = ids.indexOf("contactBy");
    expect((await admin().post("/staff/admin/flow/steps/contactBy/move", { _csrf: f._csrf, revision: f.revision, direction: "up" })).status).toBe(303);
    expect((await flowOfDraft()).steps.map((s) => s.id).indexOf("contactBy")).toBe(at - 1);
    const p = await formOf("/staff/admin/flow/steps/phone");
    const res = await admin().post("/staff/admin/flow/steps/phone/move", { _csrf: p._csrf, revision: p.revision, direction: "down" });
    expect(res.status).toBe(400);
    expect((await flowOfDraft()).steps.at(-1)!.id).toBe("summary");
  });

  it("when a new step is added, then it writes the chosen field after the chosen step with its Japanese texts, and the flow page names the translations still missing", async () => {
    const f = await formOf("/staff/admin/flow");
    const taken = await admin().post("/staff/admin/flow/steps", {
      _csrf: f._csrf, revision: f.revision, id: "tenure", field: "housing.tenure", kind: "single", options: "tenure", section: "housing", after: "tenure", text: "x", summaryLabel: "x",
    });
    expect(taken.status).toBe(400);
    expect(taken.text).toContain("tenure");
    const res = await admin().post("/staff/admin/flow/steps", {
      _csrf: f._csrf,
      revision: f.revision,
      id: "consultFamily",
      field: "isolation.hasSomeoneToConsult",
      kind: "single",
      options: "yesNo",
      section: "isolation",
      after: "consult",
      text: "家族に相談できますか？",
      summaryLabel: "家族への相談",
    });
    expect(res.status).toBe(303);
    expect(res.location).toBe("/staff/admin/flow/steps/consultFamily?saved=add");
    const draft = await getDraft(prisma());
    const steps = (draft.content.flow as { steps: { id: string; field: string }[] }).steps;
    expect(steps[steps.findIndex((s) => s.id === "consult") + 1]).toMatchObject({ id: "consultFamily", field: "isolation.hasSomeoneToConsult", kind: "single", options: "yesNo" });
    expect((draft.content.locales.ja!.bot as { q: Record<string, { text: string }> }).q.consultFamily!.text).toBe("家族に相談できますか？");
    const page = await admin().get("/staff/admin/flow");
    expect(page.text).toContain('data-place="en/bot.json: q.consultFamily.text"');
    expect(page.text).toContain('data-step="consultFamily"');
  }, 30_000);
});
