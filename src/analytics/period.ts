// The period an analytics page covers: a week (Monday to Sunday), a month, or a fiscal year
// (1 April to 31 March, as a Japanese city reports), in Japan's time (UTC+9, no summer time), so
// that a case at 08:00 on 1 April JST belongs to the new fiscal year. Half-open: [from, to).
import { z } from "zod";

export const PERIOD_KINDS = ["week", "month", "fiscalYear"] as const;
export const PeriodKind = z.enum(PERIOD_KINDS);
export type PeriodKind = z.infer<typeof PeriodKind>;

const JST_MS = 9 * 3_600_000;
const DAY_MS = 86_400_000;

export interface Period {
  kind: PeriodKind;
  /** First day in Japan's calendar, YYYY-MM-DD: what the page's form and links carry. */
  start: string;
  from: Date;
  to: Date;
  /** The fiscal year's starting calendar year (令和/平成 years are the staff's to read). */
  fiscalYear: number;
}

/** A calendar day as YYYY-MM-DD: the only form `start` may take. */
export const DayString = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s));

/** Midnight JST of the given JST calendar day, as an instant. */
const jstMidnight = (y: number, m0: number, d: number) => new Date(Date.UTC(y, m0, d) - JST_MS);

/** The JST calendar day of an instant. */
export function jstDay(at: Date): { y: number; m0: number; d: number; weekday: number } {
  const j = new Date(at.getTime() + JST_MS);
  return { y: j.getUTCFullYear(), m0: j.getUTCMonth(), d: j.getUTCDate(), weekday: j.getUTCDay() };
}

const dayString = (at: Date) => new Date(at.getTime() + JST_MS).toISOString().slice(0, 10);

/** The period of this kind that contains the instant `at`. */
export function periodContaining(kind: PeriodKind, at: Date): Period {
  const { y, m0, d, weekday } = jstDay(at);
  let from: Date;
  let to: Date;
  switch (kind) {
    case "week": {
      const back = (weekday + 6) % 7; // Monday is the first day
      from = jstMidnight(y, m0, d - back);
      to = new Date(from.getTime() + 7 * DAY_MS);
      break;
    }
    case "month":
      from = jstMidnight(y, m0, 1);
      to = jstMidnight(y, m0 + 1, 1);
      break;
    case "fiscalYear": {
      const fy = m0 >= 3 ? y : y - 1;
      from = jstMidnight(fy, 3, 1);
      to = jstMidnight(fy + 1, 3, 1);
      break;
    }
    default: {
      const never: never = kind;
      throw new Error(`unknown period ${String(never)}`);
    }
  }
  const first = jstDay(from);
  return { kind, start: dayString(from), from, to, fiscalYear: first.m0 >= 3 ? first.y : first.y - 1 };
}

/** The period of this kind containing the JST day `start` (YYYY-MM-DD). */
export function periodOf(kind: PeriodKind, start: string): Period {
  const [y, m, d] = DayString.parse(start).split("-").map(Number) as [number, number, number];
  return periodContaining(kind, jstMidnight(y, m - 1, d));
}

/** The period just before, and just after (for the page's links). */
export function previousPeriod(p: Period): Period {
  return periodContaining(p.kind, new Date(p.from.getTime() - 1));
}
export function nextPeriod(p: Period): Period {
  return periodContaining(p.kind, p.to);
}
