// Words for triage reasons from locales/<lang>/staff.json: Japanese for the record, and any
// staff language for the console.
import type { Locales } from "../i18n/locales.ts";
import type { LocaleCode } from "../intake/codes.ts";
import type { ReasonWriter } from "./triage.ts";

export function reasonWriter(locales: Locales, lang: LocaleCode = "ja"): ReasonWriter {
  const t = locales.t(lang, "staff");
  return (code, params) => {
    const [kind, name, cause] = code.split(".");
    const p: Record<string, string | number> = { ...params };
    if (typeof p.why === "string") p.whyLabel = t(`why.${p.why}`);
    if (typeof p.concern === "string") p.concernLabel = t(`concerns.${p.concern}`);
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
