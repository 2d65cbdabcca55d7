// The one way referrals are read, by the staff API and the console alike: one referral, pages of
// a filtered listing (newest first), every row of one (CSV), counts and the inbox's version. Each
// row goes through the access policy and the projection, and filters match the projection only
// (referralFilter.ts), so that no listing, count or export tells more than opening the referral
// would.
//
// Queries first narrow in the database (the policy's and the filters' conditions, a superset of
// the answer), then decide row by row. Rows a principal sees in full whatever the consent (all of
// them for supervisors and administrators, their own windows' for caseworkers) are counted in the
// database, where the filter conditions are exact for them; rows whose visibility rests on the
// resident's consent are decided here, opening only the consent of the sealed intake.
import { createHash } from "node:crypto";
import { z } from "zod";
import type { PrismaClient, Referral } from "../generated/prisma/client.ts";
import type { Sealer } from "../db/crypto.ts";
import type { Municipality } from "../intake/municipality.ts";
import type { Principal } from "../web/apiAuth.ts";
import { consentDecidesWhere, consentMatters, decide, ownedWhere, visibleWhere, type Decision } from "./accessPolicy.ts";
import { isOverdue } from "./overdue.ts";
import { filterWhere, matches, type ReferralFilter } from "./referralFilter.ts";
import { project, type ExistenceProjection, type FullProjection, type Projection } from "./referralProjection.ts";

/** A referral as a principal may have it: the raw row only with full visibility. */
export type Entry =
  | { decision: Decision; projection: ExistenceProjection; row?: never }
  | { decision: Decision; projection: FullProjection; row: Referral };

export interface Page {
  entries: Entry[];
  /** The seq to continue below, when there is more. */
  next: bigint | null;
}

/** Only the consent of an intake is read to decide visibility; anything unreadable is "no". */
const ConsentPart = z.object({ consent: z.object({ shareWithRelatedWindows: z.boolean().nullable() }) });

const BATCH = 200;

export class ReferralReadModel {
  private readonly d: { prisma: PrismaClient; sealer: Sealer; municipality: Municipality; now?: () => Date };

  constructor(d: { prisma: PrismaClient; sealer: Sealer; municipality: Municipality; now?: () => Date }) {
    this.d = d;
  }

  now(): Date {
    return this.d.now?.() ?? new Date();
  }

  isOverdue(r: { status: string; urgency: string; statusAt: Date }, now = this.now()): boolean {
    return isOverdue(r, this.d.municipality.slaHours, now);
  }

  private consentOf(intakeEnc: string): boolean | null {
    try {
      const parsed = ConsentPart.safeParse(this.d.sealer.openJson(intakeEnc));
      return parsed.success ? parsed.data.consent.shareWithRelatedWindows : null;
    } catch {
      return null;
    }
  }

  /** The policy's decision on a row, opening the consent only when it decides. */
  decision(p: Principal, r: Pick<Referral, "primaryWindowId" | "involvedWindowIds" | "intakeEnc">): Decision {
    return decide(p, r, consentMatters(p, r) ? this.consentOf(r.intakeEnc) : null);
  }

  entry(p: Principal, r: Referral, now = this.now()): Entry | null {
    const decision = this.decision(p, r);
    const projection = project(decision.visibility, r, decision.visibility === "full" && this.isOverdue(r, now));
    if (!projection) return null;
    return projection.access === "full" ? { decision, projection, row: r } : { decision, projection };
  }

  /** One referral; null when it does not exist or the principal may not know it does. */
  async one(p: Principal, id: string): Promise<Entry | null> {
    const r = await this.d.prisma.referral.findUnique({ where: { id } });
    return r ? this.entry(p, r) : null;
  }

  /** The referrals among these ids that the principal may see, by id. */
  async byIds(p: Principal, ids: string[]): Promise<Map<string, Projection>> {
    if (ids.length === 0) return new Map();
    const now = this.now();
    const rows = await this.d.prisma.referral.findMany({ where: { AND: [{ id: { in: ids } }, visibleWhere(p)] } });
    const out = new Map<string, Projection>();
    for (const r of rows) {
      const e = this.entry(p, r, now);
      if (e) out.set(r.id, e.projection);
    }
    return out;
  }

