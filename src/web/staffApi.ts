// Staff API v1 (contract section 4 and 5): referrals and the window directory, behind bearer
// tokens with roles and windows. Bad input → 400 with the issues; nothing changes.
import type { Locales } from "../i18n/locales.ts";
import { hoursText } from "../i18n/openingHours.ts";
import express, { type Request, type Response, type Router } from "express";
import type { z } from "zod";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { Sealer } from "../db/crypto.ts";
import type { Municipality } from "../intake/municipality.ts";
import type { Move } from "../referrals/lifecycle.ts";
import { residentMessagesOf } from "../referrals/residentMessages.ts";
import { isReferralId, ReferralService, type ServiceResult } from "../referrals/referralService.ts";
import { requireToken } from "./apiAuth.ts";
import { CloseBody, EmptyBody, ForwardBody, ListQuery, NoteBody } from "./apiSchemas.ts";
import { openApiDocument } from "./openapi.ts";
import { HttpError } from "./httpErrors.ts";
import { jsonTooDeep } from "./jsonDepth.ts";
import { limitByAddress, type Limiter } from "./rateLimits.ts";

function parse<T extends z.ZodType>(schema: T, value: unknown, res: Response): z.infer<T> | null {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  res.status(400).json({ message: "invalid input", issues: r.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) });
  return null;
}

function send<T>(res: Response, r: ServiceResult<T>, okStatus = 200): void {
  if (r.ok) res.status(okStatus).json(r.value);
  else res.status(r.status).json({ message: r.message });
}


export function staffApiRouter(deps: { prisma: PrismaClient; sealer: Sealer; municipality: Municipality; locales: Locales; service: ReferralService; limiter: Limiter }): Router {
  const { prisma, service } = deps;
  const router = express.Router();
  router.use("/api/v1", limitByAddress(deps.limiter));
  router.get("/api/v1/openapi.json", (_req, res) => res.json(openApiDocument()));
  router.use("/api/v1", (_req, res, next) => {
    // Answers carry intakes and names: never kept by a browser or a proxy.
    res.set("Cache-Control", "no-store");
    next();
  });
  router.use("/api/v1", requireToken(prisma));
  router.use(
    "/api/v1",
    express.json({
      limit: "64kb",
      verify: (_req, _res, buf) => {
        if (jsonTooDeep(buf)) throw new HttpError(400, "JSON nested too deeply");
      },
    }),
  );
  const actor = (req: Request) => req.principal!.actor;

  router.get("/api/v1/referrals", async (req, res) => {
    const q = parse(ListQuery, req.query, res);
    if (!q) return;
    const { items, nextCursor } = await service.list(req.principal!, q);
    if (nextCursor) res.set("X-Next-Cursor", nextCursor);
    res.json(items);
  });

  router.get("/api/v1/referrals/:id", async (req, res) => {
    if (!isReferralId(req.params.id)) return void res.status(404).json({ message: "no such referral" });
    const got = await service.get(req.principal!, req.params.id!);
    if (!got.ok || got.value.access !== "full") return send(res, got);
    // Those who may read the intake also read what the resident wrote afterwards.
    res.json({ ...got.value, residentMessages: await residentMessagesOf(prisma, deps.sealer, got.value.id) });
  });

  const moveRoute = (name: string, toMove: (body: unknown, res: Response) => Move | null) =>
    router.post(`/api/v1/referrals/:id/${name}`, async (req, res) => {
      if (!isReferralId(req.params.id)) return void res.status(404).json({ message: "no such referral" });
      const move = toMove(req.body ?? {}, res);
      if (!move) return;
      send(res, await service.move(req.principal!, req.params.id!, move, actor(req)));
    });
  moveRoute("accept", (b, res) => (parse(EmptyBody, b, res) ? { type: "accept" } : null));
  moveRoute("start", (b, res) => (parse(EmptyBody, b, res) ? { type: "start" } : null));
  moveRoute("forward", (b, res) => {
    const f = parse(ForwardBody, b, res);
    return f ? { type: "forward", windowId: f.windowId, reason: f.reason } : null;
  });
  moveRoute("close", (b, res) => {
    const c = parse(CloseBody, b, res);
    return c ? { type: "close", outcome: c.outcome } : null;
  });

  router.post("/api/v1/referrals/:id/notes", async (req, res) => {
    if (!isReferralId(req.params.id)) return void res.status(404).json({ message: "no such referral" });
    const n = parse(NoteBody, req.body ?? {}, res);
    if (!n) return;
    send(res, await service.addNote(req.principal!, req.params.id!, n.body, actor(req)), 201);
  });

  router.get("/api/v1/windows", (_req, res) => {
    res.json(deps.municipality.windows.map((w) => ({ id: w.id, type: w.type, name: w.name, areas: w.areas, phone: w.phone, hours: hoursText(w, "ja", deps.locales.t("ja")) })));
  });
  return router;
}
