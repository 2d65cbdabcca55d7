/**
 * The real server as a child process (`node src/main.ts`, as `npm start` runs it),
 * for tests that kill it, stop it with a signal or cut its database: what a test in one process
 * cannot show. Waits on the server's own log lines (JSON on stdout), never on a clock.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { repoPath } from "../../src/server.ts";

export interface ChildServer {
  readonly proc: ChildProcess;
  /** Set once the server has logged "server started". */
  port: number;
  readonly baseUrl: string;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Log lines (parsed JSON) so far. */
  logs(): Record<string, unknown>[];
  /** Resolves with the first log line for which `match` holds (now or later); rejects if the process ends first. */
  waitForLog(match: (line: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Resolves when the process has ended. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves when every process holding its output has ended (for `npm start`: npm and the server). */
  readonly closed: Promise<void>;
  /** Sends `signal` to the process itself (for npm start: to npm only). */
  kill(signal: NodeJS.Signals): void;
  /** SIGKILLs the process and everything it started (cleanup after a test). */
  killAll(): Promise<void>;
}

/**
 * What `npm start` (and `npm run simulator`) set before `node src/main.ts`, so that a child started
 * with the default command runs as a city's server does. glibc serves allocations of 32 KB or more
 * with their own mappings, returned to the system when freed: V8's compilation of PGlite's
 * WebAssembly otherwise leaves ~60–100 MB of freed blocks in malloc's arenas for good
 * (docs/performance.md, "Memory at idle"). test/config/startCommand.test.ts keeps package.json
 * and this in agreement.
 */
export const NPM_START_ENV: Readonly<Record<string, string>> = { MALLOC_MMAP_THRESHOLD_: "32768" };

/** The environment every child gets besides `env`: quiet on nothing, the repository's files. */
const baseEnv = (): Record<string, string> => ({
  ...NPM_START_ENV,
  PATH: process.env.PATH ?? "",
  HOME: process.env.HOME ?? "/tmp",
  PORT: "0",
  LOG_LEVEL: "info",
  FLOW_FILE: repoPath("flows/intake.flow.yaml"),
  MUNICIPALITY_FILE: repoPath("flows/municipality.yaml"),
  LOCALES_DIR: repoPath("locales"),
});

/**
 * Starts the server (or `command`, e.g. npm start); resolves once it listens (not necessarily
 * ready: see waitReady).
 */
export async function startChildServer(env: Record<string, string>, command: [string, string[]] = [process.execPath, ["src/main.ts"]]): Promise<ChildServer> {
  const proc = spawn(command[0], command[1], {
    cwd: repoPath(),
    env: { ...baseEnv(), ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group, so that cleanup can end what it started too
  });
  let text = "";
  const lines: Record<string, unknown>[] = [];
  const waiters = new Set<() => void>();
  let pending = "";
  const onData = (chunk: Buffer) => {
    text += chunk.toString("utf8");
    pending += chunk.toString("utf8");
    let nl: number;
    while ((nl = pending.indexOf("\n")) >= 0) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      if (line.startsWith("{")) {
        try {
          lines.push(JSON.parse(line) as Record<string, unknown>);
        } catch {
          // not a log line
        }
      }
    }
    waiters.forEach((w) => w());
  };
  proc.stdout!.on("data", onData);
  proc.stderr!.on("data", onData);
  const exited = once(proc, "exit").then(([code, signal]) => {
    waiters.forEach((w) => w());
    return { code: code as number | null, signal: signal as NodeJS.Signals | null };
  });
  let ended = false;
  void exited.then(() => (ended = true));
  const closed = Promise.all([once(proc.stdout!, "close"), once(proc.stderr!, "close")]).then(() => undefined);

  const child: ChildServer = {
    proc,
    port: 0,
    get baseUrl() {
      return `http://127.0.0.1:${child.port}`;
    },
    output: () => text,
    logs: () => lines,
    waitForLog(match, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = lines.find(match);
          if (found) return finish(() => resolve(found));
          if (ended) finish(() => reject(new Error(`the server ended before the expected log line:\n${text}`)));
        };
        const timer = setTimeout(() => finish(() => reject(new Error(`no such log line within ${timeoutMs} ms:\n${text}`))), timeoutMs);
        const finish = (f: () => void) => {
          clearTimeout(timer);
          waiters.delete(check);
          f();
        };
        waiters.add(check);
        check();
      });
    },
    exited,
    closed,
    kill(signal) {
      if (!ended) proc.kill(signal);
    },
    async killAll() {
      try {
        process.kill(-proc.pid!, "SIGKILL");
      } catch {
        // the group is gone already
      }
      await exited;
    },
  };
  const started = await child.waitForLog((l) => l.msg === "server started");
  child.port = Number(started.port);
  return child;
}

/** Resolves when the server has logged "server ready" (the database answers, the key is right). */
export const waitReady = (child: ChildServer, timeoutMs = 30_000) => child.waitForLog((l) => l.msg === "server ready", timeoutMs);
