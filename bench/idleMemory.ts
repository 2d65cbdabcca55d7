// npm run bench:idle: the server's memory at idle on an existing embedded database (issue 14:
// ≤ 300 MB). It varies between identical starts, so the server is started several times and the
// median and range are printed, with what the RSS is made of (from /proc/<pid>/smaps_rollup and
// status) on the last start. The server runs as npm start runs it (test/support/childServer.ts).
// It is read twice: soon after "server ready", and once V8's memory reducer has shrunk the heap
// the start grew (it waits for the allocation rate to fall, about 30 s here).
//   BENCH_STARTS=5                 how many measured starts (after one that creates the database)
//   BENCH_SETTLE_MS=5000,40000     when after "server ready" the memory is read
//   BENCH_NODE_ARGS=…              node flags for the server (to try one before it goes into npm start)
//   BENCH_SERVER_ENV="K=V …"       more environment for the server, likewise
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { startChildServer, waitReady, type ChildServer } from "../test/support/childServer.ts";
import { loadAverage, sampleTree } from "./procStats.ts";

const STARTS = Number(process.env.BENCH_STARTS ?? 5);
const SETTLE_MS = (process.env.BENCH_SETTLE_MS ?? "5000,40000").split(",").map(Number).sort((a, b) => a - b);
const NODE_ARGS = (process.env.BENCH_NODE_ARGS ?? "").split(/\s+/).filter(Boolean);
const SERVER_ENV = Object.fromEntries(
  (process.env.BENCH_SERVER_ENV ?? "")
    .split(/\s+/)
    .filter(Boolean)
    .map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)]),
);
const mb = (b: number) => (b / 2 ** 20).toFixed(0);

const dataDir = mkdtempSync(join(tmpdir(), "tsunagu-idle-"));
const env = {
  DATA_DIR: dataDir,
  LINE_CHANNEL_SECRET: "x",
  LINE_CHANNEL_ACCESS_TOKEN: "y",
  LINE_API_BASE_URL: "http://127.0.0.1:9",
  LINE_RICH_MENU: "false",
  ...SERVER_ENV,
};

const start = async (): Promise<ChildServer> => {
  const child = await startChildServer(env, [process.execPath, [...NODE_ARGS, "src/main.ts"]]);
  try {
    await waitReady(child, 120_000);
    return child;
  } catch (error) {
    await child.killAll();
    throw error;
  }
};

const stop = async (child: ChildServer) => {
  child.kill("SIGTERM");
  await child.exited;
};

/** The kinds of resident memory of one process, in bytes (smaps_rollup and status). */
function composition(pid: number): Record<string, number> {
  const kb = (text: string, key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(text)?.[1] ?? 0) * 1024;
  const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return {
    rss: kb(status, "VmRSS"),
    anonymous: kb(status, "RssAnon"),
    files: kb(status, "RssFile"),
    privateDirty: kb(rollup, "Private_Dirty"),
  };
}

try {
  await stop(await start()); // creates and migrates the database
  const samples: number[][] = SETTLE_MS.map(() => []);
  let last: Record<string, number> = {};
  for (let i = 0; i < STARTS; i++) {
    const child = await start();
    const ready = Date.now();
    for (const [k, ms] of SETTLE_MS.entries()) {
      await delay(Math.max(0, ready + ms - Date.now()));
      samples[k]!.push(sampleTree(child.proc.pid!).rssBytes);
    }
    if (i === STARTS - 1) last = composition(child.proc.pid!);
    await stop(child);
  }
  const lines = SETTLE_MS.map((ms, k) => {
    const sorted = [...samples[k]!].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    return `${ms / 1000} s after ready: median ${mb(median)} MB, range ${mb(sorted[0]!)}–${mb(sorted.at(-1)!)} MB (${samples[k]!.map(mb).join(", ")})`;
  });
  const tried = [...NODE_ARGS, ...Object.entries(SERVER_ENV).map(([k, v]) => `${k}=${v}`)];
  console.log(
    [
      `idle RSS on an existing embedded database, ${STARTS} starts${tried.length ? ` with ${tried.join(" ")}` : ""}; load ${loadAverage()}`,
      ...lines,
      `last start, last reading: ${Object.entries(last)
        .map(([k, v]) => `${k} ${mb(v)} MB`)
        .join(", ")}`,
    ].join("\n"),
  );
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
