// Named prepared statements on PostgreSQL (src/db/preparedStatements.ts): a name must always stand
// for one text (pg refuses a name reused for another), and the number of names is bounded.
import { describe, expect, it } from "vitest";
import { statementNames } from "../../src/db/preparedStatements.ts";
import { useMigratedDatabase } from "../support/migratedDatabase.ts";

describe("statement names", () => {
  it("when the same text comes again, then it gets the same name, and another text another name", () => {
    const name = statementNames();
    const a = name({ sql: "SELECT $1" });
    const b = name({ sql: "SELECT $1, $2" });
    expect(a).not.toBe("");
    expect(b).not.toBe("");
    expect(b).not.toBe(a);
    expect(name({ sql: "SELECT $1" })).toBe(a);
  });

  it("when the bound is reached, then new texts go unnamed and the named ones keep their names", () => {
    const name = statementNames(2);
    const a = name({ sql: "A" });
    const b = name({ sql: "B" });
    expect(name({ sql: "C" })).toBe("");
    expect(name({ sql: "A" })).toBe(a);
    expect(name({ sql: "B" })).toBe(b);
  });
});

describe("prepared statements on the database", { timeout: 120_000 }, () => {
  const migrated = useMigratedDatabase();

  it("when a statement is sent twice on one connection, then PostgreSQL keeps it prepared, and the embedded database prepares nothing", async () => {
    const { prisma, kind } = migrated.db;
    const prepared = await prisma.$transaction(async (tx) => {
      for (let i = 0; i < 2; i++) await tx.$queryRaw`SELECT count(*) FROM "Resident" WHERE "lineUserId" = ${`U-${i}`}`;
      return tx.$queryRaw<{ name: string; statement: string }[]>`SELECT name, statement FROM pg_prepared_statements`;
    });
    const resident = prepared.filter((p) => p.statement.includes(`FROM "Resident"`));
    expect(resident).toHaveLength(kind === "postgres" ? 1 : 0);
  });
});
