// The municipality's directory of windows (contract section 2), validated with zod at start.
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { parsePostalCode } from "./postalCode.ts";
import { z } from "zod";

export const WINDOW_TYPES = [
  "comprehensive", "multi_agency", "elderly", "disability", "child_family", "child_protection", "livelihood",
  "public_assistance", "housing", "outreach", "participation", "hikikomori", "mental_health", "dv", "employment",
  "foreign_residents", "environment", "legal_debt",
] as const;
export const WindowType = z.enum(WINDOW_TYPES);
export type WindowType = z.infer<typeof WindowType>;

/** A time of day as a clock shows it: 8:30, 17:15 (24:00 for midnight at the end of a day). */
const Clock = z.string().regex(/^(?:[01]?\d|2[0-3]):[0-5]\d$|^24:00$/, { error: "a time such as 8:30 or 17:15" });
export const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export const Day = z.enum(DAYS);
/** On which days: every weekday (not holidays), every day, or the days named. */
const Days = z.union([z.enum(["weekdays", "daily"]), z.array(Day).min(1)]);
export const HoursSpan = z
  .strictObject({ days: Days, from: Clock.optional(), to: Clock.optional() })
  .refine((s) => (s.from === undefined) === (s.to === undefined), { error: "give both from and to, or neither" });
export type HoursSpan = z.infer<typeof HoursSpan>;
/**
 * When a window or a line answers, as data that each language writes in its own words
 * (bot.json `hours.*`): around the clock, or on some days at some times.
 */
export const Schedule = z.union([z.strictObject({ always: z.literal(true) }), HoursSpan, z.array(HoursSpan).min(1)]);
export type Schedule = z.infer<typeof Schedule>;
/**
 * Hours: a schedule, or (as before) a text in Japanese with `hoursI18n` beside it for other
 * languages.
 */
export const Hours = z.union([z.string().min(1), Schedule]);
export type Hours = z.infer<typeof Hours>;
/** Notes on a window or a line (toll-free, anonymous …): keys under bot.json `contactNotes`. */
export const ContactNotes = z.array(z.string().regex(/^[a-z][a-z0-9_]*$/, { error: "a note code (letters, digits, _)" })).min(1);

export const WindowEntry = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  type: WindowType,
  name: z.string().min(1),
  areas: z.array(z.string()).min(1),
  phone: z.string().min(1),
  hours: Hours,
  /** For hours given as text: the hours in other languages (by locale code; "en" serves languages not listed). */
  hoursI18n: z.record(z.string(), z.string().min(1)).optional(),
  notes: ContactNotes.optional(),
  /** Where the window wants to hear of new, forwarded and escalated referrals. */
  notify: z
    .strictObject({
      webhook: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
      email: z.array(z.email()).optional(),
    })
    .optional(),
});
export type WindowEntry = z.infer<typeof WindowEntry>;

/** Yen per month by household size ("1", "2", …). */
const BySize = z.record(z.string().regex(/^[1-9]\d*$/), z.number().int().positive()).refine((r) => Object.keys(r).length > 0, {
  error: "list at least one household size",
});

export const Thresholds = z.strictObject({
  /** 住居確保給付金: 基準額 + 家賃 (default: 特別区). */
  housingBenefitIncomeLimit: BySize.default({ "1": 138_000, "2": 194_000 }),
  /** 最低生活費 for the 生活保護 pre-screen (生活扶助 + 住宅扶助, approximate: verify for the city). */
  minimumLiving: BySize.default({ "1": 130_000, "2": 180_000 }),
  /** Mean of the answered UCLA-3 items at or above which isolation is flagged (3 = 時々ある). */
  uclaMeanCutoff: z.number().min(1).max(4).default(3),
  /** must_leave within this many days is imminent. */
  housingLossDays: z.number().int().min(0).default(30),
});
export type Thresholds = z.infer<typeof Thresholds>;

export const Sla = z.strictObject({
  emergency: z.number().positive().default(1),
  urgent: z.number().positive().default(24),
  routine: z.number().positive().default(72),
});

export const CrisisContact = z
  .strictObject({
    name: z.string().min(1),
    phone: z.string().min(1),
    /** Left out when the notes say it all (hours differ by area). */
    hours: Hours.optional(),
    /** For hours given as text: the hours in other languages (by locale code; "en" serves languages not listed). */
    hoursI18n: z.record(z.string(), z.string()).optional(),
    notes: ContactNotes.optional(),
  })
  .refine((c) => c.hours !== undefined || c.notes !== undefined, { error: "give hours, notes, or both" });
