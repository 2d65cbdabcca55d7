// The administrators' preview of the draft (/staff/admin/preview): it answers exactly as the real
// engine answers a resident on LINE, for the same inputs (the preview runs the same pure pieces
// without the database, so this is what keeps the two from drifting apart); it writes nothing a
// window or the console could see, even on a crisis; only signed-in administrators reach it, with
// the session's CSRF token; and a draft that does not build shows publishing's problems instead.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { detectCrisis } from "../../src/crisis/detectCrisis.ts";
import { getDraft, saveDraft } from "../../src/releases/releaseDraft.ts";
import { repoPath } from "../../src/server.ts";
import { startPreview, stepPreview, type PreviewInput, type PreviewState } from "../../src/web/admin/preview/previewConversation.ts";
import { createStaffUser } from "../../src/web/staff/accounts.ts";
import { inputValue, StaffClient } from "../support/browser.ts";
import { Resident, startTestSystem, type TestSystem } from "../support/testServer.ts";
import { postbackEvent, textEvent } from "../support/webhook.ts";

let sys: TestSystem;

beforeAll(async () => {
  sys = await startTestSystem();
}, 60_000);
afterAll(async () => {
  await sys?.stop();
});

const REF = /TS-\d{4}-\d{6}/g;
const withoutRef = (messages: unknown[]) => JSON.parse(JSON.stringify(messages).replace(REF, "<ref>").replace(/TS-PREVIEW/g, "<ref>")) as unknown[];

function possibleCrisisLine(lang: string): string {
  const lines = readFileSync(repoPath(`corpus/crisis/train/${lang}.jsonl`), "utf8").split("\n").filter((l) => l.trim() !== "");
  for (const l of lines) {
    const { text } = JSON.parse(l) as { text: string };
    if (detectCrisis(text)?.certainty === "possible") return text;
  }
  throw new Error(`no ${lang} line is graded possible`);
}

describe("the preview conversation", () => {
  it("when the same taps and typed lines (a clear crisis, a possible one and its check, a danger answer, the summary) go to the preview and to a resident on LINE, then both get the same messages; the preview only reports what it would raise", async () => {
    const release = sys.server.releases.latest();
    const r = new Resident(sys);
    const real = await r.follow();
    let turn = startPreview(release, "ja");
    expect(turn.messages).toEqual(real);
    let state: PreviewState = turn.state;
    const both = async (input: PreviewInput) => {
      const opts = r.eventOptions();
      const got = await r.sendEvent(input.kind === "text" ? textEvent(input.text, opts) : postbackEvent(input.data, opts));
      turn = stepPreview(release, state, input, { referenceNo: "TS-PREVIEW", now: new Date() });
      state = turn.state;
      expect(withoutRef(turn.messages)).toEqual(withoutRef(got));
      return turn;
    };
    const tap = (match: (d: Record<string, unknown>) => boolean) => {
      const found = r.lastPostbacks().find((p) => match(p.data as Record<string, unknown>));
      if (!found) throw new Error(`no such postback; offered ${JSON.stringify(r.lastPostbacks().map((p) => p.raw))}`);
      return both({ kind: "postback", data: found.raw });
    };

    await tap((d) => d.q === "language" && d.v === "ja");
    const clear = await both({ kind: "text", text: "もう死にたい" });
    expect(clear.raised.crises).toEqual(["self_harm"]);
    const possible = await both({ kind: "text", text: possibleCrisisLine("en") });
    expect(possible.raised.crises).toEqual([]);
    const checked = await tap((d) => d.op === "check" && d.v === "unsure");
    expect(checked.raised.crises).toHaveLength(1);

    const selfHarmStep = release.flow.steps.find((s) => s.field === "safety.selfHarm")!.id;
    let dangerRaised = false;
    for (let i = 0; i < 80 && r.currentQuestion() !== "summary"; i++) {
      const q = r.currentQuestion()!;
      if (q === selfHarmStep && !dangerRaised) {
        dangerRaised = (await tap((d) => d.q === q && d.v === "thoughts")).raised.crises.includes("self_harm");
      } else {
        await tap((d) => d.q === q && d.op === "skip");
      }
    }
    expect(dangerRaised).toBe(true);
    const end = await tap((d) => d.q === "summary" && d.v === true);
    expect(end.raised.completed).toBe(true);
    expect(end.state.completed).toBe(true);
    expect(JSON.stringify(end.messages)).toContain("TS-PREVIEW");
  }, 120_000);
});

