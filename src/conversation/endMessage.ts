// What the resident hears at the end, in their language: the window that will contact them with
// its phone and hours, what happens next, the reference number, and the support they may be
// able to use, each with why and what to bring — never a promise.
import type { Intake } from "../intake/intakeSchema.ts";
import { hoursIn, type Municipality } from "../intake/municipality.ts";
import type { Triage } from "../triage/triageSchema.ts";
import { renderTerms, type Glossary } from "../i18n/glossary.ts";
import type { BotOutput } from "./outputs.ts";

const ENTITLEMENTS = ["housing_benefit_candidate", "public_assistance_candidate"] as const;

export function endOutputs(m: Municipality, intake: Intake, triage: Triage, referenceNo: string, g: Glossary): BotOutput[] {
  const owner = m.windows.find((w) => w.id === triage.routing.primary.windowId);
  const out: BotOutput[] = [{ kind: "line", key: "msg.completed", params: { ref: referenceNo } }];
  if (owner) out.push({ kind: "line", key: "end.window", params: { window: renderTerms(g, owner.name, intake.language), phone: owner.phone, hours: hoursIn(owner, intake.language) } });
  out.push({ kind: "line", key: `end.next.${intake.consent.contactBy ?? "unknown"}` });
  const mayUse = ENTITLEMENTS.filter((f) => triage.flags.includes(f));
  if (mayUse.length > 0) {
    out.push({ kind: "line", key: "end.entitlementsHeader" });
    for (const f of mayUse) out.push({ kind: "line", key: `end.entitlement.${f}` });
  }
  out.push({ kind: "line", key: "end.statusHint" });
  return out;
}
