// The writes an event ends with, queued on the transaction's DeferredWrites (one statement for
// all of them): the conversation's new state, the transcript (what came in and what goes out, one
// INSERT), the outbox rows. Each builds its SQL from values only (tagged templates).
import { randomUUID } from "node:crypto";
import type { messagingApi } from "@line/bot-sdk";
import { Prisma } from "../generated/prisma/client.ts";
import type { DeferredWrites } from "../db/deferredWrites.ts";
import type { Sealer } from "../db/crypto.ts";
import { LINE_LIMITS } from "../line/limits.ts";
import { firstAttemptVia, tokenFresh } from "../jobs/outboxClaim.ts";

type Tx = Prisma.TransactionClient;

interface TranscriptRow {
  conversationId: string | null;
  lineUserId: string;
  direction: "in" | "out";
  kind: string;
  contentEnc: string;
  language: string | null;
}

/**
 * The event's transcript entries. What the resident sent is written with the bot's answer, in
 * one INSERT at the end (in first, so the ids keep the order), unless something must refer to it
 * earlier (a crisis signal, a message to staff): then it is written at once.
 */
export class Transcript {
  private inbound: TranscriptRow | null = null;
  private inboundId: bigint | null = null;
  private readonly outbound: TranscriptRow[] = [];

  private readonly tx: Tx;

  constructor(tx: Tx, writes: DeferredWrites) {
    this.tx = tx;
    writes.add(() => this.insert());
  }

  received(row: Omit<TranscriptRow, "direction">): void {
    this.inbound = { ...row, direction: "in" };
  }

  /** The id of what the resident sent (written now if it was not yet); null when nothing came in. */
  async idOfReceived(): Promise<bigint | null> {
    if (this.inbound) {
      this.inboundId = (await this.tx.transcriptEntry.create({ data: this.inbound })).id;
      this.inbound = null;
    }
    return this.inboundId;
  }

  /** What the resident sent belongs to this conversation. */
  async attachReceived(conversationId: string): Promise<void> {
    if (this.inbound) this.inbound.conversationId = conversationId;
    else if (this.inboundId !== null) await this.tx.transcriptEntry.update({ where: { id: this.inboundId }, data: { conversationId } });
  }

  sent(row: Omit<TranscriptRow, "direction">): void {
    this.outbound.push({ ...row, direction: "out" });
  }

  private insert(): Prisma.Sql | null {
    const rows = [...(this.inbound ? [this.inbound] : []), ...this.outbound];
    if (rows.length === 0) return null;
    const values = rows.map((r) => Prisma.sql`(${r.conversationId}::uuid, ${r.lineUserId}, ${r.direction}, ${r.kind}, ${r.contentEnc}, ${r.language}::text)`);
    return Prisma.sql`
      INSERT INTO "TranscriptEntry" ("conversationId", "lineUserId", direction, kind, "contentEnc", language)
      VALUES ${Prisma.join(values)}`;
  }
}

/**
 * The messages for LINE, at most five per request: the first row carries the reply token, the
 * rest go as pushes. Returns the number of rows.
 */
export function queueMessages(
  writes: DeferredWrites,
  sealer: Sealer,
  m: { lineUserId: string; conversationId: string | null; replyToken: string | null; receivedAt: Date; messages: messagingApi.Message[] },
): number {
  // nextAttemptAt and createdAt are the database's now(): the sender compares with its clock.
  const values: Prisma.Sql[] = [];
  for (let i = 0; i < m.messages.length; i += LINE_LIMITS.messagesPerRequest) {
    const chunk = m.messages.slice(i, i + LINE_LIMITS.messagesPerRequest);
    const token = i === 0 ? m.replyToken : null;
    values.push(
      Prisma.sql`(${m.lineUserId}, ${m.conversationId}::text, ${token}::text, ${token ? m.receivedAt : null}::timestamp(3), ${sealer.sealJson(chunk)}, ${randomUUID()}::uuid, ${values.length + 1}::int)`,
    );
  }
  if (values.length === 0) return 0;
  const h = writes.handover;
  if (!h || m.lineUserId === "") {
    writes.add(Prisma.sql`
      INSERT INTO "OutboxMessage" ("lineUserId", "conversationId", "replyToken", "replyTokenAt", "payloadEnc", "retryKey")
      SELECT uid, cid, token, "tokenAt", payload, retry
      FROM (VALUES ${Prisma.join(values)}) AS v(uid, cid, token, "tokenAt", payload, retry, ord) ORDER BY ord`);
    return values.length;
  }
  // Handed over (OutboxSender.takeSlot): the first row is claimed as it is written, with the
  // sender's lease and first-attempt rule, unless an older row of the resident is still to go;
  // the rest wait behind it as usual. The rows come back; the worker gives the claimed one to
  // the sender once the transaction has committed.
  writes.addReturning(Prisma.sql`
    INSERT INTO "OutboxMessage" ("lineUserId", "conversationId", "replyToken", "replyTokenAt", "payloadEnc", "retryKey",
      status, attempts, "claimedBy", "nextAttemptAt", "attemptVia")
    SELECT v.uid, v.cid, v.token, v."tokenAt", v.payload, v.retry,
      CASE WHEN c.go THEN 'sending' ELSE 'pending' END, CASE WHEN c.go THEN 1 ELSE 0 END,
      CASE WHEN c.go THEN ${h.instanceId}::text END,
      CASE WHEN c.go THEN now() + make_interval(secs => ${h.leaseSeconds}) ELSE now() END,
      CASE WHEN c.go THEN ${firstAttemptVia(Prisma.sql`v.token`, Prisma.sql`v."tokenAt"`, h.ttlSeconds)} END
    FROM (VALUES ${Prisma.join(values)}) AS v(uid, cid, token, "tokenAt", payload, retry, ord)
    CROSS JOIN LATERAL (SELECT v.ord = 1 AND NOT EXISTS (
      SELECT 1 FROM "OutboxMessage" p WHERE p."lineUserId" = v.uid AND p.status IN ('pending', 'sending')) AS go) c
    ORDER BY v.ord
    RETURNING id, "lineUserId", "replyToken", "replyTokenAt", "payloadEnc", attempts, "retryKey", "attemptVia",
      NULL::text AS "prevAttemptVia", ${tokenFresh(Prisma.sql`"replyTokenAt"`, h.ttlSeconds)} AS "tokenFresh", status`);
  return values.length;
}

/** The conversation's new snapshot and standing after the event. */
export function saveConversation(
  writes: DeferredWrites,
  c: { id: string; snapshotEnc: string; language: string; at: Date; completed: boolean; flowId: string; flowVersion: number },
): void {
  writes.add(Prisma.sql`
    UPDATE "Conversation" SET "snapshotEnc" = ${c.snapshotEnc}, language = ${c.language}, "lastActivityAt" = ${c.at}::timestamp(3),
      status = ${c.completed ? "completed" : "active"}, "endedAt" = CASE WHEN ${c.completed}::boolean THEN ${c.at}::timestamp(3) ELSE "endedAt" END,
      "flowId" = ${c.flowId}, "flowVersion" = ${c.flowVersion}::int, "updatedAt" = ${new Date()}::timestamp(3)
    WHERE id = ${c.id}::uuid`);
}
