// Use cases on referrals for staff: read (audited), move through the lifecycle (recorded with
// who, when and why; a concurrent change is detected, never overwritten), add notes, escalate.
import type { PrismaClient, Referral } from "../generated/prisma/client.ts";
import type { Sealer } from "../db/crypto.ts";
import type { Intake } from "../intake/intakeSchema.ts";
import { windowFor, type Municipality } from "../intake/municipality.ts";
import type { Principal } from "../web/apiAuth.ts";
import { accessOf, mayAct, type Access } from "./access.ts";
import { applyMove, ReferralStatus, type Move } from "./lifecycle.ts";
import { queueNotifications } from "./notifications.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Referral ids are UUIDs; anything else is "no such referral" before the database is asked. */
export const isReferralId = (id: string | undefined): id is string => typeof id === "string" && UUID.test(id);

/** The longest note a caseworker may add, in the console and through the API alike. */
export const MAX_NOTE_LENGTH = 4000;

export type ServiceResult<T> = { ok: true; value: T } | { ok: false; status: 403 | 404 | 409 | 400; message: string };

export interface ReferralView {
  id: string;
  referenceNo: string;
  status: string;
  urgency: string;
  createdAt: string;
  updatedAt: string;
  statusAt: string;
  overdue: boolean;
  windows: { primary: WindowRefView; involved: WindowRefView[] };
  access: Access;
  lineUserId?: string;
  language?: string;
  flags?: string[];
  consent?: boolean | null;
  intake?: Intake;
  triage?: unknown;
}
interface WindowRefView {
  windowId: string;
  type: string | null;
  name: string | null;
}

export class ReferralService {
  constructor(private readonly d: { prisma: PrismaClient; sealer: Sealer; municipality: Municipality; now?: () => Date; onChange?: () => void }) {}

  private now(): Date {
    return this.d.now?.() ?? new Date();
  }

  private windowRef(id: string): WindowRefView {
    const w = this.d.municipality.windows.find((x) => x.id === id);
    return { windowId: id, type: w?.type ?? null, name: w?.name ?? null };
  }

  isOverdue(r: Pick<Referral, "status" | "statusAt" | "urgency">, now = this.now()): boolean {
    if (r.status !== "new" && r.status !== "forwarded") return false;
    const hours = this.d.municipality.slaHours[r.urgency as "emergency" | "urgent" | "routine"] ?? this.d.municipality.slaHours.routine;
    return now.getTime() - r.statusAt.getTime() > hours * 3_600_000;
  }

  view(p: Principal, r: Referral): ReferralView | null {
    const intake = this.d.sealer.openJson<Intake>(r.intakeEnc);
    const access = accessOf(p, r, intake.consent.shareWithRelatedWindows);
    if (access === "none") return null;
    const base: ReferralView = {
      id: r.id,
      referenceNo: r.referenceNo,
      status: r.status,
      urgency: r.urgency,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
      statusAt: r.statusAt.toISOString(),
      overdue: this.isOverdue(r),
      windows: { primary: this.windowRef(r.primaryWindowId), involved: access === "full" ? r.involvedWindowIds.map((id) => this.windowRef(id)) : [] },
      access,
    };
    if (access === "existence") return base;
    return { ...base, lineUserId: r.lineUserId, language: r.language, flags: r.flags, consent: intake.consent.shareWithRelatedWindows, intake, triage: r.triage };
  }

  async audit(p: Principal, action: string, referralIds: string[], detail?: Record<string, string>): Promise<void> {
    if (referralIds.length === 0) return;
    await this.d.prisma.auditLog.createMany({
      data: referralIds.map((id) => ({ actor: p.actor, action, targetType: "referral", targetId: id, detail: detail ?? {} })),
    });
  }

  async list(p: Principal, q: { status?: string; urgency?: string; window?: string; overdue?: boolean; limit: number; cursor?: string }, via = "api.list"): Promise<{ items: ReferralView[]; nextCursor: string | null }> {
    const where = {
      ...(q.status ? { status: q.status } : {}),
      ...(q.urgency ? { urgency: q.urgency } : {}),
      ...(q.window ? { OR: [{ primaryWindowId: q.window }, { involvedWindowIds: { has: q.window } }] } : {}),
      ...(p.role === "caseworker" ? { AND: [{ OR: [{ primaryWindowId: { in: p.windowIds } }, { involvedWindowIds: { hasSome: p.windowIds } }] }] } : {}),
      ...(q.cursor ? { seq: { lt: BigInt(q.cursor) } } : {}),
    };
    // Overdue depends on each urgency's SLA, so that filter reads further and filters here.
    const rows: Referral[] = await this.d.prisma.referral.findMany({ where, orderBy: { seq: "desc" }, take: q.overdue === undefined ? q.limit : 5000 });
    const items: ReferralView[] = [];
    let lastSeq: bigint | null = null;
    for (const r of rows) {
      if (q.overdue !== undefined && this.isOverdue(r) !== q.overdue) continue;
      const v = this.view(p, r);
      if (!v) continue;
      items.push(v);
      lastSeq = r.seq;
      if (items.length === q.limit) break;
    }
    await this.audit(p, "intake.read", items.filter((v) => v.intake).map((v) => v.id), { via });
    return { items, nextCursor: items.length === q.limit && lastSeq !== null ? String(lastSeq) : null };
  }

  async get(p: Principal, id: string, via = "api.get"): Promise<ServiceResult<ReferralView>> {
    const r = await this.d.prisma.referral.findUnique({ where: { id } });
    if (!r) return { ok: false, status: 404, message: "no such referral" };
    const v = this.view(p, r);
    if (!v) return { ok: false, status: 403, message: "this referral is outside your windows" };
    if (v.intake) await this.audit(p, "intake.read", [r.id], { via });
    return { ok: true, value: v };
  }

  async move(p: Principal, id: string, move: Move, actor: string): Promise<ServiceResult<ReferralView>> {
    const r = await this.d.prisma.referral.findUnique({ where: { id } });
    if (!r) return { ok: false, status: 404, message: "no such referral" };
    if (!this.view(p, r)) return { ok: false, status: 403, message: "this referral is outside your windows" };
    if (!mayAct(p, r)) return { ok: false, status: 403, message: "only the owning window works this referral" };
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
      await tx.referralEvent.create({ data: { referralId: id, fromStatus: r.status, toStatus: result.to, actor, reason: move.type === "forward" ? `${reason} → ${move.windowId}` : reason, at: now } });
      if (move.type === "forward" || move.type === "escalate") {
        await queueNotifications(tx, this.d.municipality, { referralId: id, windowId: move.windowId, event: move.type === "forward" ? "referral.forwarded" : "referral.escalated" });
      }
      return true;
    });
    if (!changed) return { ok: false, status: 409, message: "the referral was changed by someone else; reload and try again" };
    this.d.onChange?.();
    const after = await this.d.prisma.referral.findUniqueOrThrow({ where: { id } });
    return { ok: true, value: this.view(p, after) ?? (this.view({ ...p, role: "supervisor" }, after) as ReferralView) };
  }

  async addNote(p: Principal, id: string, body: string, actor: string): Promise<ServiceResult<{ id: string }>> {
    const r = await this.d.prisma.referral.findUnique({ where: { id } });
    if (!r) return { ok: false, status: 404, message: "no such referral" };
    const v = this.view(p, r);
    if (!v) return { ok: false, status: 403, message: "this referral is outside your windows" };
    if (v.access !== "full") return { ok: false, status: 403, message: "notes need access to the case" };
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
