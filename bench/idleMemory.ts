// npm run bench:idle: the server's memory at idle on an existing embedded database (issue 14:
// ≤ 300 MB). It varies between identical starts, so the server is started several times and the
// median and range are printed, with what the RSS is made of (from /proc/<pid>/smaps_rollup and
// status) on the last start. The server runs as npm start runs it (test/support/childServer.ts).
//   BENCH_STARTS=5        how many measured starts (after one that creates the database)
//   BENCH_SETTLE_MS=5000  how long after "server ready" the memory is read
//   BENCH_NODE_ARGS=…     node flags for the server instead of npm start's (to try one before it goes there)
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startChildServer, waitReady, type ChildServer } from "../test/support/childServer.ts";
import { loadAverage, sampleTree } from "./procStats.ts";

const STARTS = Number(process.env.BENCH_STARTS ?? 5);
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 5_000);
const NODE_ARGS = (process.env.BENCH_NODE_ARGS ?? "").split(/\s+/).filter(Boolean);
const mb = (b: number) => (b / 2 ** 20).toFixed(0);

const dataDir = mkdtempSync(join(tmpdir(), "tsunagu-idle-"));
const env = {
  DATA_DIR: dataDir,
  LINE_CHANNEL_SECRET: "x",
  LINE_CHANNEL_ACCESS_TOKEN: "y",
  LINE_API_BASE_URL: "http://127.0.0.1:9",
  LINE_RICH_MENU: "false",
  // BENCH_SERVER_ENV="MALLOC_ARENA_MAX=2 …": more environment to try on the server
  ...Object.fromEntries((process.env.BENCH_SERVER_ENV ?? "").split(/\s+/).filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)])),
};

async function runOnce(): Promise<{ rss: number; child: ChildServer }> {
  const child = await startChildServer(env, [process.execPath, [...NODE_ARGS, "src/main.ts"]]);
  try {
    await waitReady(child, 120_000);
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    return { rss: sampleTree(child.proc.pid!).rssBytes, child };
  } catch (error) {
    await child.killAll();
    throw error;
  }
}

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
    shmem: kb(status, "RssShmem"),
    privateDirty: kb(rollup, "Private_Dirty"),
  };
}

try {
  await stop((await runOnce()).child); // creates and migrates the database
  const samples: number[] = [];
  let last: Record<string, number> = {};
  for (let i = 0; i < STARTS; i++) {
    const { rss, child } = await runOnce();
    samples.push(rss);
    if (i === STARTS - 1) last = composition(child.proc.pid!);
    await stop(child);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  console.log(
    [
      `idle RSS on an existing embedded database, ${STARTS} starts${NODE_ARGS.length ? ` with ${NODE_ARGS.join(" ")}` : ""}; load ${loadAverage()}`,
      `median ${mb(median)} MB, range ${mb(sorted[0]!)}–${mb(sorted.at(-1)!)} MB (${samples.map(mb).join(", ")})`,
      `last start: ${Object.entries(last)
        .map(([k, v]) => `${k} ${mb(v)} MB`)
        .join(", ")}`,
    ].join("\n"),
  );
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
