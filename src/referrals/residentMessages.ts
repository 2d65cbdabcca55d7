// What a resident wrote to their case after the intake was completed, oldest first (contract
// section 4, `residentMessages`). Only for those who may read the intake: callers check access.
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { Sealer } from "../db/crypto.ts";

export interface ResidentMessageView {
  at: string;
  language: string;
  text: string;
}

export async function residentMessagesOf(prisma: PrismaClient, sealer: Sealer, referralId: string): Promise<ResidentMessageView[]> {
  const rows = await prisma.residentMessage.findMany({ where: { referralId }, orderBy: { id: "asc" } });
  return rows.map((m) => ({ at: m.at.toISOString(), language: m.language, text: sealer.open(m.textEnc) }));
}
