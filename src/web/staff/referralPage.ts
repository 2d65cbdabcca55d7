// /staff/referrals/<id>: the 申込票, the controls to work the case (each a form with the CSRF
// token and the referral's updatedAt as it was read), the LINE conversation, notes and the
// timeline of every change. /print is the same sheet without the controls.
import { allows } from "../../referrals/lifecycle.ts";
import type { Decision } from "../../referrals/accessPolicy.ts";
import type { FullView, ReferralView } from "../../referrals/referralService.ts";
import type { Triage } from "../../triage/triageSchema.ts";
import type { SignedInCtx } from "./consoleContext.ts";
import { MAX_MESSAGE_LENGTH, MAX_NOTE_LENGTH, MAX_REASON_LENGTH, MEETINGS, MESSAGE_TEMPLATES } from "./consoleCodes.ts";
import { actorLabel, flagChips, formatTime, label, languageName, statusBadge, statusLabel, urgencyBadge, windowName, windowTypeLabel } from "./consoleFormat.ts";
import { csrfField, renderPage } from "./consoleLayout.ts";
import { templateKey } from "./messageTemplates.ts";
import { callbackSlotOf } from "../../conversation/menuActions.ts";
import type { Intake } from "../../intake/intakeSchema.ts";
import { html, type SafeHtml } from "./html.ts";
import { consentWords, intakeSheet } from "./intakeSheet.ts";
import type { FullDetail, LoadedReferral } from "./referralDetail.ts";

/** What the user typed into a form that failed, to show it again. */
export type Draft = Partial<Record<"body" | "text" | "template" | "windowId" | "reason" | "outcome" | "meeting", string>>;

export interface ReferralPageOptions {
  notice: { kind: "ok" | "error"; text: string } | null;
  /** The form that failed and what was typed in it. */
  draft?: { action: string; values: Draft } | null;
}

function hidden(ctx: SignedInCtx, view: FullView): SafeHtml {
  return html`${csrfField(ctx)}<input type="hidden" name="expectedUpdatedAt" value="${view.updatedAt}">`;
}

