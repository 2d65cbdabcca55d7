// Words for triage reasons from locales/<lang>/staff.json: Japanese for the record, and any
// staff language for the console.
import type { Locales } from "../i18n/locales.ts";
import type { LocaleCode } from "../intake/codes.ts";
import { formatNumber } from "../i18n/numberFormat.ts";
import type { ReasonWriter } from "./triage.ts";

export function reasonWriter(locales: Locales, lang: LocaleCode = "ja"): ReasonWriter {
  const t = locales.t(lang, "staff");
  return (code, params) => {
    const [kind, name, cause] = code.split(".");
    // Amounts read with digit grouping in the staff member's language (120,000); `count` stays a
    // number for i18next's plurals.
    const p: Record<string, string | number> = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === "number" && k !== "count" ? formatNumber(v, lang) : v]));
    if (typeof p.why === "string") p.whyLabel = t(`why.${p.why}`);
    if (typeof p.concern === "string") p.concernLabel = t(`concerns.${p.concern}`);
    // The domains travel as codes ("housing, money"); staff read their names.
    if (typeof p.domains === "string") p.domains = p.domains.split(/,\s*/).map((d) => t(`domains.${d}`, { defaultValue: d })).join(t("listSeparator"));
    const keys = [`triage.${code}`];
    if (kind === "flag" && name && cause) {
      p.concern = t(`concerns.${name}`);
      keys.push(`triage.flag.concern.${cause}`);
    }
    if (kind === "window" && name) {
      p.windowLabel = t(`windowTypes.${name}`);
      keys.push("triage.window.any");
    }
    return t(keys, { ...p, defaultValue: code });
  };
}
