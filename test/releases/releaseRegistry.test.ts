import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openAndMigrate, type Database } from "../../src/db/database.ts";
import { publishRelease } from "../../src/releases/publishRelease.ts";
import { listenForPublishes } from "../../src/releases/releaseNotify.ts";
import { ReleaseRegistry, seedFirstRelease } from "../../src/releases/releaseRegistry.ts";
import { createTestDatabase, usingPostgres, type TestDatabase } from "../support/testDatabase.ts";
import { botOf, repoContent } from "./releaseFixtures.ts";

let tdb: TestDatabase;
let db: Database;
let registry: ReleaseRegistry | null = null;

beforeEach(async () => {
  tdb = await createTestDatabase();
  db = await openAndMigrate({ databaseUrl: tdb.databaseUrl, dataDir: tdb.dataDir });
});

afterEach(async () => {
  await registry?.stop();
  registry = null;
  await db.close();
  await tdb.cleanup();
});

describe("the release registry", () => {
  it("when two instances seed an empty database at once, then there is one version 1, and seeding again changes nothing", async () => {
    const content = repoContent();
    const seeded = await Promise.all([seedFirstRelease(db.prisma, () => content), seedFirstRelease(db.prisma, () => content)]);
    expect(seeded.filter(Boolean).length).toBeLessThanOrEqual(1);
    expect(await seedFirstRelease(db.prisma, () => { throw new Error("the files are not read once the database has releases"); })).toBe(false);
    expect(await db.prisma.release.findMany({ select: { version: true, publishedBy: true } })).toEqual([{ version: 1, publishedBy: "seed" }]);
  });

  it("when a version is asked for, then it is compiled once and kept; a version that does not exist is null", async () => {
    await seedFirstRelease(db.prisma, repoContent);
    registry = await ReleaseRegistry.open(db.prisma, { pollMs: 0 });
    expect(registry.latest().version).toBe(1);
    expect(await registry.get(1)).toBe(registry.latest());
    expect(await registry.get(7)).toBeNull();
    const changed = repoContent();
    (botOf(changed, "en").msg as Record<string, string>).greeting = "Version two";
    const published = await publishRelease(db.prisma, changed, { by: "test", note: "two" });
    expect(published).toMatchObject({ ok: true, version: 2 });
    const two = await registry.get(2);
    expect(two!.locales.t("en")("msg.greeting")).toBe("Version two");
    expect(await registry.get(2)).toBe(two);
    // Asking for an older version does not change what new conversations get until refresh.
    expect(registry.latest().version).toBe(1);
    await registry.refresh();
    expect(registry.latest()).toBe(two);
  });

  it("when another instance publishes, then the registry follows by itself (by NOTIFY on PostgreSQL, else by its poll)", async () => {
    await seedFirstRelease(db.prisma, repoContent);
    // On PostgreSQL the poll is off: only the notification can bring the new version.
    registry = await ReleaseRegistry.open(db.prisma, usingPostgres() ? { pollMs: 0, listen: listenForPublishes(tdb.databaseUrl!) } : { pollMs: 200 });
    const picked = new Promise<number>((resolve) => registry!.onChange((r) => resolve(r.version)));
    const published = await publishRelease(db.prisma, repoContent(), { by: "test:elsewhere", note: "same content again" });
    expect(published).toMatchObject({ ok: true, version: 2 });
    expect(await picked).toBe(2);
    expect(registry.latest().version).toBe(2);
  });
});
