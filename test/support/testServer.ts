/**
 * The whole system for end-to-end tests: a fresh test database, the fake LINE API and the real
 * server started in-process against both (startTestSystem), and a "resident" that talks to it
 * through /webhook by tapping the bot's own postbacks (Resident). Deterministic: after every
 * event the resident waits for the server to settle (inbox and outbox drained), never sleeps.
 */
import type { webhook } from "@line/bot-sdk";
import { loadConfig } from "../../src/config.ts";
import { contextOf, restore } from "../../src/conversation/step.ts";
import type { Intake } from "../../src/intake/intakeSchema.ts";
import { repoPath, startServer, type RunningServer } from "../../src/server.ts";
import { startFakeLineApi, type FakeLineApi } from "./fakeLineApi.ts";
import { createTestDatabase, type TestDatabase } from "./testDatabase.ts";
import { followEvent, newUserId, postbackEvent, postWebhook, textEvent, unfollowEvent, type EventOptions } from "./webhook.ts";

export const TEST_CHANNEL_SECRET = "test-channel-secret";
export const TEST_CHANNEL_ACCESS_TOKEN = "test-channel-access-token";

export interface TestSystemOptions {
  /** Start the inbox and outbox workers (default true); false leaves events in the inbox, as a crash would. */
  workers?: boolean;
  /** Extra environment for loadConfig (e.g. REPLY_TOKEN_TTL_SECONDS). */
  env?: Record<string, string>;
  /** Reuse this data directory (and database URL) instead of a fresh test database. */
  dataDir?: string;
  databaseUrl?: string;
}

export interface RestartOptions {
  workers?: boolean;
  /** Merged over the environment the system was started with. */
  env?: Record<string, string>;
}

export interface TestSystem {
  /** The running server; replaced by restart(). */
  readonly server: RunningServer;
  readonly fake: FakeLineApi;
  /** http://127.0.0.1:<port> of the current server. */
  readonly baseUrl: string;
  readonly secret: string;
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  /** POSTs a correctly signed webhook with these events to the current server. */
  send(events: webhook.Event[]): Promise<Response>;
  /** Stops the server only (the database and the fake stay). */
  stopServer(): Promise<void>;
  /** Stops the server (if running) and starts it again on the same database. */
  restart(opts?: RestartOptions): Promise<RunningServer>;
  /** Stops everything and removes the test database. */
  stop(): Promise<void>;
}

export async function startTestSystem(opts: TestSystemOptions = {}): Promise<TestSystem> {
  const fake = await startFakeLineApi({ channelAccessToken: TEST_CHANNEL_ACCESS_TOKEN });
  let db: TestDatabase;
  if (opts.dataDir) db = { dataDir: opts.dataDir, databaseUrl: opts.databaseUrl, cleanup: async () => {} };
  else db = await createTestDatabase();

  const baseEnv: Record<string, string> = {
    PORT: "0",
    DATA_DIR: db.dataDir,
    ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : {}),
    LINE_CHANNEL_SECRET: TEST_CHANNEL_SECRET,
    LINE_CHANNEL_ACCESS_TOKEN: TEST_CHANNEL_ACCESS_TOKEN,
    LINE_API_BASE_URL: fake.baseUrl,
    LINE_DATA_API_BASE_URL: fake.baseUrl,
    // The rich menu's own tests turn it on (test/e2e/richMenu.test.ts); the others need no menu.
    LINE_RICH_MENU: "false",
    LOG_LEVEL: "silent",
    FLOW_FILE: repoPath("flows/intake.flow.yaml"),
    MUNICIPALITY_FILE: repoPath("flows/municipality.yaml"),
    LOCALES_DIR: repoPath("locales"),
    ...opts.env,
  };
  // The rich menu is set up before a test runs, so that its calls never meet the test's own.
  const boot = async (env: Record<string, string>, workers: boolean) => {
    const s = await startServer(loadConfig(env), { workers });
    await s.richMenu;
    return s;
  };

  let server: RunningServer | null;
  try {
    server = await boot(baseEnv, opts.workers !== false);
  } catch (err) {
    await fake.close();
    await db.cleanup();
    throw err;
  }
  const current = (): RunningServer => {
    if (!server) throw new Error("the test server is stopped");
    return server;
  };

  const system: TestSystem = {
    get server() {
      return current();
    },
    fake,
    get baseUrl() {
      return `http://127.0.0.1:${current().port}`;
    },
    secret: TEST_CHANNEL_SECRET,
    dataDir: db.dataDir,
    databaseUrl: db.databaseUrl,
    send(events) {
      return postWebhook(system.baseUrl, TEST_CHANNEL_SECRET, events);
    },
    async stopServer() {
      const s = server;
      server = null;
      if (s) await s.stop();
    },
    async restart(r = {}) {
      await system.stopServer();
      server = await boot({ ...baseEnv, ...r.env }, r.workers !== false);
      return server;
    },
    async stop() {
      try {
        await system.stopServer();
      } finally {
        await fake.close();
        await db.cleanup();
      }
    },
  };
  return system;
}

