// What the inbox shows, through the referral read model (the same rows, filters and counts as the
// staff API): open emergencies first, then overdue ones, then the newest; counts per status; a
// version that changes whenever anything the user sees changes (for the page's polling).
//
// The inbox reads no intake contents (only the projection of each referral), so unlike the API's
// list it writes no intake.read audit rows: opening a referral does.
import type { Principal } from "../apiAuth.ts";
import type { ReferralFilter } from "../../referrals/referralFilter.ts";
import type { Projection } from "../../referrals/referralProjection.ts";
import type { ConsoleDeps } from "./consoleContext.ts";
import { FLAG_CODES, LANGUAGE_CODES, STATUS_CODES, URGENCY_CODES } from "./consoleCodes.ts";

export const INBOX_PAGE = 100;
/** At most this many open emergencies and overdue referrals are pinned above the newest. */
const PINNED = 100;

export interface InboxFilters {
  status?: string;
  urgency?: string;
  window?: string;
  flag?: string;
  language?: string;
  /** Paging: only referrals older than this seq. */
  before?: bigint;
}

const pick = (q: Record<string, unknown>, name: string): string | undefined => {
  const v = q[name];
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === "string" && s !== "" ? s : undefined;
};

/** Filters from the query string; unknown values are ignored rather than trusted. */
export function parseFilters(q: Record<string, unknown>, deps: Pick<ConsoleDeps, "municipality">): InboxFilters {
  const f: InboxFilters = {};
  const status = pick(q, "status");
  if (status && (STATUS_CODES as readonly string[]).includes(status)) f.status = status;
  const urgency = pick(q, "urgency");
  if (urgency && (URGENCY_CODES as readonly string[]).includes(urgency)) f.urgency = urgency;
  const window = pick(q, "window");
  if (window && deps.municipality.windows.some((w) => w.id === window)) f.window = window;
  const flag = pick(q, "flag");
  if (flag && FLAG_CODES.includes(flag)) f.flag = flag;
  const language = pick(q, "language");
  if (language && LANGUAGE_CODES.includes(language)) f.language = language;
  const before = pick(q, "before");
  if (before && /^\d{1,18}$/.test(before)) f.before = BigInt(before);
  return f;
}

/** The filters as query parameters (for links that keep them). */
export function filterParams(f: InboxFilters, change: Partial<Record<keyof InboxFilters, string | undefined>> = {}): string {
  const p = new URLSearchParams();
  for (const k of ["status", "urgency", "window", "flag", "language"] as const) {
    const v = k in change ? change[k] : f[k];
    if (v) p.set(k, v);
  }
  const s = p.toString();
  return s ? `?${s}` : "";
}

/** The inbox's filters as the read model's (paging apart). */
export function toReferralFilter(f: InboxFilters): ReferralFilter {
  const { before: _before, ...filter } = f;
  return filter;
}

/** A row of the inbox: the projection, which holds only what the user may see. */
export type InboxRow = Projection;

export interface Inbox {
  rows: InboxRow[];
  counts: Map<string, number>;
  total: number;
  openEmergencies: number;
  overdue: number;
  nextBefore: bigint | null;
  version: string;
}

export async function inboxVersion(deps: ConsoleDeps, p: Principal): Promise<string> {
  return deps.referrals.readModel.version(p);
}

export async function loadInbox(deps: ConsoleDeps, p: Principal, f: InboxFilters): Promise<Inbox> {
  const rm = deps.referrals.readModel;
  const filter = toReferralFilter(f);
  const firstPage = f.before === undefined;
  // Pinned sections filter on the urgency and overdue: rows seen only at "existence" never match.
  const emergencyFilter: ReferralFilter | null = f.urgency === undefined || f.urgency === "emergency" ? { ...filter, urgency: "emergency", open: true } : null;
  const [emergencies, overdueRows, newest, counts, openEmergencies, overdue, version] = await Promise.all([
    firstPage && emergencyFilter ? rm.page(p, emergencyFilter, { limit: PINNED }) : null,
    firstPage ? rm.page(p, { ...filter, overdue: true }, { limit: 2 * PINNED }) : null,
    // On the first page, enough to fill it after the pinned rows are taken out of it.
    rm.page(p, filter, { limit: firstPage ? INBOX_PAGE + 2 * PINNED : INBOX_PAGE, before: f.before }),
    rm.countByStatus(p, { ...filter, status: undefined }),
    rm.count(p, { urgency: "emergency", open: true }),
    rm.count(p, { overdue: true }),
    rm.version(p),
  ]);
  const pinned = [
    ...(emergencies?.entries ?? []),
    ...(overdueRows?.entries ?? []).filter((e) => e.projection.access === "full" && e.projection.urgency !== "emergency").slice(0, PINNED),
  ].map((e) => e.projection);
  const pinnedIds = new Set(pinned.map((r) => r.id));
  const rest = newest.entries.map((e) => e.projection).filter((r) => !pinnedIds.has(r.id));
  const page = rest.slice(0, INBOX_PAGE);
  const more = rest.length > INBOX_PAGE || newest.next !== null;
  let total = 0;
  for (const n of counts.values()) total += n;
  return {
    rows: [...pinned, ...page],
    counts,
    total,
    openEmergencies,
    overdue,
    nextBefore: more && page.length > 0 ? page[page.length - 1]!.seq : null,
    version,
  };
}

/** Every visible referral matching the filters, newest first (for the CSV export). */
export async function allRows(deps: ConsoleDeps, p: Principal, f: InboxFilters): Promise<InboxRow[]> {
  return (await deps.referrals.readModel.all(p, toReferralFilter(f))).map((e) => e.projection);
}
