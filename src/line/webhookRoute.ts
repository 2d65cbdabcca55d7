// POST /webhook: LINE's signature is checked on the raw bytes (no JSON parser before it: a
// re-serialised body breaks signatures on emoji), every event is stored in the inbox, and only
// then does LINE get its 200. Processing happens after, in the inbox worker.
//
// In order, each step cheaper than the next: an address that keeps sending unsigned requests is
// refused from memory (429); no signature header, 401 without reading the body; a declared
// length over the cap, 413 before reading; the body is read with the cap, then its signature
// checked, then its nesting, then its JSON and shape (400). No client mistake is a 500: a 500
// makes LINE redeliver.
import { validateSignature } from "@line/bot-sdk";
import express, { type NextFunction, type Request, type Response, type Router } from "express";
import { LineEvent, WebhookBody } from "./events.ts";
import type { PriorityLane } from "../db/priorityLane.ts";
import { errorFields, log } from "../log.ts";
import { countWebhookEvents, metrics } from "../metrics.ts";
import { HttpError } from "../web/httpErrors.ts";
import { jsonTooDeep } from "../web/jsonDepth.ts";
import { clientAddress, type Limiter } from "../web/rateLimits.ts";

/**
 * LINE batches events into one request, and each is small: a text message carries at most 5,000
 * characters (about 15 KB in UTF-8) and media arrive as ids, never bytes. 1 MB holds dozens of
 * the largest events at once, and keeps an unsigned flood from costing more than that per request.
 */
export const WEBHOOK_BODY_LIMIT = "1mb";

export interface WebhookDeps {
  channelSecret: string | undefined;
  /** False while the database is not reachable yet or the server is stopping: LINE gets 503. */
  accepting(): boolean;
  store(events: LineEvent[]): Promise<number>;
  /** After the 200: the events, of which some were new (the worker is told whose they are). */
  onStored(events: LineEvent[]): void;
  /** Counts requests that fail the signature check, by address. */
  rejected: Limiter;
  /**
   * A signed request is priority work here until its response is done: the inbox worker starts
   * no transaction meanwhile, so LINE's 200 does not wait behind a burst's conversations. Only a
   * signed request counts, so nobody else can hold the worker up.
   */
  webhooksFirst?: PriorityLane;
}

export function webhookRouter(deps: WebhookDeps): Router {
  const router = express.Router();
  const refuse = async (req: Request, res: Response, next: NextFunction) => {
    metrics.webhookRejected.inc({ reason: "signature" });
    const taken = await deps.rejected.take(clientAddress(req));
    if (taken.ok) res.status(401).json({ message: "invalid signature" });
    else next(new HttpError(429, "too many requests", taken.retryAfterSeconds));
  };
  const before = async (req: Request, res: Response, next: NextFunction) => {
    const wait = deps.rejected.blockedFor(clientAddress(req));
    if (wait > 0) return next(new HttpError(429, "too many requests", wait));
    if (!deps.channelSecret || !req.get("x-line-signature")) return refuse(req, res, next);
    next();
  };
  // inflate false: LINE does not compress, and a compressed body could expand past the cap.
  const readRaw = express.raw({ type: () => true, limit: WEBHOOK_BODY_LIMIT, inflate: false });

  router.post("/webhook", before, readRaw, async (req, res, next) => {
    try {
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      if (!validateSignature(raw, deps.channelSecret!, req.get("x-line-signature")!)) return refuse(req, res, next);
      void deps.webhooksFirst?.priority(() => new Promise<void>((done) => res.once("close", () => done())));
      let json: unknown;
      try {
        if (jsonTooDeep(raw)) throw new Error("too deep");
        json = JSON.parse(raw.toString("utf8"));
      } catch {
        metrics.webhookRejected.inc({ reason: "not_json" });
        res.status(400).json({ message: "body is not JSON" });
        return;
      }
      const body = WebhookBody.safeParse(json);
      if (!body.success) {
        metrics.webhookRejected.inc({ reason: "not_webhook" });
        res.status(400).json({ message: "body is not a LINE webhook" });
        return;
      }
      const events: LineEvent[] = [];
      for (const e of body.data.events) {
        const parsed = LineEvent.safeParse(e);
        if (parsed.success) events.push(parsed.data);
        else log.warn("unreadable webhook event ignored", { issues: parsed.error.issues.length });
      }
      if (!deps.accepting()) {
        res.status(503).json({ message: "not accepting events now" });
        return;
      }
      const stored = await deps.store(events);
      countWebhookEvents(body.data.events.length, events.length, stored);
      res.status(200).json({});
      if (stored > 0) deps.onStored(events);
    } catch (err) {
      // The database could not take the events: nothing was acknowledged, and LINE redelivers.
      log.error("webhook events could not be stored", errorFields(err));
      if (res.headersSent) next(err);
      else res.status(503).json({ message: "events could not be stored now" });
    }
  });
  return router;
}
