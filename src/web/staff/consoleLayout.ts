// The frame of every console page: language, skip link, navigation for the signed-in user, the
// sign-out forms (with the CSRF token), and the notice or error of the last action.
import { seesAnalytics } from "../../referrals/accessPolicy.ts";
import type { Ctx } from "./consoleContext.ts";
import { CONSOLE_LANGUAGES } from "./consoleLanguage.ts";
import { html, type SafeHtml } from "./html.ts";

export interface PageOptions {
  title: string;
  main: SafeHtml;
  /** A success notice (after a redirect) or an error to show above the content. */
  notice?: { kind: "ok" | "error"; text: string } | null;
  /** The print view: no navigation. */
  bare?: boolean;
  /** Stylesheets of a page's own, after the console's (same origin only, as the CSP allows). */
  stylesheets?: readonly string[];
}

export const csrfField = (ctx: Ctx) => html`<input type="hidden" name="_csrf" value="${ctx.csrf}">`;

export function renderPage(ctx: Ctx, o: PageOptions): string {
  const t = ctx.t;
  const u = ctx.user;
  const nav =
    u && !u.mustChangePassword && !o.bare
      ? html`<nav class="topnav" aria-label="${t("nav.label")}">
  <a href="/staff">${t("nav.inbox")}</a>
  ${u.role !== "caseworker" ? html`<a href="/staff/audit">${t("nav.audit")}</a>` : null}
  ${ctx.principal && seesAnalytics(ctx.principal) ? html`<a href="/staff/admin/analytics">${ctx.st("analytics.nav")}</a>` : null}
  ${u.role === "admin" ? html`<a href="/staff/admin">${t("admin.title")}</a> <a href="/staff/admin/users">${t("nav.users")}</a>` : null}
  <a href="/staff/password">${t("nav.password")}</a>
</nav>`
      : null;
  const account = u
    ? html`<div class="account">
  <span class="who">${u.username} <span class="muted">(${t(`roles.${u.role}`)})</span></span>
  <form method="post" action="/staff/logout" class="inline">${csrfField(ctx)}<button type="submit" class="link">${t("nav.signOut")}</button></form>
  <form method="post" action="/staff/logout-everywhere" class="inline">${csrfField(ctx)}<button type="submit" class="link">${t("nav.signOutEverywhere")}</button></form>
</div>`
    : null;
  const langs = html`<div class="langs" aria-label="${t("nav.language")}">
  ${CONSOLE_LANGUAGES.map((l) =>
    ctx.lang === l ? html`<span aria-current="true" lang="${l}">${t(`languages.${l}`)}</span>` : html`<a href="${ctx.langHref(l)}" lang="${l}" hreflang="${l}">${t(`languages.${l}`)}</a>`,
  )}
</div>`;
  const notice = o.notice
    ? html`<div class="notice notice-${o.notice.kind}" role="${o.notice.kind === "error" ? "alert" : "status"}">${o.notice.text}</div>`
    : null;
  return (
    "<!doctype html>\n" +
    html`<html lang="${ctx.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${o.title} — ${t("app.name")}</title>
<link rel="stylesheet" href="/staff/assets/console.css">
${(o.stylesheets ?? []).map((href) => html`<link rel="stylesheet" href="${href}">`)}
<script src="/staff/assets/console.js" defer></script>
</head>
<body class="${o.bare ? "bare" : ""}">
${o.bare ? null : html`<a class="skip" href="#main">${t("nav.skip")}</a>
<header class="site">
  <a class="brand" href="/staff">${t("app.name")}</a>
  ${nav}
  <div class="header-end">${langs}${account}</div>
</header>`}
<main id="main" tabindex="-1">
${notice}
${o.main}
</main>
</body>
</html>`.toString()
  );
}
