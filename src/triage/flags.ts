// Every flag of contract section 2, each with exactly the meaning written there, and the reason
// it was raised (a code with parameters; the words come from locales/<lang>/staff.json).
import type { Concern } from "../intake/codes.ts";
import type { Intake } from "../intake/intakeSchema.ts";
import type { Thresholds } from "../intake/municipality.ts";
import type { CrisisSignal } from "./signals.ts";
import type { Flag } from "./triageSchema.ts";
import { has, householdOf, is65plus, isChild, parentChildPairs } from "./household.ts";
import { figureForSize } from "./thresholds.ts";

export interface RawReason {
  code: string;
  params?: Record<string, string | number>;
}

export interface FlagResult {
  flags: Flag[];
  reasons: RawReason[];
}

const RENTED = ["rented_private", "public_housing", "company_housing"];
const HOMELESS_TENURE = ["net_cafe_or_street", "car"];

export function deriveFlags(intake: Intake, t: Thresholds, crises: CrisisSignal[]): FlagResult {
  const flags = new Set<Flag>();
  const reasons: RawReason[] = [];
  const raise = (flag: Flag, code: string, params?: Record<string, string | number>) => {
    if (!flags.has(flag)) reasons.push({ code: `flag.${flag}.${code}`, params });
    flags.add(flag);
  };
  const people = householdOf(intake);
  const members = people.filter((p) => !p.isPerson);
  const person = people[0]!;
  const { housing, income, safety } = intake;
  const crisis = (kind: CrisisSignal["kind"]) => crises.filter((c) => c.kind === kind);

  // The concerns the resident named.
  for (const c of intake.concerns) raise(c, "named");
  // Concerns other answers show.
  const derived = (c: Concern, code: string, when: boolean) => when && raise(c, code);
  derived("rent_loan_payment", "arrears", income.arrears.includes("rent") || income.arrears.includes("loans") || housing.risks.includes("rent_arrears"));
  derived("tax_utility_payment", "arrears", income.arrears.some((a) => ["tax", "utilities", "health_insurance", "phone"].includes(a)));
  derived("debt", "debt", income.debt === true);
  derived("care", "household", people.some((p) => has(p, "needs_care", "dementia")));
  derived("hikikomori_truancy", "household", people.some((p) => has(p, "truancy", "hikikomori")));
  derived("dv_abuse", "safety", safety.violence === "past" || safety.violence === "ongoing" || safety.childAtRisk === true || safety.elderOrDisabledAtRisk === true);
  derived("no_food", "food", income.food === "none_today");
  derived("housing", "housing", housing.risks.length > 0 || HOMELESS_TENURE.includes(housing.tenure ?? ""));
  derived("health_disability", "household", people.some((p) => has(p, "disability", "chronic_illness", "mental_illness", "addiction")));

  // Patterns.
  const pair8050 = parentChildPairs(people).find(([older, younger]) => is65plus(older) && younger.ageBand === "40-64" && has(younger, "unemployed", "hikikomori"));
  if (pair8050) raise("8050", "pair");
  const needsCare = people.some((p) => has(p, "needs_care", "dementia"));
  const hasChild = people.some((p) => isChild(p) || has(p, "infant"));
  if (needsCare && hasChild && (person.ageBand === "18-39" || person.ageBand === "40-64")) raise("double_care", "care_and_child");
  if (isChild(person)) {
    if (members.some((m) => has(m, "needs_care", "dementia", "disability", "chronic_illness", "mental_illness"))) raise("young_carer", "member_needs");
    else if (has(person, "caregiver")) raise("young_carer", "caregiver");
  }
  if (people.some((p) => has(p, "hikikomori"))) raise("hikikomori", "household");
  if (safety.elderOrDisabledAtRisk === true) raise("elder_abuse_risk", "answered");
  if (safety.childAtRisk === true) raise("child_abuse_risk", "answered");
  if (crisis("child_abuse").length > 0) {
    raise("child_abuse_risk", "message");
    raise("dv_abuse", "message");
  }
  if (safety.violence === "past" || safety.violence === "ongoing") raise("dv", safety.violence);
  if (crisis("violence").length > 0) {
    raise("dv", "message");
    raise("dv_abuse", "message");
  }
  if (safety.selfHarm === "thoughts" || safety.selfHarm === "plan_or_attempt") raise("suicide_risk", safety.selfHarm);
  if (crisis("self_harm").length > 0) raise("suicide_risk", "message");
  if (HOMELESS_TENURE.includes(housing.tenure ?? "")) raise("homeless", housing.tenure!);
  if (crisis("homeless_tonight").length > 0) {
    raise("homeless", "message");
    raise("housing", "message");
  }
  const mustLeaveSoon = housing.risks.includes("must_leave") && (housing.mustLeaveWithinDays === null || housing.mustLeaveWithinDays <= t.housingLossDays);
  if (housing.risks.includes("eviction_notice")) raise("housing_loss_imminent", "eviction_notice");
  else if (mustLeaveSoon) raise("housing_loss_imminent", "must_leave", { days: housing.mustLeaveWithinDays ?? "?" , limit: t.housingLossDays });
  if (housing.risks.length > 0 || income.arrears.includes("rent") || flags.has("homeless")) raise("housing_insecure", "risk");
  if (housing.risks.includes("hoarding")) raise("hoarding", "risk");
  const items: (number | null)[] = intake.isolation.ucla3 ?? [];
  const ucla = items.filter((v): v is number => v !== null);
  const mean = ucla.length > 0 ? ucla.reduce((a, b) => a + b, 0) / ucla.length : null;
  if (mean !== null && mean >= t.uclaMeanCutoff) raise("isolation", "ucla", { mean: Math.round(mean * 100) / 100, cutoff: t.uclaMeanCutoff });
  else if (intake.isolation.hasSomeoneToConsult === false) raise("isolation", "no_one");
  if (income.food === "none_today" || income.food === "often_short") raise("food_insecurity", income.food);
  if (crisis("no_food").length > 0) {
    raise("no_food", "message");
    raise("food_insecurity", "message");
  }
  if (intake.person.foreignNational === true && (intake.person.japaneseLevel === "basic" || intake.person.japaneseLevel === "none")) raise("language_support", "japanese_level");
  else if (intake.language !== "ja" && intake.language !== "ja-easy") raise("language_support", "language", { language: intake.language });
  if (housing.risks.includes("disaster_damage")) raise("disaster_victim", "risk");
  if (crisis("medical").length > 0) raise("medical_emergency", "message");
  if (people.some((p) => has(p, "released_from_institution"))) raise("released_from_institution", "household");

  const size = 1 + intake.household.members.length;
  const monthly = income.monthlyHouseholdIncome;
  const benefitLimit = figureForSize(t.housingBenefitIncomeLimit, size);
  if (
    RENTED.includes(housing.tenure ?? "") &&
    (intake.person.lostJobWithin2Years === true || intake.person.incomeDropped === true) &&
    monthly !== null && monthly <= benefitLimit &&
    income.savings !== "1m_or_more"
  ) {
    raise("housing_benefit_candidate", "prescreen", { income: monthly, limit: benefitLimit, size });
  }
  const minimum = figureForSize(t.minimumLiving, size);
  const noIncome = monthly === 0 || (monthly === null && income.sources.includes("none"));
  if ((noIncome || (monthly !== null && monthly < minimum)) && (income.savings === "none" || income.savings === "under_100k")) {
    raise("public_assistance_candidate", "prescreen", { income: monthly ?? 0, minimum, size });
  }
  return { flags: [...flags], reasons };
}
