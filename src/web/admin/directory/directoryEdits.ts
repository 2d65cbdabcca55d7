// The changes an administrator makes to the draft's directory, as pure functions of the release
// content: each answers the new content with what changed (before/after, for the audit log), or
// refusals. An area's Japanese label (bot.json areas.<code>, what residents tap) follows its name;
// removing an area removes its labels in every language. A change that would break the directory
// — it no longer builds, routing would name a missing window for some area, a condition of the
// flow names a removed area — is refused with verifyDirectory's problems (src/releases/).
import type { CrisisKind } from "../../../crisis/crisisKinds.ts";
import type { Municipality, WindowEntry } from "../../../intake/municipality.ts";
import type { ReleaseContent } from "../../../releases/releaseContent.ts";
import { verifyDirectory, type ReleaseProblem } from "../../../releases/verifyRelease.ts";
import { parseHoursInput, texts, type Tx } from "../../../i18n/openingHours.ts";
import type { CrisisForm, FieldError, ThresholdsForm, WindowForm } from "./directoryForms.ts";

export type EditResult =
  | { ok: true; content: ReleaseContent; verb: string; target: string; before: unknown; after: unknown }
  | { ok: false; errors: FieldError[]; problems: ReleaseProblem[] };

type Area = Municipality["areas"][number];
type Contact = NonNullable<Municipality["crisisContacts"]>[CrisisKind][number];

const refused = (field: string, code: string): EditResult => ({ ok: false, errors: [{ field, code }], problems: [] });
const clone = <T>(v: T): T => structuredClone(v);

/** The directory of the content, as stored (defaults of the schema not filled in). */
export const directoryOf = (c: ReleaseContent) => c.municipality as unknown as Municipality;

/** The languages the release offers besides Japanese (those with a meta.json). */
export const otherLanguages = (c: ReleaseContent) => Object.keys(c.locales).filter((l) => l !== "ja" && c.locales[l]!.meta !== undefined).sort();

/**
 * Applies `change` to a copy of the content. A directory that no longer builds is refused; so is a
 * removal that adds a problem (a window routing needs, an area a condition names). Additions and
 * edits may leave a gap to fill next (a new area has no window yet): the page lists the draft's
 * problems, and publishing refuses until they are gone.
 */
function commit(content: ReleaseContent, change: (m: Municipality, next: ReleaseContent) => void, what: Omit<Extract<EditResult, { ok: true }>, "ok" | "content">): EditResult {
  const next = clone(content);
  change(next.municipality as unknown as Municipality, next);
  const removal = what.after === null;
  const known = new Set(verifyDirectory(content).map((p) => `${p.place}\n${p.message}`));
  const added = verifyDirectory(next).filter((p) => !known.has(`${p.place}\n${p.message}`) && (removal || p.kind === "build"));
  if (added.length > 0) return { ok: false, errors: [], problems: added };
  return { ok: true, content: next, ...what };
}

function setAreaLabel(next: ReleaseContent, code: string, name: string | null): void {
  for (const [lang, bundles] of Object.entries(next.locales)) {
    const bot = bundles.bot as { areas?: Record<string, string> } | undefined;
    if (!bot) continue;
    if (name === null) {
      if (bot.areas) delete bot.areas[code];
    } else if (lang === "ja") {
      bot.areas = { ...bot.areas, [code]: name };
    }
  }
}

/** An area as the page's form gives it: its towns and postal codes (123-4567) by which residents find it. */
export interface AreaFields {
  code: string;
  name: string;
  towns: string[];
  postalCodes?: string[];
}

const areaOf = (f: AreaFields): Area => ({
  code: f.code,
  name: f.name,
  ...(f.towns.length > 0 ? { towns: f.towns } : {}),
  ...(f.postalCodes && f.postalCodes.length > 0 ? { postalCodes: [...new Set(f.postalCodes)] } : {}),
});

