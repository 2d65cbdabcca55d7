// The one access policy for referrals (contract section 2, "Meetings and consent"; issue 10):
// for a principal and a referral, how much may be seen and what may be done. Every surface — the
// API's list and detail, the console's inbox, filters, counts, CSV, print, actions — asks here,
// through the read model (referralReadModel.ts); nothing else decides.
//
//   full       the owning window, supervisors and administrators; an involved window when the
//              resident consented to sharing with related windows
//   existence  an involved window without that consent: that the case exists and who owns it
//   none       everyone else: not even that it exists
//
// Only the owner (and supervisors and administrators) works a case: moves, notes, messages to the
// resident and meeting requests. An involved window reads, with consent, and does nothing else.
import type { Prisma } from "../generated/prisma/client.ts";
import type { Principal } from "../web/apiAuth.ts";

export type Visibility = "full" | "existence" | "none";

export const ACTIONS = ["move", "note", "message", "meeting"] as const;
export type Action = (typeof ACTIONS)[number];

/** What the policy needs of a referral: its windows and the resident's consent to share. */
export interface PolicySubject {
  primaryWindowId: string;
  involvedWindowIds: readonly string[];
}

export interface Decision {
  visibility: Visibility;
  actions: ReadonlySet<Action>;
}

const NOTHING: ReadonlySet<Action> = new Set();
const EVERYTHING: ReadonlySet<Action> = new Set(ACTIONS);

/** Supervisors and administrators see and work every referral. */
export const seesEverything = (p: Principal): boolean => p.role === "admin" || p.role === "supervisor";

/** The city's analytics count every referral, so only those who see every referral see them (the
 * console's /staff/admin/analytics and its CSV downloads). */
export const seesAnalytics = (p: Principal): boolean => seesEverything(p);

const owns = (p: Principal, r: PolicySubject) => seesEverything(p) || p.windowIds.includes(r.primaryWindowId);
const involves = (p: Principal, r: PolicySubject) => r.involvedWindowIds.some((w) => p.windowIds.includes(w));

/** Whether the decision depends on the resident's consent (so that the sealed intake is opened
 * only when it does). */
export function consentMatters(p: Principal, r: PolicySubject): boolean {
  return !owns(p, r) && involves(p, r);
}

export function decide(p: Principal, r: PolicySubject, consent: boolean | null): Decision {
  if (owns(p, r)) return { visibility: "full", actions: EVERYTHING };
  if (involves(p, r)) return { visibility: consent === true ? "full" : "existence", actions: NOTHING };
  return { visibility: "none", actions: NOTHING };
}

// ---- the same rule as database conditions, for the read model's queries -------------------

/** Referrals this principal sees in full whatever the consent: all, or those their windows own. */
export function ownedWhere(p: Principal): Prisma.ReferralWhereInput {
  return seesEverything(p) ? {} : { primaryWindowId: { in: p.windowIds } };
}

/** Referrals whose visibility depends on consent: involving the principal's windows, not owned
 * by them. null when there are none by construction (supervisors, administrators). */
export function consentDecidesWhere(p: Principal): Prisma.ReferralWhereInput | null {
  if (seesEverything(p)) return null;
  return { primaryWindowId: { notIn: p.windowIds }, involvedWindowIds: { hasSome: p.windowIds } };
}

/** Every referral the principal may see anything of (the union of the two above). */
export function visibleWhere(p: Principal): Prisma.ReferralWhereInput {
  const maybe = consentDecidesWhere(p);
  return maybe ? { OR: [ownedWhere(p), maybe] } : ownedWhere(p);
}
