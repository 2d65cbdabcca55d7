// Who sees what of a referral (contract section 2, "Meetings and consent"): the owning window sees
// the intake; involved windows see it only with the resident's consent, otherwise only that the
// case exists and who owns it; windows outside the case see nothing.
import type { Principal } from "../web/apiAuth.ts";

export type Access = "full" | "existence" | "none";

export function accessOf(p: Principal, r: { primaryWindowId: string; involvedWindowIds: string[] }, consent: boolean | null): Access {
  if (p.role === "admin" || p.role === "supervisor") return "full";
  if (p.windowIds.includes(r.primaryWindowId)) return "full";
  if (r.involvedWindowIds.some((w) => p.windowIds.includes(w))) return consent === true ? "full" : "existence";
  return "none";
}

/** Only the owning window (or a supervisor or administrator) works the case. */
export function mayAct(p: Principal, r: { primaryWindowId: string }): boolean {
  return p.role !== "caseworker" || p.windowIds.includes(r.primaryWindowId);
}
