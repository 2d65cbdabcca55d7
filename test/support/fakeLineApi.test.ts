import { afterAll, beforeAll, beforeEach, describe, it, expect } from "vitest";
import { randomUUID } from "node:crypto";
import { HTTPFetchError, messagingApi } from "@line/bot-sdk";
import { startFakeLineApi, type FakeLineApi } from "./fakeLineApi.ts";
import { newUserId } from "./webhook.ts";

let fake: FakeLineApi;

beforeAll(async () => {
  fake = await startFakeLineApi({ channelAccessToken: "test-token" });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  return fetch(fake.baseUrl + path, {
    method,
    headers: { authorization: "Bearer test-token", "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const hello = { type: "text", text: "こんにちは" };

describe("reply", () => {
  it("when a reply token is used twice, then the second reply is refused and nothing more is delivered", async () => {
    const userId = newUserId();
    const replyToken = fake.issueReplyToken(userId);

    const first = await call("POST", "/v2/bot/message/reply", { replyToken, messages: [hello, hello] });
    expect(first.status).toBe(200);
    const { sentMessages } = (await first.json()) as { sentMessages: { id: string; quoteToken: string }[] };
    expect(sentMessages).toHaveLength(2);

    const second = await call("POST", "/v2/bot/message/reply", { replyToken, messages: [hello] });
    expect(second.status).toBe(400);
    expect(await second.json()).toEqual({ message: "Invalid reply token" });

    expect(fake.delivered).toEqual([{ userId, via: "reply", replyToken, messages: [hello, hello], at: expect.any(Number) }]);
    expect(fake.messagesFor(userId)).toEqual([hello, hello]);
    expect(fake.violations).toEqual([]);
  });

  it("when a reply token was not issued, then it works once with an unknown recipient", async () => {
    const res = await call("POST", "/v2/bot/message/reply", { replyToken: "not-issued", messages: [hello] });
    expect(res.status).toBe(200);
    expect(fake.delivered[0]?.userId).toBeNull();
  });

  it("when the access token is wrong, then the request is refused with 401", async () => {
    const res = await call("POST", "/v2/bot/message/reply", { replyToken: "t", messages: [hello] }, { authorization: "Bearer nope" });
    expect(res.status).toBe(401);
    expect(fake.delivered).toEqual([]);
  });
});

describe("push", () => {
  it("when a retry key is sent again, then LINE's 409 comes back and the message is delivered once", async () => {
    const to = newUserId();
    const retryKey = randomUUID();
    const first = await call("POST", "/v2/bot/message/push", { to, messages: [hello] }, { "x-line-retry-key": retryKey });
    expect(first.status).toBe(200);

    const again = await call("POST", "/v2/bot/message/push", { to, messages: [hello] }, { "x-line-retry-key": retryKey });
    expect(again.status).toBe(409);
    expect(again.headers.get("x-line-accepted-request-id")).toBeTruthy();
    expect(fake.delivered).toHaveLength(1);
    expect(fake.messagesFor(to)).toEqual([hello]);
  });

  it("when the retry key is not a UUID, then the push is refused and recorded as a violation", async () => {
    const res = await call("POST", "/v2/bot/message/push", { to: newUserId(), messages: [hello] }, { "x-line-retry-key": "abc" });
    expect(res.status).toBe(400);
    expect(fake.violations).toEqual([{ path: "/v2/bot/message/push", errors: ["X-Line-Retry-Key: must be a UUID"] }]);
  });
});

describe("fault injection", () => {
  it("when failNext is given a 429, then the next matching request gets it and the one after succeeds", async () => {
    fake.failNext(1, { status: 429, headers: { "Retry-After": "1" }, body: { message: "Too many requests" } }, { path: "/v2/bot/message/push" });
    const to = newUserId();

    const limited = await call("POST", "/v2/bot/message/push", { to, messages: [hello] });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("1");
    expect(await limited.json()).toEqual({ message: "Too many requests" });
    expect(fake.delivered).toEqual([]);

    const retried = await call("POST", "/v2/bot/message/push", { to, messages: [hello] });
    expect(retried.status).toBe(200);
    expect(fake.messagesFor(to)).toEqual([hello]);
  });

  it("when failNext matches a path, then other endpoints are unaffected", async () => {
    fake.failNext(1, { status: 500 }, { path: "/v2/bot/message/push" });
    const res = await call("POST", "/v2/bot/chat/loading/start", { chatId: newUserId(), loadingSeconds: 10 });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({});
  });
});

describe("validation", () => {
  it("when the bot sends a body LINE would reject, then it gets LINE's 400 and the violation is recorded", async () => {
    const res = await call("POST", "/v2/bot/message/push", { to: newUserId(), messages: [{ type: "text" }] });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      message: "The request body has 1 error(s)",
      details: [{ message: "is required", property: "messages[0].text" }],
    });
    expect(fake.violations).toEqual([{ path: "/v2/bot/message/push", errors: ["$.messages[0].text: is required"] }]);
    expect(fake.delivered).toEqual([]);
  });

  it("when the body is not JSON, then it is a violation", async () => {
    const res = await fetch(fake.baseUrl + "/v2/bot/message/reply", {
      method: "POST",
      headers: { authorization: "Bearer test-token", "content-type": "application/json" },
      body: "{not json",
    });
    expect(res.status).toBe(400);
    expect(fake.violations).toEqual([{ path: "/v2/bot/message/reply", errors: ["$: is not valid JSON"] }]);
  });
});

describe("profile", () => {
  it("when a profile is set, then it is served with Japanese as the default language; unknown users get 404", async () => {
    const userId = newUserId();
    fake.setProfile(userId, { displayName: "山田 花子" });
    const res = await call("GET", `/v2/bot/profile/${userId}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ userId, displayName: "山田 花子", language: "ja" });
    expect((await call("GET", `/v2/bot/profile/${newUserId()}`)).status).toBe(404);
  });
});

describe("waitFor", () => {
  it("when the awaited delivery arrives later, then waitFor resolves on that request", async () => {
    const to = newUserId();
    const waiting = fake.waitFor((f) => f.messagesFor(to).length === 1, 2000);
    await call("POST", "/v2/bot/message/push", { to, messages: [hello] });
    await expect(waiting).resolves.toBeUndefined();
  });

  it("when nothing arrives, then waitFor rejects with a summary", async () => {
    await expect(fake.waitFor((f) => f.delivered.length > 0, 50)).rejects.toThrow(/timed out after 50 ms/);
  });
});

describe("with the LINE SDK's own client", () => {
  it("when the bot uses @line/bot-sdk, then the fake speaks its dialect", async () => {
    const client = new messagingApi.MessagingApiClient({ channelAccessToken: "test-token", baseURL: fake.baseUrl });
    const userId = newUserId();
    fake.setProfile(userId, { displayName: "山田 花子", language: "en" });

    expect(await client.getProfile(userId)).toEqual({ userId, displayName: "山田 花子", language: "en" });
    await client.showLoadingAnimation({ chatId: userId, loadingSeconds: 10 });
    await client.replyMessage({ replyToken: fake.issueReplyToken(userId), messages: [{ type: "text", text: "はい" }] });
    const retryKey = randomUUID();
    await client.pushMessage({ to: userId, messages: [{ type: "text", text: "続き" }] }, retryKey);
    const conflict = await client
      .pushMessage({ to: userId, messages: [{ type: "text", text: "続き" }] }, retryKey)
      .catch((err: unknown) => err);

    expect(conflict).toBeInstanceOf(HTTPFetchError);
    expect((conflict as HTTPFetchError).status).toBe(409);
    expect(fake.messagesFor(userId)).toEqual([{ type: "text", text: "はい" }, { type: "text", text: "続き" }]);
    expect(fake.violations).toEqual([]);
  });
});

describe("faults as LINE shows them", () => {
  it("when a reply token is older than its lifetime, then the reply is refused as an invalid token", async () => {
    // A negative lifetime: every token is already past it when issued.
    const short = await startFakeLineApi({ channelAccessToken: "test-token", replyTokenLifetimeMs: -1 });
    try {
      const userId = newUserId();
      const replyToken = short.issueReplyToken(userId);
      const res = await fetch(`${short.baseUrl}/v2/bot/message/reply`, {
        method: "POST",
        headers: { authorization: "Bearer test-token", "content-type": "application/json" },
        body: JSON.stringify({ replyToken, messages: [hello] }),
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ message: "Invalid reply token" });
      expect(short.delivered).toEqual([]);
    } finally {
      await short.close();
    }
  });

  it("when a reply is 'delivered, then 500', then the message is delivered, the bot gets 500, and the token is used", async () => {
    const userId = newUserId();
    const replyToken = fake.issueReplyToken(userId);
    fake.failNext(1, { status: 500 }, { path: "/v2/bot/message/reply", afterDelivery: true });
    const first = await call("POST", "/v2/bot/message/reply", { replyToken, messages: [hello] });
    expect(first.status).toBe(500);
    expect(fake.messagesFor(userId)).toEqual([hello]);
    const again = await call("POST", "/v2/bot/message/reply", { replyToken, messages: [hello] });
    expect(again.status).toBe(400);
    expect(fake.messagesFor(userId)).toEqual([hello]);
  });

  it("when a request is set to hang, then it is recorded and never answered, and the next one is answered", async () => {
    const to = newUserId();
    fake.hangNext(1, { path: "/v2/bot/message/push", userId: to });
    const hung = call("POST", "/v2/bot/message/push", { to, messages: [hello] }, { "x-line-retry-key": randomUUID() }).then(
      () => "answered",
      () => "cut",
    );
    await fake.waitFor((f) => f.hung.length === 1);
    const next = await call("POST", "/v2/bot/message/push", { to, messages: [hello] }, { "x-line-retry-key": randomUUID() });
    expect(next.status).toBe(200);
    expect(fake.messagesFor(to)).toEqual([hello]);
    // Closing the fake cuts the hung request; until then it has no answer.
    expect(await Promise.race([hung, Promise.resolve("pending")])).toBe("pending");
  });
});
