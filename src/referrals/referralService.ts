// Use cases on referrals for staff: read (audited), move through the lifecycle (recorded with
// who, when and why; a concurrent change is detected, never overwritten), add notes, escalate.
import type { PrismaClient, Referral } from "../generated/prisma/client.ts";
import type { Sealer } from "../db/crypto.ts";
import type { Intake } from "../intake/intakeSchema.ts";
import { windowFor, type Municipality } from "../intake/municipality.ts";
import type { Principal } from "../web/apiAuth.ts";
import { applyMove, ReferralStatus, type Move } from "./lifecycle.ts";
import { queueNotifications } from "./notifications.ts";
import { ReferralReadModel, type Entry } from "./referralReadModel.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Referral ids are UUIDs; anything else is "no such referral" before the database is asked. */
export const isReferralId = (id: string | undefined): id is string => typeof id === "string" && UUID.test(id);

/** The longest note a caseworker may add, in the console and through the API alike. */
export const MAX_NOTE_LENGTH = 4000;

export type ServiceResult<T> = { ok: true; value: T } | { ok: false; status: 403 | 404 | 409 | 400; message: string };

const NOT_FOUND = { ok: false, status: 404, message: "no such referral" } as const;
const NOT_OWNER = { ok: false, status: 403, message: "only the owning window works this referral" } as const;

interface WindowRefView {
  windowId: string;
  type: string | null;
  name: string | null;
}
/** The API's view of a referral: the projection (referralProjection.ts) in JSON, and with full
 * access the resident's LINE id, consent, intake and triage. */
export interface ExistenceView {
  access: "existence";
  id: string;
  referenceNo: string;
  status: string;
  createdAt: string;
  windows: { primary: WindowRefView };
}
export interface FullView {
  access: "full";
  id: string;
  referenceNo: string;
  status: string;
  urgency: string;
  createdAt: string;
  updatedAt: string;
  statusAt: string;
  overdue: boolean;
  windows: { primary: WindowRefView; involved: WindowRefView[] };
  lineUserId: string;
  language: string;
  flags: string[];
  consent: boolean | null;
  intake: Intake;
  triage: unknown;
}
export type ReferralView = ExistenceView | FullView;

export class ReferralService {
  readonly readModel: ReferralReadModel;

  private readonly d: { prisma: PrismaClient; sealer: Sealer; municipality: Municipality; now?: () => Date; onChange?: () => void };

  constructor(d: { prisma: PrismaClient; sealer: Sealer; municipality: Municipality; now?: () => Date; onChange?: () => void }) {
    this.d = d;
    this.readModel = new ReferralReadModel(d);
  }

  private now(): Date {
    return this.d.now?.() ?? new Date();
  }

  private windowRef(id: string): WindowRefView {
    const w = this.d.municipality.windows.find((x) => x.id === id);
    return { windowId: id, type: w?.type ?? null, name: w?.name ?? null };
  }

  isOverdue(r: Pick<Referral, "status" | "statusAt" | "urgency">, now = this.now()): boolean {
    return this.readModel.isOverdue(r, now);
  }

  /** The view of an entry of the read model: what its projection allows, nothing more. */
  view(e: Entry): ReferralView {
    const v = e.projection;
    if (v.access === "existence") {
      return { access: "existence", id: v.id, referenceNo: v.referenceNo, status: v.status, createdAt: v.createdAt.toISOString(), windows: { primary: this.windowRef(v.primaryWindowId) } };
    }
    const intake = this.d.sealer.openJson<Intake>(e.row!.intakeEnc);
    return {
      access: "full",
      id: v.id,
      referenceNo: v.referenceNo,
      status: v.status,
      urgency: v.urgency,
      createdAt: v.createdAt.toISOString(),
      updatedAt: v.updatedAt.toISOString(),
      statusAt: v.statusAt.toISOString(),
      overdue: v.overdue,
      windows: { primary: this.windowRef(v.primaryWindowId), involved: v.involvedWindowIds.map((id) => this.windowRef(id)) },
      lineUserId: e.row!.lineUserId,
      language: v.language,
      flags: v.flags,
      consent: intake.consent.shareWithRelatedWindows,
      intake,
      triage: e.row!.triage,
    };
  }

  async audit(p: Principal, action: string, referralIds: string[], detail?: Record<string, string>): Promise<void> {
    if (referralIds.length === 0) return;
    await this.d.prisma.auditLog.createMany({
      data: referralIds.map((id) => ({ actor: p.actor, action, targetType: "referral", targetId: id, detail: detail ?? {} })),
    });
  }

  async list(p: Principal, q: { status?: string; urgency?: string; window?: string; overdue?: boolean; limit: number; cursor?: string }, via = "api.list"): Promise<{ items: ReferralView[]; nextCursor: string | null }> {
    const filter = { status: q.status, urgency: q.urgency, window: q.window, overdue: q.overdue };
    const page = await this.readModel.page(p, filter, { limit: q.limit, before: q.cursor ? BigInt(q.cursor) : undefined });
    const items = page.entries.map((e) => this.view(e));
    await this.audit(p, "intake.read", items.filter((v) => v.access === "full").map((v) => v.id), { via });
    return { items, nextCursor: page.next === null ? null : String(page.next) };
  }

