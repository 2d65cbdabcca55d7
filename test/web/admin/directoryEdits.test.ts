// The directory page's edits as pure functions of release content: a removal that leaves a flow
// condition naming a missing area is refused (verifyDirectory tells, and publishing would too);
// a window's hours per language reach residents in their language.
import { describe, expect, it } from "vitest";
import { endOutputs } from "../../../src/conversation/endMessage.ts";
import { emptyIntake } from "../../../src/intake/intakeSchema.ts";
import { hoursIn, municipalityFrom } from "../../../src/intake/municipality.ts";
import { verifyDirectory } from "../../../src/releases/verifyRelease.ts";
import { triage } from "../../../src/triage/triage.ts";
import { addArea, removeArea } from "../../../src/web/admin/directory/directoryEdits.ts";
import { repoContent, stepOf } from "../../releases/releaseFixtures.ts";

describe("directory edits", () => {
  it("when the repository's directory is checked, then verifyDirectory finds nothing", () => {
    expect(verifyDirectory(repoContent())).toEqual([]);
  });

  it("when a flow condition names an area, then removing that area is refused naming the step, and the content is untouched", () => {
    const content = repoContent();
    const added = addArea(content, { code: "kawabe", name: "川辺圏域", towns: [] });
    if (!added.ok) throw new Error("add refused");
    // A step asked only of residents of the new area.
    (stepOf(added.content, "tenure") as { when?: unknown }).when = { field: "area", in: ["kawabe"] };
    const removed = removeArea(added.content, "kawabe");
    expect(removed.ok).toBe(false);
    if (removed.ok) return;
    expect(removed.problems).toEqual([expect.objectContaining({ kind: "directory", place: "step tenure" })]);
    expect(added.content.municipality.areas).toContainEqual({ code: "kawabe", name: "川辺圏域" });
  });

  it("when a window has hours in the resident's language, then the end message gives them; else English; Japanese as written", () => {
    const content = repoContent();
    const raw = content.municipality as { windows: { id: string; hoursI18n?: Record<string, string> }[] };
    for (const w of raw.windows) w.hoursI18n = { en: "weekdays", vi: "ngày thường" };
    const m = municipalityFrom(content.municipality);
    const w = m.windows[0]!;
    expect([hoursIn(w, "vi"), hoursIn(w, "ko"), hoursIn(w, "ja"), hoursIn(w, "ja-easy")]).toEqual(["ngày thường", "weekdays", w.hours, w.hours]);
    const intake = { ...emptyIntake("vi"), concerns: ["income" as const], mainConcern: "income" as const };
    const t = triage(intake, m, { write: (code) => code });
    const window = endOutputs(m, intake, t, "R-1", { terms: {} }).find((o) => o.kind === "line" && o.key === "end.window");
    expect(window).toMatchObject({ params: { hours: "ngày thường" } });
  });
});
