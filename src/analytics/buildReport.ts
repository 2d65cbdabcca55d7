// The analytics report (issue 15) as tables of codes and protected numbers, pure: the page, the
// charts and the CSV downloads all read these same tables, so a figure is computed once.
//
// Conversations are those whose first question was shown in the period; referrals those created
// in it. Every count of people goes through the small-cell rule (smallCells.ts).
import { Concern } from "../intake/codes.ts";
import type { AnalyticsInput, AnalyticsSetting, ConversationRecord, ReferralRecord } from "./analyticsInput.ts";
import { protectCount, protectedShare, protectedStatistic, protectTable, type Cell } from "./smallCells.ts";
import { median, p90 } from "./statistics.ts";

/** What a label column holds codes of: the page words each through the console's texts. */
export type Dimension =
  | "stage" | "step" | "section" | "language" | "respondent" | "ageBand" | "area" | "crisisKind" | "concern" | "concernPair"
  | "flag" | "urgency" | "window" | "windowPair" | "sitting" | "measure";

export type Column =
  | { id: string; kind: "label"; dim: Dimension }
  | { id: string; kind: "count" }
  | { id: string; kind: "share" }
  | { id: string; kind: "hours" | "minutes" | "answers" };

export type Value = string | Cell | number | null;
export type Row = Record<string, Value>;

export const TABLE_IDS = [
  "funnel", "dropOff", "effort", "sittings", "conversationsByLanguage", "referralsByLanguage", "referralsByRespondent",
  "referralsByAgeBand", "referralsByArea", "crises", "concerns", "concernPairs", "flags", "needsSummary", "urgency",
  "windows", "forwards", "followThroughSummary",
] as const;
export type TableId = (typeof TABLE_IDS)[number];

export interface Table {
  id: TableId;
  /** Whether the area or window filter applies (referrals) or the whole city is counted. */
  scope: "conversations" | "referrals";
  columns: Column[];
  rows: Row[];
  /** For tables whose rows partition the people counted (small-cell rule 3). */
  total?: { n: number; partial: boolean };
  /** The bar chart beside the table: its label column and its count column. */
  chart?: { label: string; value: string };
}

export interface Report {
  tables: Table[];
}

/** A gap longer than this between two questions means the resident came back later. */
export const SITTING_GAP_MINUTES = 30;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
const TOP_PAIRS = 10;
export const NO_ANSWER = "none";
export const UNKNOWN = "unknown";

const label = (id: string, dim: Dimension): Column => ({ id, kind: "label", dim });
const count = (id: string): Column => ({ id, kind: "count" });
const share = (id: string): Column => ({ id, kind: "share" });

/** Counts by key, in first-seen order unless `order` says otherwise. */
function tally(keys: readonly string[], order?: readonly string[]): { key: string; n: number }[] {
  const m = new Map<string, number>((order ?? []).map((k) => [k, 0]));
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return [...m].map(([key, n]) => ({ key, n }));
}

const byCountDesc = (a: { key: string; n: number }, b: { key: string; n: number }) => b.n - a.n || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** A partition of people as a table: label, count, share of all of them. */
function partitionTable(id: TableId, scope: Table["scope"], dim: Dimension, counts: { key: string; n: number }[], of: number): Table {
  const p = protectTable(counts);
  return {
    id,
    scope,
    columns: [label("key", dim), count("count"), share("share")],
    rows: p.rows.map((r) => ({ key: r.key, count: r.cell, share: protectedShare(r.cell, of) })),
    total: p.total,
    chart: { label: "key", value: "count" },
  };
}

/** Counts that overlap (one person may be in several rows): each protected on its own. */
function overlapTable(id: TableId, scope: Table["scope"], dim: Dimension, counts: { key: string; n: number }[], of: number): Table {
  return {
    id,
    scope,
    columns: [label("key", dim), count("count"), share("share")],
    rows: counts.map((c) => {
      const cell = protectCount(c.n);
      return { key: c.key, count: cell, share: protectedShare(cell, of) };
    }),
    chart: { label: "key", value: "count" },
  };
}

// ---- conversations ------------------------------------------------------------------------

