// What the analytics read, as plain records: conversations (from their question events and
// status), crisis signals, and referrals with the few coded answers the figures count. Nothing
// here holds a name, a phone number, free text or a LINE user id: the loader (loadAnalytics.ts)
// copies codes only out of the sealed intake.

export interface QuestionRow {
  kind: "shown" | "answered";
  stepId: string;
  section: string;
  answersSoFar: number;
  at: Date;
}

export interface ConversationRecord {
  id: string;
  /** "active" | "paused" | "completed" | "abandoned" */
  status: string;
  /** The conversation's language now (what the resident chose, or the one suggested). */
  language: string | null;
  /** Its question events, oldest first (the first one starts it). */
  events: QuestionRow[];
}

export interface CrisisRecord {
  conversationId: string;
  kind: string;
  at: Date;
}

export interface ReferralEventRecord {
  fromStatus: string | null;
  toStatus: string;
  /** The owning window after the event (null on rows older than the analytics). */
  windowId: string | null;
  at: Date;
}

export interface ReferralRecord {
  id: string;
  createdAt: Date;
  urgency: string;
  language: string;
  primaryWindowId: string;
  flags: string[];
  respondent: string | null;
  ageBand: string | null;
  area: string | null;
  concerns: string[];
  contactBy: string | null;
  /** Its lifecycle events, oldest first. */
  events: ReferralEventRecord[];
}

export interface AnalyticsInput {
  /** Conversations whose first question event falls in the period. */
  conversations: ConversationRecord[];
  /** Crisis signals raised in the period. */
  crises: CrisisRecord[];
  /** Referrals created in the period, after the area or window filter. */
  referrals: ReferralRecord[];
}

export interface AnalyticsSetting {
  /** Sections in the flow's order, and each step's section, for the funnel. */
  sections: readonly string[];
  steps: readonly { id: string; section: string }[];
  /** SLA hours by urgency (flows/municipality.yaml). */
  slaHours: { emergency: number; urgent: number; routine: number };
}
