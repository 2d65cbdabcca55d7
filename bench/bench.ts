// npm run bench: the bare echo bot (bench/echo/), the project on the embedded database and on
// PostgreSQL, side by side under the same open-loop load, each server a child process and the
// load generator with the fake LINE API here. Writes the table into docs/performance.md.
//   npm run bench                      20 and 100 events/s, writes docs/performance.md
//   npm run bench -- --quick           a few seconds of each (CI's smoke test); prints only
//   BENCH_RATES=20,100                 the rates of every target; BENCH_SECONDS=15 the length of each run
//   BENCH_POSTGRES_URL=postgres://…    an admin URL (else a private cluster if PostgreSQL is installed)
//   BENCH_TARGETS=echo,embedded        a subset; BENCH_EXTRA=echo@300,postgres@300 runs besides
//                                      (postgres@… also with two instances unless BENCH_INSTANCES=1)
//   BENCH_PROFILE_DIR=/tmp/prof        each server writes a V8 CPU profile (.cpuprofile) there
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, totalmem, tmpdir } from "node:os";
import { join } from "node:path";
import { startFakeLineApi } from "../test/support/fakeLineApi.ts";
import { startChildServer, waitReady, type ChildServer } from "../test/support/childServer.ts";
import { newUserId } from "../test/support/webhook.ts";
import { repoPath } from "../src/server.ts";
import { loadAverage, sampleTree, watchPeakRss } from "./procStats.ts";
import { startBenchPostgres, type BenchPostgres } from "./postgres.ts";
import { percentile, runOpenLoop, type LoadResult } from "./openLoop.ts";

const quick = process.argv.includes("--quick");
const rates = (process.env.BENCH_RATES ?? (quick ? "20" : "20,100")).split(",").map(Number);
const seconds = Number(process.env.BENCH_SECONDS ?? (quick ? 2 : 15));
const targets = (process.env.BENCH_TARGETS ?? "echo,embedded,postgres").split(",");
const instancesAlso = Number(process.env.BENCH_INSTANCES ?? 2);
/** Runs beyond rates × targets: PostgreSQL alone at the issue's 300 events/s, one and two instances. */
const extra = (process.env.BENCH_EXTRA ?? (quick ? "" : "echo@300,postgres@300")).split(",").filter(Boolean);
const RESIDENTS = quick ? 10 : 100;
const secret = "bench-secret";
const token = "bench-token";

type Target = "echo" | "embedded" | "postgres" | "postgres×2";

interface RunResult {
  target: Target;
  rate: number;
  load: LoadResult;
  /** CPU of the server tree(s) during the measured load, per event sent. */
  cpuMsPerEvent: number;
  /** The same for PostgreSQL's own processes (our private cluster only). */
  dbCpuMsPerEvent: number | null;
  idleRssMb: number;
  peakRssMb: number;
  startMs: number;
  loadBefore: string;
  loadAfter: string;
}

const mb = (b: number) => b / 1024 / 1024;

async function startTarget(target: Target, env: Record<string, string>, instance: number): Promise<ChildServer> {
  const common: Record<string, string> = { LINE_CHANNEL_SECRET: secret, LINE_CHANNEL_ACCESS_TOKEN: token, ...env };
  // BENCH_PROFILE_DIR=/tmp/prof: each server writes a V8 CPU profile there when it stops.
  if (process.env.BENCH_PROFILE_DIR) common.NODE_OPTIONS = `--cpu-prof --cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`;
  if (target === "echo") return startChildServer(common, [process.execPath, [repoPath("bench/echo/index.js")]]);
  return startChildServer({ ...common, INSTANCE_ID: `bench-${instance}`, LOADING_ANIMATION_AFTER_MS: "5000" });
}

