// The log format and its redaction, captured through a pino destination stream.
import { spawnSync } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger, errorFields, log, REDACTED, setLogDestination, setLogLevel, type LogLevel } from "../src/log.ts";

function capture(level: LogLevel = "debug") {
  const lines: string[] = [];
  const logger = createLogger({ level, destination: { write: (s: string) => void lines.push(s) } });
  return { logger, lines, records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

afterEach(() => {
  setLogDestination(null);
  setLogLevel("info");
});

describe("logs", () => {
  it("when a line is logged, then it is one JSON object with an ISO time, the level's name and the message", () => {
    const c = capture();
    c.logger.info({ referralId: "r-1", attempt: 2 }, "referral escalated");
    expect(c.lines).toHaveLength(1);
    expect(c.lines[0]!.endsWith("\n")).toBe(true);
    const [record] = c.records();
    expect(record).toMatchObject({ level: "info", msg: "referral escalated", referralId: "r-1", attempt: 2 });
    expect(record!.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it("when personal fields are logged at the top level, then their values are replaced and the rest is kept", () => {
    const c = capture();
    c.logger.warn(
      {
        text: "死にたい",
        name: "山田 花子",
        displayName: "はなこ",
        phone: "090-1234-5678",
        lineUserId: "U0123456789abcdef0123456789abcdef",
        userId: "U0123456789abcdef0123456789abcdef",
        replyToken: "0f3779fba3b349968c5d07db31eab56f",
        message: "hello",
        body: "{}",
        freeText: "困っています",
        password: "hunter2",
        token: "abc",
        authorization: "Bearer abc",
        cookie: "tsunagu_session=abc",
        outboxId: "42",
      },
      "checked",
    );
    const [record] = c.records();
    for (const key of ["text", "name", "displayName", "phone", "lineUserId", "userId", "replyToken", "message", "body", "freeText", "password", "token", "authorization", "cookie"]) {
      expect(record![key], key).toBe(REDACTED);
    }
    expect(record!.outboxId).toBe("42");
    // The process id and the time are numbers of their own (a pid of 30904 holds "090").
    expect(c.lines[0]!.replace(/"(pid|time)":("[^"]*"|\d+),/g, "")).not.toMatch(/山田|090|U0123|hunter2|困って|死にたい/);
  });

  it("when personal fields are nested in objects and arrays, at any depth and in any case, then they are redacted there too", () => {
    const c = capture();
    const cycle: Record<string, unknown> = { outboxId: "7" };
    cycle.self = cycle;
    const shared = { relation: "parent" };
    c.logger.error(
      {
        event: { source: { userId: "Uaaaa" }, message: { text: "秘密" } },
        headers: { "Set-Cookie": "s=1", "X-Line-Signature": "sig", Authorization: "Bearer t", accept: "*/*" },
        members: [{ name: "花子", relation: "parent" }],
        deep: { a: { b: { c: { d: { e: { f: { phone: "0312345678" } } } } } } },
        cause: Object.assign(new Error("(phone)=(0312345678)"), { code: "23505" }),
        cycle,
        twice: [shared, shared],
      },
      "nested",
    );
    const [record] = c.records() as [any];
    expect(record.event.source.userId).toBe(REDACTED);
    expect(record.event.message).toBe(REDACTED);
    expect(record.headers).toEqual({ "Set-Cookie": REDACTED, "X-Line-Signature": REDACTED, Authorization: REDACTED, accept: "*/*" });
    expect(record.members).toEqual([{ name: REDACTED, relation: "parent" }]);
    expect(record.deep.a.b.c.d.e.f.phone).toBe(REDACTED);
    expect(record.cause).toEqual({ error: "Error", code: "23505" });
    expect(record.cycle).toEqual({ outboxId: "7", self: "[circular]" });
    expect(record.twice).toEqual([shared, shared]);
    expect(c.lines[0]).not.toMatch(/0312345678|花子|秘密|Uaaaa/);
  });

  it("when the level is warn, then debug and info are dropped; when silent, nothing is written", () => {
    const lines: string[] = [];
    setLogDestination({ write: (s: string) => void lines.push(s) });
    setLogLevel("warn");
    log.debug("d");
    log.info("i");
    log.warn("w", { n: 1 });
    log.error("e");
    expect(lines.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(["w", "e"]);
    setLogLevel("silent");
    log.error("e2");
    expect(lines).toHaveLength(2);
  });

  it("when an error is described for a log, then only its name and code are kept, never its message", () => {
    const err = Object.assign(new Error('duplicate key value: (text)=(死にたい)'), { name: "PrismaClientKnownRequestError", code: "P2002" });
    expect(errorFields(err)).toEqual({ error: "PrismaClientKnownRequestError", code: "P2002" });
    expect(errorFields("a string")).toEqual({ error: "Error" });
    expect(errorFields({ name: "TypeError", code: 5 })).toEqual({ error: "TypeError" });
  });

  it.each([
    ["exception", "uncaught exception", 1],
    ["rejection", "unhandled rejection", 0],
  ])("when the process meets an uncaught %s, then stderr gets one JSON line (%s) with its name, code and code locations, not its message; it exits with %i (a rejection does not end it)", (kind, msg, status) => {
    const r = spawnSync(process.execPath, ["--import", "tsx", "test/support/crashingProcess.ts", kind], { encoding: "utf8", timeout: 60_000 });
    expect(r.status).toBe(status);
    expect(r.stdout).toBe("");
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    const record = JSON.parse(lines[0]!) as { level: string; msg: string; error: string; code: string; frames: string[] };
    expect(record).toMatchObject({ level: "error", msg, error: "Error", code: "23505" });
    expect(record.frames.some((f) => f.includes("crashingProcess.ts"))).toBe(true);
    // The process id and the time are numbers of their own (a pid of 30904 holds "090").
    expect(r.stderr.replace(/"(pid|time)":("[^"]*"|\d+),/g, "")).not.toMatch(/090|1234|山田|花子|duplicate key/);
  });
});
