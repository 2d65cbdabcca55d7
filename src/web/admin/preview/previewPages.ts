// /staff/admin/preview: the administrators try the draft as a resident would, before publishing.
// A preview runs the draft (built as a release, as publishing would) in a conversation kept in
// this server's memory (previewSessions.ts): it writes no referral, sends no notification and
// leaves nothing any staff page shows; a crisis shows the contacts and raises nothing (the page
// says what a real conversation would have raised). Server-rendered forms, no script: each tap
// or typed line is a POST (with the session's CSRF token, like every console form) and a redirect
// back to the conversation. A draft that does not build shows publishing's problems instead.
import type { Request, Response, Router } from "express";
import type { messagingApi } from "@line/bot-sdk";
import { z } from "zod";
import type { LocaleCode } from "../../../intake/codes.ts";
import { buildRelease, type BuiltRelease } from "../../../releases/buildRelease.ts";
import { getDraft } from "../../../releases/releaseDraft.ts";
import { verifyRelease, type ReleaseProblem } from "../../../releases/verifyRelease.ts";
import { signedIn, type SignedInCtx } from "../../staff/consoleContext.ts";
import { csrfField, renderPage } from "../../staff/consoleLayout.ts";
import { html, type SafeHtml } from "../../staff/html.ts";
import type { AdminDeps } from "../adminPages.ts";
import { PREVIEW_CSS } from "./previewAssets.ts";
import { startPreview, stepPreview, type PreviewInput } from "./previewConversation.ts";
import { isPreviewId, lastBotIndex, PreviewSessions, type PreviewEntry, type PreviewSession } from "./previewSessions.ts";

export const PREVIEW_BASE = "/staff/admin/preview";
const CSS_PATH = "/staff/admin/assets/preview.css";

const SayForm = z.union([
  z.object({ data: z.string().min(1).max(300) }),
  z.object({ text: z.string().trim().min(1).max(10_000) }),
]);

type Message = messagingApi.Message;
type Action = { type: string; label?: string; data?: string; displayText?: string };
type Notice = { kind: "ok" | "error"; text: string } | null;

/** The "preview this draft" button the flow and translations pages show. */
export function previewButton(ctx: SignedInCtx): SafeHtml {
  return html`<form method="post" action="${PREVIEW_BASE}" class="inline" data-action="preview">${csrfField(ctx)}<button type="submit" class="secondary">${ctx.t("admin.preview.start")}</button></form>`;
}

/** The draft built as a release, or publishing's problems when it does not build. */
function buildDraft(content: Parameters<typeof buildRelease>[0]): { ok: true; release: BuiltRelease } | { ok: false; problems: ReleaseProblem[] } {
  try {
    return { ok: true, release: buildRelease(content, 0) };
  } catch {
    return { ok: false, problems: verifyRelease(content) };
  }
}

const languageOf = (s: PreviewSession): string => s.transcript[lastBotIndex(s.transcript)]?.language ?? "ja";

