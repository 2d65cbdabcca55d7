// Admin API v1 (/api/v1/admin/…, bearer token with role admin; any other role 403): the working
// draft (read, save with the revision it started from), verify, publish, the list of releases,
// one release, the diff of two, rollback. Bad input → 400 with the issues; a stale draft or a
// publish from a stale revision → 409 naming who changed it and when; a release that fails
// verification → 422 with one problem per place; nothing changes on any refusal. Each refusal
// carries a `code` (invalid_input, forbidden, not_found, draft_stale, release_invalid, too_large)
// for the admin pages to word in the reader's language; `message` is for API users.
import express, { type Request, type Response, type Router } from "express";
import { z } from "zod";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { diffVersions, publishDraft } from "../releases/publishDraft.ts";
import { ReleaseContent } from "../releases/releaseContent.ts";
import { getDraft, saveDraft } from "../releases/releaseDraft.ts";
import { rollbackRelease, type PublishResult } from "../releases/publishRelease.ts";
import { verifyRelease } from "../releases/verifyRelease.ts";
import { requireToken } from "./apiAuth.ts";
import { limitByAddress, type Limiter } from "./rateLimits.ts";

const Note = z.string().trim().min(1, { error: "write a note: what changed and why" }).max(2000);
const Version = z.coerce.number().int().min(1);
export const DraftBody = z.strictObject({ revision: z.number().int().min(0), content: ReleaseContent });
export const VerifyBody = z.strictObject({ content: ReleaseContent.optional() });
export const PublishBody = z.strictObject({ note: Note, revision: z.number().int().min(0).optional() });
export const RollbackBody = z.strictObject({ version: z.number().int().min(1), note: Note });
export const DiffQuery = z.strictObject({ from: Version, to: Version });

/** Release content is large (fourteen languages of texts): a body limit of its own. */
const BODY_LIMIT = "8mb";

function parse<T extends z.ZodType>(schema: T, value: unknown, res: Response): z.infer<T> | null {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  res.status(400).json({ code: "invalid_input", message: "invalid input", issues: r.error.issues.slice(0, 20).map((i) => ({ path: i.path.join("."), message: i.message })) });
  return null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function adminApiRouter(deps: { prisma: PrismaClient; releases: { refresh(): Promise<void>; latest(): { version: number } }; limiter: Limiter }): Router {
  const { prisma } = deps;
  const router = express.Router();
  // The same address limit and no-store as the rest of /api/v1 (staffApi.ts), before its own body limit.
  router.use("/api/v1/admin", limitByAddress(deps.limiter), (_req, res, next) => {
    res.set("Cache-Control", "no-store");
    next();
  });
  router.use("/api/v1/admin", requireToken(prisma), (req, res, next) => {
    if (req.principal?.role !== "admin") return void res.status(403).json({ code: "forbidden", message: "administrators only" });
    next();
  });
  router.use("/api/v1/admin", express.json({ limit: BODY_LIMIT }));
  const actor = (req: Request) => req.principal!.actor;

  const draftView = (d: Awaited<ReturnType<typeof getDraft>>) => ({ revision: d.revision, baseVersion: d.baseVersion, updatedBy: d.updatedBy, updatedAt: iso(d.updatedAt), content: d.content });

  router.get("/api/v1/admin/draft", async (_req, res) => {
    res.json(draftView(await getDraft(prisma)));
  });

  router.put("/api/v1/admin/draft", async (req, res) => {
    const body = parse(DraftBody, req.body ?? {}, res);
    if (!body) return;
    const saved = await saveDraft(prisma, body.content, { revision: body.revision, by: actor(req) });
    if (!saved.ok) {
      return void res.status(409).json({
        code: "draft_stale",
        message: `the draft was changed meanwhile (revision ${saved.revision}${saved.updatedBy ? `, by ${saved.updatedBy}` : ""}${saved.updatedAt ? ` at ${saved.updatedAt.toISOString()}` : ""}); reload it and apply your change again`,
        revision: saved.revision,
        updatedBy: saved.updatedBy,
        updatedAt: iso(saved.updatedAt),
      });
    }
    res.json(draftView(saved.draft));
  });

  router.post("/api/v1/admin/verify", async (req, res) => {
    const body = parse(VerifyBody, req.body ?? {}, res);
    if (!body) return;
    const content = body.content ?? (await getDraft(prisma)).content;
    res.json({ problems: verifyRelease(content) });
  });

  const answer = async (res: Response, r: PublishResult) => {
    if (r.ok) {
      await deps.releases.refresh(); // this instance serves it at once; others within seconds
      return void res.status(201).json({ version: r.version, changed: r.summary });
    }
    if (r.reason === "not_found") return void res.status(404).json({ code: "not_found", message: r.message });
    res.status(422).json({ code: "release_invalid", message: `not published: ${r.problems.length} problem(s)`, problems: r.problems });
  };

  router.post("/api/v1/admin/publish", async (req, res) => {
    const body = parse(PublishBody, req.body ?? {}, res);
    if (!body) return;
    const r = await publishDraft(prisma, { note: body.note, by: actor(req), revision: body.revision });
    if (!r.ok && r.reason === "stale") {
      return void res.status(409).json({
        code: "draft_stale",
        message: `the draft is at revision ${r.revision}${r.updatedBy ? `, saved by ${r.updatedBy}` : ""}${r.updatedAt ? ` at ${r.updatedAt.toISOString()}` : ""}, not ${body.revision}; review it before publishing`,
        revision: r.revision,
        updatedBy: r.updatedBy,
        updatedAt: iso(r.updatedAt),
      });
    }
    await answer(res, r);
  });

  router.post("/api/v1/admin/rollback", async (req, res) => {
    const body = parse(RollbackBody, req.body ?? {}, res);
    if (!body) return;
    await answer(res, await rollbackRelease(prisma, body.version, { by: actor(req), note: body.note }));
  });

  router.get("/api/v1/admin/releases", async (_req, res) => {
    const rows = await prisma.release.findMany({ orderBy: { version: "desc" }, select: { version: true, note: true, publishedBy: true, publishedAt: true } });
    const serving = deps.releases.latest().version;
    res.json(rows.map((r) => ({ ...r, publishedAt: r.publishedAt.toISOString(), serving: r.version === serving })));
  });

  router.get("/api/v1/admin/releases/:version", async (req, res) => {
    const version = Version.safeParse(req.params.version);
    const row = version.success ? await prisma.release.findUnique({ where: { version: version.data } }) : null;
    if (!row) return void res.status(404).json({ code: "not_found", message: `there is no version ${req.params.version}` });
    res.json({ version: row.version, note: row.note, publishedBy: row.publishedBy, publishedAt: row.publishedAt.toISOString(), content: row.content });
  });

  router.get("/api/v1/admin/diff", async (req, res) => {
    const q = parse(DiffQuery, req.query, res);
    if (!q) return;
    const d = await diffVersions(prisma, q.from, q.to);
    if (!d.ok) return void res.status(404).json({ code: "not_found", message: `there is no version ${d.missing.join(", ")}` });
    res.json({ from: q.from, to: q.to, ...d.diff });
  });

  // A body that is not JSON or too large is the client's error, not the server's.
  router.use("/api/v1/admin", (err: Error & { type?: string }, _req: Request, res: Response, next: express.NextFunction) => {
    if (err.type === "entity.parse.failed") return void res.status(400).json({ code: "invalid_input", message: "the body is not valid JSON" });
    if (err.type === "entity.too.large") return void res.status(413).json({ code: "too_large", message: `the body is larger than ${BODY_LIMIT}` });
    next(err);
  });
  return router;
}
