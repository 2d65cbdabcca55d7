// `cli user unlock|disable|enable|reset --name`: an administrator's way in when nobody can sign
// in to the console (every admin locked, or a forgotten password).
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openAndMigrate } from "../../src/db/database.ts";
import { createStaffUser, MAX_FAILED_ATTEMPTS, signIn } from "../../src/web/staff/accounts.ts";
import { createTestDatabase, type TestDatabase } from "../support/testDatabase.ts";

let tdb: TestDatabase;
let password: string;

/** Opens the database for one step: PGlite serves one process, so never while the CLI runs. */
async function withDb<T>(fn: (db: Awaited<ReturnType<typeof openAndMigrate>>) => Promise<T>): Promise<T> {
  const db = await openAndMigrate({ databaseUrl: tdb.databaseUrl, dataDir: tdb.dataDir });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

function cli(...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: tdb.dataDir, LOG_LEVEL: "silent" };
  delete env.DATABASE_URL;
  if (tdb.databaseUrl) env.DATABASE_URL = tdb.databaseUrl;
  for (const k of ["LINE_CHANNEL_SECRET", "LINE_CHANNEL_ACCESS_TOKEN", "SIMULATOR"]) delete env[k];
  return spawnSync(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], { env, encoding: "utf8", timeout: 120_000 });
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  password = await withDb((db) => createStaffUser(db.prisma, { username: "locked-admin", role: "admin", windowIds: [] }));
});
afterAll(async () => {
  await tdb?.cleanup();
});

describe("cli user", () => {
  it("when an admin is locked out, then `user unlock` lets the password in again, without LINE credentials", async () => {
    await withDb(async (db) => {
      for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) await signIn(db.prisma, "locked-admin", `wrong-${i}`);
      expect((await signIn(db.prisma, "locked-admin", password)).ok).toBe(false);
    });
    const r = cli("user", "unlock", "--name", "locked-admin");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("unlock locked-admin\n");
    await withDb(async (db) => {
      expect((await signIn(db.prisma, "locked-admin", password)).ok).toBe(true);
      expect(await db.prisma.auditLog.count({ where: { action: "staff.user.unlock", actor: "cli" } })).toBe(1);
    });
  });

  it("`user reset` prints a new one-time password alone; the old one stops working", async () => {
    const r = cli("user", "reset", "--name", "locked-admin");
    expect(r.status).toBe(0);
    const fresh = r.stdout.trim();
    expect(fresh).toMatch(/^[A-Za-z0-9]{16}$/);
    await withDb(async (db) => {
      expect((await signIn(db.prisma, "locked-admin", password)).ok).toBe(false);
      const s = await signIn(db.prisma, "locked-admin", fresh);
      expect(s.ok && s.user.mustChangePassword).toBe(true);
    });
  });

  it("when the name is unknown, then it fails with exit code 1 and says so", () => {
    const r = cli("user", "disable", "--name", "nobody-here");
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe("error: no user named nobody-here");
  });

  it("when `user create` names an existing account, then it says the name is taken, exits 1, and prints no stack", async () => {
    const r = cli("user", "create", "--role", "admin", "--name", "locked-admin");
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("error: that user name is taken\n");
    await withDb(async (db) => expect(await db.prisma.staffUser.count({ where: { username: "locked-admin" } })).toBe(1));
  });
});
