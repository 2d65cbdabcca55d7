// The door and the way out: what /webhook accepts and stores, that every event is answered once
// and in order whatever LINE or the server does, and what the bot says to input it cannot use.
import type { webhook } from "@line/bot-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RecordedRequest } from "../support/fakeLineApi.ts";
import {
  questionOf,
  Resident,
  startTestSystem,
  storedAnswers,
  textOf,
  type TestSystem,
} from "../support/testServer.ts";
import {
  followEvent,
  groupTextEvent,
  imageEvent,
  locationEvent,
  newGroupId,
  newUserId,
  newWebhookEventId,
  postbackEvent,
  postWebhook,
  signBody,
  stickerEvent,
  webhookBody,
} from "../support/webhook.ts";

const REPLY = "/v2/bot/message/reply";
const PUSH = "/v2/bot/message/push";
const LOADING = "/v2/bot/chat/loading/start";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The data of a choice, as the bot encodes it (for events sent before the bot has answered). */
const choice = (q: string, f: string, v: unknown) => JSON.stringify({ q, f, v });

/** Reply and push requests since index `from` for this resident (replies by the tokens issued to them). */
function messageRequests(sys: TestSystem, from: number, r: Resident): RecordedRequest[] {
  return sys.fake.requests.slice(from).filter((q) => {
    const body = q.body as { to?: string; replyToken?: string } | undefined;
    if (q.path === PUSH) return body?.to === r.userId;
    if (q.path === REPLY) return r.replyTokens.has(body?.replyToken ?? "");
    return false;
  });
}

const deliveriesTo = (sys: TestSystem, userId: string) => sys.fake.delivered.filter((d) => d.userId === userId);

/** A resident who has followed and chosen Japanese; the bot now asks `respondent`. */
async function residentInJapanese(sys: TestSystem): Promise<Resident> {
  const r = new Resident(sys);
  await r.follow();
  await r.answer("language", "ja");
  expect(r.currentQuestion()).toBe("respondent");
  return r;
}

async function skipUntil(r: Resident, stepId: string): Promise<void> {
  for (let i = 0; i < 60 && r.currentQuestion() !== stepId; i++) await r.skip(r.currentQuestion()!);
  expect(r.currentQuestion()).toBe(stepId);
}

