// Opens the database: embedded PGlite in the data directory by default (a single small office
// needs no server), or PostgreSQL when DATABASE_URL is given. Migrations are the caller's choice
// (openAndMigrate does both) so a CLI can inspect a database without changing it.
import { randomBytes } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "../generated/prisma/client.ts";
import { applyMigrations } from "./migrate.ts";
import { PriorityLane } from "./priorityLane.ts";

export type Database = {
  prisma: PrismaClient;
  kind: "embedded" | "postgres";
  /**
   * One statement ($1… parameters) ahead of the work waiting for the database: on the embedded
   * database, Prisma's statements not yet started wait until it is done (see PriorityLane); on
   * PostgreSQL, with its pool of connections, it simply runs. For the webhook's inbox insert.
   */
  priorityQuery<T>(sql: string, params: unknown[]): Promise<T[]>;
  close(): Promise<void>;
};

export type OpenDatabaseOptions = { databaseUrl?: string; dataDir: string };

export async function openDatabase(opts: OpenDatabaseOptions): Promise<Database> {
  const url = opts.databaseUrl?.trim();
  return url ? openPostgres(url) : openEmbedded(opts.dataDir);
}

/** openDatabase, then apply pending migrations; closes again if migrating fails. */
export async function openAndMigrate(opts: OpenDatabaseOptions): Promise<Database & { applied: string[] }> {
  const db = await openDatabase(opts);
  try {
    const { applied } = await applyMigrations(db.prisma);
    return Object.assign(db, { applied });
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}

async function openPostgres(connectionString: string): Promise<Database> {
  // The URL carries a password: never echo it.
  if (!/^postgres(ql)?:\/\//i.test(connectionString)) {
    throw new Error("DATABASE_URL must start with postgres:// or postgresql://");
  }
  // A connection attempt gives up after 5 s, so a database that does not answer is an error the
  // caller can retry, not a request that waits forever.
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString, connectionTimeoutMillis: 5_000, keepAlive: true }) });
  return {
    prisma,
    kind: "postgres",
    priorityQuery: <T>(sql: string, params: unknown[]) => prisma.$queryRawUnsafe<T[]>(sql, ...params),
    close: once(() => prisma.$disconnect()),
  };
}

async function openEmbedded(dataDir: string): Promise<Database> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const release = acquireLock(dataDir);
  try {
    // 16 MB of shared buffers instead of 128: the WebAssembly heap is the server's memory (RSS),
    // and an office's data is small; the operating system caches the files besides.
    const pglite = await PGlite.create(join(dataDir, "pgdata"), {
      startParams: [...PGlite.defaultStartParams, "-c", `shared_buffers=${EMBEDDED_SHARED_BUFFERS}`],
    });
    const lane = new PriorityLane();
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(lane.gate(pglite)) });
    const close = once(async () => {
      try {
        await prisma.$disconnect(); // the PGlite adapter does not close PGlite itself
        await pglite.close();
      } finally {
        release();
      }
    });
    const priorityQuery = <T>(sql: string, params: unknown[]) =>
      lane.priority(async () => (await pglite.query<T>(sql, params)).rows);
    return { prisma, kind: "embedded", priorityQuery, close };
  } catch (error) {
    release();
    throw error;
  }
}

const EMBEDDED_SHARED_BUFFERS = "16MB";

const once = (fn: () => Promise<void>) => {
  let done: Promise<void> | undefined;
  return () => (done ??= fn());
};

/**
 * PGlite must never be opened by two processes on one directory (it would corrupt it), so the
 * data directory carries `pgdata.lock` with the holder's pid. A lock whose process is gone is
 * stale (crash, kill -9) and taken over. Returns the release function.
 */
function acquireLock(dataDir: string): () => void {
  const lockFile = join(dataDir, "pgdata.lock");
  const token = randomBytes(8).toString("hex");
  const content = `${process.pid}\n${token}\n`;

  for (let attempt = 0; attempt < 5; attempt++) {
    // Write aside and hard-link into place: the lock appears atomically and always complete.
    const temp = `${lockFile}.${token}`;
    writeFileSync(temp, content, { mode: 0o600 });
    try {
      linkSync(temp, lockFile);
      unlinkSync(temp);
      const release = () => releaseLock(lockFile, token);
      process.once("exit", release); // a normal exit without close() leaves no lock behind
      return () => {
        process.removeListener("exit", release);
        release();
      };
    } catch (error) {
      unlinkSync(temp);
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const current = readLockFile(lockFile);
    if (current === undefined) continue; // released meanwhile: try again
    const pid = Number.parseInt(current.split("\n")[0] ?? "", 10);
    if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
      throw new Error(
        `The embedded database in ${dataDir} is in use by another process (pid ${pid}). ` +
          "Stop the server first or use its API.",
      );
    }
    // Stale: remove it only if nobody replaced it since we read it, then race for it again.
    if (readLockFile(lockFile) === current) {
      try {
        unlinkSync(lockFile);
      } catch {
        // another process got there first
      }
    }
  }
  throw new Error(`Could not take the lock on the embedded database in ${dataDir}`);
}

function releaseLock(lockFile: string, token: string): void {
  try {
    if (readLockFile(lockFile)?.split("\n")[1] === token) unlinkSync(lockFile);
  } catch {
    // already gone
  }
}

function readLockFile(lockFile: string): string | undefined {
  try {
    return readFileSync(lockFile, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0: existence check only
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // exists, owned by someone else
  }
}