const answered = (c: ConversationRecord) => c.events.filter((e) => e.kind === "answered");
const reached = (c: ConversationRecord, section: string) => c.events.some((e) => e.kind === "shown" && e.section === section);

function funnel(cs: ConversationRecord[], setting: AnalyticsSetting): Table {
  const started = cs.length;
  const stages: { key: string; n: number }[] = [
    { key: "started", n: started },
    { key: "languageChosen", n: cs.filter((c) => answered(c).some((e) => e.section === "language")).length },
    ...setting.sections.filter((s) => s !== "language" && s !== "summary").map((s) => ({ key: `section:${s}`, n: cs.filter((c) => reached(c, s)).length })),
    { key: "summaryReached", n: cs.filter((c) => reached(c, "summary")).length },
    { key: "completed", n: cs.filter((c) => c.status === "completed").length },
    { key: "abandoned", n: cs.filter((c) => c.status === "abandoned").length },
  ];
  return overlapTable("funnel", "conversations", "stage", stages, started);
}

/** Of the conversations not completed, which question was answered last (worst first). */
function dropOff(cs: ConversationRecord[], setting: AnalyticsSetting): Table {
  const last = cs.filter((c) => c.status !== "completed").map((c) => answered(c).at(-1)?.stepId ?? NO_ANSWER);
  const order = [NO_ANSWER, ...setting.steps.map((s) => s.id)];
  const counts = tally(last)
    .sort((a, b) => b.n - a.n || order.indexOf(a.key) - order.indexOf(b.key));
  const p = protectTable(counts);
  const sectionOf = new Map(setting.steps.map((s) => [s.id, s.section]));
  return {
    id: "dropOff",
    scope: "conversations",
    columns: [label("step", "step"), label("section", "section"), count("count"), share("share")],
    rows: p.rows.map((r) => ({ step: r.key, section: sectionOf.get(r.key) ?? NO_ANSWER, count: r.cell, share: protectedShare(r.cell, cs.length) })),
    total: p.total,
    chart: { label: "step", value: "count" },
  };
}

/** Whether a conversation went on without a break longer than SITTING_GAP_MINUTES. */
function oneSitting(c: ConversationRecord): boolean {
  return c.events.every((e, i) => i === 0 || e.at.getTime() - c.events[i - 1]!.at.getTime() <= SITTING_GAP_MINUTES * MINUTE_MS);
}

function effort(cs: ConversationRecord[]): Table[] {
  const done = cs.filter((c) => c.status === "completed" && c.events.length > 0);
  const answers = done.map((c) => answered(c).length);
  const minutes = done.map((c) => (c.events.at(-1)!.at.getTime() - c.events[0]!.at.getTime()) / MINUTE_MS);
  const n = protectCount(done.length);
  const stat = (v: number[], f: (x: readonly number[]) => number | null) => protectedStatistic(v, f);
  const sittings = tally(done.map((c) => (oneSitting(c) ? "oneSitting" : "resumed")), ["oneSitting", "resumed"]);
  return [
    {
      id: "effort",
      scope: "conversations",
      columns: [label("measure", "measure"), count("completed"), { id: "median", kind: "answers" }, { id: "p90", kind: "answers" }],
      rows: [
        { measure: "answers", completed: n, median: stat(answers, median), p90: stat(answers, p90) },
        { measure: "minutes", completed: n, median: stat(minutes, median), p90: stat(minutes, p90) },
      ],
    },
    partitionTable("sittings", "conversations", "sitting", sittings, done.length),
  ];
}

function conversationsByLanguage(cs: ConversationRecord[]): Table {
  return partitionTable("conversationsByLanguage", "conversations", "language", tally(cs.map((c) => c.language ?? UNKNOWN)).sort(byCountDesc), cs.length);
}

function crises(input: AnalyticsInput): Table {
  const byKind = new Map<string, Set<string>>();
  for (const s of input.crises) byKind.set(s.kind, (byKind.get(s.kind) ?? new Set()).add(s.conversationId));
  const people = new Set(input.crises.map((s) => s.conversationId)).size;
  const counts = [...byKind].map(([key, set]) => ({ key, n: set.size })).sort(byCountDesc);
  return overlapTable("crises", "conversations", "crisisKind", counts, people);
}

