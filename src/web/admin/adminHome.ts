// /staff/admin: what the administrators can change, and which version is live.
import type { Router } from "express";
import { signedIn } from "../staff/consoleContext.ts";
import { renderPage } from "../staff/consoleLayout.ts";
import { html } from "../staff/html.ts";
import type { AdminDeps } from "./adminPages.ts";

/** The areas of the administrators' console, each with its page (a link appears once it exists). */
export const ADMIN_AREAS = [
  { key: "flow", href: "/staff/admin/flow" },
  { key: "translations", href: "/staff/admin/translations" },
  { key: "directory", href: "/staff/admin/directory" },
  { key: "users", href: "/staff/admin/users" },
  { key: "history", href: "/staff/admin/history" },
  { key: "tokens", href: "/staff/admin/tokens" },
  { key: "analytics", href: "/staff/admin/analytics" },
] as const;

export function registerAdminHome(router: Router, deps: AdminDeps): void {
  router.get("/staff/admin", (_req, res) => {
    const ctx = signedIn(res);
    const t = ctx.t;
    const live = deps.releases.latest().version;
    const main = html`<h1>${t("admin.title")}</h1>
<p data-live-version="${String(live)}">${t("admin.liveVersion", { version: live })}</p>
<ul class="admin-areas">${ADMIN_AREAS.map((a) => html`<li><a href="${a.href}" data-admin-area="${a.key}">${t(`admin.areas.${a.key}`)}</a></li>`)}</ul>`;
    res.status(200).type("html").send(renderPage(ctx, { title: t("admin.title"), main }));
  });
}
