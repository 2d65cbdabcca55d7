// /staff/admin/translations: the texts of the draft as a grid of keys × languages (bot, simulator,
// and the staff surfaces where they exist), each cell its text or "missing", and "outdated" when
// the Japanese changed since the translation was made (src/translations/translationSources.ts).
// Filtered by language, state and words, paged. A cell's form saves one text of one language into
// the draft from the revision it was rendered with (a stale form is refused with who and when);
// the rules publishing checks are checked on save and, by a small static script, while typing.
// Export and import of one language as XLIFF 2.0 or CSV; an import is refused line by line with
// nothing changed, or lands in the draft in one save. Every change is audited with before/after.
import type { Request, Response, Router } from "express";
import { z } from "zod";
import { LOCALE_CODES } from "../../intake/codes.ts";
import { DRAFT_ID, getDraft, saveDraft, type Draft } from "../../releases/releaseDraft.ts";
import type { ReleaseContent } from "../../releases/releaseContent.ts";
import { checkTranslation, valueFromText, type TextProblem } from "../../translations/checkTranslation.ts";
import { planImport, targetLanguages, type ImportProblem } from "../../translations/importTranslations.ts";
import { writeCsv } from "../../translations/translationCsv.ts";
import { cellState, recordedHash, SOURCE_LANG, sourceHash, textOf, textsOf, withText, type CellState } from "../../translations/translationSources.ts";
import { writeXliff } from "../../translations/xliff.ts";
import { signedIn, type SignedInCtx } from "../staff/consoleContext.ts";
import { actorLabel, actorNames, formatTime } from "../staff/consoleFormat.ts";
import { csrfField, renderPage } from "../staff/consoleLayout.ts";
import { html, type SafeHtml } from "../staff/html.ts";
import type { AdminDeps } from "./adminPages.ts";
import { TRANSLATIONS_CSS, TRANSLATIONS_JS } from "./translationAssets.ts";
import { previewButton } from "./preview/previewPages.ts";

const BASE = "/staff/admin/translations";
const PAGE_SIZE = 50;
const STATES = ["all", "missing", "outdated"] as const;

