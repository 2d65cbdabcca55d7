// Puts the conversation's outputs into LINE message objects in the resident's language: text
// with quick replies for questions, a flex bubble for the summary's edit buttons. Everything
// sent stays within LINE's limits (checked again by the fake LINE API in the tests).
import type { messagingApi } from "@line/bot-sdk";
import type { AnyMachineSnapshot } from "xstate";
import type { LocaleCode } from "../intake/codes.ts";
import type { Locales } from "../i18n/locales.ts";
import { getAnswer } from "../conversation/answers.ts";
import type { CompiledFlow, FlowContext } from "../conversation/compileFlow.ts";
import { evaluate } from "../conversation/conditions.ts";
import type { FlowStep, OptionValue } from "../conversation/flowSchema.ts";
import type { BotOutput } from "../conversation/outputs.ts";
import { encodePostback, type PostbackData } from "../conversation/postbackData.ts";
import { optionsFor, pageOptions } from "../conversation/questionOptions.ts";
import { contextOf, optionLabel } from "../conversation/step.ts";
import { inHousehold, stepWithRole } from "../conversation/stepRoles.ts";
import { questionKey, summaryLabelKey } from "../i18n/stepTexts.ts";
import { clampGraphemes, LINE_LIMITS } from "./limits.ts";

type Message = messagingApi.Message;
type QuickReplyItem = messagingApi.QuickReplyItem;
type T = ReturnType<Locales["t"]>;

export interface RenderContext {
  flow: CompiledFlow;
  locales: Locales;
  /** The conversation's state; questions are rendered from it, and its language is used. */
  snapshot?: AnyMachineSnapshot;
  /** The language when there is no open conversation. */
  language?: LocaleCode;
}

const postback = (label: string, data: PostbackData | Record<string, unknown>, showAs?: string): messagingApi.PostbackAction => ({
  type: "postback",
  label: clampGraphemes(label, LINE_LIMITS.quickReplyLabel),
  data: encodePostback(data as PostbackData),
  displayText: clampGraphemes(showAs ?? label, LINE_LIMITS.displayText),
});
const item = (action: messagingApi.PostbackAction): QuickReplyItem => ({ type: "action", action });

export function renderOutputs(outputs: BotOutput[], rc: RenderContext): Message[] {
  const ctx = rc.snapshot ? contextOf(rc.snapshot) : null;
  const lang = rc.language ?? ctx?.answers.language ?? "ja";
  const t = rc.locales.t(lang);
  const messages: Message[] = [];
  let pending: string[] = [];
  const flushText = (quickReply?: QuickReplyItem[]) => {
    if (pending.length === 0) return;
    messages.push(textMessage(pending.join("\n\n"), quickReply));
    pending = [];
  };
  for (const out of outputs) {
    switch (out.kind) {
      case "line": {
        const texts = Object.fromEntries(Object.entries(out.textParams ?? {}).map(([k, key]) => [k, t(key)]));
        pending.push(t(out.key, { ...out.params, ...texts }));
        break;
      }
      case "offer":
        pending.push(t(out.key, out.params ?? {}));
        flushText(out.choices.map((c) => item(postback(t(c.labelKey, c.labelParams ?? {}), c.data))));
        break;
      case "question": {
        if (!ctx) throw new Error("a question needs the conversation's state");
        const step = rc.flow.byId.get(out.stepId)!;
        if (step.kind === "summary") {
          flushText();
          messages.push(...renderSummary(rc, step, ctx, t));
        } else {
          const q = renderQuestion(rc, step, ctx, t);
          pending.push(q.text);
          flushText(q.quickReply);
        }
        break;
      }
      default: {
        const never: never = out;
        throw new Error(`unknown output ${JSON.stringify(never)}`);
      }
    }
  }
  flushText();
  return messages;
}

function textMessage(text: string, quickReply?: QuickReplyItem[]): messagingApi.TextMessage {
  const msg: messagingApi.TextMessage = { type: "text", text: text.slice(0, LINE_LIMITS.text) };
  if (quickReply && quickReply.length > 0) msg.quickReply = { items: quickReply.slice(0, LINE_LIMITS.quickReplyItems) };
  return msg;
}

function orderedOptions(rc: RenderContext, step: FlowStep, ctx: FlowContext): OptionValue[] {
  const values = optionsFor(rc.flow, step, ctx);
  if (step.role !== "language") return values;
  // The suggested (current) language first, やさしい日本語 always beside Japanese.
  const current = ctx.answers.language;
  const rest = values.filter((v) => v !== current && v !== "ja" && v !== "ja-easy");
  const japanese = values.filter((v) => (v === "ja" || v === "ja-easy") && v !== current);
  return [...[current, ...japanese].filter((v) => values.includes(v)), ...rest];
}

