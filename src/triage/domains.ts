// The domains of contract section 2 ("compound"): problems in two or more count as compound.
import type { Flag } from "./triageSchema.ts";

export const DOMAINS: Record<string, Flag[]> = {
  health_disability: ["health_disability", "medical_emergency"],
  housing: ["housing", "homeless", "housing_loss_imminent", "housing_insecure", "hoarding", "disaster_victim"],
  money: ["income", "rent_loan_payment", "tax_utility_payment", "debt", "no_food", "food_insecurity", "housing_benefit_candidate", "public_assistance_candidate"],
  work: ["job_search", "work_trouble"],
  family_children: ["family", "childrearing", "8050", "double_care", "young_carer"],
  care: ["care", "double_care", "young_carer"],
  hikikomori_truancy: ["hikikomori_truancy", "hikikomori"],
  safety: ["dv_abuse", "dv", "child_abuse_risk", "elder_abuse_risk", "suicide_risk"],
  isolation: ["isolation", "community"],
};

export function domainsOf(flags: Flag[]): string[] {
  return Object.entries(DOMAINS)
    .filter(([, list]) => list.some((f) => flags.includes(f)))
    .map(([d]) => d);
}