describe("one running server (loading animation at once)", () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem({ env: { LOADING_ANIMATION_AFTER_MS: "0" } });
  });
  afterAll(async () => {
    await sys?.stop();
  });

  const inboxCount = (webhookEventId?: string) =>
    sys.server.db.prisma.inboxEvent.count(webhookEventId ? { where: { webhookEventId } } : undefined);

  describe("the door: /webhook", () => {
    it("refuses a wrong signature with 401 and stores nothing", async () => {
      const event = followEvent();
      const before = await inboxCount();
      const res = await postWebhook(sys.baseUrl, sys.secret, [event], { signature: signBody("{}", sys.secret) });
      expect(res.status).toBe(401);
      const signedWithAnotherSecret = await postWebhook(sys.baseUrl, "not-the-channel-secret", [event]);
      expect(signedWithAnotherSecret.status).toBe(401);
      expect(await inboxCount(event.webhookEventId)).toBe(0);
      expect(await inboxCount()).toBe(before);
    });

    it("refuses a missing signature with 401 and stores nothing", async () => {
      const event = followEvent();
      const before = await inboxCount();
      const res = await fetch(`${sys.baseUrl}/webhook`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(webhookBody([event])),
      });
      expect(res.status).toBe(401);
      expect(await inboxCount(event.webhookEventId)).toBe(0);
      expect(await inboxCount()).toBe(before);
    });

    it("answers 400 to a correctly signed body that is not JSON", async () => {
      const res = await postWebhook(sys.baseUrl, sys.secret, [], { rawBody: '{"destination":"U1","events":[' });
      expect(res.status).toBe(400);
    });

    it("answers 400 to correctly signed JSON that is not a LINE webhook", async () => {
      for (const rawBody of ['{"hello":"world"}', '{"destination":"U1"}', '[1,2,3]', '"events"']) {
        const res = await postWebhook(sys.baseUrl, sys.secret, [], { rawBody });
        expect(res.status, rawBody).toBe(400);
      }
    });

    it("answers LINE's verify ping (no events) with 200 and stores nothing", async () => {
      const before = await inboxCount();
      const res = await sys.send([]);
      expect(res.status).toBe(200);
      expect(await inboxCount()).toBe(before);
    });

    it("takes event types it does not handle (beacon, memberJoined) with 200 and sends nothing", async () => {
      const userId = newUserId();
      const common = { timestamp: Date.now(), mode: "active", deliveryContext: { isRedelivery: false } };
      const beacon = {
        ...common,
        type: "beacon",
        source: { type: "user", userId },
        webhookEventId: newWebhookEventId(),
        replyToken: sys.fake.issueReplyToken(userId),
        beacon: { hwid: "d41d8cd98f", type: "enter" },
      } as unknown as webhook.Event;
      const groupId = newGroupId();
      const memberJoined = {
        ...common,
        type: "memberJoined",
        source: { type: "group", groupId },
        webhookEventId: newWebhookEventId(),
        replyToken: sys.fake.issueReplyToken(groupId),
        joined: { members: [{ type: "user", userId }] },
      } as unknown as webhook.Event;
      const deliveredBefore = sys.fake.delivered.length;
      const res = await sys.send([beacon, memberJoined]);
      expect(res.status).toBe(200);
      await sys.server.settled();
      expect(sys.fake.delivered.length).toBe(deliveredBefore);
      expect(sys.fake.messagesFor(userId)).toEqual([]);
      expect(sys.fake.messagesFor(groupId)).toEqual([]);
      const rows = await sys.server.db.prisma.inboxEvent.findMany({
        where: { webhookEventId: { in: [beacon.webhookEventId, memberJoined.webhookEventId] } },
      });
      expect(rows.map((r) => r.status)).toEqual(["ignored", "ignored"]);
      expect(await sys.server.db.prisma.resident.count({ where: { lineUserId: userId } })).toBe(0);
    });

    it("answers the same event once, however often it is posted (twice at once, then as a redelivery)", async () => {
      const r = new Resident(sys);
      await r.follow();
      const event = postbackEvent(choice("language", "language", "ja"), r.eventOptions());
      const [a, b] = await Promise.all([sys.send([event]), sys.send([event])]);
      expect([a.status, b.status]).toEqual([200, 200]);
      await sys.server.settled();
      const redelivered = { ...event, deliveryContext: { isRedelivery: true } };
      expect((await sys.send([redelivered])).status).toBe(200);
      await sys.server.settled();

      expect(await inboxCount(event.webhookEventId)).toBe(1);
      const deliveries = deliveriesTo(sys, r.userId);
      expect(deliveries.map((d) => questionOf(d.messages.at(-1)))).toEqual(["language", "respondent"]);
      expect(sys.fake.violations).toEqual([]);
    });

    it("keeps each of 20 residents' events in order and answers each exactly once when they all write at once", async () => {
      const residents = Array.from({ length: 20 }, () => new Resident(sys));
      const script = (r: Resident): webhook.Event[] => [
        followEvent(r.eventOptions()),
        postbackEvent(choice("language", "language", "ja"), r.eventOptions()),
        postbackEvent(choice("respondent", "respondent", "self"), r.eventOptions()),
        postbackEvent(choice("area", "area", "chuo"), r.eventOptions()),
        postbackEvent(JSON.stringify({ q: "concerns", f: "concerns", v: "housing", op: "toggle" }), r.eventOptions()),
        postbackEvent(JSON.stringify({ q: "concerns", f: "concerns", op: "done" }), r.eventOptions()),
      ];
      const scripts = residents.map(script);
      await Promise.all(
        residents.map(async (_r, i) => {
          const events = scripts[i]!;
          if (i % 2 === 0) {
            // All of one resident's events in one webhook body.
            expect((await sys.send(events)).status).toBe(200);
          } else {
            // One body per event, posted one after the other.
            for (const e of events) expect((await sys.send([e])).status).toBe(200);
          }
        }),
      );
      await sys.server.settled();

      for (const r of residents) {
        const deliveries = deliveriesTo(sys, r.userId);
        expect(deliveries.map((d) => questionOf(d.messages.at(-1))), r.userId).toEqual([
          "language",
          "respondent",
          "area",
          "concerns",
          "concerns",
          "age",
        ]);
        expect(await storedAnswers(sys.server, r.userId)).toMatchObject({
          language: "ja",
          respondent: "self",
          area: "chuo",
          concerns: ["housing"],
        });
      }
      const ids = scripts.flat().map((e) => e.webhookEventId);
      const rows = await sys.server.db.prisma.inboxEvent.groupBy({ by: ["status"], where: { webhookEventId: { in: ids } }, _count: true });
      expect(rows.map((r) => ({ status: r.status, n: r._count }))).toEqual([{ status: "done", n: ids.length }]);
      expect(sys.fake.violations).toEqual([]);
    });
  });

  describe("the way out: LINE failures", () => {
    it("when LINE answers 500 to a reply twice, the reply is retried with the same token and arrives exactly once", async () => {
      const r = await residentInJapanese(sys);
      const before = deliveriesTo(sys, r.userId).length;
      const from = sys.fake.requests.length;
      sys.fake.failNext(2, { status: 500 }, { path: REPLY });
      await r.tap((d) => d.q === "respondent" && d.v === "self", { expectAnswer: false });
      await sys.fake.waitFor((f) => f.delivered.filter((d) => d.userId === r.userId).length > before, 20_000);
      await sys.server.settled();

      const requests = messageRequests(sys, from, r);
      expect(requests.map((q) => q.path)).toEqual([REPLY, REPLY, REPLY]);
      expect(new Set(requests.map((q) => (q.body as { replyToken: string }).replyToken)).size).toBe(1);
      const deliveries = deliveriesTo(sys, r.userId).slice(before);
      expect(deliveries.map((d) => d.via)).toEqual(["reply"]);
      expect(questionOf(deliveries[0]!.messages.at(-1))).toBe("area");
      expect(sys.fake.violations).toEqual([]);
    });

    it("when LINE delivers a reply and then answers 500, the message is not sent again (the retried reply finds its token used)", async () => {
      const r = await residentInJapanese(sys);
      const before = deliveriesTo(sys, r.userId).length;
      const from = sys.fake.requests.length;
      sys.fake.failNext(1, { status: 500 }, { path: REPLY, afterDelivery: true });
      await r.tap((d) => d.q === "respondent" && d.v === "self", { expectAnswer: false });
      await sys.fake.waitFor((f) => f.requests.slice(from).filter((q) => q.path === REPLY).length >= 2, 20_000);
      await sys.server.settled();

      expect(messageRequests(sys, from, r).map((q) => q.path)).toEqual([REPLY, REPLY]);
      expect(deliveriesTo(sys, r.userId).slice(before).map((d) => d.via)).toEqual(["reply"]);
      const row = await sys.server.db.prisma.outboxMessage.findFirst({ where: { lineUserId: r.userId }, orderBy: { id: "desc" } });
      expect(row).toMatchObject({ status: "sent", sentVia: "reply" });
      expect(sys.fake.violations).toEqual([]);
    });

    it("when LINE delivers a push and then answers 500, the retried push gets 409 for its retry key and counts as sent", async () => {
      const r = await residentInJapanese(sys);
      const before = deliveriesTo(sys, r.userId).length;
      const from = sys.fake.requests.length;
      sys.fake.failNext(1, { status: 400, body: { message: "Invalid reply token" } }, { path: REPLY });
      sys.fake.failNext(1, { status: 500 }, { path: PUSH, afterDelivery: true });
      await r.tap((d) => d.q === "respondent" && d.v === "self", { expectAnswer: false });
      await sys.fake.waitFor((f) => f.requests.slice(from).filter((q) => q.path === PUSH).length >= 2, 20_000);
      await sys.server.settled();

      expect(messageRequests(sys, from, r).map((q) => q.path)).toEqual([REPLY, PUSH, PUSH]);
      expect(deliveriesTo(sys, r.userId).slice(before).map((d) => d.via)).toEqual(["push"]);
      const row = await sys.server.db.prisma.outboxMessage.findFirst({ where: { lineUserId: r.userId }, orderBy: { id: "desc" } });
      expect(row).toMatchObject({ status: "sent", sentVia: "push" });
    });

    it("when LINE answers 429 with Retry-After: 1, the next attempt waits at least that long", async () => {
      const r = await residentInJapanese(sys);
      const before = deliveriesTo(sys, r.userId).length;
      const from = sys.fake.requests.length;
      sys.fake.failNext(1, { status: 429, headers: { "Retry-After": "1" }, body: { message: "Too many requests" } }, { path: REPLY });
      await r.tap((d) => d.q === "respondent" && d.v === "family", { expectAnswer: false });
      await sys.fake.waitFor((f) => f.delivered.filter((d) => d.userId === r.userId).length > before, 20_000);
      await sys.server.settled();

      const [first, second, ...more] = messageRequests(sys, from, r);
      expect(more).toEqual([]);
      expect(second!.time).toBeGreaterThanOrEqual(first!.time + 900);
      expect(deliveriesTo(sys, r.userId).slice(before)).toHaveLength(1);
    });

    it("when LINE refuses a push with 400, the outbox row is marked failed with the error and not retried", async () => {
      const r = await residentInJapanese(sys);
      const from = sys.fake.requests.length;
      // The reply token is refused (as when it expired), so the bot pushes; the push is refused for good.
      sys.fake.failNext(1, { status: 400, body: { message: "Invalid reply token" } }, { path: REPLY });
      sys.fake.failNext(1, { status: 400, body: { message: "The request body has 1 error(s)" } }, { path: PUSH });
      await r.tap((d) => d.q === "respondent" && d.v === "self", { expectAnswer: false });
      const row = await sys.server.db.prisma.outboxMessage.findFirst({ where: { lineUserId: r.userId }, orderBy: { id: "desc" } });
      expect(row).toMatchObject({ status: "failed", lastError: expect.stringContaining("400") });
      expect(messageRequests(sys, from, r).map((q) => q.path)).toEqual([REPLY, PUSH]);

      // The resident's next answer still goes out, and the failed message is not tried again.
      await r.postback(choice("area", "area", "chuo"));
      expect(r.currentQuestion()).toBe("concerns");
      await sys.server.settled();
      const pushes = messageRequests(sys, from, r).filter((q) => q.path === PUSH);
      expect(pushes).toHaveLength(1);
      expect(await sys.server.db.prisma.outboxMessage.findUnique({ where: { id: row!.id } })).toMatchObject({ status: "failed" });
    });

    it("a push that is retried carries the same X-Line-Retry-Key on every attempt", async () => {
      const r = await residentInJapanese(sys);
      const before = deliveriesTo(sys, r.userId).length;
      const from = sys.fake.requests.length;
      sys.fake.failNext(1, { status: 400, body: { message: "Invalid reply token" } }, { path: REPLY });
      sys.fake.failNext(1, { status: 500 }, { path: PUSH });
      await r.tap((d) => d.q === "respondent" && d.v === "supporter", { expectAnswer: false });
      await sys.fake.waitFor((f) => f.delivered.filter((d) => d.userId === r.userId).length > before, 20_000);
      await sys.server.settled();

      const pushes = messageRequests(sys, from, r).filter((q) => q.path === PUSH);
      expect(pushes).toHaveLength(2);
      const keys = pushes.map((q) => q.headers["x-line-retry-key"]);
      expect(keys[0]).toMatch(UUID);
      expect(keys[1]).toBe(keys[0]);
      expect(deliveriesTo(sys, r.userId).slice(before)).toHaveLength(1);
      expect(sys.fake.violations).toEqual([]);
    });
  });

  describe("input the bot cannot use", () => {
    it("a sticker, an image or a location gets a kind line and the open question again, answers unchanged", async () => {
      const r = await residentInJapanese(sys);
      await r.answer("respondent", "self");
      const answers = await storedAnswers(sys.server, r.userId);
      for (const event of [stickerEvent(r.eventOptions()), imageEvent(r.eventOptions()), locationEvent({ latitude: 35.68, longitude: 139.76, title: "駅" }, r.eventOptions())]) {
        const answer = await r.sendEvent(event);
        expect(answer.map(textOf).join("\n")).toContain("文字とボタンの操作だけ");
        expect(questionOf(answer.at(-1))).toBe("area");
      }
      expect(await storedAnswers(sys.server, r.userId)).toEqual(answers);
      expect(sys.fake.violations).toEqual([]);
    });

    it("a text in a group gets the 'consultations are private' reply and nothing personal is stored", async () => {
      const groupId = newGroupId();
      const memberId = newUserId();
      const event = groupTextEvent("家賃が払えなくて困っています", { groupId, userId: memberId, replyToken: sys.fake.issueReplyToken(groupId) });
      expect((await sys.send([event])).status).toBe(200);
      await sys.server.settled();

      const reply = sys.fake.messagesFor(groupId).map(textOf).join("\n");
      expect(reply).toContain("1対1");
      expect(reply).toContain("one-to-one");
      const { prisma } = sys.server.db;
      expect(await prisma.resident.count({ where: { lineUserId: memberId } })).toBe(0);
      expect(await prisma.conversation.count({ where: { lineUserId: memberId } })).toBe(0);
      expect(await prisma.transcriptEntry.count({ where: { lineUserId: memberId } })).toBe(0);
      const row = await prisma.inboxEvent.findUnique({ where: { webhookEventId: event.webhookEventId } });
      expect(row).toMatchObject({ status: "done", lineUserId: null, sourceType: "group", payloadEnc: "" });
      expect(sys.fake.violations).toEqual([]);
    });

    it("a postback with non-JSON data, an unknown question or an earlier question gets a gentle line and the open question again, answers unchanged", async () => {
      const r = await residentInJapanese(sys);
      await r.answer("respondent", "self");
      const answers = await storedAnswers(sys.server, r.userId);

      const notJson = await r.postback("respondent=supporter");
      expect(notJson.map(textOf).join("\n")).toContain("うまく読み取れませんでした");
      expect(questionOf(notJson.at(-1))).toBe("area");

      const unknown = await r.postback({ q: "favouriteColour", f: "person.colour", v: "blue" });
      expect(unknown.map(textOf).join("\n")).toContain("うまく読み取れませんでした");
      expect(questionOf(unknown.at(-1))).toBe("area");

      const earlier = await r.postback({ q: "respondent", f: "respondent", v: "supporter" });
      expect(earlier.map(textOf).join("\n")).toContain("もうお答えいただいています");
      expect(questionOf(earlier.at(-1))).toBe("area");

      expect(await storedAnswers(sys.server, r.userId)).toEqual(answers);
      expect(answers).toMatchObject({ respondent: "self" });
      expect(sys.fake.violations).toEqual([]);
    });

    it("a typed amount that cannot be read (たくさん) is asked again with an example", async () => {
      const r = await residentInJapanese(sys);
      await skipUntil(r, "concerns");
      await r.toggle("concerns", "income"); // opens the money section
      await r.done("concerns");
      await skipUntil(r, "income");
      const answer = await r.type("たくさん");
      const text = answer.map(textOf).join("\n");
      expect(text).toContain("金額を読み取れませんでした");
      expect(text).toContain("12万5千円");
      expect(questionOf(answer.at(-1))).toBe("income");
      expect((await storedAnswers(sys.server, r.userId))?.income.monthlyHouseholdIncome).toBeNull();
      await r.type("125,000");
      expect(r.currentQuestion()).toBe("savings"); // the amount is given: no sources
      expect((await storedAnswers(sys.server, r.userId))?.income.monthlyHouseholdIncome).toBe(125000);
    });

    it("a 6,000-character free text is accepted, kept to its first 5,000 characters, and the resident is told", async () => {
      const r = await residentInJapanese(sys);
      await skipUntil(r, "freeText");
      const long = "家賃が払えず困っています。".repeat(500).slice(0, 6000);
      expect(long).toHaveLength(6000);
      const answer = await r.type(long);
      expect(answer.map(textOf).join("\n")).toContain("最初の5000文字までを受け取りました");
      expect(r.currentQuestion()).toBe("consent");
      expect((await storedAnswers(sys.server, r.userId))?.freeText).toBe(long.slice(0, 5000));
      expect(sys.fake.violations).toEqual([]);
    });

    it("a postback shows LINE's loading animation, with a request LINE accepts", async () => {
      const r = new Resident(sys);
      await r.follow();
      const from = sys.fake.requests.length;
      await r.answer("language", "ja");
      const shown = (q: RecordedRequest) => q.path === LOADING && (q.body as { chatId?: string } | undefined)?.chatId === r.userId;
      // The animation is fire-and-forget: it may reach LINE just after the answer.
      await sys.fake.waitFor((f) => f.requests.slice(from).some(shown), 3_000).catch(() => undefined);
      const loading = sys.fake.requests.slice(from).filter((q) => q.path === LOADING).map((q) => q.body);
      expect(loading).toContainEqual({ chatId: r.userId, loadingSeconds: expect.any(Number) });
      expect(sys.fake.violations.filter((v) => v.path === LOADING)).toEqual([]);
      expect(sys.fake.violations).toEqual([]);
    });
  });
});

