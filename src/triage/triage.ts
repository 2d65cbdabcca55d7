// triage(intake, municipality) → Triage: pure, total, deterministic. Reads like a caseworker's
// checklist: flags, then whether the case is compound, then urgency, then windows, each with why.
import type { Intake } from "../intake/intakeSchema.ts";
import type { Municipality } from "../intake/municipality.ts";
import { detectCrisis } from "../crisis/detectCrisis.ts";
import { domainsOf } from "./domains.ts";
import { deriveFlags, type RawReason } from "./flags.ts";
import { route } from "./routing.ts";
import type { CrisisSignal } from "./signals.ts";
import type { Triage } from "./triageSchema.ts";
import { deriveUrgency } from "./urgency.ts";

/** Turns a reason code and its parameters into words for staff. */
export type ReasonWriter = (code: string, params: Record<string, string | number>) => string;

export interface TriageOptions {
  /** Crises read in typed messages during the conversation. */
  crises?: CrisisSignal[];
  write: ReasonWriter;
}

export function triage(intake: Intake, municipality: Municipality, opts: TriageOptions): Triage {
  const crises = [...(opts.crises ?? [])];
  // The resident's own words are screened too (contract section 2: "or the free text … says so").
  // Only a clear crisis raises flags; a possible one is for the conversation to check with the resident.
  const fromText = intake.freeText ? detectCrisis(intake.freeText) : null;
  if (fromText?.certainty === "clear") crises.push({ kind: fromText.kind, plan: fromText.plan });

  const { flags, reasons: flagReasons } = deriveFlags(intake, municipality.thresholds, crises);
  const domains = domainsOf(flags);
  const reasons: RawReason[] = [...flagReasons];
  if (domains.length >= 2) {
    flags.push("compound");
    reasons.push({ code: "flag.compound.domains", params: { count: domains.length, domains: domains.join(", ") } });
  }
  const { urgency, reasons: urgencyReasons } = deriveUrgency(intake, flags, crises);
  const { routing, reasons: routingReasons } = route(intake, flags, municipality);
  const all = [...reasons, ...urgencyReasons, ...routingReasons];
  return {
    flags,
    urgency,
    routing,
    reasons: all.map((r) => ({ code: r.code, text: opts.write(r.code, r.params ?? {}), ...(r.params ? { params: r.params } : {}) })),
  };
}
