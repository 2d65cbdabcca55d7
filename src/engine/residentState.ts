// Who is writing and where their consultation stands, in one statement: the resident's row made
// or brought up to date (a follow, an unfollow, a first guess at the language), and their open
// conversation. Prisma's upsert alone was three statements, and the conversation a fourth.
import { Prisma } from "../generated/prisma/client.ts";

type Tx = Pick<Prisma.TransactionClient, "$queryRaw">;

export interface OpenConversation {
  id: string;
  status: string;
  flowId: string;
  flowVersion: number;
  snapshotEnc: string;
  language: string | null;
  lastActivityAt: Date;
}

export interface ResidentState {
  profileLanguage: string | null;
  /** The newest active or paused conversation, if any. */
  conversation: OpenConversation | null;
}

interface Row {
  written: boolean;
  writtenLanguage: string | null;
  storedLanguage: string | null;
  id: string | null;
  status: string | null;
  flowId: string | null;
  flowVersion: number | null;
  snapshotEnc: string | null;
  language: string | null;
  lastActivityAt: Date | null;
}

export async function loadResidentState(
  tx: Tx,
  r: {
    lineUserId: string;
    /** Set on a follow (true) or an unfollow (false); null leaves it. */
    followed: boolean | null;
    /** The LINE profile's language when it was asked for; null leaves what is stored. */
    profileLanguage: string | null;
    now: Date;
  },
): Promise<ResidentState> {
  // The update only runs (and so only touches updatedAt) when there is something to set, as
  // Prisma's upsert did. A row it did not write is read from the statement's snapshot, which
  // holds it: only this resident's worker, under the resident's advisory lock, creates it.
  const [row] = await tx.$queryRaw<Row[]>`
    WITH up AS (
      INSERT INTO "Resident" ("lineUserId", followed, "profileLanguage", "createdAt", "updatedAt")
      VALUES (${r.lineUserId}, COALESCE(${r.followed}::boolean, true), ${r.profileLanguage}::text, ${r.now}::timestamp(3), ${r.now}::timestamp(3))
      ON CONFLICT ("lineUserId") DO UPDATE SET
        followed = COALESCE(${r.followed}::boolean, "Resident".followed),
        "profileLanguage" = COALESCE(${r.profileLanguage}::text, "Resident"."profileLanguage"),
        "updatedAt" = ${r.now}::timestamp(3)
      WHERE ${r.followed}::boolean IS NOT NULL OR ${r.profileLanguage}::text IS NOT NULL
      RETURNING "profileLanguage")
    SELECT EXISTS (SELECT 1 FROM up) AS written,
      (SELECT "profileLanguage" FROM up) AS "writtenLanguage",
      (SELECT "profileLanguage" FROM "Resident" WHERE "lineUserId" = ${r.lineUserId}) AS "storedLanguage",
      c.id::text AS id, c.status, c."flowId", c."flowVersion", c."snapshotEnc", c.language, c."lastActivityAt"
    FROM (SELECT 1) AS one
    LEFT JOIN LATERAL (
      SELECT * FROM "Conversation"
      WHERE "lineUserId" = ${r.lineUserId} AND status IN ('active', 'paused')
      ORDER BY "createdAt" DESC LIMIT 1) AS c ON true`;
  if (!row) throw new Error("resident state: no row");
  const conversation =
    row.id === null
      ? null
      : {
          id: row.id,
          status: row.status!,
          flowId: row.flowId!,
          flowVersion: Number(row.flowVersion),
          snapshotEnc: row.snapshotEnc!,
          language: row.language,
          lastActivityAt: row.lastActivityAt!,
        };
  return { profileLanguage: row.written ? row.writtenLanguage : row.storedLanguage, conversation };
}
