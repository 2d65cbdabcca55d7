// npx tsx bench/console.bench.ts [--referrals N] [--runs N]: the staff console with 10,000
// referrals on the embedded database. Inserts them directly (sealed intakes, createMany in
// batches), adds one real conversation through /webhook, signs in as a supervisor and as a
// caseworker, and prints the median (and p95) of 20 loads of the inbox and of a referral page.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../src/config.ts";
import type { Prisma } from "../src/generated/prisma/client.ts";
import { repoPath, startServer } from "../src/server.ts";
import { createStaffUser } from "../src/web/staff/accounts.ts";
import { startFakeLineApi } from "../test/support/fakeLineApi.ts";
import { referralRow, StaffClient } from "../test/support/browser.ts";
import { Resident, type TestSystem } from "../test/support/testServer.ts";
import { postWebhook } from "../test/support/webhook.ts";

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
};
const REFERRALS = arg("referrals", 10_000);
const RUNS = arg("runs", 20);
const BATCH = 500;
const secret = "bench-secret";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))] ?? NaN;
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function timeLoads(label: string, client: StaffClient, paths: () => string): Promise<void> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const path = paths();
    const t0 = performance.now();
    const res = await client.get(path);
    times.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
    bytes = res.text.length;
  }
  console.log(`${label.padEnd(44)} median ${ms(median(times)).padStart(9)}   p95 ${ms(p95(times)).padStart(9)}   (${Math.round(bytes / 1024)} KiB)`);
}

async function main() {
  const fake = await startFakeLineApi();
  const dataDir = mkdtempSync(join(tmpdir(), "tsunagu-console-bench-"));
  const config = loadConfig({
    PORT: "0", DATA_DIR: dataDir, LINE_CHANNEL_SECRET: secret, LINE_CHANNEL_ACCESS_TOKEN: "bench-token", LINE_API_BASE_URL: fake.baseUrl,
    LOG_LEVEL: "silent", FLOW_FILE: repoPath("flows/intake.flow.yaml"), MUNICIPALITY_FILE: repoPath("flows/municipality.yaml"), LOCALES_DIR: repoPath("locales"),
  });
  const server = await startServer(config);
  const base = `http://127.0.0.1:${server.port}`;
  const { prisma } = server.db;
  const { sealer, municipality } = server.deps;
  try {
    // One real conversation first, so that one referral has a whole LINE transcript.
    const sys = { server, fake, baseUrl: base, secret, send: (events) => postWebhook(base, secret, events) } as Pick<TestSystem, "server" | "fake" | "baseUrl" | "secret" | "send">;
    const resident = new Resident(sys as TestSystem);
    await resident.follow();
    await resident.answer("language", "ja");
    for (let i = 0; i < 80 && resident.currentQuestion() !== "summary"; i++) {
      const q = resident.currentQuestion()!;
      if (q === "freeText") await resident.type("家賃が払えず、来月には出ないといけません。");
      else await resident.skip(q);
    }
    await resident.answer("summary", true);
    const withTranscript = await prisma.referral.findFirstOrThrow({ where: { lineUserId: resident.userId } });

    // Then the bulk, straight into the table: a year of referrals over every window, mostly
    // worked already (so the escalation job leaves them alone), 2% emergencies, 10% urgent.
    const t0 = performance.now();
    const windows = municipality.windows.map((w) => w.id);
    const languages = ["ja", "ja", "ja", "en", "zh-Hans", "vi", "pt-BR", "es"] as const;
    const [{ seq: startSeq } = { seq: 0n }] = await prisma.$queryRaw<{ seq: bigint }[]>`SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM "Referral"`;
    const year = 365 * 24 * 3_600_000;
    for (let b = 0; b < REFERRALS; b += BATCH) {
      const rows: Prisma.ReferralCreateManyInput[] = [];
      for (let i = b; i < Math.min(REFERRALS, b + BATCH); i++) {
        const age = ((REFERRALS - i) / REFERRALS) * year;
        const recent = REFERRALS - i <= 50;
        const status = recent ? "new" : (["accepted", "in_progress", "closed", "closed", "closed"] as const)[i % 5]!;
        rows.push(
          referralRow(sealer, municipality, BigInt(startSeq) + BigInt(i), {
            at: new Date(Date.now() - (recent ? (REFERRALS - i) * 60_000 : age)),
            status,
            urgency: i % 50 === 0 ? "emergency" : i % 10 === 0 ? "urgent" : "routine",
            primaryWindowId: windows[i % windows.length],
            involvedWindowIds: i % 3 === 0 ? [windows[(i * 7) % windows.length]!] : [],
            consent: i % 2 === 0,
            language: languages[i % languages.length],
            freeText: "家計が苦しく、仕事も探しています。",
          }),
        );
      }
      await prisma.referral.createMany({ data: rows });
    }
    await prisma.$executeRawUnsafe(`SELECT setval(pg_get_serial_sequence('"Referral"', 'seq'), (SELECT MAX(seq) FROM "Referral"))`);
    const total = await prisma.referral.count();
    console.log(`inserted ${REFERRALS} referrals in ${ms(performance.now() - t0)} (total ${total})`);

    const ready = async (username: string, role: "supervisor" | "caseworker", windowIds: string[]) => {
      const password = await createStaffUser(prisma, { username, role, windowIds });
      await prisma.staffUser.update({ where: { username }, data: { mustChangePassword: false } });
      const c = new StaffClient(base);
      const a = await c.signIn(username, password);
      if (a.status !== 303) throw new Error(`sign-in answered ${a.status}`);
      return c;
    };
    const supervisor = await ready("bench-supervisor", "supervisor", []);
    const caseworker = await ready("bench-caseworker", "caseworker", ["city-livelihood"]);
    const ids = (await prisma.referral.findMany({ select: { id: true }, take: 2000, orderBy: { seq: "asc" } })).map((r) => r.id);
    let k = 0;
    const someId = () => ids[(k++ * 97) % ids.length]!;

    // Warm up (JIT, first queries), then measure.
    await supervisor.get("/staff");
    await supervisor.get(`/staff/referrals/${withTranscript.id}`);
    console.log(`\n${RUNS} loads each, ${total} referrals, embedded database (PGlite):`);
    await timeLoads("inbox /staff (supervisor: sees all)", supervisor, () => "/staff");
    await timeLoads("inbox /staff (caseworker: one window)", caseworker, () => "/staff");
    await timeLoads("inbox /staff?urgency=urgent&status=accepted", supervisor, () => "/staff?urgency=urgent&status=accepted");
    await timeLoads("referral page with a LINE transcript", supervisor, () => `/staff/referrals/${withTranscript.id}`);
    await timeLoads("referral pages (bulk rows, varied)", supervisor, () => `/staff/referrals/${someId()}`);
    await timeLoads("inbox version poll /staff/api/inbox-version", supervisor, () => "/staff/api/inbox-version");
    const t1 = performance.now();
    const csv = await supervisor.get("/staff/export.csv");
    console.log(`${"CSV export of every referral (once)".padEnd(44)} ${ms(performance.now() - t1)} (${csv.text.split("\r\n").length - 2} rows)`);
  } finally {
    await server.stop();
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
