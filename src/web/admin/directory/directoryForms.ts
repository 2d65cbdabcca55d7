// The directory page's forms, parsed with zod. Each issue's message is a code worded by the page
// (console.json admin.directory.errors.<code>), and its path names the field.
import { z } from "zod";
import { CRISIS_KINDS } from "../../../crisis/crisisKinds.ts";
import { WINDOW_TYPES } from "../../../intake/municipality.ts";
import { formatPostalCode, parsePostalCode } from "../../../intake/postalCode.ts";

const one = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const text = (max: number) =>
  z.preprocess((v) => (typeof one(v) === "string" ? (one(v) as string).trim() : ""), z.string().min(1, { error: "required" }).max(max, { error: "tooLong" }));
const optionalText = (max: number) => z.preprocess((v) => (typeof one(v) === "string" ? (one(v) as string).trim() : ""), z.string().max(max, { error: "tooLong" }));
/** Lines, or items separated by commas or 、, without blanks. */
const list = (item: z.ZodType<string>) =>
  z.preprocess(
    (v) => (typeof one(v) === "string" ? (one(v) as string).split(/[\n,、]/).map((s) => s.trim()).filter(Boolean) : []),
    z.array(item).max(200, { error: "tooMany" }),
  );
const many = (v: unknown) => (Array.isArray(v) ? v : typeof v === "string" && v !== "" ? [v] : []);

