// The contract's codes (shared/contract/INTAKE.md section 1 and 6), the one vocabulary.
import { z } from "zod";

export const LOCALE_CODES = ["ja", "ja-easy", "en", "zh-Hans", "zh-Hant", "ko", "vi", "pt-BR", "es", "tl", "ne", "id", "th", "my"] as const;
export const LocaleCode = z.enum(LOCALE_CODES);
export type LocaleCode = z.infer<typeof LocaleCode>;

export const AgeBand = z.enum(["0-17", "18-39", "40-64", "65-74", "75+"]);
export type AgeBand = z.infer<typeof AgeBand>;

export const Relation = z.enum(["spouse", "parent", "child", "grandparent", "grandchild", "sibling", "other_relative", "non_relative"]);
export const Condition = z.enum([
  "needs_care", "dementia", "disability", "chronic_illness", "mental_illness", "addiction", "hikikomori",
  "truancy", "unemployed", "pregnant", "infant", "caregiver", "released_from_institution",
]);
export type Condition = z.infer<typeof Condition>;

export const HousingRisk = z.enum([
  "rent_arrears", "eviction_notice", "must_leave", "landlord_refusal", "cannot_find_home", "hoarding",
  "unsafe_condition", "disaster_damage",
]);
export const Tenure = z.enum([
  "owned", "rented_private", "public_housing", "company_housing", "living_with_others", "facility_or_shelter",
  "net_cafe_or_street", "car", "other",
]);
export const Work = z.enum([
  "employed_regular", "employed_nonregular", "self_employed", "unemployed", "student", "retired", "unable_to_work", "other",
]);
export const IncomeSource = z.enum([
  "wages", "pension", "public_assistance", "child_allowance", "unemployment_benefit", "family_support", "none", "other",
]);
export const Savings = z.enum(["none", "under_100k", "under_1m", "1m_or_more"]);
export const Arrear = z.enum(["rent", "utilities", "tax", "health_insurance", "loans", "phone"]);
export const Food = z.enum(["none_today", "often_short", "sometimes_short", "enough"]);
export const Concern = z.enum([
  "health_disability", "housing", "income", "rent_loan_payment", "tax_utility_payment", "debt", "job_search",
  "work_trouble", "community", "family", "childrearing", "care", "hikikomori_truancy", "dv_abuse", "no_food", "other",
]);
export type Concern = z.infer<typeof Concern>;
