// /staff/export.csv: the list the user can see (with the inbox's filters), one referral a line:
// reference, status, urgency, windows, flags, language, created. Codes, not labels, so that a
// spreadsheet can count them; never the intake's contents or the resident's words. A referral the
// user may only know exists has its reference, status, owner and date, the other cells empty.
import type { SignedInCtx } from "./consoleContext.ts";
import { allRows, type InboxFilters } from "./inboxQuery.ts";

/** RFC 4180 quoting, and a leading ' for anything a spreadsheet would run as a formula. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const CSV_COLUMNS = ["referenceNo", "status", "urgency", "primaryWindowId", "involvedWindowIds", "flags", "language", "createdAt"] as const;

export async function exportCsv(ctx: SignedInCtx, f: InboxFilters): Promise<{ body: string; count: number }> {
  const rows = await allRows(ctx.deps, ctx.principal, f);
  const lines = [CSV_COLUMNS.join(",")];
  for (const r of rows) {
    const full = r.access === "full" ? r : null;
    lines.push(
      [r.referenceNo, r.status, full?.urgency ?? "", r.primaryWindowId, full?.involvedWindowIds.join(" ") ?? "", full?.flags.join(" ") ?? "", full?.language ?? "", r.createdAt.toISOString()]
        .map(csvCell)
        .join(","),
    );
  }
  await ctx.deps.prisma.auditLog.create({
    data: { actor: ctx.principal.actor, action: "referrals.export", targetType: "referral", targetId: null, detail: { rows: String(rows.length) } },
  });
  // A byte-order mark so that spreadsheet software reads UTF-8 (Japanese Excel otherwise does not).
  return { body: "\uFEFF" + lines.join("\r\n") + "\r\n", count: rows.length };
}
