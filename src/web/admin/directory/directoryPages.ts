// /staff/admin/directory: the draft's directory and settings — areas with their towns and postal codes, windows
// (name per language through the glossary, type, areas, phone, hours per language, notification
// addresses), thresholds and SLA hours, crisis contacts per kind — and its export as HSDS-style
// JSON. Every form carries the draft revision it was rendered from: a save from an older one is
// refused showing who changed the draft and when (saveDraft). Each change is audited as
// admin.directory.<verb> with before and after.
import type { Request, Response, Router } from "express";
import type { z } from "zod";
import { CRISIS_KINDS } from "../../../crisis/crisisKinds.ts";
import { hoursInputText, hoursText, texts } from "../../../i18n/openingHours.ts";
import { renderTerms } from "../../../i18n/glossary.ts";
import { WINDOW_TYPES, type Municipality, type WindowEntry } from "../../../intake/municipality.ts";
import { getDraft, saveDraft, type Draft } from "../../../releases/releaseDraft.ts";
import { problemLine, verifyDirectory, type ReleaseProblem } from "../../../releases/verifyRelease.ts";
import { signedIn, type SignedInCtx } from "../../staff/consoleContext.ts";
import { actorLabel, actorNames, formatTime, windowTypeLabel } from "../../staff/consoleFormat.ts";
import { csrfField, renderPage } from "../../staff/consoleLayout.ts";
import { html, type SafeHtml } from "../../staff/html.ts";
import type { AdminDeps } from "../adminPages.ts";
import * as edits from "./directoryEdits.ts";
import { AreaForm, AreaRef, CrisisForm, CrisisRef, fieldErrors, HOUSEHOLD_SIZES, Revision, ThresholdsForm, WindowForm, WindowRef, type FieldError } from "./directoryForms.ts";
import { hsdsDirectory, type HoursWriter } from "./hsdsExport.ts";

type Contact = NonNullable<Municipality["crisisContacts"]>[keyof NonNullable<Municipality["crisisContacts"]>][number];

const BASE = "/staff/admin/directory";
const STYLESHEET = "/staff/admin/assets/directory.css";

// The page's own layout, served from 'self' like the console's stylesheet (no inline style).
const DIRECTORY_CSS = `
.dir-form label,.inline-edit label{display:block;font-weight:600;margin:6px 0 2px}
.dir-form input[type=text],.dir-form input[type=tel],.dir-form input[type=url],.dir-form select,.dir-form textarea{width:100%;max-width:42em}
.dir-form input[type=tel],.dir-form input[type=url]{font:inherit;padding:6px 8px;border:1px solid #9aa5b5;border-radius:4px;background:#fff;color:var(--ink)}
.dir-form .muted,.inline-edit .muted{display:block;font-size:.85rem}
.dir-form fieldset{border:1px solid var(--line);border-radius:4px;margin:8px 0;padding:6px 10px}
.dir-form label.check{display:inline-flex;gap:4px;font-weight:400;margin-right:12px}
.sizes{display:grid;grid-template-columns:repeat(4,minmax(0,12em));gap:0 12px}
details.window{border:1px solid var(--line);border-radius:6px;padding:6px 10px;margin-bottom:8px;background:#fff}
details.window>summary{cursor:pointer;font-weight:600}
details.renderings{margin:6px 0}
.contact{border-top:1px solid var(--line);padding:8px 0}
#refusal{border-color:#f1a7b0}
#directory-problems{border-color:#e8c27a;background:var(--warn-bg)}
@media (max-width:640px){.sizes{grid-template-columns:repeat(2,minmax(0,1fr))}}
`;
const DONE = new Set(["area.add", "area.save", "area.remove", "window.add", "window.save", "window.remove", "thresholds.save", "crisis.add", "crisis.save", "crisis.remove"]);

interface Refusal {
  status: number;
  text: string;
  errors?: FieldError[];
  problems?: ReleaseProblem[];
  /** What was sent, shown again in the form it came from (the id prefix of its fields). */
  typed?: { scope: string; body: Record<string, unknown> };
}

