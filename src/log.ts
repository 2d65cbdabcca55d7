// Structured logs as JSON lines through pino: info and debug on stdout, warn and error on stderr.
// Callers pass codes and ids of our own rows, never message text, names, phone numbers or LINE
// user ids; the redaction below is the safety net for a field that slips through anyway.
import { pino, type DestinationStream, type Logger } from "pino";

export const LOG_LEVELS = ["debug", "info", "warn", "error", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A field value: scalars, or objects and arrays of them (redacted by key at any depth). */
export type LogValue = string | number | boolean | null | undefined | LogValue[] | { [key: string]: LogValue };
export type LogFields = Record<string, LogValue>;

/** Field names (compared without case) that can hold what a resident, a staff member or a credential says. */
export const PERSONAL_KEYS = [
  "text",
  "name",
  "displayName",
  "phone",
  "email",
  "address",
  "lineUserId",
  "userId",
  "groupId",
  "roomId",
  "replyToken",
  "quoteToken",
  "message",
  "messages",
  "body",
  "freeText",
  "note",
  "contact",
  "intake",
  "answers",
  "transcript",
  "password",
  "token",
  "secret",
  "signature",
  "authorization",
  "cookie",
  "set-cookie",
  "x-line-signature",
  // An error's message and stack can quote the SQL parameters it failed on (see errorFields).
  "stack",
] as const;

export const REDACTED = "[redacted]";
const personal = new Set<string>(PERSONAL_KEYS.map((k) => k.toLowerCase()));

/**
 * A copy of a log record with every personal key's value replaced, at any depth. Used as pino's
 * log formatter rather than its `redact` paths: those need one wildcard path per key and depth
 * (160 paths for four levels cost 130–360 µs a line, measured) and still stop at a fixed depth.
 */
export function redact(value: unknown, ancestors: Set<object> = new Set()): unknown {
  if (value === null || typeof value !== "object") return value;
  if (value instanceof Error) return errorFields(value);
  if (value instanceof Date) return value;
  if (ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
  if (ancestors.has(value)) return "[circular]";
  ancestors.add(value);
  try {
    if (Array.isArray(value)) return value.map((v) => redact(v, ancestors));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = personal.has(k.toLowerCase()) ? REDACTED : redact(v, ancestors);
    return out;
  } finally {
    ancestors.delete(value);
  }
}

const isLevel = (v: unknown): v is LogLevel => (LOG_LEVELS as readonly unknown[]).includes(v);

let level: LogLevel = isLevel(process.env.LOG_LEVEL) ? process.env.LOG_LEVEL : "info";

function standardStreams(): DestinationStream {
  // dedupe: a line goes only to the stream of the highest level it reaches.
  return pino.multistream(
    [
      { level: "debug", stream: process.stdout },
      { level: "warn", stream: process.stderr },
    ],
    { dedupe: true },
  );
}

export function createLogger(opts: { level: LogLevel; destination: DestinationStream }): Logger {
  return pino(
    {
      level: opts.level,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }), log: (record) => redact(record) as Record<string, unknown> },
    },
    opts.destination,
  );
}

let logger = createLogger({ level, destination: standardStreams() });

export function setLogLevel(next: LogLevel): void {
  level = next;
  logger.level = next;
}

/** Sends the logs to this stream instead of stdout/stderr (tests capture them); null restores. */
export function setLogDestination(stream: DestinationStream | null): void {
  logger = createLogger({ level, destination: stream ?? standardStreams() });
}

export const log = {
  debug: (msg: string, fields?: LogFields) => logger.debug(fields ?? {}, msg),
  info: (msg: string, fields?: LogFields) => logger.info(fields ?? {}, msg),
  warn: (msg: string, fields?: LogFields) => logger.warn(fields ?? {}, msg),
  error: (msg: string, fields?: LogFields) => logger.error(fields ?? {}, msg),
};

/** Error names and codes only: messages from the database can quote what a resident wrote. */
export function errorFields(err: unknown): Record<string, string> {
  const e = err as { name?: string; code?: unknown };
  return { error: e?.name ?? "Error", ...(typeof e?.code === "string" ? { code: e.code } : {}) };
}

/**
 * A crash is logged like everything else, as one JSON line with the error's name, code and code
 * locations: Node's own report would print the message, which can quote a resident's words.
 */
export function logCrashes(exit: (code: number) => void = (code) => process.exit(code)): void {
  const record = (msg: string, err: unknown) => {
    const frames = typeof (err as Error)?.stack === "string" ? (err as Error).stack!.split("\n").filter((l) => /^\s+at .*:\d+:\d+\)?$/.test(l)).slice(0, 10).map((l) => l.trim()) : [];
    log.error(msg, { ...errorFields(err), frames });
  };
  // An exception nobody caught leaves the process in an unknown state: log it and exit.
  process.on("uncaughtException", (err) => {
    record("uncaught exception", err);
    exit(1);
  });
  // A rejection nobody handled is logged and the process goes on: background loops catch their
  // own errors, and a database that blinks must never end the server (issue 11).
  process.on("unhandledRejection", (err) => record("unhandled rejection", err));
}
