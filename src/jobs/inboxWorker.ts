// Processes the inbox: each resident's events strictly in order and never two at once, different
// residents in parallel. The per-resident order holds across instances too: an event is taken
// under a transaction-scoped advisory lock on the resident and FOR UPDATE SKIP LOCKED.
import { setImmediate as nextTurn } from "node:timers/promises";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { DeferredWrites } from "../db/deferredWrites.ts";
import type { Sealer } from "../db/crypto.ts";
import { classify, LineEvent } from "../line/events.ts";
import type { LineGateway } from "../line/gateway.ts";
import { handleResidentEvent, type EngineDeps } from "../engine/handleEvent.ts";
import { errorFields, log } from "../log.ts";
import { metrics } from "../metrics.ts";

const MAX_ATTEMPTS = 5;

type TxOutcome = "busy" | "empty" | { needsProfile: string } | { sent: boolean; notifies: boolean; ignored: boolean; more: boolean };

/** A key's oldest pending event, taken under the key's lock. */
interface Head {
  webhookEventId: string;
  payloadEnc: string;
  attempts: number;
  receivedAt: Date;
  /** The resident has a row already (else LINE is asked for the profile's language). */
  known: boolean;
  /** Another event of the key was pending too (saves a look when there is none). */
  more: boolean;
}

/**
 * In one statement: the key's transaction-scoped advisory lock (another instance holding it:
 * "busy") and, under it, the key's oldest pending event, its row locked. No SKIP LOCKED here: the
 * advisory lock already keeps other workers off the key, and skipping a row locked for a moment
 * (a failed attempt being recorded) would let the event after it overtake it.
 */
async function takeHead(tx: Prisma.TransactionClient, key: string): Promise<Head | "busy" | null> {
  const byKey = key.startsWith("event:")
    ? Prisma.sql`e."webhookEventId" = ${key.slice(6)}`
    : Prisma.sql`e."lineUserId" = ${key}`;
  const [row] = await tx.$queryRaw<(Omit<Head, "webhookEventId"> & { locked: boolean; webhookEventId: string | null })[]>`
    WITH l AS (SELECT pg_try_advisory_xact_lock(hashtext(${key})) AS locked)
    SELECT l.locked, h."webhookEventId", h."payloadEnc", h.attempts, h."receivedAt",
      EXISTS (SELECT 1 FROM "Resident" r WHERE r."lineUserId" = ${key}) AS known,
      EXISTS (SELECT 1 FROM "InboxEvent" e WHERE ${byKey} AND e.status = 'pending' AND e."webhookEventId" <> h."webhookEventId") AS more
    FROM l LEFT JOIN LATERAL (
      SELECT e."webhookEventId", e."payloadEnc", e.attempts, e."receivedAt" FROM "InboxEvent" e
      WHERE l.locked AND ${byKey} AND e.status = 'pending'
      ORDER BY e."eventTimestamp", e.seq LIMIT 1 FOR UPDATE) AS h ON true`;
  if (!row?.locked) return "busy";
  if (row.webhookEventId === null) return null;
  return { webhookEventId: row.webhookEventId, payloadEnc: row.payloadEnc, attempts: Number(row.attempts), receivedAt: row.receivedAt, known: row.known, more: row.more };
}

export interface InboxWorkerOptions {
  prisma: PrismaClient;
  deps: EngineDeps;
  sealer: Sealer;
  gateway: LineGateway;
  concurrency: number;
  loadingAfterMs: number;
  /** Called after an event's outbox rows are committed; `notifies` when it may have queued notifications too. */
  onCommitted: (what: { notifies: boolean }) => void;
}


export class InboxWorker {
  private readonly busy = new Set<string>();
  private pumping: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private readonly idleWaiters: (() => void)[] = [];

  constructor(private readonly o: InboxWorkerOptions) {}

  /** Keys with pending events not being drained yet: told by the webhook, or found by a look. */
  private readonly waiting = new Set<string>();
  private lookWanted = true;

  /** Looks through the inbox for work: the server started, the periodic tick, a test settling. */
  wake(): void {
    this.lookWanted = true;
    this.kick();
  }

  /**
   * These keys' events were just stored: drained without a look through the inbox. A key being
   * drained stays waiting and is drained again once that ends (its last look may have missed
   * the new event).
   */
  arrived(keys: readonly string[]): void {
    for (const k of keys) this.waiting.add(k);
    this.kick();
  }

  private kick(): void {
    if (this.stopped) return;
    if (this.pumping) {
      this.again = true;
      return;
    }
    // A failed look for work (the database is away) is logged; the periodic tick looks again.
    this.pumping = this.pump()
      .catch((err: unknown) => {
        this.again = false;
        this.lookWanted = true;
        log.error("inbox worker could not look for work", errorFields(err));
      })
      .finally(() => {
        this.pumping = null;
        if (this.again) {
          this.again = false;
          this.kick();
        } else if (this.busy.size === 0) {
          this.idleWaiters.splice(0).forEach((f) => f());
        }
      });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    while (this.pumping || this.busy.size > 0) await new Promise((r) => setTimeout(r, 10));
  }

