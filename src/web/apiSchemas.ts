// The staff API's inputs and outputs in zod: the validators and the OpenAPI document come from
// these alone.
import { z } from "zod";
import { Intake } from "../intake/intakeSchema.ts";
import { ReferralStatus } from "../referrals/lifecycle.ts";
import { MAX_NOTE_LENGTH } from "../referrals/referralService.ts";
import { Triage, Urgency } from "../triage/triageSchema.ts";

export const ListQuery = z.object({
  status: ReferralStatus.optional(),
  urgency: Urgency.optional(),
  window: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, { error: "a window id" }).optional(),
  overdue: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  // A referral's seq: a PostgreSQL bigint, so at most 2^63 - 1.
  cursor: z
    .string()
    .regex(/^\d{1,19}$/, { error: "a cursor from X-Next-Cursor" })
    .refine((v) => BigInt(v) <= 2n ** 63n - 1n, { error: "a cursor from X-Next-Cursor" })
    .optional(),
});

export const ForwardBody = z.strictObject({
  windowId: z.string().min(1, { error: "name the window to forward to (a window never just declines)" }),
  reason: z.string().trim().min(1, { error: "say why" }).max(2000),
});
export const CloseBody = z.strictObject({ outcome: z.string().trim().min(1, { error: "give the outcome" }).max(2000) });
export const NoteBody = z.strictObject({ body: z.string().trim().min(1).max(MAX_NOTE_LENGTH, { error: `a note is at most ${MAX_NOTE_LENGTH} characters` }) });
export const EmptyBody = z.strictObject({ reason: z.string().max(2000).optional() });

const WindowRefView = z.object({ windowId: z.string(), type: z.string().nullable(), name: z.string().nullable() });
/** What an involved window without the resident's consent sees (src/referrals/referralProjection.ts). */
export const ExistenceReferralView = z.strictObject({
  access: z.literal("existence"),
  id: z.string(),
  referenceNo: z.string(),
  status: ReferralStatus,
  createdAt: z.string(),
  windows: z.strictObject({ primary: WindowRefView }),
});
export const FullReferralView = z.strictObject({
  access: z.literal("full"),
  id: z.string(),
  referenceNo: z.string(),
  status: ReferralStatus,
  urgency: Urgency,
  createdAt: z.string(),
  updatedAt: z.string(),
  statusAt: z.string(),
  overdue: z.boolean(),
  windows: z.strictObject({ primary: WindowRefView, involved: z.array(WindowRefView) }),
  lineUserId: z.string(),
  language: z.string(),
  flags: z.array(z.string()),
  consent: z.boolean().nullable(),
  intake: Intake,
  triage: Triage,
});
export const ReferralView = z.discriminatedUnion("access", [FullReferralView, ExistenceReferralView]);
/** What the resident wrote to the case after the intake (contract section 4), oldest first. */
export const ResidentMessageView = z.strictObject({ at: z.string(), language: z.string(), text: z.string() });
/** One referral read by id: with full access, also what the resident wrote afterwards. */
export const FullReferralDetail = z.strictObject({ ...FullReferralView.shape, residentMessages: z.array(ResidentMessageView) });
export const ReferralDetail = z.discriminatedUnion("access", [FullReferralDetail, ExistenceReferralView]);
export const WindowView = z.object({ id: z.string(), type: z.string(), name: z.string(), areas: z.array(z.string()), phone: z.string(), hours: z.string() });
export const ErrorBody = z.object({ message: z.string(), issues: z.array(z.object({ path: z.string(), message: z.string() })).optional() });
