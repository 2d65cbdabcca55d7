// Operations through the running server: what the logs carry after a whole intake (captured from
// pino's destination stream), and /metrics — behind its token on the main port, open on the
// loopback listener, absent without configuration — with counts that follow what happened.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setLogDestination } from "../../src/log.ts";
import { registry, sampleDatabase } from "../../src/metrics.ts";
import { Resident, REFERENCE_NO, startTestSystem, textOf, type TestSystem } from "../support/testServer.ts";
import { followEvent, groupTextEvent, newGroupId, newUserId, postWebhook, textEvent } from "../support/webhook.ts";

const METRICS_TOKEN = "metrics-token-for-tests-0123456789";
const REPLY = "/v2/bot/message/reply";
const PUSH = "/v2/bot/message/push";

let sys: TestSystem;
const logLines: string[] = [];

beforeAll(async () => {
  setLogDestination({ write: (s: string) => void logLines.push(s) });
  sys = await startTestSystem({ env: { LOG_LEVEL: "debug", METRICS_TOKEN, METRICS_PORT: "0" } });
});
afterAll(async () => {
  await sys?.stop();
  setLogDestination(null);
});

/** Prometheus text → value by series (`name{label="v",…}` as written, or `name`). */
function parseMetrics(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split("\n")) {
    const m = /^([a-zA-Z_:][\w:]*(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (m) out.set(m[1]!, Number(m[2]));
  }
  return out;
}

async function scrape(): Promise<Map<string, number>> {
  const res = await fetch(`${sys.baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(res.status).toBe(200);
  return parseMetrics(await res.text());
}

const value = (m: Map<string, number>, series: string) => m.get(series) ?? 0;

describe("logs of a running server", () => {
  it("when a resident goes through a whole intake with their own words, name, phone and a crisis, then no log line carries their text, phone, name, LINE user id or reply token", async () => {
    const r = new Resident(sys);
    const displayName = "つなぐ太郎テスト";
    sys.fake.setProfile(r.userId, { displayName, language: "ja" });
    const crisis = "もう死にたいと思うことがあります";
    const freeText = "家賃が払えず大家さんに出ていくよう言われました";
    const name = "鈴木 一郎";
    const typedPhone = "080-9876-5432";

    await r.follow();
    await r.answer("language", "ja");
    await r.type(crisis);
    for (let i = 0; i < 80 && r.currentQuestion() !== "freeText"; i++) await r.skip(r.currentQuestion()!);
    expect(r.currentQuestion()).toBe("freeText");
    // LINE fails the reply once (a 500: retried as a reply with the same token), so the retry path logs too.
    sys.fake.failNext(1, { status: 500 }, { path: REPLY });
    await r.sendEvent(textEvent(freeText, r.eventOptions()), { expectAnswer: false });
    await sys.fake.waitFor(() => r.currentQuestion() === "consent", 20_000);
    await sys.server.settled();
    await r.answer("consent", true);
    await r.answer("contactBy", "phone");
    await r.type(name);
    await r.type(typedPhone);
    const completion = await r.answer("summary", true);
    expect(completion.map(textOf).join("\n")).toMatch(REFERENCE_NO);

    // A group's message, an event the bot cannot read and a forged signature, for their log lines.
    const groupId = newGroupId();
    const groupMember = newUserId();
    const groupText = "グループでの相談ごとです";
    await sys.send([groupTextEvent(groupText, { groupId, userId: groupMember, replyToken: sys.fake.issueReplyToken(groupId) })]);
    const unreadable = { type: "message", source: { type: "user", userId: r.userId }, message: { type: "text", text: freeText } };
    expect((await sys.send([unreadable as never])).status).toBe(200);
    expect((await postWebhook(sys.baseUrl, sys.secret, [textEvent(freeText, { userId: r.userId })], { signature: "forged" })).status).toBe(401);
    await sys.server.settled();

    const records = logLines.map((l) => JSON.parse(l) as { msg: string; level: string });
    const messages = records.map((x) => x.msg);
    // The capture saw the server's lines, warnings included: the checks below are not vacuous.
    expect(messages).toContain("server started");
    expect(messages).toContain("LINE send will be retried");
    expect(messages).toContain("unreadable webhook event ignored");
    const personal = [
      r.userId,
      groupId,
      groupMember,
      displayName,
      crisis,
      freeText,
      groupText,
      name,
      "鈴木",
      "一郎",
      typedPhone,
      typedPhone.replace(/-/g, ""),
      ...r.replyTokens,
    ];
    for (const line of logLines) for (const secret of personal) expect(line, `a log line carries "${secret}"`).not.toContain(secret);
  });
});

describe("/metrics", () => {
  it("when no token or a wrong token is given, then the main port answers 401 and no metrics", async () => {
    const attempts: Record<string, string>[] = [{}, { authorization: "Bearer wrong-token-wrong-token" }, { authorization: METRICS_TOKEN }];
    for (const headers of attempts) {
      const res = await fetch(`${sys.baseUrl}/metrics`, { headers });
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(await res.text()).not.toContain("tsunagu_");
    }
  });

  it("when scraped with the token, then every metric is there in Prometheus' format", async () => {
    const res = await fetch(`${sys.baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    for (const name of [
      "tsunagu_webhook_events_total",
      "tsunagu_webhook_rejected_total",
      "tsunagu_inbox_events_total",
      "tsunagu_event_reply_seconds",
      "tsunagu_line_messages_sent_total",
      "tsunagu_line_send_retries_total",
      "tsunagu_line_send_failed_total",
      "tsunagu_notifications_sent_total",
      "tsunagu_notifications_failed_total",
      "tsunagu_inbox_lag_seconds",
      "tsunagu_inbox_pending",
      "tsunagu_outbox_depth",
      "tsunagu_referrals",
      "process_cpu_user_seconds_total",
      "nodejs_heap_size_used_bytes",
    ]) {
      expect(text, name).toContain(`# TYPE ${name} `);
    }
    const m = parseMetrics(text);
    for (const status of ["new", "accepted", "in_progress", "forwarded", "escalated", "closed"]) expect(m.has(`tsunagu_referrals{status="${status}"}`), status).toBe(true);
  });

  it("when events arrive, repeat, are refused, answered or refused by LINE, then the counters move by exactly that", async () => {
    const before = await scrape();
    const userId = newUserId();
    const follow = followEvent({ userId, replyToken: sys.fake.issueReplyToken(userId) });
    await sys.send([follow]);
    await sys.server.settled();
    await sys.send([follow]); // LINE's redelivery of the same event
    await postWebhook(sys.baseUrl, sys.secret, [follow], { signature: "forged" });
    await postWebhook(sys.baseUrl, sys.secret, [], { rawBody: "not json" });
    // Another resident's greeting that LINE refuses for good, as reply and then as push.
    const refusedUser = newUserId();
    sys.fake.failNext(1, { status: 400, body: { message: "Invalid reply token" } }, { path: REPLY });
    sys.fake.failNext(1, { status: 400, body: { message: "The request body has 1 error(s)" } }, { path: PUSH });
    await sys.send([followEvent({ userId: refusedUser, replyToken: sys.fake.issueReplyToken(refusedUser) })]);
    await sys.server.settled();
    const after = await scrape();

    const delta = (series: string) => value(after, series) - value(before, series);
    expect(delta('tsunagu_webhook_events_total{result="stored"}')).toBe(2);
    expect(delta('tsunagu_webhook_events_total{result="duplicate"}')).toBe(1);
    expect(delta('tsunagu_webhook_rejected_total{reason="signature"}')).toBe(1);
    expect(delta('tsunagu_webhook_rejected_total{reason="not_json"}')).toBe(1);
    expect(delta('tsunagu_inbox_events_total{result="done"}')).toBe(2);
    expect(delta('tsunagu_line_messages_sent_total{via="reply"}')).toBe(1);
    expect(delta('tsunagu_line_messages_sent_total{via="push"}')).toBe(0);
    expect(delta('tsunagu_event_reply_seconds_count{via="reply"}')).toBe(1);
    expect(delta('tsunagu_event_reply_seconds_bucket{le="+Inf",via="reply"}')).toBe(1);
    expect(delta("tsunagu_line_send_failed_total")).toBe(1);
    expect(delta("tsunagu_line_send_retries_total")).toBe(0);
    // The whole intake of the logging test above had one retried reply and made a referral.
    expect(value(after, "tsunagu_line_send_retries_total")).toBeGreaterThanOrEqual(1);
    const referrals = await sys.server.db.prisma.referral.groupBy({ by: ["status"], _count: { _all: true } });
    expect(referrals.length).toBeGreaterThan(0);
    for (const row of referrals) expect(value(after, `tsunagu_referrals{status="${row.status}"}`)).toBe(row._count._all);
    expect(value(after, "tsunagu_outbox_depth")).toBe(0);
    expect(value(after, "tsunagu_inbox_pending")).toBe(0);
    expect(value(after, "tsunagu_inbox_lag_seconds")).toBe(0);
  });

  it("when METRICS_PORT is set, then a loopback listener serves /metrics without a token and nothing else", async () => {
    const port = sys.server.metricsPort;
    expect(port).toEqual(expect.any(Number));
    expect(port).not.toBe(sys.server.port);
    const res = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("# TYPE tsunagu_outbox_depth gauge");
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${port}/webhook`, { method: "POST" })).status).toBe(404);
  });

  it("when neither METRICS_TOKEN nor METRICS_PORT is set, then /metrics answers 404, even with the old token", async () => {
    await sys.restart({ workers: false, env: { METRICS_TOKEN: "", METRICS_PORT: "" } });
    expect(sys.server.metricsPort).toBeNull();
    expect((await fetch(`${sys.baseUrl}/metrics`)).status).toBe(404);
    expect((await fetch(`${sys.baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).status).toBe(404);
  });

  it("when events wait in the inbox and messages in the outbox, then the gauges show how many and how old the oldest is", async () => {
    // The workers are stopped (previous test): what arrives stays where it is.
    const userId = newUserId();
    const follow = followEvent({ userId, replyToken: sys.fake.issueReplyToken(userId) });
    expect((await sys.send([follow])).status).toBe(200);
    const { prisma } = sys.server.db;
    const waiting = await prisma.inboxEvent.findUniqueOrThrow({ where: { webhookEventId: follow.webhookEventId } });
    const outbox = await prisma.outboxMessage.create({ data: { lineUserId: userId, payloadEnc: "", retryKey: randomUUID() } });
    try {
      await sampleDatabase(prisma, waiting.receivedAt.getTime() + 5_000);
      const m = parseMetrics(await registry.metrics());
      expect(m.get("tsunagu_inbox_pending")).toBe(1);
      expect(m.get("tsunagu_inbox_lag_seconds")).toBe(5);
      expect(m.get("tsunagu_outbox_depth")).toBe(1);
    } finally {
      await prisma.outboxMessage.delete({ where: { id: outbox.id } });
      await prisma.inboxEvent.delete({ where: { webhookEventId: follow.webhookEventId } });
    }
  });
});
