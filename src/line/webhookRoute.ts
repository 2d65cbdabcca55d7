// POST /webhook: LINE's signature is checked on the raw bytes (no JSON parser before it: a
// re-serialised body breaks signatures on emoji), every event is stored in the inbox, and only
// then does LINE get its 200. Processing happens after, in the inbox worker.
import { validateSignature } from "@line/bot-sdk";
import express, { type Router } from "express";
import { LineEvent, WebhookBody } from "./events.ts";
import { errorFields, log } from "../log.ts";

export interface WebhookDeps {
  channelSecret: string | undefined;
  /** False while the database is not reachable yet or the server is stopping: LINE gets 503. */
  accepting(): boolean;
  store(events: LineEvent[]): Promise<number>;
  onStored(): void;
}

export function webhookRouter(deps: WebhookDeps): Router {
  const router = express.Router();
  router.post("/webhook", express.raw({ type: () => true, limit: "2mb" }), async (req, res, next) => {
    try {
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const signature = req.get("x-line-signature");
      if (!deps.channelSecret || !signature || !validateSignature(raw, deps.channelSecret, signature)) {
        res.status(401).json({ message: "invalid signature" });
        return;
      }
      let json: unknown;
      try {
        json = JSON.parse(raw.toString("utf8"));
      } catch {
        res.status(400).json({ message: "body is not JSON" });
        return;
      }
      const body = WebhookBody.safeParse(json);
      if (!body.success) {
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
      res.status(200).json({});
      if (stored > 0) deps.onStored();
    } catch (err) {
      // The database could not take the events: nothing was acknowledged, and LINE redelivers.
      log.error("webhook events could not be stored", errorFields(err));
      if (res.headersSent) next(err);
      else res.status(503).json({ message: "events could not be stored now" });
    }
  });
  return router;
}
