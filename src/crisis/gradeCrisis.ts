// How a message's crisis is graded (contract §7): precise rules first, a statistical model for
// what the rules do not know, graded so the conversation can answer in proportion.
//  - a rule's hit (crisisRules.ts) is "clear": the rules are precise and carry their own guards;
//    only when the model is all but sure that nothing is wrong (below "overrule") is it dropped;
//  - otherwise the model (crisisModel.ts) scores each kind; at or above the "clear" threshold the
//    hit is clear, at or above "possible" it is possible (the conversation asks one gentle check
//    question), below it is nothing;
//  - the rules' guards veto the model: a kind whose phrase was negated, past, a joke or someone
//    else's; a message saying the trouble is over; news about someone else; a later date for
//    homelessness. A help question or a
//    laugh marker is never more than "possible" on the model's word alone.
import type { CrisisKind } from "./crisisKinds.ts";
import { CRISIS_KINDS } from "./crisisKinds.ts";
import { scoreCrisis, type CrisisModel, type KindScores, type Thresholds } from "./crisisModel.ts";
import { modelCanRead } from "./crisisFeatures.ts";
import { screenRules, type RuleScreen } from "./crisisRules.ts";

export type CrisisCertainty = "clear" | "possible";

export type CrisisDetection = {
  kind: CrisisKind;
  /** self_harm with a plan, means or attempt (→ emergency); always false for other kinds. */
  plan: boolean;
  /** "clear" → contacts and staff at once; "possible" → one check question first. */
  certainty: CrisisCertainty;
  /** The id of the rule that decided ("model.<kind>" for the model), never the text. */
  matched: string;
};

/**
 * Grades one message from the rules' reading and the model's scores, or null scores when the message
 * is too short for the model (modelCanRead). Pure; training uses it to choose the thresholds.
 */
export function gradeCrisis(screen: RuleScreen, scores: KindScores | null, thresholds: Thresholds): CrisisDetection | null {
  if (!scores) return screen.hit ? { ...screen.hit, certainty: "clear" } : null;
  if (screen.hit) {
    // A rule's phrase said in a way the model has learnt is harmless ("pag late ako papatayin ako ng
    // boss lol"). Never overruled: a plan, means or attempt, and a past trouble the message says has
    // come back (the rules read that turn; the model, taught mostly that a past is over, does not).
    const any = CRISIS_KINDS.reduce((sum, kind) => sum + scores[kind], 0);
    if (!screen.hit.plan && !screen.returned && any < thresholds.overrule) return null;
    return { ...screen.hit, certainty: "clear" };
  }
  if (screen.resolved || screen.news) return null;
  // The chance of a crisis is all the kinds' probability together (the model may hesitate between
  // violence and child_abuse and still be sure that something is wrong); the kind is the likeliest.
  let best: CrisisKind | null = null;
  let p = 0;
  for (const kind of CRISIS_KINDS) {
    if (screen.vetoed.has(kind) || (kind === "homeless_tonight" && screen.future)) continue;
    p += scores[kind];
    if (!best || scores[kind] > scores[best]) best = kind;
  }
  if (!best || p < thresholds.possible) return null;
  const clear = p >= thresholds.clear && !screen.infoQuestion && !screen.laugh;
  return { kind: best, plan: false, certainty: clear ? "clear" : "possible", matched: `model.${best}` };
}

/** A detector over a given model (tests and training use their own). */
export function crisisDetector(model: CrisisModel, thresholds: Thresholds = model.thresholds) {
  return (text: string): CrisisDetection | null => {
    if (!text || !text.trim()) return null;
    return gradeCrisis(screenRules(text), modelCanRead(text) ? scoreCrisis(model, text) : null, thresholds);
  };
}