export function addArea(content: ReleaseContent, f: AreaFields): EditResult {
  if (directoryOf(content).areas.some((a) => a.code === f.code)) return refused("code", "areaExists");
  const area = areaOf(f);
  return commit(content, (m, next) => {
    m.areas.push(area);
    setAreaLabel(next, f.code, f.name);
  }, { verb: "area.add", target: f.code, before: null, after: area });
}

export function saveArea(content: ReleaseContent, f: AreaFields): EditResult {
  const before = directoryOf(content).areas.find((a) => a.code === f.code);
  if (!before) return refused("code", "areaUnknown");
  const area = areaOf(f);
  return commit(content, (m, next) => {
    m.areas = m.areas.map((a) => (a.code === f.code ? area : a));
    if (before.name !== f.name) setAreaLabel(next, f.code, f.name);
  }, { verb: "area.save", target: f.code, before, after: area });
}

export function removeArea(content: ReleaseContent, code: string): EditResult {
  const m = directoryOf(content);
  const before = m.areas.find((a) => a.code === code);
  if (!before) return refused("code", "areaUnknown");
  // A window serving only this area would serve nothing: it is changed or removed first, by hand.
  const only = m.windows.filter((w) => w.areas.length === 1 && w.areas[0] === code);
  if (only.length > 0) return { ok: false, errors: only.map((w) => ({ field: w.id, code: "areaOnlyServedBy" })), problems: [] };
  return commit(content, (dir, next) => {
    dir.areas = dir.areas.filter((a) => a.code !== code);
    for (const w of dir.windows) w.areas = w.areas.filter((a) => a !== code);
    setAreaLabel(next, code, null);
  }, { verb: "area.remove", target: code, before, after: null });
}

/** The Japanese texts of the content: hours are typed and shown as Japanese writes them. */
export const japaneseTexts = (c: ReleaseContent): Tx => texts(c.locales.ja?.bot);

/** Hours read from the form (a schedule when written as one) and the notes, each note a text of the release. */
function hoursOf(f: { hours: string; hoursI18n: Record<string, string>; notes: string[] }, content: ReleaseContent): Pick<WindowEntry, "hours" | "hoursI18n" | "notes"> | FieldError[] {
  const languages = otherLanguages(content);
  if (Object.keys(f.hoursI18n).some((l) => !languages.includes(l))) return [{ field: "hoursI18n", code: "unknownLanguage" }];
  const t = japaneseTexts(content);
  if (f.notes.some((n) => t(`contactNotes.${n}`) === `contactNotes.${n}`)) return [{ field: "notes", code: "unknownNote" }];
  const hours = f.hours === "" ? undefined : parseHoursInput(f.hours, t);
  return {
    ...(hours !== undefined ? { hours } : {}),
    // Translations of the hours belong to hours given as text; a schedule is written by each language itself.
    ...(typeof hours === "string" && Object.keys(f.hoursI18n).length > 0 ? { hoursI18n: f.hoursI18n } : {}),
    ...(f.notes.length > 0 ? { notes: f.notes } : {}),
  } as Pick<WindowEntry, "hours" | "hoursI18n" | "notes">;
}

function windowOf(f: WindowForm, content: ReleaseContent): WindowEntry | FieldError[] {
  const hours = hoursOf(f, content);
  if (Array.isArray(hours)) return hours;
  return {
    id: f.id,
    type: f.type,
    name: f.name,
    areas: f.areas.includes("*") ? ["*"] : f.areas,
    phone: f.phone,
    ...hours,
    ...(f.webhook || f.emails.length > 0 ? { notify: { ...(f.webhook ? { webhook: f.webhook } : {}), ...(f.emails.length > 0 ? { email: f.emails } : {}) } } : {}),
  };
}

export function addWindow(content: ReleaseContent, f: WindowForm): EditResult {
  const m = directoryOf(content);
  if (m.windows.some((w) => w.id === f.id)) return refused("id", "windowExists");
  const w = windowOf(f, content);
  if (Array.isArray(w)) return { ok: false, errors: w, problems: [] };
  const unknownArea = w.areas.find((a) => a !== "*" && !m.areas.some((x) => x.code === a));
  if (unknownArea) return refused("areas", "areaUnknown");
  return commit(content, (dir) => void dir.windows.push(w), { verb: "window.add", target: f.id, before: null, after: w });
}

