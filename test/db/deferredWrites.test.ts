// An event's closing writes go to the database as one statement (src/db/deferredWrites.ts).
import { describe, expect, it } from "vitest";
import { DeferredWrites } from "../../src/db/deferredWrites.ts";
import { Prisma } from "../../src/generated/prisma/client.ts";
import { useMigratedDatabase } from "../support/migratedDatabase.ts";

describe("DeferredWrites", { timeout: 120_000 }, () => {
  const t = useMigratedDatabase();

  /** Counts the statements a flush sends. */
  const counting = () => {
    const sent: string[] = [];
    return {
      sent,
      tx: {
        $executeRaw: (q: Prisma.Sql) => (sent.push(q.sql), t.db.prisma.$executeRaw(q)),
        $queryRaw: (q: Prisma.Sql) => (sent.push(q.sql), t.db.prisma.$queryRaw(q)),
      } as Pick<Prisma.TransactionClient, "$executeRaw" | "$queryRaw">,
    };
  };

  it("when several writes are gathered, then one statement writes them all, and the ones made late are made at the flush", async () => {
    const writes = new DeferredWrites();
    const late: string[] = [];
    writes.add(Prisma.sql`INSERT INTO "Resident" ("lineUserId", "updatedAt") VALUES (${"U-dw-1"}, now())`);
    writes.add(() => (late.length ? Prisma.sql`INSERT INTO "Resident" ("lineUserId", "updatedAt") VALUES (${late[0]}, now())` : null));
    writes.add(() => null);
    late.push("U-dw-2");
    const { sent, tx } = counting();
    await writes.flush(tx);
    expect(sent).toHaveLength(1);
    const ids = (await t.db.prisma.resident.findMany({ where: { lineUserId: { startsWith: "U-dw-" } } })).map((r) => r.lineUserId).sort();
    expect(ids).toEqual(["U-dw-1", "U-dw-2"]);
    // Flushed writes are not written again.
    await writes.flush(tx);
    expect(sent).toHaveLength(1);
  });

  it("when one of the writes fails, then none of them is written", async () => {
    const writes = new DeferredWrites();
    writes.add(Prisma.sql`INSERT INTO "Resident" ("lineUserId", "updatedAt") VALUES (${"U-dw-3"}, now())`);
    writes.add(Prisma.sql`INSERT INTO "Resident" ("lineUserId", "updatedAt") VALUES (${"U-dw-1"}, now())`); // exists already
    await expect(writes.flush(counting().tx)).rejects.toThrow();
    expect(await t.db.prisma.resident.count({ where: { lineUserId: "U-dw-3" } })).toBe(0);
  });

  it("when parts return rows, then the same one statement writes everything and returns their rows", async () => {
    const writes = new DeferredWrites();
    writes.add(Prisma.sql`INSERT INTO "Resident" ("lineUserId", "updatedAt") VALUES (${"U-dw-4"}, now())`);
    writes.addReturning(Prisma.sql`INSERT INTO "Resident" ("lineUserId", "updatedAt") VALUES (${"U-dw-5"}, now()) RETURNING "lineUserId"`);
    writes.addReturning(Prisma.sql`INSERT INTO "Resident" ("lineUserId", "updatedAt") VALUES (${"U-dw-6"}, now()) RETURNING "lineUserId"`);
    const { sent, tx } = counting();
    const rows = await writes.flush<{ lineUserId: string }>(tx);
    expect(sent).toHaveLength(1);
    expect(rows.map((r) => r.lineUserId).sort()).toEqual(["U-dw-5", "U-dw-6"]);
    expect(await t.db.prisma.resident.count({ where: { lineUserId: { in: ["U-dw-4", "U-dw-5", "U-dw-6"] } } })).toBe(3);
  });
});
