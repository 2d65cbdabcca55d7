// The inbox: every accepted webhook event is stored (sealed) before LINE gets its 200, keyed by
// webhookEventId so a redelivery or a repeat is a no-op.
//
// Under a burst, the webhooks that arrive together are stored with one statement (one batch at a
// time, the next gathering while the current one is written), through the database's priority
// lane: each request still gets its 200 only once its own events are committed.
import type { Database } from "../db/database.ts";
import type { Sealer } from "../db/crypto.ts";
import { minimise, type LineEvent } from "../line/events.ts";

// unnest keeps the batch's order (WITH ORDINALITY), so seq follows arrival; ON CONFLICT skips
// redeliveries, also a repeat within the same batch.
const INSERT_SQL = `
  INSERT INTO "InboxEvent" ("webhookEventId", "lineUserId", "sourceType", "eventType", "eventTimestamp", "payloadEnc")
  SELECT id, uid, st, et, ts, p
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::text[]) WITH ORDINALITY AS u(id, uid, st, et, ts, p, ord)
  ORDER BY ord
  ON CONFLICT ("webhookEventId") DO NOTHING
  RETURNING "webhookEventId"`;

/**
 * The inbox's unit of order: a resident's events go one at a time and in order; an event from
 * anywhere else (a group) stands alone. The worker's look through the inbox uses the same rule
 * (COALESCE("lineUserId", 'event:' || "webhookEventId")).
 */
export function inboxKey(e: LineEvent): string {
  const userId = lineUserIdOf(e);
  return userId ?? `event:${e.webhookEventId}`;
}

const lineUserIdOf = (e: LineEvent): string | null => (e.source?.type === "user" ? (e.source.userId ?? null) : null);

interface Row {
  webhookEventId: string;
  lineUserId: string | null;
  sourceType: string;
  eventType: string;
  eventTimestamp: string;
  payloadEnc: string;
}

interface Waiting {
  rows: Row[];
  resolve(stored: number): void;
  reject(err: unknown): void;
}

export class InboxWriter {
  private queue: Waiting[] = [];
  private writing = false;

  private readonly db: Pick<Database, "priorityQuery">;
  private readonly sealer: Sealer;

  constructor(db: Pick<Database, "priorityQuery">, sealer: Sealer) {
    this.db = db;
    this.sealer = sealer;
  }

  /** Stores the events; resolves with how many were new, once they are committed. */
  store(events: LineEvent[]): Promise<number> {
    if (events.length === 0) return Promise.resolve(0);
    const rows = events.map((e) => {
      const kept = minimise(e);
      return {
        webhookEventId: e.webhookEventId,
        lineUserId: lineUserIdOf(kept),
        sourceType: kept.source?.type ?? "none",
        eventType: kept.type,
        eventTimestamp: String(Math.trunc(kept.timestamp)),
        payloadEnc: this.sealer.sealJson(kept),
      };
    });
    return new Promise<number>((resolve, reject) => {
      this.queue.push({ rows, resolve, reject });
      // The requests read in this turn of the event loop join the same batch.
      if (!this.writing) {
        this.writing = true;
        setImmediate(() => void this.writeBatches());
      }
    });
  }

  private async writeBatches(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      const rows = batch.flatMap((w) => w.rows);
      try {
        const inserted = await this.db.priorityQuery<{ webhookEventId: string }>(INSERT_SQL, [
          rows.map((r) => r.webhookEventId),
          rows.map((r) => r.lineUserId),
          rows.map((r) => r.sourceType),
          rows.map((r) => r.eventType),
          rows.map((r) => r.eventTimestamp),
          rows.map((r) => r.payloadEnc),
        ]);
        // A repeated id counts once, for the first request that carried it.
        const isNew = new Set(inserted.map((r) => r.webhookEventId));
        for (const w of batch) {
          let stored = 0;
          for (const r of w.rows) if (isNew.delete(r.webhookEventId)) stored++;
          w.resolve(stored);
        }
      } catch (err) {
        // Nothing of the batch was stored (one statement): every request answers 503, LINE redelivers.
        for (const w of batch) w.reject(err);
      }
    }
    this.writing = false;
  }
}
