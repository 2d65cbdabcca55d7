import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.ts";

describe("configuration", () => {
  const LINE = { LINE_CHANNEL_SECRET: "s", LINE_CHANNEL_ACCESS_TOKEN: "t" };

  it("when only the LINE credentials are set, then the defaults of the contract apply", () => {
    const c = loadConfig(LINE);
    expect(c.PORT).toBe(3000);
    expect(c.DATA_DIR).toBe("./data");
    expect(c.LINE_API_BASE_URL).toBe("https://api.line.me");
    expect(c.INTAKE_EXPIRY_DAYS).toBe(30);
    expect(c.simulator).toBe(false);
    expect(c.TRUST_PROXY).toBe(false);
    expect(c.RATE_LIMIT_SIGN_IN).toEqual({ points: 20, seconds: 900 });
    expect(c.RATE_LIMIT_API).toEqual({ points: 600, seconds: 60 });
    expect(c.SESSION_IDLE_MINUTES).toBe(30);
  });

  it("when METRICS_TOKEN and METRICS_PORT are unset or empty, then /metrics is served nowhere", () => {
    for (const env of [{}, { METRICS_TOKEN: "", METRICS_PORT: "" }]) {
      const c = loadConfig(env);
      expect(c.METRICS_TOKEN).toBeUndefined();
      expect(c.METRICS_PORT).toBeUndefined();
    }
    expect(loadConfig({ METRICS_TOKEN: "a".repeat(32), METRICS_PORT: "9464" })).toMatchObject({ METRICS_TOKEN: "a".repeat(32), METRICS_PORT: 9464 });
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

  it("when the LINE credentials are missing, then a production server refuses to start, and a developer's starts without LINE and without the simulator", () => {
    const dev = loadConfig({});
    expect(dev.simulator).toBe(false);
    expect(dev.LINE_CHANNEL_SECRET).toBeUndefined();
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(/^Configuration error: LINE_CHANNEL_SECRET is required in production$/);
    // The command line needs no LINE credentials.
    expect(loadConfig({}, { server: false }).simulator).toBe(false);
  });

  it("when SIMULATOR=true, then the simulator runs, but never in production and never beside LINE credentials", () => {
    expect(loadConfig({ SIMULATOR: "true" }).simulator).toBe(true);
    expect(() => loadConfig({ SIMULATOR: "true", NODE_ENV: "production" })).toThrow(/^Configuration error: SIMULATOR must not be true when NODE_ENV=production$/);
    expect(() => loadConfig({ SIMULATOR: "true", ...LINE })).toThrow(/^Configuration error: SIMULATOR /);
  });

  it("reads rate limits as requests per window, and TRUST_PROXY as hops or addresses", () => {
    const c = loadConfig({ ...LINE, RATE_LIMIT_SIGN_IN: "5/1h", RATE_LIMIT_WEBHOOK_REJECTED: "100/30s", TRUST_PROXY: "1" });
    expect(c.RATE_LIMIT_SIGN_IN).toEqual({ points: 5, seconds: 3600 });
    expect(c.RATE_LIMIT_WEBHOOK_REJECTED).toEqual({ points: 100, seconds: 30 });
    expect(c.TRUST_PROXY).toBe(1);
    expect(loadConfig({ ...LINE, TRUST_PROXY: "loopback, 10.0.0.0/8" }).TRUST_PROXY).toBe("loopback, 10.0.0.0/8");
  });

  it.each([
    [{ PORT: "eighty" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ LINE_API_BASE_URL: "not a url" }, "LINE_API_BASE_URL"],
    [{ LINE_CHANNEL_ACCESS_TOKEN: undefined }, "LINE_CHANNEL_ACCESS_TOKEN"],
    [{ INTAKE_EXPIRY_DAYS: "0" }, "INTAKE_EXPIRY_DAYS"],
    [{ METRICS_TOKEN: "too-short" }, "METRICS_TOKEN"],
    [{ METRICS_PORT: "9464", PORT: "9464" }, "METRICS_PORT"],
    [{ METRICS_PORT: "ninety" }, "METRICS_PORT"],
    [{ SIMULATOR: "yes" }, "SIMULATOR"],
    [{ RATE_LIMIT_API: "600" }, "RATE_LIMIT_API"],
    [{ RATE_LIMIT_SIGN_IN: "0/15m" }, "RATE_LIMIT_SIGN_IN"],
    [{ SESSION_IDLE_MINUTES: "0" }, "SESSION_IDLE_MINUTES"],
    [{ TRUST_PROXY: "$(reboot)" }, "TRUST_PROXY"],
    [{ OUTBOX_LEASE_SECONDS: "5", LINE_CALL_TIMEOUT_MS: "5000" }, "OUTBOX_LEASE_SECONDS"],
    [{ LINE_CALL_TIMEOUT_MS: "0" }, "LINE_CALL_TIMEOUT_MS"],
    [{ INSTANCE_ID: "has spaces" }, "INSTANCE_ID"],
  ])("when %o is wrong, then the error names %s", (env, name) => {
    const withLine = { LINE_CHANNEL_SECRET: "s", LINE_CHANNEL_ACCESS_TOKEN: "t", ...env };
    expect(() => loadConfig(withLine)).toThrow(ConfigError);
    expect(() => loadConfig(withLine)).toThrow(new RegExp(`^Configuration error: ${name} `));
  });

  it("when the server starts with a wrong value, then it stops with one clear line naming the variable", () => {
    const r = spawnSync(process.execPath, ["src/main.ts"], {
      env: { ...process.env, PORT: "eighty", DATA_DIR: "/nonexistent/never-created" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^Configuration error: PORT /);
  });

  it("when a production server starts without LINE credentials, then it stops with one clear line", () => {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", DATA_DIR: "/nonexistent/never-created" };
    for (const k of ["LINE_CHANNEL_SECRET", "LINE_CHANNEL_ACCESS_TOKEN", "SIMULATOR"]) delete env[k];
    const r = spawnSync(process.execPath, ["src/main.ts"], { env, encoding: "utf8", timeout: 60_000 });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^Configuration error: LINE_CHANNEL_SECRET is required in production/);
  });
});