// ---------------------------------------------------------------------------------------------
// Reading what the bot sent

/** The postback `data` of a LINE action, parsed; null when it is not a postback with JSON data. */
export type PostbackJson = { q?: string; f?: string; v?: unknown; op?: string };

export interface FoundPostback {
  label: string;
  raw: string;
  data: PostbackJson;
}

/** Every postback action in a message: its quick reply items and, for flex, every button. */
export function postbacksOf(message: unknown): FoundPostback[] {
  const out: FoundPostback[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== "object") return;
    const obj = node as Record<string, unknown>;
    const action = obj.action as { type?: string; data?: string; label?: string } | undefined;
    if (action && action.type === "postback" && typeof action.data === "string") {
      let data: PostbackJson = {};
      try {
        data = JSON.parse(action.data) as PostbackJson;
      } catch {
        // not JSON: still listed, with empty data
      }
      out.push({ label: action.label ?? "", raw: action.data, data });
    }
    for (const [k, v] of Object.entries(obj)) if (k !== "action") visit(v);
  };
  visit(message);
  return out;
}

/** The text a person reads in a message: a text message's text, a flex message's altText. */
export function textOf(message: unknown): string {
  const m = message as { type?: string; text?: string; altText?: string };
  return m.type === "text" ? (m.text ?? "") : (m.altText ?? "");
}

/** The question id a message asks (the q of its postbacks), or null. */
export function questionOf(message: unknown): string | null {
  return postbacksOf(message).find((p) => typeof p.data.q === "string")?.data.q ?? null;
}

export const REFERENCE_NO = /TS-\d{4}-\d{6}/;

// ---------------------------------------------------------------------------------------------
// What the server stored

/** The answers of the resident's open conversation, read from its stored snapshot. */
export async function storedAnswers(server: RunningServer, userId: string): Promise<Intake | null> {
  const conversation = await server.db.prisma.conversation.findFirst({
    where: { lineUserId: userId, status: { in: ["active", "paused"] } },
    orderBy: { createdAt: "desc" },
  });
  if (!conversation) return null;
  const snapshot = restore(server.deps.flow, server.deps.sealer.openJson(conversation.snapshotEnc));
  return contextOf(snapshot).answers;
}

// ---------------------------------------------------------------------------------------------
// The resident driver

export type PostbackMatcher = (data: PostbackJson) => boolean;

export class Resident {
  readonly userId: string;
  /** Index into fake.messagesFor(userId) where the answer to the latest event starts. */
  private answerStart = 0;
  /** Timestamp of the latest event this resident sent. */
  lastEventAt = 0;
  /** The resident's answers so far: every tap and typed message (what an intake costs them). */
  answersSent = 0;
  /** Every reply token issued for this resident's events. */
  readonly replyTokens = new Set<string>();

  readonly sys: TestSystem;

  constructor(sys: TestSystem, userId: string = newUserId()) {
    this.sys = sys;
    this.userId = userId;
  }

  /** Everything the bot has sent this resident, in order. */
  allMessages(): unknown[] {
    return this.sys.fake.messagesFor(this.userId);
  }

  /** The messages the bot sent in answer to this resident's latest event. */
  lastMessages(): unknown[] {
    return this.allMessages().slice(this.answerStart);
  }

  /** The question the bot is asking now: the q of the latest message that carries one. */
  currentQuestion(): string | null {
    const all = this.allMessages();
    for (let i = all.length - 1; i >= 0; i--) {
      const q = questionOf(all[i]);
      if (q) return q;
    }
    return null;
  }

  /** The postbacks of the latest message the bot sent this resident. */
  lastPostbacks(): FoundPostback[] {
    const all = this.allMessages();
    return all.length === 0 ? [] : postbacksOf(all[all.length - 1]);
  }

  /** Event options with a fresh reply token the fake knows belongs to this resident. */
  eventOptions(): EventOptions & { replyToken: string } {
    const replyToken = this.sys.fake.issueReplyToken(this.userId);
    this.replyTokens.add(replyToken);
    return { userId: this.userId, replyToken };
  }