export function renderQuestion(rc: RenderContext, step: FlowStep, ctx: FlowContext, t: T): { text: string; quickReply: QuickReplyItem[] } {
  const n = (ctx.memberIndex ?? 0) + 1;
  let text = t(questionKey(step), { n });
  const canGoBack = ctx.history.length > 0;
  const items: QuickReplyItem[] = [];
  const q = step.id;
  const f = step.field;
  if (step.options) {
    const all = orderedOptions(rc, step, ctx);
    const page = pageOptions(step, all, ctx.page, canGoBack);
    const selected = step.kind === "multi" ? ((getAnswer(ctx.answers, f, ctx.memberIndex) as OptionValue[] | null) ?? []) : [];
    if (step.kind === "multi") {
      const list = selected.map((v) => optionLabel(rc.flow, step, v, t, rc.locales)).join("、");
      text += "\n\n" + (selected.length > 0 ? t("msg.selected", { list }) : t("msg.selectedNone"));
    }
    for (const v of page.values) {
      const label = optionLabel(rc.flow, step, v, t, rc.locales);
      if (step.kind === "multi") {
        items.push(item(postback((selected.includes(v) ? "✓" : "") + label, { q, f, v, op: "toggle" }, label)));
      } else {
        items.push(item(postback(label, { q, f, v })));
      }
    }
    if (step.kind === "multi") items.push(item(postback(t("nav.done"), { q, f, op: "done" })));
    if (page.hasMore) items.push(item(postback(t("nav.more"), { q, f, op: "more" })));
  }
  items.push(item(postback(t("nav.skip"), { q, f, op: "skip" })));
  if (canGoBack) items.push(item(postback(t("nav.back"), { op: "back" })));
  return { text, quickReply: items };
}

function formatValue(rc: RenderContext, step: FlowStep, value: unknown, t: T): string {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return t("summary.skipped");
  switch (step.kind) {
    case "amount":
      return t("summary.yen", { amount: Number(value).toLocaleString("en-US") });
    case "days":
      return t("summary.days", { days: Number(value) });
    case "text":
    case "phone":
      return clampGraphemes(String(value), 200);
    default:
      return Array.isArray(value)
        ? value.map((v) => optionLabel(rc.flow, step, v as OptionValue, t, rc.locales)).join("、")
        : optionLabel(rc.flow, step, value as OptionValue, t, rc.locales);
  }
}

/** The summary as the national form reads: section by section, ◎ on the main concern. */
export function summaryText(rc: RenderContext, ctx: FlowContext, t: T): string {
  const lines: string[] = [t("summary.title")];
  let section = "";
  const answers = ctx.answers;
  const steps = rc.flow.steps;
  for (const step of steps) {
    if (step.kind === "summary") continue;
    if (step.section !== section) {
      section = step.section;
      lines.push("", `【${t(`summary.section.${section}`)}】`);
      if (steps.some((s) => s.section === section && inHousehold(s))) lines.push(...householdLines(rc, ctx, t));
    }
    if (inHousehold(step)) continue;
    if (step.when && !evaluate(step.when, answers, null, null)) continue;
    const value = getAnswer(answers, step.field, null);
    const shown = step.role === "mainConcern" && value ? `${t("summary.mainConcernMark")} ${formatValue(rc, step, value, t)}` : formatValue(rc, step, value, t);
    lines.push(`${t(summaryLabelKey(step))}: ${shown}`);
  }
  return lines.join("\n");
}

function householdLines(rc: RenderContext, ctx: FlowContext, t: T): string[] {
  const members = ctx.answers.household.members;
  if (members.length === 0) return [t("summary.livesAlone")];
  const rel = stepWithRole(rc.flow.steps, "memberRelation");
  const age = stepWithRole(rc.flow.steps, "memberAge");
  const cond = stepWithRole(rc.flow.steps, "memberConditions");
  return members.map((m, i) => {
    const parts = [
      rel ? formatValue(rc, rel, m.relation, t) : "",
      age ? formatValue(rc, age, m.ageBand, t) : "",
      cond && m.conditions.length > 0 ? formatValue(rc, cond, m.conditions, t) : "",
    ].filter(Boolean);
    return `${t("summary.member", { n: i + 1 })}: ${parts.join("・")}`;
  });
}

function renderSummary(rc: RenderContext, step: FlowStep, ctx: FlowContext, t: T): Message[] {
  const submit: PostbackData = { q: step.id, f: step.field, v: true };
  const sections: { section: string; field: string }[] = [];
  for (const s of rc.flow.steps) {
    if (s.kind === "summary" || sections.some((x) => x.section === s.section)) continue;
    if (s.when && !evaluate(s.when, ctx.answers, null, null)) continue;
    sections.push({ section: s.section, field: s.field });
  }
  const button = (label: string, data: PostbackData, style: "primary" | "secondary" | "link"): messagingApi.FlexButton => ({
    type: "button",
    style,
    height: "sm",
    action: { type: "postback", label: clampGraphemes(label, LINE_LIMITS.flexButtonLabel), data: encodePostback(data), displayText: clampGraphemes(label, LINE_LIMITS.displayText) },
  });
  const flex: messagingApi.FlexMessage = {
    type: "flex",
    altText: clampGraphemes(t("summary.editPrompt"), LINE_LIMITS.flexAltText),
    contents: {
      type: "bubble",
      body: {
        type: "box",
        layout: "vertical",
        spacing: "sm",
        contents: [
          { type: "text", text: t("summary.editPrompt"), wrap: true, weight: "bold" },
          ...sections.map((s) => button(`${t("nav.edit")}: ${t(`summary.section.${s.section}`)}`, { op: "edit", v: s.field }, "link")),
        ],
      },
      footer: { type: "box", layout: "vertical", contents: [button(t("nav.submit"), submit, "primary")] },
    },
  };
  const quickReply = [item(postback(t("nav.submit"), submit))];
  if (ctx.history.length > 0) quickReply.push(item(postback(t("nav.back"), { op: "back" })));
  return [
    textMessage(`${summaryText({ ...rc }, ctx, t)}\n\n${t(questionKey(step))}`),
    { ...flex, quickReply: { items: quickReply } },
  ];
}

