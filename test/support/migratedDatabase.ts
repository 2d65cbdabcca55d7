// A migrated test database for one describe block: created and migrated before its tests, closed
// and removed after (PGlite by default, PostgreSQL with TEST_POSTGRES_URL; see testDatabase.ts).
import { afterAll, beforeAll } from "vitest";
import { openAndMigrate, type Database } from "../../src/db/database.ts";
import { createTestDatabase, type TestDatabase } from "./testDatabase.ts";

export function useMigratedDatabase(timeoutMs = 120_000): { readonly db: Database } {
  let testDb: TestDatabase | undefined;
  let db: Database | undefined;
  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = await openAndMigrate(testDb);
  }, timeoutMs);
  afterAll(async () => {
    await db?.close();
    await testDb?.cleanup();
  }, timeoutMs);
  return {
    get db() {
      if (!db) throw new Error("the test database is opened in beforeAll");
      return db;
    },
  };
}
