// Hours and notes of windows and crisis lines in every language: a schedule is data that each
// language writes with its own words, and what Japanese writes reads back as the same schedule.
import { describe, expect, it } from "vitest";
import { crisisContactsText } from "../../src/conversation/crisisResponse.ts";
import { CRISIS_KINDS } from "../../src/crisis/crisisKinds.ts";
import { loadGlossary } from "../../src/i18n/glossary.ts";
import { loadLocales } from "../../src/i18n/locales.ts";
import { hoursInputText, hoursText, parseHoursInput, scheduleText } from "../../src/i18n/openingHours.ts";
import { loadMunicipality } from "../../src/intake/municipality.ts";

const locales = loadLocales("locales");
const municipality = loadMunicipality("flows/municipality.yaml");
const glossary = loadGlossary("locales");
const KANA = /[\u3040-\u30ff]/;

describe("opening hours", () => {
  it("when a window's or a crisis line's hours are shown in a language other than Japanese, then no Japanese word is in them", () => {
    const entries = [...municipality.windows, ...CRISIS_KINDS.flatMap((k) => municipality.crisisContacts![k])];
    for (const lang of locales.languages.filter((l) => !l.startsWith("ja"))) {
      const t = locales.t(lang);
      for (const e of entries) {
        const shown = hoursText(e, lang, t);
        expect(shown, `${lang}: ${e.name}`).not.toMatch(KANA);
        expect(shown, `${lang}: ${e.name}`).not.toContain("contactNotes.");
        expect(shown, `${lang}: ${e.name}`).not.toContain("hours.");
      }
    }
  });

  it("when schedules are written, then each language uses its own words for days, ranges and notes", () => {
    const en = locales.t("en");
    const ja = locales.t("ja");
    const international = municipality.windows.find((w) => w.id === "mirai-international")!;
    expect(hoursText(international, "en", en)).toBe("Tue–Sat 10:00–17:00");
    expect(hoursText(international, "ja", ja)).toBe("火〜土 10:00〜17:00");
    expect(scheduleText({ days: "weekdays", from: "8:30", to: "17:15" }, locales.t("vi"))).toBe("Ngày thường 8:30–17:15");
    expect(scheduleText([{ days: ["mon", "wed"], from: "9:00", to: "12:00" }, { days: "daily" }], en)).toBe("Mon, Wed 9:00–12:00; Every day");
    expect(hoursText({ hours: { always: true }, notes: ["toll_free", "anonymous"] }, "en", en)).toBe("24 hours; free call; you need not give your name");
    expect(hoursText({ notes: ["differs_by_area"] }, "ko", locales.t("ko"))).toBe("지역마다 다름");
  });

  it("when the crisis lines for self-harm are listed in English, then every line has its name, number, and hours and notes in English", () => {
    expect(crisisContactsText({ municipality, glossary, locales }, "self_harm", "en").split("\n")).toEqual([
      expect.stringMatching(/^• .+ 0120-279-338 \(24 hours; free call; other languages: press 2, 10:00–22:00\)$/),
      expect.stringMatching(/^• .+ 0570-064-556 \(hours differ by area\)$/),
      "• Inochi no Denwa lifeline (いのちの電話) 0120-783-556 (free call; on set days and hours)",
    ]);
    expect(crisisContactsText({ municipality, glossary, locales }, "self_harm", "ja")).toContain("・いのちの電話 0120-783-556（フリーダイヤル・決まった日時）");
  });

  it("when the Japanese an administrator sees is saved again, then it reads back as the same schedule", () => {
    const t = locales.t("ja");
    for (const w of municipality.windows) expect(parseHoursInput(hoursInputText(w.hours, t), t), w.id).toEqual(w.hours);
    expect(parseHoursInput("24h", t)).toEqual({ always: true });
    expect(parseHoursInput("月・水・金 9:00〜12:00、土", t)).toEqual([{ days: ["mon", "wed", "fri"], from: "9:00", to: "12:00" }, { days: ["sat"] }]);
    // Not a schedule: kept as the text it is.
    for (const text of ["予約制", "平日 25:00〜26:00", "土〜火 9:00〜12:00"]) expect(parseHoursInput(text, t)).toBe(text);
  });
});
