// npm run bench:queries: where the embedded database's time per event goes, statement by
// statement. Runs the server in this process on PGlite, wraps PGlite's query, exec and
// transaction to time them, sends an open-loop load of text messages, and prints per event: each
// statement's count and time, and how long the worker's transactions hold PGlite's single
// connection (which every webhook insert must wait for).
//   BENCH_RATE=20 BENCH_SECONDS=10
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { PGlite } from "@electric-sql/pglite";
import { loadConfig } from "../src/config.ts";
import { startServer } from "../src/server.ts";
import { startFakeLineApi } from "../test/support/fakeLineApi.ts";
import { newUserId } from "../test/support/webhook.ts";
import { percentile, runOpenLoop } from "./openLoop.ts";

const rate = Number(process.env.BENCH_RATE ?? 20);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);

interface Stat {
  count: number;
  ms: number;
}
const stats = new Map<string, Stat>();
const txHold: number[] = [];
let recording = false;
const shape = (sql: string) => sql.replace(/\s+/g, " ").trim().slice(0, 90);
const note = (key: string, ms: number) => {
  if (!recording) return;
  const s = stats.get(key) ?? { count: 0, ms: 0 };
  s.count++;
  s.ms += ms;
  stats.set(key, s);
};

// Wraps the methods on the prototype: every PGlite (and each transaction's query) goes through them.
const proto = PGlite.prototype as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
for (const method of ["query", "exec"] as const) {
  const original = proto[method]!;
  proto[method] = async function (this: unknown, ...args: unknown[]) {
    const t0 = performance.now();
    try {
      return await original.apply(this, args);
    } finally {
      note(shape(String(args[0])), performance.now() - t0);
    }
  };
}
const originalTx = proto.transaction!;
proto.transaction = function (this: unknown, fn: unknown) {
  return originalTx.call(this, async (tx: { query: (...a: unknown[]) => Promise<unknown>; exec: (...a: unknown[]) => Promise<unknown> }) => {
    const t0 = performance.now();
    const q = tx.query.bind(tx);
    tx.query = async (...a: unknown[]) => {
      const s = performance.now();
      try {
        return await q(...a);
      } finally {
        note(`[tx] ${shape(String(a[0]))}`, performance.now() - s);
      }
    };
    try {
      return await (fn as (t: unknown) => Promise<unknown>)(tx);
    } finally {
      if (recording) txHold.push(performance.now() - t0);
    }
  });
};

async function main() {
  const fake = await startFakeLineApi();
  const dataDir = mkdtempSync(join(tmpdir(), "tsunagu-queries-"));
  const secret = "bench-secret";
  const config = loadConfig({
    PORT: "0", DATA_DIR: dataDir, LINE_CHANNEL_SECRET: secret, LINE_CHANNEL_ACCESS_TOKEN: "bench-token",
    LINE_API_BASE_URL: fake.baseUrl, LOG_LEVEL: "warn", LOADING_ANIMATION_AFTER_MS: "5000",
  });
  const server = await startServer(config);
  const baseUrls = [`http://127.0.0.1:${server.port}`];
  const residents = Array.from({ length: 100 }, () => newUserId());
  await runOpenLoop({ baseUrls, secret, fake, residents, rate: Math.min(rate, 50), count: residents.length, drainMs: 60_000 });
  await server.settled();
  recording = true;
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  const cpu0 = process.cpuUsage();
  const load = await runOpenLoop({ baseUrls, secret, fake, residents, rate, count: rate * seconds, drainMs: 60_000 });
  await server.settled();
  const cpu = process.cpuUsage(cpu0);
  recording = false;
  loopDelay.disable();
  const n = load.sent;
  const rows = [...stats].sort((a, b) => b[1].ms - a[1].ms);
  const totalMs = rows.reduce((a, [, s]) => a + s.ms, 0);
  console.log(`${n} events at ${rate}/s; process CPU ${((cpu.user + cpu.system) / 1000 / n).toFixed(1)} ms/event (server + generator + fake LINE API)`);
  console.log(`200 p50 ${percentile(load.ackMs, 50).toFixed(1)} ms p99 ${percentile(load.ackMs, 99).toFixed(1)} ms; reply p50 ${percentile(load.replyMs, 50).toFixed(1)} ms p99 ${percentile(load.replyMs, 99).toFixed(1)} ms`);
  console.log(`event loop delay p50 ${(loopDelay.percentile(50) / 1e6).toFixed(1)} ms p99 ${(loopDelay.percentile(99) / 1e6).toFixed(1)} ms max ${(loopDelay.max / 1e6).toFixed(1)} ms`);
  console.log(`transactions: ${(txHold.length / n).toFixed(2)} per event, connection held p50 ${percentile(txHold, 50).toFixed(1)} ms p99 ${percentile(txHold, 99).toFixed(1)} ms, ${(txHold.reduce((a, b) => a + b, 0) / n).toFixed(1)} ms per event`);
  console.log(`statements: ${(rows.reduce((a, [, s]) => a + s.count, 0) / n).toFixed(1)} per event, ${(totalMs / n).toFixed(1)} ms per event (wall, awaited)`);
  for (const [sql, s] of rows.slice(0, 30)) console.log(`${(s.count / n).toFixed(2).padStart(6)} × ${(s.ms / n).toFixed(2).padStart(6)} ms  ${sql}`);
  await server.stop();
  await fake.close();
  rmSync(dataDir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
