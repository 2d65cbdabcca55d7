// Each pattern flag at its boundary, consent and meetings, and triage as a total function.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadLocales } from "../../src/i18n/locales.ts";
import { AgeBand, Arrear, Concern, Condition, Food, HousingRisk, IncomeSource, LOCALE_CODES, Relation, Savings, Tenure, Work } from "../../src/intake/codes.ts";
import { emptyIntake, Intake, type Member } from "../../src/intake/intakeSchema.ts";
import { loadMunicipality } from "../../src/intake/municipality.ts";
import { reasonWriter } from "../../src/triage/reasonWriter.ts";
import { triage } from "../../src/triage/triage.ts";
import { figureForSize } from "../../src/triage/thresholds.ts";

const municipality = loadMunicipality("flows/municipality.yaml");
const write = reasonWriter(loadLocales("locales"), "ja");
const run = (patch: (i: Intake) => void) => {
  const intake = emptyIntake("ja");
  patch(intake);
  return triage(Intake.parse(intake), municipality, { write });
};
const member = (relation: Member["relation"], ageBand: Member["ageBand"], ...conditions: Member["conditions"]): Member => ({ relation, ageBand, conditions });

describe("8050", () => {
  it("when a parent 65-74 lives with their unemployed child 40-64, then 8050", () => {
    expect(run((i) => { i.person.ageBand = "65-74"; i.household.members = [member("child", "40-64", "unemployed")]; }).flags).toContain("8050");
  });
  it("when the parent is 40-64 (64, not 65), then no 8050", () => {
    expect(run((i) => { i.person.ageBand = "40-64"; i.household.members = [member("child", "40-64", "hikikomori")]; }).flags).not.toContain("8050");
  });
  it("when the person is the child (unemployed by work) and a parent 75+ lives with them, then 8050", () => {
    expect(run((i) => { i.person.ageBand = "40-64"; i.person.work = "unemployed"; i.household.members = [member("parent", "75+")]; }).flags).toContain("8050");
  });
  it("when the child is 18-39, then no 8050", () => {
    expect(run((i) => { i.person.ageBand = "75+"; i.household.members = [member("child", "18-39", "hikikomori")]; }).flags).not.toContain("8050");
  });
  it("when the 40-64 child works, then no 8050", () => {
    expect(run((i) => { i.person.ageBand = "75+"; i.household.members = [member("child", "40-64")]; }).flags).not.toContain("8050");
  });
  it("when the older one is not the younger one's parent (a sibling), then no 8050", () => {
    expect(run((i) => { i.person.ageBand = "65-74"; i.household.members = [member("sibling", "40-64", "hikikomori")]; }).flags).not.toContain("8050");
  });
});

describe("young carer and double care", () => {
  it("when the person is 17 (0-17) and a member needs care, then young_carer; at 18 (18-39) not", () => {
    expect(run((i) => { i.person.ageBand = "0-17"; i.household.members = [member("grandparent", "75+", "needs_care")]; }).flags).toContain("young_carer");
    expect(run((i) => { i.person.ageBand = "18-39"; i.household.members = [member("grandparent", "75+", "needs_care")]; }).flags).not.toContain("young_carer");
  });
  it("when the person is 0-17 and a caregiver, then young_carer", () => {
    expect(run((i) => { i.person.ageBand = "0-17"; i.person.conditions = ["caregiver"]; }).flags).toContain("young_carer");
  });
  it("when a person 18-64 has a parent with dementia and an infant, then double_care; when the person is 65+, not", () => {
    const hh = [member("parent", "75+", "dementia"), member("child", "0-17", "infant")];
    expect(run((i) => { i.person.ageBand = "40-64"; i.household.members = hh; }).flags).toContain("double_care");
    expect(run((i) => { i.person.ageBand = "65-74"; i.household.members = hh; }).flags).not.toContain("double_care");
  });
  it("when the household has a child but nobody needs care, then no double_care and no concern derived from the child", () => {
    const t = run((i) => { i.person.ageBand = "40-64"; i.household.members = [member("child", "0-17", "infant")]; });
    expect(t.flags).not.toContain("double_care");
    expect(t.flags).not.toContain("childrearing");
  });
});

