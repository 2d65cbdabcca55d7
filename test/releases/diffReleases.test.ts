import { describe, expect, it } from "vitest";
import { diffReleases, diffSummary } from "../../src/releases/diffReleases.ts";
import { botOf, renameStep, repoContent, stepOf } from "./releaseFixtures.ts";

describe("the diff of two releases", () => {
  it("when nothing changed, then every part of the diff is empty", () => {
    const d = diffReleases(repoContent(), repoContent());
    expect(diffSummary(d)).toEqual({ steps: 0, flow: 0, texts: 0, languages: 0, glossary: 0, directory: 0 });
    expect(d.texts).toEqual({});
  });

  it("when a step is renamed, one condition edited and a window's phone changed, then the diff lists the steps, the texts per language and the window", () => {
    const before = repoContent();
    const after = repoContent();
    renameStep(after, "tenure", "housingTenure");
    stepOf(after, "rent").when = { field: "housing.tenure", in: ["rented_private"] };
    (botOf(after, "en").msg as Record<string, string>).greeting = "Hello again";
    (after.municipality.windows as { id: string; phone: string }[]).find((w) => w.id === "city-housing")!.phone = "000-000-9999";
    (after.municipality.areas as { code: string; name: string }[]).push({ code: "shinden", name: "新田圏域" });

    const d = diffReleases(before, after);
    expect(d.steps).toEqual({ added: ["housingTenure"], removed: ["tenure"], changed: expect.arrayContaining(["householdStart", "householdMore", "rent"]) });
    expect(d.steps.changed).toHaveLength(3);
    expect(d.texts.en).toEqual({
      added: expect.arrayContaining(["bot:q.housingTenure.text", "bot:summary.field.housingTenure"]),
      removed: expect.arrayContaining(["bot:q.tenure.text", "bot:summary.field.tenure"]),
      changed: ["bot:msg.greeting"],
    });
    expect(d.texts.ja!.changed).toEqual([]);
    expect(Object.keys(d.texts)).toHaveLength(Object.keys(after.locales).length);
    expect(d.directory.windows).toEqual({ added: [], removed: [], changed: ["city-housing"] });
    expect(d.directory.areas).toEqual({ added: ["shinden"], removed: [], changed: [] });
    expect(d.directory.settings).toEqual({ added: [], removed: [], changed: [] });
    expect(diffSummary(d)).toMatchObject({ steps: 5, directory: 2, languages: 14 });
  });

  it("when thresholds, an option set and a glossary term change, then they are listed as settings, flow parts and glossary terms", () => {
    const before = repoContent();
    const after = repoContent();
    (after.municipality.thresholds as Record<string, unknown>).uclaMeanCutoff = 2.5;
    (after.flow.optionSets as Record<string, unknown[]>).rent!.push(120000);
    const term = Object.keys(after.glossary.terms)[0]!;
    delete after.glossary.terms[term];
    const d = diffReleases(before, after);
    expect(d.directory.settings.changed).toEqual(["thresholds"]);
    expect(d.flow.changed).toEqual(["optionSets.rent"]);
    expect(d.glossary).toEqual({ added: [], removed: [term], changed: [] });
    // The reverse diff says the opposite.
    expect(diffReleases(after, before).glossary).toEqual({ added: [term], removed: [], changed: [] });
  });
});
