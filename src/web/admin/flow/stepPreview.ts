// A step of the draft as a resident would get it on LINE: the draft is built as a release, the
// conversation's view of the question (src/conversation/view.ts, previewQuestion: a fresh
// conversation with what the step needs to show every choice) goes through the bot's own LINE
// rendering, in the language asked for.
import type { messagingApi } from "@line/bot-sdk";
import { previewQuestion } from "../../../conversation/view.ts";
import type { LocaleCode } from "../../../intake/codes.ts";
import { renderView } from "../../../line/render.ts";
import type { BuiltRelease } from "../../../releases/buildRelease.ts";

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
  return renderView(previewQuestion(release.flow, release.locales, stepId, lang)).map(toPreview);
}
