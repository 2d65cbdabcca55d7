// Processes the inbox: each resident's events strictly in order and never two at once, different
// residents in parallel. The per-resident order holds across instances too: an event is taken
// under a transaction-scoped advisory lock on the resident and FOR UPDATE SKIP LOCKED.
import { setImmediate as nextTurn } from "node:timers/promises";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { Sealer } from "../db/crypto.ts";
import { classify, LineEvent } from "../line/events.ts";
import type { LineGateway } from "../line/gateway.ts";
import { handleResidentEvent, type EngineDeps } from "../engine/handleEvent.ts";
import { errorFields, log } from "../log.ts";
import { metrics } from "../metrics.ts";

const MAX_ATTEMPTS = 5;
/** Residents known to have a row, so that their next events skip the look-up (bounded memory). */
const KNOWN_RESIDENTS_MAX = 10_000;

interface PendingRow {
  webhookEventId: string;
  lineUserId: string | null;
  payloadEnc: string;
  attempts: number;
  receivedAt: Date;
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
  private readonly knownResidents = new Set<string>();

  constructor(private readonly o: InboxWorkerOptions) {}

  /** New events arrived (or the server started): look for work. */
  wake(): void {
    if (this.stopped) return;
    if (this.pumping) {
      this.again = true;
      return;
    }
    // A failed look for work (the database is away) is logged; the periodic tick looks again.
    this.pumping = this.pump()
      .catch((err: unknown) => {
        this.again = false;
        log.error("inbox worker could not look for work", errorFields(err));
      })
      .finally(() => {
        this.pumping = null;
        if (this.again) {
          this.again = false;
          this.wake();
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
    const free = this.o.concurrency - this.busy.size;
    if (free <= 0) return;
    const keys = await this.o.prisma.$queryRaw<{ k: string }[]>`
      SELECT COALESCE("lineUserId", 'event:' || "webhookEventId") AS k, MIN(seq) AS s
      FROM "InboxEvent" WHERE status = 'pending'
      GROUP BY 1 ORDER BY s LIMIT 200`;
    for (const { k } of keys) {
      if (this.busy.size >= this.o.concurrency) {
        this.again = true;
        break;
      }
      if (this.busy.has(k)) continue;
      this.busy.add(k);
      void this.drain(k).then((outcome) => {
        this.busy.delete(k);
        // After an error the periodic tick retries; waking at once would spin on a broken database.
        if (outcome !== "error") this.wake();
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

  /** "last": done, and no later event of this key was pending when it was read. */
  private async processNext(key: string): Promise<"done" | "last" | "empty" | "busy" | "error"> {
    const { prisma, sealer, deps, gateway } = this.o;
    const isUser = !key.startsWith("event:");
    const [head, following] = await this.nextRows(key);
    if (!head) return "empty";
    const event = LineEvent.parse(sealer.openJson(head.payloadEnc));
    const input = classify(event);
    // I/O before the transaction: the profile language (a first guess) and the typing indicator.
    let profileLanguage: string | null = null;
    if (isUser && (input.kind === "follow" || !(await this.residentExists(key)))) {
      profileLanguage = await gateway.profileLanguage(key);
    }
    const wantsLoading = isUser && (input.kind === "text" || input.kind === "postback");
    // With no delay the animation starts at once: the embedded database works on this thread and
    // a zero timer would not get its turn before the work is done.
    if (wantsLoading && this.o.loadingAfterMs <= 0) void gateway.showLoading(key, 5);
    const loading = wantsLoading && this.o.loadingAfterMs > 0 ? setTimeout(() => void gateway.showLoading(key, 5), this.o.loadingAfterMs) : null;
    try {
      const outcome = await prisma.$transaction(
        async (tx) => {
          const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(hashtext(${key})) AS locked`;
          if (!lock?.locked) return "busy" as const;
          const rows = await tx.$queryRaw<PendingRow[]>`
            SELECT "webhookEventId" FROM "InboxEvent"
            WHERE "webhookEventId" = ${head.webhookEventId} AND status = 'pending' FOR UPDATE SKIP LOCKED`;
          if (rows.length === 0) return "busy" as const;
          const result = await handleResidentEvent(tx, deps, event, input, profileLanguage, head.receivedAt);
          await tx.inboxEvent.update({
            where: { webhookEventId: head.webhookEventId },
            data: { status: input.kind === "ignored" ? "ignored" : "done", processedAt: new Date(), lastError: null, ...(isUser ? {} : { payloadEnc: "" }) },
          });
          if (input.kind === "ignored") log.info("event ignored", { reason: input.reason });
          // Notifications are queued only where a referral is made or a resident writes to theirs.
          return { sent: result.outbox > 0, notifies: result.referralId !== null };
        },
        { timeout: 30_000, maxWait: 30_000 },
      );
      if (outcome === "busy") return "busy";
      metrics.inboxEvents.inc({ result: input.kind === "ignored" ? "ignored" : "done" });
      if (outcome.sent || outcome.notifies) this.o.onCommitted({ notifies: outcome.notifies });
      // An event stored meanwhile wakes the worker, which finds this key again once the drain ends.
      return following ? "done" : "last";
    } catch (err) {
      const attempts = head.attempts + 1;
      await prisma.inboxEvent.update({
        where: { webhookEventId: head.webhookEventId },
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

  /** A first guess only (the profile language): a resident deleted meanwhile is merely not asked again. */
  private async residentExists(lineUserId: string): Promise<boolean> {
    if (this.knownResidents.has(lineUserId)) return true;
    const found = await this.o.prisma.resident.findUnique({ where: { lineUserId }, select: { lineUserId: true } });
    if (!found) return false;
    if (this.knownResidents.size >= KNOWN_RESIDENTS_MAX) this.knownResidents.clear();
    this.knownResidents.add(lineUserId);
    return true;
  }

  /** The key's oldest pending event and the one after it, if any (saves a look when there is none). */
  private async nextRows(key: string): Promise<PendingRow[]> {
    const rows = key.startsWith("event:")
      ? await this.o.prisma.$queryRaw<PendingRow[]>`
          SELECT "webhookEventId", "lineUserId", "payloadEnc", attempts, "receivedAt" FROM "InboxEvent"
          WHERE "webhookEventId" = ${key.slice(6)} AND status = 'pending'`
      : await this.o.prisma.$queryRaw<PendingRow[]>`
          SELECT "webhookEventId", "lineUserId", "payloadEnc", attempts, "receivedAt" FROM "InboxEvent"
          WHERE "lineUserId" = ${key} AND status = 'pending' ORDER BY "eventTimestamp", seq LIMIT 2`;
    return rows;
  }

  /** Resolves when no event is being processed (for tests and graceful shutdown). */
  idle(): Promise<void> {
    if (!this.pumping && this.busy.size === 0) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }
}

