// The administrators' console is for administrators only: /admin leads to /staff/admin, which
// shows the live version and the areas; a caseworker or a supervisor gets the console's 404.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStaffUser } from "../../src/web/staff/accounts.ts";
import { StaffClient } from "../support/browser.ts";
import { startTestSystem, type TestSystem } from "../support/testServer.ts";

let sys: TestSystem;
const clients: Record<string, StaffClient> = {};

beforeAll(async () => {
  sys = await startTestSystem();
  for (const role of ["admin", "supervisor", "caseworker"] as const) {
    const name = `home-${role}`;
    const oneTime = await createStaffUser(sys.server.db.prisma, { username: name, role, windowIds: role === "caseworker" ? ["city-livelihood"] : [] });
    const password = await new StaffClient(sys.baseUrl).firstSignIn(name, oneTime);
    const c = new StaffClient(sys.baseUrl);
    expect((await c.signIn(name, password)).status).toBe(303);
    clients[role] = c;
  }
});
afterAll(async () => {
  await sys?.stop();
});

describe("the administrators' console", () => {
  it("when an administrator opens /admin, then it leads to /staff/admin with the live version and every area", async () => {
    const redirect = await fetch(`${sys.baseUrl}/admin`, { redirect: "manual" });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get("location")).toBe("/staff/admin");
    const page = await clients.admin!.get("/staff/admin");
    expect(page.status).toBe(200);
    expect(page.text).toContain(`data-live-version="${sys.server.releases.latest().version}"`);
    for (const area of ["flow", "translations", "directory", "users", "history"]) expect(page.text).toContain(`data-admin-area="${area}"`);
  });

  it("when a supervisor or a caseworker opens it, then the answer is the console's 404", async () => {
    for (const role of ["supervisor", "caseworker"]) expect((await clients[role]!.get("/staff/admin")).status).toBe(404);
  });
});