  /** Up to `limit` matching referrals below `before` (seq), newest first. */
  async page(p: Principal, f: ReferralFilter, o: { limit: number; before?: bigint }): Promise<Page> {
    const now = this.now();
    const base = [visibleWhere(p), ...filterWhere(f, this.d.municipality.slaHours, now)];
    const take = Math.min(Math.max(o.limit + 1, BATCH), 1000);
    const found: Entry[] = [];
    let below = o.before;
    for (;;) {
      const rows = await this.d.prisma.referral.findMany({
        where: { AND: [...base, ...(below !== undefined ? [{ seq: { lt: below } }] : [])] },
        orderBy: { seq: "desc" },
        take,
      });
      for (const r of rows) {
        const e = this.entry(p, r, now);
        if (e && matches(f, e.projection)) found.push(e);
        if (found.length > o.limit) break;
      }
      if (found.length > o.limit || rows.length < take) break;
      below = rows[rows.length - 1]!.seq;
    }
    const entries = found.slice(0, o.limit);
    return { entries, next: found.length > o.limit ? entries[entries.length - 1]!.projection.seq : null };
  }

  /** Every matching referral, newest first (the CSV export). */
  async all(p: Principal, f: ReferralFilter): Promise<Entry[]> {
    const out: Entry[] = [];
    let before: bigint | undefined;
    for (;;) {
      const pg = await this.page(p, f, { limit: 1000, before });
      out.push(...pg.entries);
      if (pg.next === null) return out;
      before = pg.next;
    }
  }

  /** Rows whose visibility rests on consent, matching the filter, as this principal sees them. */
  private async consentDecided(p: Principal, f: ReferralFilter, now: Date): Promise<Entry[]> {
    const maybe = consentDecidesWhere(p);
    if (!maybe) return [];
    // In a fixed order: the version hashes these rows, and the storage order is no business of the viewer's.
    const rows = await this.d.prisma.referral.findMany({ where: { AND: [maybe, ...filterWhere(f, this.d.municipality.slaHours, now)] }, orderBy: { seq: "desc" } });
    return rows.map((r) => this.entry(p, r, now)).filter((e): e is Entry => e !== null && matches(f, e.projection));
  }

  /** How many referrals match, per status. */
  async countByStatus(p: Principal, f: ReferralFilter): Promise<Map<string, number>> {
    const now = this.now();
    const groups = await this.d.prisma.referral.groupBy({
      by: ["status"],
      where: { AND: [ownedWhere(p), ...filterWhere(f, this.d.municipality.slaHours, now)] },
      _count: { _all: true },
    });
    const counts = new Map<string, number>(groups.map((g) => [g.status, g._count._all]));
    for (const e of await this.consentDecided(p, f, now)) counts.set(e.projection.status, (counts.get(e.projection.status) ?? 0) + 1);
    return counts;
  }

  /** How many referrals match. */
  async count(p: Principal, f: ReferralFilter): Promise<number> {
    let n = 0;
    for (const c of (await this.countByStatus(p, f)).values()) n += c;
    return n;
  }

  /** Changes whenever anything the principal sees of any referral changes (the inbox polls it),
   * and only then: a change the principal may not see leaves it as it was. */
  async version(p: Principal): Promise<string> {
    const now = this.now();
    const a = await this.d.prisma.referral.aggregate({ where: ownedWhere(p), _count: { _all: true }, _max: { updatedAt: true } });
    const h = createHash("sha256").update(`${a._count._all}-${a._max.updatedAt?.getTime() ?? 0}`);
    for (const e of await this.consentDecided(p, {}, now)) {
      const v = e.projection;
      h.update(`|${v.id}:${v.access}:${v.status}:${v.access === "full" ? v.updatedAt.getTime() : ""}`);
    }
    return h.digest("base64url").slice(0, 22);
  }
}
