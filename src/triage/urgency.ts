// Urgency of contract section 2: the most serious cause wins, and every cause is given.
import type { Intake } from "../intake/intakeSchema.ts";
import type { RawReason } from "./flags.ts";
import type { CrisisSignal } from "./signals.ts";
import type { Flag, Urgency } from "./triageSchema.ts";

export function deriveUrgency(intake: Intake, flags: Flag[], crises: CrisisSignal[]): { urgency: Urgency; reasons: RawReason[] } {
  const emergency: string[] = [];
  const urgent: string[] = [];
  const { safety, income, housing } = intake;
  if (safety.selfHarm === "plan_or_attempt") emergency.push("self_harm_plan");
  if (safety.violence === "ongoing") emergency.push("violence_ongoing");
  if (safety.childAtRisk === true) emergency.push("child_at_risk");
  if (housing.tenure === "net_cafe_or_street" || housing.tenure === "car") emergency.push("homeless");
  if (income.food === "none_today") emergency.push("no_food_today");
  for (const c of crises) {
    if (c.kind === "self_harm" && !c.plan) urgent.push("crisis_self_harm");
    else emergency.push(`crisis_${c.kind}${c.kind === "self_harm" ? "_plan" : ""}`);
  }
  if (safety.selfHarm === "thoughts") urgent.push("self_harm_thoughts");
  if (safety.violence === "past") urgent.push("violence_past");
  if (safety.elderOrDisabledAtRisk === true) urgent.push("elder_at_risk");
  if (flags.includes("housing_loss_imminent")) urgent.push("housing_loss_imminent");
  const urgency: Urgency = emergency.length > 0 ? "emergency" : urgent.length > 0 ? "urgent" : "routine";
  const causes = urgency === "emergency" ? emergency : urgency === "urgent" ? urgent : ["none"];
  return { urgency, reasons: [...new Set(causes)].map((c) => ({ code: `urgency.${urgency}.${c}` })) };
}
