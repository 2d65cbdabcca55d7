// The server's edges under abuse: rate limits by client address (429 with Retry-After), bodies
// too large (413), malformed or too deeply nested JSON and bad filters (400) instead of 500,
// security headers, no-store on the API, the simulator closed, and bidi tricks in a resident's
// words neutralised in the console. Each test speaks from its own client address
// (X-Forwarded-For through TRUST_PROXY=loopback), so the limits of one do not touch another.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../../src/web/apiAuth.ts";
import { createStaffUser } from "../../src/web/staff/accounts.ts";
import { sweepExpiredLimits } from "../../src/web/rateLimits.ts";
import { seedReferral, StaffClient } from "../support/browser.ts";
import { startTestSystem, type TestSystem } from "../support/testServer.ts";
import { postWebhook, signBody, textEvent } from "../support/webhook.ts";

let sys: TestSystem;
let token: string;
let n = 0;
/** A fresh documentation address (RFC 5737) for each caller. */
const newAddress = () => `203.0.113.${++n}`;

const SIGN_IN_LIMIT = 3;
const API_LIMIT = 5;
const WEBHOOK_REJECTED_LIMIT = 3;

beforeAll(async () => {
  sys = await startTestSystem({
    env: {
      TRUST_PROXY: "loopback",
      RATE_LIMIT_SIGN_IN: `${SIGN_IN_LIMIT}/15m`,
      RATE_LIMIT_API: `${API_LIMIT}/1m`,
      RATE_LIMIT_WEBHOOK_REJECTED: `${WEBHOOK_REJECTED_LIMIT}/1m`,
      PUBLIC_BASE_URL: "https://tsunagu.example",
    },
  });
  token = await createApiToken(sys.server.db.prisma, { name: "limits", role: "admin", windowIds: [] });
});
afterAll(async () => {
  await sys?.stop();
});

const api = (path: string, from: string, init: RequestInit = {}) =>
  fetch(`${sys.baseUrl}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, "x-forwarded-for": from, ...(init.headers as Record<string, string>) } });

/** A sign-in form post as a script sends it (no browser headers, so no CSRF token needed). */
const signInFrom = (from: string, username: string, password: string, extra: Record<string, string> = {}) =>
  fetch(`${sys.baseUrl}/staff/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": from },
    body: new URLSearchParams({ username, password, ...extra }).toString(),
  });

describe("sign-in limits", () => {
  it("when one address sends many guesses at once, then only its limit are checked and the rest answer 429 with Retry-After", async () => {
    const oneTime = await createStaffUser(sys.server.db.prisma, { username: "victim", role: "admin", windowIds: [] });
    const from = newAddress();
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => signInFrom(from, "victim", `guess-number-${i}`)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(SIGN_IN_LIMIT);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30 - SIGN_IN_LIMIT);
    const limited = answers.find((a) => a.status === 429)!;
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await limited.text()).toContain('role="alert"');
    // The right password from that address waits too; from another address it works, and the
    // account was never locked: one address cannot lock an account (limit 3 < 5 failures).
    expect((await signInFrom(from, "victim", oneTime)).status).toBe(429);
    const elsewhere = await signInFrom(newAddress(), "victim", oneTime);
    expect(elsewhere.status).toBe(303);
    expect((await sys.server.db.prisma.staffUser.findUniqueOrThrow({ where: { username: "victim" } })).lockedUntil).toBeNull();
  });

  it("when sign-ins succeed, then they give their point back: a shared office address is not locked out by its own staff", async () => {
    const oneTime = await createStaffUser(sys.server.db.prisma, { username: "busy-office", role: "admin", windowIds: [] });
    const from = newAddress();
    for (let i = 0; i < SIGN_IN_LIMIT * 2; i++) expect((await signInFrom(from, "busy-office", oneTime)).status).toBe(303);
  });

  it("when a username holds a NUL, then it is refused like any unknown name, not a 500", async () => {
    const res = await signInFrom(newAddress(), "admin\u0000", "whatever-it-is");
    expect(res.status).toBe(401);
  });

  it("when a sign-in form has more than 100 fields, then it answers 413, not 500", async () => {
    const fields = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`f${i}`, "x"]));
    const res = await signInFrom(newAddress(), "someone", "something", fields);
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
  });
});

