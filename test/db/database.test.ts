import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openAndMigrate, openDatabase } from "../../src/db/database.ts";
import { createTestDatabase, usingPostgres, type TestDatabase } from "../support/testDatabase.ts";

describe("openDatabase", { timeout: 120_000 }, () => {
  let testDb: TestDatabase;
  beforeEach(async () => {
    testDb = await createTestDatabase();
  }, 120_000);
  afterEach(async () => {
    await testDb.cleanup();
  }, 120_000);

  it("opens the configured kind, migrates and serves queries", async () => {
    const db = await openAndMigrate(testDb);
    try {
      expect(db.kind).toBe(usingPostgres() ? "postgres" : "embedded");
      expect(db.applied).toContain("20261123000000_init");
      await db.prisma.resident.create({ data: { lineUserId: "U-test", updatedAt: new Date() } });
      expect(await db.prisma.resident.count()).toBe(1);
    } finally {
      await db.close();
    }
    // Data survives a reopen, and close() may be called twice.
    const again = await openAndMigrate(testDb);
    try {
      expect(again.applied).toEqual([]);
      expect(await again.prisma.resident.count()).toBe(1);
    } finally {
      await again.close();
      await again.close();
    }
  });

  it("rejects a DATABASE_URL that is not PostgreSQL without echoing it", async () => {
    const secret = "mysql://user:hunter2@db/x";
    await expect(openDatabase({ databaseUrl: secret, dataDir: testDb.dataDir })).rejects.toThrow(
      /^DATABASE_URL must start with postgres:\/\/ or postgresql:\/\/$/,
    );
  });

  // These open the embedded database directly (no URL), so they run in the PostgreSQL pass too.
  describe("embedded (PGlite) lock", () => {
    const lockFile = () => join(testDb.dataDir, "pgdata.lock");

    it("refuses a second open of the same data directory while the first is open", async () => {
      const first = await openDatabase({ dataDir: testDb.dataDir });
      try {
        expect(readFileSync(lockFile(), "utf8").split("\n")[0]).toBe(String(process.pid));
        await expect(openDatabase({ dataDir: testDb.dataDir })).rejects.toThrow(
          `The embedded database in ${testDb.dataDir} is in use by another process (pid ${process.pid}). ` +
            "Stop the server first or use its API.",
        );
        // The refused attempt did not disturb the first one.
        expect(await first.prisma.$queryRawUnsafe<{ one: number }[]>("SELECT 1 AS one")).toEqual([{ one: 1 }]);
      } finally {
        await first.close();
      }
      expect(existsSync(lockFile())).toBe(false);

      const second = await openDatabase({ dataDir: testDb.dataDir });
      await second.close();
    });

    it("takes over a stale lock left by a process that is gone", async () => {
      const gone = await deadPid();
      writeFileSync(lockFile(), `${gone}\nsometoken\n`);
      const db = await openDatabase({ dataDir: testDb.dataDir });
      try {
        expect(readFileSync(lockFile(), "utf8").split("\n")[0]).toBe(String(process.pid));
      } finally {
        await db.close();
      }
      expect(existsSync(lockFile())).toBe(false);
    });

    it("treats an unreadable lock file as stale", async () => {
      writeFileSync(lockFile(), "garbage");
      const db = await openDatabase({ dataDir: testDb.dataDir });
      await db.close();
    });
  });
});

// The pid of a process that has exited (and not yet been reused).
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  const pid = child.pid!;
  await new Promise((resolve) => child.on("exit", resolve));
  return pid;
}
