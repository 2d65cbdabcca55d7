// The schema of flows/*.flow.yaml: what an administrator may write. Parsed with zod at load, then
// checked for dangling references by loadFlow (a jump to a missing step must never strand anyone).
import { z } from "zod";
import { CrisisKindSchema } from "../crisis/crisisKinds.ts";

export const OptionValue = z.union([z.string(), z.number(), z.boolean()]);
export type OptionValue = z.infer<typeof OptionValue>;

export type FlowCondition =
  | { field: string; equals: OptionValue }
  | { field: string; in: OptionValue[] }
  | { field: string; includesAny: OptionValue[] }
  | { field: string; countAtLeast: number }
  /** The question was answered: a value, or a list with something in it. */
  | { field: string; answered: boolean }
  | { members: { ageBand?: string[]; conditions?: string[] } }
  | { not: FlowCondition }
  | { any: FlowCondition[] }
  | { all: FlowCondition[] }
  | { answer: OptionValue };

export const FlowCondition: z.ZodType<FlowCondition> = z.lazy(() =>
  z.union([
    z.strictObject({ field: z.string(), equals: OptionValue }),
    z.strictObject({ field: z.string(), in: z.array(OptionValue) }),
    z.strictObject({ field: z.string(), includesAny: z.array(OptionValue) }),
    z.strictObject({ field: z.string(), countAtLeast: z.number().int() }),
    z.strictObject({ field: z.string(), answered: z.boolean() }),
    z.strictObject({ members: z.strictObject({ ageBand: z.array(z.string()).optional(), conditions: z.array(z.string()).optional() }) }),
    z.strictObject({ not: FlowCondition }),
    z.strictObject({ any: z.array(FlowCondition) }),
    z.strictObject({ all: z.array(FlowCondition) }),
    z.strictObject({ answer: OptionValue }),
  ]),
);

export const StepKind = z.enum(["single", "multi", "amount", "days", "text", "phone", "summary"]);
export type StepKind = z.infer<typeof StepKind>;

/**
 * What is special about a step, declared in the flow rather than recognised by its id or field
 * (src/conversation/stepRoles.ts says which field each role writes and how many a flow has).
 */
export const StepRole = z.enum([
  "language",
  "householdStart",
  "householdMore",
  "memberRelation",
  "memberAge",
  "memberConditions",
  "mainConcern",
  "consent",
  "contactName",
]);
export type StepRole = z.infer<typeof StepRole>;

const Name = z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/, { error: "step ids and texts names are letters and digits, starting with a letter" });

export const FlowStep = z.strictObject({
  id: Name,
  /** Where the step's texts live (src/i18n/stepTexts.ts); the id when absent. */
  texts: Name.optional(),
  role: StepRole.optional(),
  section: z.string(),
  field: z.string(),
  kind: StepKind,
  options: z.string().optional(),
  optionsFrom: z.string().optional(),
  when: FlowCondition.optional(),
  next: z.strictObject({ if: FlowCondition, then: z.string(), else: z.string() }).optional(),
});
export type FlowStep = z.infer<typeof FlowStep>;

/** An answer that is itself a danger (contract section 7): answered at once like a typed crisis. */
export const FlowDanger = z.strictObject({ when: FlowCondition, crisis: CrisisKindSchema });
export type FlowDanger = z.infer<typeof FlowDanger>;

/** What "not safe" to the check question after a possible crisis writes into the intake, by kind. */
export const SafetyCheckAnswer = z.strictObject({ field: z.string(), value: OptionValue });
export type SafetyCheckAnswer = z.infer<typeof SafetyCheckAnswer>;
export const SafetyCheckWrites = z.partialRecord(CrisisKindSchema, SafetyCheckAnswer);
export type SafetyCheckWrites = z.infer<typeof SafetyCheckWrites>;

/**
 * The document format: 2 declares step roles and texts; a document without `format` (written
 * before roles, such as releases already published) gets its roles from its fields on load.
 */
export const FLOW_FORMAT = 2;

export const FlowDocument = z.strictObject({
  format: z.literal(FLOW_FORMAT).optional(),
  id: z.string(),
  version: z.number().int().positive(),
  optionSets: z.record(z.string(), z.union([z.array(OptionValue), z.enum(["$languages", "$areas"])])),
  steps: z.array(FlowStep).min(1),
  dangers: z.array(FlowDanger).default([]),
  safetyCheck: SafetyCheckWrites.default({}),
});
export type FlowDocument = z.infer<typeof FlowDocument>;
