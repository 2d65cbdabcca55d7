// Publishing the administrators' draft as the next version, from the revision the publisher
// reviewed: a draft saved since is refused with who saved it and when (the admin API and the
// history page both publish through here). Rollback and "start the draft from version N" live
// beside it, so the pages and the API share one rule for each.
import type { PrismaClient } from "../generated/prisma/client.ts";
import { diffReleases, diffSummary, type ReleaseDiff } from "./diffReleases.ts";
import { publishRelease, type PublishResult } from "./publishRelease.ts";
import { ReleaseContent } from "./releaseContent.ts";
import { getDraft, saveDraft, type Draft } from "./releaseDraft.ts";

export interface Stale {
  ok: false;
  reason: "stale";
  revision: number;
  updatedBy: string | null;
  updatedAt: Date | null;
}

const staleOf = (d: Pick<Draft, "revision" | "updatedBy" | "updatedAt">): Stale => ({ ok: false, reason: "stale", revision: d.revision, updatedBy: d.updatedBy, updatedAt: d.updatedAt });

/** Publishes the draft; `revision` (when given) must be the draft's current revision. */
export async function publishDraft(prisma: PrismaClient, opts: { note: string; by: string; revision?: number }): Promise<PublishResult | Stale> {
  const draft = await getDraft(prisma);
  if (opts.revision !== undefined && opts.revision !== draft.revision) return staleOf(draft);
  return publishRelease(prisma, draft.content, { by: opts.by, note: opts.note, draftRevision: draft.revision });
}

export type ResetResult = { ok: true; draft: Draft; changed: Record<string, number> } | Stale | { ok: false; reason: "not_found" };

/**
 * Starts the draft again from a published version (the live one or an older one): the draft's
 * content becomes that version's, as a save from `revision` (refused when the draft moved on).
 */
export async function startDraftFrom(prisma: PrismaClient, version: number, opts: { revision: number; by: string }): Promise<ResetResult> {
  const row = await prisma.release.findUnique({ where: { version } });
  if (!row) return { ok: false, reason: "not_found" };
  const before = await getDraft(prisma);
  const content = ReleaseContent.parse(row.content);
  const saved = await saveDraft(prisma, content, { revision: opts.revision, by: opts.by });
  if (!saved.ok) return staleOf(saved);
  return { ok: true, draft: saved.draft, changed: diffSummary(diffReleases(before.content, content)) };
}

export type VersionDiff = { ok: true; from: ReleaseContent; to: ReleaseContent; diff: ReleaseDiff } | { ok: false; missing: number[] };

/** The contents of two published versions and what changed from the first to the second. */
export async function diffVersions(prisma: PrismaClient, from: number, to: number): Promise<VersionDiff> {
  const rows = await prisma.release.findMany({ where: { version: { in: [from, to] } } });
  const of = (v: number) => rows.find((r) => r.version === v);
  const missing = [...new Set([from, to])].filter((v) => !of(v));
  if (missing.length > 0) return { ok: false, missing };
  const a = ReleaseContent.parse(of(from)!.content);
  const b = ReleaseContent.parse(of(to)!.content);
  return { ok: true, from: a, to: b, diff: diffReleases(a, b) };
}
