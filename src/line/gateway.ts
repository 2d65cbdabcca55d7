// The one door to LINE's Messaging API: reply, push, profile and the loading animation, with
// every failure turned into a result the outbox sender can act on (retry or record).
import { HTTPFetchError, messagingApi } from "@line/bot-sdk";

export type SendResult =
  | { ok: true }
  | { ok: false; retryable: boolean; status: number | null; retryAfterMs: number | null; error: string };

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

function toResult(err: unknown): SendResult {
  if (err instanceof HTTPFetchError) {
    // A push already accepted under the same retry key: LINE answers 409 and did deliver it.
    const retryable = err.status === 429 || err.status >= 500;
    return {
      ok: false,
      retryable,
      status: err.status,
      retryAfterMs: retryAfterMs(err.headers.get("retry-after")),
      error: `HTTP ${err.status}`,
    };
  }
  // Network failures: the request may not have reached LINE; retry.
  return { ok: false, retryable: true, status: null, retryAfterMs: null, error: (err as Error).name || "network error" };
}

export function createLineGateway(opts: { channelAccessToken: string; baseURL: string }): LineGateway {
  const client = new messagingApi.MessagingApiClient({ channelAccessToken: opts.channelAccessToken, baseURL: opts.baseURL });
  return {
    async reply(replyToken, messages) {
      try {
        await client.replyMessage({ replyToken, messages });
        return { ok: true };
      } catch (err) {
        return toResult(err);
      }
    },
    async push(to, messages, retryKey) {
      try {
        await client.pushMessage({ to, messages }, retryKey);
        return { ok: true };
      } catch (err) {
        if (err instanceof HTTPFetchError && err.status === 409 && err.headers.get("x-line-accepted-request-id")) return { ok: true };
        return toResult(err);
      }
    },
    async profileLanguage(userId) {
      try {
        const profile = await client.getProfile(userId);
        return profile.language ?? null;
      } catch {
        return null;
      }
    },
    async showLoading(userId, seconds) {
      try {
        await client.showLoadingAnimation({ chatId: userId, loadingSeconds: seconds });
      } catch {
        // The animation is a courtesy; its failure changes nothing.
      }
    },
  };
}
