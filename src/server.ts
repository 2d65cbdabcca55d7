// Builds the running system from a config: database, engine, workers and HTTP routes. main.ts
// starts it; the tests start it too, in-process, against the fake LINE API.
import type { Server } from "node:http";
import { setTimeout as delay } from "node:timers/promises";
import { join } from "node:path";
import express from "express";
import helmet from "helmet";
import type { Config } from "./config.ts";
import { createSealer, loadDataKey } from "./db/crypto.ts";
import { openDatabase, type Database } from "./db/database.ts";
import { applyMigrations, pendingMigrations } from "./db/migrate.ts";
import { checkDataKey, DataKeyMismatchError } from "./db/keyCheck.ts";
import { loadInstanceId } from "./jobs/instanceId.ts";
import type { EngineDeps } from "./engine/handleEvent.ts";
import { followLatest, openReleases } from "./releases/openReleases.ts";
import { LateReleases } from "./releases/lateReleases.ts";
import { createLineGateway, type LineGateway } from "./line/gateway.ts";
import { ensureRichMenu, richMenuApi } from "./line/richMenu.ts";
import { webhookRouter } from "./line/webhookRoute.ts";
import { InboxWorker } from "./jobs/inboxWorker.ts";
import { InboxWriter, inboxKey } from "./jobs/inboxStore.ts";
import { PriorityLane } from "./db/priorityLane.ts";
import type { LineEvent } from "./line/events.ts";
import { OutboxSender } from "./jobs/outboxSender.ts";
import { expireIdleConversations } from "./jobs/expireConversations.ts";
import { errorFields, log, setLogLevel } from "./log.ts";
import { staffApiRouter } from "./web/staffApi.ts";
import { adminApiRouter } from "./web/adminApi.ts";
import { staffConsoleRouter } from "./web/staff/consoleRouter.ts";
import { ReferralService } from "./referrals/referralService.ts";
import { NotificationSender } from "./jobs/notificationSender.ts";
import { createHmac } from "node:crypto";
import { SimulatorHub } from "./web/simulator/simulatorGateway.ts";
import { simulatorRouter } from "./web/simulator/simulatorRoutes.ts";
import { metricsRouter, startMetricsListener } from "./web/metricsEndpoint.ts";
import { createRateLimits, sweepExpiredLimits } from "./web/rateLimits.ts";
import { refusalOf } from "./web/httpErrors.ts";
import { forgetStaleDevices } from "./web/staff/accounts.ts";

export interface RunningServer {
  server: Server;
  port: number;
  /** The port of the loopback /metrics listener, when METRICS_PORT is set. */
  metricsPort: number | null;
  db: Database;
  deps: EngineDeps;
  /** The published versions; "not ready" (503) until the database has answered. */
  releases: LateReleases;
  inbox: InboxWorker;
  /** Signed webhook requests not answered yet, which the inbox worker lets go first (WEBHOOKS_FIRST; else none). */
  webhooksFirst: PriorityLane | undefined;
  sender: OutboxSender;
  notifier: NotificationSender;
  referrals: ReferralService;
  /**
   * Resolves once the database answers, migrations are applied, the data key is the database's
   * and the releases are open (until then /healthz, /webhook and the pages answer 503 and the
   * workers wait). Rejects with DataKeyMismatchError when the key cannot open what the database holds.
   */
  ready: Promise<void>;
  /**
   * Settles once the LINE rich menu has been set up after ready (with LINE credentials; at once
   * otherwise). Never rejects: a failure is logged, and the next start tries again.
   */
  richMenu: Promise<void>;
  /** Resolves when the inbox and the outbox have nothing left to do right now. */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Leave the workers stopped (to leave events in the inbox, as a crash would). */
  workers?: boolean;
  gateway?: LineGateway;
  /**
   * Resolve only once ready (default true, for tests and tools). main.ts passes false: the
   * server listens and answers 503 while the database is away, and becomes ready by itself.
   */
  waitUntilReady?: boolean;
}

