// Console sessions kept in the database: the cookie holds a random id, the table its SHA-256,
// each session its own CSRF token. "Sign out everywhere" revokes every session of the user. A
// session ends at the latest SESSION_MAX_HOURS after sign-in, and sooner when it has been idle
// for SESSION_IDLE_MINUTES (a console left open on an unattended desk).
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { PrismaClient, StaffSession, StaffUser } from "../../generated/prisma/client.ts";

export const SESSION_COOKIE = "tsunagu_session";
export interface SessionPolicy {
  maxMs: number;
  idleMs: number;
}
export const DEFAULT_SESSION_POLICY: SessionPolicy = { maxMs: 12 * 60 * 60 * 1000, idleMs: 30 * 60 * 1000 };
/** lastSeenAt is written at most this often (not on every request). */
const SEEN_GRANULARITY_MS = 60 * 1000;
const idHash = (raw: string) => createHash("sha256").update(raw).digest("hex");

export async function openSession(prisma: PrismaClient, userId: string, policy: SessionPolicy, now = new Date()): Promise<{ cookieValue: string; session: StaffSession }> {
  const raw = randomBytes(32).toString("base64url");
  const session = await prisma.staffSession.create({
    data: { id: idHash(raw), userId, csrfToken: randomBytes(24).toString("base64url"), expiresAt: new Date(now.getTime() + policy.maxMs), lastSeenAt: now },
  });
  return { cookieValue: raw, session };
}

/**
 * The live session of this cookie and its user, or null. `activity` false (the inbox's own
 * polling) does not count as the person being there, so it never keeps a session alive.
 */
export async function findSession(
  prisma: PrismaClient,
  raw: string | undefined,
  policy: SessionPolicy,
  o: { activity: boolean; now?: Date },
): Promise<{ session: StaffSession; user: StaffUser } | null> {
  if (!raw) return null;
  const now = o.now ?? new Date();
  const session = await prisma.staffSession.findUnique({ where: { id: idHash(raw) } });
  if (!session || session.revokedAt || session.expiresAt <= now) return null;
  if (now.getTime() - session.lastSeenAt.getTime() >= policy.idleMs) return null;
  if (o.activity && now.getTime() - session.lastSeenAt.getTime() >= SEEN_GRANULARITY_MS) {
    await prisma.staffSession.update({ where: { id: session.id }, data: { lastSeenAt: now } });
  }
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
