// The intake record of contract section 1, as the one schema every edge parses with.
import { z } from "zod";
import {
  AgeBand, Arrear, Concern, Condition, Food, HousingRisk, IncomeSource, LocaleCode, Relation, Savings, Tenure, Work,
} from "./codes.ts";

const Ucla = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
export const Member = z.object({
  relation: Relation.nullable(),
  ageBand: AgeBand.nullable(),
  conditions: z.array(Condition),
});
export type Member = z.infer<typeof Member>;

export const Intake = z.object({
  version: z.literal(1),
  language: LocaleCode,
  respondent: z.enum(["self", "family", "supporter"]).nullable(),
  area: z.string().nullable(),
  person: z.object({
    ageBand: AgeBand.nullable(),
    foreignNational: z.boolean().nullable(),
    japaneseLevel: z.enum(["native", "conversational", "basic", "none"]).nullable(),
    work: Work.nullable(),
    lostJobWithin2Years: z.boolean().nullable(),
    incomeDropped: z.boolean().nullable(),
    conditions: z.array(Condition),
  }),
  household: z.object({ members: z.array(Member) }),
  housing: z.object({
    tenure: Tenure.nullable(),
    risks: z.array(HousingRisk),
    mustLeaveWithinDays: z.number().int().min(0).nullable(),
    monthlyRent: z.number().min(0).nullable(),
  }),
  income: z.object({
    monthlyHouseholdIncome: z.number().min(0).nullable(),
    sources: z.array(IncomeSource),
    savings: Savings.nullable(),
    arrears: z.array(Arrear),
    debt: z.boolean().nullable(),
    food: Food.nullable(),
  }),
  isolation: z.object({
    ucla3: z.tuple([Ucla.nullable(), Ucla.nullable(), Ucla.nullable()]).nullable(),
    hasSomeoneToConsult: z.boolean().nullable(),
  }),
  concerns: z.array(Concern),
  mainConcern: Concern.nullable(),
  safety: z.object({
    selfHarm: z.enum(["none", "thoughts", "plan_or_attempt"]).nullable(),
    violence: z.enum(["none", "past", "ongoing"]).nullable(),
    childAtRisk: z.boolean().nullable(),
    elderOrDisabledAtRisk: z.boolean().nullable(),
  }),
  freeText: z.string().nullable(),
  consent: z.object({
    shareWithRelatedWindows: z.boolean().nullable(),
    contactBy: z.enum(["line", "phone", "visit", "none"]).nullable(),
    at: z.string().nullable(),
  }),
  contact: z.object({ name: z.string().nullable(), phone: z.string().nullable() }),
});
export type Intake = z.infer<typeof Intake>;

/** An intake with nothing answered: the start of every conversation. */
export function emptyIntake(language: LocaleCode): Intake {
  return {
    version: 1,
    language,
    respondent: null,
    area: null,
    person: { ageBand: null, foreignNational: null, japaneseLevel: null, work: null, lostJobWithin2Years: null, incomeDropped: null, conditions: [] },
    household: { members: [] },
    housing: { tenure: null, risks: [], mustLeaveWithinDays: null, monthlyRent: null },
    income: { monthlyHouseholdIncome: null, sources: [], savings: null, arrears: [], debt: null, food: null },
    isolation: { ucla3: null, hasSomeoneToConsult: null },
    concerns: [],
    mainConcern: null,
    safety: { selfHarm: null, violence: null, childAtRisk: null, elderOrDisabledAtRisk: null },
    freeText: null,
    consent: { shareWithRelatedWindows: null, contactBy: null, at: null },
    contact: { name: null, phone: null },
  };
}
