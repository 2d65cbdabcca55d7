// Sign-in against the database itself: the attempt counter holds under parallel guesses, locks
// grow and end, an administrator's actions take effect, sessions end when idle.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openAndMigrate, type Database } from "../../../src/db/database.ts";
import { setLogLevel } from "../../../src/log.ts";
import {
  createStaffUser,
  DEVICE_TTL_MS,
  FIRST_LOCK_MS,
  forgetStaleDevices,
  lockDuration,
  MAX_FAILED_ATTEMPTS,
  MAX_LOCK_MS,
  runAccountAction,
  signIn,
} from "../../../src/web/staff/accounts.ts";
import { findSession, openSession } from "../../../src/web/staff/sessions.ts";
import { createTestDatabase, type TestDatabase } from "../../support/testDatabase.ts";

let tdb: TestDatabase;
let db: Database;
const prisma = () => db.prisma;

/** A user with a known password (the one-time password, which signIn accepts like any other). */
async function user(name: string): Promise<string> {
  return createStaffUser(prisma(), { username: name, role: "admin", windowIds: [] });
}
const row = (name: string) => prisma().staffUser.findUniqueOrThrow({ where: { username: name } });

beforeAll(async () => {
  setLogLevel("silent");
  tdb = await createTestDatabase();
  db = await openAndMigrate({ databaseUrl: tdb.databaseUrl, dataDir: tdb.dataDir });
});
afterAll(async () => {
  await db?.close();
  await tdb?.cleanup();
});

describe("the attempt counter", () => {
  it(`when 150 guesses arrive at once, right password last, then at most ${MAX_FAILED_ATTEMPTS} are checked and the account is locked`, async () => {
    const right = await user("parallel");
    const guesses = [...Array.from({ length: 149 }, (_, i) => `wrong-guess-${i}`), right];
    const results = await Promise.all(guesses.map((g) => signIn(prisma(), "parallel", g)));
    const checked = results.filter((r) => r.ok || r.why === "wrong");
    expect(checked.length).toBeLessThanOrEqual(MAX_FAILED_ATTEMPTS);
    expect(results.filter((r) => !r.ok && r.why === "locked").length).toBeGreaterThanOrEqual(150 - MAX_FAILED_ATTEMPTS);
    // The right password came after the lock: it did not get in.
    expect(results.at(-1)!.ok).toBe(false);
    expect((await row("parallel")).lockedUntil!.getTime()).toBeGreaterThan(Date.now());
  });

  it("when a lock ends, then the right password works, and a success clears the count", async () => {
    const right = await user("patient");
    const t0 = new Date();
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) expect((await signIn(prisma(), "patient", `nope-${i}`, { now: t0 })).ok).toBe(false);
    expect(await signIn(prisma(), "patient", right, { now: new Date(t0.getTime() + FIRST_LOCK_MS - 1000) })).toMatchObject({ ok: false, why: "locked" });
    expect((await signIn(prisma(), "patient", right, { now: new Date(t0.getTime() + FIRST_LOCK_MS + 1000) })).ok).toBe(true);
    expect(await row("patient")).toMatchObject({ failedAttempts: 0, lockouts: 0, lockedUntil: null });
  });

  it("when locks follow each other, then each lasts twice as long as the last, up to 15 minutes", async () => {
    expect([0, 1, 2, 3, 4, 10].map(lockDuration)).toEqual([60_000, 120_000, 240_000, 480_000, 900_000, MAX_LOCK_MS]);
    await user("again");
    let at = Date.now();
    for (const expected of [FIRST_LOCK_MS, 2 * FIRST_LOCK_MS]) {
      for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) await signIn(prisma(), "again", `nope-${i}`, { now: new Date(at) });
      const locked = await row("again");
      expect(locked.lockedUntil!.getTime() - at).toBe(expected);
      at = locked.lockedUntil!.getTime() + 1;
    }
  });

  it("when the user is unknown, disabled or locked, then the refusal is the same to the caller", async () => {
    await user("disabled-one");
    await runAccountAction(prisma(), "disable", "disabled-one", "test");
    const unknown = await signIn(prisma(), "no-such-person", "whatever");
    const disabled = await signIn(prisma(), "disabled-one", "whatever");
    expect(unknown.ok).toBe(false);
    expect(disabled.ok).toBe(false);
  });
});

