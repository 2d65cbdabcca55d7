// What a claim of an outbox row is, shared by the outbox sender (which claims due rows) and the
// inbox worker (which claims the first row of an answer as it writes it, for the sender).
import { Prisma } from "../generated/prisma/client.ts";

/** A row claimed for sending: what the attempt needs. */
export interface ClaimedRow {
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

/** The reply token is still fresh enough to reply with (by the database's clock). */
export const tokenFresh = (tokenAt: Prisma.Sql, ttlSeconds: number) =>
  Prisma.sql`(${tokenAt} IS NOT NULL AND ${tokenAt} > now() - make_interval(secs => ${ttlSeconds}))`;

/** How a row's first attempt goes out: a reply while its token is fresh, else a push. */
export const firstAttemptVia = (token: Prisma.Sql, tokenAt: Prisma.Sql, ttlSeconds: number) =>
  Prisma.sql`CASE WHEN ${token} IS NOT NULL AND ${tokenFresh(tokenAt, ttlSeconds)} THEN 'reply' ELSE 'push' END`;

/**
 * What the inbox worker needs to claim the first row of an event's answer itself, in the
 * statement that writes it (see OutboxSender.takeSlot): the same lease and rule as a claim.
 */
export interface OutboxHandover {
  instanceId: string;
  leaseSeconds: number;
  ttlSeconds: number;
}
