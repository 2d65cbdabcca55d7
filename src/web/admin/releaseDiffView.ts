// What changed between two release contents, as an administrator reads it: steps, the flow's
// other parts, texts per language (key, old → new), glossary terms and directory entries (which
// fields changed, old → new). The comparison itself is diffReleases'; this only renders it.
import { flatten } from "../../i18n/localeCheck.ts";
import type { Changes, ReleaseDiff } from "../../releases/diffReleases.ts";
import type { ReleaseContent } from "../../releases/releaseContent.ts";
import type { Ctx } from "../staff/consoleContext.ts";
import { html, type SafeHtml } from "../staff/html.ts";

/** Rows shown per language before "and N more": a whole new language would fill pages. */
const TEXT_ROWS = 150;

type Obj = Record<string, unknown>;

const shown = (v: unknown): string => (v === undefined ? "—" : typeof v === "string" ? v : JSON.stringify(v));

function textsOf(c: ReleaseContent, lang: string): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [ns, tree] of Object.entries(c.locales[lang] ?? {})) for (const [k, v] of flatten(tree)) out.set(`${ns}:${k}`, v);
  return out;
}

const byKey = (list: unknown, key: string): Map<string, Obj> =>
  new Map((Array.isArray(list) ? (list as Obj[]) : []).map((x, i) => [String(x?.[key] ?? `#${i}`), x]));

/** The top-level fields of two versions of one entry that differ. */
function fieldChanges(before: unknown, after: unknown): { field: string; before: unknown; after: unknown }[] {
  const a = (before ?? {}) as Obj;
  const b = (after ?? {}) as Obj;
  if (typeof a !== "object" || typeof b !== "object" || Array.isArray(a) || Array.isArray(b)) return [{ field: "", before, after }];
  const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return fields.filter((f) => JSON.stringify(a[f]) !== JSON.stringify(b[f])).map((f) => ({ field: f, before: a[f], after: b[f] }));
}

const count = (c: Changes) => c.added.length + c.removed.length + c.changed.length;

/** Added and removed entries by name, changed ones with each changed field as old → new. */
function entryList(ctx: Ctx, kind: string, c: Changes, before: Map<string, unknown>, after: Map<string, unknown>): SafeHtml {
  const t = ctx.t;
  if (count(c) === 0) return html`<p class="muted" data-diff-none="${kind}">${t("admin.history.diff.none")}</p>`;
  const item = (verb: "added" | "removed" | "changed", key: string) =>
    html`<li data-diff="${kind}" data-change="${verb}" data-key="${key}"><span class="badge diff-${verb}">${t(`admin.history.diff.${verb}`)}</span> <code>${key}</code>${
      verb === "changed"
        ? html`<ul class="diff-fields">${fieldChanges(before.get(key), after.get(key)).map(
            (f) => html`<li>${f.field ? html`<code>${f.field}</code>: ` : null}<del>${shown(f.before)}</del> → <ins>${shown(f.after)}</ins></li>`,
          )}</ul>`
        : null
    }</li>`;
  return html`<ul class="diff-list">${c.added.map((k) => item("added", k))}${c.removed.map((k) => item("removed", k))}${c.changed.map((k) => item("changed", k))}</ul>`;
}