/** The id prefix of the fields of the form an action's post came from. */
function scopeOf(action: string, body: Record<string, unknown>): string {
  const s = (k: string) => String(Array.isArray(body[k]) ? (body[k] as unknown[])[0] : (body[k] ?? ""));
  switch (action) {
    case "areas/save": return `area-${s("code")}`;
    case "windows/save": return `win-${s("id")}`;
    case "crisis/save": return `cc-${s("kind")}-${s("index")}`;
    case "crisis/add": return `cc-${s("kind")}-new`;
    case "areas/add": return "area-new";
    case "windows/add": return "win-new";
    default: return "th";
  }
}

export function registerDirectory(router: Router, deps: AdminDeps): void {
  const { prisma } = deps;

  const show = async (res: Response, status: number, refusal: Refusal | null, okVerb?: string) => {
    const ctx = signedIn(res);
    const draft = await getDraft(prisma);
    const names = await actorNames(ctx, draft.updatedBy ? [draft.updatedBy] : []);
    const notice = refusal
      ? { kind: "error" as const, text: refusal.text }
      : okVerb && DONE.has(okVerb)
        ? { kind: "ok" as const, text: ctx.t(`admin.directory.done.${okVerb.replace(".", "_")}`) }
        : null;
    const main = directoryMain(ctx, draft, draft.updatedBy ? actorLabel(ctx, names, draft.updatedBy) : null, refusal);
    res.status(status).type("html").send(renderPage(ctx, { title: ctx.t("admin.directory.title"), main, notice }));
  };

  router.get(STYLESHEET, (_req, res) => {
    res.set("Cache-Control", "public, max-age=300").type("text/css").send(DIRECTORY_CSS);
  });

  router.get(BASE, async (req, res) => {
    const ok = typeof req.query.ok === "string" ? req.query.ok : undefined;
    await show(res, 200, null, ok);
  });

  router.get(`${BASE}/hsds.json`, async (req, res) => {
    // The published directory by default; ?draft=1 the draft's.
    const fromDraft = req.query.draft === "1";
    const draft = fromDraft ? await getDraft(prisma) : null;
    const m = draft ? (draft.content.municipality as unknown as Municipality) : deps.releases.latest().municipality;
    const latest = deps.releases.latest();
    const writer: HoursWriter = draft
      ? { languages: ["ja", ...edits.otherLanguages(draft.content)], text: (w, lang) => hoursText(w, lang, texts(draft.content.locales[lang]?.bot)) }
      : { languages: latest.locales.languages, text: (w, lang) => hoursText(w, lang, latest.locales.t(lang as never)) };
    const body = hsdsDirectory(m, { version: draft ? null : latest.version, draftRevision: draft ? draft.revision : null }, writer);
    res.set("Content-Disposition", 'attachment; filename="directory.hsds.json"').type("application/json").send(JSON.stringify(body, null, 2));
  });

  /** Parses the form, applies the edit to the draft it was rendered from, saves and audits. */
  const post = (path: string, run: (body: Record<string, unknown>, draft: Draft) => edits.EditResult | { ok: false; invalid: z.ZodError }) => {
    router.post(`${BASE}/${path}`, async (req: Request, res: Response) => {
      const ctx = signedIn(res);
      const t = ctx.t;
      const body = (req.body ?? {}) as Record<string, unknown>;
      const rev = Revision.safeParse(body);
      if (!rev.success) return show(res, 400, { status: 400, text: t("admin.directory.refused.invalid"), errors: fieldErrors(rev.error) });
      const draft = await getDraft(prisma);
      if (draft.revision !== rev.data.revision) return stale(res, draft);
      const result = run(body, draft);
      const typed = { scope: scopeOf(path, body), body };
      if ("invalid" in result) return show(res, 400, { status: 400, text: t("admin.directory.refused.invalid"), errors: fieldErrors(result.invalid), typed });
      if (!result.ok) {
        const text = result.problems.length > 0 ? t("admin.directory.refused.breaks") : t("admin.directory.refused.invalid");
        return show(res, result.problems.length > 0 ? 409 : 400, { status: 400, text, errors: result.errors, problems: result.problems, typed });
      }
      const saved = await saveDraft(prisma, result.content, { revision: rev.data.revision, by: ctx.principal.actor });
      if (!saved.ok) return stale(res, await getDraft(prisma));
      await prisma.auditLog.create({
        data: {
          actor: ctx.principal.actor,
          action: `admin.directory.${result.verb}`,
          targetType: "releaseDraft",
          targetId: result.target,
          detail: { revision: saved.draft.revision, before: (result.before ?? null) as object, after: (result.after ?? null) as object },
        },
      });
      res.redirect(303, `${BASE}?ok=${result.verb}`);
    });
  };

  const stale = async (res: Response, current: Draft) => {
    const ctx = signedIn(res);
    const names = await actorNames(ctx, current.updatedBy ? [current.updatedBy] : []);
    const text = ctx.t("admin.directory.refused.stale", {
      who: current.updatedBy ? actorLabel(ctx, names, current.updatedBy) : ctx.t("admin.directory.someone"),
      when: current.updatedAt ? formatTime(current.updatedAt) : "",
      revision: current.revision,
    });
    return show(res, 409, { status: 409, text });
  };

  const parsed = <T extends z.ZodType>(schema: T, body: unknown, then: (v: z.infer<T>) => edits.EditResult) => {
    const r = schema.safeParse(body);
    return r.success ? then(r.data) : { ok: false as const, invalid: r.error };
  };

  post("areas/add", (b, d) => parsed(AreaForm, b, (f) => edits.addArea(d.content, f)));
  post("areas/save", (b, d) => parsed(AreaForm, b, (f) => edits.saveArea(d.content, f)));
  post("areas/remove", (b, d) => parsed(AreaRef, b, (f) => edits.removeArea(d.content, f.code)));
  post("windows/add", (b, d) => parsed(WindowForm, b, (f) => edits.addWindow(d.content, f)));
  post("windows/save", (b, d) => parsed(WindowForm, b, (f) => edits.saveWindow(d.content, f)));
  post("windows/remove", (b, d) => parsed(WindowRef, b, (f) => edits.removeWindow(d.content, f.id)));
  post("thresholds", (b, d) => parsed(ThresholdsForm, b, (f) => edits.saveThresholds(d.content, f)));
  post("crisis/add", (b, d) => parsed(CrisisForm, b, (f) => edits.addContact(d.content, f)));
  post("crisis/save", (b, d) => parsed(CrisisForm, b, (f) => edits.saveContact(d.content, f)));
  post("crisis/remove", (b, d) => parsed(CrisisRef, b, (f) => edits.removeContact(d.content, f.kind, f.index)));
}

