// Exactly once through crashes: the real server as a child process, SIGKILLed the instant LINE
// accepts a reply and at random moments, then started again on the same database. Every
// acknowledged event is processed once; every message reaches LINE once, in order per resident.
import type { webhook } from "@line/bot-sdk";
import { afterEach, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../src/config.ts";
import { openDatabase } from "../../src/db/database.ts";
import { repoPath, startServer, type RunningServer } from "../../src/server.ts";
import { startChildServer, waitReady, type ChildServer } from "../support/childServer.ts";
import { startFakeLineApi, type FakeLineApi } from "../support/fakeLineApi.ts";
import { createTestDatabase, usingPostgres, type TestDatabase } from "../support/testDatabase.ts";
import { questionOf, TEST_CHANNEL_ACCESS_TOKEN, TEST_CHANNEL_SECRET } from "../support/testServer.ts";
import { followEvent, newUserId, postbackEvent, postWebhook } from "../support/webhook.ts";

const REPLY = "/v2/bot/message/reply";
const PUSH = "/v2/bot/message/push";
const choice = (q: string, f: string, v: unknown) => JSON.stringify({ q, f, v });

let fake: FakeLineApi | undefined;
let db: TestDatabase | undefined;
let child: ChildServer | undefined;

afterEach(async () => {
  await child?.killAll();
  child = undefined;
  await fake?.close();
  fake = undefined;
  await db?.cleanup();
  db = undefined;
});

function envFor(d: TestDatabase, f: FakeLineApi, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATA_DIR: d.dataDir,
    ...(d.databaseUrl ? { DATABASE_URL: d.databaseUrl } : {}),
    LINE_CHANNEL_SECRET: TEST_CHANNEL_SECRET,
    LINE_CHANNEL_ACCESS_TOKEN: TEST_CHANNEL_ACCESS_TOKEN,
    LINE_API_BASE_URL: f.baseUrl,
    LINE_RICH_MENU: "false",
    LOADING_ANIMATION_AFTER_MS: "60000", // no loading calls: only messages reach the fake
    ...extra,
  };
}

async function startReady(env: Record<string, string>): Promise<ChildServer> {
  const c = await startChildServer(env);
  await waitReady(c);
  return c;
}

const deliveriesTo = (f: FakeLineApi, userId: string) => f.delivered.filter((d) => d.userId === userId);
const bodyOf = (q: { body: unknown }) => q.body as { replyToken?: string; to?: string };

/** Stops the server gracefully and reads what it left in the database. */
async function outboxAndInboxLeft(c: ChildServer, d: TestDatabase) {
  c.kill("SIGTERM");
  expect((await c.exited).code).toBe(0);
  const opened = await openDatabase({ databaseUrl: d.databaseUrl, dataDir: d.dataDir });
  try {
    const outbox = await opened.prisma.outboxMessage.groupBy({ by: ["status"], _count: true });
    const inbox = await opened.prisma.inboxEvent.groupBy({ by: ["status"], _count: true });
    return {
      outbox: Object.fromEntries(outbox.map((r) => [r.status, r._count])),
      inbox: Object.fromEntries(inbox.map((r) => [r.status, r._count])),
    };
  } finally {
    await opened.close();
  }
}