export function registerPreview(router: Router, deps: AdminDeps, sessions = new PreviewSessions()): void {
  const send = (res: Response, status: number, ctx: SignedInCtx, title: string, main: SafeHtml, notice: Notice = null) =>
    void res.status(status).type("html").send(renderPage(ctx, { title, main: html`<link rel="stylesheet" href="${CSS_PATH}">${main}`, notice }));

  router.get(CSS_PATH, (_req, res) => {
    res.set("Cache-Control", "public, max-age=300").type("text/css").send(PREVIEW_CSS);
  });

  const problemsPage = (ctx: SignedInCtx, problems: ReleaseProblem[]) =>
    html`<h1>${ctx.t("admin.preview.title")}</h1>
<div class="card" role="alert" data-problems="${String(problems.length)}"><p><strong>${ctx.t("admin.preview.broken", { count: problems.length })}</strong></p>
<ul class="problems">${problems.map((p) => html`<li data-problem-kind="${p.kind}" data-place="${p.place}"><code>${p.place}</code>: ${p.message}</li>`)}</ul></div>
<p><a href="/staff/admin/flow">${ctx.t("admin.preview.toFlow")}</a> · <a href="/staff/admin/translations">${ctx.t("admin.preview.toTranslations")}</a></p>`;

  router.get(PREVIEW_BASE, async (_req, res) => {
    const ctx = signedIn(res);
    const draft = await getDraft(deps.prisma);
    const built = buildDraft(draft.content);
    if (!built.ok) return send(res, 422, ctx, ctx.t("admin.preview.title"), problemsPage(ctx, built.problems));
    send(res, 200, ctx, ctx.t("admin.preview.title"), html`<h1>${ctx.t("admin.preview.title")}</h1>
<p>${ctx.t("admin.preview.intro", { revision: draft.revision, version: draft.baseVersion })}</p>
<p class="preview-banner" role="note">${ctx.t("admin.preview.nothingSent")}</p>
${previewButton(ctx)}`);
  });

  router.post(PREVIEW_BASE, async (_req, res) => {
    const ctx = signedIn(res);
    const draft = await getDraft(deps.prisma);
    const built = buildDraft(draft.content);
    if (!built.ok) return send(res, 422, ctx, ctx.t("admin.preview.title"), problemsPage(ctx, built.problems));
    const first = startPreview(built.release, ctx.lang as LocaleCode);
    const session = sessions.open({ owner: ctx.user.id, revision: draft.revision, release: built.release, first });
    res.redirect(303, `${PREVIEW_BASE}/${session.id}`);
  });

  const sessionOf = (req: Request, res: Response): PreviewSession | null => {
    const id = String(req.params.id ?? "");
    return isPreviewId(id) ? sessions.get(id, signedIn(res).user.id) : null;
  };
  const gone = (res: Response, ctx: SignedInCtx) =>
    send(res, 404, ctx, ctx.t("admin.preview.title"), html`<h1>${ctx.t("admin.preview.title")}</h1><p data-preview-gone>${ctx.t("admin.preview.gone")}</p>${previewButton(ctx)}`);

  router.get(`${PREVIEW_BASE}/:id`, async (req, res) => {
    const ctx = signedIn(res);
    const session = sessionOf(req, res);
    if (!session) return gone(res, ctx);
    const draft = await getDraft(deps.prisma);
    send(res, 200, ctx, ctx.t("admin.preview.title"), conversationView(ctx, session, draft.revision));
  });

  router.post(`${PREVIEW_BASE}/:id`, (req, res) => {
    const ctx = signedIn(res);
    const session = sessionOf(req, res);
    if (!session) return gone(res, ctx);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const form = SayForm.safeParse(typeof body.data === "string" ? { data: body.data } : { text: body.text });
    if (!form.success) return void res.redirect(303, `${PREVIEW_BASE}/${session.id}`);
    const input: PreviewInput = "data" in form.data ? { kind: "postback", data: form.data.data } : { kind: "text", text: form.data.text };
    const said = input.kind === "text" ? input.text : (echoOf(session, input.data) ?? "");
    const turn = stepPreview(session.release, session.state, input, { referenceNo: ctx.t("admin.preview.referenceNo"), now: new Date() });
    sessions.record(session, said, turn);
    res.redirect(303, `${PREVIEW_BASE}/${session.id}?turn=${session.transcript.length}#latest`);
  });

  function conversationView(ctx: SignedInCtx, s: PreviewSession, draftRevision: number): SafeHtml {
    const t = ctx.t;
    const lang = languageOf(s);
    const lastBot = lastBotIndex(s.transcript);
    const entries = s.transcript.map((e, i) => entryView(ctx, s, e, i === lastBot));
    return html`<h1>${t("admin.preview.title")}</h1>
<p class="preview-banner" role="note" data-preview-revision="${String(s.revision)}">${t("admin.preview.banner", { revision: s.revision })}</p>
${draftRevision !== s.revision ? html`<p class="notice notice-error" data-preview-outdated>${t("admin.preview.outdated", { revision: draftRevision })} </p>${previewButton(ctx)}` : null}
<section class="preview-phone" aria-labelledby="preview-chat"><h2 id="preview-chat" class="visually-hidden">${t("admin.preview.chat")}</h2>
<ol class="preview-log">${entries}</ol>
${s.state.completed
  ? html`<p class="preview-end" data-preview-completed>${t("admin.preview.completed")}</p>${previewButton(ctx)}`
  : html`<form method="post" action="${PREVIEW_BASE}/${s.id}" class="preview-say">${csrfField(ctx)}<label for="preview-text">${t("admin.preview.typeLabel")}</label>
<input type="text" id="preview-text" name="text" required maxlength="10000" autocomplete="off" lang="${lang}"><button type="submit">${t("admin.preview.send")}</button></form>`}
</section>
<p><a href="/staff/admin/flow">${t("admin.preview.toFlow")}</a> · <a href="/staff/admin/translations">${t("admin.preview.toTranslations")}</a> · <a href="/staff/admin/history">${t("admin.preview.toHistory")}</a></p>`;
  }

  function entryView(ctx: SignedInCtx, s: PreviewSession, e: PreviewEntry, active: boolean): SafeHtml | null {
    const lang = e.language;
    if (e.from === "resident") return e.text === "" ? null : html`<li class="from-resident"><span class="visually-hidden">${ctx.t("admin.preview.you")}: </span><p class="bubble me" lang="${lang}">${e.text}</p></li>`;
    const raised = [
      e.raised.crises.length
        ? html`<p class="preview-raised" data-raised-crises="${e.raised.crises.join(" ")}">${ctx.t("admin.preview.raisedCrisis", { kinds: e.raised.crises.map((k) => ctx.t(`crisis.${k}`)).join("、") })}</p>`
        : null,
      e.raised.completed ? html`<p class="preview-raised" data-raised-referral>${ctx.t("admin.preview.raisedReferral")}</p>` : null,
    ];
    const last = e.messages.length - 1;
    return html`<li class="from-bot"${active ? html` id="latest"` : null}><span class="visually-hidden">${ctx.t("admin.preview.bot")}: </span>${e.messages.map((m, i) => messageView(ctx, s, m, active, active && i === last, lang))}${raised}</li>`;
  }

  /** A LINE message as the app shows it; the actions of the newest answer are buttons that send their postback. */
  function messageView(ctx: SignedInCtx, s: PreviewSession, m: Message, active: boolean, withQuickReply: boolean, lang: string): SafeHtml {
    const button = (a: Action, cls: string) =>
      a.type === "postback" && a.data && active
        ? html`<form method="post" action="${PREVIEW_BASE}/${s.id}" class="inline">${csrfField(ctx)}<input type="hidden" name="data" value="${a.data}"><button type="submit" class="${cls}" lang="${lang}">${a.label ?? ""}</button></form>`
        : html`<span class="${cls} spent" lang="${lang}">${a.label ?? ""}</span>`;
    const items = withQuickReply ? (m.quickReply?.items ?? []) : [];
    const quick = items.length
      ? html`<div class="quick-replies" role="group" aria-label="${ctx.t("admin.preview.choices")}">${items.map((it) => button(it.action as Action, "quick"))}</div>`
      : null;
    if (m.type === "text") return html`<div class="bubble bot" lang="${lang}"><p>${m.text}</p></div>${quick}`;
    if (m.type === "flex") {
      const parts: SafeHtml[] = [];
      const walk = (node: unknown) => {
        if (!node || typeof node !== "object") return;
        const n = node as { type?: string; text?: string; weight?: string; action?: Action; contents?: unknown; header?: unknown; hero?: unknown; body?: unknown; footer?: unknown };
        if (n.type === "text") parts.push(html`<p${n.weight === "bold" ? html` class="strong"` : null}>${n.text ?? ""}</p>`);
        else if (n.type === "button" && n.action) parts.push(button(n.action, "flex-button"));
        for (const k of [n.header, n.hero, n.body, n.footer]) walk(k);
        if (Array.isArray(n.contents)) n.contents.forEach(walk);
        else walk(n.contents);
      };
      walk(m.contents);
      return html`<div class="bubble bot flex" lang="${lang}">${parts}</div>${quick}`;
    }
    return html`<div class="bubble bot"><p>[${m.type}]</p></div>${quick}`;
  }
}

/** What the chat shows for a tap: the tapped action's display text, looked up among what the bot offered. */
function echoOf(s: PreviewSession, data: string): string | null {
  for (let i = s.transcript.length - 1; i >= 0; i--) {
    const e = s.transcript[i]!;
    if (e.from !== "bot") continue;
    const found = findAction(e.messages, data);
    if (found) return found.displayText ?? found.label ?? null;
  }
  return null;
}

function findAction(node: unknown, data: string): Action | null {
  if (!node || typeof node !== "object") return null;
  if (Array.isArray(node)) {
    for (const n of node) {
      const f = findAction(n, data);
      if (f) return f;
    }
    return null;
  }
  const o = node as Record<string, unknown>;
  const a = o.action as Action | undefined;
  if (a && a.type === "postback" && a.data === data) return a;
  for (const [k, v] of Object.entries(o)) {
    if (k === "action") continue;
    const f = findAction(v, data);
    if (f) return f;
  }
  return null;
}