describe("API limits", () => {
  it("when one address sends more requests than its limit, then it gets 429 with Retry-After; another address does not", async () => {
    const from = newAddress();
    const statuses = [];
    for (let i = 0; i < API_LIMIT + 2; i++) statuses.push((await api("/api/v1/windows", from)).status);
    expect(statuses).toEqual([...Array(API_LIMIT).fill(200), 429, 429]);
    const limited = await api("/api/v1/windows", from);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await limited.json()).toEqual({ message: "too many requests" });
    expect((await api("/api/v1/windows", newAddress())).status).toBe(200);
  });

  it("when a cursor is 2^63 or more, or a window holds a NUL, then 400; the largest bigint is fine", async () => {
    expect((await api("/api/v1/referrals?cursor=9223372036854775808", newAddress())).status).toBe(400);
    expect((await api("/api/v1/referrals?cursor=99999999999999999999999", newAddress())).status).toBe(400);
    expect((await api("/api/v1/referrals?cursor=9223372036854775807", newAddress())).status).toBe(200);
    expect((await api("/api/v1/referrals?window=%00", newAddress())).status).toBe(400);
    expect((await api("/api/v1/referrals?status=new&status=accepted", newAddress())).status).toBe(400);
  });

  it("when a path parameter is not valid percent-encoding, then 400, not 500", async () => {
    expect((await api("/api/v1/referrals/%E0%A4%A", newAddress())).status).toBe(400);
  });

  it("when a body is malformed JSON, nested too deep or over 64 KB, then 400, 400 and 413 as JSON", async () => {
    const post = (body: string) =>
      api("/api/v1/referrals/00000000-0000-4000-8000-000000000000/notes", newAddress(), { method: "POST", headers: { "content-type": "application/json" }, body });
    const malformed = await post('{"body": "unfinished');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual({ message: "malformed body" });
    // 30 000 deep still fits in 64 KB.
    const deep = await post("[".repeat(30_000) + "]".repeat(30_000));
    expect(deep.status).toBe(400);
    const large = await post(JSON.stringify({ body: "x".repeat(70_000) }));
    expect(large.status).toBe(413);
    expect(await large.json()).toEqual({ message: "body too large" });
  });

  it("every answer of the API carries Cache-Control: no-store", async () => {
    await seedReferral(sys.server.db.prisma, sys.server.deps.sealer, sys.server.deps.municipality);
    const list = await api("/api/v1/referrals", newAddress());
    expect(list.status).toBe(200);
    expect(((await list.json()) as unknown[]).length).toBeGreaterThan(0);
    expect(list.headers.get("cache-control")).toBe("no-store");
    const one = await api(`/api/v1/referrals/${((await (await api("/api/v1/referrals", newAddress())).json()) as { id: string }[])[0]!.id}`, newAddress());
    expect(one.headers.get("cache-control")).toBe("no-store");
  });
});

describe("the counters", () => {
  it("live in the database, one row per limit and address, and rows an hour past their window are swept", async () => {
    const { prisma } = sys.server.db;
    const from = newAddress();
    await api("/api/v1/windows", from);
    expect(await prisma.rateLimit.findUnique({ where: { key: `api:${from}` } })).toMatchObject({ points: 1 });
    const old = new Date(Date.now() - 2 * 3_600_000);
    await prisma.rateLimit.create({ data: { key: "api:198.51.100.1", points: 3, expire: old } });
    expect(await sweepExpiredLimits(prisma)).toBeGreaterThanOrEqual(1);
    expect(await prisma.rateLimit.findUnique({ where: { key: "api:198.51.100.1" } })).toBeNull();
    expect(await prisma.rateLimit.findUnique({ where: { key: `api:${from}` } })).not.toBeNull();
  });
});

