// Staff accounts: argon2id password hashes, one-time passwords that must be changed, a lock after
// repeated failures that grows with each lock, and one answer for every refused sign-in (unknown
// user, disabled, locked or wrong password), so that nothing tells which usernames exist.
//
// A lock must not be a cheap way to shut someone out, an administrator least of all:
//  - it grows: the first lasts a minute, each further one twice as long, up to 15 minutes (a
//    fixed 15 minutes let anyone keep any account shut with five guesses a quarter hour);
//  - it shuts out strangers only: a browser in which the person has signed in before carries a
//    device cookie (OWASP's "device cookies") and keeps its own count and lock, so guesses from
//    elsewhere never lock the owner out of their usual browser;
//  - the per-address limiter (rateLimits.ts) caps how many guesses, and so locks, one address
//    makes; an administrator unlocks in the console or with `cli user unlock`.
import { createHash, randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import type { PrismaClient, StaffUser } from "../../generated/prisma/client.ts";
import { log } from "../../log.ts";
import type { Role } from "../apiAuth.ts";
import { closeAllSessions } from "./sessions.ts";

const ARGON2ID = 2; // @node-rs/argon2 Algorithm.Argon2id (a const enum, so not importable at run time)
export const MAX_FAILED_ATTEMPTS = 5;
export const FIRST_LOCK_MS = 60 * 1000;
export const MAX_LOCK_MS = 15 * 60 * 1000;

/** How long the n-th lock in a row lasts (n from 0). */
export const lockDuration = (lockouts: number): number => Math.min(FIRST_LOCK_MS * 2 ** Math.min(lockouts, 20), MAX_LOCK_MS);

export const hashPassword = (password: string) => hash(password, { algorithm: ARGON2ID });

/** A one-time password a person can type: 16 characters without look-alikes. */
export function oneTimePassword(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY346789";
  return [...randomBytes(16)].map((b) => alphabet[b % alphabet.length]).join("");
}

/** The user name belongs to another account already (the database's unique key said so). */
export class UsernameTakenError extends Error {
  constructor() {
    super("that user name is taken");
  }
}

export async function createStaffUser(prisma: PrismaClient, u: { username: string; role: Role; windowIds: string[] }): Promise<string> {
  const password = oneTimePassword();
  try {
    await prisma.staffUser.create({ data: { username: u.username, role: u.role, windowIds: u.windowIds, passwordHash: await hashPassword(password), mustChangePassword: true } });
  } catch (err) {
    // P2002: unique constraint. Checked by the key rather than a read first, so two at once cannot both pass.
    if ((err as { code?: unknown }).code === "P2002") throw new UsernameTakenError();
    throw err;
  }
  return password;
}

// A hash to verify against when no real one is checked, so that every refusal takes as long.
let dummyHash: Promise<string> | null = null;
const spendVerifyTime = async (password: string) => {
  dummyHash ??= hashPassword(oneTimePassword());
  await verify(await dummyHash, password).catch(() => false);
};

/** Every refusal is the same refusal; `why` is for the caller's metrics and logs only. */
export type SignInResult = { ok: true; user: StaffUser; deviceToken: string } | { ok: false; why: "unknown" | "locked" | "wrong" };

/** No account has a name with control characters (and PostgreSQL text cannot hold NUL). */
const impossibleName = (username: string) => /[\u0000-\u001f\u007f]/.test(username);

const deviceId = (token: string) => createHash("sha256").update(token).digest("hex");
/** A known browser unused this long is a stranger again. */
export const DEVICE_TTL_MS = 180 * 24 * 3_600_000;

/** Whose count an attempt takes: the account's (strangers) or one known browser's. */
type Counter = { kind: "account"; id: string } | { kind: "device"; id: string };
type Count = { failedAttempts: number; lockouts: number };

// An attempt is counted before the password is checked, in one UPDATE … RETURNING: guesses sent
// in parallel each take their own number, and once MAX_FAILED_ATTEMPTS are taken no further
// guess is checked until a success resets the count or the lock ends. null: locked.
async function claimAttempt(prisma: PrismaClient, c: Counter, now: Date): Promise<Count | null> {
  const where = { id: c.id, failedAttempts: { lt: MAX_FAILED_ATTEMPTS }, OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] };
  const data = { failedAttempts: { increment: 1 } };
  const select = { failedAttempts: true, lockouts: true } as const;
  const [claimed] =
    c.kind === "account"
      ? await prisma.staffUser.updateManyAndReturn({ where: { ...where, disabledAt: null }, data, select })
      : await prisma.staffDevice.updateManyAndReturn({ where, data, select });
  return claimed ?? null;
}

async function settleAttempt(prisma: PrismaClient, c: Counter, claimed: Count, ok: boolean, now: Date): Promise<void> {
  const update = (data: { failedAttempts: number; lockouts: number | { increment: number }; lockedUntil: Date | null }) =>
    c.kind === "account" ? prisma.staffUser.update({ where: { id: c.id }, data }) : prisma.staffDevice.update({ where: { id: c.id }, data: { ...data, lastUsedAt: now } });
  if (ok) {
    await update({ failedAttempts: 0, lockouts: 0, lockedUntil: null });
  } else if (claimed.failedAttempts >= MAX_FAILED_ATTEMPTS) {
    // Only the guess that took the last number locks, so a lock is set once.
    const ms = lockDuration(claimed.lockouts);
    await update({ failedAttempts: 0, lockouts: { increment: 1 }, lockedUntil: new Date(now.getTime() + ms) });
    // Row ids only: a username is a person's name as often as not.
    log.warn("staff sign-in locked", { counter: c.kind, id: c.id, lockouts: claimed.lockouts + 1, seconds: ms / 1000 });
  }
}