describe("a crash between storing and answering", () => {
  let sys: TestSystem;
  const residents: Resident[] = [];
  beforeAll(async () => {
    sys = await startTestSystem({ workers: false });
  });
  afterAll(async () => {
    await sys?.stop();
  });

  it("events stored while the workers were down are each processed and answered exactly once, in order, after a restart", async () => {
    for (let i = 0; i < 3; i++) residents.push(new Resident(sys));
    const events = residents.map((r) => [
      followEvent(r.eventOptions()),
      postbackEvent(choice("language", "language", "ja"), r.eventOptions()),
      postbackEvent(choice("respondent", "respondent", "family"), r.eventOptions()),
    ]);
    for (const batch of events) expect((await sys.send(batch)).status).toBe(200);
    const postedAt = Date.now();
    const { prisma } = sys.server.db;
    expect(await prisma.inboxEvent.count({ where: { status: "pending" } })).toBe(9);
    expect(sys.fake.delivered).toEqual([]);

    await sys.stopServer();
    // The reply tokens must be older than the reply-token lifetime (1 s here) when the server is back.
    const wait = postedAt + 1_500 - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    await sys.restart({ workers: true, env: { REPLY_TOKEN_TTL_SECONDS: "1" } });
    await sys.server.settled();

    for (const r of residents) {
      expect(deliveriesTo(sys, r.userId).map((d) => questionOf(d.messages.at(-1)))).toEqual(["language", "respondent", "area"]);
      expect(await storedAnswers(sys.server, r.userId)).toMatchObject({ language: "ja", respondent: "family" });
    }
    expect(await sys.server.db.prisma.inboxEvent.count({ where: { status: "done" } })).toBe(9);
    expect(sys.fake.violations).toEqual([]);
  });

  it("answers whose reply tokens expired while the server was down fall back to push", () => {
    expect(residents).toHaveLength(3);
    for (const r of residents) {
      expect(deliveriesTo(sys, r.userId).map((d) => d.via)).toEqual(["push", "push", "push"]);
    }
  });
});


