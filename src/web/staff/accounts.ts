// Staff accounts: argon2id password hashes, one-time passwords that must be changed, lockout
// after repeated failures, and the same answer for an unknown user and a wrong password.
import { randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import type { PrismaClient, StaffUser } from "../../generated/prisma/client.ts";
import type { Role } from "../apiAuth.ts";

const ARGON2ID = 2; // @node-rs/argon2 Algorithm.Argon2id (a const enum, so not importable at run time)
export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;
export const MIN_PASSWORD_LENGTH = 12;

export const hashPassword = (password: string) => hash(password, { algorithm: ARGON2ID });

/** A one-time password a person can type: 16 characters without look-alikes. */
export function oneTimePassword(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY346789";
  return [...randomBytes(16)].map((b) => alphabet[b % alphabet.length]).join("");
}

export async function createStaffUser(prisma: PrismaClient, u: { username: string; role: Role; windowIds: string[] }): Promise<string> {
  const password = oneTimePassword();
  await prisma.staffUser.create({ data: { username: u.username, role: u.role, windowIds: u.windowIds, passwordHash: await hashPassword(password), mustChangePassword: true } });
  return password;
}

// A hash to verify against when the user does not exist, so that both cases take the same time.
let dummyHash: Promise<string> | null = null;

export type SignInResult = { ok: true; user: StaffUser } | { ok: false; reason: "invalid" | "locked" };

export async function signIn(prisma: PrismaClient, username: string, password: string, now = new Date()): Promise<SignInResult> {
  const user = await prisma.staffUser.findUnique({ where: { username } });
  if (!user || user.disabledAt) {
    dummyHash ??= hashPassword(oneTimePassword());
    await verify(await dummyHash, password).catch(() => false);
    return { ok: false, reason: "invalid" };
  }
  if (user.lockedUntil && user.lockedUntil > now) return { ok: false, reason: "locked" };
  const ok = await verify(user.passwordHash, password).catch(() => false);
  if (!ok) {
    const failed = user.failedAttempts + 1;
    await prisma.staffUser.update({
      where: { id: user.id },
      data: { failedAttempts: failed, ...(failed >= MAX_FAILED_ATTEMPTS ? { lockedUntil: new Date(now.getTime() + LOCKOUT_MS), failedAttempts: 0 } : {}) },
    });
    return { ok: false, reason: failed >= MAX_FAILED_ATTEMPTS ? "locked" : "invalid" };
  }
  await prisma.staffUser.update({ where: { id: user.id }, data: { failedAttempts: 0, lockedUntil: null } });
  return { ok: true, user };
}

export async function changePassword(prisma: PrismaClient, userId: string, newPassword: string): Promise<void> {
  await prisma.staffUser.update({ where: { id: userId }, data: { passwordHash: await hashPassword(newPassword), mustChangePassword: false } });
}
