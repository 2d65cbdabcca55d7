// Puts the conversation's view (src/conversation/view.ts) into LINE message objects: texts said
// together in one message, a question's choices as quick replies, the summary as a text and a
// flex bubble with its edit buttons. Everything sent stays within LINE's limits (checked again by
// the fake LINE API in the tests); what to say is the conversation's, only the shapes are LINE's.
import type { messagingApi } from "@line/bot-sdk";
import type { BotOutput } from "../conversation/outputs.ts";
import { encodePostback, type PostbackData } from "../conversation/postbackData.ts";
import { viewOf, type ViewChoice, type ViewContext, type ViewItem } from "../conversation/view.ts";
import { clampGraphemes, LINE_LIMITS } from "./limits.ts";

type Message = messagingApi.Message;
type QuickReplyItem = messagingApi.QuickReplyItem;

export type RenderContext = ViewContext;

/** The conversation's outputs as LINE messages: its view, rendered. */
export function renderOutputs(outputs: BotOutput[], rc: RenderContext): Message[] {
  return renderView(viewOf(outputs, rc));
}

/** A chosen item of a multi-choice question carries a mark in front; what the resident "says" stays the plain label. */
const CHOSEN_MARK = "✓";

const postback = (c: ViewChoice, maxLabel: number): messagingApi.PostbackAction => ({
  type: "postback",
  label: clampGraphemes((c.selected ? CHOSEN_MARK : "") + c.label, maxLabel),
  data: encodePostback(c.data as PostbackData),
  displayText: clampGraphemes(c.label, LINE_LIMITS.displayText),
});
const quickReply = (c: ViewChoice): QuickReplyItem => ({ type: "action", action: postback(c, LINE_LIMITS.quickReplyLabel) });

export function renderView(view: ViewItem[]): Message[] {
  const messages: Message[] = [];
  let pending: string[] = [];
  const flushText = (items?: QuickReplyItem[]) => {
    if (pending.length === 0) return;
    messages.push(textMessage(pending.join("\n\n"), items));
    pending = [];
  };
  for (const item of view) {
    switch (item.kind) {
      case "text":
        pending.push(item.text);
        break;
      case "question":
      case "offer":
        pending.push(item.text);
        flushText(item.choices.map(quickReply));
        break;
      case "summary":
        flushText();
        messages.push(...renderSummary(item));
        break;
      default: {
        const never: never = item;
        throw new Error(`unknown view item ${JSON.stringify(never)}`);
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

function renderSummary(s: Extract<ViewItem, { kind: "summary" }>): Message[] {
  const button = (c: ViewChoice, style: "primary" | "secondary" | "link"): messagingApi.FlexButton => ({
    type: "button",
    style,
    height: "sm",
    action: postback(c, LINE_LIMITS.flexButtonLabel),
  });
  const flex: messagingApi.FlexMessage = {
    type: "flex",
    altText: clampGraphemes(s.editPrompt, LINE_LIMITS.flexAltText),
    contents: {
      type: "bubble",
      body: {
        type: "box",
        layout: "vertical",
        spacing: "sm",
        contents: [{ type: "text", text: s.editPrompt, wrap: true, weight: "bold" }, ...s.edits.map((c) => button(c, "link"))],
      },
      footer: { type: "box", layout: "vertical", contents: [button(s.submit, "primary")] },
    },
  };
  const items = [quickReply(s.submit), ...(s.back ? [quickReply(s.back)] : [])];
  return [textMessage(`${s.lines.join("\n")}\n\n${s.prompt}`), { ...flex, quickReply: { items } }];
}
