// Delivers the outbox to LINE exactly once, whatever breaks. The rule: record how a message goes
// out (reply or push) in the row before calling LINE, and decide every retry from what is
// recorded, never from what this process remembers.
// - A reply whose outcome is unknown (timeout, 5xx, a crash mid-call) is retried as a reply with
//   the same token: LINE refuses a used token, so the retry cannot say it twice. If LINE then
//   answers "Invalid reply token" while the token is still fresh, the earlier attempt used it:
//   the message was delivered.
// - Only "Invalid reply token" on a first attempt (or once the token is stale) turns a reply into
//   a push. A push carries the row's X-Line-Retry-Key; LINE's 409 for that key means delivered.
// - Each row is sent on its own (per-row concurrency, a deadline on every LINE call), so one slow
//   call holds no one else; one resident's rows go strictly in order, one at a time.
// - A row is claimed under a short lease naming this instance; a restart releases its own rows at
//   once, and another instance takes them over when the lease runs out.
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
  /** Who holds a claimed row's lease (stable across restarts of this instance). */
  instanceId: string;
  leaseMs: number;
  /** Rows being sent at once. */
  concurrency: number;
  /** Attempts before a retryable failure is given up and recorded as failed. */
  maxAttempts?: number;
}

interface ClaimedRow {
  id: bigint;
  lineUserId: string;
  replyToken: string | null;
  payloadEnc: string;
  /** This attempt's number: also the fencing token of the claim. */
  attempts: number;
  retryKey: string;
  attemptVia: "reply" | "push";
  /** How the previous attempt went, if there was one. */
  prevAttemptVia: "reply" | "push" | null;
  /** The reply token is younger than REPLY_TOKEN_TTL_SECONDS (by the database's clock). */
  tokenFresh: boolean;
  /** When the webhook delivered the event answered here (for the event→reply metric). */
  replyTokenAt: Date | null;
}

const BACKOFF_CAP_MS = 10 * 60 * 1000;
// A row in backoff holds its resident's later messages (they must not overtake it), so the
// outbox waits at most this long between attempts.
const OUTBOX_BACKOFF_CAP_MS = 60 * 1000;

export function backoffMs(attempt: number, retryAfterMs: number | null, capMs = BACKOFF_CAP_MS): number {
  const exponential = Math.min(1000 * 2 ** Math.max(0, attempt - 1), capMs);
  return Math.max(retryAfterMs ?? 0, exponential);
}

/** A loop that failed (the database is away): wait longer each time, up to 30 s. */
const loopBackoffMs = (failures: number) => Math.min(500 * 2 ** Math.max(0, failures - 1), 30_000);

export class OutboxSender {
  private pumping: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private failures = 0;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly idleWaiters: (() => void)[] = [];

  constructor(private readonly o: OutboxSenderOptions) {}

  wake(): void {
    if (this.stopped) return;
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = this.pump()
      .then(() => {
        this.failures = 0;
      })
      .catch((err: unknown) => {
        this.failures++;
        log.error("outbox sender failed; will try again", { ...errorFields(err), failures: this.failures });
        this.schedule(loopBackoffMs(this.failures));
      })
      .finally(() => {
        this.pumping = null;
        if (this.again && this.failures === 0) {
          this.again = false;
          this.wake();
        } else {
          this.again = false;
          this.notifyIdle();
        }
      });
  }

  /** Rows this instance held when it stopped (or crashed) are due again at once. */
  async releaseOwnLeases(): Promise<number> {
    return this.o.prisma.$executeRaw`
      UPDATE "OutboxMessage" SET "nextAttemptAt" = now(), "claimedBy" = NULL
      WHERE status = 'sending' AND "claimedBy" = ${this.o.instanceId}`;
  }

  /** Takes no new rows and waits for the calls in hand (each bounded by the LINE call timeout). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.pumping;
    await Promise.all(this.inFlight);
  }

  idle(): Promise<void> {
    if (!this.pumping && this.inFlight.size === 0) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  private notifyIdle(): void {
    if (!this.pumping && this.inFlight.size === 0) this.idleWaiters.splice(0).forEach((f) => f());
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.wake(), delayMs);
    this.timer.unref();
  }

  private async pump(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const free = this.o.concurrency - this.inFlight.size;
      if (free <= 0) return; // a finishing row wakes the pump again
      const rows = await this.claim(free);
      for (const row of rows) this.track(row);
      // Fewer than asked for: nothing else is due now (a finishing row wakes the pump again).
      if (rows.length < free) break;
    }
    // While rows are in flight, the last one to finish wakes the pump, which schedules then
    // (and the server's periodic tick wakes it in any case): one query less per message.
    if (this.inFlight.size === 0) await this.scheduleNext();
  }

  private track(row: ClaimedRow): void {
    const p: Promise<void> = this.deliver(row)
      .catch((err: unknown) => {
        // The row keeps its lease and what it recorded; a later attempt decides from that.
        log.error("outbox row could not be settled", { outboxId: String(row.id), ...errorFields(err) });
      })
      .finally(() => {
        this.inFlight.delete(p);
        this.wake(); // the resident's next message, or a free slot for someone else's
        this.notifyIdle();
      });
    this.inFlight.add(p);
  }

  /** Wakes again when the earliest retry or lease is due. */
  private async scheduleNext(): Promise<void> {
    const [next] = await this.o.prisma.$queryRaw<{ at: Date | null }[]>`
      SELECT MIN("nextAttemptAt") AS at FROM "OutboxMessage" WHERE status IN ('pending', 'sending')`;
    if (!next?.at || this.stopped) return;
    const delay = Math.max(0, next.at.getTime() - Date.now()) + 5;
    this.schedule(Math.min(delay, 60_000));
  }

