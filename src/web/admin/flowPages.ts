// /staff/admin/flow: the draft's intake as a diagram, with the problems publishing would refuse
// it for; a page per step to edit its choices, condition and place, remove it, or see it as a
// resident would; and a new step. Every change is saved to the working draft from the revision
// the form was rendered with (a stale form is refused with who saved since, and when) and is
// written to the audit log with its before and after.
import type { Response, Router } from "express";
import { z } from "zod";
import type { FlowDocument, FlowStep } from "../../conversation/flowSchema.ts";
import { StepKind } from "../../conversation/flowSchema.ts";
import { ownLabelKey, questionKey } from "../../i18n/stepTexts.ts";
import type { LocaleCode } from "../../intake/codes.ts";
import { buildRelease } from "../../releases/buildRelease.ts";
import type { ReleaseContent } from "../../releases/releaseContent.ts";
import { getDraft, saveDraft, type Draft } from "../../releases/releaseDraft.ts";
import { verifyRelease, type ReleaseProblem } from "../../releases/verifyRelease.ts";
import { signedIn, type SignedInCtx } from "../staff/consoleContext.ts";
import { actorLabel, actorNames, formatTime } from "../staff/consoleFormat.ts";
import { csrfField, renderPage } from "../staff/consoleLayout.ts";
import { html, type SafeHtml } from "../staff/html.ts";
import type { AdminDeps } from "./adminPages.ts";
import { conditionText } from "./flow/conditionText.ts";
import { FLOW_CSS } from "./flow/flowAssets.ts";
import { flowDiagram } from "./flow/flowDiagram.ts";
import { addStep, choiceUniverse, flowOf, moveStep, NewStepForm, referencesTo, removeStep, setChoices, setCondition, writableFields, type EditResult } from "./flow/flowEdits.ts";
import { previewStep } from "./flow/stepPreview.ts";
import { previewButton } from "./preview/previewPages.ts";
import { stringify as toYaml } from "yaml";

const BASE = "/staff/admin/flow";
const CSS_PATH = "/staff/admin/assets/flow.css";
const stepHref = (id: string) => `${BASE}/steps/${encodeURIComponent(id)}`;
const PREVIEW_LANGUAGES: LocaleCode[] = ["ja", "en"];

const Revision = z.coerce.number().int().min(0);
const StepId = z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/);
const ChoicesForm = z.object({ revision: Revision, keep: z.union([z.string(), z.array(z.string())]).optional() }).loose();
const ConditionForm = z.object({ revision: Revision, when: z.string().max(5000).default("") });
const MoveForm = z.object({ revision: Revision, direction: z.enum(["up", "down"]) });
const RemoveForm = z.object({ revision: Revision });
const AddForm = z.object({ revision: Revision });

/** The step a problem's place names: "step rent" (the walk, the choices) or `flow "intake" step "rent"` (loading). */
const problemStep = (p: ReleaseProblem): string | null => /(?:^|\s)step "?([A-Za-z][A-Za-z0-9]*)"?$/.exec(p.place)?.[1] ?? null;

type Notice = { kind: "ok" | "error"; text: string } | null;

/** The Japanese texts of the draft a page shows (question, choice labels). */
function jaTexts(content: ReleaseContent) {
  const bot = (content.locales.ja?.bot ?? {}) as Record<string, unknown>;
  const at = (path: string[]): string => {
    let cur: unknown = bot;
    for (const p of path) cur = cur && typeof cur === "object" ? (cur as Record<string, unknown>)[p] : undefined;
    return typeof cur === "string" ? cur : "";
  };
  return {
    question: (step: FlowStep) => at(questionKey(step).split(".")).replace(/\{\{\s*n\s*\}\}/g, "1"),
    label: (step: FlowStep, value: unknown) => at(ownLabelKey(step, value).split(".")) || at(["options", step.options ?? "", String(value)]) || String(value),
  };
}