describe("webhook limits", () => {
  const post = (from: string, body: string | ReadableStream, headers: Record<string, string> = {}) =>
    fetch(`${sys.baseUrl}/webhook`, { method: "POST", headers: { "content-type": "application/json", "x-forwarded-for": from, ...headers }, body, duplex: "half" } as RequestInit);

  it("when an address keeps sending unsigned requests, then after its limit it gets 429 with Retry-After", async () => {
    const from = newAddress();
    const statuses = [];
    for (let i = 0; i < WEBHOOK_REJECTED_LIMIT + 2; i++) statuses.push((await post(from, '{"events":[]}', { "x-line-signature": "d3Jvbmc=" })).status);
    expect(statuses.slice(0, WEBHOOK_REJECTED_LIMIT)).toEqual(Array(WEBHOOK_REJECTED_LIMIT).fill(401));
    expect(statuses.slice(WEBHOOK_REJECTED_LIMIT)).toEqual([429, 429]);
    const limited = await post(from, "{}");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    // LINE's own, signed requests from elsewhere are not limited.
    for (let i = 0; i < WEBHOOK_REJECTED_LIMIT + 2; i++) {
      expect((await postWebhook(sys.baseUrl, sys.secret, [textEvent("こんにちは")])).status).toBe(200);
    }
  });

  it("when a body declares more than 1 MB, then 413 before it is read; a stream past 1 MB is cut off with 413", async () => {
    const big = JSON.stringify({ destination: "x", events: [], pad: "x".repeat(1_100_000) });
    expect((await post(newAddress(), big, { "x-line-signature": signBody(big, sys.secret) })).status).toBe(413);
    const chunks = new ReadableStream({
      start(c) {
        for (let i = 0; i < 20; i++) c.enqueue(new TextEncoder().encode("x".repeat(100_000)));
        c.close();
      },
    });
    expect((await post(newAddress(), chunks, { "x-line-signature": "c2lnbmF0dXJl" })).status).toBe(413);
  });

  it("when a body comes compressed, then 415: LINE never compresses, and a small body could inflate past the cap", async () => {
    const body = '{"destination":"x","events":[]}';
    const res = await post(newAddress(), body, { "content-encoding": "gzip", "x-line-signature": signBody(body, sys.secret) });
    expect(res.status).toBe(415);
  });

  it("when a signed body nests 100 000 deep, then 400, not 500", async () => {
    const deep = `{"destination":"x","events":${"[".repeat(100_000)}${"]".repeat(100_000)}}`;
    const res = await post(newAddress(), deep, { "x-line-signature": signBody(deep, sys.secret) });
    expect(res.status).toBe(400);
  });
});

describe("headers, health and the simulator", () => {
  it("with an https public address, every answer carries HSTS and the strict policy", async () => {
    for (const path of ["/healthz", "/staff/login", "/api/v1/openapi.json"]) {
      const res = await fetch(`${sys.baseUrl}${path}`);
      expect(res.headers.get("strict-transport-security"), path).toMatch(/max-age=\d+/);
      expect(res.headers.get("content-security-policy"), path).toContain("default-src 'none'");
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("x-frame-options"), path).toBe("DENY");
    }
  });

  it("/healthz says ready and nothing about the database", async () => {
    const res = await fetch(`${sys.baseUrl}/healthz`);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("with LINE credentials the simulator is not there at all", async () => {
    const res = await fetch(`${sys.baseUrl}/simulator/api/events`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ userId: `Usim${"0".repeat(28)}`, type: "follow" }),
    });
    expect(res.status).toBe(404);
    expect((await fetch(`${sys.baseUrl}/simulator`)).status).toBe(404);
    expect(await sys.server.db.prisma.inboxEvent.count({ where: { lineUserId: `Usim${"0".repeat(28)}` } })).toBe(0);
  });
});

describe("a resident's words in the console", () => {
  it("when the free text holds a right-to-left override, then staff see it neutralised", async () => {
    const { prisma, deps } = { prisma: sys.server.db.prisma, deps: sys.server.deps };
    const oneTime = await createStaffUser(prisma, { username: "reader", role: "supervisor", windowIds: [] });
    const c = new StaffClient(sys.baseUrl);
    await c.firstSignIn("reader", oneTime);
    const r = await seedReferral(prisma, deps.sealer, deps.municipality, { freeText: "支払いは\u202Elive\u202C です\u2066x\u2069\u200F" });
    const page = await c.get(`/staff/referrals/${r.id}`);
    expect(page.status).toBe(200);
    expect(page.text).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200E\u200F]/);
    expect(page.text).toContain("支払いは\uFFFDlive\uFFFD です\uFFFDx\uFFFD");
  });
});
