import { describe, expect, it } from "vitest";
import { problemLine, verifyRelease } from "../../src/releases/verifyRelease.ts";
import { botOf, repoContent, stepOf } from "./releaseFixtures.ts";

describe("verifying a release before it is published", () => {
  it("when the repository's flow, texts and directory are verified, then there is no problem", () => {
    expect(verifyRelease(repoContent()).map(problemLine)).toEqual([]);
  });

  it("when a window or a crisis line names a note with no text, then publishing is refused naming the place and the note", () => {
    const c = repoContent();
    const m = c.municipality as { windows: { id: string; notes?: string[] }[] };
    m.windows.find((w) => w.id === "city-housing")!.notes = ["toll_free", "free_parking"];
    expect(verifyRelease(c).map(problemLine)).toEqual([expect.stringMatching(/window city-housing.*"free_parking"/)]);
  });

  it("when a step's condition can never be true, then the problem names that step and says how to fix it", () => {
    const c = repoContent();
    stepOf(c, "japanese").when = { all: [{ field: "person.foreignNational", equals: true }, { field: "person.foreignNational", equals: false }] };
    const problems = verifyRelease(c);
    expect(problems.map((p) => p.place)).toEqual(["step japanese"]);
    expect(problems[0]!.kind).toBe("flow");
    expect(problems[0]!.message).toMatch(/when/);
  });

  it("when a next loops back with no way out, then the end is named as never reached", () => {
    const c = repoContent();
    // The step after violence is selfHarm's again, whatever the answer: the end is never reached.
    (stepOf(c, "violence") as { next?: unknown }).next = { if: { answer: "none" }, then: "selfHarm", else: "selfHarm" };
    const places = verifyRelease(c).map((p) => p.place);
    expect(places).toContain("end");
    expect(places).toContain("step summary");
  });

  it("when a text is missing in one offered language, then the problem names the language, the file and the key", () => {
    const c = repoContent();
    delete (botOf(c, "vi").q!.rent as Record<string, unknown>).text;
    const problems = verifyRelease(c);
    expect(problems).toEqual([{ kind: "text", place: "vi/bot.json: q.rent.text", message: "missing" }]);
  });

  it("when a choice label is longer than LINE allows, then the problem names the language and the key", () => {
    const c = repoContent();
    (botOf(c, "en").options!.tenure as Record<string, string>).owned = "A home that I or my family own outright";
    const problems = verifyRelease(c);
    expect(problems.map((p) => p.place)).toEqual(["en/bot.json: options.tenure.owned"]);
    expect(problems[0]!.message).toMatch(/^is 39 characters; this label must fit 20/);
  });

  it("when a choice writes a value the contract does not have, then the problem names the step, the value and the field", () => {
    const c = repoContent();
    (c.flow.optionSets as Record<string, unknown[]>).tenure!.push("castle");
    for (const lang of Object.keys(c.locales)) (botOf(c, lang).options!.tenure as Record<string, string>).castle = "Castle";
    const problems = verifyRelease(c).filter((p) => p.kind === "choice");
    expect(problems).toEqual([{ kind: "choice", place: "step tenure", message: expect.stringContaining('"castle"') }]);
    expect(problems[0]!.message).toContain("housing.tenure");
  });

  it("when an area has no window of a type routing can name, then the problem names the type and the area", () => {
    const c = repoContent();
    const windows = c.municipality.windows as { id: string }[];
    windows.splice(windows.findIndex((w) => w.id === "houkatsu-kita"), 1);
    const problems = verifyRelease(c);
    expect(problems.map((p) => [p.kind, p.place])).toEqual([["directory", "window type elderly, area kita"]]);
    expect(problems[0]!.message).toMatch(/add one/);
  });

  it("when a next names a step that does not exist, then the problem names the step and the missing target", () => {
    const c = repoContent();
    stepOf(c, "householdMore").next!.then = "memberRelations";
    const problems = verifyRelease(c).filter((p) => p.kind === "build");
    expect(problems).toHaveLength(1);
    expect(problemLine(problems[0]!)).toMatch(/step "householdMore".*"memberRelations"/);
  });
});
