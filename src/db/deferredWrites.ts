// The writes a transaction ends with, gathered while it works and sent as ONE statement (each a
// data-modifying CTE). A statement costs far more in Prisma's client and the driver than in the
// database (docs/performance.md), so an event's closing writes (its conversation, transcript,
// outbox rows, analytics and inbox row) go together.
//
// The rule for a part: it must not need another part's effect. PostgreSQL runs them on one
// snapshot, in no stated order, and a row may be changed by one part only.
import { Prisma } from "../generated/prisma/client.ts";
import type { OutboxHandover } from "../jobs/outboxClaim.ts";

type Tx = Pick<Prisma.TransactionClient, "$executeRaw" | "$queryRaw">;
type Part = Prisma.Sql | (() => Prisma.Sql | null);

export class DeferredWrites {
  private parts: Part[] = [];
  private returning: Prisma.Sql[] = [];

  /**
   * With terms, the first row of the answer is claimed for the outbox sender as it is written
   * (OutboxSender.takeSlot); the flush returns what was claimed.
   */
  readonly handover: OutboxHandover | null;

  constructor(handover: OutboxHandover | null = null) {
    this.handover = handover;
  }

  /**
   * One INSERT, UPDATE or DELETE (no RETURNING needed), run when the writes are flushed; or a
   * function that makes it then (null: nothing to write), for rows that grow until the end.
   */
  add(statement: Part): void {
    this.parts.push(statement);
  }

  /** A part whose RETURNING rows the flush returns (every such part returns the same columns). */
  addReturning(statement: Prisma.Sql): void {
    this.returning.push(statement);
  }

  /** Runs the parts gathered so far as one statement; a failure fails the transaction. */
  async flush<R = never>(tx: Tx): Promise<R[]> {
    const parts = this.parts.flatMap((p) => (typeof p === "function" ? (p() ?? []) : [p]));
    const returning = this.returning;
    this.parts = [];
    this.returning = [];
    const all = [...parts, ...returning];
    if (all.length === 0) return [];
    if (all.length === 1 && returning.length === 0) {
      await tx.$executeRaw(all[0]!);
      return [];
    }
    const name = (i: number) => Prisma.raw(`w${i}`);
    const ctes = all.map((p, i) => Prisma.sql`${name(i)} AS (${p})`);
    if (returning.length === 0) {
      await tx.$executeRaw(Prisma.sql`WITH ${Prisma.join(ctes, ", ")} SELECT 1`);
      return [];
    }
    const results = returning.map((_, i) => Prisma.sql`SELECT * FROM ${name(parts.length + i)}`);
    return tx.$queryRaw<R[]>(Prisma.sql`WITH ${Prisma.join(ctes, ", ")} ${Prisma.join(results, " UNION ALL ")}`);
  }
}
