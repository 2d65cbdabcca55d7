// The one door to LINE's Messaging API: reply, push, profile and the loading animation, with
// every failure turned into a result the outbox sender can act on (retry, switch to push, or
// record). Every call has a deadline: a LINE call that never answers must not hold anyone.
import { HTTPFetchError, messagingApi } from "@line/bot-sdk";
import { z } from "zod";

export type SendResult =
  | { ok: true }
  | {
      ok: false;
      retryable: boolean;
      /** LINE may have delivered the messages although we got no success (5xx, timeout, cut connection). */
      outcomeUnknown: boolean;
      /** LINE's 400 "Invalid reply token": the token was used or has expired. */
      invalidReplyToken: boolean;
      status: number | null;
      retryAfterMs: number | null;
      error: string;
    };

export type SendFailure = Extract<SendResult, { ok: false }>;

export interface LineGateway {
  reply(replyToken: string, messages: messagingApi.Message[]): Promise<SendResult>;
  push(to: string, messages: messagingApi.Message[], retryKey: string): Promise<SendResult>;
  profileLanguage(userId: string): Promise<string | null>;
  showLoading(userId: string, seconds: number): Promise<void>;
}

/** Retry-After is seconds or an HTTP date. */
export function retryAfterMs(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

const ErrorBody = z.object({ message: z.string() });

/** Turns LINE's answer to a reply or push into a SendResult. */
export function classifyResponse(status: number, headers: Headers, bodyText: string): SendResult {
  if (status >= 200 && status < 300) return { ok: true };
  // A push already accepted under the same retry key: LINE did deliver it, and sends nothing again.
  if (status === 409 && headers.get("x-line-accepted-request-id")) return { ok: true };
  let message = "";
  try {
    message = ErrorBody.parse(JSON.parse(bodyText)).message;
  } catch {
    // not LINE's error shape: the status alone decides
  }
  return {
    ok: false,
    retryable: status === 429 || status >= 500,
    // A 5xx can come after LINE delivered ("delivered, then 500"); 429 and 4xx were not processed.
    outcomeUnknown: status >= 500,
    invalidReplyToken: status === 400 && /invalid reply token/i.test(message),
    status,
    retryAfterMs: retryAfterMs(headers.get("retry-after")),
    error: `HTTP ${status}`,
  };
}

/** A call that got no answer (timeout, refused, cut): it may or may not have reached LINE. */
export function networkFailure(err: unknown): SendFailure {
  const name = (err as Error)?.name;
  const error = name === "TimeoutError" ? "timeout" : name || "network error";
  return { ok: false, retryable: true, outcomeUnknown: true, invalidReplyToken: false, status: null, retryAfterMs: null, error };
}

/**
 * A deadline on a call that cannot be aborted (the SDK takes no signal): the caller goes on after
 * `ms` with a timeout of unknown outcome, and the late answer, if any, is dropped.
 */
export function withDeadline<T>(call: Promise<T>, ms: number): Promise<T> {
  call.catch(() => undefined); // a late failure after the deadline is no one's business
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error("LINE did not answer in time"), { name: "TimeoutError" })), ms);
    timer.unref();
  });
  return Promise.race([call, deadline]).finally(() => clearTimeout(timer));
}

/** The SDK's answer (success or HTTPFetchError) as a SendResult. */
async function sent(call: Promise<unknown>, timeoutMs: number): Promise<SendResult> {
  try {
    await withDeadline(call, timeoutMs);
    return { ok: true };
  } catch (err) {
    if (err instanceof HTTPFetchError) return classifyResponse(err.status, err.headers, err.body);
    return networkFailure(err);
  }
}

/** LINE's Messaging API through @line/bot-sdk's client, every call under a deadline. */
export function createLineGateway(opts: { channelAccessToken: string; baseURL: string; timeoutMs: number }): LineGateway {
  const client = new messagingApi.MessagingApiClient({ channelAccessToken: opts.channelAccessToken, baseURL: opts.baseURL });
  return {
    reply: (replyToken, messages) => sent(client.replyMessageWithHttpInfo({ replyToken, messages }), opts.timeoutMs),
    push: (to, messages, retryKey) => sent(client.pushMessageWithHttpInfo({ to, messages }, retryKey), opts.timeoutMs),
    async profileLanguage(userId) {
      try {
        const profile = await withDeadline(client.getProfile(userId), opts.timeoutMs);
        return profile.language ?? null;
      } catch {
        return null;
      }
    },
    async showLoading(userId, seconds) {
      // The animation is a courtesy; its failure changes nothing.
      await sent(client.showLoadingAnimation({ chatId: userId, loadingSeconds: seconds }), opts.timeoutMs);
    },
  };
}
