// The releases the running system knows: the newest (what new conversations start on, what the
// console and the simulator show) and older ones compiled on demand for conversations pinned to
// them. A publish by any instance is picked up within seconds: a poll of the newest version every
// `pollMs`, and on PostgreSQL a LISTEN on the channel publishRelease notifies, for speed.
import type { PrismaClient } from "../generated/prisma/client.ts";
import { errorFields, log } from "../log.ts";
import { buildRelease, type BuiltRelease } from "./buildRelease.ts";
import { ReleaseContent } from "./releaseContent.ts";

/** What the conversation engine needs: the newest release now, and any version by number. */
export interface ReleaseSource {
  latest(): BuiltRelease;
  /**
   * Version `version`, compiled; null when there is none or it does not build. Inside a
   * transaction pass its client: the embedded database serves one connection, and a query
   * beside the open transaction would wait for it forever.
   */
  get(version: number, db?: ReleaseReader): Promise<BuiltRelease | null>;
}

export type ReleaseReader = Pick<PrismaClient, "release">;

export const RELEASE_CHANNEL = "tsunagu_release";
/** Older versions kept compiled besides the newest (conversations rarely span many publishes). */
const CACHE_LIMIT = 8;

/** Stores `content` as version 1 when the database holds no release yet; safe to race. */
export async function seedFirstRelease(prisma: PrismaClient, content: () => ReleaseContent): Promise<boolean> {
  if ((await prisma.release.count()) > 0) return false;
  const { count } = await prisma.release.createMany({
    data: [{ version: 1, content: content() as object, note: "seed", publishedBy: "seed" }],
    skipDuplicates: true,
  });
  return count > 0;
}

export async function newestVersion(prisma: PrismaClient): Promise<number | null> {
  const r = await prisma.release.aggregate({ _max: { version: true } });
  return r._max.version ?? null;
}

export interface RegistryOptions {
  pollMs?: number;
  /** Starts listening for publishes; returns the function that stops listening. */
  listen?: (onPublish: () => void) => Promise<() => Promise<void>>;
}

export class ReleaseRegistry implements ReleaseSource {
  private current: BuiltRelease;
  private readonly cache = new Map<number, Promise<BuiltRelease | null>>();
  private refreshing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private unlisten: (() => Promise<void>) | null = null;
  private readonly listeners = new Set<(r: BuiltRelease) => void>();

  private readonly prisma: PrismaClient;

  private constructor(prisma: PrismaClient, first: BuiltRelease) {
    this.prisma = prisma;
    this.current = first;
    this.cache.set(first.version, Promise.resolve(first));
  }

  /** Loads the newest release (throws when the database has none or it does not build). */
  static async open(prisma: PrismaClient, opts: RegistryOptions = {}): Promise<ReleaseRegistry> {
    const version = await newestVersion(prisma);
    if (version === null) throw new Error("the database holds no release; seed one first");
    const first = await loadRelease(prisma, version);
    if (!first) throw new Error(`release ${version} could not be loaded`);
    const registry = new ReleaseRegistry(prisma, first);
    const pollMs = opts.pollMs ?? 2000;
    if (pollMs > 0) {
      registry.timer = setInterval(() => void registry.refresh(), pollMs);
      registry.timer.unref();
    }
    if (opts.listen) {
      registry.unlisten = await opts.listen(() => void registry.refresh()).catch((err: unknown) => {
        log.warn("release notifications unavailable; polling only", errorFields(err));
        return null;
      });
    }
    return registry;
  }

  latest(): BuiltRelease {
    return this.current;
  }

  get(version: number, db: ReleaseReader = this.prisma): Promise<BuiltRelease | null> {
    let got = this.cache.get(version);
    if (got) {
      // Most recently used last: the oldest unused versions leave the cache first.
      this.cache.delete(version);
    } else {
      got = loadRelease(db, version);
      // A miss is not remembered: the version may be published by another instance in a moment.
      void got.then((r) => r ?? this.cache.delete(version));
    }
    this.cache.set(version, got);
    for (const v of this.cache.keys()) {
      if (this.cache.size <= CACHE_LIMIT) break;
      if (v !== this.current.version) this.cache.delete(v);
    }
    return got;
  }

  /** Called with the new release whenever a newer version becomes the latest. */
  onChange(listener: (r: BuiltRelease) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Looks for a newer published version now; resolves when it is the latest. */
  refresh(): Promise<void> {
    this.refreshing ??= this.checkNewest().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private async checkNewest(): Promise<void> {
    try {
      const version = await newestVersion(this.prisma);
      if (version === null || version <= this.current.version) return;
      const next = await this.get(version);
      if (!next || next.version <= this.current.version) return;
      this.current = next;
      log.info("release picked up", { version });
      for (const l of this.listeners) l(next);
    } catch (err) {
      log.error("release refresh failed", errorFields(err));
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.refreshing;
    await this.unlisten?.().catch(() => undefined);
  }
}

/** Compiles a stored version; null when it is missing or no longer builds (logged). */
async function loadRelease(prisma: ReleaseReader, version: number): Promise<BuiltRelease | null> {
  const row = await prisma.release.findUnique({ where: { version } });
  if (!row) return null;
  try {
    return buildRelease(ReleaseContent.parse(row.content), version);
  } catch (err) {
    log.error("release does not build", { version, ...errorFields(err) });
    return null;
  }
}
