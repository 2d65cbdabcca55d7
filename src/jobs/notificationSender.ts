// Sends queued notifications: a webhook POST signed with HMAC-SHA256 (header
// X-Tsunagu-Signature: sha256=<hex> over the raw body) or an e-mail over SMTP. Failures are
// retried with backoff and, after the last attempt, left visible as failed.
import { createHmac } from "node:crypto";
import type { Transporter } from "nodemailer";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { log } from "../log.ts";
import { metrics } from "../metrics.ts";
import { backoffMs } from "./outboxSender.ts";

export interface NotificationSenderOptions {
  prisma: PrismaClient;
  signingSecret: string;
  smtpUrl?: string;
  from: string;
  /** Where staff open a referral, e.g. https://tsunagu.city.example/staff/referrals/ */
  consoleUrl: string;
  maxAttempts?: number;
  /** Backoff for the n-th attempt; the default doubles from one second up to ten minutes. */
  backoff?: (attempt: number) => number;
  timeoutMs?: number;
}

export function signBody(secret: string, body: string): string {
  return "sha256=" + createHmac("sha256", secret).update(body, "utf8").digest("hex");
}

export class NotificationSender {
  private running: Promise<void> | null = null;
  private again = false;
  private mailer: Promise<Transporter> | null = null;

  private readonly o: NotificationSenderOptions;

  constructor(o: NotificationSenderOptions) {
    this.o = o;
    // Loaded only where e-mail is configured: nodemailer is ~10 MB of the server's idle memory.
    const smtpUrl = o.smtpUrl;
    if (smtpUrl) this.mailer = import("nodemailer").then((m) => m.default.createTransport(smtpUrl));
  }

  wake(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((err: unknown) => log.error("notification sender failed", { error: (err as Error).name }))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    for (;;) {
      const due = await this.o.prisma.$queryRaw<{ id: bigint }[]>`
        UPDATE "Notification" SET status = 'sending', attempts = attempts + 1, "nextAttemptAt" = now() + interval '2 minutes'
        WHERE id IN (SELECT id FROM "Notification" WHERE status IN ('pending', 'sending') AND "nextAttemptAt" <= now()
                     ORDER BY id LIMIT 20 FOR UPDATE SKIP LOCKED)
        RETURNING id`;
      if (due.length === 0) return;
      await Promise.all(due.map((d) => this.deliver(d.id)));
    }
  }

  private async deliver(id: bigint): Promise<void> {
    const n = await this.o.prisma.notification.findUniqueOrThrow({ where: { id } });
    const referral = await this.o.prisma.referral.findUnique({ where: { id: n.referralId }, select: { referenceNo: true, urgency: true, status: true } });
    const payload = {
      event: n.event,
      referralId: n.referralId,
      referenceNo: referral?.referenceNo ?? null,
      urgency: referral?.urgency ?? null,
      status: referral?.status ?? null,
      windowId: n.windowId,
      url: this.o.consoleUrl + n.referralId,
      at: n.createdAt.toISOString(),
    };
    let error: string | null = null;
    try {
      if (n.channel === "webhook") error = await this.postWebhook(n.target, payload);
      else if (!this.mailer) error = "SMTP_URL is not set";
      else {
        await (await this.mailer).sendMail({
          from: this.o.from,
          to: n.target,
          subject: `[Tsunagu] ${payload.referenceNo ?? ""} ${payload.urgency ?? ""} ${n.event}`,
          text: `相談 ${payload.referenceNo} (${payload.urgency}) — ${n.event}\n${payload.url}\n\n個人情報はメールに含めていません。コンソールで確認してください。`,
        });
      }
    } catch (err) {
      error = (err as { code?: string }).code ?? (err as Error).name;
    }
    if (error === null) {
      await this.o.prisma.notification.update({ where: { id }, data: { status: "sent", sentAt: new Date(), lastError: null } });
      metrics.notificationsSent.inc({ channel: n.channel });
      return;
    }
    const max = this.o.maxAttempts ?? 10;
    const failed = n.attempts >= max;
    const delay = (this.o.backoff ?? ((a) => backoffMs(a, null)))(n.attempts);
    await this.o.prisma.notification.update({
      where: { id },
      data: { status: failed ? "failed" : "pending", lastError: error, nextAttemptAt: new Date(Date.now() + delay) },
    });
    if (!failed && delay === 0) this.again = true;
    if (failed) metrics.notificationsFailed.inc({ channel: n.channel });
    log.warn("notification not delivered", { notificationId: String(id), attempt: n.attempts, failed, error });
  }

  private async postWebhook(url: string, payload: unknown): Promise<string | null> {
    const body = JSON.stringify(payload);
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-tsunagu-signature": signBody(this.o.signingSecret, body) },
      body,
      signal: AbortSignal.timeout(this.o.timeoutMs ?? 10_000),
    });
    return res.ok ? null : `HTTP ${res.status}`;
  }
}
