// Structured logs without personal data: callers pass codes and ids of our own rows, never
// message text, names, phone numbers or LINE user ids.
type Level = "debug" | "info" | "warn" | "error" | "silent";
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };
let threshold: Level = (process.env.LOG_LEVEL as Level) ?? "info";

export function setLogLevel(level: Level): void {
  threshold = level;
}

function write(level: Exclude<Level, "silent">, msg: string, fields?: Record<string, string | number | boolean | null>): void {
  if (order[level] < order[threshold]) return;
  const line = JSON.stringify({ t: new Date().toISOString(), level, msg, ...fields });
  (level === "error" || level === "warn" ? process.stderr : process.stdout).write(line + "\n");
}

export const log = {
  debug: (m: string, f?: Record<string, string | number | boolean | null>) => write("debug", m, f),
  info: (m: string, f?: Record<string, string | number | boolean | null>) => write("info", m, f),
  warn: (m: string, f?: Record<string, string | number | boolean | null>) => write("warn", m, f),
  error: (m: string, f?: Record<string, string | number | boolean | null>) => write("error", m, f),
};

/** Error names and codes only: messages from the database can quote what a resident wrote. */
export function errorFields(err: unknown): Record<string, string> {
  const e = err as { name?: string; code?: unknown };
  return { error: e?.name ?? "Error", ...(typeof e?.code === "string" ? { code: e.code } : {}) };
}