// ---- rendering ------------------------------------------------------------------------------

const hoursLines = (h: Record<string, string> | undefined) => Object.entries(h ?? {}).map(([l, s]) => `${l}: ${s}`).join("\n");

function directoryMain(ctx: SignedInCtx, draft: Draft, savedBy: string | null, refusal: Refusal | null): SafeHtml {
  const t = ctx.t;
  const m = edits.directoryOf(draft.content);
  const form = (action: string, inner: SafeHtml | SafeHtml[], attrs: { cls?: string; data?: string } = {}) =>
    html`<form method="post" action="${BASE}/${action}" class="${attrs.cls ?? "dir-form"}" data-form="${attrs.data ?? action}">${csrfField(ctx)}<input type="hidden" name="revision" value="${String(draft.revision)}">${inner}</form>`;
  // The refused form shows what was typed into it, not the draft's values.
  const typed = refusal?.typed;
  const sent = (scope: string, name: string): unknown => (typed?.scope === scope ? (typed.body[name] ?? "") : undefined);
  const val = (scope: string, name: string, value: string): string => {
    const v = sent(scope, name);
    return v === undefined ? value : String(Array.isArray(v) ? v[0] : v);
  };
  const isOpen = (scope: string) => (typed?.scope === scope ? html` open` : null);
  const field = (name: string, label: string, value: string, o: { scope: string; id: string; required?: boolean; hint?: string; type?: string; inputmode?: string }) =>
    html`<label for="${o.id}">${label}</label>${o.hint ? html`<span class="muted" id="${o.id}-hint">${o.hint}</span>` : null}<input type="${o.type ?? "text"}" id="${o.id}" name="${name}" value="${val(o.scope, name, value)}"${o.required ? html` required` : null}${o.inputmode ? html` inputmode="${o.inputmode}"` : null}${o.hint ? html` aria-describedby="${o.id}-hint"` : null}>`;
  const area = (code: string) => (code === "*" ? t("admin.directory.windows.wholeCity") : (m.areas.find((a) => a.code === code)?.name ?? code));
  const languages = edits.otherLanguages(draft.content);
  // Hours are typed and shown as Japanese writes a schedule; notes are codes of contactNotes texts.
  const jt = edits.japaneseTexts(draft.content);
  const noteCodes = Object.keys(((draft.content.locales.ja?.bot as Record<string, unknown> | undefined)?.contactNotes ?? {}) as Record<string, string>);
  const notesField = (scope: string, notes: string[] | undefined) =>
    field("notes", t("admin.directory.fields.notes"), (notes ?? []).join(" "), { scope, id: `${scope}-notes`, hint: t("admin.directory.notesHint", { codes: noteCodes.map((c) => `${c}（${jt(`contactNotes.${c}`)}）`).join(t("common.listSeparator")) }) });
  const glossary = draft.content.glossary as { terms: Record<string, Record<string, string>> };

  const errors = refusal && (refusal.errors?.length || refusal.problems?.length)
    ? html`<div class="card" id="refusal" data-refusal>
<ul>${(refusal.errors ?? []).map((e) => html`<li data-error="${e.code}" data-field="${e.field}">${fieldLabel(ctx, e.field)}: ${t(`admin.directory.errors.${e.code}`, { defaultValue: t("admin.directory.errors.invalid") })}</li>`)}
${(refusal.problems ?? []).map((p) => html`<li data-problem="${p.kind}">${problemLine(p)}</li>`)}</ul></div>`
    : null;

  const head = html`<h1>${t("admin.directory.title")}</h1>
<p class="muted" data-revision="${String(draft.revision)}">${t("admin.directory.draftInfo", { revision: draft.revision, version: draft.baseVersion })}${savedBy && draft.updatedAt ? html` ${t("admin.directory.lastSaved", { who: savedBy, when: formatTime(draft.updatedAt) })}` : null}</p>
<p><a href="/staff/admin/history">${t("admin.directory.toHistory")}</a> · <a href="${BASE}/hsds.json" data-export="hsds">${t("admin.directory.export")}</a> · <a href="${BASE}/hsds.json?draft=1">${t("admin.directory.exportDraft")}</a></p>
<nav aria-label="${t("admin.directory.sections")}"><ul class="chips"><li><a href="#areas">${t("admin.directory.areas.title")}</a></li><li><a href="#windows">${t("admin.directory.windows.title")}</a></li><li><a href="#thresholds">${t("admin.directory.thresholds.title")}</a></li><li><a href="#crisis">${t("admin.directory.crisis.title")}</a></li></ul></nav>`;

  // Areas: one row each, edited in place.
  const areas = html`<section class="card" id="areas" aria-labelledby="areas-h"><h2 id="areas-h">${t("admin.directory.areas.title")}</h2>
<p class="muted">${t("admin.directory.areas.help")}</p>
<div class="table-wrap"><table><thead><tr><th scope="col">${t("admin.directory.fields.code")}</th><th scope="col">${t("admin.directory.fields.name")} / ${t("admin.directory.fields.towns")} / ${t("admin.directory.fields.postalCodes")}</th><th scope="col">${t("admin.directory.areas.servedBy")}</th><th scope="col">${t("admin.directory.remove")}</th></tr></thead><tbody>
${m.areas.map((a) => html`<tr data-area="${a.code}"><td class="ref">${a.code}</td><td>${form("areas/save", [
    html`<input type="hidden" name="code" value="${a.code}">`,
    field("name", t("admin.directory.fields.name"), a.name, { scope: `area-${a.code}`, id: `area-${a.code}-name`, required: true }),
    field("towns", t("admin.directory.fields.towns"), (a.towns ?? []).join("、"), { scope: `area-${a.code}`, id: `area-${a.code}-towns`, hint: t("admin.directory.areas.townsHint") }),
    field("postalCodes", t("admin.directory.fields.postalCodes"), (a.postalCodes ?? []).join("、"), { scope: `area-${a.code}`, id: `area-${a.code}-postalCodes`, hint: t("admin.directory.areas.postalCodesHint") }),
    html` <button type="submit">${t("admin.directory.save")}</button>`,
  ], { cls: "inline-edit" })}</td>
<td>${m.windows.filter((w) => w.areas.includes(a.code)).map((w) => w.name).join("、")}</td>
<td>${form("areas/remove", [html`<input type="hidden" name="code" value="${a.code}">`, html`<button type="submit" class="danger" aria-label="${t("admin.directory.areas.removeOne", { name: a.name })}">${t("admin.directory.remove")}</button>`])}</td></tr>`)}
</tbody></table></div>
<h3>${t("admin.directory.areas.add")}</h3>
${form("areas/add", [
    field("code", t("admin.directory.fields.code"), "", { scope: "area-new", id: "area-new-code", required: true, hint: t("admin.directory.codeHint") }),
    field("name", t("admin.directory.fields.name"), "", { scope: "area-new", id: "area-new-name", required: true }),
    field("towns", t("admin.directory.fields.towns"), "", { scope: "area-new", id: "area-new-towns", hint: t("admin.directory.areas.townsHint") }),
    field("postalCodes", t("admin.directory.fields.postalCodes"), "", { scope: "area-new", id: "area-new-postalCodes", hint: t("admin.directory.areas.postalCodesHint") }),
    html` <button type="submit">${t("admin.directory.add")}</button>`,
  ])}</section>`;

  const windowFields = (w: WindowEntry | null, key: string) => {
    const scope = `win-${key}`;
    const id = (n: string) => `${scope}-${n}`;
    return [
      w ? html`<input type="hidden" name="id" value="${w.id}">` : field("id", t("admin.directory.fields.id"), "", { scope, id: id("id"), required: true, hint: t("admin.directory.codeHint") }),
      field("name", t("admin.directory.fields.windowName"), w?.name ?? "", { scope, id: id("name"), required: true }),
      html`<label for="${id("type")}">${t("admin.directory.fields.type")}</label><select id="${id("type")}" name="type">${WINDOW_TYPES.map((ty) => html`<option value="${ty}"${val(scope, "type", w?.type ?? "") === ty ? html` selected` : null}>${windowTypeLabel(ctx, ty)}</option>`)}</select>`,
      html`<fieldset><legend>${t("admin.directory.fields.areas")}</legend>${["*", ...m.areas.map((a) => a.code)].map((c) => {
        const chosen = sent(scope, "areas");
        const on = chosen === undefined ? w?.areas.includes(c) : ([] as unknown[]).concat(chosen).includes(c);
        return html`<label class="check"><input type="checkbox" name="areas" value="${c}"${on ? html` checked` : null}> ${area(c)}</label> `;
      })}</fieldset>`,
      field("phone", t("admin.directory.fields.phone"), w?.phone ?? "", { scope, id: id("phone"), required: true, type: "tel" }),
      field("hours", t("admin.directory.fields.hours"), hoursInputText(w?.hours, jt), { scope, id: id("hours"), required: true, hint: t("admin.directory.hoursHint") }),
      html`<label for="${id("hoursI18n")}">${t("admin.directory.fields.hoursI18n")}</label><span class="muted" id="${id("hoursI18n")}-hint">${t("admin.directory.hoursI18nHint")}</span><textarea id="${id("hoursI18n")}" name="hoursI18n" rows="3" aria-describedby="${id("hoursI18n")}-hint">${val(scope, "hoursI18n", hoursLines(w?.hoursI18n))}</textarea>`,
      notesField(scope, w?.notes),
      field("webhook", t("admin.directory.fields.webhook"), w?.notify?.webhook ?? "", { scope, id: id("webhook"), type: "url" }),
      field("emails", t("admin.directory.fields.emails"), (w?.notify?.email ?? []).join(", "), { scope, id: id("emails"), hint: t("admin.directory.windows.emailsHint") }),
    ];
  };

  const renderings = (w: WindowEntry) => html`<details class="renderings"><summary>${t("admin.directory.windows.renderings")}</summary><table><tbody>
${languages.map((lang) => {
    const shown = renderTerms({ terms: glossary.terms }, w.name, lang);
    // Nothing of the name found a rendering in this language: residents read it in Japanese.
    const missing = shown === w.name;
    // The hours and notes as residents of that language read them.
    const hours = hoursText(w, lang, texts(draft.content.locales[lang]?.bot));
    return html`<tr data-rendering="${lang}"${missing ? html` data-missing-glossary` : null}><th scope="row">${lang}</th><td lang="${lang}">${shown}${missing ? html` <span class="badge overdue">${t("admin.directory.windows.noGlossary")}</span>` : null}</td><td lang="${lang}" data-hours>${hours}</td></tr>`;
  })}</tbody></table></details>`;

  const windows = html`<section class="card" id="windows" aria-labelledby="windows-h"><h2 id="windows-h">${t("admin.directory.windows.title")}</h2>
<p class="muted">${t("admin.directory.windows.help")}</p>
${m.windows.map((w) => html`<details class="window" data-window="${w.id}"${isOpen(`win-${w.id}`)}><summary>${w.name} <span class="muted">(${windowTypeLabel(ctx, w.type)} · ${w.areas.map(area).join("、")} · ${w.phone})</span></summary>
${renderings(w)}
${form("windows/save", [...windowFields(w, w.id), html`<p><button type="submit">${t("admin.directory.save")}</button></p>`])}
${form("windows/remove", [html`<input type="hidden" name="id" value="${w.id}">`, html`<button type="submit" class="danger">${t("admin.directory.windows.remove", { name: w.name })}</button>`])}
</details>`)}
<details class="window" data-window-new${isOpen("win-new")}><summary>${t("admin.directory.windows.add")}</summary>
${form("windows/add", [...windowFields(null, "new"), html`<p><button type="submit">${t("admin.directory.add")}</button></p>`])}</details></section>`;

  const th = m.thresholds ?? {};
  const sla = m.slaHours ?? {};
  const bySize = (prefix: string, table: Record<string, number> | undefined, label: string) => html`<fieldset><legend>${label}</legend><div class="sizes">
${HOUSEHOLD_SIZES.map((n) => field(`${prefix}_${n}`, t("admin.directory.thresholds.size", { count: n }), table?.[String(n)] !== undefined ? String(table[String(n)]) : "", { scope: "th", id: `th-${prefix}-${n}`, inputmode: "numeric" }))}</div></fieldset>`;
  const thresholds = html`<section class="card" id="thresholds" aria-labelledby="thresholds-h"><h2 id="thresholds-h">${t("admin.directory.thresholds.title")}</h2>
<p class="muted">${t("admin.directory.thresholds.help")}</p>
${form("thresholds", [
    bySize("housing", th.housingBenefitIncomeLimit, t("admin.directory.thresholds.housing")),
    bySize("living", th.minimumLiving, t("admin.directory.thresholds.living")),
    field("ucla", t("admin.directory.thresholds.ucla"), String(th.uclaMeanCutoff ?? 3), { scope: "th", id: "th-ucla", inputmode: "decimal", hint: t("admin.directory.thresholds.uclaHint") }),
    field("housingLossDays", t("admin.directory.thresholds.housingLossDays"), String(th.housingLossDays ?? 30), { scope: "th", id: "th-housing-loss-days", inputmode: "numeric" }),
    html`<fieldset><legend>${t("admin.directory.thresholds.sla")}</legend>${(["emergency", "urgent", "routine"] as const).map((u) => field(`sla_${u}`, t(`urgency.${u}`), String(sla[u] ?? ""), { scope: "th", id: `th-sla-${u}`, inputmode: "decimal" }))}</fieldset>`,
    html`<p><button type="submit">${t("admin.directory.save")}</button></p>`,
  ])}</section>`;

  const contactFields = (kind: string, key: string, c: Contact | null) => [
    html`<input type="hidden" name="kind" value="${kind}">`,
    field("name", t("admin.directory.fields.name"), c?.name ?? "", { scope: `cc-${key}`, id: `cc-${key}-name`, required: true }),
    field("phone", t("admin.directory.fields.phone"), c?.phone ?? "", { scope: `cc-${key}`, id: `cc-${key}-phone`, required: true, type: "tel" }),
    field("hours", t("admin.directory.fields.hours"), hoursInputText(c?.hours, jt), { scope: `cc-${key}`, id: `cc-${key}-hours`, hint: t("admin.directory.hoursHint") }),
    html`<label for="cc-${key}-hoursI18n">${t("admin.directory.fields.hoursI18n")}</label><textarea id="cc-${key}-hoursI18n" name="hoursI18n" rows="2">${val(`cc-${key}`, "hoursI18n", hoursLines(c?.hoursI18n))}</textarea>`,
    notesField(`cc-${key}`, c?.notes),
  ];
  const crisis = html`<section class="card" id="crisis" aria-labelledby="crisis-h"><h2 id="crisis-h">${t("admin.directory.crisis.title")}</h2>
<p class="muted">${t("admin.directory.crisis.help")}</p>
${CRISIS_KINDS.map((kind) => {
    const list = m.crisisContacts?.[kind] ?? [];
    return html`<h3 id="crisis-${kind}">${t(`admin.directory.crisis.kinds.${kind}`)}</h3>
${list.map((c, i) => html`<div class="contact" data-contact="${kind}-${i}">${form("crisis/save", [...contactFields(kind, `${kind}-${i}`, c), html`<input type="hidden" name="index" value="${String(i)}"><p><button type="submit">${t("admin.directory.save")}</button></p>`])}
${form("crisis/remove", [html`<input type="hidden" name="kind" value="${kind}"><input type="hidden" name="index" value="${String(i)}">`, html`<button type="submit" class="danger">${t("admin.directory.crisis.remove", { name: c.name })}</button>`])}</div>`)}
<details${isOpen(`cc-${kind}-new`)}><summary>${t("admin.directory.crisis.add")}</summary>${form("crisis/add", [...contactFields(kind, `${kind}-new`, null), html`<p><button type="submit">${t("admin.directory.add")}</button></p>`])}</details>`;
  })}</section>`;

  // What publishing would refuse in the directory as it stands (verifyDirectory, without the walk).
  const open = verifyDirectory(draft.content);
  const pending = open.length > 0
    ? html`<div class="card" id="directory-problems" data-directory-problems="${String(open.length)}"><h2>${t("admin.directory.problems", { count: open.length })}</h2><ul>${open.map((p) => html`<li data-problem="${p.kind}">${problemLine(p)}</li>`)}</ul></div>`
    : null;

  return html`<link rel="stylesheet" href="${STYLESHEET}">${head}${errors}${pending}${areas}${windows}${thresholds}${crisis}`;
}

function fieldLabel(ctx: SignedInCtx, field: string): string {
  const t = ctx.t;
  const m = /^(housing|living|sla)_(\w+)$/.exec(field);
  if (m) return m[1] === "sla" ? `${t("admin.directory.thresholds.sla")} ${t(`urgency.${m[2]}`)}` : `${t(`admin.directory.thresholds.${m[1]}`)} ${t("admin.directory.thresholds.size", { count: Number(m[2]) })}`;
  return t(`admin.directory.fields.${field}`, { defaultValue: field });
}
