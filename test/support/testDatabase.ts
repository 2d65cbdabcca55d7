// A fresh, empty database per test: an embedded PGlite directory by default, or a new database on
// the PostgreSQL server named by TEST_POSTGRES_URL (an admin URL) for the PostgreSQL run.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

export type TestDatabase = {
  /** Set in the PostgreSQL run only; pass it on as openDatabase's databaseUrl. */
  databaseUrl?: string;
  /** Always fresh: the embedded database lives here, and the key file in both runs. */
  dataDir: string;
  cleanup(): Promise<void>;
};

export const usingPostgres = (): boolean => Boolean(process.env.TEST_POSTGRES_URL);

async function withAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const dataDir = await mkdtemp(join(tmpdir(), "tsunagu-test-"));
  const removeDir = () => rm(dataDir, { recursive: true, force: true });
  const adminUrl = process.env.TEST_POSTGRES_URL;
  if (!adminUrl) return { dataDir, cleanup: removeDir };

  const name = `tsunagu_t_${randomBytes(6).toString("hex")}`; // [a-z0-9_]: safe unquoted too
  await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    databaseUrl: url.toString(),
    dataDir,
    cleanup: async () => {
      // FORCE (PostgreSQL 13+): a test that forgot to close must not leave the database behind.
      await withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
      await removeDir();
    },
  };
}
