// What the conversation shows, in the resident's language, before any channel gives it a shape:
// texts, a question with one page of its choices and their postback data, the summary with its
// edit and submit choices. A channel only fits this into its own messages and limits
// (src/line/render.ts for LINE); the admin preview shows the same view.
import type { AnyMachineSnapshot } from "xstate";
import type { LocaleCode } from "../intake/codes.ts";
import type { Locales } from "../i18n/locales.ts";
import { questionContext, questionKey, skipLabelKey, summaryLabelKey } from "../i18n/stepTexts.ts";
import { clampGraphemes } from "../i18n/textLength.ts";
import { addMember, getAnswer, setAnswer } from "./answers.ts";
import type { CompiledFlow, FlowContext } from "./compileFlow.ts";
import { evaluate } from "./conditions.ts";
import type { FlowStep, OptionValue } from "./flowSchema.ts";
import type { BotOutput } from "./outputs.ts";
import type { PostbackData } from "./postbackData.ts";
import { optionsFor, pageOptions } from "./questionOptions.ts";
import { contextOf, optionLabel, restore, startConversation } from "./step.ts";
import { asksMember, inHousehold, stepWithRole } from "./stepRoles.ts";

export interface ViewChoice {
  label: string;
  /** Postback data: contract section 3, or one of the project's additions (check, callback). */
  data: PostbackData | Record<string, unknown>;
  /** Chosen already, on a multi-choice question: a channel marks it. */
  selected?: boolean;
}

export type ViewItem =
  /** A text said on its own; consecutive texts may go out together. */
  | { kind: "text"; text: string }
  /** A question of the flow: its text and the choices of the page shown. */
  | { kind: "question"; stepId: string; text: string; choices: ViewChoice[] }
  /** A text with choices outside the flow (the safety check, a new consultation, a call back). */
  | { kind: "offer"; text: string; choices: ViewChoice[] }
  /** The answers as the national form reads, the prompt, and the choices: edit a section, submit, back. */
  | { kind: "summary"; stepId: string; lines: string[]; prompt: string; editPrompt: string; edits: ViewChoice[]; submit: ViewChoice; back: ViewChoice | null };

export interface ViewContext {
  flow: CompiledFlow;
  locales: Locales;
  /** The conversation's state; questions are shown from it, and its language is used. */
  snapshot?: AnyMachineSnapshot;
  /** The language when there is no open conversation. */
  language?: LocaleCode;
}

type T = ReturnType<Locales["t"]>;

export function viewOf(outputs: BotOutput[], vc: ViewContext): ViewItem[] {
  const ctx = vc.snapshot ? contextOf(vc.snapshot) : null;
  const lang = vc.language ?? ctx?.answers.language ?? "ja";
  const t = vc.locales.t(lang);
  return outputs.map((out): ViewItem => {
    switch (out.kind) {
      case "line": {
        const texts = Object.fromEntries(Object.entries(out.textParams ?? {}).map(([k, key]) => [k, t(key)]));
        return { kind: "text", text: t(out.key, { ...out.params, ...texts }) };
      }
      case "offer":
        return { kind: "offer", text: t(out.key, out.params ?? {}), choices: out.choices.map((c) => ({ label: t(c.labelKey, c.labelParams ?? {}), data: c.data })) };
      case "question": {
        if (!ctx) throw new Error("a question needs the conversation's state");
        const step = vc.flow.byId.get(out.stepId)!;
        return step.kind === "summary" ? summaryView(vc, step, ctx, t) : questionView(vc, step, ctx, t);
      }
      default: {
        const never: never = out;
        throw new Error(`unknown output ${JSON.stringify(never)}`);
      }
    }
  });
}

/** The choices in the order shown: on the language question the current language first, やさしい日本語 beside Japanese. */
function orderedOptions(vc: ViewContext, step: FlowStep, ctx: FlowContext): OptionValue[] {
  const values = optionsFor(vc.flow, step, ctx);
  if (step.role !== "language") return values;
  const current = ctx.answers.language;
  const rest = values.filter((v) => v !== current && v !== "ja" && v !== "ja-easy");
  const japanese = values.filter((v) => (v === "ja" || v === "ja-easy") && v !== current);
  return [...[current, ...japanese].filter((v) => values.includes(v)), ...rest];
}

function questionView(vc: ViewContext, step: FlowStep, ctx: FlowContext, t: T): ViewItem {
  const n = (ctx.memberIndex ?? 0) + 1;
  let text = t(questionKey(step), { n, context: questionContext(ctx.answers.respondent) });
  const canGoBack = ctx.history.length > 0;
  const choices: ViewChoice[] = [];
  const q = step.id;
  const f = step.field;
  const label = (v: OptionValue) => optionLabel(vc.flow, step, v, t, vc.locales);
  if (step.options) {
    const page = pageOptions(step, orderedOptions(vc, step, ctx), ctx.page, canGoBack);
    const selected = step.kind === "multi" ? ((getAnswer(ctx.answers, f, ctx.memberIndex) as OptionValue[] | null) ?? []) : [];
    if (step.kind === "multi") {
      const list = selected.map(label).join("、");
      text += "\n\n" + (selected.length > 0 ? t("msg.selected", { list }) : t("msg.selectedNone"));
    }
    for (const v of page.values) {
      choices.push(
        step.kind === "multi"
          ? { label: label(v), data: { q, f, v, op: "toggle" }, ...(selected.includes(v) ? { selected: true } : {}) }
          : { label: label(v), data: { q, f, v } },
      );
    }
    // With nothing chosen, finishing says what it means: none of these applies.
    if (step.kind === "multi") choices.push({ label: t(selected.length === 0 ? "nav.noneOfThese" : "nav.done"), data: { q, f, op: "done" } });
    if (page.hasMore) choices.push({ label: t("nav.more"), data: { q, f, op: "more" } });
  }
  choices.push({ label: t(skipLabelKey(step), { defaultValue: t("nav.skip") }), data: { q, f, op: "skip" } });
  if (canGoBack) choices.push({ label: t("nav.back"), data: { op: "back" } });
  return { kind: "question", stepId: step.id, text, choices };
}

