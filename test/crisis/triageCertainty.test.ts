// Only a clear crisis in the free text raises triage flags; a possible one is for the conversation
// to check with the resident first.
import { describe, expect, it } from "vitest";
import { readCorpusFile, trainingFiles } from "../../src/crisis/crisisCorpus.ts";
import { detectCrisis } from "../../src/crisis/detectCrisis.ts";
import { loadLocales } from "../../src/i18n/locales.ts";
import { emptyIntake, Intake } from "../../src/intake/intakeSchema.ts";
import { loadMunicipality } from "../../src/intake/municipality.ts";
import { reasonWriter } from "../../src/triage/reasonWriter.ts";
import { triage } from "../../src/triage/triage.ts";

const municipality = loadMunicipality("flows/municipality.yaml");
const write = reasonWriter(loadLocales("locales"), "ja");
const FLAG = { self_harm: "suicide_risk", violence: "dv", child_abuse: "child_abuse_risk", homeless_tonight: "homeless", no_food: "no_food", medical: "medical_emergency" } as const;

function flagsFor(text: string): string[] {
  const intake = emptyIntake("ja");
  intake.freeText = text;
  return triage(Intake.parse(intake), municipality, { write }).flags;
}

describe("triage of the free text by certainty", () => {
  const texts = trainingFiles().flatMap((f) => readCorpusFile(f)).map((l) => l.text);
  const possible = texts.filter((t) => detectCrisis(t)?.certainty === "possible").slice(0, 5);
  const clear = texts.filter((t) => detectCrisis(t)?.certainty === "clear" && detectCrisis(t)?.matched.startsWith("model.")).slice(0, 5);

  it("when the detector is only fairly sure (possible), then no crisis flag is raised", () => {
    expect(possible.length).toBeGreaterThan(0);
    for (const t of possible) expect(flagsFor(t)).not.toContain(FLAG[detectCrisis(t)!.kind]);
  });

  it("when the model alone is clear, then the kind's flag is raised", () => {
    expect(clear.length).toBeGreaterThan(0);
    for (const t of clear) expect(flagsFor(t)).toContain(FLAG[detectCrisis(t)!.kind]);
  });
});
