// The end message as outputs: within how long the window will be in touch follows the urgency's
// SLA, and the documents to bring name the residence card only to a foreign national.
import { describe, expect, it } from "vitest";
import { endOutputs } from "../../src/conversation/endMessage.ts";
import { loadLocales } from "../../src/i18n/locales.ts";
import { emptyIntake } from "../../src/intake/intakeSchema.ts";
import { loadMunicipality } from "../../src/intake/municipality.ts";
import { triage } from "../../src/triage/triage.ts";
import type { Triage } from "../../src/triage/triageSchema.ts";

const locales = loadLocales("locales");
const municipality = loadMunicipality("flows/municipality.yaml");
const deps = { municipality, locales, glossary: { terms: {} } };

function end(foreignNational: boolean | null, urgency: Triage["urgency"], contactBy: "line" | "none" = "line") {
  const intake = { ...emptyIntake("en"), concerns: ["income" as const], mainConcern: "income" as const, person: { ...emptyIntake("en").person, foreignNational }, consent: { shareWithRelatedWindows: true, contactBy, at: null } };
  const t = triage(intake, municipality, { write: (code) => code });
  return endOutputs(deps, intake, { ...t, urgency, flags: [...t.flags, "housing_benefit_candidate"] }, "R-1");
}
const keys = (o: ReturnType<typeof end>) => o.map((x) => ("key" in x ? x.key : x.kind));
const within = (o: ReturnType<typeof end>) => o.find((x) => "key" in x && x.key === "end.contactWithin") as { params: { within: string } } | undefined;

describe("the end message", () => {
  it("when the resident is a foreign national, then what to bring names the residence card; otherwise, or when not said, it does not", () => {
    expect(keys(end(true, "routine"))).toContain("end.entitlementForeignNational.housing_benefit_candidate");
    for (const fn of [false, null]) expect(keys(end(fn, "routine"))).toContain("end.entitlement.housing_benefit_candidate");
    expect(locales.t("en")("end.entitlement.housing_benefit_candidate")).not.toContain("在留カード");
    expect(locales.t("en")("end.entitlementForeignNational.housing_benefit_candidate")).toContain("在留カード");
  });

  it("when the case is routine, urgent or an emergency, then the time said is the directory's SLA for it", () => {
    expect(within(end(false, "routine"))!.params.within).toBe("within 3 days");
    expect(within(end(false, "urgent"))!.params.within).toBe("within 1 day");
    expect(within(end(false, "emergency"))!.params.within).toBe("within 1 hour");
  });

  it("when the resident asked not to be contacted, then no time is promised", () => {
    expect(within(end(false, "routine", "none"))).toBeUndefined();
  });
});
