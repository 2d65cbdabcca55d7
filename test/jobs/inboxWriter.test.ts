import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSealer } from "../../src/db/crypto.ts";
import { openAndMigrate, type Database } from "../../src/db/database.ts";
import { InboxWriter } from "../../src/jobs/inboxStore.ts";
import { LineEvent } from "../../src/line/events.ts";
import { createTestDatabase, type TestDatabase } from "../support/testDatabase.ts";
import { newUserId, textEvent } from "../support/webhook.ts";

const sealer = createSealer(randomBytes(32));
const event = (userId: string, text = "こんにちは") => LineEvent.parse(textEvent(text, { userId }));

describe("InboxWriter", { timeout: 120_000 }, () => {
  let testDb: TestDatabase;
  let db: Database;
  let statements: number;
  let writer: InboxWriter;
  beforeEach(async () => {
    testDb = await createTestDatabase();
    db = await openAndMigrate(testDb);
    statements = 0;
    const counted = {
      priorityQuery: <T>(sql: string, params: unknown[]) => {
        statements++;
        return db.priorityQuery<T>(sql, params);
      },
    };
    writer = new InboxWriter(counted, sealer);
  }, 120_000);
  afterEach(async () => {
    await db.close();
    await testDb.cleanup();
  }, 120_000);

  it("when webhooks arrive together, then they are stored with one statement, in arrival order, and each learns how many of its own events were new", async () => {
    const alice = newUserId();
    const bob = newUserId();
    const a1 = event(alice, "1");
    const a2 = event(alice, "2");
    const b1 = event(bob, "3");
    // The third request repeats a1 (a redelivery arriving at the same moment).
    const counts = await Promise.all([writer.store([a1, a2]), writer.store([b1]), writer.store([a1])]);
    expect(counts).toEqual([2, 1, 0]);
    expect(statements).toBe(1);
    const rows = await db.prisma.inboxEvent.findMany({ orderBy: { seq: "asc" } });
    expect(rows.map((r) => r.webhookEventId)).toEqual([a1.webhookEventId, a2.webhookEventId, b1.webhookEventId]);
    expect(rows.map((r) => [r.lineUserId, r.eventType, r.status, Number(r.eventTimestamp)])).toEqual([
      [alice, "message", "pending", a1.timestamp],
      [alice, "message", "pending", a2.timestamp],
      [bob, "message", "pending", b1.timestamp],
    ]);
    expect(LineEvent.parse(sealer.openJson(rows[2]!.payloadEnc)).webhookEventId).toBe(b1.webhookEventId);
  });

  it("when an event is redelivered after it was stored, then it is not stored again", async () => {
    const e = event(newUserId());
    expect(await writer.store([e])).toBe(1);
    expect(await writer.store([e])).toBe(0);
    expect(await db.prisma.inboxEvent.count()).toBe(1);
  });

  it("when webhooks arrive while a batch is being written, then they go together in the next batch", async () => {
    const first = writer.store([event(newUserId())]);
    await new Promise((r) => setImmediate(r)); // the first batch has started
    const later = Promise.all([writer.store([event(newUserId())]), writer.store([event(newUserId())])]);
    expect(await first).toBe(1);
    expect(await later).toEqual([1, 1]);
    expect(statements).toBe(2);
  });

  it("when the database refuses the batch, then every request in it fails and none is acknowledged", async () => {
    const failing = new InboxWriter({ priorityQuery: () => Promise.reject(new Error("database away")) }, sealer);
    const results = await Promise.allSettled([failing.store([event(newUserId())]), failing.store([event(newUserId())])]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
  });
});
