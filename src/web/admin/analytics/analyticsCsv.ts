// One analytics table as CSV: codes, not words (as the referrals export), so that a spreadsheet
// can count them; the same protected numbers as the page ("<5", withheld, "≥" totals).
import type { Cell } from "../../../analytics/smallCells.ts";
import type { Table, Value } from "../../../analytics/buildReport.ts";
import { csvCell } from "../../staff/exportCsv.ts";

export const WITHHELD_CSV = "withheld";

function cellText(c: Cell): string {
  return c.kind === "count" ? String(c.n) : c.kind === "small" ? "<5" : WITHHELD_CSV;
}

function valueText(col: Table["columns"][number], v: Value): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "object") return cellText(v);
  if (typeof v === "string") return v;
  switch (col.kind) {
    case "share":
      return v.toFixed(4);
    case "hours":
    case "minutes":
    case "answers":
      return String(Math.round(v * 10) / 10);
    default:
      return String(v);
  }
}

export function tableCsv(table: Table): string {
  const lines = [table.columns.map((c) => c.id)];
  for (const row of table.rows) lines.push(table.columns.map((c) => valueText(c, row[c.id] ?? null)));
  if (table.total) {
    const countCol = table.columns.find((c) => c.kind === "count")!.id;
    lines.push(table.columns.map((c, i) => (i === 0 ? "total" : c.id === countCol ? `${table.total!.partial ? ">=" : ""}${table.total!.n}` : "")));
  }
  // A byte-order mark so that spreadsheet software reads UTF-8 (Japanese Excel otherwise does not).
  return "\uFEFF" + lines.map((l) => l.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
