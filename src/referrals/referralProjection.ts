// What a referral row may show at each visibility level: the one projection every listing,
// count, filter, export and detail is built from.
//
// At "existence" an involved window without the resident's consent learns that the case exists
// and who owns it (contract section 2) — so that two windows do not work one household blind —
// and nothing else: the id (to open it), the reference number (what the resident and the owner
// quote on the phone; it encodes only the sequence and the year), the status (whether the owner
// has taken it up), the owning window and the date it was made. Not the urgency (an emergency
// says much about a household), not the other involved windows (a DV centre on the case says
// violence), not the flags or the language (both come from the intake), not overdue (it follows
// from the urgency), not when it last changed (that would show the owner's activity on it), and
// never the resident's LINE id.
import type { Visibility } from "./accessPolicy.ts";

/** The columns of a referral row the projection and the policy read. */
export interface ReferralRow {
  id: string;
  seq: bigint;
  referenceNo: string;
  status: string;
  urgency: string;
  primaryWindowId: string;
  involvedWindowIds: string[];
  flags: string[];
  language: string;
  createdAt: Date;
  statusAt: Date;
  updatedAt: Date;
}

export interface ExistenceProjection {
  access: "existence";
  id: string;
  seq: bigint;
  referenceNo: string;
  status: string;
  primaryWindowId: string;
  createdAt: Date;
}

/** Everything an existence row shows, and what only the intake's readers see. */
export interface FullProjection extends Omit<ExistenceProjection, "access"> {
  access: "full";
  urgency: string;
  involvedWindowIds: string[];
  flags: string[];
  language: string;
  statusAt: Date;
  updatedAt: Date;
  overdue: boolean;
}

export type Projection = ExistenceProjection | FullProjection;

/** The projection of a row at a level; null at "none". `overdue` is the SLA rule's answer for the
 * row (ReferralReadModel.isOverdue), passed in so that this stays a pure function of its input. */
export function project(level: Visibility, r: ReferralRow, overdue: boolean): Projection | null {
  switch (level) {
    case "none":
      return null;
    case "existence":
      return { access: "existence", id: r.id, seq: r.seq, referenceNo: r.referenceNo, status: r.status, primaryWindowId: r.primaryWindowId, createdAt: r.createdAt };
    case "full":
      return {
        access: "full",
        id: r.id,
        seq: r.seq,
        referenceNo: r.referenceNo,
        status: r.status,
        primaryWindowId: r.primaryWindowId,
        createdAt: r.createdAt,
        urgency: r.urgency,
        involvedWindowIds: [...r.involvedWindowIds],
        flags: [...r.flags],
        language: r.language,
        statusAt: r.statusAt,
        updatedAt: r.updatedAt,
        overdue,
      };
    default: {
      const never: never = level;
      return never;
    }
  }
}
