// The inbox worker takes a resident's waiting events in one transaction (src/jobs/inboxWorker.ts):
// one lock, one look, one commit for a burst. Each event must still be answered once and in order,
// and an event that fails must not take the ones before it down with it.
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { questionOf, Resident, startTestSystem, type TestSystem } from "../support/testServer.ts";
import { followEvent, postbackEvent, textEvent } from "../support/webhook.ts";

/** The data of a choice, as the bot encodes it (for events sent before the bot has answered). */
const choice = (q: string, v: unknown) => JSON.stringify({ q, f: q, v });
const questionsTo = (sys: TestSystem, userId: string) => sys.fake.delivered.filter((d) => d.userId === userId).map((d) => questionOf(d.messages.at(-1)));

describe("a resident's waiting events, taken together", { timeout: 120_000 }, () => {
  let sys: TestSystem;
  beforeEach(async () => {
    sys = await startTestSystem({ workers: false, env: { INBOX_BATCH_MAX: "4" } });
  });
  afterEach(async () => {
    await sys?.stop();
  });

  it("when five of a resident's events wait in the inbox, then each is answered once, in order, with the answers kept", async () => {
    const r = new Resident(sys);
    const events = [
      followEvent(r.eventOptions()),
      postbackEvent(choice("language", "ja"), r.eventOptions()),
      postbackEvent(choice("respondent", "self"), r.eventOptions()),
      postbackEvent(choice("area", "chuo"), r.eventOptions()),
      postbackEvent(choice("language", "ja"), r.eventOptions()), // an earlier question: asked the open one again
    ];
    for (const e of events) expect((await sys.send([e])).status).toBe(200);
    await sys.restart({ workers: true });
    await sys.server.settled();
    expect(questionsTo(sys, r.userId)).toEqual(["language", "respondent", "area", "concerns", "concerns"]);
    const { prisma } = sys.server.db;
    expect(await prisma.inboxEvent.count({ where: { lineUserId: r.userId, status: "done" } })).toBe(5);
    // Rows written by one transaction share its id (xmin): four events in the first, one after.
    const txs = await prisma.$queryRaw<{ xmin: string }[]>`SELECT xmin::text AS xmin FROM "InboxEvent" WHERE "lineUserId" = ${r.userId} ORDER BY seq`;
    expect(new Set(txs.map((t) => t.xmin)).size).toBe(2);
    expect(await prisma.outboxMessage.count({ where: { lineUserId: r.userId } })).toBe(5);
    expect(await prisma.transcriptEntry.count({ where: { lineUserId: r.userId, direction: "in" } })).toBe(4);
    expect(sys.fake.violations).toEqual([]);
  });

  it("when a later event of the batch fails, then the ones before it are answered once, and only the failing one counts attempts until it is given up", async () => {
    const r = new Resident(sys);
    for (const e of [followEvent(r.eventOptions()), postbackEvent(choice("language", "ja"), r.eventOptions()), postbackEvent(choice("respondent", "self"), r.eventOptions())]) {
      expect((await sys.send([e])).status).toBe(200);
    }
    const { prisma } = sys.server.db;
    const [, , poison] = await prisma.inboxEvent.findMany({ where: { lineUserId: r.userId }, orderBy: { seq: "asc" } });
    // A payload the data key cannot open: the event throws each time it is taken.
    await prisma.inboxEvent.update({ where: { webhookEventId: poison!.webhookEventId }, data: { payloadEnc: "not-sealed" } });
    await sys.restart({ workers: true });
    await sys.server.settled();
    expect(questionsTo(sys, r.userId)).toEqual(["language", "respondent"]);
    const rows = await sys.server.db.prisma.inboxEvent.findMany({ where: { lineUserId: r.userId }, orderBy: { seq: "asc" } });
    expect(rows.map((e) => [e.status, e.attempts])).toEqual([
      ["done", 0],
      ["done", 0],
      ["failed", 5],
    ]);
  });
});

describe("LINE's 200 before the worker's transactions", { timeout: 120_000 }, () => {
  let sys: TestSystem;
  beforeEach(async () => {
    // Set here so that it holds on both databases (unset, it is on for PostgreSQL only).
    sys = await startTestSystem({ env: { WEBHOOKS_FIRST: "true" } });
  });
  afterEach(async () => {
    await sys?.stop();
  });

  it("when a signed webhook request has not been answered yet, then the worker starts no transaction until it has, and the waiting event is answered after", async () => {
    const r = new Resident(sys);
    await r.follow();
    const before = sys.fake.delivered.filter((d) => d.userId === r.userId).length;
    // Another request in hand (as the route marks a signed one until its response is done).
    let answer!: () => void;
    void sys.server.webhooksFirst!.priority(() => new Promise<void>((done) => (answer = done)));
    // Stored and acknowledged at once: the webhook's own insert does not wait.
    expect((await sys.send([textEvent("こんにちは", r.eventOptions())])).status).toBe(200);
    await sleep(500);
    expect(sys.fake.delivered.filter((d) => d.userId === r.userId)).toHaveLength(before);
    answer();
    await sys.server.settled();
    expect(sys.fake.delivered.filter((d) => d.userId === r.userId)).toHaveLength(before + 1);
  });
});