export function registerFlowPages(router: Router, deps: AdminDeps): void {
  // Verifying walks the flow (about two seconds): the answer is kept for the draft as it is.
  let verified: { key: string; problems: ReleaseProblem[] } | null = null;
  const problemsOf = (draft: Draft): ReleaseProblem[] => {
    const key = `${draft.revision}:${draft.baseVersion}:${draft.updatedAt?.toISOString() ?? ""}`;
    if (verified?.key !== key) verified = { key, problems: verifyRelease(draft.content) };
    return verified.problems;
  };

  const send = (res: Response, status: number, ctx: SignedInCtx, title: string, main: SafeHtml, notice: Notice = null): void =>
    void res.status(status).type("html").send(renderPage(ctx, { title, main: html`<link rel="stylesheet" href="${CSS_PATH}">${main}`, notice }));

  router.get(CSS_PATH, (_req, res) => {
    res.set("Cache-Control", "public, max-age=300").type("text/css").send(FLOW_CSS);
  });

  const draftLine = async (ctx: SignedInCtx, draft: Draft): Promise<SafeHtml> => {
    const t = ctx.t;
    if (!draft.updatedBy || !draft.updatedAt) return html`<p class="muted" data-revision="${String(draft.revision)}">${t("admin.flow.draftUnchanged", { version: draft.baseVersion })}</p>`;
    const names = await actorNames(ctx, [draft.updatedBy]);
    return html`<p class="muted" data-revision="${String(draft.revision)}">${t("admin.flow.draftSaved", { revision: draft.revision, version: draft.baseVersion, who: actorLabel(ctx, names, draft.updatedBy), when: formatTime(draft.updatedAt) })}</p>`;
  };

  const revisionField = (draft: Draft) => html`<input type="hidden" name="revision" value="${String(draft.revision)}">`;

  // ---- the flow page ---------------------------------------------------------------------------
  const flowPage = async (ctx: SignedInCtx, draft: Draft, extra: { addError?: string; addValues?: Record<string, string> } = {}): Promise<SafeHtml> => {
    const t = ctx.t;
    const problems = problemsOf(draft);
    const parsed = (() => {
      try {
        return flowOf(draft.content);
      } catch {
        return null;
      }
    })();
    const flagged = new Set(problems.map(problemStep).filter((x): x is string => x !== null));
    const ja = jaTexts(draft.content);
    const problemList = problems.length
      ? html`<section aria-labelledby="flow-problems"><h2 id="flow-problems">${t("admin.flow.problems.title", { count: problems.length })}</h2>
<p>${t("admin.flow.problems.intro")}</p>
<ul class="flow-problems">${problems.map((p) => html`<li data-kind="${p.kind}" data-place="${p.place}"><strong>${p.place}</strong>: ${p.message}</li>`)}</ul></section>`
      : html`<p class="notice notice-ok" data-problems="0">${t("admin.flow.problems.none")}</p>`;
    if (!parsed) return html`<h1>${t("admin.flow.title")}</h1>${await draftLine(ctx, draft)}${problemList}`;
    const diagram = flowDiagram(
      parsed,
      {
        question: ja.question,
        choices: (s) => {
          const set = s.options ? parsed.optionSets[s.options] : undefined;
          return Array.isArray(set) ? set.map((v) => ja.label(s, v)) : s.options ? [String(set)] : [];
        },
        otherwise: t("admin.flow.diagram.otherwise"),
        title: t("admin.flow.diagram.title"),
      },
      { flagged, href: stepHref },
    );
    const v = extra.addValues ?? {};
    const sections = [...new Set(parsed.steps.map((s) => s.section))];
    const addForm = html`<section aria-labelledby="flow-add"><h2 id="flow-add">${t("admin.flow.add.title")}</h2>
${extra.addError ? html`<p class="notice notice-error" role="alert">${extra.addError}</p>` : null}
<form method="post" action="${BASE}/steps" class="flow-add">${csrfField(ctx)}${revisionField(draft)}
<p><label for="add-id">${t("admin.flow.add.id")}</label> <input type="text" id="add-id" name="id" required pattern="[a-zA-Z][a-zA-Z0-9]*" value="${v.id ?? ""}"></p>
<p><label for="add-field">${t("admin.flow.add.field")}</label> <select id="add-field" name="field">${writableFields().map((f) => html`<option value="${f}"${v.field === f ? html` selected` : null}>${f}</option>`)}</select></p>
<p><label for="add-kind">${t("admin.flow.add.kind")}</label> <select id="add-kind" name="kind">${StepKind.options.filter((k) => k !== "summary").map((k) => html`<option value="${k}"${v.kind === k ? html` selected` : null}>${t(`admin.flow.kinds.${k}`)}</option>`)}</select></p>
<p><label for="add-options">${t("admin.flow.add.options")}</label> <select id="add-options" name="options"><option value="">${t("admin.flow.add.noOptions")}</option>${Object.keys(parsed.optionSets).map((o) => html`<option value="${o}"${v.options === o ? html` selected` : null}>${o}</option>`)}</select></p>
<p><label for="add-section">${t("admin.flow.add.section")}</label> <select id="add-section" name="section">${sections.filter((s) => s !== "summary").map((s) => html`<option value="${s}"${v.section === s ? html` selected` : null}>${s}</option>`)}</select></p>
<p><label for="add-after">${t("admin.flow.add.after")}</label> <select id="add-after" name="after">${parsed.steps.filter((s) => s.kind !== "summary").map((s) => html`<option value="${s.id}"${v.after === s.id ? html` selected` : null}>${s.id}</option>`)}</select></p>
<p><label for="add-text">${t("admin.flow.add.text")}</label> <textarea id="add-text" name="text" required rows="2">${v.text ?? ""}</textarea></p>
<p><label for="add-summary">${t("admin.flow.add.summaryLabel")}</label> <input type="text" id="add-summary" name="summaryLabel" required value="${v.summaryLabel ?? ""}"></p>
<p class="muted">${t("admin.flow.add.translations")}</p>
<p><button type="submit">${t("admin.flow.add.submit")}</button></p></form></section>`;
    const table = html`<div class="table-wrap"><table class="flow-steps"><caption>${t("admin.flow.steps.caption")}</caption>
<thead><tr><th scope="col">${t("admin.flow.steps.step")}</th><th scope="col">${t("admin.flow.steps.section")}</th><th scope="col">${t("admin.flow.steps.field")}</th><th scope="col">${t("admin.flow.steps.kind")}</th><th scope="col">${t("admin.flow.steps.when")}</th></tr></thead>
<tbody>${parsed.steps.map((s) => html`<tr data-step-row="${s.id}"><td><a href="${stepHref(s.id)}">${s.id}</a></td><td>${s.section}</td><td><code>${s.field}</code></td><td>${t(`admin.flow.kinds.${s.kind}`)}</td><td>${s.when ? html`<code>${conditionText(s.when)}</code>` : null}</td></tr>`)}</tbody></table></div>`;
    return html`<h1>${t("admin.flow.title")}</h1>
${await draftLine(ctx, draft)}
<p><a href="/staff/admin/history">${t("admin.flow.toHistory")}</a></p>
${previewButton(ctx)}
${problemList}
<section aria-labelledby="flow-diagram"><h2 id="flow-diagram">${t("admin.flow.diagram.title")}</h2><p class="muted">${t("admin.flow.diagram.legend")}</p><div class="table-wrap flow-diagram-wrap">${diagram}</div></section>
${table}
${addForm}`;
  };

  router.get(BASE, async (req, res) => {
    const ctx = signedIn(res);
    const draft = await getDraft(deps.prisma);
    const saved = typeof req.query.saved === "string" && /^[a-z]+$/.test(req.query.saved) ? req.query.saved : null;
    send(res, 200, ctx, ctx.t("admin.flow.title"), await flowPage(ctx, draft), saved ? { kind: "ok", text: ctx.t(`admin.flow.saved.${saved}`, { defaultValue: ctx.t("admin.flow.saved.default") }) } : null);
  });

  // ---- a step's page ---------------------------------------------------------------------------
  const stepPage = async (ctx: SignedInCtx, draft: Draft, stepId: string, extra: { when?: string } = {}): Promise<SafeHtml | null> => {
    const t = ctx.t;
    let flow: FlowDocument;
    try {
      flow = flowOf(draft.content);
    } catch {
      return null;
    }
    const index = flow.steps.findIndex((s) => s.id === stepId);
    const step = flow.steps[index];
    if (!step) return null;
    const ja = jaTexts(draft.content);
    const problems = problemsOf(draft).filter((p) => problemStep(p) === step.id);
    const universe = choiceUniverse(draft.content, step.id);
    const current = step.options ? flow.optionSets[step.options] : undefined;
    const shared = step.options ? flow.steps.filter((s) => s.id !== step.id && s.options === step.options).map((s) => s.id) : [];
    const choices = universe
      ? html`<form method="post" action="${stepHref(step.id)}/choices" class="flow-choices" data-choices>${csrfField(ctx)}${revisionField(draft)}
<fieldset><legend>${t("admin.flow.choices.legend", { set: step.options })}</legend>
${shared.length ? html`<p class="muted" data-shared>${t("admin.flow.choices.shared", { steps: shared.join(", ") })}</p>` : null}
<ol class="choice-list">${[...(current as unknown[]), ...universe.filter((u) => !(current as unknown[]).includes(u))].map((value, i) => {
          const key = String(value);
          const on = (current as unknown[]).includes(value);
          return html`<li data-choice="${key}"><label><input type="checkbox" name="keep" value="${key}"${on ? html` checked` : null}> ${ja.label(step, value)} <code>${key}</code></label>
 <label class="order">${t("admin.flow.choices.order")} <input type="number" name="order.${key}" value="${String(i + 1)}" min="1" max="999" size="3"></label></li>`;
        })}</ol></fieldset>
<p><button type="submit">${t("admin.flow.choices.save")}</button></p></form>`
      : html`<p class="muted">${step.options ? t("admin.flow.choices.dynamic", { set: step.options }) : t("admin.flow.choices.none")}</p>`;
    const whenText = extra.when ?? (step.when ? toYaml(step.when).trim() : "");
    const condition =
      step.kind === "summary"
        ? null
        : html`<form method="post" action="${stepHref(step.id)}/condition" class="flow-condition">${csrfField(ctx)}${revisionField(draft)}
<p><label for="when">${t("admin.flow.condition.label")}</label></p>
<p class="muted">${t("admin.flow.condition.help")}</p>
<textarea id="when" name="when" rows="4" spellcheck="false">${whenText}</textarea>
<p><button type="submit">${t("admin.flow.condition.save")}</button></p></form>`;
    const refs = referencesTo(flow, step.id);
    const place =
      step.kind === "summary"
        ? html`<p class="muted">${t("admin.flow.place.summary")}</p>`
        : html`<p>${t("admin.flow.place.position", { n: index + 1, total: flow.steps.length })}</p>
<form method="post" action="${stepHref(step.id)}/move" class="inline">${csrfField(ctx)}${revisionField(draft)}<input type="hidden" name="direction" value="up"><button type="submit"${index === 0 ? html` disabled` : null}>${t("admin.flow.place.up")}</button></form>
<form method="post" action="${stepHref(step.id)}/move" class="inline">${csrfField(ctx)}${revisionField(draft)}<input type="hidden" name="direction" value="down"><button type="submit"${index >= flow.steps.length - 2 ? html` disabled` : null}>${t("admin.flow.place.down")}</button></form>
<form method="post" action="${stepHref(step.id)}/remove" class="inline">${csrfField(ctx)}${revisionField(draft)}<button type="submit" class="danger">${t("admin.flow.place.remove")}</button></form>
${refs.length ? html`<p class="muted" data-referenced>${t("admin.flow.place.referenced", { refs: refs.join(", ") })}</p>` : null}`;
    let preview: SafeHtml;
    try {
      const built = buildRelease(draft.content, 0);
      preview = html`<div class="flow-preview">${PREVIEW_LANGUAGES.map(
        (lang) => html`<figure data-preview-lang="${lang}" lang="${lang}"><figcaption>${t(`admin.flow.preview.lang.${lang}`)}</figcaption>${previewStep(built, step.id, lang).map(
          (m) => html`<div class="bubble"><p class="bubble-text">${m.text}</p>${m.choices.length ? html`<ul class="quick-replies">${m.choices.map((c) => html`<li>${c}</li>`)}</ul>` : null}</div>`,
        )}</figure>`,
      )}</div>`;
    } catch {
      preview = html`<p class="notice notice-error">${t("admin.flow.preview.broken")}</p>`;
    }
    return html`<p><a href="${BASE}">${t("admin.flow.back")}</a></p>
<h1>${t("admin.flow.step.title", { step: step.id })}</h1>
${await draftLine(ctx, draft)}
${previewButton(ctx)}
<dl class="facts"><dt>${t("admin.flow.steps.section")}</dt><dd>${step.section}</dd><dt>${t("admin.flow.steps.field")}</dt><dd><code>${step.field}</code></dd><dt>${t("admin.flow.steps.kind")}</dt><dd>${t(`admin.flow.kinds.${step.kind}`)}</dd>
<dt>${t("admin.flow.step.question")}</dt><dd lang="ja">${ja.question(step) || t("admin.flow.step.noText")}</dd>
${step.next ? html`<dt>${t("admin.flow.step.next")}</dt><dd><code>${conditionText(step.next.if)}</code> → <a href="${stepHref(step.next.then)}">${step.next.then}</a>, ${t("admin.flow.diagram.otherwise")} → <a href="${stepHref(step.next.else)}">${step.next.else}</a></dd>` : null}
<dt>${t("admin.flow.step.skip")}</dt><dd>${step.kind === "summary" ? t("admin.flow.step.skipNone") : t("admin.flow.step.skipAlways")}</dd></dl>
${problems.length ? html`<ul class="flow-problems">${problems.map((p) => html`<li data-place="${p.place}"><strong>${p.place}</strong>: ${p.message}</li>`)}</ul>` : null}
<section aria-labelledby="step-choices"><h2 id="step-choices">${t("admin.flow.choices.title")}</h2>${choices}</section>
${condition ? html`<section aria-labelledby="step-condition"><h2 id="step-condition">${t("admin.flow.condition.title")}</h2>${condition}</section>` : null}
<section aria-labelledby="step-place"><h2 id="step-place">${t("admin.flow.place.title")}</h2>${place}</section>
<section aria-labelledby="step-preview"><h2 id="step-preview">${t("admin.flow.preview.title")}</h2><p class="muted">${t("admin.flow.preview.intro")}</p>${preview}</section>`;
  };

  const showStep = async (res: Response, ctx: SignedInCtx, status: number, draft: Draft, stepId: string, notice: Notice, extra?: { when?: string }) => {
    const main = await stepPage(ctx, draft, stepId, extra);
    if (!main) return send(res, 404, ctx, ctx.t("errors.notFoundTitle"), html`<h1>${ctx.t("errors.notFoundTitle")}</h1><p>${ctx.t("errors.notFound")}</p>`);
    send(res, status, ctx, ctx.t("admin.flow.step.title", { step: stepId }), main, notice);
  };

  router.get(`${BASE}/steps/:id`, async (req, res) => {
    const ctx = signedIn(res);
    const saved = typeof req.query.saved === "string" && /^[a-z]+$/.test(req.query.saved) ? req.query.saved : null;
    await showStep(res, ctx, 200, await getDraft(deps.prisma), String(req.params.id), saved ? { kind: "ok", text: ctx.t(`admin.flow.saved.${saved}`, { defaultValue: ctx.t("admin.flow.saved.default") }) } : null);
  });

  /** The notice of a stale form: who saved the draft since, and when. */
  const staleNotice = async (ctx: SignedInCtx, r: { revision: number; updatedBy: string | null; updatedAt: Date | null }): Promise<Notice> => {
    const names = await actorNames(ctx, r.updatedBy ? [r.updatedBy] : []);
    return {
      kind: "error",
      text: ctx.t("admin.flow.stale", { who: r.updatedBy ? actorLabel(ctx, names, r.updatedBy) : ctx.t("admin.flow.someone"), when: r.updatedAt ? formatTime(r.updatedAt) : "—", revision: r.revision }),
    };
  };

  /**
   * Applies one edit: the draft from the form's revision, the edit, the save, the audit line.
   * Answers the page again on a refusal (400) or a stale form (409), else redirects to `done`.
   */
  const apply = async (
    res: Response,
    o: { verb: string; stepId: string; revision: number; edit: (content: ReleaseContent) => EditResult; done: string; again: (draft: Draft, notice: Notice, status: number) => Promise<void> },
  ) => {
    const ctx = signedIn(res);
    const draft = await getDraft(deps.prisma);
    if (draft.revision !== o.revision) return o.again(draft, await staleNotice(ctx, { revision: draft.revision, updatedBy: draft.updatedBy, updatedAt: draft.updatedAt }), 409);
    const edited = o.edit(draft.content);
    if (!edited.ok) return o.again(draft, { kind: "error", text: ctx.t(`admin.flow.refused.${edited.code}`, edited.params ?? {}) }, 400);
    const actor = ctx.principal.actor;
    const saved = await saveDraft(deps.prisma, edited.content, { revision: o.revision, by: actor });
    if (!saved.ok) return o.again(await getDraft(deps.prisma), await staleNotice(ctx, saved), 409);
    await deps.prisma.auditLog.create({
      data: {
        actor,
        action: `admin.flow.${o.verb}`,
        targetType: "releaseDraft",
        targetId: o.stepId,
        detail: JSON.parse(JSON.stringify({ revision: saved.draft.revision, step: o.stepId, before: edited.before, after: edited.after })),
      },
    });
    res.redirect(303, o.done);
  };

  const badForm = (res: Response) => {
    const ctx = signedIn(res);
    send(res, 400, ctx, ctx.t("errors.badRequestTitle"), html`<h1>${ctx.t("errors.badRequestTitle")}</h1><p>${ctx.t("errors.badRequest")}</p>`);
  };

  const stepRoute = <T extends z.ZodType>(verb: string, schema: T, edit: (content: ReleaseContent, stepId: string, form: z.infer<T>, body: Record<string, unknown>) => EditResult, done: (stepId: string) => string) => {
    router.post(`${BASE}/steps/:id/${verb}`, async (req, res) => {
      const id = StepId.safeParse(req.params.id);
      const form = schema.safeParse(req.body ?? {});
      if (!id.success || !form.success) return badForm(res);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const stepId = id.data;
      const ctx = signedIn(res);
      await apply(res, {
        verb,
        stepId,
        revision: (form.data as { revision: number }).revision,
        edit: (content) => edit(content, stepId, form.data, body),
        done: done(stepId),
        again: (draft, notice, status) => showStep(res, ctx, status, draft, stepId, notice, verb === "condition" ? { when: String(body.when ?? "") } : undefined),
      });
    });
  };

  stepRoute(
    "choices",
    ChoicesForm,
    (content, stepId, form, body) => {
      const keep = form.keep === undefined ? [] : Array.isArray(form.keep) ? form.keep : [form.keep];
      // Order by the numbers given; ties keep the order of the form.
      const rank = (k: string) => {
        const n = Number(body[`order.${k}`]);
        return Number.isFinite(n) ? n : Number.MAX_SAFE_INTEGER;
      };
      const ordered = keep.map((k, i) => ({ k, i })).sort((a, b) => rank(a.k) - rank(b.k) || a.i - b.i).map((x) => x.k);
      return setChoices(content, stepId, ordered);
    },
    (id) => `${stepHref(id)}?saved=choices`,
  );
  stepRoute("condition", ConditionForm, (content, stepId, form) => setCondition(content, stepId, form.when), (id) => `${stepHref(id)}?saved=condition`);
  stepRoute("move", MoveForm, (content, stepId, form) => moveStep(content, stepId, form.direction), (id) => `${stepHref(id)}?saved=move`);
  stepRoute("remove", RemoveForm, (content, stepId) => removeStep(content, stepId), () => `${BASE}?saved=remove`);

  router.post(`${BASE}/steps`, async (req, res) => {
    const ctx = signedIn(res);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const head = AddForm.safeParse(body);
    if (!head.success) return badForm(res);
    const values = Object.fromEntries(["id", "field", "kind", "options", "section", "after", "text", "summaryLabel"].map((k) => [k, typeof body[k] === "string" ? (body[k] as string) : ""]));
    const again = async (draft: Draft, notice: Notice, status: number) => send(res, status, ctx, ctx.t("admin.flow.title"), await flowPage(ctx, draft, { addError: notice?.text, addValues: values }));
    const form = NewStepForm.safeParse({ ...values, options: values.options || undefined });
    if (!form.success) {
      const field = String(form.error.issues[0]?.path[0] ?? "id");
      return again(await getDraft(deps.prisma), { kind: "error", text: ctx.t("admin.flow.refused.addInvalid", { field: ctx.t(`admin.flow.add.${field}`, { defaultValue: field }) }) }, 400);
    }
    await apply(res, { verb: "add", stepId: form.data.id, revision: head.data.revision, edit: (content) => addStep(content, form.data), done: `${stepHref(form.data.id)}?saved=add`, again });
  });
}