describe("the preview pages", () => {
  let admin: StaffClient;
  const counts = async () => {
    const p = sys.server.db.prisma;
    return {
      referrals: await p.referral.count(),
      conversations: await p.conversation.count(),
      residents: await p.resident.count(),
      transcript: await p.transcriptEntry.count(),
      crisisSignals: await p.crisisSignal.count(),
      outbox: await p.outboxMessage.count(),
      notifications: await p.notification.count(),
      audit: await p.auditLog.count(),
    };
  };
  /** The hidden postback values of the page's buttons, unescaped. */
  const offered = (page: string): string[] => [...page.matchAll(/name="data" value="([^"]*)"/g)].map((m) => m[1]!.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&"));

  beforeAll(async () => {
    admin = new StaffClient(sys.baseUrl);
    const oneTime = await createStaffUser(sys.server.db.prisma, { username: "preview-admin", role: "admin", windowIds: [] });
    await admin.firstSignIn("preview-admin", oneTime);
  });

  it("when an administrator starts a preview, taps a choice and types a crisis, then the page shows the contacts and what would be raised, and nothing is written to the database", async () => {
    const before = await counts();
    const csrf = await admin.csrf("/staff/admin/flow");
    const started = await admin.post("/staff/admin/preview", { _csrf: csrf });
    expect(started.status).toBe(303);
    const path = started.location!;
    expect(path).toMatch(/^\/staff\/admin\/preview\/[A-Za-z0-9_-]{22}$/);
    const first = await admin.get(path);
    expect(first.status).toBe(200);
    expect(first.text).toContain("data-preview-revision");
    const lang = offered(first.text).find((d) => d.includes('"q":"language"') && d.includes('"v":"ja"'))!;
    expect(lang).toBeDefined();
    const tapped = await admin.post(path, { _csrf: csrf, data: lang });
    expect(tapped.status).toBe(303);
    const typed = await admin.post(path, { _csrf: csrf, text: "もう死にたい" });
    expect(typed.status).toBe(303);
    const page = (await admin.get(typed.location!)).text;
    const contact = sys.server.deps.municipality.crisisContacts!.self_harm![0]!;
    expect(page).toContain(contact.phone);
    expect(page).toContain('data-raised-crises="self_harm"');
    expect(await counts()).toEqual(before);
  });

  it("when a form comes without the session's token, from a caseworker, or for another administrator's preview, then it is refused", async () => {
    const csrf = await admin.csrf("/staff/admin/flow");
    const path = (await admin.post("/staff/admin/preview", { _csrf: csrf })).location!;
    expect((await admin.post(path, { text: "こんにちは" })).status).toBe(403);
    expect((await admin.post("/staff/admin/preview", {})).status).toBe(403);

    const worker = new StaffClient(sys.baseUrl);
    await worker.firstSignIn("preview-worker", await createStaffUser(sys.server.db.prisma, { username: "preview-worker", role: "caseworker", windowIds: [] }));
    expect((await worker.get("/staff/admin/preview")).status).toBe(404);
    expect((await worker.get(path)).status).toBe(404);
    expect((await worker.post("/staff/admin/preview", { _csrf: inputValue((await worker.get("/staff")).text, "_csrf")! })).status).toBe(404);

    const other = new StaffClient(sys.baseUrl);
    await other.firstSignIn("preview-admin-2", await createStaffUser(sys.server.db.prisma, { username: "preview-admin-2", role: "admin", windowIds: [] }));
    const theirs = await other.get(path);
    expect(theirs.status).toBe(404);
    expect(theirs.text).toContain("data-preview-gone");
  });

  it("when the draft does not build, then starting a preview shows publishing's problems with their place instead", async () => {
    const prisma = sys.server.db.prisma;
    const draft = await getDraft(prisma);
    const flow = structuredClone(draft.content.flow) as { steps: { id: string; next?: unknown }[] };
    const broken = { ...flow.steps[1]!, next: { if: { field: "language", equals: "ja" }, then: "noSuchStep", else: flow.steps[2]!.id } };
    flow.steps[1] = broken;
    const saved = await saveDraft(prisma, { ...draft.content, flow }, { revision: draft.revision, by: "test" });
    expect(saved.ok).toBe(true);
    try {
      const csrf = await admin.csrf("/staff/admin/flow");
      const answer = await admin.post("/staff/admin/preview", { _csrf: csrf });
      expect(answer.status).toBe(422);
      expect(answer.text).toMatch(/data-problems="[1-9]/);
      expect(answer.text).toContain("noSuchStep");
      expect((await admin.get("/staff/admin/preview")).status).toBe(422);
    } finally {
      const now = await getDraft(prisma);
      await saveDraft(prisma, draft.content, { revision: now.revision, by: "test" });
    }
  });
});
