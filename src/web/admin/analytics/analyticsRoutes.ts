// The analytics routes (issue 15): the page and one CSV per table, for those the access policy
// lets see them (seesAnalytics: administrators and supervisors; everyone else gets the
// console's 404). Every view and every download is written to the audit log with the period and
// filter it showed — never a figure, never anything about a resident.
import express, { type Response, type Router } from "express";
import { buildReport, TABLE_IDS, tableOf, type TableId } from "../../../analytics/buildReport.ts";
import { loadAnalytics } from "../../../analytics/loadAnalytics.ts";
import type { AnalyticsSetting } from "../../../analytics/analyticsInput.ts";
import { seesAnalytics } from "../../../referrals/accessPolicy.ts";
import type { CompiledFlow } from "../../../conversation/compileFlow.ts";
import { simplePage } from "../../staff/authPages.ts";
import { signedIn, type ConsoleDeps, type SignedInCtx } from "../../staff/consoleContext.ts";
import { tableCsv } from "./analyticsCsv.ts";
import { ANALYTICS_CSS } from "./analyticsCss.ts";
import { ANALYTICS_BASE, ANALYTICS_CSS_PATH, analyticsPage } from "./analyticsPage.ts";
import { parseAnalyticsQuery, type AnalyticsQuery } from "./analyticsQuery.ts";

export interface AnalyticsDeps extends ConsoleDeps {
  /** The live flow: its sections and steps name the funnel's rows. */
  flow?: CompiledFlow;
  /** The clock that picks the current period when none is asked for. */
  now?: () => Date;
}

function settingOf(deps: AnalyticsDeps): AnalyticsSetting {
  const flow = deps.flow ?? deps.releases?.latest().flow;
  const steps = flow ? flow.steps.map((s) => ({ id: s.id, section: s.section })) : [];
  return { steps, sections: [...new Set(steps.map((s) => s.section))], slaHours: deps.municipality.slaHours };
}

async function audit(ctx: SignedInCtx, action: "analytics.view" | "analytics.export", q: AnalyticsQuery, table?: TableId): Promise<void> {
  const detail: Record<string, string> = { period: q.period.kind, start: q.period.start, ...q.filter, ...(table ? { table } : {}) };
  await ctx.deps.prisma.auditLog.create({ data: { actor: ctx.principal.actor, action, targetType: "analytics", targetId: null, detail } });
}

export function analyticsRouter(deps: AnalyticsDeps): Router {
  const router = express.Router();
  const now = deps.now ?? (() => new Date());

  router.get(ANALYTICS_CSS_PATH, (_req, res) => {
    res.set("Cache-Control", "public, max-age=300").type("text/css").send(ANALYTICS_CSS);
  });

  // The one gate of these pages: the access policy's rule.
  router.use(ANALYTICS_BASE, (_req, res, next) => {
    const ctx = signedIn(res);
    if (seesAnalytics(ctx.principal)) return next();
    res.status(404).type("html").send(simplePage(ctx, ctx.t("errors.notFoundTitle"), ctx.t("errors.notFound")));
  });

  const parsed = (req: express.Request, res: Response): AnalyticsQuery | null => {
    const ctx = signedIn(res);
    const q = parseAnalyticsQuery(req.query as Record<string, unknown>, deps.municipality, now());
    if (!q) res.status(400).type("html").send(simplePage(ctx, ctx.t("errors.badRequestTitle"), ctx.st("analytics.badQuery")));
    return q;
  };

  router.get(ANALYTICS_BASE, async (req, res) => {
    const ctx = signedIn(res);
    const q = parsed(req, res);
    if (!q) return;
    const report = buildReport(await loadAnalytics(deps.prisma, deps.sealer, q.period, q.filter), settingOf(deps));
    await audit(ctx, "analytics.view", q);
    res.status(200).type("html").send(await analyticsPage(ctx, q, report));
  });

  router.get(`${ANALYTICS_BASE}/:table.csv`, async (req, res) => {
    const ctx = signedIn(res);
    const id = TABLE_IDS.find((t) => t === req.params.table);
    if (!id) return void res.status(404).type("html").send(simplePage(ctx, ctx.t("errors.notFoundTitle"), ctx.t("errors.notFound")));
    const q = parsed(req, res);
    if (!q) return;
    const report = buildReport(await loadAnalytics(deps.prisma, deps.sealer, q.period, q.filter), settingOf(deps));
    await audit(ctx, "analytics.export", q, id);
    const name = `tsunagu-${id}-${q.period.kind}-${q.period.start.replace(/-/g, "")}.csv`;
    res.set("Content-Disposition", `attachment; filename="${name}"`).type("text/csv; charset=utf-8").send(tableCsv(tableOf(report, id)));
  });

  return router;
}
