// The SLA rule (contract section 5): a referral is overdue when it has waited, new or forwarded,
// longer than its urgency allows. Once as a function of a row, once as a database condition;
// test/referrals/accessPolicy.property.test.ts checks that the two agree.
import type { Prisma } from "../generated/prisma/client.ts";
import type { Municipality } from "../intake/municipality.ts";

export type SlaHours = Municipality["slaHours"];

const WAITING = ["new", "forwarded"];
/** The hours a referral of this urgency may wait. */
export const slaOf = (sla: SlaHours, urgency: string) => (urgency === "emergency" || urgency === "urgent" ? sla[urgency] : sla.routine);

export function isOverdue(r: { status: string; urgency: string; statusAt: Date }, sla: SlaHours, now: Date): boolean {
  if (!WAITING.includes(r.status)) return false;
  return now.getTime() - r.statusAt.getTime() > slaOf(sla, r.urgency) * 3_600_000;
}

export function overdueWhere(sla: SlaHours, now: Date): Prisma.ReferralWhereInput {
  const before = (hours: number) => new Date(now.getTime() - hours * 3_600_000);
  return {
    status: { in: WAITING },
    OR: [
      { urgency: "emergency", statusAt: { lt: before(sla.emergency) } },
      { urgency: "urgent", statusAt: { lt: before(sla.urgent) } },
      { urgency: { notIn: ["emergency", "urgent"] }, statusAt: { lt: before(sla.routine) } },
    ],
  };
}