/**
 * Checks a sign-in. `deviceToken` is the cookie of a browser that signed in before: when it
 * belongs to this user, the attempt counts against that browser instead of the account. A
 * success returns the browser's token (a new one for a new browser) to set as the cookie.
 */
export async function signIn(prisma: PrismaClient, username: string, password: string, o: { deviceToken?: string; now?: Date } = {}): Promise<SignInResult> {
  const now = o.now ?? new Date();
  const user = impossibleName(username) ? null : await prisma.staffUser.findUnique({ where: { username } });
  if (!user || user.disabledAt) {
    await spendVerifyTime(password);
    return { ok: false, why: "unknown" };
  }
  const device = o.deviceToken ? await prisma.staffDevice.findUnique({ where: { id: deviceId(o.deviceToken) } }) : null;
  const known = device && device.userId === user.id && now.getTime() - device.lastUsedAt.getTime() < DEVICE_TTL_MS ? device : null;
  const counter: Counter = known ? { kind: "device", id: known.id } : { kind: "account", id: user.id };
  const claimed = await claimAttempt(prisma, counter, now);
  if (!claimed) {
    await spendVerifyTime(password);
    return { ok: false, why: "locked" };
  }
  const ok = await verify(user.passwordHash, password).catch(() => false);
  await settleAttempt(prisma, counter, claimed, ok, now);
  if (!ok) return { ok: false, why: "wrong" };
  let deviceToken = o.deviceToken!;
  if (!known) {
    deviceToken = randomBytes(32).toString("base64url");
    await prisma.staffDevice.create({ data: { id: deviceId(deviceToken), userId: user.id, createdAt: now, lastUsedAt: now } });
  }
  return { ok: true, user, deviceToken };
}

/** Known browsers unused past DEVICE_TTL_MS (signIn already treats them as strangers). */
export async function forgetStaleDevices(prisma: PrismaClient, now = new Date()): Promise<number> {
  return (await prisma.staffDevice.deleteMany({ where: { lastUsedAt: { lt: new Date(now.getTime() - DEVICE_TTL_MS) } } })).count;
}

export const isLocked = (u: Pick<StaffUser, "lockedUntil">, now = new Date()) => Boolean(u.lockedUntil && u.lockedUntil > now);

export async function changePassword(prisma: PrismaClient, userId: string, newPassword: string): Promise<void> {
  await prisma.staffUser.update({ where: { id: userId }, data: { passwordHash: await hashPassword(newPassword), mustChangePassword: false } });
}

// ---- what an administrator does to an account (console and CLI alike) ----------------------

export const ACCOUNT_ACTIONS = ["unlock", "disable", "enable", "reset"] as const;
export type AccountAction = (typeof ACCOUNT_ACTIONS)[number];

export type AccountActionResult = { ok: true; action: AccountAction; username: string; oneTimePassword?: string } | { ok: false; reason: "notFound" | "self" };

/**
 * unlock: the failure count and any lock are cleared. disable: no sign-in, every session ends.
 * enable: a disabled account may sign in again. reset: a new one-time password (returned once),
 * to be changed at the next sign-in; the lock is cleared, every session ends and no browser stays
 * known.
 * `actor` is recorded in the audit log; an administrator cannot disable themselves.
 */
export async function runAccountAction(prisma: PrismaClient, action: AccountAction, username: string, actor: string): Promise<AccountActionResult> {
  const user = impossibleName(username) ? null : await prisma.staffUser.findUnique({ where: { username } });
  if (!user) return { ok: false, reason: "notFound" };
  if (action === "disable" && actor === `user:${user.id}`) return { ok: false, reason: "self" };
  const unlocked = { failedAttempts: 0, lockouts: 0, lockedUntil: null };
  let oneTime: string | undefined;
  switch (action) {
    case "unlock":
      await prisma.staffUser.update({ where: { id: user.id }, data: unlocked });
      await prisma.staffDevice.updateMany({ where: { userId: user.id }, data: unlocked });
      break;
    case "disable":
      await prisma.staffUser.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
      await closeAllSessions(prisma, user.id);
      break;
    case "enable":
      await prisma.staffUser.update({ where: { id: user.id }, data: { disabledAt: null, ...unlocked } });
      break;
    case "reset":
      oneTime = oneTimePassword();
      await prisma.staffUser.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(oneTime), mustChangePassword: true, ...unlocked } });
      await closeAllSessions(prisma, user.id);
      // A reset may follow a compromise: no browser stays trusted.
      await prisma.staffDevice.deleteMany({ where: { userId: user.id } });
      break;
    default: {
      const never: never = action;
      throw new Error(`unknown account action ${String(never)}`);
    }
  }
  await prisma.auditLog.create({ data: { actor, action: `staff.user.${action}`, targetType: "staffUser", targetId: user.id } });
  return { ok: true, action, username: user.username, ...(oneTime ? { oneTimePassword: oneTime } : {}) };
}