function actions(ctx: SignedInCtx, view: FullView, decision: Decision, o: ReferralPageOptions): SafeHtml {
  const t = ctx.t;
  const id = view.id;
  // The forms are what the access policy allows: only the owner works the case.
  const may = (a: "move" | "note" | "message" | "meeting") => decision.actions.has(a);
  const canMove = may("move");
  const draft = (action: string): Draft => (o.draft?.action === action ? o.draft.values : {});
  const status = view.status;
  const resident = ctx.deps.locales.t((view.language ?? "ja") as never);
  const triage = view.triage as Triage | undefined;
  const forms: SafeHtml[] = [];

  if (canMove && allows(status, "accept")) {
    forms.push(html`<form method="post" action="/staff/referrals/${id}/accept" data-action="accept" class="inline-action">${hidden(ctx, view)}<button type="submit">${t("actions.accept")}</button></form>`);
  }
  if (canMove && allows(status, "start")) {
    forms.push(html`<form method="post" action="/staff/referrals/${id}/start" data-action="start" class="inline-action">${hidden(ctx, view)}<button type="submit">${t("actions.start")}</button></form>`);
  }
  if (may("message")) {
    const d = draft("message");
    forms.push(html`<form method="post" action="/staff/referrals/${id}/message" data-action="message">
  <h3>${t("actions.messageTitle")}</h3>
  <p class="muted">${t("actions.messageLanguage", { language: languageName(ctx, view.language) })}</p>
  ${hidden(ctx, view)}
  <label for="m-template">${t("actions.template")}</label>
  <select id="m-template" name="template">
    <option value="">${t("actions.freeText")}</option>
    ${MESSAGE_TEMPLATES.map((k) => html`<option value="${k}"${d.template === k ? html` selected` : null}>${t(`templates.${k}`)}</option>`)}
  </select>
  <details><summary>${t("actions.templatePreview")}</summary>
    <dl>${MESSAGE_TEMPLATES.map((k) => html`<dt>${t(`templates.${k}`)}</dt><dd lang="${view.language ?? "ja"}">${resident(templateKey(k, view.intake as Intake))}</dd>`)}</dl>
  </details>
  <label for="m-text">${t("actions.messageText")}</label>
  <textarea id="m-text" name="text" rows="3" maxlength="${MAX_MESSAGE_LENGTH}">${d.text ?? ""}</textarea>
  <p class="muted">${t("actions.messageHint")}</p>
  <div class="buttons"><button type="submit">${t("actions.send")}</button></div>
</form>`);
  }
  if (canMove && allows(status, "forward")) {
    const d = draft("forward");
    const targets = ctx.deps.municipality.windows.filter((w) => w.id !== view.windows.primary.windowId);
    forms.push(html`<form method="post" action="/staff/referrals/${id}/forward" data-action="forward">
  <h3>${t("actions.forwardTitle")}</h3>
  ${hidden(ctx, view)}
  <label for="f-window">${t("actions.forwardTo")}</label>
  <select id="f-window" name="windowId" required>
    <option value="">${t("actions.chooseWindow")}</option>
    ${targets.map((w) => html`<option value="${w.id}"${d.windowId === w.id ? html` selected` : null}>${w.name}（${windowTypeLabel(ctx, w.type)}）</option>`)}
  </select>
  <label for="f-reason">${t("actions.reason")}</label>
  <textarea id="f-reason" name="reason" rows="2" required maxlength="${MAX_REASON_LENGTH}">${d.reason ?? ""}</textarea>
  <div class="buttons"><button type="submit">${t("actions.forward")}</button></div>
</form>`);
  }
  if (canMove && allows(status, "close")) {
    const d = draft("close");
    forms.push(html`<form method="post" action="/staff/referrals/${id}/close" data-action="close">
  <h3>${t("actions.closeTitle")}</h3>
  ${hidden(ctx, view)}
  <label for="c-outcome">${t("actions.outcome")}</label>
  <textarea id="c-outcome" name="outcome" rows="2" required maxlength="${MAX_REASON_LENGTH}">${d.outcome ?? ""}</textarea>
  <div class="buttons"><button type="submit" class="danger">${t("actions.close")}</button></div>
</form>`);
  }
  if (may("meeting") && status !== "closed") {
    const chosen = draft("meeting").meeting ?? triage?.routing.meeting ?? "jusoteki_shien_kaigi";
    forms.push(html`<form method="post" action="/staff/referrals/${id}/meeting" data-action="meeting">
  <h3>${t("actions.meetingTitle")}</h3>
  ${hidden(ctx, view)}
  <label for="g-meeting">${t("actions.meeting")}</label>
  <select id="g-meeting" name="meeting" required>
    ${MEETINGS.map((k) => html`<option value="${k}"${chosen === k ? html` selected` : null}>${t(`meeting.${k}`)}</option>`)}
  </select>
  <div class="buttons"><button type="submit" class="secondary">${t("actions.requestMeeting")}</button></div>
</form>`);
  }
  const dn = draft("note");
  if (may("note")) forms.push(html`<form method="post" action="/staff/referrals/${id}/note" data-action="note">
  <h3>${t("actions.noteTitle")}</h3>
  ${hidden(ctx, view)}
  <label for="n-body">${t("actions.note")}</label>
  <textarea id="n-body" name="body" rows="4" required maxlength="${MAX_NOTE_LENGTH}">${dn.body ?? ""}</textarea>
  <p class="muted">${t("actions.noteHint", { max: MAX_NOTE_LENGTH })}</p>
  <div class="buttons"><button type="submit" class="secondary">${t("actions.addNote")}</button></div>
</form>`);

  return html`<aside class="card actions" aria-labelledby="actions-h">
  <h2 id="actions-h">${t("actions.title")}</h2>
  ${decision.actions.size > 0 ? null : html`<p class="muted">${t("actions.notOwner")}</p>`}
  ${forms}
  <p><a href="/staff/referrals/${id}/print" class="button secondary">${t("actions.print")}</a></p>
</aside>`;
}

