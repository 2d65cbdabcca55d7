// The analytics page's query string, parsed with zod: the period (week, month or fiscal year and
// a day in it; the current one by default), and at most an area or a window of the directory.
import { z } from "zod";
import { DayString, PeriodKind, periodContaining, periodOf, type Period } from "../../../analytics/period.ts";
import type { AnalyticsFilter } from "../../../analytics/loadAnalytics.ts";
import type { Municipality } from "../../../intake/municipality.ts";

const one = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const optional = <T extends z.ZodType>(s: T) => z.preprocess((v) => (one(v) === "" ? undefined : one(v)), s.optional());

export interface AnalyticsQuery {
  period: Period;
  filter: AnalyticsFilter;
}

export function parseAnalyticsQuery(raw: Record<string, unknown>, m: Municipality, now: Date): AnalyticsQuery | null {
  const Query = z.object({
    period: optional(PeriodKind),
    start: optional(DayString),
    area: optional(z.enum(m.areas.map((a) => a.code) as [string, ...string[]])),
    window: optional(z.enum(m.windows.map((w) => w.id) as [string, ...string[]])),
  });
  const q = Query.safeParse(raw);
  if (!q.success) return null;
  const kind = q.data.period ?? "month";
  const period = q.data.start ? periodOf(kind, q.data.start) : periodContaining(kind, now);
  return { period, filter: { ...(q.data.area ? { area: q.data.area } : {}), ...(q.data.window ? { window: q.data.window } : {}) } };
}

/** The query string that names this period and filter (links, the CSV downloads). */
export function analyticsSearch(q: { period: Period; filter: AnalyticsFilter }): string {
  const p = new URLSearchParams({ period: q.period.kind, start: q.period.start });
  if (q.filter.area) p.set("area", q.filter.area);
  if (q.filter.window) p.set("window", q.filter.window);
  return p.toString();
}
