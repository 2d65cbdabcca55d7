// LINE webhook bodies and events, parsed at the edge. Only the fields Tsunagu reads are named;
// everything else passes through untouched to the inbox.
import { z } from "zod";
import type { ResidentInput } from "../conversation/residentInput.ts";

export const WebhookBody = z.object({ destination: z.string(), events: z.array(z.unknown()) });

const Source = z.looseObject({
  type: z.enum(["user", "group", "room"]),
  userId: z.string().optional(),
});

export const LineEvent = z.looseObject({
  type: z.string(),
  webhookEventId: z.string().min(1),
  timestamp: z.number(),
  mode: z.string().optional(),
  replyToken: z.string().optional(),
  source: Source.optional(),
  message: z.looseObject({ type: z.string(), text: z.string().optional() }).optional(),
  postback: z.looseObject({ data: z.string() }).optional(),
});
export type LineEvent = z.infer<typeof LineEvent>;

export type { ResidentInput };

export function classify(event: LineEvent): ResidentInput {
  if (event.mode === "standby") return { kind: "ignored", reason: "standby" };
  if (event.source && event.source.type !== "user") {
    return event.type === "message" || event.type === "postback" || event.type === "join" ? { kind: "group" } : { kind: "ignored", reason: "group" };
  }
  if (!event.source?.userId) return { kind: "ignored", reason: "no-user" };
  switch (event.type) {
    case "follow":
      return { kind: "follow" };
    case "unfollow":
      return { kind: "unfollow" };
    case "postback":
      return event.postback ? { kind: "postback", data: event.postback.data } : { kind: "ignored", reason: "postback-without-data" };
    case "message":
      if (event.message?.type === "text" && typeof event.message.text === "string") return { kind: "text", text: event.message.text };
      return { kind: "nonText", messageType: event.message?.type ?? "unknown" };
    default:
      return { kind: "ignored", reason: `event:${event.type}` };
  }
}

/** Group and room events keep nothing but what is needed to answer: no text, no ids of people. */
export function minimise(event: LineEvent): LineEvent {
  if (!event.source || event.source.type === "user") return event;
  return {
    type: event.type,
    webhookEventId: event.webhookEventId,
    timestamp: event.timestamp,
    mode: event.mode,
    replyToken: event.replyToken,
    source: { type: event.source.type },
  } as LineEvent;
}