describe("SIGKILL and restart", () => {
  it("when the server is killed the instant LINE accepts a reply, then after a restart the reply is retried with its token at once and the message is not sent again", async () => {
    fake = await startFakeLineApi({ channelAccessToken: TEST_CHANNEL_ACCESS_TOKEN, replyTokenLifetimeMs: 60_000 });
    db = await createTestDatabase();
    // A long lease: only its release at start-up can explain a retry within seconds.
    const env = envFor(db, fake, { OUTBOX_LEASE_SECONDS: "60" });
    child = await startReady(env);
    const first = child;
    const userId = newUserId();
    const token = fake.issueReplyToken(userId);
    fake.onDelivery(() => {
      first.kill("SIGKILL");
      fake!.onDelivery(null);
    });
    expect((await postWebhook(first.baseUrl, TEST_CHANNEL_SECRET, [followEvent({ userId, replyToken: token })])).status).toBe(200);
    expect((await first.exited).signal).toBe("SIGKILL");
    expect(deliveriesTo(fake, userId)).toHaveLength(1);

    child = await startReady(env);
    const repliesWith = (t: string) => fake!.requests.filter((q) => q.path === REPLY && bodyOf(q).replyToken === t);
    await fake.waitFor(() => repliesWith(token).length >= 2, 20_000);

    // The conversation goes on: the next answer arrives once, by reply.
    const next = fake.issueReplyToken(userId);
    expect((await postWebhook(child.baseUrl, TEST_CHANNEL_SECRET, [postbackEvent(choice("language", "language", "ja"), { userId, replyToken: next })])).status).toBe(200);
    await fake.waitFor((f) => f.delivered.filter((d) => d.userId === userId).length >= 2, 20_000);

    const left = await outboxAndInboxLeft(child, db);
    expect(deliveriesTo(fake, userId).map((d) => [d.via, questionOf(d.messages.at(-1))])).toEqual([
      ["reply", "language"],
      ["reply", "respondent"],
    ]);
    expect(fake.requests.filter((q) => q.path === PUSH)).toEqual([]);
    expect(left).toEqual({ outbox: { sent: 2 }, inbox: { done: 2 } });
    expect(fake.violations).toEqual([]);
  });

  it("when the server is killed at random moments (4 kills) while residents write, then every acknowledged event is processed once and every message arrives once, in order", async () => {
    fake = await startFakeLineApi({ channelAccessToken: TEST_CHANNEL_ACCESS_TOKEN, replyTokenLifetimeMs: 60_000 });
    db = await createTestDatabase();
    const env = envFor(db, fake);
    let seed = 1203;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

    const users = Array.from({ length: 4 }, () => newUserId());
    const script = (userId: string): webhook.Event[] => {
      const opts = () => ({ userId, replyToken: fake!.issueReplyToken(userId) });
      return [
        followEvent(opts()),
        postbackEvent(choice("language", "language", "ja"), opts()),
        postbackEvent(choice("respondent", "respondent", "self"), opts()),
        postbackEvent(choice("area", "area", "chuo"), opts()),
      ];
    };
    const expected = ["language", "respondent", "area", "concerns"];
    const unacknowledged = new Map(users.map((u) => [u, script(u)]));
    const allDelivered = (f: FakeLineApi) => users.every((u) => f.delivered.filter((d) => d.userId === u).length >= expected.length);
    const KILLS = 4;

    for (let round = 0; round <= KILLS; round++) {
      child = await startReady(env);
      const current = child;
      if (round < KILLS && round % 2 === 0) {
        // Kill the instant LINE accepts the k-th delivery from now.
        let k = 1 + Math.floor(random() * 5);
        fake.onDelivery(() => {
          if (--k === 0) current.kill("SIGKILL");
        });
      } else if (round < KILLS) {
        // Kill at a random moment: while webhooks are taken, events processed or messages sent.
        setTimeout(() => current.kill("SIGKILL"), 50 + Math.floor(random() * 1500));
      }
      // LINE redelivers what was not acknowledged; each resident's events go in one body, in order.
      await Promise.all(
        [...unacknowledged].map(async ([userId, events]) => {
          try {
            const res = await postWebhook(current.baseUrl, TEST_CHANNEL_SECRET, events);
            if (res.status === 200) unacknowledged.delete(userId);
          } catch {
            // the server died mid-request: not acknowledged
          }
        }),
      );
      if (round < KILLS) {
        // Either the kill comes, or everything was delivered before it could.
        await Promise.race([current.exited, fake.waitFor(allDelivered, 60_000)]);
        current.kill("SIGKILL");
        await current.exited;
        fake.onDelivery(null);
      }
    }
    expect(unacknowledged.size).toBe(0);
    await fake.waitFor(allDelivered, 60_000);
    const left = await outboxAndInboxLeft(child!, db);

    for (const u of users) {
      expect(deliveriesTo(fake, u).map((d) => questionOf(d.messages.at(-1))), u).toEqual(expected);
    }
    expect(left).toEqual({ outbox: { sent: users.length * expected.length }, inbox: { done: users.length * expected.length } });
    expect(fake.violations).toEqual([]);
  });
});

