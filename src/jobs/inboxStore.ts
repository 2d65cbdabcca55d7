// The inbox: every accepted webhook event is stored (sealed) before LINE gets its 200, keyed by
// webhookEventId so a redelivery or a repeat is a no-op.
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { Sealer } from "../db/crypto.ts";
import { minimise, type LineEvent } from "../line/events.ts";

export async function storeEvents(prisma: PrismaClient, sealer: Sealer, events: LineEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  const data = events.map((e) => {
    const kept = minimise(e);
    return {
      webhookEventId: e.webhookEventId,
      lineUserId: kept.source?.type === "user" ? (kept.source.userId ?? null) : null,
      sourceType: kept.source?.type ?? "none",
      eventType: kept.type,
      eventTimestamp: BigInt(Math.trunc(kept.timestamp)),
      payloadEnc: sealer.sealJson(kept),
    };
  });
  const r = await prisma.inboxEvent.createMany({ data, skipDuplicates: true });
  return r.count;
}
