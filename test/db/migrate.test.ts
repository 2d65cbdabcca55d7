import { createHash } from "node:crypto";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/database.ts";
import {
  applyMigrations,
  DEFAULT_MIGRATIONS_DIR,
  pendingMigrations,
  splitSqlStatements,
} from "../../src/db/migrate.ts";
import { createTestDatabase, type TestDatabase } from "../support/testDatabase.ts";

type MigrationRow = {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
};

async function localMigrationNames(dir = DEFAULT_MIGRATIONS_DIR): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

const rowsOf = (db: Database) =>
  db.prisma.$queryRawUnsafe<MigrationRow[]>(`SELECT * FROM "_prisma_migrations" ORDER BY "migration_name"`);

describe("applyMigrations", { timeout: 120_000 }, () => {
  let testDb: TestDatabase;
  let db: Database;
  const extraDirs: string[] = [];

  beforeEach(async () => {
    testDb = await createTestDatabase();
    db = await openDatabase(testDb);
  }, 120_000);

  afterEach(async () => {
    await db.close();
    await testDb.cleanup();
    for (const dir of extraDirs.splice(0)) await rm(dir, { recursive: true, force: true });
  }, 120_000);

  // A copy of prisma/migrations the test may add folders to.
  async function copyOfMigrations(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), "tsunagu-migrations-"));
    extraDirs.push(dir);
    await cp(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
    return dir;
  }

  async function addMigration(dir: string, name: string, sql: string): Promise<void> {
    await mkdir(join(dir, name));
    await writeFile(join(dir, name, "migration.sql"), sql);
  }

  it("applies every migration to a fresh database and records it as Prisma does", async () => {
    const names = await localMigrationNames();
    expect(names).toContain("20261123000000_init");
    expect(await pendingMigrations(db.prisma)).toEqual(names);

    const result = await applyMigrations(db.prisma);
    expect(result.applied).toEqual(names);

    const rows = await rowsOf(db);
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    for (const row of rows) {
      const sql = await readFile(join(DEFAULT_MIGRATIONS_DIR, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
      expect(row.rolled_back_at).toBeNull();
      expect(row.logs).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
    expect(await pendingMigrations(db.prisma)).toEqual([]);
  });

  it("applies nothing the second time", async () => {
    await applyMigrations(db.prisma);
    expect(await applyMigrations(db.prisma)).toEqual({ applied: [] });
    expect(await rowsOf(db)).toHaveLength((await localMigrationNames()).length);
  });

  it("refuses, naming the migration, when an applied migration's checksum changed", async () => {
    await applyMigrations(db.prisma);
    await db.prisma.$executeRawUnsafe(
      `UPDATE "_prisma_migrations" SET "checksum" = $1 WHERE "migration_name" = $2`,
      "0".repeat(64),
      "20261123000000_init",
    );
    await expect(applyMigrations(db.prisma)).rejects.toThrow(
      /Migration 20261123000000_init was modified after it was applied/,
    );
  });

  it("refuses to build on a migration that failed earlier (finished_at missing)", async () => {
    await applyMigrations(db.prisma);
    await db.prisma.$executeRawUnsafe(`UPDATE "_prisma_migrations" SET "finished_at" = NULL`);
    await expect(applyMigrations(db.prisma)).rejects.toThrow(/20261123000000_init failed or is still being applied/);
  });

  it("lists a folder not yet applied as pending, then applies it", async () => {
    const dir = await copyOfMigrations();
    await applyMigrations(db.prisma, dir);
    await addMigration(dir, "29991231000000_extra", `-- CreateTable\nCREATE TABLE "Extra" ("id" TEXT NOT NULL);\n`);

    expect(await pendingMigrations(db.prisma, dir)).toEqual(["29991231000000_extra"]);
    expect(await applyMigrations(db.prisma, dir)).toEqual({ applied: ["29991231000000_extra"] });
    expect(await pendingMigrations(db.prisma, dir)).toEqual([]);
    await db.prisma.$executeRawUnsafe(`INSERT INTO "Extra" ("id") VALUES ('x')`);
  });

  it("rolls a failing migration back completely and records nothing", async () => {
    const dir = await copyOfMigrations();
    await addMigration(
      dir,
      "29991231000000_broken",
      `CREATE TABLE "Half" ("id" TEXT NOT NULL);\nALTER TABLE "NoSuchTable" ADD COLUMN "x" TEXT;\n`,
    );
    await expect(applyMigrations(db.prisma, dir)).rejects.toThrow(/Migration 29991231000000_broken failed/);

    const rows = await rowsOf(db);
    expect(rows.map((r) => r.migration_name)).not.toContain("29991231000000_broken");
    const half = await db.prisma.$queryRawUnsafe<{ present: boolean }[]>(
      `SELECT to_regclass('"Half"') IS NOT NULL AS "present"`,
    );
    expect(half[0]?.present).toBe(false);
    expect(await pendingMigrations(db.prisma, dir)).toEqual(["29991231000000_broken"]);
  });

  it("applies each migration once when two runners start together", async () => {
    // Two servers on one PostgreSQL use two clients; PGlite has one client per directory.
    const other = testDb.databaseUrl ? await openDatabase(testDb) : db;
    try {
      const [a, b] = await Promise.all([applyMigrations(db.prisma), applyMigrations(other.prisma)]);
      const names = await localMigrationNames();
      expect([...a.applied, ...b.applied].sort()).toEqual(names);
      expect((await rowsOf(db)).map((r) => r.migration_name)).toEqual(names);
    } finally {
      if (other !== db) await other.close();
    }
  });
});

describe("splitSqlStatements", () => {
  it("splits on top-level semicolons and drops comment-only pieces", () => {
    expect(splitSqlStatements("-- CreateTable\nCREATE TABLE a (x int);\n\n-- note\nSELECT 1;\n-- trailing\n")).toEqual([
      "-- CreateTable\nCREATE TABLE a (x int)",
      "-- note\nSELECT 1",
    ]);
  });

  it("keeps semicolons inside strings, identifiers, comments and dollar quotes", () => {
    const sql = [
      `INSERT INTO t VALUES ('a;b', 'it''s; fine', E'x\\';y')`,
      `-- a comment; with semicolon\nCREATE TABLE "we;ird" ("c;1" TEXT)`,
      `/* block; /* nested; */ still; */ SELECT 2`,
      `CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; SELECT 2; $body$ LANGUAGE sql`,
      `DO $$ BEGIN PERFORM 1; END $$`,
      `SELECT $1::int`,
    ];
    expect(splitSqlStatements(sql.join(";\n") + ";")).toEqual(sql);
  });

  it("handles a last statement without semicolon and empty input", () => {
    expect(splitSqlStatements("SELECT 1; SELECT 2")).toEqual(["SELECT 1", "SELECT 2"]);
    expect(splitSqlStatements("  \n-- nothing\n;;")).toEqual([]);
  });
});
