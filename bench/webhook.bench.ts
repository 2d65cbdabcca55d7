// npm run bench [-- --quick]: 100 residents at once on the embedded database, each tapping the
// bot's own postbacks like a person (next tap after the answer arrives). Prints the median and
// p99 of the webhook's 200 and of event → reply call, and the taps of a typical intake.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { webhook } from "@line/bot-sdk";
import { loadConfig } from "../src/config.ts";
import { startServer } from "../src/server.ts";
import { startFakeLineApi } from "../test/support/fakeLineApi.ts";
import { followEvent, postbackEvent, postWebhook, textEvent, newUserId, newReplyToken } from "../test/support/webhook.ts";

const quick = process.argv.includes("--quick");
const RESIDENTS = quick ? 10 : 100;
const TAPS_EACH = quick ? 4 : 8;
const secret = "bench-secret";

// What a typical resident answers (a working parent behind on rent); anything else is skipped.
const TYPICAL: Record<string, { v?: unknown; text?: string; toggle?: unknown[] }> = {
  language: { v: "ja" }, respondent: { v: "self" }, area: { v: "chuo" }, age: { v: "40-64" }, foreign: { v: false },
  work: { v: "employed_nonregular" }, lostJob: { v: false }, incomeDropped: { v: true }, conditions: { toggle: [] },
  householdStart: { v: true }, memberRelation: { v: "child" }, memberAge: { v: "0-17" }, memberConditions: { toggle: [] },
  householdMore: { v: false }, tenure: { v: "rented_private" }, housingRisks: { toggle: ["rent_arrears"] }, rent: { text: "6万5千円" },
  income: { text: "15万" }, incomeSources: { toggle: ["wages", "child_allowance"] }, savings: { v: "under_100k" },
  arrears: { toggle: ["rent"] }, debt: { v: false }, food: { v: "sometimes_short" }, ucla1: { v: 3 }, ucla2: { v: 2 }, ucla3: { v: 2 },
  consult: { v: true }, concerns: { toggle: ["rent_loan_payment", "income"] }, mainConcern: { v: "rent_loan_payment" },
  selfHarm: { v: "none" }, violence: { v: "none" }, childAtRisk: { v: false }, freeText: { text: "家賃が払えるか不安です" },
  consent: { v: true }, contactBy: { v: "phone" }, name: { text: "みらい" }, phone: { text: "090-1234-5678" }, summary: { v: true },
};

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

async function main() {
  const fake = await startFakeLineApi();
  const dataDir = mkdtempSync(join(tmpdir(), "tsunagu-bench-"));
  const config = loadConfig({
    PORT: "0", DATA_DIR: dataDir, LINE_CHANNEL_SECRET: secret, LINE_CHANNEL_ACCESS_TOKEN: "bench-token",
    LINE_API_BASE_URL: fake.baseUrl, LOG_LEVEL: "silent", WORKER_CONCURRENCY: "16", LOADING_ANIMATION_AFTER_MS: "5000",
    // BENCH_DATABASE_URL=postgres://… measures against PostgreSQL instead of the embedded database.
    ...(process.env.BENCH_DATABASE_URL ? { DATABASE_URL: process.env.BENCH_DATABASE_URL } : {}),
  });
  const server = await startServer(config);
  const base = `http://127.0.0.1:${server.port}`;
  const ack: number[] = [];
  const reply: number[] = [];

  const lastPostbacks = (userId: string): string[] => {
    const msgs = fake.messagesFor(userId) as { quickReply?: { items: { action: { data?: string } }[] } }[];
    const last = msgs[msgs.length - 1];
    return (last?.quickReply?.items ?? []).map((i) => i.action.data ?? "").filter(Boolean);
  };

  /** Sends one event and waits for the bot's answer. */
  async function send(userId: string, event: webhook.Event): Promise<void> {
    const before = fake.delivered.filter((d) => d.userId === userId).length;
    const t0 = performance.now();
    const res = await postWebhook(base, secret, [event]);
    ack.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
    await fake.waitFor((f) => f.delivered.filter((d) => d.userId === userId).length > before, 30_000);
    reply.push(performance.now() - t0);
  }

  async function tapFirst(userId: string) {
    const data = lastPostbacks(userId).find((d) => !d.includes('"op"')) ?? lastPostbacks(userId)[0]!;
    const token = newReplyToken();
    fake.issueReplyToken(userId, token);
    await send(userId, postbackEvent(data, { userId, replyToken: token }));
  }

  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: RESIDENTS }, async () => {
      const userId = newUserId();
      const token = newReplyToken();
      fake.issueReplyToken(userId, token);
      await send(userId, followEvent({ userId, replyToken: token }));
      for (let i = 0; i < TAPS_EACH; i++) await tapFirst(userId);
    }),
  );
  const wall = performance.now() - t0;

  // One typical intake, counted in taps and typed answers.
  const userId = newUserId();
  fake.issueReplyToken(userId, "t0");
  await send(userId, followEvent({ userId, replyToken: "t0" }));
  let taps = 0;
  let typed = 0;
  for (let guard = 0; guard < 120; guard++) {
    const datas = lastPostbacks(userId).map((d) => JSON.parse(d) as { q?: string; f?: string; v?: unknown; op?: string });
    const q = datas.find((d) => d.q)?.q;
    if (!q) break;
    const plan = TYPICAL[q] ?? {};
    const token = newReplyToken();
    fake.issueReplyToken(userId, token);
    if (plan.text !== undefined) {
      typed++;
      await send(userId, textEvent(plan.text, { userId, replyToken: token }));
      continue;
    }
    let pick = datas.find((d) => d.q === q && (plan.toggle ? d.op === "toggle" && plan.toggle.includes(d.v) && !lastChosen(userId, d) : "v" in d && d.v === plan.v && !d.op));
    if (!pick && plan.toggle) pick = datas.find((d) => d.op === "done");
    if (!pick) pick = datas.find((d) => d.op === "more") ?? datas.find((d) => d.op === "skip");
    taps++;
    await send(userId, postbackEvent(JSON.stringify(pick), { userId, replyToken: token }));
  }
  function lastChosen(uid: string, d: { v?: unknown }): boolean {
    const msgs = fake.messagesFor(uid) as { quickReply?: { items: { action: { data?: string; label?: string } }[] } }[];
    const item = msgs[msgs.length - 1]?.quickReply?.items.find((i) => i.action.data && JSON.parse(i.action.data).v === d.v);
    return Boolean(item?.action.label?.startsWith("✓"));
  }
  const referrals = await server.db.prisma.referral.count();

  const fmt = (x: number) => `${x.toFixed(1)} ms`;
  console.log(`residents at once: ${RESIDENTS}, events: ${ack.length}, wall: ${(wall / 1000).toFixed(1)} s, database: ${server.db.kind}`);
  console.log(`webhook 200:          median ${fmt(pct(ack, 50))}, p99 ${fmt(pct(ack, 99))}`);
  console.log(`event → reply call:   median ${fmt(pct(reply, 50))}, p99 ${fmt(pct(reply, 99))}`);
  console.log(`typical intake: ${taps} taps + ${typed} typed answers (${taps + typed} messages), referral stored: ${referrals === 1 ? "yes" : "no"}`);
  console.log(`LINE spec violations: ${fake.violations.length}`);
  await server.stop();
  await fake.close();
  rmSync(dataDir, { recursive: true, force: true });
  if (fake.violations.length > 0 || referrals !== 1) process.exit(1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