function textTable(ctx: Ctx, lang: string, c: Changes, from: ReleaseContent, to: ReleaseContent): SafeHtml {
  const t = ctx.t;
  const before = textsOf(from, lang);
  const after = textsOf(to, lang);
  const rows = [...c.added.map((k) => ["added", k] as const), ...c.removed.map((k) => ["removed", k] as const), ...c.changed.map((k) => ["changed", k] as const)];
  const more = rows.length - TEXT_ROWS;
  return html`<section class="diff-lang" data-diff-lang="${lang}"><h4 lang="${lang}">${lang} <span class="muted">(${t("admin.history.diff.count", { count: rows.length })})</span></h4>
<div class="table-wrap"><table class="diff-texts">
<thead><tr><th scope="col">${t("admin.history.diff.key")}</th><th scope="col">${t("admin.history.diff.change")}</th><th scope="col">${t("admin.history.diff.old")}</th><th scope="col">${t("admin.history.diff.new")}</th></tr></thead>
<tbody>${rows.slice(0, TEXT_ROWS).map(
    ([verb, key]) =>
      html`<tr data-diff="text" data-lang="${lang}" data-change="${verb}" data-key="${key}"><td><code>${key}</code></td><td>${t(`admin.history.diff.${verb}`)}</td><td lang="${lang}"><del>${shown(before.get(key))}</del></td><td lang="${lang}"><ins>${shown(after.get(key))}</ins></td></tr>`,
  )}</tbody></table></div>
${more > 0 ? html`<p class="muted">${t("admin.history.diff.more", { count: more })}</p>` : null}</section>`;
}

/** The whole diff of `from` → `to`, in sections; an empty diff says so once. */
export function renderReleaseDiff(ctx: Ctx, d: ReleaseDiff, from: ReleaseContent, to: ReleaseContent): SafeHtml {
  const t = ctx.t;
  const langs = Object.keys(d.texts);
  const total = count(d.steps) + count(d.flow) + langs.length + count(d.glossary) + count(d.directory.areas) + count(d.directory.windows) + count(d.directory.settings);
  if (total === 0) return html`<p class="diff-empty" data-diff-empty>${t("admin.history.diff.identical")}</p>`;
  const flowRest = (c: ReleaseContent) => {
    const m = new Map<string, unknown>(Object.entries(c.flow).filter(([k]) => k !== "steps" && k !== "optionSets"));
    for (const [k, v] of Object.entries((c.flow.optionSets ?? {}) as Obj)) m.set(`optionSets.${k}`, v);
    return m;
  };
  const settings = (c: ReleaseContent) => new Map(Object.entries(c.municipality).filter(([k]) => k !== "areas" && k !== "windows"));
  return html`<div class="release-diff">
<section><h3>${t("admin.history.diff.steps")}</h3>${entryList(ctx, "step", d.steps, byKey(from.flow.steps, "id"), byKey(to.flow.steps, "id"))}</section>
<section><h3>${t("admin.history.diff.flow")}</h3>${entryList(ctx, "flow", d.flow, flowRest(from), flowRest(to))}</section>
<section><h3>${t("admin.history.diff.texts")}</h3>${langs.length === 0 ? html`<p class="muted">${t("admin.history.diff.none")}</p>` : langs.map((l) => textTable(ctx, l, d.texts[l]!, from, to))}</section>
<section><h3>${t("admin.history.diff.glossary")}</h3>${entryList(ctx, "glossary", d.glossary, new Map(Object.entries(from.glossary.terms)), new Map(Object.entries(to.glossary.terms)))}</section>
<section><h3>${t("admin.history.diff.areas")}</h3>${entryList(ctx, "area", d.directory.areas, byKey(from.municipality.areas, "code"), byKey(to.municipality.areas, "code"))}</section>
<section><h3>${t("admin.history.diff.windows")}</h3>${entryList(ctx, "window", d.directory.windows, byKey(from.municipality.windows, "id"), byKey(to.municipality.windows, "id"))}</section>
<section><h3>${t("admin.history.diff.settings")}</h3>${entryList(ctx, "setting", d.directory.settings, settings(from), settings(to))}</section>
</div>`;
}

/** One line of counts ("steps 2 · texts 30 in 14 languages · directory 1"), for lists and the audit log. */
export function summaryLine(ctx: Ctx, summary: Record<string, number>): string {
  const parts = (["steps", "flow", "texts", "glossary", "directory"] as const)
    .filter((k) => (summary[k] ?? 0) > 0)
    .map((k) => ctx.t(`admin.history.summary.${k}`, { count: summary[k], languages: summary.languages ?? 0 }));
  return parts.length === 0 ? ctx.t("admin.history.summary.nothing") : parts.join(ctx.t("admin.history.summary.separator"));
}