/** Longest answer the summary repeats (free text, a name), in graphemes. */
const SUMMARY_VALUE_LIMIT = 200;

function formatValue(vc: ViewContext, step: FlowStep, value: unknown, t: T): string {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return t("summary.skipped");
  switch (step.kind) {
    case "amount":
      return t("summary.yen", { amount: Number(value).toLocaleString("en-US") });
    case "days":
      return t("summary.days", { days: Number(value) });
    case "text":
    case "phone":
      return clampGraphemes(String(value), SUMMARY_VALUE_LIMIT);
    default:
      return Array.isArray(value)
        ? value.map((v) => optionLabel(vc.flow, step, v as OptionValue, t, vc.locales)).join("、")
        : optionLabel(vc.flow, step, value as OptionValue, t, vc.locales);
  }
}

/**
 * The summary, short enough to scan: one line per answer given, in the order asked (the
 * household one line per member), ◎ on the main concern. Questions skipped, not asked, or
 * answered "none of these" add no line: nothing reads 未回答.
 */
function summaryLines(vc: ViewContext, ctx: FlowContext, t: T): string[] {
  const lines: string[] = [t("summary.title")];
  const answers = ctx.answers;
  let householdShown = false;
  for (const step of vc.flow.steps) {
    if (step.kind === "summary") continue;
    if (inHousehold(step)) {
      if (!householdShown) lines.push(...householdLines(vc, ctx, t));
      householdShown = true;
      continue;
    }
    if (step.when && !evaluate(step.when, answers, null, null)) continue;
    const value = getAnswer(answers, step.field, null);
    if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    const shown = step.role === "mainConcern" ? `${t("summary.mainConcernMark")} ${formatValue(vc, step, value, t)}` : formatValue(vc, step, value, t);
    lines.push(`${t(summaryLabelKey(step))}: ${shown}`);
  }
  return lines;
}

function householdLines(vc: ViewContext, ctx: FlowContext, t: T): string[] {
  const members = ctx.answers.household.members;
  if (members.length === 0) return [t("summary.livesAlone")];
  const rel = stepWithRole(vc.flow.steps, "memberRelation");
  const age = stepWithRole(vc.flow.steps, "memberAge");
  const cond = stepWithRole(vc.flow.steps, "memberConditions");
  return members.map((m, i) => {
    const parts = [
      rel ? formatValue(vc, rel, m.relation, t) : "",
      age ? formatValue(vc, age, m.ageBand, t) : "",
      cond && m.conditions.length > 0 ? formatValue(vc, cond, m.conditions, t) : "",
    ].filter(Boolean);
    return `${t("summary.member", { n: i + 1 })}: ${parts.join("・")}`;
  });
}

function summaryView(vc: ViewContext, step: FlowStep, ctx: FlowContext, t: T): ViewItem {
  // One edit per section the summary shows, naming the field of the section's first step.
  const sections: { section: string; field: string }[] = [];
  for (const s of vc.flow.steps) {
    if (s.kind === "summary" || sections.some((x) => x.section === s.section)) continue;
    if (s.when && !evaluate(s.when, ctx.answers, null, null)) continue;
    sections.push({ section: s.section, field: s.field });
  }
  return {
    kind: "summary",
    stepId: step.id,
    lines: summaryLines(vc, ctx, t),
    prompt: t(questionKey(step)),
    editPrompt: t("summary.editPrompt"),
    edits: sections.map((s) => ({ label: `${t("nav.edit")}: ${t(`summary.section.${s.section}`)}`, data: { op: "edit", v: s.field } })),
    submit: { label: t("nav.submit"), data: { q: step.id, f: step.field, v: true } },
    back: ctx.history.length > 0 ? { label: t("nav.back"), data: { op: "back" } } : null,
  };
}

/**
 * A question as a new conversation in `lang` would show it, with what it needs to show every
 * choice: a household member for the member questions, every value chosen for a question whose
 * choices come from an earlier answer (optionsFrom). For the administrators' preview.
 */
export function previewQuestion(flow: CompiledFlow, locales: Locales, stepId: string, lang: LocaleCode): ViewItem[] {
  const step = flow.byId.get(stepId);
  if (!step) return [];
  const start = restore(flow, startConversation(flow, lang).snapshot);
  const ctx = contextOf(start);
  let answers = ctx.answers;
  let memberIndex: number | null = null;
  if (asksMember(step)) ({ draft: answers, memberIndex } = addMember(answers));
  if (step.optionsFrom && step.options) answers = setAnswer(answers, step.optionsFrom, memberIndex, flow.options[step.options] ?? []);
  // The view reads only the context of the snapshot it is given.
  const snapshot = { ...start, context: { ...ctx, answers, memberIndex } } as AnyMachineSnapshot;
  return viewOf([{ kind: "question", stepId }], { flow, locales, snapshot });
}