describe("known browsers", () => {
  it("when strangers have locked the account, then the owner's known browser still signs in", async () => {
    const right = await user("owner");
    const first = await signIn(prisma(), "owner", right);
    expect(first.ok).toBe(true);
    const browser = (first as { deviceToken: string }).deviceToken;
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) await signIn(prisma(), "owner", `stranger-${i}`);
    expect(await signIn(prisma(), "owner", right)).toMatchObject({ ok: false, why: "locked" });
    const again = await signIn(prisma(), "owner", right, { deviceToken: browser });
    expect(again).toMatchObject({ ok: true, deviceToken: browser });
    // The strangers' lock stands for strangers.
    expect(await signIn(prisma(), "owner", right)).toMatchObject({ ok: false, why: "locked" });
  });

  it("when guesses come with a known browser's cookie, then they lock that browser only", async () => {
    const right = await user("stolen-cookie");
    const browser = ((await signIn(prisma(), "stolen-cookie", right)) as { deviceToken: string }).deviceToken;
    const guesses = await Promise.all(Array.from({ length: 40 }, (_, i) => signIn(prisma(), "stolen-cookie", `guess-${i}`, { deviceToken: browser })));
    expect(guesses.filter((r) => !r.ok && r.why === "wrong").length).toBeLessThanOrEqual(MAX_FAILED_ATTEMPTS);
    expect(await signIn(prisma(), "stolen-cookie", right, { deviceToken: browser })).toMatchObject({ ok: false, why: "locked" });
    // Another browser (here a new one) is not locked by it.
    expect((await signIn(prisma(), "stolen-cookie", right)).ok).toBe(true);
  });

  it("when a browser is known for another user, then it counts as a stranger; a reset forgets every known browser", async () => {
    const mine = await user("first-user");
    const theirs = await user("second-user");
    const browser = ((await signIn(prisma(), "first-user", mine)) as { deviceToken: string }).deviceToken;
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) await signIn(prisma(), "second-user", `nope-${i}`);
    expect(await signIn(prisma(), "second-user", theirs, { deviceToken: browser })).toMatchObject({ ok: false, why: "locked" });

    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) await signIn(prisma(), "first-user", `nope-${i}`);
    const reset = await runAccountAction(prisma(), "reset", "first-user", "cli");
    const fresh = (reset as { oneTimePassword: string }).oneTimePassword;
    expect(await prisma().staffDevice.count({ where: { userId: (await row("first-user")).id } })).toBe(0);
    expect((await signIn(prisma(), "first-user", fresh, { deviceToken: browser })).ok).toBe(true);
  });

  it("a browser unused for half a year is a stranger again, and its row is forgotten", async () => {
    const right = await user("long-gone");
    const browser = ((await signIn(prisma(), "long-gone", right)) as { deviceToken: string }).deviceToken;
    const later = new Date(Date.now() + DEVICE_TTL_MS + 60_000);
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) await signIn(prisma(), "long-gone", `nope-${i}`, { now: later });
    expect(await signIn(prisma(), "long-gone", right, { deviceToken: browser, now: later })).toMatchObject({ ok: false, why: "locked" });
    expect(await forgetStaleDevices(prisma(), later)).toBeGreaterThanOrEqual(1);
    expect(await prisma().staffDevice.count({ where: { userId: (await row("long-gone")).id } })).toBe(0);
  });
});

