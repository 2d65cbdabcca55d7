// /staff/admin/history: every published version (who, when, note, which is live), the draft's
// state against the live version, verifying and publishing the draft, the diff of any two
// versions, rollback (an old version published again, after a confirmation) and starting the
// draft again from a version. Publishing and rollback are audited by publishRelease; starting
// the draft from a version by saveDraft and, as the administrator's action, here.
// The API tokens' page (/staff/admin/tokens) is registered with it.
import type { Request, Response, Router } from "express";
import { z } from "zod";
import { diffReleases, diffSummary } from "../../releases/diffReleases.ts";
import { diffVersions, publishDraft, startDraftFrom, type Stale } from "../../releases/publishDraft.ts";
import { rollbackRelease, type PublishResult } from "../../releases/publishRelease.ts";
import { ReleaseContent } from "../../releases/releaseContent.ts";
import { getDraft } from "../../releases/releaseDraft.ts";
import { verifyRelease, type ReleaseProblem } from "../../releases/verifyRelease.ts";
import { signedIn, type SignedInCtx } from "../staff/consoleContext.ts";
import { actorLabel, actorNames, formatTime, label } from "../staff/consoleFormat.ts";
import { csrfField, renderPage } from "../staff/consoleLayout.ts";
import { html, type SafeHtml } from "../staff/html.ts";
import type { AdminDeps } from "./adminPages.ts";
import { renderReleaseDiff, summaryLine } from "./releaseDiffView.ts";
import { registerTokens } from "./tokenPages.ts";
import { previewButton } from "./preview/previewPages.ts";

const BASE = "/staff/admin/history";
const NOTICES = ["published", "rolledBack", "draftReset"] as const;

const Version = z.coerce.number().int().min(1).max(2 ** 31 - 1);
const Revision = z.coerce.number().int().min(0).max(2 ** 31 - 1);
const Note = z.string().trim().min(1).max(2000);
const PublishForm = z.object({ revision: Revision, note: Note });
const RollbackForm = z.object({ version: Version, note: Note });
const ResetForm = z.object({ version: Version, revision: Revision });
const DiffQuery = z.object({ from: Version, to: Version });

const str = (v: unknown): string => (typeof v === "string" ? v : Array.isArray(v) && typeof v[0] === "string" ? v[0] : "");

type Notice = { kind: "ok" | "error"; text: string } | null;

/** Who published or saved: a staff user's name, a token's name, or the command line / the seed. */
async function namer(ctx: SignedInCtx, actors: (string | null)[]): Promise<(actor: string | null) => string> {
  const names = await actorNames(ctx, actors.filter((a): a is string => a !== null));
  return (a) => (a === null ? "—" : names.has(a) || a.includes(":") ? actorLabel(ctx, names, a) : label(ctx, `admin.history.actors.${a}`, a));
}

function problemList(ctx: SignedInCtx, problems: ReleaseProblem[]): SafeHtml {
  const t = ctx.t;
  if (problems.length === 0) return html`<p class="notice notice-ok" role="status" data-verify-ok>${t("admin.history.verify.ok")}</p>`;
  return html`<div class="card" role="alert" data-problems="${String(problems.length)}">
<p><strong>${t("admin.history.verify.problems", { count: problems.length })}</strong></p>
<ul class="problems">${problems.map((p) => html`<li data-problem-kind="${p.kind}" data-place="${p.place}"><code>${p.place}</code>: ${p.message}</li>`)}</ul></div>`;
}

const staleText = (ctx: SignedInCtx, name: (a: string | null) => string, s: Stale) =>
  ctx.t("admin.history.stale", { revision: s.revision, who: name(s.updatedBy), when: s.updatedAt ? formatTime(s.updatedAt) : "—" });

