// Issue 9 through /webhook: a danger chosen by tapping is answered like a typed crisis (contract
// section 7) — the contacts for that kind in the same answer, word that the city has been told,
// the case raised to staff at once (and the window notified), the intake going on; completing it
// keeps one referral. The answer to the safety check, and a resident's reply to staff after the
// intake, which reaches the case's timeline and its window.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocaleCode } from "../../src/intake/codes.ts";
import { detectCrisis } from "../../src/crisis/detectCrisis.ts";
import { repoPath } from "../../src/server.ts";
import { createApiToken } from "../../src/web/apiAuth.ts";
import { createStaffUser } from "../../src/web/staff/accounts.ts";
import { inputValue, StaffClient } from "../support/browser.ts";
import { questionOf, referralsFor, Resident, startTestSystem, textOf, type TestSystem } from "../support/testServer.ts";

let sys: TestSystem;
let token: string;
let hookServer: Server;
/** Notifications the windows received: event and referral id. */
const notified: { event: string; referralId: string; windowId: string }[] = [];

type Municipality = { windows: { id: string; notify?: unknown }[]; crisisContacts: Record<string, { phone: string }[]> };
const municipality = parse(readFileSync(repoPath("flows/municipality.yaml"), "utf8")) as Municipality;

beforeAll(async () => {
  hookServer = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const n = JSON.parse(body) as { event: string; referralId: string; windowId: string };
      notified.push({ event: n.event, referralId: n.referralId, windowId: n.windowId });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => hookServer.listen(0, "127.0.0.1", r));
  const hook = `http://127.0.0.1:${(hookServer.address() as { port: number }).port}/hook`;
  // The same directory, with every window taking signed webhook notifications here.
  const withHooks = { ...municipality, windows: municipality.windows.map((w) => ({ ...w, notify: { webhook: hook } })) };
  const file = join(mkdtempSync(join(tmpdir(), "tsunagu-dangers-")), "municipality.yaml");
  writeFileSync(file, stringify(withHooks));
  sys = await startTestSystem({ env: { MUNICIPALITY_FILE: file } });
  token = await createApiToken(sys.server.db.prisma, { name: "dangers-e2e", role: "admin", windowIds: [] });
});
afterAll(async () => {
  await sys?.stop();
  await new Promise((r) => hookServer?.close(r));
});

const SENTINEL = "\u0000CONTACTS\u0000";
/** The crisis text of a language up to the contacts. */
function crisisIntro(lang: LocaleCode, kind: string): string {
  return sys.server.deps.locales.t(lang)(`crisis.${kind}`, { contacts: SENTINEL }).split(SENTINEL)[0]!.trim();
}
const phones = (kind: string) => (municipality.crisisContacts[kind] ?? []).map((c) => String(c.phone));
const said = (lang: LocaleCode, key: string) => sys.server.deps.locales.t(lang)(key);

