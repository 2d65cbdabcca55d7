// Applies prisma/migrations/*/migration.sql ourselves, because Prisma's schema engine cannot be
// downloaded on our machines. Everything is recorded in `_prisma_migrations` exactly as Prisma
// records it, so `prisma migrate deploy` / `migrate status` keep working wherever the engine
// exists.
import { createHash, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { PrismaClient } from "../generated/prisma/client.ts";

/** What the runner needs from a database: a PrismaClient (PGlite or PostgreSQL adapter) fits. */
export type SqlRunner = Pick<PrismaClient, "$executeRawUnsafe" | "$queryRawUnsafe" | "$transaction">;

type Tx = Pick<PrismaClient, "$executeRawUnsafe" | "$queryRawUnsafe">;

export const DEFAULT_MIGRATIONS_DIR = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));

// The key Prisma's own schema engine locks on for PostgreSQL: sharing it means our runner and a
// `prisma migrate deploy` started elsewhere also exclude each other.
const PRISMA_MIGRATE_LOCK_ID = 72707369;

// Waiting for another instance that holds the lock counts against these, so they are generous.
const TX_OPTIONS = { maxWait: 60_000, timeout: 10 * 60_000 };

const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

type LocalMigration = { name: string; sql: string; checksum: string };
type AppliedRow = {
  migration_name: string;
  checksum: string;
  finished_at: Date | string | null;
  rolled_back_at: Date | string | null;
};

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

// Prisma accepts a script whose line endings were changed by git (CRLF <-> LF): so do we.
function checksumMatches(sql: string, stored: string): boolean {
  const lf = sql.replace(/\r\n/g, "\n");
  return [sql, lf, lf.replace(/\n/g, "\r\n")].some((variant) => sha256Hex(variant) === stored);
}

async function readLocalMigrations(dir: string): Promise<LocalMigration[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, "migration.sql")))
    .map((e) => e.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)); // byte order, like Prisma
  const out: LocalMigration[] = [];
  for (const name of names) {
    const sql = await readFile(join(dir, name, "migration.sql"), "utf8");
    out.push({ name, sql, checksum: sha256Hex(sql) });
  }
  return out;
}

async function migrationsTableExists(db: Tx): Promise<boolean> {
  const rows = await db.$queryRawUnsafe<{ present: boolean }[]>(
    `SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS "present"`,
  );
  return rows[0]?.present === true;
}

async function readApplied(db: Tx, name?: string): Promise<AppliedRow[]> {
  const select = `SELECT "migration_name", "checksum", "finished_at", "rolled_back_at" FROM "_prisma_migrations"`;
  return name === undefined
    ? db.$queryRawUnsafe<AppliedRow[]>(`${select} ORDER BY "started_at"`)
    : db.$queryRawUnsafe<AppliedRow[]>(`${select} WHERE "migration_name" = $1`, name);
}

const isApplied = (r: AppliedRow) => r.finished_at !== null && r.rolled_back_at === null;
const isFailed = (r: AppliedRow) => r.finished_at === null && r.rolled_back_at === null;

// The same refusals as `prisma migrate deploy`: never build on an edited or half-applied history.
function assertHistoryUsable(local: LocalMigration[], rows: AppliedRow[]): void {
  const byName = new Map(local.map((m) => [m.name, m]));
  for (const row of rows) {
    if (isFailed(row)) {
      throw new Error(
        `Migration ${row.migration_name} failed or is still being applied in this database ` +
          `(_prisma_migrations has no finished_at). Resolve it (prisma migrate resolve) before migrating again.`,
      );
    }
    const file = byName.get(row.migration_name);
    if (isApplied(row) && file && !checksumMatches(file.sql, row.checksum)) {
      throw new Error(
        `Migration ${row.migration_name} was modified after it was applied to this database ` +
          `(checksum mismatch). Restore the original migration.sql and add a new migration instead.`,
      );
    }
  }
}

/** Names of local migration folders not yet applied (for the health check; takes no lock). */
export async function pendingMigrations(db: SqlRunner, migrationsDir = DEFAULT_MIGRATIONS_DIR): Promise<string[]> {
  const local = await readLocalMigrations(migrationsDir);
  if (!(await migrationsTableExists(db))) return local.map((m) => m.name);
  const done = new Set((await readApplied(db)).filter(isApplied).map((r) => r.migration_name));
  return local.filter((m) => !done.has(m.name)).map((m) => m.name);
}

