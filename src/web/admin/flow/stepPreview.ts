// A step of the draft as a resident would get it on LINE: the draft is built as a release and
// the question goes through the bot's own rendering (renderOutputs), in the language asked for.
// The conversation is a fresh one, with what the step needs to show every choice: a household
// member for the member questions, every value chosen for a question whose choices come from an
// earlier answer (optionsFrom).
import type { messagingApi } from "@line/bot-sdk";
import type { AnyMachineSnapshot } from "xstate";
import { addMember, setAnswer } from "../../../conversation/answers.ts";
import { startSnapshot } from "../../../conversation/flowModel.ts";
import { asksMember } from "../../../conversation/stepRoles.ts";
import type { LocaleCode } from "../../../intake/codes.ts";
import { renderOutputs } from "../../../line/render.ts";
import type { BuiltRelease } from "../../../releases/buildRelease.ts";
import type { FlowContext } from "../../../conversation/compileFlow.ts";

export interface PreviewMessage {
  text: string;
  /** Quick-reply labels, then a flex message's button labels. */
  choices: string[];
}

type Message = messagingApi.Message;

function buttonLabels(node: unknown): string[] {
  if (!node || typeof node !== "object") return [];
  const n = node as { type?: string; action?: { label?: string }; contents?: unknown; body?: unknown; footer?: unknown };
  const own = n.type === "button" && n.action?.label ? [n.action.label] : [];
  const kids = [n.contents, n.body, n.footer].flatMap((k) => (Array.isArray(k) ? k.flatMap(buttonLabels) : buttonLabels(k)));
  return [...own, ...kids];
}

function toPreview(m: Message): PreviewMessage {
  const quick = (m.quickReply?.items ?? []).map((i) => (i.action as { label?: string }).label ?? "");
  if (m.type === "text") return { text: m.text, choices: quick };
  if (m.type === "flex") return { text: m.altText, choices: [...buttonLabels(m.contents), ...quick] };
  return { text: "", choices: quick };
}

export function previewStep(release: BuiltRelease, stepId: string, lang: LocaleCode): PreviewMessage[] {
  const step = release.flow.byId.get(stepId);
  if (!step) return [];
  const start = startSnapshot(release.flow, lang);
  const ctx = start.context as FlowContext;
  let answers = ctx.answers;
  let memberIndex: number | null = null;
  if (asksMember(step)) ({ draft: answers, memberIndex } = addMember(answers));
  if (step.optionsFrom && step.options) answers = setAnswer(answers, step.optionsFrom, memberIndex, release.flow.options[step.options] ?? []);
  // renderOutputs reads only the context of the snapshot it is given.
  const snapshot = { ...start, context: { ...ctx, answers, memberIndex } } as AnyMachineSnapshot;
  return renderOutputs([{ kind: "question", stepId }], { flow: release.flow, locales: release.locales, snapshot }).map(toPreview);
}
