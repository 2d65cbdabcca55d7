// Delivers the outbox to LINE: reply while the reply token is fresh, push after, one message
// row per resident at a time and in order. 5xx, 429 and network errors are retried with backoff
// (Retry-After honoured; push carries X-Line-Retry-Key so a retry never doubles a message); a
// permanent 4xx is recorded as failed, not retried forever.
import type { messagingApi } from "@line/bot-sdk";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { Sealer } from "../db/crypto.ts";
import type { LineGateway, SendResult } from "../line/gateway.ts";
import { errorFields, log } from "../log.ts";
import { countLineSent, metrics } from "../metrics.ts";

export interface OutboxSenderOptions {
  prisma: PrismaClient;
  sealer: Sealer;
  gateway: LineGateway;
  replyTokenTtlMs: number;
  /** Attempts before a retryable failure is given up and recorded as failed. */
  maxAttempts?: number;
  leaseMs?: number;
  now?: () => number;
}

interface ClaimedRow {
  id: bigint;
  lineUserId: string;
  replyToken: string | null;
  replyTokenAt: Date | null;
  payloadEnc: string;
  attempts: number;
  retryKey: string;
  sentVia: string | null;
  prevStatus: string;
}

export function backoffMs(attempt: number, retryAfterMs: number | null): number {
  const exponential = Math.min(1000 * 2 ** Math.max(0, attempt - 1), 10 * 60 * 1000);
  return Math.max(retryAfterMs ?? 0, exponential);
}

export class OutboxSender {
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly idleWaiters: (() => void)[] = [];

  constructor(private readonly o: OutboxSenderOptions) {}

  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop()
      .catch((err: unknown) => log.error("outbox sender failed", errorFields(err)))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.wake();
        } else {
          this.idleWaiters.splice(0).forEach((f) => f());
        }
      });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  idle(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  private async loop(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const rows = await this.claim();
      if (rows.length === 0) break;
      await Promise.all(rows.map((r) => this.deliver(r)));
    }
    await this.scheduleNext();
  }

  /** Wakes again when the earliest retry is due. */
  private async scheduleNext(): Promise<void> {
    const [next] = await this.o.prisma.$queryRaw<{ at: Date | null }[]>`
      SELECT MIN("nextAttemptAt") AS at FROM "OutboxMessage" WHERE status IN ('pending', 'sending')`;
    if (this.timer) clearTimeout(this.timer);
    if (!next?.at || this.stopped) return;
    const delay = Math.max(0, next.at.getTime() - Date.now()) + 5;
    this.timer = setTimeout(() => this.wake(), Math.min(delay, 60_000));
    this.timer.unref();
  }

  /** Takes due rows, the oldest per resident, under a lease (a crash frees them when it ends). */
  private async claim(): Promise<ClaimedRow[]> {
    const lease = this.o.leaseMs ?? 60_000;
    return this.o.prisma.$queryRaw<ClaimedRow[]>`
      WITH due AS (
        SELECT o.id, o.status FROM "OutboxMessage" o
        WHERE o.status IN ('pending', 'sending') AND o."nextAttemptAt" <= now()
          AND NOT EXISTS (
            SELECT 1 FROM "OutboxMessage" p
            WHERE p."lineUserId" = o."lineUserId" AND p."lineUserId" <> '' AND p.status IN ('pending', 'sending') AND p.id < o.id)
        ORDER BY o.id LIMIT 20 FOR UPDATE SKIP LOCKED)
      UPDATE "OutboxMessage" m
      SET status = 'sending', attempts = m.attempts + 1, "nextAttemptAt" = now() + make_interval(secs => ${lease / 1000})
      FROM due WHERE m.id = due.id
      RETURNING m.id, m."lineUserId", m."replyToken", m."replyTokenAt", m."payloadEnc", m.attempts, m."retryKey", m."sentVia", due.status AS "prevStatus"`;
  }

  private async deliver(row: ClaimedRow): Promise<void> {
    const { prisma, sealer, gateway } = this.o;
    const now = this.o.now?.() ?? Date.now();
    const messages = sealer.openJson<messagingApi.Message[]>(row.payloadEnc);
    const tokenFresh = row.replyToken && row.replyTokenAt && now - row.replyTokenAt.getTime() < this.o.replyTokenTtlMs;
    const useReply = Boolean(tokenFresh) && row.sentVia === null;
    let result: SendResult;
    if (useReply) {
      await prisma.outboxMessage.update({ where: { id: row.id }, data: { sentVia: "reply" } });
      result = await gateway.reply(row.replyToken!, messages);
    } else if (row.lineUserId === "") {
      // Group answers can only be replied to; without a fresh token there is no one to push to.
      result = { ok: false, retryable: false, status: null, retryAfterMs: null, error: "reply token expired" };
    } else {
      result = await gateway.push(row.lineUserId, messages, row.retryKey);
    }
    if (result.ok) {
      await prisma.outboxMessage.update({ where: { id: row.id }, data: { status: "sent", sentAt: new Date(), sentVia: useReply ? "reply" : "push", lastError: null } });
      countLineSent(useReply ? "reply" : "push", row.replyTokenAt);
      return;
    }
    if (useReply && !result.retryable && row.prevStatus === "sending") {
      // An earlier reply attempt was cut off (crash) and its token is now refused: it was used,
      // so the message was delivered. Pushing it again would say it twice.
      await prisma.outboxMessage.update({ where: { id: row.id }, data: { status: "sent", sentAt: new Date(), lastError: "reply token already used" } });
      return;
    }
    if (useReply) {
      // The reply failed (token expired, or LINE was down): the next attempt pushes, with a retry key.
      const delay = result.retryable ? backoffMs(row.attempts, result.retryAfterMs) : 0;
      if (result.retryable) metrics.lineRetries.inc();
      await prisma.outboxMessage.update({ where: { id: row.id }, data: { status: "pending", nextAttemptAt: new Date(Date.now() + delay), lastError: result.error } });
      if (delay === 0) this.again = true;
      return;
    }
    const max = this.o.maxAttempts ?? 20;
    if (result.retryable && row.attempts < max) {
      const delay = backoffMs(row.attempts, result.retryAfterMs);
      await prisma.outboxMessage.update({ where: { id: row.id }, data: { status: "pending", nextAttemptAt: new Date(Date.now() + delay), lastError: result.error } });
      log.warn("LINE send will be retried", { outboxId: String(row.id), attempt: row.attempts, delayMs: delay, error: result.error });
      metrics.lineRetries.inc();
      return;
    }
    await prisma.outboxMessage.update({ where: { id: row.id }, data: { status: "failed", lastError: result.error } });
    log.error("LINE send failed permanently", { outboxId: String(row.id), error: result.error });
    metrics.lineFailed.inc();
  }
}
