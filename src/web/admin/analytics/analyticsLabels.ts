// Words for the codes the analytics tables hold, in the console's language: the console's own
// labels where they exist (urgency, flags, concerns, windows, answer codes), the flow's own
// names for its steps and sections, and the staff namespace's `analytics` texts for the rest.
import type { Dimension } from "../../../analytics/buildReport.ts";
import { NO_ANSWER, UNKNOWN } from "../../../analytics/buildReport.ts";
import type { Ctx } from "../../staff/consoleContext.ts";
import { flagLabel, label, languageName, urgencyLabel, windowName } from "../../staff/consoleFormat.ts";

export function analyticsLabel(ctx: Ctx, dim: Dimension, code: string): string {
  const st = ctx.st;
  if (code === UNKNOWN || (code === NO_ANSWER && dim !== "stage")) return st(dim === "step" || dim === "section" ? "analytics.noAnswer" : "analytics.unknown");
  const bot = ctx.deps.locales.t(ctx.lang, "bot");
  switch (dim) {
    case "stage":
      return code.startsWith("section:") ? st("analytics.stage.section", { section: analyticsLabel(ctx, "section", code.slice(8)) }) : st(`analytics.stage.${code}`);
    case "step":
      return `${bot(`summary.field.${code}`, { defaultValue: code })} (${code})`;
    case "section":
      return code === "summary" ? st("analytics.summarySection") : bot(`summary.section.${code}`, { defaultValue: code });
    case "language":
      return languageName(ctx, code);
    case "respondent":
    case "ageBand":
      return label(ctx, `codes.${dim}.${code}`, code);
    case "area":
      return ctx.deps.municipality.areas.find((a) => a.code === code)?.name ?? code;
    case "crisisKind":
      return label(ctx, `crisis.${code}`, code);
    case "concern":
    case "flag":
      return flagLabel(ctx, code);
    case "concernPair":
      return code.split("+").map((c) => flagLabel(ctx, c)).join(" ＋ ");
    case "urgency":
      return urgencyLabel(ctx, code);
    case "window":
      return windowName(ctx, code);
    case "windowPair":
      return code.split(">").map((w) => windowName(ctx, w)).join(" → ");
    case "sitting":
    case "measure":
      return st(`analytics.${dim}.${code}`);
  }
}
