// Builds the running system from a config: database, engine, workers and HTTP routes. main.ts
// starts it; the tests start it too, in-process, against the fake LINE API.
import type { Server } from "node:http";
import { setTimeout as delay } from "node:timers/promises";
import { join } from "node:path";
import express from "express";
import type { Config } from "./config.ts";
import { createSealer, loadDataKey } from "./db/crypto.ts";
import { openDatabase, type Database } from "./db/database.ts";
import { applyMigrations, pendingMigrations } from "./db/migrate.ts";
import { checkDataKey, DataKeyMismatchError } from "./db/keyCheck.ts";
import { loadInstanceId } from "./jobs/instanceId.ts";
import { compileFlow } from "./conversation/compileFlow.ts";
import type { EngineDeps } from "./conversation/handleEvent.ts";
import { loadFlowFile } from "./conversation/loadFlow.ts";
import { loadLocales } from "./i18n/locales.ts";
import { loadGlossary } from "./i18n/glossary.ts";
import { loadMunicipality } from "./intake/municipality.ts";
import { createLineGateway, type LineGateway } from "./line/gateway.ts";
import { webhookRouter } from "./line/webhookRoute.ts";
import { InboxWorker } from "./jobs/inboxWorker.ts";
import { storeEvents } from "./jobs/inboxStore.ts";
import { OutboxSender } from "./jobs/outboxSender.ts";
import { expireIdleConversations } from "./jobs/expireConversations.ts";
import { errorFields, log, setLogLevel } from "./log.ts";
import { staffApiRouter } from "./web/staffApi.ts";
import { staffConsoleRouter } from "./web/staff/consoleRouter.ts";
import { ReferralService } from "./referrals/referralService.ts";
import { NotificationSender } from "./jobs/notificationSender.ts";
import { createHmac } from "node:crypto";
import { SimulatorHub } from "./web/simulator/simulatorGateway.ts";
import { simulatorRouter } from "./web/simulator/simulatorRoutes.ts";

export interface RunningServer {
  server: Server;
  port: number;
  db: Database;
  deps: EngineDeps;
  inbox: InboxWorker;
  sender: OutboxSender;
  notifier: NotificationSender;
  referrals: ReferralService;
  /**
   * Resolves once the database answers, migrations are applied and the data key is the
   * database's (until then /healthz and /webhook answer 503 and the workers wait). Rejects with
   * DataKeyMismatchError when the key cannot open what the database holds.
   */
  ready: Promise<void>;
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
  const locales = loadLocales(config.LOCALES_DIR);
  const municipality = loadMunicipality(config.MUNICIPALITY_FILE);
  const flow = compileFlow(loadFlowFile(config.FLOW_FILE, { languages: locales.languages, areas: municipality.areas.map((a) => a.code) }));
  // Opening does not reach PostgreSQL yet: the server starts while the database is away.
  const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  const dataKey = loadDataKey({ envKey: config.DATA_ENCRYPTION_KEY, dataDir: config.DATA_DIR });
  const sealer = createSealer(dataKey);
  const deps: EngineDeps = { flow, locales, municipality, sealer, expiryDays: config.INTAKE_EXPIRY_DAYS, glossary: loadGlossary(config.LOCALES_DIR) };

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
  const inbox = new InboxWorker({
    prisma: db.prisma,
    deps,
    sealer,
    gateway,
    // The embedded database runs one statement at a time on this thread: more parallel
    // transactions only queue up and starve the webhook's inserts (measured in bench/).
    concurrency: db.kind === "embedded" ? 1 : config.WORKER_CONCURRENCY,
    loadingAfterMs: config.LOADING_ANIMATION_AFTER_MS,
    onCommitted: () => {
      sender.wake();
      notifier.wake();
    },
  });
  const workersOn = opts.workers !== false;
  const state = { ready: false, stopping: false };
  const stopping = new AbortController();
  const accepting = () => state.ready && !state.stopping;
  const store = (events: Parameters<typeof storeEvents>[2]) => storeEvents(db.prisma, sealer, events);
  const onStored = () => (workersOn ? inbox.wake() : undefined);

  const app = express();
  app.disable("x-powered-by");
  app.get("/healthz", async (_req, res) => {
    if (state.stopping) return void res.status(503).json({ status: "stopping" });
    if (!state.ready) return void res.status(503).json({ status: "starting" });
    try {
      const pending = await pendingMigrations(db.prisma);
      await db.prisma.$queryRaw`SELECT 1`;
      if (pending.length > 0) res.status(503).json({ status: "migrations pending", pending });
      else res.json({ status: "ok", database: db.kind, mode: config.simulator ? "simulator" : "line" });
    } catch {
      res.status(503).json({ status: "database unavailable" });
    }
  });
  app.use(webhookRouter({ channelSecret: config.LINE_CHANNEL_SECRET, accepting, store, onStored }));
  const referrals = new ReferralService({ prisma: db.prisma, sealer, municipality, onChange: () => notifier.wake() });
  app.use(staffApiRouter({ prisma: db.prisma, sealer, municipality, service: referrals }));
  app.use(staffConsoleRouter({ prisma: db.prisma, sealer, municipality, locales, referrals, wakeSender: () => sender.wake(), publicBaseUrl: config.PUBLIC_BASE_URL }));
  if (hub) app.use(simulatorRouter({ hub, locales, accepting, store, onStored }));
  app.get("/", (_req, res) => res.redirect(config.simulator ? "/simulator" : "/healthz"));
  app.use((err: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    log.error("request failed", { error: err.name });
    if (!res.headersSent) res.status(500).json({ message: "internal error" });
  });

  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(config.PORT, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;

  const tick = setInterval(() => {
    if (!workersOn || !accepting()) return;
    inbox.wake();
    sender.wake();
    void expireIdleConversations(db.prisma, config.INTAKE_EXPIRY_DAYS).catch(() => undefined);
    void referrals.escalateOverdue().catch(() => undefined);
    notifier.wake();
  }, 5_000);
  tick.unref();
  log.info("server started", { port, database: db.kind, mode: config.simulator ? "simulator" : "line" });

  // Until the database answers: retry with backoff, never give up, never crash. Only a data key
  // that is not the database's ends it (the caller refuses to run).
  const ready = (async () => {
    for (let failures = 1; !state.stopping; failures++) {
      try {
        await applyMigrations(db.prisma);
        await checkDataKey(db.prisma, sealer);
        const released = await sender.releaseOwnLeases();
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

  const running: RunningServer = {
    server,
    port,
    db,
    deps,
    inbox,
    sender,
    notifier,
    referrals,
    ready,
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
      const closed = new Promise<void>((r) => server.close(() => r()));
      hub?.closeStreams();
      server.closeIdleConnections();
      await inbox.stop();
      await sender.stop();
      await notifier.idle();
      server.closeAllConnections();
      await closed;
      await ready.catch(() => undefined);
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
