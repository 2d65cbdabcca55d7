// /staff/admin/analytics: the report's tables, each with its bar chart (SVG drawn on the server)
// beside it and a CSV download, grouped as the issue asks: the funnel, effort, who is reached,
// what they need, follow-through. Every number is the protected one (smallCells.ts).
import type { Report, Table, TableId, Value } from "../../../analytics/buildReport.ts";
import { chartData, tableOf } from "../../../analytics/buildReport.ts";
import { renderBarChart } from "../../../analytics/barChart.ts";
import { nextPeriod, previousPeriod, PERIOD_KINDS, type Period } from "../../../analytics/period.ts";
import type { Cell } from "../../../analytics/smallCells.ts";
import type { SignedInCtx } from "../../staff/consoleContext.ts";
import { renderPage } from "../../staff/consoleLayout.ts";
import { html, SafeHtml } from "../../staff/html.ts";
import { analyticsLabel } from "./analyticsLabels.ts";
import { analyticsSearch, type AnalyticsQuery } from "./analyticsQuery.ts";

export const ANALYTICS_BASE = "/staff/admin/analytics";
export const ANALYTICS_CSS_PATH = "/staff/assets/analytics.css";

const GROUPS: { id: string; tables: TableId[] }[] = [
  { id: "funnel", tables: ["funnel", "dropOff"] },
  { id: "effort", tables: ["effort", "sittings"] },
  { id: "reach", tables: ["conversationsByLanguage", "referralsByLanguage", "referralsByRespondent", "referralsByAgeBand", "referralsByArea", "crises"] },
  { id: "needs", tables: ["concerns", "concernPairs", "flags", "needsSummary", "urgency"] },
  { id: "followThrough", tables: ["windows", "followThroughSummary", "forwards"] },
];

const dayFormat = new Intl.DateTimeFormat("ja-JP", { timeZone: "Asia/Tokyo", year: "numeric", month: "2-digit", day: "2-digit" });
const lastDay = (p: Period) => dayFormat.format(new Date(p.to.getTime() - 1));

function cellText(ctx: SignedInCtx, c: Cell): string {
  return c.kind === "count" ? c.n.toLocaleString("ja-JP") : c.kind === "small" ? "<5" : ctx.st("analytics.withheld");
}

function valueHtml(ctx: SignedInCtx, table: Table, colId: string, v: Value): SafeHtml {
  const col = table.columns.find((c) => c.id === colId)!;
  if (v === null || v === undefined) return html`<td data-col="${colId}" data-value="">—</td>`;
  if (typeof v === "object") {
    const data = v.kind === "count" ? String(v.n) : v.kind === "small" ? "<5" : "withheld";
    return html`<td class="num" data-col="${colId}" data-value="${data}">${cellText(ctx, v)}</td>`;
  }
  if (typeof v === "string") {
    return col.kind === "label" ? html`<th scope="row" data-col="${colId}" data-value="${v}">${analyticsLabel(ctx, col.dim, v)}</th>` : html`<td data-col="${colId}">${v}</td>`;
  }
  const shown = col.kind === "share" ? `${(v * 100).toFixed(1)}%` : (Math.round(v * 10) / 10).toLocaleString("ja-JP");
  return html`<td class="num" data-col="${colId}" data-value="${String(v)}">${shown}</td>`;
}

async function chartOf(ctx: SignedInCtx, table: Table): Promise<SafeHtml | null> {
  if (!table.chart) return null;
  const col = table.columns.find((c) => c.id === table.chart!.label)!;
  if (col.kind !== "label") return null;
  const bars = chartData(table).map((b) => ({ label: analyticsLabel(ctx, col.dim, b.key), value: b.value }));
  if (bars.length === 0) return html`<p class="muted chart-empty">${ctx.st("analytics.noBars")}</p>`;
  // Vega escapes every text it writes into the SVG; the labels are ours (codes and locale texts).
  const svg = await renderBarChart(bars, { valueTitle: ctx.st(`analytics.valueTitle.${table.scope}`) });
  return html`<figure class="chart" role="img" aria-label="${ctx.st("analytics.chartOf", { title: ctx.st(`analytics.tables.${table.id}.title`) })}" data-chart="${table.id}">${new SafeHtml(svg)}</figure>`;
}