export const Code = text(40).pipe(z.string().regex(/^[a-z0-9_-]+$/, { error: "code" }));
export const WindowId = text(60).pipe(z.string().regex(/^[a-z0-9-]+$/, { error: "windowId" }));
const Phone = text(30).pipe(z.string().regex(/^[0-9#+*()\- ]+$/, { error: "phone" }));

/** "en: 24 hours" a line → { en: "24 hours" }; the languages are checked against the release. */
export const HoursI18n = z.preprocess(
  (v) => (typeof one(v) === "string" ? (one(v) as string).split("\n").map((s) => s.trim()).filter(Boolean) : []),
  z.array(z.string().regex(/^[A-Za-z-]+\s*[:：]\s*\S/, { error: "hoursLine" })).transform((lines) =>
    Object.fromEntries(lines.map((l) => {
      const cut = l.search(/[:：]/);
      return [l.slice(0, cut).trim(), l.slice(cut + 1).trim()];
    })),
  ),
);

/** Note codes (keys under bot.json contactNotes), separated by commas or spaces; checked against the release. */
const Notes = z.preprocess(
  (v) => (typeof one(v) === "string" ? (one(v) as string).split(/[\s,、]+/).filter(Boolean) : []),
  z.array(z.string().regex(/^[a-z][a-z0-9_]*$/, { error: "noteCode" })).max(20, { error: "tooMany" }),
);

/** A postal code as people write it (〒123-4567, 1234567, full-width), kept as 123-4567. */
const PostalCode = z.string().transform((s, ctx) => {
  const digits = parsePostalCode(s);
  if (digits === null) {
    ctx.addIssue({ code: "custom", message: "postalCode" });
    return z.NEVER;
  }
  return formatPostalCode(digits);
});

export const AreaForm = z.object({
  code: Code,
  name: text(100),
  towns: list(z.string().max(100, { error: "tooLong" })),
  postalCodes: list(PostalCode),
});

export const AreaRef = z.object({ code: Code });

export const WindowForm = z.object({
  id: WindowId,
  type: z.preprocess(one, z.enum(WINDOW_TYPES, { error: "windowType" })),
  name: text(200),
  areas: z.preprocess(many, z.array(z.string()).min(1, { error: "areasRequired" })),
  phone: Phone,
  hours: text(200),
  hoursI18n: HoursI18n,
  notes: Notes,
  webhook: optionalText(2000).pipe(z.union([z.literal(""), z.url({ protocol: /^https?$/, error: "webhook" })])),
  emails: list(z.email({ error: "email" })),
});
export type WindowForm = z.infer<typeof WindowForm>;

export const WindowRef = z.object({ id: WindowId });

export const HOUSEHOLD_SIZES = [1, 2, 3, 4, 5, 6, 7, 8] as const;
const amount = z.preprocess((v) => {
  const s = typeof one(v) === "string" ? (one(v) as string).replace(/[,\s円]/g, "") : "";
  return s === "" ? undefined : Number(s);
}, z.number({ error: "number" }).int({ error: "wholeNumber" }).positive({ error: "positive" }).max(10_000_000, { error: "tooLarge" }).optional());
const hours = z.preprocess((v) => (typeof one(v) === "string" && one(v) !== "" ? Number(one(v)) : undefined), z.number({ error: "number" }).positive({ error: "positive" }).max(24 * 365, { error: "tooLarge" }));

export const ThresholdsForm = z
  .object({
    ...Object.fromEntries(HOUSEHOLD_SIZES.flatMap((n) => [[`housing_${n}`, amount], [`living_${n}`, amount]])),
    ucla: z.preprocess((v) => (typeof one(v) === "string" && one(v) !== "" ? Number(one(v)) : undefined), z.number({ error: "number" }).min(1, { error: "uclaRange" }).max(4, { error: "uclaRange" })),
    housingLossDays: z.preprocess((v) => (typeof one(v) === "string" && one(v) !== "" ? Number(one(v)) : undefined), z.number({ error: "number" }).int({ error: "wholeNumber" }).min(0, { error: "notNegative" }).max(365, { error: "tooLarge" })),
    sla_emergency: hours,
    sla_urgent: hours,
    sla_routine: hours,
  })
  .transform((f) => {
    const bySize = (prefix: string) =>
      Object.fromEntries(HOUSEHOLD_SIZES.flatMap((n) => ((f as Record<string, unknown>)[`${prefix}_${n}`] === undefined ? [] : [[String(n), (f as Record<string, number>)[`${prefix}_${n}`]!]])));
    return {
      housingBenefitIncomeLimit: bySize("housing") as Record<string, number>,
      minimumLiving: bySize("living") as Record<string, number>,
      uclaMeanCutoff: f.ucla,
      housingLossDays: f.housingLossDays,
      sla: { emergency: f.sla_emergency, urgent: f.sla_urgent, routine: f.sla_routine },
    };
  })
  .superRefine((t, ctx) => {
    // A larger household needs more to live on: each listed size's figure above the smaller one's.
    for (const [field, table] of [["housing", t.housingBenefitIncomeLimit], ["living", t.minimumLiving]] as const) {
      const sizes = Object.keys(table).map(Number).sort((a, b) => a - b);
      if (sizes.length === 0) ctx.addIssue({ code: "custom", path: [`${field}_1`], message: "sizeRequired" });
      sizes.forEach((n, i) => {
        if (i > 0 && table[String(n)]! <= table[String(sizes[i - 1])]!) ctx.addIssue({ code: "custom", path: [`${field}_${n}`], message: "rising" });
      });
    }
    if (!(t.sla.emergency <= t.sla.urgent && t.sla.urgent <= t.sla.routine)) ctx.addIssue({ code: "custom", path: ["sla_urgent"], message: "slaOrder" });
  });
export type ThresholdsForm = z.infer<typeof ThresholdsForm>;

export const CrisisRef = z.object({
  kind: z.preprocess(one, z.enum(CRISIS_KINDS, { error: "crisisKind" })),
  index: z.preprocess((v) => (typeof one(v) === "string" ? Number(one(v)) : undefined), z.number({ error: "number" }).int().min(0)).optional(),
});

export const CrisisForm = CrisisRef.extend({
  name: text(200),
  phone: Phone,
  /** May stay empty when the notes say it all (hours differ by area). */
  hours: optionalText(200),
  hoursI18n: HoursI18n,
  notes: Notes,
});
export type CrisisForm = z.infer<typeof CrisisForm>;

/** The revision the form was rendered from. */
export const Revision = z.object({ revision: z.preprocess(one, z.coerce.number({ error: "number" }).int().min(0)) });

export interface FieldError {
  field: string;
  code: string;
}

export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((i) => ({ field: String(i.path[0] ?? ""), code: /^[a-zA-Z]+$/.test(i.message) && i.message.length < 20 ? i.message : "invalid" }));
}
