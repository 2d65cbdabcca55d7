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
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import type { Sealer } from "../db/crypto.ts";
import type { LineGateway, SendResult } from "../line/gateway.ts";
import { errorFields, log } from "../log.ts";
import { countLineSent, metrics } from "../metrics.ts";
import { firstAttemptVia, tokenFresh, type ClaimedRow, type OutboxHandover } from "./outboxClaim.ts";

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


/** How an attempt ended, as written to its row. */
interface Settlement {
  status: "sent" | "pending" | "failed";
  sentAt?: Date;
  sentVia?: "reply" | "push";
  attemptVia?: "push";
  nextAttemptAt?: Date;
  lastError: string | null;
}

/** What a claim statement returns: each claimed row, or one row of nulls, with the statement's facts. */
type ClaimResultRow = { [K in keyof ClaimedRow]: ClaimedRow[K] | null } & {
  /** The earliest retry or lease among the rows that are next for their resident and not claimed now. */
  nextAt: Date | null;
  /** The settled row was still this attempt's (not taken over meanwhile). */
  settled: boolean | null;
};

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
  private timerAt = 0;
  private stopped = false;
  private failures = 0;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly idleWaiters: (() => void)[] = [];

  private readonly o: OutboxSenderOptions;

  constructor(o: OutboxSenderOptions) {
    this.o = o;
  }

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

  /** Wakes after delayMs, unless an earlier wake is already set (claims run side by side). */
  private schedule(delayMs: number): void {
    if (this.stopped) return;
    const at = Date.now() + delayMs;
    if (this.timer && this.timerAt <= at) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.wake();
    }, delayMs);
    this.timer.unref();
  }

  /** Rows being claimed now count against the concurrency until they are in flight. */
  private reserved = 0;

  private freeSlots(): number {
    return this.o.concurrency - this.inFlight.size - this.reserved;
  }

  /**
   * A slot for a row the inbox worker will claim as it writes it (one statement less per
   * event): the terms of the claim, or null when every slot is taken (the row is then written
   * as pending and claimed here as usual). Each slot taken is given back by adopt or giveBack.
   */
  takeSlot(): OutboxHandover | null {
    if (this.stopped || this.freeSlots() <= 0) return null;
    this.reserved++;
    return { instanceId: this.o.instanceId, leaseSeconds: this.o.leaseMs / 1000, ttlSeconds: this.o.replyTokenTtlMs / 1000 };
  }

  /**
   * A row claimed by the worker for a slot it took, after its transaction committed: sent from
   * here on. Once stopping, it is left under this instance's lease (released at the next start,
   * or taken over by another instance when the lease runs out).
   */
  adopt(row: ClaimedRow): void {
    this.reserved--;
    if (this.stopped) return;
    metrics.outboxHandedOver.inc();
    this.track(row);
  }

  /** A slot taken but not used (nothing claimed, or the transaction failed). */
  giveBack(): void {
    this.reserved--;
    // A claim that found every slot reserved stopped early: due rows may be waiting for this one.
    if (this.starved) {
      this.starved = false;
      this.wake();
    }
  }

  /** The last pump found no free slot. */
  private starved = false;

  private async pump(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const free = this.freeSlots();
      if (free <= 0) {
        this.starved = true;
        return; // a finishing row claims, or a slot given back wakes the pump again
      }
      const rows = await this.claim(free, null);
      // Fewer than asked for: nothing else is due now (the claim scheduled the next wake).
      if (rows.length < free) break;
    }
  }

  private track(row: ClaimedRow): void {
    const p: Promise<void> = this.deliver(row)
      .then((outcome) => this.settle(row, outcome))
      .catch((err: unknown) => {
        // The row keeps its lease and what it recorded; a later attempt decides from that.
        log.error("outbox row could not be settled", { outboxId: String(row.id), ...errorFields(err) });
        this.wake();
      })
      .finally(() => {
        this.inFlight.delete(p);
        this.notifyIdle();
      });
    this.inFlight.add(p);
  }

  private scheduleAt(at: Date | null): void {
    if (!at || this.stopped) return;
    const delay = Math.max(0, at.getTime() - Date.now()) + 5;
    this.schedule(Math.min(delay, 60_000));
  }

  /**
   * Takes due rows, the oldest unsent one per resident, under a lease, and records in the same
   * statement how this attempt goes out: as before if there was an attempt, else reply while
   * the token is fresh, else push. With `settle`, the same statement first writes how an attempt
   * ended; a row that ended (sent or failed) then no longer holds back its resident's next, which
   * can be taken at once. Each claim also learns when the next row falls due, for the timer.
   */
  private async claim(limit: number, settle: { row: ClaimedRow; outcome: Settlement } | null): Promise<ClaimedRow[]> {
    const leaseSeconds = this.o.leaseMs / 1000;
    const ttlSeconds = this.o.replyTokenTtlMs / 1000;
    const take = this.stopped ? 0 : Math.max(0, limit);
    const s = settle ? { id: settle.row.id, attempts: settle.row.attempts, ...settle.outcome } : null;
    const ended = s !== null && s.status !== "pending";
    const settledCte = s
      ? Prisma.sql`settled AS (
          UPDATE "OutboxMessage" SET status = ${s.status}, "claimedBy" = NULL, "lastError" = ${s.lastError}::text,
            "sentAt" = COALESCE(${s.sentAt ?? null}::timestamp(3), "sentAt"), "sentVia" = COALESCE(${s.sentVia ?? null}::text, "sentVia"),
            "attemptVia" = COALESCE(${s.attemptVia ?? null}::text, "attemptVia"), "nextAttemptAt" = COALESCE(${s.nextAttemptAt ?? null}::timestamp(3), "nextAttemptAt")
          WHERE id = ${s.id}::bigint AND status = 'sending' AND attempts = ${s.attempts}::int
          RETURNING id),`
      : Prisma.empty;
    // In this statement's snapshot the settled row is still "sending": say what it is now.
    const notSettled = (alias: string) => (s ? Prisma.sql`AND ${Prisma.raw(alias)}.id <> ${s.id}::bigint` : Prisma.empty);
    const holdsBack = (alias: string) =>
      ended ? Prisma.sql`AND NOT (${Prisma.raw(alias)}.id = ${s.id}::bigint AND EXISTS (SELECT 1 FROM settled))` : Prisma.empty;
    // A resident's rows go one at a time, oldest first: o waits while an older row of theirs is
    // unsent, or while a newer one is out under a live lease (the inbox worker claims the first
    // row of an answer itself, and a row written meanwhile by staff may be older than it).
    const nextForResident = Prisma.sql`NOT EXISTS (
            SELECT 1 FROM "OutboxMessage" p
            WHERE p."lineUserId" = o."lineUserId" AND p."lineUserId" <> ''
              AND (p.id < o.id AND p.status IN ('pending', 'sending') ${holdsBack("p")}
                OR p.id > o.id AND p.status = 'sending' AND p."nextAttemptAt" > now() ${notSettled("p")}))`;
    this.reserved += take;
    let rows: ClaimResultRow[];
    try {
      rows = await this.o.prisma.$queryRaw<ClaimResultRow[]>`
      WITH ${settledCte}
      due AS (
        SELECT o.id, o."attemptVia" AS prev FROM "OutboxMessage" o
        WHERE o.status IN ('pending', 'sending') AND o."nextAttemptAt" <= now() ${notSettled("o")} AND ${nextForResident}
        ORDER BY o.id LIMIT ${take}::int FOR UPDATE SKIP LOCKED),
      claimed AS (
        UPDATE "OutboxMessage" m
        SET status = 'sending', attempts = m.attempts + 1, "claimedBy" = ${this.o.instanceId},
            "nextAttemptAt" = now() + make_interval(secs => ${leaseSeconds}),
            "attemptVia" = COALESCE(m."attemptVia", ${firstAttemptVia(Prisma.sql`m."replyToken"`, Prisma.sql`m."replyTokenAt"`, ttlSeconds)})
        FROM due WHERE m.id = due.id
        RETURNING m.id, m."lineUserId", m."replyToken", m."replyTokenAt", m."payloadEnc", m.attempts, m."retryKey", m."attemptVia",
          due.prev AS "prevAttemptVia", ${tokenFresh(Prisma.sql`m."replyTokenAt"`, ttlSeconds)} AS "tokenFresh"),
      facts AS (
        SELECT ${s ? Prisma.sql`EXISTS (SELECT 1 FROM settled)` : Prisma.sql`NULL::boolean`} AS settled,
          (SELECT MIN(o."nextAttemptAt") FROM "OutboxMessage" o
           WHERE o.status IN ('pending', 'sending') AND o.id NOT IN (SELECT id FROM due) ${notSettled("o")} AND ${nextForResident}) AS "nextAt")
      SELECT c.*, f.settled, f."nextAt" FROM facts f LEFT JOIN claimed c ON true ORDER BY c.id`;
    } finally {
      this.reserved -= take;
    }
    const facts = rows[0];
    const claimed = rows.filter((r): r is ClaimResultRow & ClaimedRow => r.id !== null);
    for (const row of claimed) this.track(row);
    // The settled row's own retry is not in the statement's snapshot.
    const retryAt = s?.status === "pending" ? (s.nextAttemptAt ?? null) : null;
    const nextAt = [facts?.nextAt ?? null, retryAt].filter((d): d is Date => d !== null).sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
    this.scheduleAt(nextAt);
    if (s) this.afterSettled(settle!.row, s, facts?.settled === true);
    return claimed;
  }

  /** Calls LINE for the row; returns how the attempt ended, to be written with the next claim. */
  private async deliver(row: ClaimedRow): Promise<Settlement> {
    const messages = this.o.sealer.openJson<messagingApi.Message[]>(row.payloadEnc);
    if (row.attemptVia === "reply" && row.replyToken) return this.deliverByReply(row, row.replyToken, messages);
    if (row.lineUserId === "") {
      // Group answers can only be replied to; without a fresh token there is no one to push to.
      return { status: "failed", lastError: "reply token expired" };
    }
    const result = await this.o.gateway.push(row.lineUserId, messages, row.retryKey);
    if (result.ok) return { status: "sent", sentAt: new Date(), sentVia: "push", lastError: null };
    return this.afterFailure(row, result);
  }

  private async deliverByReply(row: ClaimedRow, token: string, messages: messagingApi.Message[]): Promise<Settlement> {
    const result = await this.o.gateway.reply(token, messages);
    if (result.ok) return { status: "sent", sentAt: new Date(), sentVia: "reply", lastError: null };
    if (!result.invalidReplyToken) return this.afterFailure(row, result);
    if (row.prevAttemptVia === "reply" && row.tokenFresh) {
      // Our earlier reply (cut off, timed out or answered 5xx) used the token: LINE delivered it.
      return { status: "sent", sentAt: new Date(), sentVia: "reply", lastError: "reply token already used" };
    }
    if (row.prevAttemptVia === "reply") {
      // The token is stale: it may have expired before or after an earlier attempt reached LINE.
      // Pushing risks a repeat; not pushing risks a lost answer. A repeat is the lesser harm.
      log.warn("reply outcome unknown and token stale; pushing", { outboxId: String(row.id) });
    }
    if (row.lineUserId === "") return { status: "failed", lastError: result.error };
    // The token was refused (expired or never valid): push now, with the row's retry key.
    return { status: "pending", attemptVia: "push", nextAttemptAt: new Date(), lastError: result.error };
  }

  private afterFailure(row: ClaimedRow, result: Extract<SendResult, { ok: false }>): Settlement {
    const max = this.o.maxAttempts ?? 20;
    if (result.retryable && row.attempts < max) {
      const delay = backoffMs(row.attempts, result.retryAfterMs, OUTBOX_BACKOFF_CAP_MS);
      metrics.lineRetries.inc();
      log.warn("LINE send will be retried", { outboxId: String(row.id), via: row.attemptVia, attempt: row.attempts, delayMs: delay, error: result.error });
      return { status: "pending", nextAttemptAt: new Date(Date.now() + delay), lastError: result.error };
    }
    log.error("LINE send failed permanently", { outboxId: String(row.id), via: row.attemptVia, error: result.error });
    return { status: "failed", lastError: result.error };
  }

  /**
   * Writes the outcome, unless another instance has taken the row over since (lease expired),
   * and in the same statement takes what is due next: this row's slot (and any other free one).
   */
  private async settle(row: ClaimedRow, outcome: Settlement): Promise<void> {
    const limit = this.freeSlots() + 1; // this row's own slot is free once it is settled
    const claimed = await this.claim(limit, { row, outcome });
    // As many as asked for: more may be due.
    if (claimed.length >= limit && limit > 0) this.wake();
  }

  private afterSettled(row: ClaimedRow, s: Settlement, settled: boolean): void {
    if (!settled) log.warn("outbox row was taken over meanwhile", { outboxId: String(row.id) });
    else if (s.status === "sent") countLineSent(s.sentVia === "reply" ? "reply" : "push", row.replyTokenAt);
    else if (s.status === "failed") metrics.lineFailed.inc();
    if (s.status === "pending" && s.nextAttemptAt && s.nextAttemptAt.getTime() <= Date.now()) this.wake();
  }
}