async function tableSection(ctx: SignedInCtx, q: AnalyticsQuery, table: Table): Promise<SafeHtml> {
  const st = ctx.st;
  const chart = await chartOf(ctx, table);
  const filtered = table.scope === "referrals" && (q.filter.area || q.filter.window);
  const head = table.columns.map((c) => html`<th scope="col">${st(`analytics.columns.${c.id}`)}</th>`);
  const csv = `${ANALYTICS_BASE}/${table.id}.csv?${analyticsSearch(q)}`;
  return html`<section class="analytics-table" data-table="${table.id}" aria-labelledby="t-${table.id}">
<h3 id="t-${table.id}">${st(`analytics.tables.${table.id}.title`)}</h3>
<p class="muted">${st(`analytics.tables.${table.id}.about`)}${table.scope === "conversations" && (q.filter.area || q.filter.window) ? html` ${st("analytics.wholeCity")}` : null}${filtered ? html` ${st("analytics.filtered")}` : null}</p>
<div class="analytics-pair">
${chart}
<div class="table-wrap"><table class="analytics">
<thead><tr>${head}</tr></thead>
<tbody>${table.rows.map((r) => html`<tr data-key="${String(r[table.columns[0]!.id] ?? "")}">${table.columns.map((c) => valueHtml(ctx, table, c.id, r[c.id] ?? null))}</tr>`)}</tbody>
${table.total ? html`<tfoot><tr data-key="total"><th scope="row">${st("analytics.total")}</th>${table.columns.slice(1).map((c) =>
    c.kind === "count" && c.id === table.columns.find((x) => x.kind === "count")!.id
      ? html`<td class="num" data-col="${c.id}" data-value="${table.total!.partial ? `>=${table.total!.n}` : String(table.total!.n)}">${table.total!.partial ? st("analytics.atLeast", { n: table.total!.n }) : String(table.total!.n)}</td>`
      : html`<td></td>`,
  )}</tr></tfoot>` : null}
</table></div>
</div>
<p class="csv-link no-print"><a href="${csv}" download data-csv="${table.id}">${st("analytics.downloadCsv")}</a></p>
</section>`;
}

function filterForm(ctx: SignedInCtx, q: AnalyticsQuery): SafeHtml {
  const st = ctx.st;
  const m = ctx.deps.municipality;
  const link = (p: Period) => `${ANALYTICS_BASE}?${analyticsSearch({ period: p, filter: q.filter })}`;
  return html`<form method="get" action="${ANALYTICS_BASE}" class="card analytics-filter no-print" data-action="analytics-filter">
<p><label for="a-period">${st("analytics.filter.period")}</label>
<select id="a-period" name="period">${PERIOD_KINDS.map((k) => html`<option value="${k}"${k === q.period.kind ? html` selected` : null}>${st(`analytics.period.${k}`)}</option>`)}</select>
<label for="a-start">${st("analytics.filter.start")}</label> <input id="a-start" name="start" type="date" value="${q.period.start}" required></p>
<p><label for="a-area">${st("analytics.filter.area")}</label>
<select id="a-area" name="area"><option value="">${st("analytics.filter.all")}</option>${m.areas.map((a) => html`<option value="${a.code}"${a.code === q.filter.area ? html` selected` : null}>${a.name}</option>`)}</select>
<label for="a-window">${st("analytics.filter.window")}</label>
<select id="a-window" name="window"><option value="">${st("analytics.filter.all")}</option>${m.windows.map((w) => html`<option value="${w.id}"${w.id === q.filter.window ? html` selected` : null}>${w.name}</option>`)}</select></p>
<p><button type="submit">${st("analytics.filter.show")}</button>
<a href="${link(previousPeriod(q.period))}" data-nav="previous">${st("analytics.filter.previous")}</a>
<a href="${link(nextPeriod(q.period))}" data-nav="next">${st("analytics.filter.next")}</a></p>
</form>`;
}

export async function analyticsPage(ctx: SignedInCtx, q: AnalyticsQuery, report: Report): Promise<string> {
  const st = ctx.st;
  const p = q.period;
  const range = st("analytics.range", { from: dayFormat.format(p.from), to: lastDay(p) });
  const heading = p.kind === "fiscalYear" ? st("analytics.fiscalYearOf", { year: p.fiscalYear, range }) : range;
  const filterText = [q.filter.area ? analyticsLabel(ctx, "area", q.filter.area) : null, q.filter.window ? analyticsLabel(ctx, "window", q.filter.window) : null].filter(Boolean).join(" / ");
  const groups = await Promise.all(
    GROUPS.map(async (g) => html`<section class="analytics-group" data-group="${g.id}" aria-labelledby="g-${g.id}">
<h2 id="g-${g.id}">${st(`analytics.groups.${g.id}`)}</h2>
${await Promise.all(g.tables.map((id) => tableSection(ctx, q, tableOf(report, id))))}
</section>`),
  );
  const main = html`<h1>${st("analytics.title")}</h1>
<p class="analytics-period" data-period="${p.kind}" data-start="${p.start}"><strong>${st(`analytics.period.${p.kind}`)}</strong> ${heading}${filterText ? html` — ${filterText}` : null}</p>
<p class="muted">${st("analytics.intro")}</p>
<p class="muted">${st("analytics.smallCells")}</p>
${filterForm(ctx, q)}
${groups}`;
  return renderPage(ctx, { title: st("analytics.title"), main, stylesheets: [ANALYTICS_CSS_PATH] });
}
