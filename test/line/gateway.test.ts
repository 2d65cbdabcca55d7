// The door to LINE: what each answer means to the outbox, and that no call waits past its deadline.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { classifyResponse, createLineGateway } from "../../src/line/gateway.ts";
import { startFakeLineApi, type FakeLineApi } from "../support/fakeLineApi.ts";
import { newUserId } from "../support/webhook.ts";

let fake: FakeLineApi;
beforeAll(async () => {
  fake = await startFakeLineApi({ channelAccessToken: "t" });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const hello = [{ type: "text" as const, text: "こんにちは" }];
const json = (body: unknown) => JSON.stringify(body);

describe("what LINE's answers mean", () => {
  it("when LINE answers 400 'Invalid reply token', then the result says so (switch to push), and other 400s do not", () => {
    const invalid = classifyResponse(400, new Headers(), json({ message: "Invalid reply token" }));
    expect(invalid).toMatchObject({ ok: false, invalidReplyToken: true, retryable: false, outcomeUnknown: false });
    const other = classifyResponse(400, new Headers(), json({ message: "The request body has 1 error(s)" }));
    expect(other).toMatchObject({ ok: false, invalidReplyToken: false, retryable: false });
  });

  it("when LINE answers 409 with x-line-accepted-request-id, then the push counts as sent", () => {
    expect(classifyResponse(409, new Headers({ "x-line-accepted-request-id": randomUUID() }), json({ message: "accepted" }))).toEqual({ ok: true });
  });

  it("when LINE answers 500, then the outcome is unknown (it may have delivered) and it is retried; 429 was not processed", () => {
    expect(classifyResponse(500, new Headers(), "")).toMatchObject({ retryable: true, outcomeUnknown: true });
    expect(classifyResponse(429, new Headers({ "retry-after": "2" }), "")).toMatchObject({ retryable: true, outcomeUnknown: false, retryAfterMs: 2000 });
  });
});

describe("deadlines", () => {
  it("when LINE never answers a push, then the call returns after the deadline as a retryable timeout of unknown outcome", async () => {
    const gateway = createLineGateway({ channelAccessToken: "t", baseURL: fake.baseUrl, timeoutMs: 300 });
    const to = newUserId();
    fake.hangNext(1, { path: "/v2/bot/message/push" });
    const started = Date.now();
    const result = await gateway.push(to, hello, randomUUID());
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result).toMatchObject({ ok: false, retryable: true, outcomeUnknown: true, error: "timeout" });
    expect(fake.hung).toHaveLength(1);
  });

  it("when a push is sent twice with one retry key, then the second counts as sent and LINE delivered once", async () => {
    const gateway = createLineGateway({ channelAccessToken: "t", baseURL: fake.baseUrl, timeoutMs: 2000 });
    const to = newUserId();
    const key = randomUUID();
    expect(await gateway.push(to, hello, key)).toEqual({ ok: true });
    expect(await gateway.push(to, hello, key)).toEqual({ ok: true });
    expect(fake.messagesFor(to)).toEqual(hello);
  });
});