export async function startServer(config: Config, opts: StartOptions = {}): Promise<RunningServer> {
  setLogLevel(config.LOG_LEVEL);
  // Opening does not reach PostgreSQL yet: the server starts while the database is away.
  const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  const dataKey = loadDataKey({ envKey: config.DATA_ENCRYPTION_KEY, dataDir: config.DATA_DIR });
  const sealer = createSealer(dataKey);
  // flow, locales, municipality and glossary below always read the newest release; the
  // registry opens once the database answers.
  const releases = new LateReleases();
  const deps: EngineDeps = followLatest(releases, { releases, sealer, expiryDays: config.INTAKE_EXPIRY_DAYS });

  const hub = config.simulator ? new SimulatorHub() : null;
  const gateway =
    opts.gateway ??
    (hub
      ? hub.gateway()
      : createLineGateway({ channelAccessToken: config.LINE_CHANNEL_ACCESS_TOKEN!, baseURL: config.LINE_API_BASE_URL, timeoutMs: config.LINE_CALL_TIMEOUT_MS }));
  const notifier = new NotificationSender({
    prisma: db.prisma,
    // Without a configured secret, one derived from the data key: stable across restarts.
    signingSecret: config.NOTIFY_SIGNING_SECRET ?? createHmac("sha256", dataKey).update("notify-webhook").digest("hex"),
    smtpUrl: config.SMTP_URL,
    from: config.NOTIFY_FROM,
    consoleUrl: `${config.PUBLIC_BASE_URL ?? `http://localhost:${config.PORT}`}/staff/referrals/`,
  });
  const sender = new OutboxSender({
    prisma: db.prisma,
    sealer,
    gateway,
    replyTokenTtlMs: config.REPLY_TOKEN_TTL_SECONDS * 1000,
    instanceId: loadInstanceId({ configured: config.INSTANCE_ID, dataDir: config.DATA_DIR }),
    leaseMs: config.OUTBOX_LEASE_SECONDS * 1000,
    concurrency: config.OUTBOX_CONCURRENCY,
  });
  // LINE's 200 first: the worker starts no transaction while signed webhook requests are in hand.
  // Made only where the worker waits for it: elsewhere the route need not track its requests.
  const webhooksFirst = (config.WEBHOOKS_FIRST ?? db.kind === "postgres") ? new PriorityLane() : undefined;
  const inbox = new InboxWorker({
    prisma: db.prisma,
    webhooksFirst,
    deps,
    sealer,
    gateway,
    // The embedded database runs one statement at a time on this thread: more parallel
    // transactions only queue up and starve the webhook's inserts (measured in bench/).
    concurrency: db.kind === "embedded" ? 1 : config.WORKER_CONCURRENCY,
    // On the embedded database a transaction holds the one connection that the webhook's inserts
    // wait for: four events in one doubled the 200's p99 at 100 events/s for 7 % less CPU.
    batchMax: config.INBOX_BATCH_MAX ?? (db.kind === "embedded" ? 1 : 4),
    loadingAfterMs: config.LOADING_ANIMATION_AFTER_MS,
    outbox: sender,
    onCommitted: ({ sent, notifies }) => {
      if (sent) sender.wake();
      if (notifies) notifier.wake();
    },
  });
  const workersOn = opts.workers !== false;
  const state = { ready: false, stopping: false };
  const stopping = new AbortController();
  const accepting = () => state.ready && !state.stopping;
  const inboxWriter = new InboxWriter(db, sealer);
  const store = (events: Parameters<InboxWriter["store"]>[0]) => inboxWriter.store(events);
  const onStored = (events: LineEvent[]) => (workersOn ? inbox.arrived(events.map(inboxKey)) : undefined);

  const limits = createRateLimits(db.prisma, { signIn: config.RATE_LIMIT_SIGN_IN, api: config.RATE_LIMIT_API, webhookRejected: config.RATE_LIMIT_WEBHOOK_REJECTED });
  const https = config.PUBLIC_BASE_URL?.startsWith("https:") ?? false;

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", config.TRUST_PROXY);
  app.use(
    helmet({
      // One policy for every page: no inline script or style, no framing, nothing from elsewhere.
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'none'"], scriptSrc: ["'self'"], styleSrc: ["'self'"], imgSrc: ["'self'"], connectSrc: ["'self'"],
          formAction: ["'self'"], frameAncestors: ["'none'"], baseUri: ["'none'"],
        },
      },
      frameguard: { action: "deny" },
      referrerPolicy: { policy: "no-referrer" },
      // HSTS only where the public address is https: over plain http it would be ignored, and
      // on a developer's localhost it would pin every other local service to https.
      strictTransportSecurity: https ? { maxAge: 365 * 24 * 3600, includeSubDomains: true } : false,
    }),
  );
  // Ready or not, and nothing more: which database runs is no one's business outside.
  app.get("/healthz", async (_req, res) => {
    if (!accepting()) return void res.status(503).json({ status: "not ready" });
    try {
      const pending = await pendingMigrations(db.prisma);
      await db.prisma.$queryRaw`SELECT 1`;
      if (pending.length > 0) res.status(503).json({ status: "not ready" });
      else res.json({ status: "ok" });
    } catch {
      res.status(503).json({ status: "not ready" });
    }
  });
  if (config.METRICS_TOKEN) app.use(metricsRouter({ prisma: db.prisma, token: config.METRICS_TOKEN }));
  app.use(webhookRouter({ channelSecret: config.LINE_CHANNEL_SECRET, accepting, store, onStored, rejected: limits.webhookRejected, webhooksFirst }));
  // The pages and the API need the database and the releases: until then, and while stopping, 503.
  app.use((_req, res, next) => (accepting() ? next() : void res.status(503).set("Retry-After", "5").json({ status: "not ready" })));
  const referrals = new ReferralService(followLatest(releases, { prisma: db.prisma, sealer, onChange: () => notifier.wake() }));
  app.use(adminApiRouter({ prisma: db.prisma, releases, limiter: limits.api }));
  app.use(staffApiRouter(followLatest(releases, { prisma: db.prisma, sealer, service: referrals, limiter: limits.api })));
  app.use(
    staffConsoleRouter(
      followLatest(releases, {
        prisma: db.prisma, sealer, referrals, releases, wakeSender: () => sender.wake(), publicBaseUrl: config.PUBLIC_BASE_URL,
        signInLimiter: limits.signIn,
        sessionPolicy: { maxMs: config.SESSION_MAX_HOURS * 3_600_000, idleMs: config.SESSION_IDLE_MINUTES * 60_000 },
      }),
    ),
  );
  if (hub) app.use(simulatorRouter(followLatest(releases, { hub, accepting, store, onStored })));
  app.get("/admin", (_req, res) => res.redirect("/staff/admin"));
  app.get("/admin/analytics", (_req, res) => res.redirect("/staff/admin/analytics"));
  app.get("/", (_req, res) => res.redirect(config.simulator ? "/simulator" : "/healthz"));
  app.use((err: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const refusal = refusalOf(err);
    if (!refusal) log.error("request failed", { error: err.name });
    if (res.headersSent) return;
    if (!refusal) return void res.status(500).json({ message: "internal error" });
    if (refusal.retryAfterSeconds) res.set("Retry-After", String(refusal.retryAfterSeconds));
    res.status(refusal.status).json({ message: refusal.code });
  });

  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(config.PORT, () => resolve(s));
  });
  // Longer than the proxies' and clients' own keep-alive, so that the server never closes an idle
  // connection just as a client reuses it (which the client sees as ECONNRESET).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;
  const metricsServer = config.METRICS_PORT === undefined ? null : await startMetricsListener({ prisma: db.prisma, port: config.METRICS_PORT });
  const metricsAddress = metricsServer?.address();
  const metricsPort = typeof metricsAddress === "object" && metricsAddress ? metricsAddress.port : null;

  const tick = setInterval(() => {
    if (!workersOn || !accepting()) return;
    inbox.wake();
    sender.wake();
    void expireIdleConversations(db.prisma, config.INTAKE_EXPIRY_DAYS).catch(() => undefined);
    void referrals.escalateOverdue().catch(() => undefined);
    notifier.wake();
  }, 5_000);
  tick.unref();
  const sweep = setInterval(() => {
    void sweepExpiredLimits(db.prisma).catch(() => undefined);
    void forgetStaleDevices(db.prisma).catch(() => undefined);
  }, 5 * 60_000);
  sweep.unref();
  log.info("server started", { port, database: db.kind, mode: config.simulator ? "simulator" : "line" });
  if (!config.simulator && !config.LINE_CHANNEL_SECRET) log.warn("no LINE credentials: /webhook refuses every request; `npm run simulator` runs the local chat simulator");

  // Until the database answers: retry with backoff, never give up, never crash. Only a data key
  // that is not the database's ends it (the caller refuses to run).
  const ready = (async () => {
    for (let failures = 1; !state.stopping; failures++) {
      try {
        await applyMigrations(db.prisma);
        await checkDataKey(db.prisma, sealer);
        const released = await sender.releaseOwnLeases();
        releases.open(await openReleases(db, config));
        state.ready = true;
        log.info("server ready", { releasedLeases: released });
        if (workersOn && !state.stopping) {
          inbox.wake();
          sender.wake();
        }
        return;
      } catch (err) {
        if (err instanceof DataKeyMismatchError) throw err;
        log.warn("database not ready; will try again", { ...errorFields(err), failures });
        await delay(Math.min(250 * 2 ** (failures - 1), 5_000), undefined, { signal: stopping.signal }).catch(() => undefined);
      }
    }
  })();
  ready.catch(() => undefined); // the caller awaits it; an unobserved rejection must not end the process

  // The rich menu, once the texts are there; its failure costs residents the menu, nothing else.
  const richMenu =
    config.simulator || !config.LINE_CHANNEL_ACCESS_TOKEN || !config.LINE_RICH_MENU
      ? Promise.resolve()
      : ready
          .then(async () => {
            const api = richMenuApi({ channelAccessToken: config.LINE_CHANNEL_ACCESS_TOKEN!, baseURL: config.LINE_API_BASE_URL, dataBaseURL: config.LINE_DATA_API_BASE_URL, timeoutMs: config.LINE_CALL_TIMEOUT_MS });
            const r = await ensureRichMenu(api, releases.latest().locales.t("ja"));
            log.info("rich menu ready", { created: r.created });
          })
          .catch((err: unknown) => {
            if (!state.stopping) log.warn("rich menu not set up", { ...errorFields(err), status: (err as { status?: number }).status ?? null });
          });

  const running: RunningServer = {
    server,
    port,
    metricsPort,
    db,
    deps,
    releases,
    inbox,
    webhooksFirst,
    sender,
    notifier,
    referrals,
    ready,
    richMenu,
    async settled() {
      for (let i = 0; i < 1000; i++) {
        await inbox.idle();
        await sender.idle();
        const [row] = await db.prisma.$queryRaw<{ n: bigint }[]>`
          SELECT (SELECT COUNT(*) FROM "InboxEvent" WHERE status = 'pending') + (SELECT COUNT(*) FROM "OutboxMessage" WHERE status IN ('pending','sending') AND "nextAttemptAt" <= now()) AS n`;
        if (Number(row?.n ?? 0) === 0) return;
        inbox.wake();
        sender.wake();
        await new Promise((r) => setTimeout(r, 5));
      }
      throw new Error("the server did not settle");
    },
    async stop() {
      // Stop taking events (503), end event streams, finish what is in hand, then close.
      state.stopping = true;
      stopping.abort();
      clearInterval(tick);
      clearInterval(sweep);
      const closed = new Promise<void>((r) => server.close(() => r()));
      hub?.closeStreams();
      server.closeIdleConnections();
      if (metricsServer) {
        const metricsClosed = new Promise<void>((r) => metricsServer.close(() => r()));
        metricsServer.closeAllConnections();
        await metricsClosed;
      }
      await inbox.stop();
      await sender.stop();
      await notifier.idle();
      server.closeAllConnections();
      await closed;
      await ready.catch(() => undefined);
      await releases.stop();
      await db.close();
      log.info("server stopped", { port });
    },
  };
  if (opts.waitUntilReady !== false) {
    try {
      await ready;
    } catch (err) {
      await running.stop();
      throw err;
    }
  }
  return running;
}

export const repoPath = (...p: string[]) => join(import.meta.dirname, "..", ...p);