const Filters = z.object({
  ns: z.string().regex(/^[a-z][A-Za-z0-9_-]*$/).catch("bot"),
  target: z.string().regex(/^[A-Za-z-]{0,20}$/).catch(""),
  state: z.enum(STATES).catch("all"),
  q: z.string().max(100).catch(""),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
type Filters = z.infer<typeof Filters>;

const CellForm = z.object({
  revision: z.coerce.number().int().min(0),
  ns: z.string().max(40),
  key: z.string().min(1).max(300),
  target: z.string().min(1).max(20),
  text: z.string().max(20_000),
});
const CheckForm = CellForm.omit({ revision: true });
const ImportForm = z.object({ revision: z.coerce.number().int().min(0), ns: z.string().max(40), file: z.string().max(1_000_000) });

const one = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const pick = (src: Record<string, unknown>, prefix = "") =>
  Object.fromEntries(["ns", "target", "state", "q", "page"].map((k) => [k, one(src[prefix + k]) ?? undefined]));

/** Namespaces with texts (meta is bookkeeping), bot first. */
const namespacesOf = (c: ReleaseContent) =>
  Object.keys(c.locales[SOURCE_LANG] ?? {})
    .filter((n) => n !== "meta")
    .sort((a, b) => (a === "bot" ? -1 : b === "bot" ? 1 : a.localeCompare(b)));

/** Languages that have the namespace: Japanese first, then the contract's order. */
function languagesOf(c: ReleaseContent, ns: string): string[] {
  const order = (l: string) => {
    const i = (LOCALE_CODES as readonly string[]).indexOf(l);
    return i < 0 ? LOCALE_CODES.length : i;
  };
  return [SOURCE_LANG, ...targetLanguages(c, ns).sort((a, b) => order(a) - order(b) || a.localeCompare(b))];
}

/** Filters that name things the draft has (an unknown namespace or language falls back). */
function normalise(c: ReleaseContent, raw: Record<string, unknown>): Filters {
  const f = Filters.parse(raw);
  const ns = namespacesOf(c).includes(f.ns) ? f.ns : "bot";
  const target = languagesOf(c, ns).includes(f.target) && f.target !== SOURCE_LANG ? f.target : "";
  return { ...f, ns, target };
}

const query = (f: Filters, extra: Record<string, string> = {}) => {
  const p = new URLSearchParams();
  if (f.ns !== "bot") p.set("ns", f.ns);
  if (f.target) p.set("target", f.target);
  if (f.state !== "all") p.set("state", f.state);
  if (f.q) p.set("q", f.q);
  if (f.page > 1) p.set("page", String(f.page));
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : "";
};

interface Cell {
  lang: string;
  value: unknown;
  state: CellState;
}
interface Row {
  key: string;
  ja: unknown;
  cells: Cell[];
}

interface Grid {
  langs: string[];
  rows: Row[];
  total: number;
  pages: number;
  page: number;
  counts: { missing: number; outdated: number };
}

/** `focus`: a key whose row must be on the page (a refused cell), whatever the filters say. */
function buildGrid(c: ReleaseContent, f: Filters, focus?: string): Grid {
  const langs = f.target ? [SOURCE_LANG, f.target] : languagesOf(c, f.ns);
  const ja = textsOf(c, SOURCE_LANG, f.ns);
  const texts = new Map(langs.map((l) => [l, textsOf(c, l, f.ns)]));
  const q = f.q.toLowerCase();
  const counts = { missing: 0, outdated: 0 };
  const all: Row[] = [];
  for (const [key, jaValue] of ja) {
    if (q && !key.toLowerCase().includes(q) && !(textOf(jaValue) ?? "").toLowerCase().includes(q)) continue;
    const cells = langs.map((lang) => {
      const value = texts.get(lang)!.get(key);
      return { lang, value, state: cellState(value, recordedHash(c, lang, f.ns, key), jaValue, lang) };
    });
    const states = new Set(cells.map((x) => x.state));
    if (states.has("missing")) counts.missing++;
    if (states.has("outdated")) counts.outdated++;
    if (f.state !== "all" && !states.has(f.state) && key !== focus) continue;
    all.push({ key, ja: jaValue, cells });
  }
  const pages = Math.max(1, Math.ceil(all.length / PAGE_SIZE));
  const at = focus === undefined ? -1 : all.findIndex((r) => r.key === focus);
  const page = at >= 0 ? Math.floor(at / PAGE_SIZE) + 1 : Math.min(f.page, pages);
  return { langs, rows: all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE), total: all.length, pages, page, counts };
}

const cellId = (lang: string, key: string) => `cell-${lang}-${key.replace(/[^A-Za-z0-9_-]/g, "_")}`;
/** The lang attribute of a text: ja-easy is Japanese to the browser. */
const htmlLang = (lang: string) => (lang === "ja-easy" ? "ja" : lang);

interface PageState {
  draft: Draft;
  filters: Filters;
  /** The cell being edited in the all-languages view ("<lang>:<key>"). */
  edit?: string;
  /** What the administrator wrote in a refused cell, and why it was refused. */
  kept?: { lang: string; key: string; text: string; problems: TextProblem[] };
  notice?: { kind: "ok" | "error"; text: string } | null;
  importText?: string;
  importProblems?: ImportProblem[];
}

export function problemText(ctx: SignedInCtx, p: TextProblem): string {
  return ctx.t(`admin.translations.problems.${p.code}`, { ...p });
}

function importProblemText(ctx: SignedInCtx, p: ImportProblem): string {
  const what = p.code === "text" ? problemText(ctx, p.problem) : ctx.t(`admin.translations.importProblems.${p.code}`, { ...p });
  return "key" in p && p.key ? ctx.t("admin.translations.importProblemAtKey", { line: p.line, key: p.key, what }) : ctx.t("admin.translations.importProblemAt", { line: p.line, what });
}

function langName(c: ReleaseContent, lang: string): string {
  const name = (c.locales[lang]?.meta as { name?: unknown } | undefined)?.name;
  return typeof name === "string" ? `${name} (${lang})` : lang;
}

function cellForm(ctx: SignedInCtx, s: PageState, row: Row, cell: Cell): SafeHtml {
  const t = ctx.t;
  const id = cellId(cell.lang, row.key);
  const kept = s.kept && s.kept.lang === cell.lang && s.kept.key === row.key ? s.kept : null;
  const text = kept ? kept.text : (textOf(cell.value) ?? "");
  const problems = kept?.problems ?? [];
  const f = s.filters;
  return html`<form method="post" action="${BASE}" class="cell-form" data-cell="${cell.lang}:${row.key}">
${csrfField(ctx)}<input type="hidden" name="revision" value="${String(s.draft.revision)}"><input type="hidden" name="ns" value="${f.ns}"><input type="hidden" name="key" value="${row.key}"><input type="hidden" name="target" value="${cell.lang}">
<input type="hidden" name="f_target" value="${f.target}"><input type="hidden" name="f_state" value="${f.state}"><input type="hidden" name="f_q" value="${f.q}"><input type="hidden" name="f_page" value="${String(f.page)}">
<label for="${id}" class="visually-hidden">${t("admin.translations.fieldLabel", { key: row.key, lang: cell.lang })}</label>
<textarea id="${id}" name="text" rows="${String(Math.min(8, Math.max(2, text.split("\n").length + 1)))}" lang="${htmlLang(cell.lang)}" data-check-url="${BASE}/check" aria-describedby="${id}-problems"${problems.length > 0 ? html` aria-invalid="true"` : null}>${text}</textarea>
<ul id="${id}-problems" class="cell-problems" aria-live="polite">${problems.map((p) => html`<li data-problem="${p.code}">${problemText(ctx, p)}</li>`)}</ul>
<button type="submit">${t("admin.translations.save")}</button>
</form>`;
}

function cellView(ctx: SignedInCtx, s: PageState, row: Row, cell: Cell): SafeHtml {
  const t = ctx.t;
  const badge = cell.state === "missing" || cell.state === "outdated" ? html`<span class="badge state-${cell.state}">${t(`admin.translations.states.${cell.state}`)}</span> ` : null;
  const editing = (s.filters.target !== "" && cell.lang !== SOURCE_LANG) || s.edit === `${cell.lang}:${row.key}`;
  const body = editing
    ? cellForm(ctx, s, row, cell)
    : html`${cell.state === "missing" ? null : html`<span class="cell-text" lang="${htmlLang(cell.lang)}">${textOf(cell.value) ?? ""}</span>`}
<a class="cell-edit" href="${BASE}${query(s.filters, { edit: `${cell.lang}:${row.key}` })}#${cellId(cell.lang, row.key)}">${t("admin.translations.edit")}<span class="visually-hidden"> ${row.key} (${cell.lang})</span></a>`;
  // The anchor a saved cell's redirect points at: the field itself while editing, else the cell.
  return html`<td data-lang="${cell.lang}" data-state="${cell.state}"${editing ? null : html` id="${cellId(cell.lang, row.key)}"`}>${badge}${body}</td>`;
}

async function renderGrid(ctx: SignedInCtx, s: PageState): Promise<string> {
  const t = ctx.t;
  const c = s.draft.content;
  const f = s.filters;
  const grid = buildGrid(c, f, s.kept?.key ?? s.edit?.slice(s.edit.indexOf(":") + 1));
  const langs = languagesOf(c, f.ns);
  const page = grid.page;
  const by = s.draft.updatedBy ? actorLabel(ctx, await actorNames(ctx, [s.draft.updatedBy]), s.draft.updatedBy) : null;
  const exportLangs = f.target ? [f.target] : langs.filter((l) => l !== SOURCE_LANG);
  const main = html`<h1>${t("admin.translations.title")}</h1>
<p class="muted" data-draft-revision="${String(s.draft.revision)}">${
    by && s.draft.updatedAt
      ? t("admin.translations.draftState", { revision: s.draft.revision, version: s.draft.baseVersion, who: by, when: formatTime(s.draft.updatedAt) })
      : t("admin.translations.draftFresh", { version: s.draft.baseVersion })
  } <a href="/staff/admin/history">${t("admin.translations.toHistory")}</a></p>
${previewButton(ctx)}
<form method="get" action="${BASE}" class="filters" role="search">
  <label>${t("admin.translations.namespace")}<select name="ns">${namespacesOf(c).map((n) => html`<option value="${n}"${n === f.ns ? html` selected` : null}>${t(`admin.translations.namespaces.${n}`, { defaultValue: n })}</option>`)}</select></label>
  <label>${t("admin.translations.language")}<select name="target"><option value="">${t("admin.translations.allLanguages")}</option>${langs
    .filter((l) => l !== SOURCE_LANG)
    .map((l) => html`<option value="${l}"${l === f.target ? html` selected` : null}>${langName(c, l)}</option>`)}</select></label>
  <label>${t("admin.translations.state")}<select name="state">${STATES.map((st) => html`<option value="${st}"${st === f.state ? html` selected` : null}>${t(`admin.translations.states.${st}`)}</option>`)}</select></label>
  <label>${t("admin.translations.search")}<input type="text" name="q" value="${f.q}" maxlength="100"></label>
  <button type="submit">${t("admin.translations.apply")}</button>
</form>
<p data-counts data-missing="${String(grid.counts.missing)}" data-outdated="${String(grid.counts.outdated)}">${t("admin.translations.counts", { total: grid.total, missing: grid.counts.missing, outdated: grid.counts.outdated })}</p>
<div class="table-wrap"><table class="translations">
<caption class="visually-hidden">${t("admin.translations.title")}</caption>
<thead><tr><th scope="col">${t("admin.translations.key")}</th>${grid.langs.map((l) => html`<th scope="col" lang="${htmlLang(l)}">${langName(c, l)}</th>`)}</tr></thead>
<tbody>${grid.rows.map(
    (row) => html`<tr data-key="${row.key}"><th scope="row"><code>${row.key}</code></th>${row.cells.map((cell) => cellView(ctx, s, row, cell))}</tr>`,
  )}</tbody></table></div>
${grid.rows.length === 0 ? html`<p class="muted" data-empty>${t("admin.translations.none")}</p>` : null}
<nav class="pager" aria-label="${t("admin.translations.pages")}">${
    page > 1 ? html`<a rel="prev" href="${BASE}${query({ ...f, page: page - 1 })}">${t("admin.translations.prev")}</a>` : null
  }<span data-page="${String(page)}" data-pages="${String(grid.pages)}">${t("admin.translations.pageOf", { page, pages: grid.pages })}</span>${
    page < grid.pages ? html`<a rel="next" href="${BASE}${query({ ...f, page: page + 1 })}">${t("admin.translations.next")}</a>` : null
  }</nav>
<section class="card" aria-labelledby="export-title">
<h2 id="export-title">${t("admin.translations.exportTitle")}</h2>
<form method="get" action="${BASE}/export" class="filters">
  <input type="hidden" name="ns" value="${f.ns}">
  <label>${t("admin.translations.language")}<select name="target">${exportLangs.map((l) => html`<option value="${l}">${langName(c, l)}</option>`)}</select></label>
  <label>${t("admin.translations.format")}<select name="format"><option value="xliff">XLIFF 2.0</option><option value="csv">CSV</option></select></label>
  <button type="submit">${t("admin.translations.export")}</button>
</form>
</section>
<section class="card" aria-labelledby="import-title">
<h2 id="import-title">${t("admin.translations.importTitle")}</h2>
<p class="muted">${t("admin.translations.importHint")}</p>
${s.importProblems && s.importProblems.length > 0 ? html`<ul class="import-problems" role="alert">${s.importProblems.map((p) => html`<li data-line="${String(p.line)}">${importProblemText(ctx, p)}</li>`)}</ul>` : null}
<form method="post" action="${BASE}/import" data-action="import">
  ${csrfField(ctx)}<input type="hidden" name="revision" value="${String(s.draft.revision)}"><input type="hidden" name="ns" value="${f.ns}">
  <p><input type="file" id="import-file" accept=".xlf,.xliff,.csv,.xml,text/csv,application/xliff+xml" hidden aria-label="${t("admin.translations.importFile")}"></p>
  <p><label for="import-text">${t("admin.translations.importText")}</label><textarea id="import-text" name="file" rows="6" spellcheck="false">${s.importText ?? ""}</textarea></p>
  <button type="submit">${t("admin.translations.import")}</button>
</form>
</section>
<link rel="stylesheet" href="/staff/admin/assets/translations.css">
<script src="/staff/admin/assets/translations.js" defer></script>`;
  return renderPage(ctx, { title: t("admin.translations.title"), main, notice: s.notice ?? null });
}

async function staleNotice(ctx: SignedInCtx, r: { revision: number; updatedBy: string | null; updatedAt: Date | null }): Promise<{ kind: "error"; text: string }> {
  const who = r.updatedBy ? actorLabel(ctx, await actorNames(ctx, [r.updatedBy]), r.updatedBy) : "—";
  return { kind: "error", text: ctx.t("admin.translations.stale", { revision: r.revision, who, when: r.updatedAt ? formatTime(r.updatedAt) : "—" }) };
}

export function registerTranslations(router: Router, deps: AdminDeps): void {
  const { prisma } = deps;
  const send = (res: Response, status: number, body: string) => res.status(status).type("html").send(body);

  router.get("/staff/admin/assets/translations.js", (_req, res) => {
    res.set("Cache-Control", "public, max-age=300").type("text/javascript").send(TRANSLATIONS_JS);
  });
  router.get("/staff/admin/assets/translations.css", (_req, res) => {
    res.set("Cache-Control", "public, max-age=300").type("text/css").send(TRANSLATIONS_CSS);
  });

  router.get(BASE, async (req, res) => {
    const ctx = signedIn(res);
    const draft = await getDraft(prisma);
    const filters = normalise(draft.content, pick(req.query as Record<string, unknown>));
    const edit = typeof req.query.edit === "string" ? req.query.edit.slice(0, 320) : undefined;
    const ok = one(req.query.ok);
    const n = Number(one(req.query.n) ?? 0) || 0;
    const notice = ok === "saved" || ok === "imported" || ok === "nothingImported" ? { kind: "ok" as const, text: ctx.t(`admin.translations.notices.${ok}`, { count: n }) } : null;
    send(res, 200, await renderGrid(ctx, { draft, filters, edit, notice }));
  });

  /** The cell's language, key and value, or why they do not exist in the draft. */
  const cellOf = (c: ReleaseContent, form: { ns: string; key: string; target: string; text: string }) => {
    if (!namespacesOf(c).includes(form.ns) || !languagesOf(c, form.ns).includes(form.target)) return null;
    const ja = textsOf(c, SOURCE_LANG, form.ns);
    if (!ja.has(form.key)) return null;
    const jaValue = ja.get(form.key);
    const value = valueFromText(form.text, jaValue);
    return { jaValue, value, problems: checkTranslation(c, { lang: form.target, ns: form.ns, key: form.key, value, jaValue }) };
  };

  router.post(BASE, async (req: Request, res) => {
    const ctx = signedIn(res);
    const body = req.body as Record<string, unknown>;
    const form = CellForm.safeParse(Object.fromEntries(Object.keys(CellForm.shape).map((k) => [k, one(body[k])])));
    const draft = await getDraft(prisma);
    if (!form.success) return send(res, 400, await renderGrid(ctx, { draft, filters: normalise(draft.content, {}), notice: { kind: "error", text: ctx.t("admin.translations.invalid") } }));
    const { ns, key, target: lang, text, revision } = form.data;
    const filters = normalise(draft.content, { ...pick(body, "f_"), ns });
    const edit = `${lang}:${key}`;
    const cell = cellOf(draft.content, form.data);
    if (!cell) return send(res, 400, await renderGrid(ctx, { draft, filters, notice: { kind: "error", text: ctx.t("admin.translations.invalid") } }));
    if (cell.problems.length > 0) {
      return send(res, 422, await renderGrid(ctx, { draft, filters, edit, kept: { lang, key, text, problems: cell.problems }, notice: { kind: "error", text: ctx.t("admin.translations.notSaved") } }));
    }
    const before = textsOf(draft.content, lang, ns).get(key) ?? null;
    const content = withText(draft.content, lang, ns, key, cell.value, lang === SOURCE_LANG ? undefined : sourceHash(cell.jaValue));
    const saved = await saveDraft(prisma, content, { revision, by: ctx.principal.actor });
    if (!saved.ok) {
      const fresh = await getDraft(prisma);
      return send(res, 409, await renderGrid(ctx, { draft: fresh, filters, edit, kept: { lang, key, text, problems: [] }, notice: await staleNotice(ctx, saved) }));
    }
    await prisma.auditLog.create({
      data: { actor: ctx.principal.actor, action: "admin.translations.edit", targetType: "releaseDraft", targetId: DRAFT_ID, detail: { revision: saved.draft.revision, lang, ns, key, before, after: cell.value } as object },
    });
    res.redirect(303, `${BASE}${query(filters, { ok: "saved" })}#${cellId(lang, key)}`);
  });

  // While typing (translations.js): the same check as saving, worded for the reader.
  router.post(`${BASE}/check`, async (req, res) => {
    const ctx = signedIn(res);
    const body = req.body as Record<string, unknown>;
    const form = CheckForm.safeParse(Object.fromEntries(Object.keys(CheckForm.shape).map((k) => [k, one(body[k])])));
    if (!form.success) return void res.status(400).json({ problems: [] });
    const cell = cellOf((await getDraft(prisma)).content, form.data);
    if (!cell) return void res.status(404).json({ problems: [] });
    res.json({ problems: cell.problems.map((p) => ({ code: p.code, text: problemText(ctx, p) })) });
  });

  router.get(`${BASE}/export`, async (req, res) => {
    const ctx = signedIn(res);
    const draft = await getDraft(prisma);
    const c = draft.content;
    const f = normalise(c, pick(req.query as Record<string, unknown>));
    const format = one(req.query.format) === "csv" ? "csv" : "xliff";
    if (!f.target) return send(res, 400, await renderGrid(ctx, { draft, filters: f, notice: { kind: "error", text: ctx.t("admin.translations.chooseLanguage") } }));
    const ja = textsOf(c, SOURCE_LANG, f.ns);
    const tr = textsOf(c, f.target, f.ns);
    const name = `tsunagu-${f.ns}-${f.target}-r${draft.revision}`;
    if (format === "csv") {
      const rows = [["key", SOURCE_LANG, f.target], ...[...ja].map(([k, v]) => [k, textOf(v) ?? "", textOf(tr.get(k)) ?? ""])];
      return void res.set("Content-Disposition", `attachment; filename="${name}.csv"`).type("text/csv; charset=utf-8").send(writeCsv(rows));
    }
    const units = [...ja].map(([k, v]) => {
      const target = textOf(tr.get(k));
      const state = cellState(tr.get(k), recordedHash(c, f.target, f.ns, k), v, f.target);
      return { id: k, source: textOf(v) ?? "", ...(target === undefined ? {} : { target }), state: state === "current" ? ("translated" as const) : ("initial" as const) };
    });
    res.set("Content-Disposition", `attachment; filename="${name}.xlf"`).type("application/xliff+xml; charset=utf-8").send(writeXliff({ srcLang: SOURCE_LANG, trgLang: f.target, files: [{ id: f.ns, units }] }));
  });

  router.post(`${BASE}/import`, async (req, res) => {
    const ctx = signedIn(res);
    const body = req.body as Record<string, unknown>;
    const form = ImportForm.safeParse({ revision: one(body.revision), ns: one(body.ns), file: one(body.file) });
    const draft = await getDraft(prisma);
    if (!form.success) return send(res, 400, await renderGrid(ctx, { draft, filters: normalise(draft.content, {}), notice: { kind: "error", text: ctx.t("admin.translations.invalid") } }));
    const plan = planImport(draft.content, form.data.file, form.data.ns);
    const filters = normalise(draft.content, { ns: plan.ok ? plan.ns : form.data.ns, target: plan.ok ? plan.lang : "" });
    if (!plan.ok) {
      return send(res, 422, await renderGrid(ctx, { draft, filters, importText: form.data.file, importProblems: plan.problems, notice: { kind: "error", text: ctx.t("admin.translations.importRefused", { count: plan.problems.length }) } }));
    }
    if (plan.changes.length === 0) return void res.redirect(303, `${BASE}${query(filters, { ok: "nothingImported" })}`);
    const saved = await saveDraft(prisma, plan.content, { revision: form.data.revision, by: ctx.principal.actor });
    if (!saved.ok) return send(res, 409, await renderGrid(ctx, { draft: await getDraft(prisma), filters, importText: form.data.file, notice: await staleNotice(ctx, saved) }));
    await prisma.auditLog.create({
      data: {
        actor: ctx.principal.actor,
        action: "admin.translations.import",
        targetType: "releaseDraft",
        targetId: DRAFT_ID,
        detail: { revision: saved.draft.revision, lang: plan.lang, ns: plan.ns, format: plan.format, changes: plan.changes } as object,
      },
    });
    res.redirect(303, `${BASE}${query(filters, { ok: "imported", n: String(plan.changes.length) })}`);
  });
}
