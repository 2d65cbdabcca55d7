// /simulator: a local chat page that shows texts, quick replies and flex buttons as LINE would,
// and feeds the resident's taps and texts through the same inbox as real webhooks.
import { randomBytes, randomUUID } from "node:crypto";
import express, { type Router } from "express";
import { z } from "zod";
import type { LineEvent } from "../../line/events.ts";
import type { Locales } from "../../i18n/locales.ts";
import type { SimulatorHub } from "./simulatorGateway.ts";
import { simulatorPage } from "./simulatorPage.ts";
import { MENU_ITEMS, menuLabelKey, menuPostback } from "../../conversation/menuActions.ts";
import { MENU_COLOURS } from "../../line/richMenu.ts";

const SimEvent = z.object({
  userId: z.string().regex(/^Usim[0-9a-f]{28}$/),
  type: z.enum(["text", "postback", "follow", "sticker"]),
  text: z.string().max(10_000).optional(),
  data: z.string().max(300).optional(),
});

export function simulatorRouter(deps: {
  hub: SimulatorHub;
  locales: Locales;
  accepting(): boolean;
  store(events: LineEvent[]): Promise<number>;
  onStored(events: LineEvent[]): void;
}): Router {
  const router = express.Router();
  router.get("/simulator", (req, res) => {
    const lang = req.acceptsLanguages("ja", "en") || "ja";
    const t = deps.locales.t(lang === "en" ? "en" : "ja", "simulator");
    // The app's policy forbids inline script and style; this page (a local developer's tool,
    // never served in production) keeps its own inline and nothing else.
    res.set("Content-Security-Policy", "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    // The rich menu LINE shows (src/line/richMenu.ts), with its labels in the page's language.
    const bot = deps.locales.t(lang === "en" ? "en" : "ja");
    const menu = MENU_ITEMS.map((item) => ({ item, label: bot(menuLabelKey(item)), colour: `rgb(${MENU_COLOURS[item].join(",")})`, data: JSON.stringify(menuPostback(item)) }));
    res.type("html").send(simulatorPage(t, menu));
  });
  router.post("/simulator/api/events", express.json({ limit: "64kb" }), async (req, res) => {
    const parsed = SimEvent.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ message: "invalid simulator event" });
      return;
    }
    if (!deps.accepting()) {
      res.status(503).json({ message: "not accepting events now" });
      return;
    }
    const e = parsed.data;
    const replyToken = randomBytes(16).toString("hex");
    deps.hub.noteReplyToken(replyToken, e.userId);
    const base = {
      webhookEventId: randomUUID().replace(/-/g, "").toUpperCase().slice(0, 26),
      timestamp: Date.now(),
      mode: "active",
      source: { type: "user" as const, userId: e.userId },
      replyToken,
      deliveryContext: { isRedelivery: false },
    };
    const event =
      e.type === "text"
        ? { ...base, type: "message", message: { id: randomUUID(), type: "text", text: e.text ?? "" } }
        : e.type === "postback"
          ? { ...base, type: "postback", postback: { data: e.data ?? "" } }
          : e.type === "sticker"
            ? { ...base, type: "message", message: { id: randomUUID(), type: "sticker", packageId: "446", stickerId: "1988" } }
            : { ...base, type: "follow" };
    const stored = [event as LineEvent];
    await deps.store(stored);
    deps.onStored(stored);
    res.status(202).json({});
  });
  router.get("/simulator/api/stream", (req, res) => {
    const userId = z.string().regex(/^Usim[0-9a-f]{28}$/).safeParse(req.query.userId);
    if (!userId.success) {
      res.status(400).end();
      return;
    }
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store", connection: "keep-alive" });
    res.flushHeaders(); // the page (and a test) sees the stream open before the first message
    const onMessages = (uid: string, messages: unknown[]) => {
      if (uid === userId.data) res.write(`data: ${JSON.stringify(messages)}\n\n`);
    };
    // On shutdown the stream ends, so an open tab does not hold the server.
    const onShutdown = () => res.end();
    deps.hub.on("messages", onMessages);
    deps.hub.once("shutdown", onShutdown);
    req.on("close", () => {
      deps.hub.off("messages", onMessages);
      deps.hub.off("shutdown", onShutdown);
    });
  });
  return router;
}