  /** One referral with the read model's entry (the console needs its row); the intake read is audited. */
  async open(p: Principal, id: string, via = "api.get"): Promise<ServiceResult<{ view: ReferralView; entry: Entry }>> {
    const e = await this.readModel.one(p, id);
    if (!e) return NOT_FOUND;
    const view = this.view(e);
    if (view.access === "full") await this.audit(p, "intake.read", [id], { via });
    return { ok: true, value: { view, entry: e } };
  }

  async get(p: Principal, id: string, via = "api.get"): Promise<ServiceResult<ReferralView>> {
    const r = await this.open(p, id, via);
    return r.ok ? { ok: true, value: r.value.view } : r;
  }

  async move(p: Principal, id: string, move: Move, actor: string): Promise<ServiceResult<ReferralView>> {
    const e = await this.readModel.one(p, id);
    if (!e) return NOT_FOUND;
    if (!e.decision.actions.has("move")) return NOT_OWNER;
    const r = e.row!;
    const from = ReferralStatus.parse(r.status);
    const result = applyMove(from, move);
    if (!result.ok) return { ok: false, status: 409, message: result.reason };
    let primary: { primaryWindowId: string; primaryWindowType: string } | {} = {};
    if (move.type === "forward" || move.type === "escalate") {
      const target = this.d.municipality.windows.find((w) => w.id === move.windowId);
      if (!target) return { ok: false, status: 400, message: `unknown window ${move.windowId}` };
      if (move.type === "forward" && target.id === r.primaryWindowId) return { ok: false, status: 409, message: "the referral is already with that window" };
      primary = { primaryWindowId: target.id, primaryWindowType: target.type };
    }
    const now = this.now();
    const reason = move.type === "forward" ? move.reason : move.type === "close" ? move.outcome : move.type === "escalate" ? "not accepted within the time limit" : null;
    const changed = await this.d.prisma.$transaction(async (tx) => {
      // Compare-and-set on the status: two caseworkers acting at once cannot both win.
      const n = await tx.referral.updateMany({
        where: { id, status: r.status, updatedAt: r.updatedAt },
        data: { status: result.to, statusAt: now, ...primary, involvedWindowIds: move.type === "forward" || move.type === "escalate" ? [...new Set([...r.involvedWindowIds, r.primaryWindowId])].filter((w) => w !== (primary as { primaryWindowId?: string }).primaryWindowId) : r.involvedWindowIds },
      });
      if (n.count === 0) return false;
      await tx.referralEvent.create({ data: { referralId: id, fromStatus: r.status, toStatus: result.to, actor, reason: move.type === "forward" ? `${reason} → ${move.windowId}` : reason, windowId: (primary as { primaryWindowId?: string }).primaryWindowId ?? r.primaryWindowId, at: now } });
      if (move.type === "forward" || move.type === "escalate") {
        await queueNotifications(tx, this.d.municipality, { referralId: id, windowId: move.windowId, event: move.type === "forward" ? "referral.forwarded" : "referral.escalated" });
      }
      return true;
    });
    if (!changed) return { ok: false, status: 409, message: "the referral was changed by someone else; reload and try again" };
    this.d.onChange?.();
    // The referral as the mover now sees it: a forward leaves the old owner only involved.
    const after = await this.readModel.one(p, id);
    return after ? { ok: true, value: this.view(after) } : NOT_FOUND;
  }

  async addNote(p: Principal, id: string, body: string, actor: string): Promise<ServiceResult<{ id: string }>> {
    const e = await this.readModel.one(p, id);
    if (!e) return NOT_FOUND;
    if (!e.decision.actions.has("note")) return NOT_OWNER;
    const note = await this.d.prisma.referralNote.create({ data: { referralId: id, actor, bodyEnc: this.d.sealer.seal(body) } });
    await this.audit(p, "note.add", [id]);
    return { ok: true, value: { id: String(note.id) } };
  }

  /** The scheduled job: referrals not accepted within the SLA go to multi_agency. */
  async escalateOverdue(now = this.now()): Promise<number> {
    const waiting = await this.d.prisma.referral.findMany({ where: { status: { in: ["new", "forwarded"] } } });
    let n = 0;
    for (const r of waiting) {
      if (!this.isOverdue(r, now)) continue;
      const intake = this.d.sealer.openJson<Intake>(r.intakeEnc);
      const target = windowFor(this.d.municipality, "multi_agency", intake.area) ?? windowFor(this.d.municipality, "comprehensive", intake.area)!;
      const system: Principal = { actor: "system:escalation", role: "admin", windowIds: [] };
      const res = await new ReferralService({ ...this.d, now: () => now }).move(system, r.id, { type: "escalate", windowId: target.id }, "system:escalation");
      if (res.ok) n++;
    }
    return n;
  }
}