export function saveWindow(content: ReleaseContent, f: WindowForm): EditResult {
  const m = directoryOf(content);
  const before = m.windows.find((w) => w.id === f.id);
  if (!before) return refused("id", "windowUnknown");
  const w = windowOf(f, content);
  if (Array.isArray(w)) return { ok: false, errors: w, problems: [] };
  if (w.areas.some((a) => a !== "*" && !m.areas.some((x) => x.code === a))) return refused("areas", "areaUnknown");
  return commit(content, (dir) => void (dir.windows = dir.windows.map((x) => (x.id === f.id ? w : x))), { verb: "window.save", target: f.id, before, after: w });
}

export function removeWindow(content: ReleaseContent, id: string): EditResult {
  const before = directoryOf(content).windows.find((w) => w.id === id);
  if (!before) return refused("id", "windowUnknown");
  return commit(content, (dir) => void (dir.windows = dir.windows.filter((w) => w.id !== id)), { verb: "window.remove", target: id, before, after: null });
}

export function saveThresholds(content: ReleaseContent, f: ThresholdsForm): EditResult {
  const m = directoryOf(content);
  const before = { thresholds: m.thresholds, slaHours: m.slaHours };
  const after = {
    thresholds: { housingBenefitIncomeLimit: f.housingBenefitIncomeLimit, minimumLiving: f.minimumLiving, uclaMeanCutoff: f.uclaMeanCutoff, housingLossDays: f.housingLossDays },
    slaHours: f.sla,
  };
  return commit(content, (dir) => Object.assign(dir, after), { verb: "thresholds.save", target: "thresholds", before, after });
}

function contactOf(f: CrisisForm, content: ReleaseContent): Contact | FieldError[] {
  if (f.hours === "" && f.notes.length === 0) return [{ field: "hours", code: "required" }];
  const hours = hoursOf(f, content);
  if (Array.isArray(hours)) return hours;
  return { name: f.name, phone: f.phone, ...hours };
}

export function addContact(content: ReleaseContent, f: CrisisForm): EditResult {
  const c = contactOf(f, content);
  if (Array.isArray(c)) return { ok: false, errors: c, problems: [] };
  return commit(content, (dir) => {
    const all = (dir.crisisContacts ??= {} as NonNullable<Municipality["crisisContacts"]>);
    all[f.kind] = [...(all[f.kind] ?? []), c];
  }, { verb: "crisis.add", target: f.kind, before: null, after: c });
}

export function saveContact(content: ReleaseContent, f: CrisisForm): EditResult {
  const list = directoryOf(content).crisisContacts?.[f.kind] ?? [];
  const before = f.index === undefined ? undefined : list[f.index];
  if (!before) return refused("index", "contactUnknown");
  const c = contactOf(f, content);
  if (Array.isArray(c)) return { ok: false, errors: c, problems: [] };
  return commit(content, (dir) => void (dir.crisisContacts![f.kind] = list.map((x, i) => (i === f.index ? c : x))), {
    verb: "crisis.save",
    target: `${f.kind}[${f.index}]`,
    before,
    after: c,
  });
}

export function removeContact(content: ReleaseContent, kind: CrisisKind, index: number | undefined): EditResult {
  const list = directoryOf(content).crisisContacts?.[kind] ?? [];
  const before = index === undefined ? undefined : list[index];
  if (!before) return refused("index", "contactUnknown");
  // Someone in that danger is always given a number to call.
  if (list.length === 1) return refused("index", "lastContact");
  return commit(content, (dir) => void (dir.crisisContacts![kind] = list.filter((_, i) => i !== index)), { verb: "crisis.remove", target: `${kind}[${index}]`, before, after: null });
}