  private async pump(): Promise<void> {
    if (this.o.concurrency - this.busy.size <= 0) return; // a finishing drain kicks again
    if (this.lookWanted) {
      this.lookWanted = false;
      const found = await this.o.prisma.$queryRaw<{ k: string }[]>`
        SELECT COALESCE("lineUserId", 'event:' || "webhookEventId") AS k, MIN(seq) AS s
        FROM "InboxEvent" WHERE status = 'pending'
        GROUP BY 1 ORDER BY s LIMIT 200`;
      for (const { k } of found) this.waiting.add(k);
    }
    for (const k of [...this.waiting]) {
      if (this.busy.size >= this.o.concurrency) break; // they stay waiting
      if (this.busy.has(k)) continue;
      this.waiting.delete(k);
      this.busy.add(k);
      void this.drain(k).then((outcome) => {
        this.busy.delete(k);
        // After an error the periodic tick looks again; kicking at once would spin on a broken database.
        if (outcome !== "error") this.kick();
        else if (this.busy.size === 0) this.idleWaiters.splice(0).forEach((f) => f());
      });
    }
  }

  /** Handles one resident's pending events, oldest first, until none is left. */
  private async drain(key: string): Promise<"empty" | "busy" | "error"> {
    for (;;) {
      if (this.stopped) return "busy";
      const outcome = await this.processNext(key).catch((err: unknown) => {
        log.error("inbox processing failed", errorFields(err));
        return "error" as const;
      });
      if (outcome === "last") return "empty";
      if (outcome !== "done") return outcome;
      // Let the requests that arrived meanwhile be read: the embedded database runs on this
      // thread, and a resident's backlog must not keep LINE's webhooks waiting for their 200.
      await nextTurn();
    }
  }

  /**
   * "last": done, and no later event of this key was pending when it was read. The profile
   * language is asked of LINE outside the transaction (a network call must not hold the lock and,
   * on the embedded database, the one connection): an event that needs it ends its transaction
   * unwritten, the language is fetched, and the event is taken again.
   */
  private async processNext(key: string, fetched: { webhookEventId: string; language: string | null } | null = null): Promise<"done" | "last" | "empty" | "busy" | "error"> {
    const { prisma, sealer, deps, gateway } = this.o;
    const isUser = !key.startsWith("event:");
    let head: Head | "busy" | null = null;
    let loading: NodeJS.Timeout | null = null;
    try {
      const outcome = await prisma.$transaction(
        async (tx): Promise<TxOutcome> => {
          const taken = await takeHead(tx, key);
          head = taken;
          if (taken === "busy" || taken === null) return taken ?? ("empty" as const);
          const event = LineEvent.parse(sealer.openJson(taken.payloadEnc));
          const input = classify(event);
          let profileLanguage: string | null = null;
          if (isUser && (input.kind === "follow" || !taken.known)) {
            if (fetched?.webhookEventId !== taken.webhookEventId) return { needsProfile: taken.webhookEventId };
            profileLanguage = fetched.language;
          }
          if (isUser && (input.kind === "text" || input.kind === "postback") && !loading) loading = this.startLoading(key);
          const writes = new DeferredWrites();
          const result = await handleResidentEvent(tx, deps, event, input, profileLanguage, taken.receivedAt, writes);
          // The inbox row's outcome goes in the same statement as the event's own closing writes.
          writes.add(Prisma.sql`
            UPDATE "InboxEvent" SET status = ${input.kind === "ignored" ? "ignored" : "done"}, "processedAt" = ${new Date()}::timestamp(3), "lastError" = NULL,
              "payloadEnc" = CASE WHEN ${isUser}::boolean THEN "payloadEnc" ELSE '' END
            WHERE "webhookEventId" = ${taken.webhookEventId}`);
          await writes.flush(tx);
          if (input.kind === "ignored") log.info("event ignored", { reason: input.reason });
          // Notifications are queued only where a referral is made or a resident writes to theirs.
          return { sent: result.outbox > 0, notifies: result.referralId !== null, ignored: input.kind === "ignored", more: taken.more };
        },
        { timeout: 30_000, maxWait: 30_000 },
      );
      if (outcome === "busy" || outcome === "empty") return outcome;
      if ("needsProfile" in outcome) {
        const language = await gateway.profileLanguage(key);
        return this.processNext(key, { webhookEventId: outcome.needsProfile, language });
      }
      metrics.inboxEvents.inc({ result: outcome.ignored ? "ignored" : "done" });
      if (outcome.sent || outcome.notifies) this.o.onCommitted({ notifies: outcome.notifies });
      // An event stored meanwhile wakes the worker, which finds this key again once the drain ends.
      return outcome.more ? "done" : "last";
    } catch (err) {
      const failed = head as Head | "busy" | null; // set inside the callback
      if (failed === null || failed === "busy") throw err;
      const attempts = failed.attempts + 1;
      await prisma.inboxEvent.update({
        where: { webhookEventId: failed.webhookEventId },
        data: { attempts, lastError: (err as Error).name, status: attempts >= MAX_ATTEMPTS ? "failed" : "pending" },
      });
      log.error("event failed", { attempts, ...errorFields(err) });
      metrics.inboxEvents.inc({ result: attempts >= MAX_ATTEMPTS ? "failed" : "retried" });
      // A poison event must not block the resident's later events forever.
      return attempts >= MAX_ATTEMPTS ? "done" : "error";
    } finally {
      if (loading) clearTimeout(loading);
    }
  }

  /** The typing indicator: at once, or after a delay (cleared when the answer is ready first). */
  private startLoading(lineUserId: string): NodeJS.Timeout | null {
    const { gateway, loadingAfterMs } = this.o;
    // With no delay the animation starts at once: the embedded database works on this thread and
    // a zero timer would not get its turn before the work is done.
    if (loadingAfterMs <= 0) {
      void gateway.showLoading(lineUserId, 5);
      return null;
    }
    return setTimeout(() => void gateway.showLoading(lineUserId, 5), loadingAfterMs);
  }

  /** Resolves when no event is being processed (for tests and graceful shutdown). */
  idle(): Promise<void> {
    if (!this.pumping && this.busy.size === 0) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }
}

