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

  it("when METRICS_TOKEN and METRICS_PORT are unset or empty, then /metrics is served nowhere", () => {
    for (const env of [{}, { METRICS_TOKEN: "", METRICS_PORT: "" }]) {
      const c = loadConfig(env);
      expect(c.METRICS_TOKEN).toBeUndefined();
      expect(c.METRICS_PORT).toBeUndefined();
    }
    expect(loadConfig({ METRICS_TOKEN: "a".repeat(32), METRICS_PORT: "9464" })).toMatchObject({ METRICS_TOKEN: "a".repeat(32), METRICS_PORT: 9464 });
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
    [{ METRICS_TOKEN: "too-short" }, "METRICS_TOKEN"],
    [{ METRICS_PORT: "9464", PORT: "9464" }, "METRICS_PORT"],
    [{ METRICS_PORT: "ninety" }, "METRICS_PORT"],
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
