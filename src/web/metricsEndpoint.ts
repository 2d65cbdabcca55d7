// GET /metrics in Prometheus' text format, never open to anyone: on the main port only with
// METRICS_TOKEN (Bearer), and/or on METRICS_PORT, a separate listener bound to 127.0.0.1 for a
// scraper on the same host. Without either, the main port answers 404 as for any unknown path.
import { createHash, timingSafeEqual } from "node:crypto";
import type { Server } from "node:http";
import express, { type RequestHandler, type Router } from "express";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { errorFields, log } from "../log.ts";
import { registry, sampleDatabase } from "../metrics.ts";

function scrape(prisma: PrismaClient): RequestHandler {
  return async (_req, res, next) => {
    try {
      await sampleDatabase(prisma);
      res.set("content-type", registry.contentType).send(await registry.metrics());
    } catch (err) {
      next(err);
    }
  };
}

const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();

/** Compares digests, so neither the token's length nor its prefix shows in the timing. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer (.+)$/i.exec(header ?? "");
  return m !== null && timingSafeEqual(digest(m[1]!.trim()), digest(token));
}

/** /metrics on the main port, behind `Authorization: Bearer <METRICS_TOKEN>`. */
export function metricsRouter(deps: { prisma: PrismaClient; token: string }): Router {
  const router = express.Router();
  router.get("/metrics", (req, res, next) => {
    if (bearerMatches(req.get("authorization"), deps.token)) return next();
    res.status(401).set("www-authenticate", 'Bearer realm="metrics"').end();
  }, scrape(deps.prisma));
  return router;
}

/** A listener on 127.0.0.1:<port> that serves /metrics only (port 0 picks a free one). */
export async function startMetricsListener(deps: { prisma: PrismaClient; port: number }): Promise<Server> {
  const app = express();
  app.disable("x-powered-by");
  app.get("/metrics", scrape(deps.prisma));
  app.use((_req, res) => res.status(404).end());
  app.use((err: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    log.error("metrics scrape failed", errorFields(err));
    if (!res.headersSent) res.status(500).end();
  });
  return new Promise<Server>((resolve, reject) => {
    const server = app.listen(deps.port, "127.0.0.1", () => resolve(server));
    server.once("error", reject);
  });
}
