// The intake record from a finished (or abandoned) conversation's answers. Answers to questions
// that no longer apply (an edit changed the branch) are dropped, so the record says only what
// the resident's final answers lead to.
import { Intake } from "../intake/intakeSchema.ts";
import type { CompiledFlow, FlowContext } from "./compileFlow.ts";
import { setAnswer } from "./answers.ts";
import { evaluate } from "./conditions.ts";
import { inHousehold } from "./stepRoles.ts";

export function buildIntake(flow: CompiledFlow, context: FlowContext): Intake {
  let draft = structuredClone(context.answers);
  for (const step of flow.steps) {
    // The household loop keeps its members; the summary writes nothing.
    if (!step.when || inHousehold(step) || step.kind === "summary") continue;
    if (!evaluate(step.when, draft, null, null)) draft = setAnswer(draft, step.field, null, step.kind === "multi" ? [] : null);
  }
  if (draft.isolation.ucla3 && draft.isolation.ucla3.every((v) => v === null)) draft.isolation.ucla3 = null;
  // With one concern named, that one is the main one (the ◎ of the national form).
  if (draft.mainConcern === null && draft.concerns.length === 1) draft.mainConcern = draft.concerns[0]!;
  if (draft.consent.shareWithRelatedWindows === null) draft.consent.at = null;
  return Intake.parse(draft);
}