// ---- referrals ----------------------------------------------------------------------------

function who(rs: ReferralRecord[]): Table[] {
  const of = rs.length;
  const t = (id: TableId, dim: Dimension, pick: (r: ReferralRecord) => string | null) =>
    partitionTable(id, "referrals", dim, tally(rs.map((r) => pick(r) ?? UNKNOWN)).sort(byCountDesc), of);
  return [
    t("referralsByLanguage", "language", (r) => r.language),
    t("referralsByRespondent", "respondent", (r) => r.respondent),
    t("referralsByAgeBand", "ageBand", (r) => r.ageBand),
    t("referralsByArea", "area", (r) => r.area),
  ];
}

function needs(rs: ReferralRecord[]): Table[] {
  const of = rs.length;
  const concernCodes = new Set<string>(Concern.options);
  const concerns = tally(rs.flatMap((r) => [...new Set(r.concerns)])).sort(byCountDesc);
  const pairs = tally(
    rs.flatMap((r) => {
      const c = [...new Set(r.concerns)].sort();
      return c.flatMap((a, i) => c.slice(i + 1).map((b) => `${a}+${b}`));
    }),
  )
    .sort(byCountDesc)
    .slice(0, TOP_PAIRS);
  // Flags of patterns (8050, dv, …): the concerns have their own table above.
  const flags = tally(rs.flatMap((r) => [...new Set(r.flags)].filter((f) => !concernCodes.has(f)))).sort(byCountDesc);
  const compound = protectCount(rs.filter((r) => r.flags.includes("compound")).length);
  const urgencies = tally(rs.map((r) => r.urgency), ["emergency", "urgent", "routine"]);
  return [
    overlapTable("concerns", "referrals", "concern", concerns, of),
    overlapTable("concernPairs", "referrals", "concernPair", pairs, of),
    overlapTable("flags", "referrals", "flag", flags, of),
    {
      id: "needsSummary",
      scope: "referrals",
      columns: [label("measure", "measure"), count("count"), share("share")],
      rows: [
        { measure: "referrals", count: protectCount(of), share: null },
        { measure: "compound", count: compound, share: protectedShare(compound, of) },
      ],
    },
    partitionTable("urgency", "referrals", "urgency", urgencies, of),
  ];
}

const firstAt = (r: ReferralRecord, status: string) => r.events.find((e) => e.toStatus === status && e.fromStatus !== status)?.at ?? null;
const hoursSince = (r: ReferralRecord, at: Date | null) => (at ? (at.getTime() - r.createdAt.getTime()) / HOUR_MS : null);

function slaOf(setting: AnalyticsSetting, urgency: string): number {
  return urgency === "emergency" || urgency === "urgent" ? setting.slaHours[urgency] : setting.slaHours.routine;
}

/** Accepted within the SLA of its urgency, counted from its creation. */
const acceptedInTime = (setting: AnalyticsSetting, r: ReferralRecord) => {
  const h = hoursSince(r, firstAt(r, "accepted"));
  return h !== null && h <= slaOf(setting, r.urgency);
};