// Two instances need a database both can reach: the PostgreSQL run only (defined there alone, so
// the embedded run reports no skipped test).
if (usingPostgres()) {
  describe("two instances on one PostgreSQL", () => {
    const servers: RunningServer[] = [];
    const dirs: string[] = [];
    afterEach(async () => {
      for (const s of servers.splice(0)) await s.stop();
      for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
    });

    it("when residents' events arrive at either of two instances and LINE fails at random, then every message arrives once and in order", async () => {
      fake = await startFakeLineApi({ channelAccessToken: TEST_CHANNEL_ACCESS_TOKEN, replyTokenLifetimeMs: 60_000 });
      db = await createTestDatabase();
      const key = randomBytes(32).toString("base64");
      for (let i = 0; i < 2; i++) {
        const dir = await mkdtemp(join(tmpdir(), "tsunagu-instance-"));
        dirs.push(dir);
        const config = loadConfig({
          PORT: "0",
          DATA_DIR: dir,
          DATABASE_URL: db.databaseUrl!,
          DATA_ENCRYPTION_KEY: key,
          LINE_CHANNEL_SECRET: TEST_CHANNEL_SECRET,
          LINE_CHANNEL_ACCESS_TOKEN: TEST_CHANNEL_ACCESS_TOKEN,
          LINE_API_BASE_URL: fake.baseUrl,
          LINE_RICH_MENU: "false",
          LOG_LEVEL: "silent",
          LOADING_ANIMATION_AFTER_MS: "60000",
          FLOW_FILE: repoPath("flows/intake.flow.yaml"),
          MUNICIPALITY_FILE: repoPath("flows/municipality.yaml"),
          LOCALES_DIR: repoPath("locales"),
        });
        const s = await startServer(config);
        servers.push(s);
        await s.ready;
      }
      let seed = 7;
      const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      fake.injectFaults(() => (random() < 0.2 ? { kind: random() < 0.5 ? "failAfterDelivery" : "fail", response: { status: 500 } } : undefined));

      const users = Array.from({ length: 6 }, () => newUserId());
      const expected = ["language", "respondent", "area", "concerns"];
      await Promise.all(
        users.map(async (userId) => {
          const opts = () => ({ userId, replyToken: fake!.issueReplyToken(userId) });
          const events = [
            followEvent(opts()),
            postbackEvent(choice("language", "language", "ja"), opts()),
            postbackEvent(choice("respondent", "respondent", "self"), opts()),
            postbackEvent(choice("area", "area", "chuo"), opts()),
          ];
          // One event per webhook, taking turns between the instances, as a load balancer would.
          for (const [i, e] of events.entries()) {
            const s = servers[i % 2]!;
            expect((await postWebhook(`http://127.0.0.1:${s.port}`, TEST_CHANNEL_SECRET, [e])).status).toBe(200);
          }
        }),
      );
      await fake.waitFor((f) => users.every((u) => f.delivered.filter((d) => d.userId === u).length >= expected.length), 60_000);
      for (const s of servers) await s.settled();
      fake.injectFaults(null);

      for (const u of users) {
        expect(deliveriesTo(fake, u).map((d) => questionOf(d.messages.at(-1))), u).toEqual(expected);
      }
      const unsent = await servers[0]!.db.prisma.outboxMessage.count({ where: { status: { not: "sent" } } });
      expect(unsent).toBe(0);
      expect(fake.violations).toEqual([]);
    });
  });
}
