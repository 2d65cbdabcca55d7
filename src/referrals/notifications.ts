// Queues notifications to a window in the same transaction as the change that causes them.
import type { Prisma } from "../generated/prisma/client.ts";
import type { Municipality } from "../intake/municipality.ts";

export type NotificationEvent = "referral.created" | "referral.forwarded" | "referral.escalated" | "referral.resident_message";

export async function queueNotifications(
  tx: Prisma.TransactionClient,
  m: Municipality,
  n: { referralId: string; windowId: string; event: NotificationEvent },
): Promise<number> {
  const w = m.windows.find((x) => x.id === n.windowId);
  const rows = [
    ...(w?.notify?.webhook ? [{ channel: "webhook", target: w.notify.webhook }] : []),
    ...(w?.notify?.email ?? []).map((to) => ({ channel: "email", target: to })),
  ];
  if (rows.length === 0) return 0;
  await tx.notification.createMany({ data: rows.map((r) => ({ ...r, referralId: n.referralId, windowId: n.windowId, event: n.event })) });
  return rows.length;
}
