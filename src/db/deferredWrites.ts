// The writes a transaction ends with, gathered while it works and sent as ONE statement (each a
// data-modifying CTE). A statement costs far more in Prisma's client and the driver than in the
// database (docs/performance.md), so an event's closing writes (its conversation, transcript,
// outbox rows, analytics and inbox row) go together.
//
// The rule for a part: it must not need another part's effect. PostgreSQL runs them on one
// snapshot, in no stated order, and a row may be changed by one part only.
import { Prisma } from "../generated/prisma/client.ts";

type Tx = Pick<Prisma.TransactionClient, "$executeRaw">;
type Part = Prisma.Sql | (() => Prisma.Sql | null);

export class DeferredWrites {
  private parts: Part[] = [];

  /**
   * One INSERT, UPDATE or DELETE (no RETURNING needed), run when the writes are flushed; or a
   * function that makes it then (null: nothing to write), for rows that grow until the end.
   */
  add(statement: Part): void {
    this.parts.push(statement);
  }

  /** Runs the parts gathered so far as one statement; a failure fails the transaction. */
  async flush(tx: Tx): Promise<void> {
    const parts = this.parts.flatMap((p) => (typeof p === "function" ? (p() ?? []) : [p]));
    this.parts = [];
    if (parts.length === 0) return;
    if (parts.length === 1) {
      await tx.$executeRaw(parts[0]!);
      return;
    }
    const ctes = parts.map((p, i) => Prisma.sql`${Prisma.raw(`w${i}`)} AS (${p})`);
    await tx.$executeRaw(Prisma.sql`WITH ${Prisma.join(ctes, ", ")} SELECT 1`);
  }
}
