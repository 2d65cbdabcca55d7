// The detail column of the audit page, readably: publishes and rollbacks as "version 1 → 2"
// with what changed; a change recorded as { before, after } as "before → after"; other values as
// "key=value". Audit rows hold references and codes only, so nothing here is personal.
import { summaryLine } from "../admin/releaseDiffView.ts";
import type { Ctx } from "./consoleContext.ts";

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const plain = (v: unknown): string => (Array.isArray(v) ? v.map(plain).join(",") || "—" : isObj(v) ? JSON.stringify(v) : v === null ? "—" : String(v));
const isCounts = (v: unknown): v is Record<string, number> => isObj(v) && Object.values(v).every((x) => typeof x === "number");

function generic(ctx: Ctx, detail: Obj): string {
  return Object.entries(detail)
    .filter(([k]) => k !== "transcriptId")
    .map(([k, v]) => {
      if (isObj(v) && "before" in v && "after" in v) return `${k}: ${plain(v.before)} → ${plain(v.after)}`;
      if (k === "changed" && isCounts(v)) return summaryLine(ctx, v);
      return `${k}=${plain(v)}`;
    })
    .join(", ");
}

export function auditDetailText(ctx: Ctx, action: string, detail: Obj): string {
  if ((action === "release.publish" || action === "release.rollback") && typeof detail.version === "number") {
    const parts = [ctx.t("audit.detailText.release", { before: detail.previous ?? "—", after: detail.version })];
    if (typeof detail.rollbackOf === "number") parts.push(ctx.t("audit.detailText.rollbackOf", { version: detail.rollbackOf }));
    if (isCounts(detail.changed)) parts.push(summaryLine(ctx, detail.changed));
    return parts.join(ctx.t("admin.history.summary.separator"));
  }
  return generic(ctx, detail);
}