function conversation(ctx: SignedInCtx, full: FullDetail): SafeHtml {
  const t = ctx.t;
  if (full.transcript.length === 0) return html`<p class="muted">${t("transcript.empty")}</p>`;
  return html`<ol class="transcript">
${full.transcript.map((m) => {
  const isStaff = m.kind === "staff";
  const who = m.direction === "in" ? t("transcript.resident") : isStaff ? t("transcript.staff", { name: actorLabel(ctx, full.names, full.staffSenders.get(String(m.id)) ?? "") }) : t("transcript.bot");
  const kind = m.direction === "in" && m.kind === "postback" ? t("transcript.tap") : "";
  return html`<li class="${isStaff ? "staff" : m.direction}" data-direction="${m.direction}" data-kind="${m.kind}">
  <div class="meta">${who}${kind ? html` · ${kind}` : null} · <time datetime="${m.at.toISOString()}">${formatTime(m.at)}</time>${m.language ? html` · ${m.language}` : null}</div>
  <div class="text"${m.language ? html` lang="${m.language}"` : null}>${m.text}</div>
</li>`;
})}
</ol>`;
}

/** Reasons the system writes (createReferral, escalation), shown in the console's words; the rest
 * were typed by staff and are shown as typed. */
const SYSTEM_REASONS = new Map([
  ["intake completed", "intakeCompleted"],
  ["crisis in a message", "crisisInMessage"],
  ["danger in an answer", "dangerInAnswer"],
  ["not accepted within the time limit", "notAcceptedInTime"],
]);

function eventReason(ctx: SignedInCtx, reason: string | null): string {
  if (!reason) return "";
  const meeting = /^meeting requested: (\w+)$/.exec(reason);
  if (meeting) return ctx.t("timeline.meetingRequested", { meeting: label(ctx, `meeting.${meeting[1]}`, meeting[1]!) });
  // Written by menuActions.ts when a resident chooses when to be called.
  const slot = callbackSlotOf(reason);
  if (slot) return ctx.t("timeline.callbackRequested", { slot: label(ctx, `timeline.callbackSlot.${slot}`, slot) });
  const forward = /^(.*) → ([a-z0-9-]+)$/s.exec(reason);
  if (forward) return ctx.t("timeline.forwarded", { window: windowName(ctx, forward[2]!), reason: forward[1] });
  return SYSTEM_REASONS.has(reason) ? ctx.t(`timeline.reason.${SYSTEM_REASONS.get(reason)}`) : reason;
}

function timeline(ctx: SignedInCtx, full: FullDetail): SafeHtml {
  const t = ctx.t;
  return html`<ol class="timeline">
${full.events.map(
  (e) => html`<li data-event-to="${e.toStatus}"><time datetime="${e.at.toISOString()}">${formatTime(e.at)}</time> — ${actorLabel(ctx, full.names, e.actor)}:
  ${e.fromStatus && e.fromStatus !== e.toStatus ? html`${statusLabel(ctx, e.fromStatus)} → ${statusLabel(ctx, e.toStatus)}` : e.fromStatus ? null : statusLabel(ctx, e.toStatus)}
  ${e.reason ? html`<span class="muted">${e.fromStatus && e.fromStatus !== e.toStatus ? "（" : ""}${eventReason(ctx, e.reason)}${e.fromStatus && e.fromStatus !== e.toStatus ? "）" : ""}</span>` : null}</li>`,
)}
</ol>
${full.crises.length > 0 ? html`<h3>${t("timeline.crises")}</h3><ul>${full.crises.map((c) => html`<li><time datetime="${c.at.toISOString()}">${formatTime(c.at)}</time> — ${label(ctx, `crisis.${c.kind}`, c.kind)}${c.plan ? html` (${t("crisis.plan")})` : null}</li>`)}</ul>` : null}
${residentMessages(ctx, full)}`;
}

/** What the resident wrote to the case after the intake, with the language it came in. */
function residentMessages(ctx: SignedInCtx, full: FullDetail): SafeHtml | null {
  if (full.residentMessages.length === 0) return null;
  return html`<h3>${ctx.t("timeline.residentMessages")}</h3><ul class="resident-messages">${full.residentMessages.map(
    (m) => html`<li data-resident-message><div class="muted"><time datetime="${m.at}">${formatTime(new Date(m.at))}</time> — ${languageName(ctx, m.language)}</div><div class="note-body" lang="${m.language}">${m.text}</div></li>`,
  )}</ul>`;
}

