// The simulator only when asked for (SIMULATOR=true, no LINE credentials): it then takes a
// resident's taps through the same inbox as LINE, and its page keeps its own inline policy.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSystem, type TestSystem } from "../support/testServer.ts";

let sys: TestSystem;
const userId = `Usim${"ab".repeat(14)}`;

beforeAll(async () => {
  // Empty credentials count as none.
  sys = await startTestSystem({ env: { SIMULATOR: "true", LINE_CHANNEL_SECRET: "", LINE_CHANNEL_ACCESS_TOKEN: "" } });
});
afterAll(async () => {
  await sys?.stop();
});

describe("the simulator, when asked for", () => {
  it("takes a follow through the inbox, and its page allows its own inline script only", async () => {
    const page = await fetch(`${sys.baseUrl}/simulator`);
    expect(page.status).toBe(200);
    const csp = page.headers.get("content-security-policy")!;
    expect(csp).toContain("script-src 'unsafe-inline'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain("script-src 'self' 'unsafe-inline' *");
    const res = await fetch(`${sys.baseUrl}/simulator/api/events`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ userId, type: "follow" }) });
    expect(res.status).toBe(202);
    await sys.server.settled();
    expect(await sys.server.db.prisma.inboxEvent.count({ where: { lineUserId: userId } })).toBe(1);
  });

  it("the webhook refuses everything: there is no channel secret to check against", async () => {
    const res = await fetch(`${sys.baseUrl}/webhook`, { method: "POST", headers: { "content-type": "application/json", "x-line-signature": "eA==" }, body: '{"events":[]}' });
    expect(res.status).toBe(401);
  });

  it("a malformed simulator body is a 400, not a 500", async () => {
    const res = await fetch(`${sys.baseUrl}/simulator/api/events`, { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" });
    expect(res.status).toBe(400);
  });
});
