// npm run bench:conversations: the server's memory with many conversations open (issue 14: ≤ 350 MB
// with 10 000 open on the embedded database). Conversations live in the database and are resumed
// from it as residents come back; nothing per conversation should stay in the server's memory.
//   BENCH_CONVERSATIONS=10000   how many residents open a conversation (one message each)
//   BENCH_RETURNING=1000        how many of them come back afterwards (a second message each)
//   BENCH_RATE=50               events per second, open loop
//   DATABASE_URL=postgres://…   measure on PostgreSQL instead (the database must be empty)
// Prints the server's RSS (process tree): idle before, peak while opening, idle after, peak and
// idle after the returning residents, the server's CPU per event while opening, and every event
// answered once.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startChildServer, waitReady, type ChildServer } from "../test/support/childServer.ts";
import { startFakeLineApi } from "../test/support/fakeLineApi.ts";
import { newUserId } from "../test/support/webhook.ts";
import { runOpenLoop, type LoadResult } from "./openLoop.ts";
import { loadAverage, sampleTree, watchPeakRss } from "./procStats.ts";

const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 10_000);
const RETURNING = Math.min(CONVERSATIONS, Number(process.env.BENCH_RETURNING ?? 1_000));
const RATE = Number(process.env.BENCH_RATE ?? 50);
const secret = "bench-secret";
const token = "bench-token";
const mb = (b: number) => `${(b / 2 ** 20).toFixed(0)} MB`;
// Idle memory is read 3 s after the work, and again 40 s after: V8's memory reducer shrinks the
// heap a burst grew only once the allocation rate has stayed low for a while (~30 s here).
const IDLE_READINGS_MS = [3_000, 40_000];

const fake = await startFakeLineApi({ channelAccessToken: token });
const dataDir = mkdtempSync(join(tmpdir(), "tsunagu-conversations-"));
const env: Record<string, string> = {
  DATA_DIR: dataDir,
  LINE_API_BASE_URL: fake.baseUrl,
  LINE_CHANNEL_SECRET: secret,
  LINE_CHANNEL_ACCESS_TOKEN: token,
  DATA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
  LOADING_ANIMATION_AFTER_MS: "5000",
  // The backlog of a fast opening outlasts LINE's reply tokens; a push answers it as well, but
  // the generator counts replies, so the tokens are kept valid for the run.
  REPLY_TOKEN_TTL_SECONDS: "3600",
  LINE_RICH_MENU: "false",
};
if (process.env.DATABASE_URL) env.DATABASE_URL = process.env.DATABASE_URL;
const summary = (what: string, l: LoadResult) =>
  `${what}: ${l.sent} sent, ${l.acknowledged} acknowledged, ${l.answered} answered (twice ${l.answeredTwice}, out of order ${l.outOfOrder}) in ${(l.wallMs / 1000).toFixed(0)} s`;
// Every server started is stopped in the end, also when a start fails (none is left running).
const started: ChildServer[] = [];
const start = async () => {
  const child = await startChildServer(env);
  started.push(child);
  await waitReady(child, 120_000);
  return child;
};
try {
  // A first start creates and migrates the database (PGlite's memory, once grown, stays); the
  // measured server starts on an existing one, as a city's would every day.
  const first = await start();
  first.kill("SIGTERM");
  await first.exited;
  const server = await start();
  const pid = server.proc.pid!;
  const idle = async () => {
    const since = Date.now();
    const readings: number[] = [];
    for (const ms of IDLE_READINGS_MS) {
      await new Promise((r) => setTimeout(r, Math.max(0, since + ms - Date.now())));
      readings.push(sampleTree(pid).rssBytes);
    }
    return readings.map(mb).join(" / ");
  };
  const idleBefore = await idle();
  const residents = Array.from({ length: CONVERSATIONS }, () => newUserId());
  const cpuBefore = sampleTree(pid).cpuMs;
  let peak = watchPeakRss(pid);
  // The generator sends each resident's message once: count = residents, one each, round-robin.
  const opened = await runOpenLoop({ baseUrls: [server.baseUrl], secret, fake, residents, rate: RATE, count: CONVERSATIONS, drainMs: 30 * 60_000 });
  const peakOpening = peak.stop();
  const cpuPerEvent = (sampleTree(pid).cpuMs - cpuBefore) / CONVERSATIONS;
  const idleOpen = await idle();
  peak = watchPeakRss(pid);
  const back = await runOpenLoop({ baseUrls: [server.baseUrl], secret, fake, residents: residents.slice(0, RETURNING), rate: Math.min(RATE, 50), count: RETURNING, drainMs: 10 * 60_000 });
  const peakReturning = peak.stop();
  const idleAfter = await idle();
  console.log(
    [
      `${process.env.DATABASE_URL ? "PostgreSQL" : "embedded"}, ${CONVERSATIONS} conversations opened at ${RATE}/s, ${RETURNING} residents returning; load ${loadAverage()}`,
      `${summary("opening", opened)}; server CPU ${cpuPerEvent.toFixed(1)} ms per event`,
      summary("returning", back),
      `server RSS (idle: ${IDLE_READINGS_MS.map((ms) => `${ms / 1000} s`).join(" / ")} after): idle before ${idleBefore}; peak while opening ${mb(peakOpening)}; idle with ${CONVERSATIONS} open ${idleOpen}; peak while residents return ${mb(peakReturning)}; idle after ${idleAfter}`,
    ].join("\n"),
  );
  if (opened.answered < CONVERSATIONS || back.answered < RETURNING || opened.answeredTwice + back.answeredTwice > 0) process.exitCode = 1;
} finally {
  for (const child of started) {
    child.kill("SIGTERM");
    await Promise.race([child.exited, new Promise((r) => setTimeout(r, 15_000))]);
    await child.killAll();
  }
  await fake.close();
  rmSync(dataDir, { recursive: true, force: true });
}