describe("isolation (UCLA-3)", () => {
  it("when the items sum to 9 (mean 3), then isolation; at 8, not", () => {
    expect(run((i) => { i.isolation.ucla3 = [3, 3, 3]; }).flags).toContain("isolation");
    expect(run((i) => { i.isolation.ucla3 = [3, 3, 2]; }).flags).not.toContain("isolation");
  });
  it("when only answered items count, then [null, 3, null] is isolation and [null, 2, null] is not", () => {
    expect(run((i) => { i.isolation.ucla3 = [null, 3, null]; }).flags).toContain("isolation");
    expect(run((i) => { i.isolation.ucla3 = [null, 2, null]; }).flags).not.toContain("isolation");
  });
  it("when nobody can be consulted, then isolation", () => {
    expect(run((i) => { i.isolation.hasSomeoneToConsult = false; }).flags).toContain("isolation");
  });
});

describe("housing benefit pre-screen (住居確保給付金)", () => {
  const candidate = (income: number, members: Member[] = []) =>
    run((i) => {
      i.housing.tenure = "rented_private";
      i.person.lostJobWithin2Years = true;
      i.income.monthlyHouseholdIncome = income;
      i.income.savings = "under_1m";
      i.household.members = members;
    }).flags.includes("housing_benefit_candidate");
  it("when a single person's income is at the limit (138,000), then a candidate; one yen over, not", () => {
    expect(candidate(138_000)).toBe(true);
    expect(candidate(138_001)).toBe(false);
  });
  it("when two people earn 194,000, then a candidate; 194,001 not", () => {
    expect(candidate(194_000, [member("spouse", "18-39")])).toBe(true);
    expect(candidate(194_001, [member("spouse", "18-39")])).toBe(false);
  });
  it("when the size is not listed, then the largest figure plus the last step per person", () => {
    expect(figureForSize({ "1": 138_000, "2": 194_000 }, 4)).toBe(194_000 + 2 * 56_000);
    expect(candidate(250_000, [member("spouse", "18-39"), member("child", "0-17")])).toBe(true);
    expect(candidate(250_001, [member("spouse", "18-39"), member("child", "0-17")])).toBe(false);
  });
  it("when savings are 1 million or more, or the home is owned, or nothing changed in work, then not a candidate", () => {
    expect(run((i) => { i.housing.tenure = "rented_private"; i.person.lostJobWithin2Years = true; i.income.monthlyHouseholdIncome = 50_000; i.income.savings = "1m_or_more"; }).flags).not.toContain("housing_benefit_candidate");
    expect(run((i) => { i.housing.tenure = "owned"; i.person.lostJobWithin2Years = true; i.income.monthlyHouseholdIncome = 50_000; }).flags).not.toContain("housing_benefit_candidate");
    expect(run((i) => { i.housing.tenure = "rented_private"; i.income.monthlyHouseholdIncome = 50_000; }).flags).not.toContain("housing_benefit_candidate");
  });
});

describe("urgency and routing", () => {
  it("when must_leave is within 30 days, then housing_loss_imminent and urgent; at 31 days, routine", () => {
    const at = (d: number) => run((i) => { i.housing.risks = ["must_leave"]; i.housing.mustLeaveWithinDays = d; });
    expect(at(30).flags).toContain("housing_loss_imminent");
    expect(at(30).urgency).toBe("urgent");
    expect(at(31).flags).not.toContain("housing_loss_imminent");
    expect(at(31).urgency).toBe("routine");
  });
  it("when a child is at risk, then emergency and the child guidance center with the children's center", () => {
    const t = run((i) => { i.safety.childAtRisk = true; });
    expect(t.urgency).toBe("emergency");
    const types = [t.routing.primary.type, ...t.routing.involved.map((w) => w.type)];
    expect(types).toContain("child_protection");
    expect(types).toContain("child_family");
  });
  it("when compound with consent, then multi_agency owns it with a 重層的支援会議; without consent, a 支援会議", () => {
    const base = (consent: boolean | null) => run((i) => { i.concerns = ["job_search", "housing"]; i.consent.shareWithRelatedWindows = consent; });
    expect(base(true).routing.primary.type).toBe("multi_agency");
    expect(base(true).routing.meeting).toBe("jusoteki_shien_kaigi");
    expect(base(false).routing.meeting).toBe("shien_kaigi");
    expect(base(null).routing.meeting).toBe("shien_kaigi");
  });
  it("when not compound, then the main concern's window owns it and there is no meeting", () => {
    const t = run((i) => { i.concerns = ["job_search"]; i.mainConcern = "job_search"; });
    expect(t.flags).not.toContain("compound");
    expect(t.routing.primary.type).toBe("employment");
    expect(t.routing.meeting).toBeNull();
  });
  it("when the resident lives in 北部圏域 and an older member needs care, then 北部's 地域包括支援センター is named", () => {
    const t = run((i) => { i.area = "kita"; i.person.ageBand = "75+"; i.person.conditions = ["needs_care"]; });
    expect([t.routing.primary, ...t.routing.involved].find((w) => w.type === "elderly")?.windowId).toBe("houkatsu-kita");
  });
  it("when the conversation was in Vietnamese, then language_support and the foreign residents' desk is involved", () => {
    const t = run((i) => { i.language = "vi"; i.concerns = ["job_search"]; });
    expect(t.flags).toContain("language_support");
    expect(t.routing.involved.map((w) => w.type)).toContain("foreign_residents");
  });
});

