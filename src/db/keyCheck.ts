// A check at start that the data key opens what the database already holds. Two instances with
// different keys on one database would otherwise both look healthy while neither can read the
// other's events ("cannot open sealed value", retried, then failed): refuse to start instead.
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { Sealer } from "./crypto.ts";

const KNOWN = "tsunagu data key check v1";

export class DataKeyMismatchError extends Error {
  constructor() {
    super(
      "The data key (DATA_ENCRYPTION_KEY, or DATA_DIR/data.key when it is unset) cannot open the data this database already holds: start with the key the database was created with",
    );
    this.name = "DataKeyMismatchError";
  }
}

function opens(sealer: Sealer, sealed: string): boolean {
  try {
    sealer.open(sealed);
    return true;
  } catch {
    return false;
  }
}

/** Throws DataKeyMismatchError when the key is not the database's; stores the check on first start. */
export async function checkDataKey(prisma: PrismaClient, sealer: Sealer): Promise<void> {
  const row = await prisma.keyCheck.findUnique({ where: { id: 1 } });
  if (row) {
    if (!opens(sealer, row.sealed)) throw new DataKeyMismatchError();
    return;
  }
  // A database from before this check: whatever is already sealed there must open.
  const samples = await prisma.$queryRaw<{ v: string }[]>`
    (SELECT "payloadEnc" AS v FROM "InboxEvent" WHERE "payloadEnc" <> '' ORDER BY seq DESC LIMIT 1)
    UNION ALL (SELECT "payloadEnc" AS v FROM "OutboxMessage" ORDER BY id DESC LIMIT 1)
    UNION ALL (SELECT "snapshotEnc" AS v FROM "Conversation" LIMIT 1)`;
  if (samples.some((s) => !opens(sealer, s.v))) throw new DataKeyMismatchError();
  // Two first starts at once: one row wins, and the loser checks its key against the winner's.
  await prisma.keyCheck.createMany({ data: [{ id: 1, sealed: sealer.seal(KNOWN) }], skipDuplicates: true });
  const stored = await prisma.keyCheck.findUniqueOrThrow({ where: { id: 1 } });
  if (!opens(sealer, stored.sealed)) throw new DataKeyMismatchError();
}
