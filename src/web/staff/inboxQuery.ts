// What the inbox shows: the referrals the user may see (the same access rule as the staff API:
// an involved window without the resident's consent sees only that the case exists), open
// emergencies first, then overdue ones, then the newest; counts per status; a version that
// changes whenever any visible referral does (for the page's polling).
//
// The inbox reads no intake contents (only the columns of the referral row), so unlike
// ReferralService.list it writes no intake.read audit rows: opening a referral does.
import type { Prisma, Referral } from "../../generated/prisma/client.ts";
import type { Intake } from "../../intake/intakeSchema.ts";
import { accessOf, type Access } from "../../referrals/access.ts";
import type { Principal } from "../apiAuth.ts";
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

export function visibility(p: Principal): Prisma.ReferralWhereInput {
  if (p.role !== "caseworker") return {};
  return { OR: [{ primaryWindowId: { in: p.windowIds } }, { involvedWindowIds: { hasSome: p.windowIds } }] };
}

function filterWhere(f: InboxFilters, withStatus = true): Prisma.ReferralWhereInput[] {
  const w: Prisma.ReferralWhereInput[] = [];
  if (withStatus && f.status) w.push({ status: f.status });
  if (f.urgency) w.push({ urgency: f.urgency });
  if (f.window) w.push({ OR: [{ primaryWindowId: f.window }, { involvedWindowIds: { has: f.window } }] });
  if (f.flag) w.push({ flags: { has: f.flag } });
  if (f.language) w.push({ language: f.language });
  return w;
}

/** The SQL form of ReferralService.isOverdue: new or forwarded for longer than its SLA. */
export function overdueWhere(deps: Pick<ConsoleDeps, "municipality">, now: Date): Prisma.ReferralWhereInput {
  const sla = deps.municipality.slaHours;
  const before = (hours: number) => new Date(now.getTime() - hours * 3_600_000);
  return {
    status: { in: ["new", "forwarded"] },
    OR: [
      { urgency: "emergency", statusAt: { lt: before(sla.emergency) } },
      { urgency: "urgent", statusAt: { lt: before(sla.urgent) } },
      { urgency: { notIn: ["emergency", "urgent"] }, statusAt: { lt: before(sla.routine) } },
    ],
  };
}

export interface InboxRow {
  id: string;
  seq: bigint;
  referenceNo: string;
  status: string;
  urgency: string;
  primaryWindowId: string;
  createdAt: Date;
  overdue: boolean;
  access: Exclude<Access, "none">;
  /** Only with full access. */
  flags: string[] | null;
  language: string | null;
}

type RowSource = Pick<Referral, "id" | "seq" | "referenceNo" | "status" | "urgency" | "statusAt" | "primaryWindowId" | "involvedWindowIds" | "createdAt" | "flags" | "language" | "intakeEnc">;
const ROW_SELECT = {
  id: true, seq: true, referenceNo: true, status: true, urgency: true, statusAt: true, primaryWindowId: true,
  involvedWindowIds: true, createdAt: true, flags: true, language: true, intakeEnc: true,
} as const;

/** The access rule of the staff API; the intake is opened only when consent decides it. */
export function accessFor(deps: Pick<ConsoleDeps, "sealer">, p: Principal, r: Pick<Referral, "primaryWindowId" | "involvedWindowIds" | "intakeEnc">): Access {
  const consentMatters = p.role === "caseworker" && !p.windowIds.includes(r.primaryWindowId);
  const consent = consentMatters ? deps.sealer.openJson<Intake>(r.intakeEnc).consent.shareWithRelatedWindows : null;
  return accessOf(p, r, consent);
}

function toRow(deps: ConsoleDeps, p: Principal, r: RowSource): InboxRow | null {
  const access = accessFor(deps, p, r);
  if (access === "none") return null;
  return {
    id: r.id,
    seq: r.seq,
    referenceNo: r.referenceNo,
    status: r.status,
    urgency: r.urgency,
    primaryWindowId: r.primaryWindowId,
    createdAt: r.createdAt,
    overdue: deps.referrals.isOverdue(r),
    access,
    flags: access === "full" ? r.flags : null,
    language: access === "full" ? r.language : null,
  };
}

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
  const a = await deps.prisma.referral.aggregate({ where: visibility(p), _count: { _all: true }, _max: { updatedAt: true } });
  return `${a._count._all}-${a._max.updatedAt?.getTime() ?? 0}`;
}