function followThrough(rs: ReferralRecord[], setting: AnalyticsSetting): Table[] {
  const byWindow = new Map<string, ReferralRecord[]>();
  for (const r of rs) byWindow.set(r.primaryWindowId, [...(byWindow.get(r.primaryWindowId) ?? []), r]);
  const order = [...byWindow].map(([key, list]) => ({ key, n: list.length })).sort(byCountDesc);
  const p = protectTable(order);
  const rows = p.rows.map((pr): Row => {
    const list = byWindow.get(pr.key)!;
    const accept = list.map((r) => hoursSince(r, firstAt(r, "accepted"))).filter((h): h is number => h !== null);
    const close = list.map((r) => hoursSince(r, firstAt(r, "closed"))).filter((h): h is number => h !== null);
    const acceptedCell = protectCount(accept.length);
    const inTime = protectCount(list.filter((r) => acceptedInTime(setting, r)).length);
    return {
      window: pr.key,
      referrals: pr.cell,
      accepted: pr.cell.kind === "count" ? acceptedCell : { kind: "withheld" },
      acceptMedian: pr.cell.kind === "count" ? protectedStatistic(accept, median) : null,
      acceptP90: pr.cell.kind === "count" ? protectedStatistic(accept, p90) : null,
      withinSla: pr.cell.kind === "count" ? protectedShare(inTime, list.length) : null,
      closed: pr.cell.kind === "count" ? protectCount(close.length) : { kind: "withheld" },
      closeMedian: pr.cell.kind === "count" ? protectedStatistic(close, median) : null,
      closeP90: pr.cell.kind === "count" ? protectedStatistic(close, p90) : null,
    };
  });
  const windows: Table = {
    id: "windows",
    scope: "referrals",
    columns: [
      label("window", "window"), count("referrals"), count("accepted"), { id: "acceptMedian", kind: "hours" }, { id: "acceptP90", kind: "hours" }, share("withinSla"),
      count("closed"), { id: "closeMedian", kind: "hours" }, { id: "closeP90", kind: "hours" },
    ],
    rows,
    total: p.total,
    chart: { label: "window", value: "referrals" },
  };

  // Forwards from → to, read from the owning window the lifecycle events record.
  const pairs: string[] = [];
  for (const r of rs) {
    const seen = new Set<string>();
    let owner: string | null = null;
    for (const e of r.events) {
      if (e.toStatus === "forwarded" && e.fromStatus !== null && owner && e.windowId && owner !== e.windowId) seen.add(`${owner}>${e.windowId}`);
      if (e.windowId) owner = e.windowId;
    }
    pairs.push(...seen);
  }
  const forwards: Table = {
    id: "forwards",
    scope: "referrals",
    columns: [label("pair", "windowPair"), count("count")],
    rows: tally(pairs).sort(byCountDesc).map((c) => ({ pair: c.key, count: protectCount(c.n) })),
    chart: { label: "pair", value: "count" },
  };

  const escalated = protectCount(rs.filter((r) => r.events.some((e) => e.toStatus === "escalated")).length);
  const forwarded = protectCount(rs.filter((r) => r.events.some((e) => e.toStatus === "forwarded")).length);
  const callbacks = rs.filter((r) => r.contactBy === "phone");
  const requested = protectCount(callbacks.length);
  const kept = protectCount(callbacks.filter((r) => acceptedInTime(setting, r)).length);
  const inTime = protectCount(rs.filter((r) => acceptedInTime(setting, r)).length);
  const summary: Table = {
    id: "followThroughSummary",
    scope: "referrals",
    columns: [label("measure", "measure"), count("count"), share("share")],
    rows: [
      { measure: "acceptedWithinSla", count: inTime, share: protectedShare(inTime, rs.length) },
      { measure: "escalated", count: escalated, share: protectedShare(escalated, rs.length) },
      { measure: "forwarded", count: forwarded, share: protectedShare(forwarded, rs.length) },
      { measure: "callbacksRequested", count: requested, share: protectedShare(requested, rs.length) },
      { measure: "callbacksKept", count: kept, share: protectedShare(kept, callbacks.length) },
    ],
  };
  return [windows, forwards, summary];
}

export function buildReport(input: AnalyticsInput, setting: AnalyticsSetting): Report {
  const cs = input.conversations;
  const rs = input.referrals;
  const tables = [
    funnel(cs, setting),
    dropOff(cs, setting),
    ...effort(cs),
    conversationsByLanguage(cs),
    ...who(rs),
    crises(input),
    ...needs(rs),
    ...followThrough(rs, setting),
  ];
  // In TABLE_IDS order: the page, the CSV links and the tests name them the same way.
  return { tables: TABLE_IDS.map((id) => tables.find((t) => t.id === id)!) };
}

export const tableOf = (r: Report, id: TableId): Table => r.tables.find((t) => t.id === id)!;

/** The bars of a table's chart: its label codes and shown counts (a hidden cell has no bar). */
export function chartData(table: Table): { key: string; value: number }[] {
  if (!table.chart) return [];
  const { label, value } = table.chart;
  return table.rows.flatMap((r) => {
    const cell = r[value] as Cell;
    return cell.kind === "count" ? [{ key: r[label] as string, value: cell.n }] : [];
  });
}
