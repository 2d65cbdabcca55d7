// The crisis kinds of the intake contract (shared/contract/INTAKE.md §7).
import { z } from "zod";

export const CRISIS_KINDS = [
  "self_harm",
  "violence",
  "child_abuse",
  "homeless_tonight",
  "no_food",
  "medical",
] as const;

export const CrisisKindSchema = z.enum(CRISIS_KINDS);
export type CrisisKind = z.infer<typeof CrisisKindSchema>;
