// Publishing: verify, then store the content as the next version (max + 1; the version is the
// primary key, so two publishes at once get distinct versions: the loser takes the next number),
// write the audit log, and notify the other instances. Rollback publishes an old version's
// content again as a new version: history only grows.
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { diffReleases, diffSummary } from "./diffReleases.ts";
import { ReleaseContent } from "./releaseContent.ts";
import { RELEASE_CHANNEL } from "./releaseRegistry.ts";
import { verifyRelease, type ReleaseProblem } from "./verifyRelease.ts";
import { DRAFT_ID } from "./releaseDraft.ts";

export type PublishResult =
  | { ok: true; version: number; summary: Record<string, number> }
  | { ok: false; reason: "invalid"; problems: ReleaseProblem[] }
  | { ok: false; reason: "not_found"; message: string };

export interface PublishOptions {
  /** Who publishes, as the audit log names actors ("token:<id>", "user:<id>", "cli"). */
  by: string;
  note: string;
  /** The version whose content this publishes again (a rollback). */
  rollbackOf?: number;
  /** The draft revision being published: the draft is removed when it is still that revision. */
  draftRevision?: number;
}

const ATTEMPTS = 10;

export async function publishRelease(prisma: PrismaClient, raw: unknown, opts: PublishOptions): Promise<PublishResult> {
  const content = ReleaseContent.parse(raw);
  const problems = verifyRelease(content);
  if (problems.length > 0) return { ok: false, reason: "invalid", problems };
  for (let attempt = 1; ; attempt++) {
    try {
      return await prisma.$transaction(async (tx) => {
        const newest = await tx.release.findFirst({ orderBy: { version: "desc" } });
        const version = (newest?.version ?? 0) + 1;
        const summary = newest ? diffSummary(diffReleases(ReleaseContent.parse(newest.content), content)) : {};
        await tx.release.create({ data: { version, content: content as object, note: opts.note, publishedBy: opts.by } });
        await tx.auditLog.create({
          data: {
            actor: opts.by,
            // A rollback is told apart in the audit log; its detail names the version it restores.
            action: opts.rollbackOf ? "release.rollback" : "release.publish",
            targetType: "release",
            targetId: String(version),
            detail: { version, previous: newest?.version ?? null, ...(opts.rollbackOf ? { rollbackOf: opts.rollbackOf } : {}), changed: summary },
          },
        });
        if (opts.draftRevision !== undefined) await tx.releaseDraft.deleteMany({ where: { id: DRAFT_ID, revision: opts.draftRevision } });
        // Delivered at commit to every instance that listens (PostgreSQL); the poll covers the rest.
        await tx.$executeRaw`SELECT pg_notify(${RELEASE_CHANNEL}, ${String(version)})`;
        return { ok: true as const, version, summary };
      });
    } catch (err) {
      // Another publish took this number first: try again with the next one.
      if (attempt < ATTEMPTS && isUniqueViolation(err)) continue;
      throw err;
    }
  }
}

export async function rollbackRelease(prisma: PrismaClient, version: number, opts: Omit<PublishOptions, "rollbackOf" | "draftRevision">): Promise<PublishResult> {
  const old = await prisma.release.findUnique({ where: { version } });
  if (!old) return { ok: false, reason: "not_found", message: `there is no version ${version}` };
  return publishRelease(prisma, old.content, { ...opts, rollbackOf: version });
}

function isUniqueViolation(err: unknown): boolean {
  if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") return true;
  const e = err as { code?: unknown; cause?: { code?: unknown }; message?: unknown };
  return e?.code === "23505" || e?.cause?.code === "23505" || (typeof e?.message === "string" && /unique constraint|duplicate key/i.test(e.message));
}