async function waitFor<T>(what: string, get: () => Promise<T | undefined> | T | undefined, ms = 5000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await get();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`${what} did not happen within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Each danger the flow names, as a tap: the step, the value, the crisis kind it stands for. */
const DANGER_TAPS: Record<string, { value: unknown; kind: string }> = {
  tenure: { value: "car", kind: "homeless_tonight" },
  food: { value: "none_today", kind: "no_food" },
  selfHarm: { value: "plan_or_attempt", kind: "self_harm" },
  violence: { value: "ongoing", kind: "violence" },
  childAtRisk: { value: true, kind: "child_abuse" },
};

/** A housing concern, which opens the housing and money sections (where tenure and food are asked). */
async function chooseHousing(r: Resident): Promise<void> {
  await r.toggle("concerns", "housing");
  await r.done("concerns");
}

/** Skips every question up to `stop` (exclusive), answering the ones given; the concern is housing. */
async function walk(r: Resident, answers: Record<string, unknown>, stop: (q: string) => boolean): Promise<void> {
  for (let i = 0; i < 120; i++) {
    const q = r.currentQuestion()!;
    if (stop(q)) return;
    if (q === "concerns") await chooseHousing(r);
    else if (q in answers) await r.answer(q, answers[q]);
    else await r.skip(q);
  }
  throw new Error("the intake did not reach the expected question");
}

describe("a danger chosen by tapping is answered at once, in every language", () => {
  it.each(["ja", "en", "ja-easy", "vi"] as const)(
    "in %s: living in a car, no food today, a plan of self-harm, ongoing violence and a child at risk each get their contacts in the same answer; the case reaches staff as an emergency before completion; completion keeps one referral",
    async (lang) => {
      const r = new Resident(sys);
      await r.follow();
      await r.answer("language", lang);
      const seen: string[] = [];
      for (let i = 0; i < 120 && r.currentQuestion() !== "summary"; i++) {
        const q = r.currentQuestion()!;
        const tap = DANGER_TAPS[q];
        if (!tap) {
          // A child in the household, so that the child-at-risk question is asked.
          if (q === "age") await r.answer("age", "0-17");
          else if (q === "concerns") await chooseHousing(r);
          else await r.skip(q);
          continue;
        }
        const reply = await r.answer(q, tap.value);
        const text = reply.map(textOf).join("\n");
        expect(text, `${q} in ${lang}`).toContain(crisisIntro(lang, tap.kind));
        expect(phones(tap.kind).some((p) => text.includes(p)), `${q} in ${lang}: ${text}`).toBe(true);
        expect(text).toContain(said(lang, "crisis.raised"));
        // The intake goes on: the answer ends with the next question, not this one again.
        const next = questionOf(reply.at(-1));
        expect(next).not.toBeNull();
        expect(next).not.toBe(q);
        seen.push(tap.kind);

        // Raised to staff at once, as an emergency, with the window told.
        const referrals = await referralsFor(sys, token, r.userId);
        expect(referrals).toHaveLength(1);
        expect(referrals[0]!.urgency).toBe("emergency");
        const id = referrals[0]!.id;
        await waitFor("the window's notification", () => notified.find((n) => n.referralId === id && n.event === "referral.created"));
      }
      expect(seen).toEqual(["homeless_tonight", "no_food", "self_harm", "violence", "child_abuse"]);
      const before = (await referralsFor(sys, token, r.userId))[0]!;
      await r.answer("summary", true);
      const after = await referralsFor(sys, token, r.userId);
      expect(after).toHaveLength(1);
      expect(after[0]!.id).toBe(before.id);
      expect(after[0]!.urgency).toBe("emergency");
      expect(after[0]!.flags).toEqual(expect.arrayContaining(["homeless", "food_insecurity", "suicide_risk", "dv", "child_abuse_risk"]));
      expect(notified.filter((n) => n.referralId === before.id && n.event === "referral.created")).toHaveLength(1);
    },
  );

  it("when the resident taps thoughts of self-harm, then the contacts come at once and the case is raised as urgent", async () => {
    const r = new Resident(sys);
    await r.follow();
    await r.answer("language", "ja");
    await walk(r, {}, (q) => q === "selfHarm");
    const reply = await r.answer("selfHarm", "thoughts");
    expect(reply.map(textOf).join("\n")).toContain(crisisIntro("ja", "self_harm"));
    expect(questionOf(reply.at(-1))).toBe("violence");
    const [referral] = await referralsFor(sys, token, r.userId);
    expect(referral?.urgency).toBe("urgent");
    expect(referral?.flags).toContain("suicide_risk");
  });

  it("when an answer is not a danger, or the same danger is answered again after back, then nothing is raised twice", async () => {
    const r = new Resident(sys);
    await r.follow();
    await r.answer("language", "ja");
    await walk(r, {}, (q) => q === "food");
    const calm = await r.answer("food", "sometimes_short");
    expect(calm.map(textOf).join("\n")).not.toContain(said("ja", "crisis.raised"));
    expect(await referralsFor(sys, token, r.userId)).toHaveLength(0);
    await r.command("back");
    await r.answer("food", "none_today");
    await r.command("back");
    await r.answer("food", "none_today");
    const referrals = await referralsFor(sys, token, r.userId);
    expect(referrals).toHaveLength(1);
    expect(notified.filter((n) => n.referralId === referrals[0]!.id && n.event === "referral.created")).toHaveLength(1);
  });
});

/** A message of the training corpus that the detector grades "possible" (found, not chosen by hand). */
function possibleCrisisLine(lang: string): { text: string; kind: string } {
  const lines = readFileSync(repoPath(`corpus/crisis/train/${lang}.jsonl`), "utf8").split("\n").filter((l) => l.trim() !== "");
  for (const l of lines) {
    const { text } = JSON.parse(l) as { text: string };
    const d = detectCrisis(text);
    if (d?.certainty === "possible") return { text, kind: d.kind };
  }
  throw new Error(`no message in the ${lang} corpus is graded possible`);
}

describe("the safety check after a message that may be a crisis", () => {
  it("when a typed message may be a crisis, then the one gentle check comes last, nothing is raised yet; answering 'not sure' brings the contacts, raises the case and asks the open question again", async () => {
    const line = possibleCrisisLine("en");
    const r = new Resident(sys);
    await r.follow();
    await r.answer("language", "en");
    await walk(r, {}, (q) => q === "tenure");
    const asked = await r.type(line.text);
    const check = r.lastPostbacks();
    expect(check.map((p) => p.data)).toEqual(["safe", "unsure", "unsafe"].map((v) => ({ op: "check", k: line.kind, v })));
    expect(textOf(asked.at(-1))).toContain(said("en", "check.question"));
    expect(await referralsFor(sys, token, r.userId)).toHaveLength(0);

    const reply = await r.tap((d) => d.op === "check" && d.v === "unsure");
    expect(reply.map(textOf).join("\n")).toContain(crisisIntro("en", line.kind));
    expect(questionOf(reply.at(-1))).toBe("tenure");
    const referrals = await referralsFor(sys, token, r.userId);
    expect(referrals).toHaveLength(1);
  });

  it("when the resident answers that they are not safe, then the contacts come, the danger is stored, the case is raised, and the open question is asked again", async () => {
    const r = new Resident(sys);
    await r.follow();
    await r.answer("language", "en");
    await walk(r, {}, (q) => q === "tenure");
    const reply = await r.postback({ op: "check", k: "violence", v: "unsafe" });
    const text = reply.map(textOf).join("\n");
    expect(text).toContain(crisisIntro("en", "violence"));
    expect(questionOf(reply.at(-1))).toBe("tenure");
    const [referral] = await referralsFor(sys, token, r.userId);
    expect(referral?.urgency).toBe("emergency");
    expect(referral?.intake?.safety.violence).toBe("ongoing");
  });

  it("when the resident answers that they are safe, then they are thanked, nothing is raised, and the open question is asked again", async () => {
    const r = new Resident(sys);
    await r.follow();
    await r.answer("language", "ja");
    const reply = await r.postback({ op: "check", k: "self_harm", v: "safe" });
    expect(reply.map(textOf).join("\n")).toContain(said("ja", "check.thanks"));
    expect(questionOf(reply.at(-1))).toBe("respondent");
    expect(await referralsFor(sys, token, r.userId)).toHaveLength(0);
  });
});

describe("a resident answers staff after the intake", () => {
  it("when a caseworker writes and the resident replies, then the reply is on the case's timeline with its language, the window is notified, the resident is told a person will read it, and the API lists it", async () => {
    const { prisma } = sys.server.db;
    const r = new Resident(sys);
    await r.follow();
    await r.answer("language", "en");
    await walk(r, { area: "chuo" }, (q) => q === "summary");
    await r.answer("summary", true);
    const [referral] = await referralsFor(sys, token, r.userId);
    expect(referral).toBeDefined();
    const row = await prisma.referral.findUniqueOrThrow({ where: { id: referral!.id } });

    // A caseworker of the owner window writes from the console.
    const oneTime = await createStaffUser(prisma, { username: "dangers-owner", role: "caseworker", windowIds: [row.primaryWindowId] });
    const password = await new StaffClient(sys.baseUrl).firstSignIn("dangers-owner", oneTime);
    const c = new StaffClient(sys.baseUrl);
    expect((await c.signIn("dangers-owner", password)).status).toBe(303);
    const page = await c.get(`/staff/referrals/${row.id}`);
    const sent = await c.post(`/staff/referrals/${row.id}/message`, {
      _csrf: inputValue(page.text, "_csrf")!,
      expectedUpdatedAt: inputValue(page.text, "expectedUpdatedAt")!,
      text: "Could we call you tomorrow?",
    });
    expect(sent.status).toBe(303);
    await waitFor("the staff message", () => (r.allMessages().some((m) => textOf(m).includes("Could we call you tomorrow?")) ? true : undefined));

    // The resident answers in their own words, in another script than the intake's language.
    const reply = await r.type("明日の午後なら大丈夫です");
    const ack = reply.map(textOf).join("\n");
    expect(ack).toContain(referral!.referenceNo);
    expect(ack).not.toContain(said("en", "msg.alreadyCompleted").slice(0, 20));
    await r.type("Thank you very much");

    const timeline = await c.get(`/staff/referrals/${row.id}`);
    expect(timeline.text).toContain("明日の午後なら大丈夫です");
    expect(timeline.text).toMatch(/data-resident-message[^]*Thank you very much/);
    await waitFor("the owner window's notification", () =>
      notified.find((n) => n.referralId === row.id && n.event === "referral.resident_message" && n.windowId === row.primaryWindowId),
    );

    const api = await fetch(`${sys.baseUrl}/api/v1/referrals/${row.id}`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await api.json()) as { residentMessages: { at: string; language: string; text: string }[] };
    expect(body.residentMessages.map((m) => m.text)).toEqual(["明日の午後なら大丈夫です", "Thank you very much"]);
    expect(body.residentMessages[0]!.language).toBe("ja");
    expect(body.residentMessages[1]!.language).toBe("en");

    // Still one consultation: the replies start nothing new; asking for one does.
    expect(await prisma.conversation.count({ where: { lineUserId: r.userId } })).toBe(1);
    await r.command("restart");
    expect(r.currentQuestion()).toBe("language");
    expect(await prisma.conversation.count({ where: { lineUserId: r.userId } })).toBe(2);
  });
});
