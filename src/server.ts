// Builds the running system from a config: database, engine, workers and HTTP routes. main.ts
// starts it; the tests start it too, in-process, against the fake LINE API.
import type { Server } from "node:http";
import { join } from "node:path";
import express from "express";
import type { Config } from "./config.ts";
import { createSealer, loadDataKey } from "./db/crypto.ts";
import { openAndMigrate, type Database } from "./db/database.ts";
import { pendingMigrations } from "./db/migrate.ts";
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
import { log, setLogLevel } from "./log.ts";
import { staffApiRouter } from "./web/staffApi.ts";
import { staffConsoleRouter } from "./web/staff/consoleRouter.ts";
import { ReferralService } from "./referrals/referralService.ts";
import { NotificationSender } from "./jobs/notificationSender.ts";
import { createHmac } from "node:crypto";
import { SimulatorHub } from "./web/simulator/simulatorGateway.ts";
import { simulatorRouter } from "./web/simulator/simulatorRoutes.ts";
import { metricsRouter, startMetricsListener } from "./web/metricsEndpoint.ts";

export interface RunningServer {
  server: Server;
  port: number;
  /** The port of the loopback /metrics listener, when METRICS_PORT is set. */
  metricsPort: number | null;
  db: Database;
  deps: EngineDeps;
  inbox: InboxWorker;
  sender: OutboxSender;
  notifier: NotificationSender;
  referrals: ReferralService;
  /** Resolves when the inbox and the outbox have nothing left to do right now. */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Leave the workers stopped (to leave events in the inbox, as a crash would). */
  workers?: boolean;
  gateway?: LineGateway;
}

export async function startServer(config: Config, opts: StartOptions = {}): Promise<RunningServer> {
  setLogLevel(config.LOG_LEVEL);
  const locales = loadLocales(config.LOCALES_DIR);
  const municipality = loadMunicipality(config.MUNICIPALITY_FILE);
  const flow = compileFlow(loadFlowFile(config.FLOW_FILE, { languages: locales.languages, areas: municipality.areas.map((a) => a.code) }));
  const db = await openAndMigrate({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  const dataKey = loadDataKey({ envKey: config.DATA_ENCRYPTION_KEY, dataDir: config.DATA_DIR });
  const sealer = createSealer(dataKey);
  const deps: EngineDeps = { flow, locales, municipality, sealer, expiryDays: config.INTAKE_EXPIRY_DAYS, glossary: loadGlossary(config.LOCALES_DIR) };

  const hub = config.simulator ? new SimulatorHub() : null;
  const gateway =
    opts.gateway ??
    (hub ? hub.gateway() : createLineGateway({ channelAccessToken: config.LINE_CHANNEL_ACCESS_TOKEN!, baseURL: config.LINE_API_BASE_URL }));
  const notifier = new NotificationSender({
    prisma: db.prisma,
    // Without a configured secret, one derived from the data key: stable across restarts.
    signingSecret: config.NOTIFY_SIGNING_SECRET ?? createHmac("sha256", dataKey).update("notify-webhook").digest("hex"),
    smtpUrl: config.SMTP_URL,
    from: config.NOTIFY_FROM,
    consoleUrl: `${config.PUBLIC_BASE_URL ?? `http://localhost:${config.PORT}`}/staff/referrals/`,
  });
  const sender = new OutboxSender({ prisma: db.prisma, sealer, gateway, replyTokenTtlMs: config.REPLY_TOKEN_TTL_SECONDS * 1000 });
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
  const store = (events: Parameters<typeof storeEvents>[2]) => storeEvents(db.prisma, sealer, events);
  const onStored = () => (workersOn ? inbox.wake() : undefined);

  const app = express();
  app.disable("x-powered-by");
  app.get("/healthz", async (_req, res) => {
    try {
      const pending = await pendingMigrations(db.prisma);
      await db.prisma.$queryRaw`SELECT 1`;
      if (pending.length > 0) res.status(503).json({ status: "migrations pending", pending });
      else res.json({ status: "ok", database: db.kind, mode: config.simulator ? "simulator" : "line" });
    } catch {
      res.status(503).json({ status: "database unavailable" });
    }
  });
  if (config.METRICS_TOKEN) app.use(metricsRouter({ prisma: db.prisma, token: config.METRICS_TOKEN }));
  app.use(webhookRouter({ channelSecret: config.LINE_CHANNEL_SECRET, store, onStored }));
  const referrals = new ReferralService({ prisma: db.prisma, sealer, municipality, onChange: () => notifier.wake() });
  app.use(staffApiRouter({ prisma: db.prisma, sealer, municipality, service: referrals }));
  app.use(staffConsoleRouter({ prisma: db.prisma, sealer, municipality, locales, referrals, wakeSender: () => sender.wake(), publicBaseUrl: config.PUBLIC_BASE_URL }));
  if (hub) app.use(simulatorRouter({ hub, locales, store, onStored }));
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
  const metricsServer = config.METRICS_PORT === undefined ? null : await startMetricsListener({ prisma: db.prisma, port: config.METRICS_PORT });
  const metricsAddress = metricsServer?.address();
  const metricsPort = typeof metricsAddress === "object" && metricsAddress ? metricsAddress.port : null;

  const tick = setInterval(() => {
    if (!workersOn) return;
    inbox.wake();
    sender.wake();
    void expireIdleConversations(db.prisma, config.INTAKE_EXPIRY_DAYS).catch(() => undefined);
    void referrals.escalateOverdue().catch(() => undefined);
    notifier.wake();
  }, 5_000);
  tick.unref();
  if (workersOn) {
    inbox.wake();
    sender.wake();
  }
  log.info("server started", { port, database: db.kind, mode: config.simulator ? "simulator" : "line" });

  return {
    server,
    port,
    metricsPort,
    db,
    deps,
    inbox,
    sender,
    notifier,
    referrals,
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
      clearInterval(tick);
      await new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections?.();
      if (metricsServer) {
        const closed = new Promise<void>((r) => metricsServer.close(() => r()));
        metricsServer.closeAllConnections();
        await closed;
      }
      await inbox.stop();
      await sender.stop();
      await notifier.idle();
      await db.close();
    },
  };
}

export const repoPath = (...p: string[]) => join(import.meta.dirname, "..", ...p);
