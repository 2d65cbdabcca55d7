// Start-up of the releases: seed version 1 from the repository's files when the database holds
// none, then the registry that follows the newest. The files (FLOW_FILE, MUNICIPALITY_FILE,
// LOCALES_DIR) are read only for that seed: once a database has releases, the published versions
// are what runs, and a changed file changes nothing until it is published. A test that points
// MUNICIPALITY_FILE at its own file gets it, because every test database starts empty.
import type { Database } from "../db/database.ts";
import { log } from "../log.ts";
import { buildRelease, type BuiltRelease } from "./buildRelease.ts";
import { readSeedContent, type SeedFiles } from "./releaseContent.ts";
import { listenForPublishes } from "./releaseNotify.ts";
import { ReleaseRegistry, seedFirstRelease } from "./releaseRegistry.ts";

export async function openReleases(db: Database, files: SeedFiles & { DATABASE_URL?: string }, opts: { pollMs?: number } = {}): Promise<ReleaseRegistry> {
  const seeded = await seedFirstRelease(db.prisma, () => {
    const content = readSeedContent(files);
    buildRelease(content, 1); // a broken file stops the start here, with the place named
    return content;
  });
  if (seeded) log.info("release 1 seeded from the repository's files");
  return ReleaseRegistry.open(db.prisma, {
    pollMs: opts.pollMs,
    listen: db.kind === "postgres" && files.DATABASE_URL ? listenForPublishes(files.DATABASE_URL) : undefined,
  });
}

type Live = Pick<BuiltRelease, "flow" | "locales" | "municipality" | "glossary">;

/**
 * Gives `base` the properties flow, locales, municipality and glossary that always read the
 * newest release: what was passed around as objects at start follows publishes unchanged.
 */
export function followLatest<T extends object>(registry: { latest(): BuiltRelease }, base: T): T & Live {
  for (const name of ["flow", "locales", "municipality", "glossary"] as const) {
    Object.defineProperty(base, name, { get: () => registry.latest()[name], enumerable: true, configurable: true });
  }
  return base as T & Live;
}
