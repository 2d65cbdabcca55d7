// Bearer tokens for the staff API: only a SHA-256 of each token is stored.
import { createHash, randomBytes } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { z } from "zod";
import type { PrismaClient } from "../generated/prisma/client.ts";

export const Role = z.enum(["admin", "supervisor", "caseworker"]);
export type Role = z.infer<typeof Role>;

export interface Principal {
  /** Who acts, as recorded in audit and lifecycle rows: "token:<id>" or "user:<id>". */
  actor: string;
  role: Role;
  windowIds: string[];
}

const LAST_USED_EVERY_MS = 60_000;

export const hashToken = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

export async function createApiToken(prisma: PrismaClient, t: { name: string; role: Role; windowIds: string[] }): Promise<string> {
  const token = `tsu_${randomBytes(32).toString("base64url")}`;
  await prisma.apiToken.create({ data: { name: t.name, role: t.role, windowIds: t.windowIds, tokenHash: hashToken(token) } });
  return token;
}

declare module "express-serve-static-core" {
  interface Request {
    principal?: Principal;
  }
}

export function requireToken(prisma: PrismaClient) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const header = req.get("authorization") ?? "";
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) {
      res.status(401).json({ message: "a bearer token is required" });
      return;
    }
    const token = await prisma.apiToken.findUnique({ where: { tokenHash: hashToken(match[1]!) } });
    if (!token) {
      res.status(401).json({ message: "unknown token" });
      return;
    }
    if (token.revokedAt) {
      res.status(403).json({ message: "this token has been revoked" });
      return;
    }
    // Last use, for the administrators' list of tokens: written at most once a minute per token.
    const now = new Date();
    if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > LAST_USED_EVERY_MS) {
      await prisma.apiToken.updateMany({ where: { id: token.id }, data: { lastUsedAt: now } });
    }
    req.principal = { actor: `token:${token.id}`, role: Role.parse(token.role), windowIds: token.windowIds };
    next();
  };
}