describe("a LINE call that never answers", () => {
  // Long enough that B's event is processed well within it even on two busy cores.
  const DEADLINE_MS = 6000;
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem({ env: { LINE_CALL_TIMEOUT_MS: String(DEADLINE_MS) } });
  });
  afterAll(async () => {
    await sys?.stop();
  });

  it("when one resident's reply never answers, another resident's answer goes out meanwhile, and the hung one is retried after the timeout and arrives once", async () => {
    const a = await residentInJapanese(sys);
    const b = await residentInJapanese(sys);
    const beforeA = deliveriesTo(sys, a.userId).length;
    const beforeB = deliveriesTo(sys, b.userId).length;
    sys.fake.hangNext(1, { path: REPLY, userId: a.userId });
    const tapEvent = (r: Resident) => postbackEvent(choice("respondent", "respondent", "self"), r.eventOptions());
    expect((await sys.send([tapEvent(a)])).status).toBe(200);
    await sys.fake.waitFor((f) => f.hung.length === 1, 10_000);
    expect((await sys.send([tapEvent(b)])).status).toBe(200);

    // B's answer arrives while A's call is still hanging (before its deadline).
    await sys.fake.waitFor((f) => f.delivered.filter((d) => d.userId === b.userId).length > beforeB, 20_000);
    const hungAt = sys.fake.hung[0]!.time;
    const bAt = deliveriesTo(sys, b.userId).at(-1)!.at;
    expect(bAt - hungAt).toBeLessThan(DEADLINE_MS);
    expect(deliveriesTo(sys, a.userId)).toHaveLength(beforeA);

    // A's reply is retried with the same token once the deadline passes, and arrives once.
    await sys.fake.waitFor((f) => f.delivered.filter((d) => d.userId === a.userId).length > beforeA, 20_000);
    await sys.server.settled();
    const aAnswers = deliveriesTo(sys, a.userId).slice(beforeA);
    expect(aAnswers.map((d) => [d.via, questionOf(d.messages.at(-1))])).toEqual([["reply", "area"]]);
    expect(sys.fake.violations).toEqual([]);
  });
});

