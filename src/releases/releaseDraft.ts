// The administrators' one working draft. Every save names the revision the editor started from;
// a save from an older revision is refused with who saved since and when — nothing is
// overwritten. Without a stored draft, the draft is the newest release (revision 0).
import type { PrismaClient } from "../generated/prisma/client.ts";
import { diffReleases, diffSummary } from "./diffReleases.ts";
import { stampChangedSources } from "../translations/translationSources.ts";
import { ReleaseContent } from "./releaseContent.ts";

export const DRAFT_ID = "main";

export interface Draft {
  content: ReleaseContent;
  revision: number;
  baseVersion: number;
  updatedBy: string | null;
  updatedAt: Date | null;
}

export type SaveResult =
  | { ok: true; draft: Draft }
  | { ok: false; reason: "stale"; revision: number; updatedBy: string | null; updatedAt: Date | null };

export async function getDraft(prisma: PrismaClient): Promise<Draft> {
  const row = await prisma.releaseDraft.findUnique({ where: { id: DRAFT_ID } });
  if (row) return { content: ReleaseContent.parse(row.content), revision: row.revision, baseVersion: row.baseVersion, updatedBy: row.updatedBy, updatedAt: row.updatedAt };
  const newest = await prisma.release.findFirst({ orderBy: { version: "desc" } });
  if (!newest) throw new Error("the database holds no release");
  return { content: ReleaseContent.parse(newest.content), revision: 0, baseVersion: newest.version, updatedBy: null, updatedAt: null };
}

export async function saveDraft(prisma: PrismaClient, raw: unknown, opts: { revision: number; by: string; now?: Date }): Promise<SaveResult> {
  const given = ReleaseContent.parse(raw);
  const now = opts.now ?? new Date();
  return prisma.$transaction(async (tx) => {
    // Serialises saves: the row (or, before the first save, the newest release) is locked.
    const rows = await tx.$queryRaw<{ revision: number; updatedBy: string; updatedAt: Date; content: unknown }[]>`
      SELECT revision, "updatedBy", "updatedAt", content FROM "ReleaseDraft" WHERE id = ${DRAFT_ID} FOR UPDATE`;
    const current = rows[0];
    const newest = await tx.release.findFirst({ orderBy: { version: "desc" } });
    const currentRevision = current?.revision ?? 0;
    if (currentRevision !== opts.revision) {
      return { ok: false as const, reason: "stale" as const, revision: currentRevision, updatedBy: current?.updatedBy ?? null, updatedAt: current?.updatedAt ?? null };
    }
    const before = current ? ReleaseContent.parse(current.content) : newest ? ReleaseContent.parse(newest.content) : given;
    // Translations of a Japanese text changed here are marked as made from the old one.
    const content = stampChangedSources(before, given);
    const revision = currentRevision + 1;
    const baseVersion = newest?.version ?? 0;
    let saved;
    if (current) {
      saved = await tx.releaseDraft.update({ where: { id: DRAFT_ID }, data: { content: content as object, revision, updatedBy: opts.by, updatedAt: now } });
    } else {
      // Two first saves at once: the second insert fails on the key and is reported stale below.
      const inserted = await tx.releaseDraft.createMany({ data: [{ id: DRAFT_ID, content: content as object, revision, baseVersion, updatedBy: opts.by, updatedAt: now }], skipDuplicates: true });
      if (inserted.count === 0) {
        const winner = await tx.releaseDraft.findUnique({ where: { id: DRAFT_ID } });
        return { ok: false as const, reason: "stale" as const, revision: winner?.revision ?? 1, updatedBy: winner?.updatedBy ?? null, updatedAt: winner?.updatedAt ?? null };
      }
      saved = (await tx.releaseDraft.findUnique({ where: { id: DRAFT_ID } }))!;
    }
    await tx.auditLog.create({
      data: { actor: opts.by, action: "release.draft.save", targetType: "releaseDraft", targetId: DRAFT_ID, detail: { revision, changed: diffSummary(diffReleases(before, content)) } },
    });
    return { ok: true as const, draft: { content, revision: saved.revision, baseVersion: saved.baseVersion, updatedBy: saved.updatedBy, updatedAt: saved.updatedAt } };
  });
}