export const CrisisContacts = z.strictObject({
  self_harm: z.array(CrisisContact).min(1),
  violence: z.array(CrisisContact).min(1),
  child_abuse: z.array(CrisisContact).min(1),
  homeless_tonight: z.array(CrisisContact).min(1),
  no_food: z.array(CrisisContact).min(1),
  medical: z.array(CrisisContact).min(1),
});
export type CrisisContacts = z.infer<typeof CrisisContacts>;

/** Hours given as text, in a language: Japanese as written, else the language's, else English. */
export function textHoursIn(hours: string, hoursI18n: Record<string, string> | undefined, lang: string): string {
  return lang.startsWith("ja") ? hours : (hoursI18n?.[lang] ?? hoursI18n?.en ?? hours);
}

export const Municipality = z
  .strictObject({
    name: z.string().min(1),
    areas: z
      .array(
        z.strictObject({
          code: z.string().regex(/^[a-z0-9_-]+$/),
          name: z.string().min(1),
          /** The town names (町名) residents know the area by. */
          towns: z.array(z.string().min(1)).optional(),
          /** The postal codes (郵便番号, written 123-4567) of the area: a resident may type theirs instead. */
          postalCodes: z.array(z.string().refine((c) => parsePostalCode(c) !== null, { error: "a postal code is seven digits, written 123-4567" })).optional(),
        }),
      )
      .min(1),
    windows: z.array(WindowEntry).min(1),
    thresholds: Thresholds.default(Thresholds.parse({})),
    /** Hours within which a referral must be accepted before it is escalated. */
    slaHours: Sla.default(Sla.parse({})),
    crisisContacts: CrisisContacts.optional(),
  })
  .superRefine((m, ctx) => {
    const codes = new Set(m.areas.map((a) => a.code));
    // A typed postal code must lead to one area: a code shared by two areas is listed under
    // neither (its residents choose their town instead).
    const postalArea = new Map<string, string>();
    m.areas.forEach((a, i) =>
      (a.postalCodes ?? []).forEach((c, j) => {
        const digits = parsePostalCode(c);
        if (digits === null) return;
        const other = postalArea.get(digits);
        if (other !== undefined && other !== a.code) ctx.addIssue({ code: "custom", path: ["areas", i, "postalCodes", j], message: `postal code ${c} is listed under both ${other} and ${a.code}; list it under one area` });
        postalArea.set(digits, a.code);
      }),
    );
    const ids = new Set<string>();
    m.windows.forEach((w, i) => {
      if (ids.has(w.id)) ctx.addIssue({ code: "custom", path: ["windows", i, "id"], message: `duplicate window id ${w.id}` });
      ids.add(w.id);
      w.areas.forEach((a, j) => {
        if (a !== "*" && !codes.has(a)) ctx.addIssue({ code: "custom", path: ["windows", i, "areas", j], message: `unknown area ${a}` });
      });
    });
    if (!m.windows.some((w) => w.type === "comprehensive" && w.areas.includes("*"))) {
      ctx.addIssue({ code: "custom", path: ["windows"], message: "a municipality-wide comprehensive window is required (断らない: every case needs an owner)" });
    }
  });
export type Municipality = z.infer<typeof Municipality>;

/**
 * What the area question needs from the directory: the area codes, and the towns and postal codes
 * (seven digits) each area is known by. One place, for the server's release and the tests.
 */
export function areaInputs(m: Pick<Municipality, "areas">): { areas: string[]; areaTowns: Record<string, string[]>; areaPostalCodes: Record<string, string[]> } {
  return {
    areas: m.areas.map((a) => a.code),
    areaTowns: Object.fromEntries(m.areas.map((a) => [a.code, a.towns ?? []])),
    areaPostalCodes: Object.fromEntries(m.areas.map((a) => [a.code, (a.postalCodes ?? []).flatMap((c) => parsePostalCode(c) ?? [])])),
  };
}

export class MunicipalityError extends Error {}

export function loadMunicipality(path: string): Municipality {
  return municipalityFrom(parse(readFileSync(path, "utf8")), path);
}

/** The directory of content held in memory (`where` names it in the error). */
export function municipalityFrom(raw: unknown, where = "municipality"): Municipality {
  const parsed = Municipality.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new MunicipalityError(`${where}: ${issue.path.join(".")}: ${issue.message}`);
  }
  return parsed.data;
}

/** The window of a type that serves the area, else the municipality-wide one of that type. */
export function windowFor(m: Municipality, type: WindowType, area: string | null): WindowEntry | null {
  const ofType = m.windows.filter((w) => w.type === type);
  return (area ? ofType.find((w) => w.areas.includes(area)) : undefined) ?? ofType.find((w) => w.areas.includes("*")) ?? ofType[0] ?? null;
}
