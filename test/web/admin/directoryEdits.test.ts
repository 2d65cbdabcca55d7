// The directory page's edits as pure functions of release content: a removal that leaves a flow
// condition naming a missing area is refused (verifyDirectory tells, and publishing would too);
// a window's hours per language reach residents in their language.
import { describe, expect, it } from "vitest";
import { endOutputs } from "../../../src/conversation/endMessage.ts";
import { emptyIntake } from "../../../src/intake/intakeSchema.ts";
import { municipalityFrom } from "../../../src/intake/municipality.ts";
import { hoursText } from "../../../src/i18n/openingHours.ts";
import { localesFrom } from "../../../src/i18n/locales.ts";
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

  it("when a window's hours are a text with translations, then the end message gives the resident's language's; else English; Japanese as written", () => {
    const content = repoContent();
    const raw = content.municipality as { windows: { id: string; hours: unknown; hoursI18n?: Record<string, string> }[] };
    for (const w of raw.windows) Object.assign(w, { hours: "平日", hoursI18n: { en: "weekdays", vi: "ngày thường" } });
    const m = municipalityFrom(content.municipality);
    const locales = localesFrom(content.locales);
    const w = m.windows[0]!;
    const inLang = (lang: "vi" | "ko" | "ja" | "ja-easy") => hoursText(w, lang, locales.t(lang));
    expect([inLang("vi"), inLang("ko"), inLang("ja"), inLang("ja-easy")]).toEqual(["ngày thường", "weekdays", "平日", "平日"]);
    const intake = { ...emptyIntake("vi"), concerns: ["income" as const], mainConcern: "income" as const };
    const t = triage(intake, m, { write: (code) => code });
    const window = endOutputs({ municipality: m, glossary: { terms: {} }, locales }, intake, t, "R-1").find((o) => o.kind === "line" && o.key === "end.window");
    expect(window).toMatchObject({ params: { hours: "ngày thường" } });
  });
});
