// Intakes idle longer than the configured time are kept, marked abandoned; a new one starts
// when the resident writes again.
import type { PrismaClient } from "../generated/prisma/client.ts";

export async function expireIdleConversations(prisma: PrismaClient, days: number, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - days * 24 * 60 * 60 * 1000);
  const r = await prisma.conversation.updateMany({
    where: { status: { in: ["active", "paused"] }, lastActivityAt: { lt: before } },
    data: { status: "abandoned", endedAt: now },
  });
  return r.count;
}