describe("LINE failing at random (30 % of message calls: 500, delivered-then-500, 429 with Retry-After)", () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem();
  });
  afterAll(async () => {
    await sys?.stop();
  });

  it("when faults hit replies and pushes at random, every message still arrives exactly once and in order per resident", async () => {
    // A small seeded generator: the same faults on every run.
    let seed = 20261203;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    let faults = 0;
    sys.fake.injectFaults(() => {
      if (random() >= 0.3) return undefined;
      faults++;
      const pick = random();
      if (pick < 0.4) return { kind: "fail", response: { status: 500 } };
      if (pick < 0.8) return { kind: "failAfterDelivery", response: { status: 500 } };
      return { kind: "fail", response: { status: 429, headers: { "Retry-After": "1" }, body: { message: "Too many requests" } } };
    });
    const residents = Array.from({ length: 6 }, () => new Resident(sys));
    const scripts = residents.map((r) => [
      followEvent(r.eventOptions()),
      postbackEvent(choice("language", "language", "ja"), r.eventOptions()),
      postbackEvent(choice("respondent", "respondent", "self"), r.eventOptions()),
      postbackEvent(choice("area", "area", "chuo"), r.eventOptions()),
    ]);
    await Promise.all(scripts.map(async (events) => expect((await sys.send(events)).status).toBe(200)));
    const expected = ["language", "respondent", "area", "concerns"];
    await sys.fake.waitFor((f) => residents.every((r) => f.delivered.filter((d) => d.userId === r.userId).length >= expected.length), 60_000);
    await sys.server.settled();
    // A message delivered and then refused is retried after its backoff, which settled() does not
    // wait for: every fault costs exactly one more message call, so wait for all of them.
    const rows = await sys.server.db.prisma.outboxMessage.count({ where: { lineUserId: { in: residents.map((r) => r.userId) } } });
    const messageCalls = (f: typeof sys.fake) => f.requests.filter((q) => q.path === "/v2/bot/message/reply" || q.path === "/v2/bot/message/push").length;
    await sys.fake.waitFor((f) => messageCalls(f) >= rows + faults, 60_000);
    await sys.server.settled();
    sys.fake.injectFaults(null);

    expect(faults).toBeGreaterThan(3);
    for (const r of residents) {
      expect(deliveriesTo(sys, r.userId).map((d) => questionOf(d.messages.at(-1))), r.userId).toEqual(expected);
    }
    const unsent = await sys.server.db.prisma.outboxMessage.count({ where: { lineUserId: { in: residents.map((r) => r.userId) }, status: { not: "sent" } } });
    expect(unsent).toBe(0);
    expect(sys.fake.violations).toEqual([]);
  });
});
