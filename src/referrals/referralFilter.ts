// Filters on referral listings (API, console inbox, CSV), decided on the projection alone: a row
// matches only through what its viewer may see of it. A filter on the urgency, a flag, the
// language or overdue never matches a row seen at "existence" (those fields are not part of it),
// and a window filter matches such a row only on its owner — so a listing filtered by the DV
// centre cannot tell a window without consent that the DV centre is on the case.
import type { Prisma } from "../generated/prisma/client.ts";
import { overdueWhere, type SlaHours } from "./overdue.ts";
import type { Projection } from "./referralProjection.ts";

export interface ReferralFilter {
  status?: string;
  urgency?: string;
  window?: string;
  flag?: string;
  language?: string;
  overdue?: boolean;
  /** Not closed. */
  open?: boolean;
}

export function matches(f: ReferralFilter, v: Projection): boolean {
  if (f.status !== undefined && v.status !== f.status) return false;
  if (f.open !== undefined && (v.status !== "closed") !== f.open) return false;
  if (f.window !== undefined && v.primaryWindowId !== f.window && !(v.access === "full" && v.involvedWindowIds.includes(f.window))) return false;
  if (v.access !== "full") return f.urgency === undefined && f.flag === undefined && f.language === undefined && f.overdue === undefined;
  if (f.urgency !== undefined && v.urgency !== f.urgency) return false;
  if (f.flag !== undefined && !v.flags.includes(f.flag)) return false;
  if (f.language !== undefined && v.language !== f.language) return false;
  if (f.overdue !== undefined && v.overdue !== f.overdue) return false;
  return true;
}

/** The filter as a database condition on the raw row: exactly `matches` for rows seen in full, a
 * superset for rows seen at "existence" (which `matches` then narrows). */
export function filterWhere(f: ReferralFilter, sla: SlaHours, now: Date): Prisma.ReferralWhereInput[] {
  const w: Prisma.ReferralWhereInput[] = [];
  if (f.status !== undefined) w.push({ status: f.status });
  if (f.open !== undefined) w.push(f.open ? { status: { not: "closed" } } : { status: "closed" });
  if (f.window !== undefined) w.push({ OR: [{ primaryWindowId: f.window }, { involvedWindowIds: { has: f.window } }] });
  if (f.urgency !== undefined) w.push({ urgency: f.urgency });
  if (f.flag !== undefined) w.push({ flags: { has: f.flag } });
  if (f.language !== undefined) w.push({ language: f.language });
  if (f.overdue !== undefined) w.push(f.overdue ? overdueWhere(sla, now) : { NOT: overdueWhere(sla, now) });
  return w;
}
