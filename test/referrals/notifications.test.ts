// Notifications to windows: a signed webhook and an e-mail over real SMTP, retried on failure,
// and visible as failed after the last attempt.
import { createServer, type Server } from "node:http";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openAndMigrate, type Database } from "../../src/db/database.ts";
import { NotificationSender, signBody } from "../../src/jobs/notificationSender.ts";
import { loadMunicipality, type Municipality } from "../../src/intake/municipality.ts";
import { queueNotifications } from "../../src/referrals/notifications.ts";
import { metrics } from "../../src/metrics.ts";
import { createTestDatabase } from "../support/testDatabase.ts";

let db: Database;
let cleanup: () => Promise<void>;
let web: Server;
let webUrl: string;
const hooks: { body: string; signature: string | undefined }[] = [];
let failNext = 0;
let smtp: SMTPServer;
let smtpPort = 0;
const mails: string[] = [];

beforeAll(async () => {
  const t = await createTestDatabase();
  cleanup = t.cleanup;
  db = await openAndMigrate({ databaseUrl: t.databaseUrl, dataDir: t.dataDir });
  web = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      if (failNext > 0) {
        failNext--;
        res.writeHead(503).end();
        return;
      }
      hooks.push({ body, signature: req.headers["x-tsunagu-signature"] as string | undefined });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => web.listen(0, "127.0.0.1", r));
  webUrl = `http://127.0.0.1:${(web.address() as { port: number }).port}/hook`;
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, _session, cb) {
      let text = "";
      stream.on("data", (c: Buffer) => (text += c.toString("utf8")));
      stream.on("end", () => {
        mails.push(text);
        cb();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, "127.0.0.1", r));
  smtpPort = (smtp.server.address() as { port: number }).port;
});
afterAll(async () => {
  await new Promise((r) => web?.close(r));
  await new Promise((r) => smtp?.close(() => r(undefined)));
  await db?.close();
  await cleanup?.();
});

function municipalityWith(notify: NonNullable<Municipality["windows"][number]["notify"]>): Municipality {
  const m = loadMunicipality("flows/municipality.yaml");
  return { ...m, windows: m.windows.map((w) => (w.id === "city-livelihood" ? { ...w, notify } : w)) };
}

async function referralRow(): Promise<string> {
  const seq = BigInt(Math.floor(Math.random() * 1e9));
  const r = await db.prisma.referral.create({
    data: { seq, referenceNo: `TS-N-${seq}`, conversationId: crypto.randomUUID(), lineUserId: "Uxx", language: "ja", primaryWindowId: "city-livelihood", primaryWindowType: "livelihood", intakeEnc: "x", triage: {}, urgency: "urgent" },
  });
  return r.id;
}

describe("notifications to windows", () => {
  it("when a referral arrives, then the window's webhook gets a signed JSON without personal data and its address gets an e-mail", async () => {
    const m = municipalityWith({ webhook: webUrl, email: ["madoguchi@example.jp"] });
    const id = await referralRow();
    await db.prisma.$transaction((tx) => queueNotifications(tx, m, { referralId: id, windowId: "city-livelihood", event: "referral.created" }));
    const sender = new NotificationSender({ prisma: db.prisma, signingSecret: "s3cret", smtpUrl: `smtp://127.0.0.1:${smtpPort}`, from: "tsunagu@example.jp", consoleUrl: "http://console/staff/referrals/" });
    sender.wake();
    await sender.idle();
    const hook = hooks.find((h) => h.body.includes(id))!;
    expect(hook.signature).toBe(signBody("s3cret", hook.body));
    const payload = JSON.parse(hook.body);
    expect(payload).toMatchObject({ event: "referral.created", referralId: id, urgency: "urgent", windowId: "city-livelihood", url: `http://console/staff/referrals/${id}` });
    expect(hook.body).not.toContain("Uxx");
    expect(mails.some((t) => t.includes("madoguchi@example.jp") && t.includes(id))).toBe(true);
    const rows = await db.prisma.notification.findMany({ where: { referralId: id } });
    expect(rows.map((r) => r.status).sort()).toEqual(["sent", "sent"]);
  });

  it("when the webhook fails twice, then it is retried and delivered once", async () => {
    const m = municipalityWith({ webhook: webUrl });
    const id = await referralRow();
    await db.prisma.$transaction((tx) => queueNotifications(tx, m, { referralId: id, windowId: "city-livelihood", event: "referral.forwarded" }));
    failNext = 2;
    const sender = new NotificationSender({ prisma: db.prisma, signingSecret: "s", from: "x@example.jp", consoleUrl: "/", backoff: () => 0 });
    sender.wake();
    await sender.idle();
    expect(hooks.filter((h) => h.body.includes(id))).toHaveLength(1);
    const row = await db.prisma.notification.findFirstOrThrow({ where: { referralId: id } });
    expect(row).toMatchObject({ status: "sent", attempts: 3 });
  });

  it("when the endpoint keeps failing, then after the last attempt the notification is failed with the error, not retried forever, and counted once", async () => {
    const failedWebhooks = async () => (await metrics.notificationsFailed.get()).values.find((v) => v.labels.channel === "webhook")?.value ?? 0;
    const failedBefore = await failedWebhooks();
    const m = municipalityWith({ webhook: "http://127.0.0.1:9/unreachable" });
    const id = await referralRow();
    await db.prisma.$transaction((tx) => queueNotifications(tx, m, { referralId: id, windowId: "city-livelihood", event: "referral.escalated" }));
    const sender = new NotificationSender({ prisma: db.prisma, signingSecret: "s", from: "x@example.jp", consoleUrl: "/", backoff: () => 0, maxAttempts: 3, timeoutMs: 2000 });
    sender.wake();
    await sender.idle();
    const row = await db.prisma.notification.findFirstOrThrow({ where: { referralId: id } });
    expect(row.status).toBe("failed");
    expect(row.attempts).toBe(3);
    expect(row.lastError).toBeTruthy();
    expect((await failedWebhooks()) - failedBefore).toBe(1);
  });
});
