// /staff/audit (supervisors and administrators): the latest 200 audit and lifecycle rows, newest
// first — who read which intake, who changed, noted or messaged what, and when. The rows hold
// references only, never what a resident said.
import type { SignedInCtx } from "./consoleContext.ts";
import { auditDetailText } from "./auditDetail.ts";
import { actorLabel, actorNames, formatTime, label, statusLabel } from "./consoleFormat.ts";
import { renderPage } from "./consoleLayout.ts";
import { html } from "./html.ts";

const LIMIT = 200;

interface Line {
  at: Date;
  actor: string;
  what: string;
  referralId: string | null;
  referenceNo: string | null;
  detail: string;
  kind: "audit" | "event";
}

export async function auditPage(ctx: SignedInCtx): Promise<string> {
  const t = ctx.t;
  const { prisma } = ctx.deps;
  const [audits, events] = await Promise.all([
    prisma.auditLog.findMany({ orderBy: { id: "desc" }, take: LIMIT }),
    prisma.referralEvent.findMany({ orderBy: { id: "desc" }, take: LIMIT }),
  ]);
  const referralIds = new Set<string>([...events.map((e) => e.referralId), ...audits.filter((a) => a.targetType === "referral" && a.targetId).map((a) => a.targetId!)]);
  // Reference numbers through the read model: only of referrals the reader may see.
  const refs = new Map([...(await ctx.deps.referrals.readModel.byIds(ctx.principal, [...referralIds])).values()].map((v) => [v.id, v.referenceNo]));
  const names = await actorNames(ctx, [...audits.map((a) => a.actor), ...events.map((e) => e.actor)]);
  const lines: Line[] = [
    ...audits.map((a): Line => {
      const detail = a.detail && typeof a.detail === "object" && !Array.isArray(a.detail) ? (a.detail as Record<string, unknown>) : {};
      const shown = auditDetailText(ctx, a.action, detail);
      const isReferral = a.targetType === "referral" && a.targetId !== null;
      return {
        at: a.at,
        actor: a.actor,
        what: label(ctx, `audit.action.${a.action}`, a.action),
        referralId: isReferral ? a.targetId : null,
        referenceNo: isReferral ? (refs.get(a.targetId!) ?? null) : null,
        detail: isReferral ? shown : [a.targetType, a.targetId, shown].filter(Boolean).join(" "),
        kind: "audit",
      };
    }),
    ...events.map(
      (e): Line => ({
        at: e.at,
        actor: e.actor,
        what: e.fromStatus && e.fromStatus !== e.toStatus ? `${statusLabel(ctx, e.fromStatus)} → ${statusLabel(ctx, e.toStatus)}` : t("audit.event"),
        referralId: e.referralId,
        referenceNo: refs.get(e.referralId) ?? null,
        detail: e.reason ?? "",
        kind: "event",
      }),
    ),
  ]
    .sort((a, b) => b.at.getTime() - a.at.getTime())
    .slice(0, LIMIT);

  const main = html`<h1>${t("audit.title")}</h1>
<p class="muted">${t("audit.intro", { count: LIMIT })}</p>
<div class="table-wrap"><table class="audit">
<thead><tr><th scope="col">${t("audit.at")}</th><th scope="col">${t("audit.actor")}</th><th scope="col">${t("audit.what")}</th><th scope="col">${t("audit.referral")}</th><th scope="col">${t("audit.detail")}</th></tr></thead>
<tbody>
${lines.map(
  (l) => html`<tr data-kind="${l.kind}"><td><time datetime="${l.at.toISOString()}">${formatTime(l.at)}</time></td><td>${actorLabel(ctx, names, l.actor)}</td><td>${l.what}</td>
<td>${l.referralId ? html`<a class="ref" href="/staff/referrals/${l.referralId}">${l.referenceNo ?? l.referralId}</a>` : "—"}</td><td>${l.detail}</td></tr>`,
)}
</tbody></table></div>`;
  return renderPage(ctx, { title: t("audit.title"), main });
}
