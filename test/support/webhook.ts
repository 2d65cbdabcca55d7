/**
 * Builds webhook bodies the way the LINE platform sends them, and posts them signed.
 * Every body built here validates against webhook.yml (see lineSpec.test.ts).
 */
import { createHmac, randomBytes, randomInt } from "node:crypto";
import type { webhook } from "@line/bot-sdk";

/** The bot's own user ID, used as `destination` unless a test gives another. */
export const BOT_USER_ID = "U" + "0".repeat(29) + "b07";

/** Options every builder takes; anything left out gets a fresh realistic value. */
export interface EventOptions {
  userId?: string;
  replyToken?: string;
  timestamp?: number;
  webhookEventId?: string;
  isRedelivery?: boolean;
  mode?: webhook.EventMode;
}

export interface PostWebhookOptions {
  destination?: string;
  /** Sent instead of the correct signature (to test rejection). */
  signature?: string;
  /** Path on `baseUrl`; defaults to `/webhook`. */
  path?: string;
  /** Sent verbatim instead of JSON.stringify of the body (the signature is computed over it). */
  rawBody?: string;
}

// ---------------------------------------------------------------------------------------------
// Signing and sending

/** The `x-line-signature` LINE computes: base64 of HMAC-SHA256 of the raw body. */
export function signBody(raw: string, channelSecret: string): string {
  return createHmac("sha256", channelSecret).update(raw, "utf8").digest("base64");
}

export function webhookBody(events: webhook.Event[], destination: string = BOT_USER_ID): webhook.CallbackRequest {
  return { destination, events };
}

/** POSTs a signed webhook to `${baseUrl}/webhook` (or `opts.path`) as the LINE platform does. */
export function postWebhook(
  baseUrl: string,
  channelSecret: string,
  events: webhook.Event[],
  opts: PostWebhookOptions = {},
): Promise<Response> {
  const raw = opts.rawBody ?? JSON.stringify(webhookBody(events, opts.destination));
  return fetch(new URL(opts.path ?? "/webhook", baseUrl), {
    method: "POST",
    headers: {
      "content-type": "application/json; charset=utf-8",
      "user-agent": "LineBotWebhook/2.0",
      "x-line-signature": opts.signature ?? signBody(raw, channelSecret),
    },
    body: raw,
  });
}

// ---------------------------------------------------------------------------------------------
// Event builders

export function textEvent(text: string, opts: EventOptions = {}): webhook.MessageEvent {
  return messageEvent({ type: "text", id: newMessageId(), text, quoteToken: newQuoteToken() }, opts);
}

/** A text message sent in a group chat the bot is in. */
export function groupTextEvent(text: string, opts: EventOptions & { groupId?: string } = {}): webhook.MessageEvent {
  return {
    ...textEvent(text, opts),
    source: { type: "group", groupId: opts.groupId ?? newGroupId(), userId: opts.userId ?? newUserId() },
  };
}

export function stickerEvent(
  opts: EventOptions & { packageId?: string; stickerId?: string } = {},
): webhook.MessageEvent {
  return messageEvent(
    {
      type: "sticker",
      id: newMessageId(),
      packageId: opts.packageId ?? "446",
      stickerId: opts.stickerId ?? "1988",
      stickerResourceType: "STATIC",
      quoteToken: newQuoteToken(),
    },
    opts,
  );
}

export function imageEvent(opts: EventOptions = {}): webhook.MessageEvent {
  return messageEvent(
    { type: "image", id: newMessageId(), contentProvider: { type: "line" }, quoteToken: newQuoteToken() },
    opts,
  );
}

export function locationEvent(
  location: { latitude: number; longitude: number; title?: string; address?: string },
  opts: EventOptions = {},
): webhook.MessageEvent {
  return messageEvent({ type: "location", id: newMessageId(), ...location }, opts);
}

export function postbackEvent(
  data: string,
  opts: EventOptions & { params?: Record<string, string> } = {},
): webhook.PostbackEvent {
  const postback: webhook.PostbackContent = opts.params ? { data, params: opts.params } : { data };
  return { type: "postback", ...common(opts), replyToken: opts.replyToken ?? newReplyToken(), postback };
}

export function followEvent(opts: EventOptions & { isUnblocked?: boolean } = {}): webhook.FollowEvent {
  return {
    type: "follow",
    ...common(opts),
    replyToken: opts.replyToken ?? newReplyToken(),
    follow: { isUnblocked: opts.isUnblocked ?? false },
  };
}

/** LINE sends no reply token with unfollow: the user can no longer be answered. */
export function unfollowEvent(opts: EventOptions = {}): webhook.UnfollowEvent {
  return { type: "unfollow", ...common(opts) };
}

function messageEvent(message: webhook.MessageContent, opts: EventOptions): webhook.MessageEvent {
  return { type: "message", ...common(opts), replyToken: opts.replyToken ?? newReplyToken(), message };
}

/** The properties every event shares (everything but `type` and its own content). */
function common(opts: EventOptions): Omit<webhook.EventBase, "type"> {
  return {
    source: { type: "user", userId: opts.userId ?? newUserId() },
    timestamp: opts.timestamp ?? nextTimestamp(),
    mode: opts.mode ?? "active",
    webhookEventId: opts.webhookEventId ?? newWebhookEventId(),
    deliveryContext: { isRedelivery: opts.isRedelivery ?? false },
  };
}

// ---------------------------------------------------------------------------------------------
// Identifiers shaped like LINE's

/** `U` + 32 hex digits, like a LINE user ID. */
export function newUserId(): string {
  return "U" + randomBytes(16).toString("hex");
}

/** `C` + 32 hex digits, like a LINE group ID. */
export function newGroupId(): string {
  return "C" + randomBytes(16).toString("hex");
}

/** 32 hex digits, the shape of a reply token. */
export function newReplyToken(): string {
  return randomBytes(16).toString("hex");
}

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A ULID (26 Crockford base-32 characters: 10 of time, 16 random), as webhookEventId is. */
export function newWebhookEventId(now: number = Date.now()): string {
  let time = "";
  for (let t = now, i = 0; i < 10; i++, t = Math.floor(t / 32)) time = CROCKFORD[t % 32] + time;
  let random = "";
  for (let i = 0; i < 16; i++) random += CROCKFORD[randomInt(32)];
  return time + random;
}

let lastTimestamp = 0;

/** Event timestamps strictly increase, so ordering by timestamp is well defined in tests. */
function nextTimestamp(): number {
  lastTimestamp = Math.max(Date.now(), lastTimestamp + 1);
  return lastTimestamp;
}

let lastMessageId = 500_000_000_000_000_000n + BigInt(randomInt(1_000_000)) * 1_000_000n;

function newMessageId(): string {
  lastMessageId += 1n;
  return String(lastMessageId);
}

function newQuoteToken(): string {
  return randomBytes(48).toString("base64url");
}
