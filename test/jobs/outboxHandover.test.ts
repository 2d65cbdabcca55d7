// The inbox worker claims the first row of an answer as it writes it, for the outbox sender
// (OutboxSender.takeSlot, queueMessages): one statement less per event. A resident's messages
// must still go one at a time and in order, and each exactly once.
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { metrics } from "../../src/metrics.ts";
import { Resident, startTestSystem, type TestSystem } from "../support/testServer.ts";
import { textEvent } from "../support/webhook.ts";

const handedOver = async () => (await metrics.outboxHandedOver.get()).values[0]?.value ?? 0;

describe("the answer handed over to the outbox sender", { timeout: 120_000 }, () => {
  let sys: TestSystem;
  beforeEach(async () => {
    sys = await startTestSystem();
  });
  afterEach(async () => {
    await sys?.stop();
  });

  it("when a resident writes, then each answer's first row is claimed as it is written and LINE gets it once, by reply", async () => {
    const r = new Resident(sys);
    const before = await handedOver();
    await r.follow();
    await r.type("こんにちは");
    expect((await handedOver()) - before).toBe(2);
    const deliveries = sys.fake.delivered.filter((d) => d.userId === r.userId);
    expect(deliveries.map((d) => d.via)).toEqual(["reply", "reply"]);
    const rows = await sys.server.db.prisma.outboxMessage.findMany({ where: { lineUserId: r.userId }, orderBy: { id: "asc" } });
    expect(rows.map((o) => [o.status, o.attempts, o.sentVia])).toEqual([
      ["sent", 1, "reply"],
      ["sent", 1, "reply"],
    ]);
    expect(sys.fake.violations).toEqual([]);
  });

  it("when an older message to the resident is still to go, then the answer is not claimed but waits behind it, and both arrive once, in order", async () => {
    const r = new Resident(sys);
    await r.follow();
    await sys.server.settled();
    const { prisma } = sys.server.db;
    // A message from staff written before, due only later (as one in backoff would be).
    const older = await prisma.outboxMessage.create({
      data: {
        lineUserId: r.userId,
        payloadEnc: sys.server.deps.sealer.sealJson([{ type: "text", text: "older" }]),
        retryKey: randomUUID(),
        nextAttemptAt: new Date(Date.now() + 60_000),
      },
    });
    const before = await handedOver();
    const answered = sys.fake.delivered.filter((d) => d.userId === r.userId).length;
    // Not through r.type() or settled(): they wait for the answer, which must not go yet.
    const text = textEvent("こんにちは", r.eventOptions());
    expect((await sys.send([text])).status).toBe(200);
    await expect.poll(async () => (await prisma.inboxEvent.findUnique({ where: { webhookEventId: text.webhookEventId } }))?.status, { timeout: 20_000 }).toBe("done");
    await sys.server.sender.idle();
    expect(await handedOver()).toBe(before);
    const answer = await prisma.outboxMessage.findFirstOrThrow({ where: { lineUserId: r.userId, id: { gt: older.id } } });
    expect([answer.status, answer.attempts, answer.claimedBy]).toEqual(["pending", 0, null]);
    expect(sys.fake.delivered.filter((d) => d.userId === r.userId)).toHaveLength(answered);

    await prisma.outboxMessage.update({ where: { id: older.id }, data: { nextAttemptAt: new Date() } });
    sys.server.sender.wake();
    await sys.server.settled();
    const after = sys.fake.delivered.filter((d) => d.userId === r.userId).slice(answered);
    expect(after).toHaveLength(2);
    expect(after[0]!.messages).toEqual([{ type: "text", text: "older" }]);
    expect(after[1]!.messages).not.toEqual([{ type: "text", text: "older" }]);
    expect(sys.fake.violations).toEqual([]);
  });

  it("when a newer row of the resident is out under another instance's live lease, then an older row waits until that lease has run out, and then both go once, oldest first", async () => {
    const r = new Resident(sys);
    await r.follow();
    await sys.server.settled();
    const { prisma } = sys.server.db;
    const seal = (text: string) => sys.server.deps.sealer.sealJson([{ type: "text", text }]);
    const leaseEnds = new Date(Date.now() + 3_000);
    // As when a worker claimed its answer while a staff message, begun earlier, was still being written.
    await prisma.$transaction([
      prisma.outboxMessage.create({ data: { lineUserId: r.userId, payloadEnc: seal("older"), retryKey: randomUUID() } }),
      prisma.outboxMessage.create({
        data: { lineUserId: r.userId, payloadEnc: seal("newer"), retryKey: randomUUID(), status: "sending", attempts: 1, attemptVia: "push", claimedBy: "another-instance", nextAttemptAt: leaseEnds },
      }),
    ]);
    const answered = sys.fake.delivered.filter((d) => d.userId === r.userId).length;
    sys.server.sender.wake();
    await sys.server.sender.idle();
    expect(sys.fake.delivered.filter((d) => d.userId === r.userId)).toHaveLength(answered);

    await sleep(leaseEnds.getTime() - Date.now() + 50);
    await sys.server.settled();
    const after = sys.fake.delivered.filter((d) => d.userId === r.userId).slice(answered);
    expect(after.map((d) => d.messages)).toEqual([[{ type: "text", text: "older" }], [{ type: "text", text: "newer" }]]);
  });
});
