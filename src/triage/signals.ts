// What the conversation saw besides the answers: crises read in typed messages or free text.
import type { CrisisKind } from "../crisis/crisisKinds.ts";

export interface CrisisSignal {
  kind: CrisisKind;
  /** A plan, means or attempt (self_harm only). */
  plan: boolean;
}
