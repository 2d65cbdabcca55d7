// The Triage record of contract section 2.
import { z } from "zod";
import { Concern } from "../intake/codes.ts";
import { WindowType } from "../intake/municipality.ts";

export const PATTERN_FLAGS = [
  "8050", "double_care", "young_carer", "hikikomori", "elder_abuse_risk", "child_abuse_risk", "dv", "suicide_risk",
  "homeless", "housing_loss_imminent", "housing_insecure", "hoarding", "isolation", "food_insecurity",
  "language_support", "disaster_victim", "medical_emergency", "released_from_institution",
  "housing_benefit_candidate", "public_assistance_candidate", "compound",
] as const;
export const Flag = z.union([Concern, z.enum(PATTERN_FLAGS)]);
export type Flag = z.infer<typeof Flag>;

export const Urgency = z.enum(["emergency", "urgent", "routine"]);
export type Urgency = z.infer<typeof Urgency>;

export const WindowRef = z.object({ type: WindowType, windowId: z.string() });
export type WindowRef = z.infer<typeof WindowRef>;

/** text is Japanese (the record's language); params let a console word it in the staff's language. */
export const Reason = z.object({ code: z.string(), text: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() });
export type Reason = z.infer<typeof Reason>;

export const Triage = z.object({
  flags: z.array(Flag),
  urgency: Urgency,
  routing: z.object({
    primary: WindowRef,
    involved: z.array(WindowRef),
    meeting: z.enum(["jusoteki_shien_kaigi", "shien_kaigi"]).nullable(),
  }),
  reasons: z.array(Reason),
});
export type Triage = z.infer<typeof Triage>;
