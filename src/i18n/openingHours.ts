// Opening hours and notes of a window or a crisis line in a resident's language. A schedule is
// data (days and times, or around the clock) and each language writes it with its own words
// from bot.json `hours.*`; notes (toll-free, anonymous …) are keys under `contactNotes`. Hours
// still given as a Japanese text are shown with their `hoursI18n` translation.
import { DAYS, HoursSpan, textHoursIn, type Hours, type Schedule } from "../intake/municipality.ts";

/** A translator: i18next's t, or texts() over one bundle. */
export type Tx = (key: string, params?: Record<string, string>) => string;

export interface HoursEntry {
  hours?: Hours | undefined;
  hoursI18n?: Record<string, string> | undefined;
  notes?: string[] | undefined;
}

/** The hours and notes of a window or contact, e.g. "Weekdays 8:30–17:15" or "24 hours; free call". */
export function hoursText(entry: HoursEntry, lang: string, t: Tx): string {
  const hours = entry.hours === undefined ? null : typeof entry.hours === "string" ? textHoursIn(entry.hours, entry.hoursI18n, lang) : scheduleText(entry.hours, t);
  const notes = (entry.notes ?? []).map((n) => t(`contactNotes.${n}`)).join(t("hours.noteSeparator"));
  if (!notes) return hours ?? "";
  return hours === null ? notes : t("hours.withNotes", { hours, notes });
}

export function scheduleText(s: Schedule, t: Tx): string {
  if ("always" in s) return t("hours.always");
  return (Array.isArray(s) ? s : [s]).map((span) => spanText(span, t)).join(t("hours.spanSeparator"));
}

function spanText(span: HoursSpan, t: Tx): string {
  const days = daysText(span.days, t);
  return span.from === undefined ? days : t("hours.span", { days, from: span.from, to: span.to ?? "" });
}

function daysText(days: HoursSpan["days"], t: Tx): string {
  if (typeof days === "string") return t(`hours.days.${days}`);
  const at = days.map((d) => DAYS.indexOf(d));
  // Three or more days in a row read as a range (火〜土, Tue–Sat).
  const run = days.length >= 3 && at.every((v, i) => i === 0 || v === at[i - 1]! + 1);
  if (run) return t("hours.dayRange", { from: t(`hours.day.${days[0]}`), to: t(`hours.day.${days[days.length - 1]}`) });
  return days.map((d) => t(`hours.day.${d}`)).join(t("hours.daySeparator"));
}

/** A translator over one plain bundle (a release's bot.json) without i18next. */
export function texts(bundle: unknown): Tx {
  return (key, params = {}) => {
    let v: unknown = bundle;
    for (const part of key.split(".")) v = v && typeof v === "object" ? (v as Record<string, unknown>)[part] : undefined;
    return typeof v === "string" ? v.replace(/\{\{(\w+)\}\}/g, (_, name: string) => params[name] ?? "") : key;
  };
}

/**
 * What an administrator typed as hours, read back as a schedule when it is written as the
 * language writes schedules ("平日 8:30〜17:15", "火〜土 10:00〜17:00", "24時間"; "24h" too),
 * else kept as the text it is.
 */
export function parseHoursInput(input: string, t: Tx): Hours {
  const s = input.trim();
  if (s === t("hours.always") || /^24\s*h$/i.test(s)) return { always: true };
  const spans = s.split(t("hours.spanSeparator")).map((part) => parseSpan(part.trim(), t));
  if (spans.length === 0 || spans.some((x) => x === null)) return s;
  return spans.length === 1 ? spans[0]! : (spans as HoursSpan[]);
}

const DASH = /\s*[〜~\-–－]\s*/;

function parseSpan(part: string, t: Tx): HoursSpan | null {
  const m = /^(.+?)\s+(\d{1,2}:\d{2})\s*[〜~\-–－]\s*(\d{1,2}:\d{2})$/.exec(part);
  const days = parseDays((m ? m[1]! : part).trim(), t);
  if (!days) return null;
  const span = HoursSpan.safeParse(m ? { days, from: m[2], to: m[3] } : { days });
  return span.success ? span.data : null;
}

function parseDays(s: string, t: Tx): HoursSpan["days"] | null {
  if (s === t("hours.days.weekdays")) return "weekdays";
  if (s === t("hours.days.daily")) return "daily";
  const day = (x: string) => DAYS.find((d) => t(`hours.day.${d}`) === x.trim());
  const range = s.split(DASH);
  if (range.length === 2) {
    const [a, b] = [day(range[0]!), day(range[1]!)];
    if (a && b && DAYS.indexOf(a) < DAYS.indexOf(b)) return DAYS.slice(DAYS.indexOf(a), DAYS.indexOf(b) + 1);
    return null;
  }
  const list = s.split(t("hours.daySeparator")).map(day);
  return list.every((d) => d !== undefined) ? (list as HoursSpan["days"] & string[]) : null;
}

/** Hours as an administrator reads and types them: a schedule written as in `t`'s language. */
export function hoursInputText(hours: Hours | undefined, t: Tx): string {
  return hours === undefined ? "" : typeof hours === "string" ? hours : scheduleText(hours, t);
}
