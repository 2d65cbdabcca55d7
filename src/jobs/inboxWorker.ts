// Processes the inbox: each resident's events strictly in order and never two at once, different
// residents in parallel. The per-resident order holds across instances too: events are taken
// under a transaction-scoped advisory lock on the resident, their rows locked FOR UPDATE. A
// resident's waiting events (a burst) go in one transaction, each with its own closing writes.
import { setImmediate as nextTurn } from "node:timers/promises";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { DeferredWrites } from "../db/deferredWrites.ts";
import type { PriorityLane } from "../db/priorityLane.ts";
import type { ClaimedRow } from "./outboxClaim.ts";
import type { OutboxSender } from "./outboxSender.ts";
import type { Sealer } from "../db/crypto.ts";
import { classify, LineEvent } from "../line/events.ts";
import type { LineGateway } from "../line/gateway.ts";
import { handleResidentEvent, type EngineDeps } from "../engine/handleEvent.ts";
import { errorFields, log } from "../log.ts";
import { metrics } from "../metrics.ts";

const MAX_ATTEMPTS = 5;

type TxOutcome =
  | "busy"
  | "empty"
  | { needsProfile: string }
  | { events: number; ignored: number; sent: boolean; notifies: boolean; more: boolean };

/** A pending event, taken under the key's lock. */
interface Taken {
  webhookEventId: string;
  payloadEnc: string;
  attempts: number;
  receivedAt: Date;
}

interface Heads {
  rows: Taken[];
  /** The resident has a row already (else LINE is asked for the profile's language). */
  known: boolean;
  /** Another event of the key is pending beyond these (saves a look when there is none). */
  more: boolean;
}

/**
 * In one statement: the key's transaction-scoped advisory lock (another instance holding it:
 * "busy") and, under it, the key's oldest pending events, their rows locked. No SKIP LOCKED here:
 * the advisory lock already keeps other workers off the key, and skipping a row locked for a
 * moment (a failed attempt being recorded) would let the event after it overtake it.
 */
async function takeHeads(tx: Prisma.TransactionClient, key: string, limit: number): Promise<Heads | "busy" | null> {
  const byKey = key.startsWith("event:")
    ? Prisma.sql`e."webhookEventId" = ${key.slice(6)}`
    : Prisma.sql`e."lineUserId" = ${key}`;
  const rows = await tx.$queryRaw<({ [K in keyof Taken]: Taken[K] | null } & { locked: boolean; known: boolean; more: boolean })[]>`
    WITH l AS (SELECT pg_try_advisory_xact_lock(hashtext(${key})) AS locked),
    h AS (
      SELECT e."webhookEventId", e."payloadEnc", e.attempts, e."receivedAt", e."eventTimestamp", e.seq FROM "InboxEvent" e, l
      WHERE l.locked AND ${byKey} AND e.status = 'pending'
      ORDER BY e."eventTimestamp", e.seq LIMIT ${limit}::int FOR UPDATE OF e)
    SELECT l.locked, h."webhookEventId", h."payloadEnc", h.attempts, h."receivedAt",
      EXISTS (SELECT 1 FROM "Resident" r WHERE r."lineUserId" = ${key}) AS known,
      EXISTS (SELECT 1 FROM "InboxEvent" e WHERE ${byKey} AND e.status = 'pending' AND e."webhookEventId" NOT IN (SELECT "webhookEventId" FROM h)) AS more
    FROM l LEFT JOIN h ON true
    ORDER BY h."eventTimestamp", h.seq`;
  const first = rows[0];
  if (!first?.locked) return "busy";
  if (first.webhookEventId === null) return null;
  return {
    rows: rows.map((r) => ({ webhookEventId: r.webhookEventId!, payloadEnc: r.payloadEnc!, attempts: Number(r.attempts), receivedAt: r.receivedAt! })),
    known: first.known,
    more: first.more,
  };
}

export interface InboxWorkerOptions {
  prisma: PrismaClient;
  deps: EngineDeps;
  sealer: Sealer;
  gateway: LineGateway;
  concurrency: number;
  loadingAfterMs: number;
  /**
   * A resident's waiting events taken in one transaction, at most: one lock, one look, one commit
   * for a burst of their messages (config INBOX_BATCH_MAX).
   */
  batchMax: number;
  /** Webhook requests in hand: the worker waits for them before each transaction. */
  webhooksFirst?: PriorityLane;
  /**
   * The outbox sender, for the rows the worker claims for it as it writes them (one statement
   * less per event): a slot is taken before each event and the claimed row adopted after commit.
   */
  outbox?: Pick<OutboxSender, "takeSlot" | "adopt" | "giveBack">;
  /**
   * Called after the transaction committed: `sent` when it left outbox rows for the sender to
   * claim, `notifies` when it may have queued notifications.
   */
  onCommitted: (what: { sent: boolean; notifies: boolean }) => void;
}


export class InboxWorker {
  private readonly busy = new Set<string>();
  private pumping: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private readonly idleWaiters: (() => void)[] = [];

  private readonly o: InboxWorkerOptions;