/**
 * Applies pending migrations in name order, each in its own transaction.
 *
 * Why a transaction-scoped advisory lock in every transaction rather than one session lock:
 * with a connection pool (adapter-pg) a session lock and its unlock may land on different
 * connections; an interactive transaction is the only way Prisma pins one connection. Each
 * transaction re-reads `_prisma_migrations` after taking the lock, so an instance that waited
 * for another one sees its work and skips it: nothing is applied twice.
 */
export async function applyMigrations(
  db: SqlRunner,
  migrationsDir = DEFAULT_MIGRATIONS_DIR,
): Promise<{ applied: string[] }> {
  const local = await readLocalMigrations(migrationsDir);

  await db.$transaction(async (tx) => {
    await lock(tx);
    await tx.$executeRawUnsafe(CREATE_MIGRATIONS_TABLE);
    assertHistoryUsable(local, await readApplied(tx));
  }, TX_OPTIONS);

  const applied: string[] = [];
  for (const migration of local) {
    const didApply = await db.$transaction(async (tx) => {
      await lock(tx);
      const rows = await readApplied(tx, migration.name);
      assertHistoryUsable(local, rows);
      if (rows.some(isApplied)) return false;
      await runMigration(tx, migration);
      return true;
    }, TX_OPTIONS);
    if (didApply) applied.push(migration.name);
  }
  return { applied };
}

async function lock(tx: Tx): Promise<void> {
  // executeRaw, not queryRaw: the result column is of type void, which adapters cannot decode.
  await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${PRISMA_MIGRATE_LOCK_ID})`);
}

async function runMigration(tx: Tx, migration: LocalMigration): Promise<void> {
  const id = randomUUID();
  await tx.$executeRawUnsafe(
    `INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name", "started_at", "applied_steps_count")
     VALUES ($1, $2, $3, clock_timestamp(), 0)`,
    id,
    migration.checksum,
    migration.name,
  );
  try {
    // One statement per call: PGlite (extended protocol) rejects several in one query.
    for (const statement of splitSqlStatements(migration.sql)) await tx.$executeRawUnsafe(statement);
  } catch (error) {
    // The transaction rolls back, leaving no trace; the message names the migration only.
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${migration.name} failed and was rolled back: ${reason}`, { cause: error });
  }
  await tx.$executeRawUnsafe(
    `UPDATE "_prisma_migrations" SET "finished_at" = clock_timestamp(), "applied_steps_count" = 1 WHERE "id" = $1`,
    id,
  );
}

/**
 * Splits a SQL script into statements on top-level semicolons, skipping those inside quotes
 * ('…', "…", E'…', $tag$…$tag$) and comments (-- …, nested /* … *\/). Comment-only pieces are dropped.
 */
export function splitSqlStatements(sql: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let hasCode = false; // anything besides whitespace and comments since `start`
  let i = 0;
  const n = sql.length;

  const flush = (end: number) => {
    const text = sql.slice(start, end).trim();
    if (hasCode && text) statements.push(text);
    hasCode = false;
  };

  while (i < n) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (c === "-" && next === "-") {
      const eol = sql.indexOf("\n", i);
      i = eol === -1 ? n : eol + 1;
    } else if (c === "/" && next === "*") {
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        if (sql[i] === "/" && sql[i + 1] === "*") (depth++, (i += 2));
        else if (sql[i] === "*" && sql[i + 1] === "/") (depth--, (i += 2));
        else i++;
      }
    } else if (c === "'" || c === '"') {
      const backslashEscapes = c === "'" && i > 0 && /[eE]/.test(sql[i - 1]!) && !/\w/.test(sql[i - 2] ?? "");
      hasCode = true;
      i++;
      while (i < n) {
        if (backslashEscapes && sql[i] === "\\") i += 2;
        else if (sql[i] === c && sql[i + 1] === c) i += 2; // doubled quote
        else if (sql[i] === c) {
          i++;
          break;
        } else i++;
      }
    } else if (c === "$" && !/[\w$]/.test(sql[i - 1] ?? "")) {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i));
      hasCode = true;
      if (!tag) {
        i++; // a positional parameter such as $1
        continue;
      }
      const close = sql.indexOf(tag[0], i + tag[0].length);
      i = close === -1 ? n : close + tag[0].length;
    } else if (c === ";") {
      flush(i);
      i++;
      start = i;
    } else {
      if (!/\s/.test(c)) hasCode = true;
      i++;
    }
  }
  flush(n);
  return statements;
}