export function registerHistory(router: Router, deps: AdminDeps): void {
  const { prisma } = deps;
  const send = (res: Response, status: number, body: string) => res.status(status).type("html").send(body);

  async function historyPage(ctx: SignedInCtx, o: { notice?: Notice; problems?: ReleaseProblem[] | null; note?: string; status?: number } = {}): Promise<string> {
    const t = ctx.t;
    const [rows, draft] = await Promise.all([
      prisma.release.findMany({ orderBy: { version: "desc" }, select: { version: true, note: true, publishedBy: true, publishedAt: true } }),
      getDraft(prisma),
    ]);
    const live = deps.releases.latest().version;
    const liveRow = await prisma.release.findUnique({ where: { version: live } });
    const name = await namer(ctx, [...rows.map((r) => r.publishedBy), draft.updatedBy]);
    const diff = liveRow ? diffReleases(ReleaseContent.parse(liveRow.content), draft.content) : null;
    const main = html`<h1>${t("admin.history.title")}</h1>
<p><a href="/staff/admin">${t("admin.title")}</a> · <a href="/staff/admin/tokens">${t("admin.tokens.title")}</a></p>
<section class="card" id="draft" data-draft-revision="${String(draft.revision)}" data-draft-base="${String(draft.baseVersion)}">
<h2>${t("admin.history.draft.title")}</h2>
<dl class="facts">
<dt>${t("admin.history.draft.revision")}</dt><dd>${draft.revision}</dd>
<dt>${t("admin.history.draft.base")}</dt><dd>${t("admin.history.versionLabel", { version: draft.baseVersion })}</dd>
<dt>${t("admin.history.draft.savedBy")}</dt><dd data-draft-saved-by>${draft.updatedBy ? name(draft.updatedBy) : t("admin.history.draft.neverSaved")}</dd>
<dt>${t("admin.history.draft.savedAt")}</dt><dd>${draft.updatedAt ? html`<time datetime="${draft.updatedAt.toISOString()}">${formatTime(draft.updatedAt)}</time>` : "—"}</dd>
<dt>${t("admin.history.draft.changes", { version: live })}</dt><dd data-draft-changes>${diff ? summaryLine(ctx, diffSummary(diff)) : "—"}</dd>
</dl>
${diff && liveRow ? html`<details class="draft-diff"><summary>${t("admin.history.draft.showChanges")}</summary>${renderReleaseDiff(ctx, diff, ReleaseContent.parse(liveRow.content), draft.content)}</details>` : null}
<form method="get" action="${BASE}" class="inline-action" data-action="verify"><input type="hidden" name="verify" value="1"><button type="submit" class="secondary">${t("admin.history.verify.button")}</button></form>
${previewButton(ctx)}
${o.problems ? problemList(ctx, o.problems) : null}
<form method="post" action="${BASE}/publish" data-action="publish">
${csrfField(ctx)}<input type="hidden" name="revision" value="${String(draft.revision)}">
<h3>${t("admin.history.publish.title")}</h3>
<p class="muted">${t("admin.history.publish.hint")}</p>
<p><label for="publish-note">${t("admin.history.note")}</label><br><textarea id="publish-note" name="note" required maxlength="2000" rows="3">${o.note ?? ""}</textarea></p>
<button type="submit">${t("admin.history.publish.button")}</button>
</form>
</section>
<section class="card" id="versions">
<h2>${t("admin.history.versions.title")}</h2>
<div class="table-wrap"><table class="versions">
<thead><tr><th scope="col">${t("admin.history.versions.version")}</th><th scope="col">${t("admin.history.versions.by")}</th><th scope="col">${t("admin.history.versions.at")}</th><th scope="col">${t("admin.history.note")}</th><th scope="col">${t("admin.history.versions.actions")}</th></tr></thead>
<tbody>${rows.map(
      (r) => html`<tr data-version="${String(r.version)}"${r.version === live ? html` data-live` : null}>
<td>${r.version}${r.version === live ? html` <span class="badge status-new">${t("admin.history.versions.live")}</span>` : null}</td>
<td>${name(r.publishedBy)}</td><td><time datetime="${r.publishedAt.toISOString()}">${formatTime(r.publishedAt)}</time></td><td>${r.note}</td>
<td>${r.version !== live ? html`<a href="${BASE}/diff?from=${String(r.version)}&amp;to=${String(live)}">${t("admin.history.versions.compareLive")}</a> · <a href="${BASE}/rollback?version=${String(r.version)}" data-rollback="${String(r.version)}">${t("admin.history.versions.rollback")}</a>` : null}
<form method="post" action="${BASE}/draft-from" class="inline" data-action="draft-from">${csrfField(ctx)}<input type="hidden" name="version" value="${String(r.version)}"><input type="hidden" name="revision" value="${String(draft.revision)}"><button type="submit" class="link">${t("admin.history.versions.startDraft")}</button></form></td>
</tr>`,
    )}</tbody></table></div>
</section>
<section class="card" id="compare">
<h2>${t("admin.history.diff.title")}</h2>
<form method="get" action="${BASE}/diff" class="filters" data-action="diff">
<label>${t("admin.history.diff.from")}<select name="from">${rows.map((r) => html`<option value="${String(r.version)}"${r.version === (rows[1]?.version ?? live) ? html` selected` : null}>${r.version}</option>`)}</select></label>
<label>${t("admin.history.diff.to")}<select name="to">${rows.map((r) => html`<option value="${String(r.version)}"${r.version === live ? html` selected` : null}>${r.version}</option>`)}</select></label>
<button type="submit">${t("admin.history.diff.button")}</button>
</form>
</section>`;
    return renderPage(ctx, { title: t("admin.history.title"), main, notice: o.notice ?? null });
  }

  const noticeOf = (req: Request, ctx: SignedInCtx): Notice => {
    const ok = str(req.query.ok);
    return (NOTICES as readonly string[]).includes(ok) ? { kind: "ok", text: ctx.t(`admin.history.notice.${ok}`, { version: str(req.query.version) }) } : null;
  };

  router.get(BASE, async (req, res) => {
    const ctx = signedIn(res);
    const problems = str(req.query.verify) === "1" ? verifyRelease((await getDraft(prisma)).content) : null;
    send(res, 200, await historyPage(ctx, { notice: noticeOf(req, ctx), problems }));
  });

  /** A publish or rollback refused: the page again with the reason (and the problems). */
  const refused = async (res: Response, ctx: SignedInCtx, r: Exclude<PublishResult, { ok: true }> | Stale, note: string) => {
    const t = ctx.t;
    if (r.reason === "stale") {
      const name = await namer(ctx, [r.updatedBy]);
      return send(res, 409, await historyPage(ctx, { notice: { kind: "error", text: staleText(ctx, name, r) }, note }));
    }
    if (r.reason === "not_found") return send(res, 404, await historyPage(ctx, { notice: { kind: "error", text: t("admin.history.notFound") }, note }));
    send(res, 422, await historyPage(ctx, { notice: { kind: "error", text: t("admin.history.publish.refused", { count: r.problems.length }) }, problems: r.problems, note }));
  };

  router.post(`${BASE}/publish`, async (req, res) => {
    const ctx = signedIn(res);
    const body = req.body as Record<string, unknown>;
    const form = PublishForm.safeParse({ revision: str(body.revision), note: str(body.note) });
    if (!form.success) return send(res, 400, await historyPage(ctx, { notice: { kind: "error", text: ctx.t("admin.history.noteRequired") }, note: str(body.note) }));
    const r = await publishDraft(prisma, { note: form.data.note, by: ctx.principal.actor, revision: form.data.revision });
    if (!r.ok) return refused(res, ctx, r, form.data.note);
    await deps.releases.refresh(); // this instance serves it at once; the others within seconds
    res.redirect(303, `${BASE}?ok=published&version=${r.version}`);
  });

  router.get(`${BASE}/diff`, async (req, res) => {
    const ctx = signedIn(res);
    const t = ctx.t;
    const q = DiffQuery.safeParse({ from: str(req.query.from), to: str(req.query.to) });
    const d = q.success ? await diffVersions(prisma, q.data.from, q.data.to) : null;
    if (!q.success || !d || !d.ok) return send(res, q.success ? 404 : 400, await historyPage(ctx, { notice: { kind: "error", text: t(q.success ? "admin.history.notFound" : "admin.history.diff.invalid") } }));
    const title = t("admin.history.diff.heading", { from: q.data.from, to: q.data.to });
    const main = html`<h1>${title}</h1>
<p><a href="${BASE}">${t("admin.history.back")}</a></p>
<div data-diff-from="${String(q.data.from)}" data-diff-to="${String(q.data.to)}">${renderReleaseDiff(ctx, d.diff, d.from, d.to)}</div>`;
    send(res, 200, renderPage(ctx, { title, main }));
  });

  /** The confirmation step of a rollback: what it changes against the live version, and a note. */
  router.get(`${BASE}/rollback`, async (req, res) => {
    const ctx = signedIn(res);
    const t = ctx.t;
    const v = Version.safeParse(str(req.query.version));
    const live = deps.releases.latest().version;
    const d = v.success ? await diffVersions(prisma, live, v.data) : null;
    if (!v.success || !d?.ok) return send(res, 404, await historyPage(ctx, { notice: { kind: "error", text: t("admin.history.notFound") } }));
    const title = t("admin.history.rollback.title", { version: v.data });
    const main = html`<h1>${title}</h1>
<p>${t("admin.history.rollback.explain", { version: v.data, live })}</p>
<form method="post" action="${BASE}/rollback" class="card" data-action="rollback">
${csrfField(ctx)}<input type="hidden" name="version" value="${String(v.data)}">
<p><label for="rollback-note">${t("admin.history.note")}</label><br><textarea id="rollback-note" name="note" required maxlength="2000" rows="3"></textarea></p>
<button type="submit" class="danger">${t("admin.history.rollback.confirm", { version: v.data })}</button> <a href="${BASE}">${t("admin.history.cancel")}</a>
</form>
<h2>${t("admin.history.rollback.changes", { live, version: v.data })}</h2>
${renderReleaseDiff(ctx, d.diff, d.from, d.to)}`;
    send(res, 200, renderPage(ctx, { title, main }));
  });

  router.post(`${BASE}/rollback`, async (req, res) => {
    const ctx = signedIn(res);
    const body = req.body as Record<string, unknown>;
    const form = RollbackForm.safeParse({ version: str(body.version), note: str(body.note) });
    if (!form.success) return send(res, 400, await historyPage(ctx, { notice: { kind: "error", text: ctx.t("admin.history.noteRequired") } }));
    const r = await rollbackRelease(prisma, form.data.version, { by: ctx.principal.actor, note: form.data.note });
    if (!r.ok) return refused(res, ctx, r, "");
    await deps.releases.refresh();
    res.redirect(303, `${BASE}?ok=rolledBack&version=${r.version}`);
  });

  router.post(`${BASE}/draft-from`, async (req, res) => {
    const ctx = signedIn(res);
    const body = req.body as Record<string, unknown>;
    const form = ResetForm.safeParse({ version: str(body.version), revision: str(body.revision) });
    if (!form.success) return send(res, 400, await historyPage(ctx, { notice: { kind: "error", text: ctx.t("admin.history.notFound") } }));
    const r = await startDraftFrom(prisma, form.data.version, { revision: form.data.revision, by: ctx.principal.actor });
    if (!r.ok) return refused(res, ctx, r.reason === "stale" ? r : { ok: false, reason: "not_found", message: "" }, "");
    await prisma.auditLog.create({
      data: {
        actor: ctx.principal.actor,
        action: "admin.history.draftReset",
        targetType: "releaseDraft",
        targetId: "main",
        detail: { fromVersion: form.data.version, revision: { before: form.data.revision, after: r.draft.revision }, changed: r.changed },
      },
    });
    res.redirect(303, `${BASE}?ok=draftReset&version=${form.data.version}`);
  });

  registerTokens(router, deps);
}