  constructor(o: InboxWorkerOptions) {
    this.o = o;
  }

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
   * Takes the key's oldest pending events (up to `batchMax`) and handles them in order in one
   * transaction, each with its own closing writes. "last": done, and no later event of this key
   * was pending when they were read. The profile language is asked of LINE outside the
   * transaction (a network call must not hold the lock and, on the embedded database, the one
   * connection): an event that needs it ends the batch before it; if it is the first, the
   * transaction ends unwritten, the language is fetched, and the event is taken again.
   */
  private async processNext(
    key: string,
    batchMax = this.o.batchMax,
    fetched: { webhookEventId: string; language: string | null } | null = null,
  ): Promise<"done" | "last" | "empty" | "busy" | "error"> {
    const { prisma, sealer, deps, gateway } = this.o;
    const isUser = !key.startsWith("event:");
    // The event being handled when something throws, and how many before it in the batch.
    let current: Taken | null = null;
    let before = 0;
    let loading: NodeJS.Timeout | null = null;
    let loadingStarted = false;
    // Slots taken from the outbox sender, and the rows claimed for them (given over after commit).
    let slots = 0;
    const claimed: ClaimedRow[] = [];
    try {
      const clear = this.o.webhooksFirst?.whenClear();
      if (clear) await clear;
      const outcome = await prisma.$transaction(
        async (tx): Promise<TxOutcome> => {
          const heads = await takeHeads(tx, key, batchMax);
          if (heads === "busy" || heads === null) return heads ?? ("empty" as const);
          let known = heads.known;
          const done = { events: 0, ignored: 0, sent: false, notifies: false, more: heads.more };
          for (const [i, row] of heads.rows.entries()) {
            current = row;
            before = i;
            const event = LineEvent.parse(sealer.openJson(row.payloadEnc));
            const input = classify(event);
            let profileLanguage: string | null = null;
            if (isUser && (input.kind === "follow" || !known)) {
              if (fetched?.webhookEventId !== row.webhookEventId) {
                if (i === 0) return { needsProfile: row.webhookEventId };
                done.more = true; // this one next, after the language is fetched
                break;
              }
              profileLanguage = fetched.language;
            }
            if (isUser && (input.kind === "text" || input.kind === "postback") && !loadingStarted) {
              loadingStarted = true;
              loading = this.startLoading(key);
            }
            const handover = isUser ? (this.o.outbox?.takeSlot() ?? null) : null;
            if (handover) slots++;
            const writes = new DeferredWrites(handover);
            const result = await handleResidentEvent(tx, deps, event, input, profileLanguage, row.receivedAt, writes);
            // The inbox row's outcome goes in the same statement as the event's own closing writes.
            writes.add(Prisma.sql`
              UPDATE "InboxEvent" SET status = ${input.kind === "ignored" ? "ignored" : "done"}, "processedAt" = ${new Date()}::timestamp(3), "lastError" = NULL,
                "payloadEnc" = CASE WHEN ${isUser}::boolean THEN "payloadEnc" ELSE '' END
              WHERE "webhookEventId" = ${row.webhookEventId}`);
            const written = await writes.flush<ClaimedRow & { status: string }>(tx);
            const mine = written.filter((r) => r.status === "sending");
            claimed.push(...mine);
            if (isUser && input.kind !== "ignored" && input.kind !== "group") known = true;
            if (input.kind === "ignored") log.info("event ignored", { reason: input.reason });
            done.events++;
            if (input.kind === "ignored") done.ignored++;
            done.sent ||= result.outbox > 0;
            // Notifications are queued only where a referral is made or a resident writes to theirs.
            done.notifies ||= result.referralId !== null;
          }
          return done;
        },
        { timeout: 30_000, maxWait: 30_000 },
      );
      // Committed: the claimed rows are the sender's now; unused slots go back.
      const adopted = claimed.length;
      for (const row of claimed) this.o.outbox!.adopt(row);
      for (let i = adopted; i < slots; i++) this.o.outbox!.giveBack();
      slots = 0;
      claimed.length = 0;
      if (outcome === "busy" || outcome === "empty") return outcome;
      if ("needsProfile" in outcome) {
        const language = await gateway.profileLanguage(key);
        return this.processNext(key, batchMax, { webhookEventId: outcome.needsProfile, language });
      }
      if (outcome.ignored > 0) metrics.inboxEvents.inc({ result: "ignored" }, outcome.ignored);
      if (outcome.events > outcome.ignored) metrics.inboxEvents.inc({ result: "done" }, outcome.events - outcome.ignored);
      // The sender claims what was written unless a row of this resident was claimed here: the
      // rest wait behind that one and go when it is settled (its settling claims what is due).
      const sent = outcome.sent && adopted === 0;
      if (sent || outcome.notifies) this.o.onCommitted({ sent, notifies: outcome.notifies });
      // An event stored meanwhile wakes the worker, which finds this key again once the drain ends.
      return outcome.more ? "done" : "last";
    } catch (err) {
      // Nothing was committed: nothing claimed is sent, every slot goes back.
      for (let i = 0; i < slots; i++) this.o.outbox!.giveBack();
      slots = 0;
      claimed.length = 0;
      const failed = current as Taken | null; // set inside the callback
      if (failed === null) throw err;
      // Nothing of the batch was written. The events before the failing one are not at fault:
      // they are taken again one at a time, and only an event that fails alone counts an attempt.
      if (before > 0) {
        log.warn("inbox batch failed; taking its events one at a time", { before, ...errorFields(err) });
        return this.processNext(key, 1);
      }
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