export async function loadInbox(deps: ConsoleDeps, p: Principal, f: InboxFilters, now = new Date()): Promise<Inbox> {
  const { prisma } = deps;
  const base: Prisma.ReferralWhereInput = { AND: [visibility(p), ...filterWhere(f)] };
  // A flag or language filter must not reveal those of a case the user may only know exists.
  const hidesExistence = Boolean(f.flag || f.language);
  const keep = (rows: RowSource[]) => rows.map((r) => toRow(deps, p, r)).filter((r): r is InboxRow => r !== null && !(hidesExistence && r.access === "existence"));

  const [emergencyRows, overdueRows, newestRows, counts, openEmergencies, overdue, version] = await Promise.all([
    prisma.referral.findMany({ where: { AND: [base, { urgency: "emergency", status: { not: "closed" } }] }, orderBy: { seq: "desc" }, take: PINNED, select: ROW_SELECT }),
    prisma.referral.findMany({ where: { AND: [base, overdueWhere(deps, now), { urgency: { not: "emergency" } }] }, orderBy: { seq: "desc" }, take: PINNED, select: ROW_SELECT }),
    prisma.referral.findMany({
      where: { AND: [base, ...(f.before !== undefined ? [{ seq: { lt: f.before } }] : [])] },
      orderBy: { seq: "desc" },
      take: INBOX_PAGE + 1 + 2 * PINNED,
      select: ROW_SELECT,
    }),
    statusCounts(deps, p, f, hidesExistence),
    prisma.referral.count({ where: { AND: [visibility(p), { urgency: "emergency", status: { not: "closed" } }] } }),
    prisma.referral.count({ where: { AND: [visibility(p), overdueWhere(deps, now)] } }),
    inboxVersion(deps, p),
  ]);
  const pinned = f.before === undefined ? [...keep(emergencyRows), ...keep(overdueRows)] : [];
  const pinnedIds = new Set([...emergencyRows, ...overdueRows].map((r) => r.id));
  const newest = keep(newestRows.filter((r) => !pinnedIds.has(r.id)));
  const page = newest.slice(0, INBOX_PAGE);
  const more = newest.length > INBOX_PAGE || newestRows.length === INBOX_PAGE + 1 + 2 * PINNED;
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

async function statusCounts(deps: ConsoleDeps, p: Principal, f: InboxFilters, hidesExistence: boolean): Promise<Map<string, number>> {
  const where: Prisma.ReferralWhereInput = { AND: [visibility(p), ...filterWhere(f, false)] };
  const counts = new Map<string, number>();
  if (hidesExistence && p.role === "caseworker") {
    // Few rows (one caseworker's windows): decide access row by row, as the list does.
    const rows = await deps.prisma.referral.findMany({ where, select: { status: true, primaryWindowId: true, involvedWindowIds: true, intakeEnc: true } });
    for (const r of rows) if (accessFor(deps, p, r) === "full") counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
    return counts;
  }
  const groups = await deps.prisma.referral.groupBy({ by: ["status"], where, _count: { _all: true } });
  for (const g of groups) counts.set(g.status, g._count._all);
  return counts;
}

/** Every visible referral matching the filters, newest first (for the CSV export). */
export async function allRows(deps: ConsoleDeps, p: Principal, f: InboxFilters): Promise<(InboxRow & { involvedWindowIds: string[] })[]> {
  const rows = await deps.prisma.referral.findMany({ where: { AND: [visibility(p), ...filterWhere(f)] }, orderBy: { seq: "desc" }, select: ROW_SELECT });
  const hidesExistence = Boolean(f.flag || f.language);
  const out: (InboxRow & { involvedWindowIds: string[] })[] = [];
  for (const r of rows) {
    const row = toRow(deps, p, r);
    if (!row || (hidesExistence && row.access === "existence")) continue;
    out.push({ ...row, involvedWindowIds: row.access === "full" ? r.involvedWindowIds : [] });
  }
  return out;
}
