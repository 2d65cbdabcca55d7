// What the resident hears at the end, in their language: the window that will contact them with
// its phone and hours, within how long (the SLA of the case's urgency), what happens next, the
// reference number, and the support they may be able to use, each with why and what to bring —
// never a promise.
import type { Intake } from "../intake/intakeSchema.ts";
import { namesResidenceCard } from "../intake/residenceCard.ts";
import { slaOf } from "../referrals/overdue.ts";
import type { Triage } from "../triage/triageSchema.ts";
import { renderTerms } from "../i18n/glossary.ts";
import { hoursText } from "../i18n/openingHours.ts";
import type { DirectoryTexts } from "./crisisResponse.ts";
import type { BotOutput } from "./outputs.ts";

const ENTITLEMENTS = ["housing_benefit_candidate", "public_assistance_candidate"] as const;

export function endOutputs(d: DirectoryTexts, intake: Intake, triage: Triage, referenceNo: string): BotOutput[] {
  const lang = intake.language;
  const t = d.locales.t(lang);
  const owner = d.municipality.windows.find((w) => w.id === triage.routing.primary.windowId);
  const out: BotOutput[] = [{ kind: "line", key: "msg.completed", params: { ref: referenceNo } }];
  if (owner) {
    const window = renderTerms(d.glossary, owner.name, lang);
    out.push({ kind: "line", key: "end.window", params: { window, phone: owner.phone, hours: hoursText(owner, lang, t) } });
    // Within the time the window must take the case up; not said to someone who asked not to be contacted.
    if (intake.consent.contactBy !== "none") out.push({ kind: "line", key: "end.contactWithin", params: { window, within: withinText(slaOf(d.municipality.slaHours, triage.urgency), t) } });
  }
  out.push({ kind: "line", key: `end.next.${intake.consent.contactBy ?? "unknown"}` });
  const mayUse = ENTITLEMENTS.filter((f) => triage.flags.includes(f));
  if (mayUse.length > 0) {
    out.push({ kind: "line", key: "end.entitlementsHeader" });
    // What to bring names the residence card only to a foreign national.
    const texts = namesResidenceCard(intake) ? "end.entitlementForeignNational" : "end.entitlement";
    for (const f of mayUse) out.push({ kind: "line", key: `${texts}.${f}` });
  }
  out.push({ kind: "line", key: "end.statusHint" });
  return out;
}

/** "within 3 days" for whole days, else "within 5 hours". */
function withinText(hours: number, t: ReturnType<DirectoryTexts["locales"]["t"]>): string {
  if (hours % 24 === 0) return hours === 24 ? t("end.within.oneDay") : t("end.within.days", { n: hours / 24 });
  const h = Math.ceil(hours);
  return h === 1 ? t("end.within.oneHour") : t("end.within.hours", { n: h });
}