  /** Sends one event and waits until the server has handled it and delivered what it says. */
  async sendEvent(event: webhook.Event, opts: { expectAnswer?: boolean } = {}): Promise<unknown[]> {
    this.answerStart = this.allMessages().length;
    this.lastEventAt = event.timestamp;
    if (event.type === "message" || event.type === "postback") this.answersSent++;
    const res = await this.sys.send([event]);
    if (res.status !== 200) throw new Error(`webhook answered ${res.status}: ${await res.text()}`);
    await this.sys.server.settled();
    const answer = this.lastMessages();
    if (opts.expectAnswer !== false && answer.length === 0) {
      throw new Error(`the bot did not answer ${event.type} ${JSON.stringify((event as { postback?: unknown }).postback ?? "")}`);
    }
    return answer;
  }

  follow(): Promise<unknown[]> {
    return this.sendEvent(followEvent(this.eventOptions()));
  }

  unfollow(): Promise<unknown[]> {
    return this.sendEvent(unfollowEvent({ userId: this.userId }), { expectAnswer: false });
  }

  type(text: string): Promise<unknown[]> {
    return this.sendEvent(textEvent(text, this.eventOptions()));
  }

  /** Sends a postback with this data (an object is JSON-encoded), as if from an old message. */
  postback(data: string | object): Promise<unknown[]> {
    return this.sendEvent(postbackEvent(typeof data === "string" ? data : JSON.stringify(data), this.eventOptions()));
  }

  /**
   * Taps the postback of the bot's latest message that matches; fails when there is none.
   * With expectAnswer false it does not insist on an answer once the server has settled (an
   * answer still being retried arrives later: wait for it with fake.waitFor).
   */
  async tap(matcher: PostbackMatcher, opts: { expectAnswer?: boolean } = {}): Promise<unknown[]> {
    const found = this.lastPostbacks().find((p) => matcher(p.data));
    if (!found) throw new Error(`no matching postback in the latest message; it offers ${this.describeOffers()}`);
    return this.sendEvent(postbackEvent(found.raw, this.eventOptions()), opts);
  }

  /** Taps a choice of question `stepId`, paging with "more" until it shows. */
  private async tapChoice(stepId: string, matcher: PostbackMatcher): Promise<unknown[]> {
    for (let page = 0; page < 10; page++) {
      if (this.currentQuestion() !== stepId) {
        throw new Error(`expected question ${stepId}, but the bot asks ${this.currentQuestion()}; it offers ${this.describeOffers()}`);
      }
      const offers = this.lastPostbacks();
      const found = offers.find((p) => p.data.q === stepId && matcher(p.data));
      if (found) return this.sendEvent(postbackEvent(found.raw, this.eventOptions()));
      const more = offers.find((p) => p.data.q === stepId && p.data.op === "more");
      if (!more) break;
      await this.sendEvent(postbackEvent(more.raw, this.eventOptions()));
    }
    throw new Error(`question ${stepId} offers no such choice; it offers ${this.describeOffers()}`);
  }

  answer(stepId: string, value: unknown): Promise<unknown[]> {
    return this.tapChoice(stepId, (d) => d.op === undefined && "v" in d && d.v === value);
  }

  toggle(stepId: string, value: unknown): Promise<unknown[]> {
    return this.tapChoice(stepId, (d) => d.op === "toggle" && d.v === value);
  }

  skip(stepId: string): Promise<unknown[]> {
    return this.tapChoice(stepId, (d) => d.op === "skip");
  }

  done(stepId: string): Promise<unknown[]> {
    return this.tapChoice(stepId, (d) => d.op === "done");
  }

  /** Taps a command (`{"op":…}`) offered by the latest message. */
  command(op: string, v?: unknown): Promise<unknown[]> {
    return this.tap((d) => d.op === op && d.q === undefined && (v === undefined || d.v === v));
  }

  private describeOffers(): string {
    return JSON.stringify(this.lastPostbacks().map((p) => p.raw));
  }
}

// ---------------------------------------------------------------------------------------------
// Reading what reached the staff

/** A referral as GET /api/v1/referrals returns it (the fields the tests read). */
export interface ApiReferral {
  id: string;
  referenceNo: string;
  status: string;
  urgency: string;
  lineUserId: string;
  flags: string[];
  intake: Intake | null;
  // The triage as stored; tests read into it freely.
  triage: any;
  windows: unknown;
}

/** The referrals of one resident, through the staff API with the given bearer token. */
export async function referralsFor(sys: TestSystem, token: string, userId: string): Promise<ApiReferral[]> {
  const res = await fetch(`${sys.baseUrl}/api/v1/referrals?limit=500`, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`GET /api/v1/referrals answered ${res.status}`);
  return ((await res.json()) as ApiReferral[]).filter((x) => x.lineUserId === userId);
}
