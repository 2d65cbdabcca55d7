// The inbox page (/staff): the emergency banner nobody can miss, counts per status, filters,
// and one row per referral with the contract's data-referral-id and data-urgency.
import type { SignedInCtx } from "./consoleContext.ts";
import { FLAG_CODES, LANGUAGE_CODES, STATUS_CODES, URGENCY_CODES } from "./consoleCodes.ts";
import { flagChips, flagLabel, formatTime, languageName, statusBadge, statusLabel, urgencyBadge, urgencyLabel, windowName } from "./consoleFormat.ts";
import { renderPage } from "./consoleLayout.ts";
import { html, type SafeHtml } from "./html.ts";
import { filterParams, type Inbox, type InboxFilters, type InboxRow } from "./inboxQuery.ts";

const none = html`<span class="muted">—</span>`;

/** One row; a referral the user may only know exists shows no urgency, flags or language, as its
 * own page does not: its data-urgency (every row has one, contract section 4) is empty. */
function row(ctx: SignedInCtx, r: InboxRow): SafeHtml {
  const t = ctx.t;
  const full = r.access === "full" ? r : null;
  const cls = [full?.urgency === "emergency" && r.status !== "closed" ? "row-emergency" : "", full?.overdue ? "row-overdue" : ""].filter(Boolean).join(" ");
  return html`<tr data-referral-id="${r.id}" data-urgency="${full ? full.urgency : ""}" data-status="${r.status}" data-access="${r.access}" class="${cls}">
  <td><a class="ref" href="/staff/referrals/${r.id}">${r.referenceNo}</a>${full ? null : html`<br><span class="muted">${t("inbox.existenceOnly")}</span>`}</td>
  <td>${statusBadge(ctx, r.status)}${full?.overdue ? html` <span class="badge overdue">${t("inbox.overdue")}</span>` : null}</td>
  <td>${full ? urgencyBadge(ctx, full.urgency) : none}</td>
  <td>${windowName(ctx, r.primaryWindowId)}</td>
  <td><time datetime="${r.createdAt.toISOString()}">${formatTime(r.createdAt)}</time></td>
  <td>${full ? flagChips(ctx, full.flags) : none}</td>
  <td>${full ? languageName(ctx, full.language) : none}</td>
</tr>`;
}

function select(name: string, labelText: string, anyText: string, options: { value: string; text: string }[], current: string | undefined): SafeHtml {
  return html`<label>${labelText}
  <select name="${name}">
    <option value="">${anyText}</option>
    ${options.map((o) => html`<option value="${o.value}"${o.value === current ? html` selected` : null}>${o.text}</option>`)}
  </select></label>`;
}

export function inboxLive(ctx: SignedInCtx, inbox: Inbox, f: InboxFilters): SafeHtml {
  const t = ctx.t;
  const banner =
    inbox.openEmergencies > 0
      ? html`<div class="emergency-banner" role="alert" data-emergency-count="${inbox.openEmergencies}">
  <span>${t("inbox.emergencyBanner", { count: inbox.openEmergencies })}</span>
  <a href="/staff?urgency=emergency">${t("inbox.showEmergencies")}</a>
</div>`
      : null;
  const countLinks = html`<ul class="counts" aria-label="${t("inbox.countsLabel")}">
  <li>${f.status ? html`<a href="/staff${filterParams(f, { status: undefined })}">${t("inbox.all")} ${inbox.total}</a>` : html`<span aria-current="true">${t("inbox.all")} ${inbox.total}</span>`}</li>
  ${STATUS_CODES.map((s) => {
    const n = inbox.counts.get(s) ?? 0;
    const text = `${statusLabel(ctx, s)} ${n}`;
    return html`<li data-status-count="${s}">${f.status === s ? html`<span aria-current="true">${text}</span>` : html`<a href="/staff${filterParams(f, { status: s })}">${text}</a>`}</li>`;
  })}
  ${inbox.overdue > 0 ? html`<li><span class="overdue">${t("inbox.overdueCount", { count: inbox.overdue })}</span></li>` : null}
</ul>`;
  const table =
    inbox.rows.length === 0
      ? html`<p class="card">${t("inbox.empty")}</p>`
      : html`<div class="table-wrap"><table class="inbox">
  <caption class="visually-hidden">${t("inbox.caption")}</caption>
  <thead><tr>
    <th scope="col">${t("inbox.col.reference")}</th><th scope="col">${t("inbox.col.status")}</th><th scope="col">${t("inbox.col.urgency")}</th>
    <th scope="col">${t("inbox.col.window")}</th><th scope="col">${t("inbox.col.created")}</th><th scope="col">${t("inbox.col.flags")}</th><th scope="col">${t("inbox.col.language")}</th>
  </tr></thead>
  <tbody>${inbox.rows.map((r) => row(ctx, r))}</tbody>
</table></div>`;
  const pager = html`<div class="pager">
  ${f.before !== undefined ? html`<a href="/staff${filterParams(f)}">${t("inbox.firstPage")}</a>` : null}
  ${inbox.nextBefore !== null ? html`<a href="/staff${filterParams(f)}${filterParams(f) ? "&" : "?"}before=${String(inbox.nextBefore)}">${t("inbox.nextPage")}</a>` : null}
</div>`;
  return html`${banner}${countLinks}${table}${pager}`;
}

export function inboxPage(ctx: SignedInCtx, inbox: Inbox, f: InboxFilters, notice: { kind: "ok" | "error"; text: string } | null): string {
  const t = ctx.t;
  const m = ctx.deps.municipality;
  const filters = html`<form class="filters no-print" method="get" action="/staff" aria-label="${t("inbox.filters")}">
  ${select("status", t("inbox.col.status"), t("inbox.any"), STATUS_CODES.map((s) => ({ value: s, text: statusLabel(ctx, s) })), f.status)}
  ${select("urgency", t("inbox.col.urgency"), t("inbox.any"), URGENCY_CODES.map((u) => ({ value: u, text: urgencyLabel(ctx, u) })), f.urgency)}
  ${select("window", t("inbox.col.window"), t("inbox.any"), m.windows.map((w) => ({ value: w.id, text: w.name })), f.window)}
  ${select("flag", t("inbox.col.flags"), t("inbox.any"), FLAG_CODES.map((c) => ({ value: c, text: flagLabel(ctx, c) })), f.flag)}
  ${select("language", t("inbox.col.language"), t("inbox.any"), LANGUAGE_CODES.map((c) => ({ value: c, text: languageName(ctx, c) })), f.language)}
  <button type="submit">${t("inbox.apply")}</button>
  <a class="button secondary" href="/staff">${t("inbox.clear")}</a>
  <a class="button secondary" href="/staff/export.csv${filterParams(f)}">${t("inbox.exportCsv")}</a>
</form>`;
  const main = html`<h1>${t("inbox.title")}</h1>
${filters}
<p id="inbox-updated" class="visually-hidden" role="status" aria-live="polite"></p>
<div id="inbox-live" data-version="${inbox.version}" data-version-url="/staff/api/inbox-version" data-poll-ms="${ctx.deps.pollMs ?? 5000}" data-updated-text="${t("inbox.updated")}">
${inboxLive(ctx, inbox, f)}
</div>`;
  return renderPage(ctx, { title: t("inbox.title"), main, notice });
}