// Random valid intakes.
const nullable = <T,>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
const pick = <T extends string>(values: readonly T[]) => fc.constantFrom(...values);
const anyIntake: fc.Arbitrary<Intake> = fc.record({
  version: fc.constant(1 as const),
  language: pick(LOCALE_CODES),
  respondent: nullable(pick(["self", "family", "supporter"] as const)),
  area: nullable(fc.constantFrom(...municipality.areas.map((a) => a.code), "unknown-area")),
  person: fc.record({
    ageBand: nullable(pick(AgeBand.options)),
    foreignNational: nullable(fc.boolean()),
    japaneseLevel: nullable(pick(["native", "conversational", "basic", "none"] as const)),
    work: nullable(pick(Work.options)),
    lostJobWithin2Years: nullable(fc.boolean()),
    incomeDropped: nullable(fc.boolean()),
    conditions: fc.uniqueArray(pick(Condition.options)),
  }),
  household: fc.record({
    members: fc.array(fc.record({ relation: nullable(pick(Relation.options)), ageBand: nullable(pick(AgeBand.options)), conditions: fc.uniqueArray(pick(Condition.options)) }), { maxLength: 6 }),
  }),
  housing: fc.record({
    tenure: nullable(pick(Tenure.options)),
    risks: fc.uniqueArray(pick(HousingRisk.options)),
    mustLeaveWithinDays: nullable(fc.integer({ min: 0, max: 365 })),
    monthlyRent: nullable(fc.integer({ min: 0, max: 500_000 })),
  }),
  income: fc.record({
    monthlyHouseholdIncome: nullable(fc.integer({ min: 0, max: 2_000_000 })),
    sources: fc.uniqueArray(pick(IncomeSource.options)),
    savings: nullable(pick(Savings.options)),
    arrears: fc.uniqueArray(pick(Arrear.options)),
    debt: nullable(fc.boolean()),
    food: nullable(pick(Food.options)),
  }),
  isolation: fc.record({
    ucla3: nullable(fc.tuple(nullable(fc.constantFrom(1, 2, 3, 4)), nullable(fc.constantFrom(1, 2, 3, 4)), nullable(fc.constantFrom(1, 2, 3, 4)))) as fc.Arbitrary<Intake["isolation"]["ucla3"]>,
    hasSomeoneToConsult: nullable(fc.boolean()),
  }),
  concerns: fc.uniqueArray(pick(Concern.options)),
  mainConcern: nullable(pick(Concern.options)),
  safety: fc.record({
    selfHarm: nullable(pick(["none", "thoughts", "plan_or_attempt"] as const)),
    violence: nullable(pick(["none", "past", "ongoing"] as const)),
    childAtRisk: nullable(fc.boolean()),
    elderOrDisabledAtRisk: nullable(fc.boolean()),
  }),
  freeText: nullable(fc.string({ maxLength: 200 })),
  consent: fc.record({ shareWithRelatedWindows: nullable(fc.boolean()), contactBy: nullable(pick(["line", "phone", "visit", "none"] as const)), at: fc.constant(null) }),
  contact: fc.record({ name: fc.constant(null), phone: fc.constant(null) }),
});

describe("triage is total", () => {
  it("for any valid intake, it never throws, names a primary window that exists, and is deterministic", () => {
    fc.assert(
      fc.property(anyIntake, (intake) => {
        const a = triage(intake, municipality, { write });
        const b = triage(structuredClone(intake), municipality, { write });
        expect(b).toEqual(a);
        expect(municipality.windows.some((w) => w.id === a.routing.primary.windowId && w.type === a.routing.primary.type)).toBe(true);
        if (a.flags.includes("compound")) expect(a.routing.primary.type).toBe("multi_agency");
        expect(a.reasons.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});
