// Dangers chosen by tapping (contract section 7): which of the flow's danger answers an input has
// just given. Pure; the flow decides what a danger is, never a step id in code.
import type { CrisisKind } from "../crisis/crisisKinds.ts";
import type { Draft } from "./answers.ts";
import { evaluate } from "./conditions.ts";
import type { ResolvedFlow } from "./loadFlow.ts";

/** The crisis kinds whose danger holds on `after` but did not on `before`, each once. */
export function newDangers(flow: Pick<ResolvedFlow, "dangers">, before: Draft, after: Draft): CrisisKind[] {
  const kinds = new Set<CrisisKind>();
  for (const d of flow.dangers) {
    if (evaluate(d.when, after, null, null) && !evaluate(d.when, before, null, null)) kinds.add(d.crisis);
  }
  return [...kinds];
}
