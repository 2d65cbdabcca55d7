// Staff API v1 (contract section 4): referrals and the window directory, behind bearer tokens.
import express, { type Router } from "express";
import { z } from "zod";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { Sealer } from "../db/crypto.ts";
import type { Municipality } from "../intake/municipality.ts";
import { requireToken, type Principal } from "./apiAuth.ts";

const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().regex(/^\d+$/).optional(),
});

export function staffApiRouter(deps: { prisma: PrismaClient; sealer: Sealer; municipality: Municipality }): Router {
  const { prisma, sealer, municipality } = deps;
  const router = express.Router();
  router.use("/api/v1", requireToken(prisma));

  const windowRef = (id: string) => {
    const w = municipality.windows.find((x) => x.id === id);
    return { windowId: id, type: w?.type ?? null, name: w?.name ?? null };
  };
  const scope = (p: Principal) =>
    p.role === "caseworker"
      ? { OR: [{ primaryWindowId: { in: p.windowIds } }, { involvedWindowIds: { hasSome: p.windowIds } }] }
      : {};

  router.get("/api/v1/referrals", async (req, res) => {
    const q = ListQuery.safeParse(req.query);
    if (!q.success) {
      res.status(400).json({ message: "invalid query", issues: q.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) });
      return;
    }
    const principal = req.principal!;
    const rows = await prisma.referral.findMany({
      where: { ...scope(principal), ...(q.data.cursor ? { seq: { lt: BigInt(q.data.cursor) } } : {}) },
      orderBy: { seq: "desc" },
      take: q.data.limit,
    });
    // A caseworker reads the intake only of cases their window owns (consent rules: issue 4).
    const mayRead = (r: (typeof rows)[number]) => principal.role !== "caseworker" || principal.windowIds.includes(r.primaryWindowId);
    const items = rows.map((r) => ({
      id: r.id,
      referenceNo: r.referenceNo,
      status: r.status,
      urgency: r.urgency,
      language: r.language,
      lineUserId: r.lineUserId,
      flags: r.flags,
      intake: mayRead(r) ? sealer.openJson(r.intakeEnc) : null,
      triage: r.triage,
      windows: { primary: windowRef(r.primaryWindowId), involved: r.involvedWindowIds.map(windowRef) },
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    }));
    const read = rows.filter(mayRead);
    if (read.length > 0) {
      await prisma.auditLog.createMany({
        data: read.map((r) => ({ actor: `token:${principal.tokenId}`, action: "intake.read", targetType: "referral", targetId: r.id, detail: { via: "api.list" } })),
      });
    }
    const last = rows[rows.length - 1];
    if (last && rows.length === q.data.limit) res.set("X-Next-Cursor", String(last.seq));
    res.json(items);
  });

  router.get("/api/v1/windows", (_req, res) => {
    res.json(municipality.windows.map((w) => ({ id: w.id, type: w.type, name: w.name, areas: w.areas, phone: w.phone, hours: w.hours })));
  });
  return router;
}
