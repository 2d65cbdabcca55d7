// Routing of contract section 2: which windows the case needs (default table), who owns it
// (multi_agency when compound, else the window of the main concern or of the most serious
// finding), and which meeting consent allows. Never fails: nothing identifiable → comprehensive.
import type { Concern } from "../intake/codes.ts";
import type { Intake } from "../intake/intakeSchema.ts";
import { windowFor, type Municipality, type WindowType } from "../intake/municipality.ts";
import type { RawReason } from "./flags.ts";
import { has, householdOf, is65plus, isChild } from "./household.ts";
import type { Flag, Triage, WindowRef } from "./triageSchema.ts";

/** The window types the findings can call for; `need` below takes no other (so this stays true). */
const NEED_TYPES = [
  "child_protection", "child_family", "dv", "mental_health", "livelihood", "elderly", "disability", "public_assistance",
  "housing", "hikikomori", "participation", "employment", "environment", "legal_debt",
] as const satisfies readonly WindowType[];

interface Need {
  type: WindowType;
  why: string;
}

/** The windows the findings call for, most serious first (the order breaks ties for the owner). */
export function neededWindows(intake: Intake, flags: Flag[]): Need[] {
  const people = householdOf(intake);
  const f = (x: Flag) => flags.includes(x);
  const needs: Need[] = [];
  const need = (type: (typeof NEED_TYPES)[number], why: string, when: boolean) => when && needs.push({ type, why });
  need("child_protection", "child_abuse_risk", f("child_abuse_risk"));
  need("child_family", "child_abuse_risk", f("child_abuse_risk"));
  need("dv", "dv", f("dv"));
  need("mental_health", "suicide_risk", f("suicide_risk"));
  need("livelihood", "homeless", f("homeless"));
  need("livelihood", "no_food", f("no_food"));
  need("elderly", "elder_abuse_risk", f("elder_abuse_risk"));
  need("elderly", "older_needs_care", people.some((p) => is65plus(p) && has(p, "needs_care", "dementia")));
  need("disability", "disability", people.some((p) => has(p, "disability")));
  need("mental_health", "mental_illness", people.some((p) => has(p, "mental_illness", "addiction")));
  need("child_family", "childrearing", f("childrearing"));
  need("child_family", "truant_child", people.some((p) => isChild(p) && has(p, "truancy")));
  need("child_family", "young_carer", f("young_carer"));
  need("child_family", "double_care", f("double_care"));
  need("child_family", "infant_or_pregnancy", people.some((p) => has(p, "infant", "pregnant")));
  need("livelihood", "money", ["income", "rent_loan_payment", "tax_utility_payment", "debt", "no_food", "housing_benefit_candidate"].some((x) => f(x as Flag)));
  need("public_assistance", "public_assistance_candidate", f("public_assistance_candidate"));
  need("housing", "housing_need", intake.housing.risks.some((r) => ["landlord_refusal", "cannot_find_home", "must_leave", "disaster_damage"].includes(r)));
  need("hikikomori", "hikikomori", f("hikikomori"));
  need("participation", "isolation", f("isolation"));
  need("employment", "work", f("job_search") || f("work_trouble"));
  need("environment", "hoarding", f("hoarding"));
  need("legal_debt", "debt", f("debt"));
  // Dedupe by type, keeping the first (most serious) reason.
  return needs.filter((n, i) => needs.findIndex((m) => m.type === n.type) === i);
}

/** The window type that owns a main concern, among those the case needs. */
const CONCERN_WINDOWS: Record<Concern, WindowType[]> = {
  health_disability: ["mental_health", "disability", "elderly"],
  housing: ["housing", "livelihood"],
  income: ["livelihood", "public_assistance"],
  rent_loan_payment: ["livelihood"],
  tax_utility_payment: ["livelihood"],
  debt: ["livelihood", "legal_debt"],
  job_search: ["employment", "livelihood"],
  work_trouble: ["employment"],
  community: ["participation"],
  family: ["child_family", "elderly"],
  childrearing: ["child_family"],
  care: ["elderly", "disability"],
  hikikomori_truancy: ["hikikomori", "child_family", "outreach"],
  dv_abuse: ["dv", "child_protection", "elderly"],
  no_food: ["livelihood"],
  other: [],
};

/** Every window type routing can name: publishing checks each exists for every area. */
export function routedWindowTypes(): WindowType[] {
  const types: WindowType[] = ["multi_agency", "comprehensive", "foreign_residents", ...NEED_TYPES, ...Object.values(CONCERN_WINDOWS).flat()];
  return [...new Set(types)];
}

export function route(
  intake: Intake,
  flags: Flag[],
  m: Municipality,
): { routing: Triage["routing"]; reasons: RawReason[] } {
  const reasons: RawReason[] = [];
  const ref = (type: WindowType): WindowRef => {
    const w = windowFor(m, type, intake.area) ?? windowFor(m, "comprehensive", intake.area)!;
    return { type: w.type, windowId: w.id };
  };
  const language = flags.includes("language_support");
  const needs = neededWindows(intake, flags).filter((n) => n.type !== "foreign_residents");
  const compound = flags.includes("compound");
  let primary: WindowRef;
  if (compound) {
    primary = ref("multi_agency");
    reasons.push({ code: "primary.compound" });
  } else {
    const main = intake.mainConcern ?? (intake.concerns.length === 1 ? intake.concerns[0]! : null);
    const byMain = main ? CONCERN_WINDOWS[main].find((t) => needs.some((n) => n.type === t)) ?? (needs.length === 0 ? CONCERN_WINDOWS[main][0] : undefined) : undefined;
    if (byMain) {
      primary = ref(byMain);
      reasons.push({ code: "primary.main_concern", params: { concern: main! } });
    } else if (needs.length > 0) {
      primary = ref(needs[0]!.type);
      reasons.push({ code: "primary.most_serious", params: { why: needs[0]!.why } });
    } else {
      primary = ref("comprehensive");
      reasons.push({ code: "primary.nothing_identified" });
    }
  }
  const involved: WindowRef[] = [];
  for (const n of needs) {
    const r = ref(n.type);
    if (r.windowId === primary.windowId || involved.some((x) => x.windowId === r.windowId)) continue;
    involved.push(r);
    reasons.push({ code: `window.${n.type}`, params: { why: n.why } });
  }
  if (language) {
    const r = ref("foreign_residents");
    if (r.windowId !== primary.windowId && !involved.some((x) => x.windowId === r.windowId)) {
      involved.push(r);
      reasons.push({ code: "window.foreign_residents", params: { why: "language_support" } });
    }
  }
  let meeting: Triage["routing"]["meeting"] = null;
  if (compound) {
    meeting = intake.consent.shareWithRelatedWindows === true ? "jusoteki_shien_kaigi" : "shien_kaigi";
    reasons.push({ code: `meeting.${meeting}` });
  }
  return { routing: { primary, involved, meeting }, reasons };
}