describe("an administrator's actions", () => {
  it("unlock: a locked account signs in with its password at once", async () => {
    const right = await user("unlock-me");
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) await signIn(prisma(), "unlock-me", `nope-${i}`);
    expect((await signIn(prisma(), "unlock-me", right)).ok).toBe(false);
    expect(await runAccountAction(prisma(), "unlock", "unlock-me", "user:admin")).toMatchObject({ ok: true, action: "unlock" });
    expect((await signIn(prisma(), "unlock-me", right)).ok).toBe(true);
    expect(await prisma().auditLog.count({ where: { action: "staff.user.unlock", actor: "user:admin" } })).toBe(1);
  });

  it("disable ends every session and refuses the password; enable lets it in again", async () => {
    const right = await user("disable-me");
    const u = await row("disable-me");
    const policy = { maxMs: 3_600_000, idleMs: 600_000 };
    const { cookieValue } = await openSession(prisma(), u.id, policy);
    expect(await findSession(prisma(), cookieValue, policy, { activity: true })).not.toBeNull();
    await runAccountAction(prisma(), "disable", "disable-me", "cli");
    expect(await findSession(prisma(), cookieValue, policy, { activity: true })).toBeNull();
    expect((await signIn(prisma(), "disable-me", right)).ok).toBe(false);
    await runAccountAction(prisma(), "enable", "disable-me", "cli");
    expect((await signIn(prisma(), "disable-me", right)).ok).toBe(true);
  });

  it("reset gives a new one-time password that must be changed; the old one stops working", async () => {
    const old = await user("reset-me");
    await prisma().staffUser.update({ where: { username: "reset-me" }, data: { mustChangePassword: false } });
    const r = await runAccountAction(prisma(), "reset", "reset-me", "cli");
    expect(r.ok && r.oneTimePassword).toMatch(/^[A-Za-z0-9]{16}$/);
    expect((await signIn(prisma(), "reset-me", old)).ok).toBe(false);
    const fresh = await signIn(prisma(), "reset-me", (r as { oneTimePassword: string }).oneTimePassword);
    expect(fresh.ok && fresh.user.mustChangePassword).toBe(true);
  });

  it("an administrator cannot disable their own account; an unknown name is reported", async () => {
    await user("self-admin");
    const me = await row("self-admin");
    expect(await runAccountAction(prisma(), "disable", "self-admin", `user:${me.id}`)).toEqual({ ok: false, reason: "self" });
    expect(await runAccountAction(prisma(), "unlock", "nobody-at-all", "cli")).toEqual({ ok: false, reason: "notFound" });
  });
});

describe("sessions", () => {
  it("when a session has been idle longer than allowed, then it has ended; polling does not keep it alive", async () => {
    await user("idle");
    const u = await row("idle");
    const policy = { maxMs: 12 * 3_600_000, idleMs: 30 * 60_000 };
    const t0 = new Date();
    const { cookieValue } = await openSession(prisma(), u.id, policy, t0);
    const at = (min: number) => new Date(t0.getTime() + min * 60_000);
    // Polls every few minutes for 29 minutes: still signed in, but the polls are not activity.
    expect(await findSession(prisma(), cookieValue, policy, { activity: false, now: at(29) })).not.toBeNull();
    expect(await findSession(prisma(), cookieValue, policy, { activity: false, now: at(31) })).toBeNull();

    const other = await openSession(prisma(), u.id, policy, t0);
    expect(await findSession(prisma(), other.cookieValue, policy, { activity: true, now: at(20) })).not.toBeNull();
    expect(await findSession(prisma(), other.cookieValue, policy, { activity: true, now: at(45) })).not.toBeNull();
    expect(await findSession(prisma(), other.cookieValue, policy, { activity: true, now: at(80) })).toBeNull();
  });

  it("when the session is older than its maximum, then it has ended however active", async () => {
    await user("long");
    const u = await row("long");
    const policy = { maxMs: 60 * 60_000, idleMs: 30 * 60_000 };
    const t0 = new Date();
    const { cookieValue } = await openSession(prisma(), u.id, policy, t0);
    for (const min of [20, 40]) expect(await findSession(prisma(), cookieValue, policy, { activity: true, now: new Date(t0.getTime() + min * 60_000) })).not.toBeNull();
    expect(await findSession(prisma(), cookieValue, policy, { activity: true, now: new Date(t0.getTime() + 61 * 60_000) })).toBeNull();
  });
});