function notes(ctx: SignedInCtx, full: FullDetail): SafeHtml {
  if (full.notes.length === 0) return html`<p class="muted">${ctx.t("notes.empty")}</p>`;
  return html`<ul class="notes">${full.notes.map(
    (n) => html`<li><div class="muted"><time datetime="${n.at.toISOString()}">${formatTime(n.at)}</time> — ${actorLabel(ctx, full.names, n.actor)}</div><div class="note-body">${n.body}</div></li>`,
  )}</ul>`;
}

function existencePage(ctx: SignedInCtx, view: ReferralView, o: ReferralPageOptions): string {
  const t = ctx.t;
  const main = html`<article id="referral" data-referral-id="${view.id}" data-status="${view.status}" data-access="existence">
<h1>${t("referral.title")} <span class="ref">${view.referenceNo}</span></h1>
<div class="card">
<dl class="facts">
  <dt>${t("sheet.reference")}</dt><dd class="ref">${view.referenceNo}</dd>
  <dt>${t("inbox.col.status")}</dt><dd>${statusBadge(ctx, view.status)}</dd>
  <dt>${t("sheet.primary")}</dt><dd>${windowName(ctx, view.windows.primary.windowId)} <span class="muted">${windowTypeLabel(ctx, view.windows.primary.type)}</span></dd>
</dl>
<p>${t("referral.existenceOnly")}</p>
</div>
<p><a href="/staff">${t("referral.back")}</a></p>
</article>`;
  return renderPage(ctx, { title: `${t("referral.title")} ${view.referenceNo}`, main, notice: o.notice });
}

export function referralPage(ctx: SignedInCtx, loaded: LoadedReferral, o: ReferralPageOptions): string {
  const { view, full } = loaded;
  if (!full) return existencePage(ctx, view, o);
  const t = ctx.t;
  const main = html`<article id="referral" data-referral-id="${view.id}" data-status="${view.status}" data-urgency="${view.urgency}" data-updated-at="${view.updatedAt}" data-access="full">
<p class="no-print"><a href="/staff">${t("referral.back")}</a></p>
<h1>${t("sheet.title")} <span class="ref">${view.referenceNo}</span> ${statusBadge(ctx, view.status)} ${urgencyBadge(ctx, view.urgency)}${view.overdue ? html` <span class="badge overdue">${t("inbox.overdue")}</span>` : null}</h1>
<div class="card summary" aria-label="${t("referral.summary")}">
  <div><span class="muted">${t("sheet.primary")}</span> ${windowName(ctx, view.windows.primary.windowId)}</div>
  <div>${consentWords(ctx, view.consent)}</div>
  <div>${flagChips(ctx, view.flags ?? [])}</div>
</div>
<div class="layout">
<div>
  <div class="card">${intakeSheet(ctx, view)}</div>
  <section class="card" aria-labelledby="conv-h"><h2 id="conv-h">${t("transcript.title")}</h2>${conversation(ctx, full)}</section>
  <section class="card" aria-labelledby="notes-h"><h2 id="notes-h">${t("notes.title")}</h2>${notes(ctx, full)}</section>
  <section class="card" aria-labelledby="tl-h"><h2 id="tl-h">${t("timeline.title")}</h2>${timeline(ctx, full)}</section>
</div>
${actions(ctx, view, loaded.decision, o)}
</div>
</article>`;
  return renderPage(ctx, { title: `${t("referral.title")} ${view.referenceNo}`, main, notice: o.notice });
}

export function printPage(ctx: SignedInCtx, loaded: LoadedReferral): string {
  const { view, full } = loaded;
  const t = ctx.t;
  const body = full
    ? html`${intakeSheet(ctx, view)}
<section><h2>${t("notes.title")}</h2>${notes(ctx, full)}</section>`
    : html`<p>${t("referral.existenceOnly")}</p>`;
  const main = html`<article id="referral" class="print" data-referral-id="${view.id}" data-status="${view.status}">
<p class="no-print"><a href="/staff/referrals/${view.id}">${t("referral.backToCase")}</a></p>
<h1>${t("sheet.title")} <span class="ref">${view.referenceNo}</span></h1>
<p class="muted">${t("print.printedBy", { name: ctx.user.username, at: formatTime(new Date()) })} · ${statusLabel(ctx, view.status)}</p>
${body}
</article>`;
  return renderPage(ctx, { title: `${t("sheet.title")} ${view.referenceNo}`, main, bare: true });
}