async function runOne(target: Target, rate: number, pgServer: BenchPostgres | null): Promise<RunResult> {
  const fake = await startFakeLineApi({ channelAccessToken: token });
  const dirs: string[] = [];
  const instances = target === "postgres×2" ? 2 : 1;
  let dropDb = async () => {};
  let databaseUrl: string | undefined;
  if (target.startsWith("postgres")) {
    const fresh = await pgServer!.freshDatabase();
    databaseUrl = fresh.url;
    dropDb = fresh.drop;
  }
  const servers: ChildServer[] = [];
  const envs = Array.from({ length: instances }, () => {
    const dataDir = mkdtempSync(join(tmpdir(), "tsunagu-bench-"));
    dirs.push(dataDir);
    const env: Record<string, string> = { DATA_DIR: dataDir, LINE_API_BASE_URL: fake.baseUrl, DATA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64") };
    if (databaseUrl) env.DATABASE_URL = databaseUrl;
    return env;
  });
  if (target !== "echo") {
    // A first start creates and migrates the database; the measured start is on an existing one.
    const first = await startTarget(target, envs[0]!, 0);
    await waitReady(first, 120_000);
    first.kill("SIGTERM");
    await first.exited;
  }
  const t0 = performance.now();
  for (let i = 0; i < instances; i++) {
    const s = await startTarget(target, envs[i]!, i);
    await waitReady(s, 60_000);
    servers.push(s);
  }
  const startMs = performance.now() - t0;
  const pids = servers.map((s) => s.proc.pid!);
  const residents = Array.from({ length: RESIDENTS }, () => newUserId());
  const baseUrls = servers.map((s) => s.baseUrl);
  try {
    // Every resident has a conversation before the measured load (their first message opens it).
    await runOpenLoop({ baseUrls, secret, fake, residents, rate: Math.min(rate, 50), count: residents.length, drainMs: 60_000 });
    await new Promise((r) => setTimeout(r, 1000));
    const idleRss = pids.reduce((a, p) => a + sampleTree(p).rssBytes, 0);
    const peaks = pids.map((p) => watchPeakRss(p));
    const cpu0 = pids.reduce((a, p) => a + sampleTree(p).cpuMs, 0);
    const db0 = pgServer?.postmasterPid && databaseUrl ? sampleTree(pgServer.postmasterPid).cpuMs : null;
    const loadBefore = loadAverage();
    const load = await runOpenLoop({ baseUrls, secret, fake, residents, rate, count: Math.round(rate * seconds), drainMs: 30_000 });
    const cpu1 = pids.reduce((a, p) => a + sampleTree(p).cpuMs, 0);
    const db1 = pgServer?.postmasterPid && databaseUrl ? sampleTree(pgServer.postmasterPid).cpuMs : null;
    const peak = peaks.reduce((a, w) => a + w.stop(), 0);
    if (fake.violations.length > 0) throw new Error(`${target}: ${fake.violations.length} requests LINE would refuse`);
    return {
      target,
      rate,
      load,
      cpuMsPerEvent: (cpu1 - cpu0) / load.sent,
      dbCpuMsPerEvent: db0 !== null && db1 !== null ? (db1 - db0) / load.sent : null,
      idleRssMb: mb(idleRss),
      peakRssMb: mb(peak),
      startMs,
      loadBefore,
      loadAfter: loadAverage(),
    };
  } finally {
    for (const s of servers) s.kill("SIGTERM");
    await Promise.all(servers.map((s) => Promise.race([s.exited, new Promise((r) => setTimeout(r, 15_000))])));
    await Promise.all(servers.map((s) => s.killAll()));
    await fake.close();
    await dropDb().catch(() => undefined);
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}

const f1 = (x: number) => (Number.isFinite(x) ? (x >= 1000 ? `${(x / 1000).toFixed(1)} s` : `${x.toFixed(x < 10 ? 1 : 0)} ms`) : "–");

function describe(r: RunResult): string {
  const l = r.load;
  const secondsSent = l.sent / r.rate;
  return [
    `${r.target} @ ${r.rate}/s: ${l.acknowledged}/${l.sent} acknowledged (${(l.acknowledged / secondsSent).toFixed(0)}/s), ${l.timedOut} timed out, ${l.answered} answered, twice ${l.answeredTwice}, out of order ${l.outOfOrder}`,
    `  200 p50 ${f1(percentile(l.ackMs, 50))} p99 ${f1(percentile(l.ackMs, 99))} max ${f1(Math.max(...l.ackMs))}; reply p50 ${f1(percentile(l.replyMs, 50))} p99 ${f1(percentile(l.replyMs, 99))}`,
    `  CPU/event ${r.cpuMsPerEvent.toFixed(2)} ms${r.dbCpuMsPerEvent !== null ? ` (+ PostgreSQL ${r.dbCpuMsPerEvent.toFixed(2)} ms)` : ""}, RSS idle ${r.idleRssMb.toFixed(0)} MB, peak ${r.peakRssMb.toFixed(0)} MB, ready in ${f1(r.startMs)} (existing database); load ${r.loadBefore} → ${r.loadAfter}`,
  ].join("\n");
}

function table(results: RunResult[]): string {
  const cols = [...new Set(results.map((r) => r.target))];
  const head = `| | ${cols.join(" | ")} |\n|---|${cols.map(() => "---").join("|")}|`;
  const cell = (t: string, rate: number, f: (r: RunResult) => string) => {
    const r = results.find((x) => x.target === t && x.rate === rate);
    return r ? f(r) : "–";
  };
  const rows: string[] = [];
  for (const rate of [...new Set(results.map((r) => r.rate))]) {
    const row = (label: string, f: (r: RunResult) => string) => rows.push(`| ${rate}/s: ${label} | ${cols.map((c) => cell(c, rate, f)).join(" | ")} |`);
    row("acknowledged (200 within 10 s)", (r) => `${r.load.acknowledged} of ${r.load.sent}${r.load.timedOut ? `, ${r.load.timedOut} timed out` : ""}`);
    row("webhook 200 p50 / p99 / max", (r) => `${f1(percentile(r.load.ackMs, 50))} / ${f1(percentile(r.load.ackMs, 99))} / ${f1(Math.max(...r.load.ackMs))}`);
    row("answered (twice, out of sending order)", (r) => `${r.load.answered} (${r.load.answeredTwice}, ${r.load.outOfOrder})`);
    row("event → reply call p50 / p99", (r) => `${f1(percentile(r.load.replyMs, 50))} / ${f1(percentile(r.load.replyMs, 99))}`);
    row("server CPU per event", (r) => `${r.cpuMsPerEvent.toFixed(2)} ms${r.dbCpuMsPerEvent !== null ? ` + ${r.dbCpuMsPerEvent.toFixed(2)} ms PostgreSQL` : ""}`);
    row("server RSS idle / peak", (r) => `${r.idleRssMb.toFixed(0)} / ${r.peakRssMb.toFixed(0)} MB`);
    row("load average before → after", (r) => `${r.loadBefore.split(" ")[0]} → ${r.loadAfter.split(" ")[0]}`);
  }
  rows.push(`| start-up to ready (existing database) | ${cols.map((c) => f1(results.find((r) => r.target === c)?.startMs ?? NaN)).join(" | ")} |`);
  return `${head}\n${rows.join("\n")}`;
}

async function main() {
  const pgServer = targets.includes("postgres") && !quick ? await startBenchPostgres() : null;
  const available = (t: Target) => !t.startsWith("postgres") || pgServer !== null;
  const plan: [Target, number][] = [];
  for (const rate of rates) for (const t of targets as Target[]) if (available(t)) plan.push([t, rate]);
  for (const e of extra) {
    const [t, rate] = e.split("@") as [Target, string];
    if (!available(t)) continue;
    plan.push([t, Number(rate)]);
    if (t === "postgres" && instancesAlso >= 2) plan.push(["postgres×2", Number(rate)]);
  }
  const results: RunResult[] = [];
  try {
    for (const [target, rate] of plan) {
      const r = await runOne(target, rate, pgServer);
      console.log(describe(r));
      results.push(r);
    }
  } finally {
    await pgServer?.stop();
  }
  const broken = results.filter((r) => r.load.answeredTwice > 0 || r.load.outOfOrder > 0);
  if (quick) {
    if (broken.length > 0 || results.some((r) => r.load.answered < r.load.sent)) process.exit(1);
    return;
  }
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? "?"}, ${(totalmem() / 2 ** 30).toFixed(0)} GB RAM, Node ${process.version}, ${new Date().toISOString().slice(0, 16)}Z`;
  const section = [
    "<!-- bench:start (written by npm run bench) -->",
    `Machine: ${machine}. ${RESIDENTS} residents, text messages, open loop, ${seconds} s per rate (after one message per resident to open the conversations), LINE's 10 s timeout. ${pgServer ? (process.env.BENCH_POSTGRES_URL ? "PostgreSQL: BENCH_POSTGRES_URL." : "PostgreSQL: a private cluster of the installed PostgreSQL.") : "PostgreSQL: none available, not measured."}`,
    "",
    table(results),
    "",
    "Reproduce: `npm ci && npm run bench` (PostgreSQL: `BENCH_POSTGRES_URL=postgres://…` an admin URL, else a private cluster of an installed PostgreSQL, else left out); the options are at the top of `bench/bench.ts`.",
    "<!-- bench:end -->",
  ].join("\n");
  const path = repoPath("docs/performance.md");
  let doc = "";
  try {
    doc = readFileSync(path, "utf8");
  } catch {
    doc = "# Performance\n\n## Measured\n\n";
  }
  doc = /<!-- bench:start[\s\S]*<!-- bench:end -->/.test(doc) ? doc.replace(/<!-- bench:start[\s\S]*<!-- bench:end -->/, section) : `${doc}\n${section}\n`;
  writeFileSync(path, doc);
  console.log(`written to ${path}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
