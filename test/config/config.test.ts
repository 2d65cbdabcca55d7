import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.ts";

describe("configuration", () => {
  it("when nothing is set, then the defaults of the contract apply and the simulator runs", () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.DATA_DIR).toBe("./data");
    expect(c.LINE_API_BASE_URL).toBe("https://api.line.me");
    expect(c.INTAKE_EXPIRY_DAYS).toBe(30);
    expect(c.simulator).toBe(true);
  });

  it("when nothing is set, then LINE calls have a 5 s deadline and outbox leases last 15 s", () => {
    const c = loadConfig({});
    expect(c.LINE_CALL_TIMEOUT_MS).toBe(5000);
    expect(c.OUTBOX_LEASE_SECONDS).toBe(15);
    expect(c.OUTBOX_CONCURRENCY).toBe(16);
  });

  it("when both LINE credentials are set, then the bot talks to LINE", () => {
    expect(loadConfig({ LINE_CHANNEL_SECRET: "s", LINE_CHANNEL_ACCESS_TOKEN: "t" }).simulator).toBe(false);
  });

  it.each([
    [{ PORT: "eighty" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ LINE_API_BASE_URL: "not a url" }, "LINE_API_BASE_URL"],
    [{ LINE_CHANNEL_SECRET: "only-one" }, "LINE_CHANNEL_ACCESS_TOKEN"],
    [{ INTAKE_EXPIRY_DAYS: "0" }, "INTAKE_EXPIRY_DAYS"],
    [{ OUTBOX_LEASE_SECONDS: "5", LINE_CALL_TIMEOUT_MS: "5000" }, "OUTBOX_LEASE_SECONDS"],
    [{ LINE_CALL_TIMEOUT_MS: "0" }, "LINE_CALL_TIMEOUT_MS"],
    [{ INSTANCE_ID: "has spaces" }, "INSTANCE_ID"],
  ])("when %o is wrong, then the error names %s", (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^Configuration error: ${name} `));
  });

  it("when the server starts with a wrong value, then it stops with one clear line naming the variable", () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", "src/main.ts"], {
      env: { ...process.env, PORT: "eighty", DATA_DIR: "/nonexistent/never-created" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^Configuration error: PORT /);
  });
});
