// Console sessions kept in the database: the cookie holds a random id, the table its SHA-256,
// each session its own CSRF token. "Sign out everywhere" revokes every session of the user.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { PrismaClient, StaffSession, StaffUser } from "../../generated/prisma/client.ts";

export const SESSION_COOKIE = "tsunagu_session";
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
const idHash = (raw: string) => createHash("sha256").update(raw).digest("hex");

export async function openSession(prisma: PrismaClient, userId: string, now = new Date()): Promise<{ cookieValue: string; session: StaffSession }> {
  const raw = randomBytes(32).toString("base64url");
  const session = await prisma.staffSession.create({
    data: { id: idHash(raw), userId, csrfToken: randomBytes(24).toString("base64url"), expiresAt: new Date(now.getTime() + SESSION_TTL_MS) },
  });
  return { cookieValue: raw, session };
}

export async function findSession(prisma: PrismaClient, raw: string | undefined, now = new Date()): Promise<{ session: StaffSession; user: StaffUser } | null> {
  if (!raw) return null;
  const session = await prisma.staffSession.findUnique({ where: { id: idHash(raw) } });
  if (!session || session.revokedAt || session.expiresAt <= now) return null;
  const user = await prisma.staffUser.findUnique({ where: { id: session.userId } });
  if (!user || user.disabledAt) return null;
  return { session, user };
}

export async function closeSession(prisma: PrismaClient, raw: string): Promise<void> {
  await prisma.staffSession.updateMany({ where: { id: idHash(raw) }, data: { revokedAt: new Date() } });
}

export async function closeAllSessions(prisma: PrismaClient, userId: string): Promise<void> {
  await prisma.staffSession.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
}

export function csrfMatches(session: StaffSession, given: unknown): boolean {
  if (typeof given !== "string") return false;
  const a = Buffer.from(session.csrfToken);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