  /**
   * Takes due rows, the oldest unsent one per resident, under a lease, and records in the same
   * statement how this attempt goes out: as before if there was an attempt, else reply while
   * the token is fresh, else push.
   */
  private async claim(limit: number): Promise<ClaimedRow[]> {
    const leaseSeconds = this.o.leaseMs / 1000;
    const ttlSeconds = this.o.replyTokenTtlMs / 1000;
    return this.o.prisma.$queryRaw<ClaimedRow[]>`
      WITH due AS (
        SELECT o.id, o."attemptVia" AS prev FROM "OutboxMessage" o
        WHERE o.status IN ('pending', 'sending') AND o."nextAttemptAt" <= now()
          AND NOT EXISTS (
            SELECT 1 FROM "OutboxMessage" p
            WHERE p."lineUserId" = o."lineUserId" AND p."lineUserId" <> '' AND p.status IN ('pending', 'sending') AND p.id < o.id)
        ORDER BY o.id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
      UPDATE "OutboxMessage" m
      SET status = 'sending', attempts = m.attempts + 1, "claimedBy" = ${this.o.instanceId},
          "nextAttemptAt" = now() + make_interval(secs => ${leaseSeconds}),
          "attemptVia" = COALESCE(m."attemptVia",
            CASE WHEN m."replyToken" IS NOT NULL AND m."replyTokenAt" > now() - make_interval(secs => ${ttlSeconds}) THEN 'reply' ELSE 'push' END)
      FROM due WHERE m.id = due.id
      RETURNING m.id, m."lineUserId", m."replyToken", m."replyTokenAt", m."payloadEnc", m.attempts, m."retryKey", m."attemptVia",
        due.prev AS "prevAttemptVia",
        (m."replyTokenAt" IS NOT NULL AND m."replyTokenAt" > now() - make_interval(secs => ${ttlSeconds})) AS "tokenFresh"`;
  }

  private async deliver(row: ClaimedRow): Promise<void> {
    const messages = this.o.sealer.openJson<messagingApi.Message[]>(row.payloadEnc);
    if (row.attemptVia === "reply" && row.replyToken) return this.deliverByReply(row, row.replyToken, messages);
    if (row.lineUserId === "") {
      // Group answers can only be replied to; without a fresh token there is no one to push to.
      return this.settle(row, { status: "failed", lastError: "reply token expired" });
    }
    const result = await this.o.gateway.push(row.lineUserId, messages, row.retryKey);
    if (result.ok) return this.settle(row, { status: "sent", sentAt: new Date(), sentVia: "push", lastError: null });
    return this.afterFailure(row, result);
  }

  private async deliverByReply(row: ClaimedRow, token: string, messages: messagingApi.Message[]): Promise<void> {
    const result = await this.o.gateway.reply(token, messages);
    if (result.ok) return this.settle(row, { status: "sent", sentAt: new Date(), sentVia: "reply", lastError: null });
    if (!result.invalidReplyToken) return this.afterFailure(row, result);
    if (row.prevAttemptVia === "reply" && row.tokenFresh) {
      // Our earlier reply (cut off, timed out or answered 5xx) used the token: LINE delivered it.
      return this.settle(row, { status: "sent", sentAt: new Date(), sentVia: "reply", lastError: "reply token already used" });
    }
    if (row.prevAttemptVia === "reply") {
      // The token is stale: it may have expired before or after an earlier attempt reached LINE.
      // Pushing risks a repeat; not pushing risks a lost answer. A repeat is the lesser harm.
      log.warn("reply outcome unknown and token stale; pushing", { outboxId: String(row.id) });
    }
    if (row.lineUserId === "") return this.settle(row, { status: "failed", lastError: result.error });
    // The token was refused (expired or never valid): push now, with the row's retry key.
    await this.settle(row, { status: "pending", attemptVia: "push", nextAttemptAt: new Date(), lastError: result.error });
  }

  private async afterFailure(row: ClaimedRow, result: Extract<SendResult, { ok: false }>): Promise<void> {
    const max = this.o.maxAttempts ?? 20;
    if (result.retryable && row.attempts < max) {
      const delay = backoffMs(row.attempts, result.retryAfterMs, OUTBOX_BACKOFF_CAP_MS);
      await this.settle(row, { status: "pending", nextAttemptAt: new Date(Date.now() + delay), lastError: result.error });
      metrics.lineRetries.inc();
      log.warn("LINE send will be retried", { outboxId: String(row.id), via: row.attemptVia, attempt: row.attempts, delayMs: delay, error: result.error });
      return;
    }
    await this.settle(row, { status: "failed", lastError: result.error });
    log.error("LINE send failed permanently", { outboxId: String(row.id), via: row.attemptVia, error: result.error });
  }

  /** Writes the outcome, unless another instance has taken the row over since (lease expired). */
  private async settle(
    row: ClaimedRow,
    data: { status: "sent" | "pending" | "failed"; sentAt?: Date; sentVia?: string; attemptVia?: string; nextAttemptAt?: Date; lastError: string | null },
  ): Promise<void> {
    const done = await this.o.prisma.outboxMessage.updateMany({
      where: { id: row.id, status: "sending", attempts: row.attempts },
      data: { ...data, claimedBy: null },
    });
    if (done.count === 0) log.warn("outbox row was taken over meanwhile", { outboxId: String(row.id) });
    else if (data.status === "sent") countLineSent(data.sentVia === "reply" ? "reply" : "push", row.replyTokenAt);
    else if (data.status === "failed") metrics.lineFailed.inc();
    if (data.status === "pending" && data.nextAttemptAt && data.nextAttemptAt.getTime() <= Date.now()) this.again = true;
  }
}
