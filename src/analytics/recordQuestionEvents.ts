// What the analytics know of a conversation's progress (issue 15): each question shown and each
// question answered, written in the same transaction as the step that caused them. A row holds the
// step, its section, the time, the conversation's language and how many answers it had by then —
// never the answer, never the LINE user id (the conversation id is the only link).
import { Prisma } from "../generated/prisma/client.ts";
import type { DeferredWrites } from "../db/deferredWrites.ts";
import type { Sealer } from "../db/crypto.ts";
import type { CompiledFlow, FlowContext } from "../conversation/compileFlow.ts";
import type { BotOutput } from "../conversation/outputs.ts";
import { restore } from "../conversation/step.ts";

export interface StepRecord {
  conversationId: string;
  /** The conversation's sealed snapshot before this event; null for a new conversation. */
  beforeEnc: string | null;
  /** The snapshot after it (persisted form). */
  after: unknown;
  /** What the bot says in answer: every question among it was shown. */
  outputs: readonly BotOutput[];
  /** Whether this event completed the intake (the summary's confirmation is its last answer). */
  completed: boolean;
  language: string;
  at: Date;
}

/** The step a stored snapshot waits on, and the last question pushed onto its history. */
function position(flow: CompiledFlow, persisted: unknown): { step: string | null; pushed: string } {
  const s = restore(flow, persisted);
  const c = s.context as FlowContext;
  const last = c.history[c.history.length - 1];
  return { step: s.status === "done" ? null : String(s.value), pushed: last ? JSON.stringify(last) : "" };
}

/**
 * The open question counts as answered when the resident moved on from it by answering (or
 * skipping) it: the machine pushes the question onto its history exactly then, and not on back,
 * restart, a language change or a multi-choice toggle. The summary is answered when it completes.
 */
export function answeredStep(flow: CompiledFlow, before: unknown | null, after: unknown, completed: boolean): string | null {
  if (before === null) return null;
  const b = position(flow, before);
  if (b.step === null) return null;
  if (flow.byId.get(b.step)?.kind === "summary") return completed ? b.step : null;
  if (completed) return b.step;
  const a = position(flow, after);
  if (a.step === b.step || a.pushed === b.pushed) return null;
  const top = (restore(flow, after).context as FlowContext).history.at(-1);
  return top?.step === b.step ? b.step : null;
}

/**
 * Queues the rows with the event's closing writes: one INSERT that counts the answers so far
 * itself (the rows of earlier events), instead of a count and an insert.
 */
export function recordQuestionEvents(writes: DeferredWrites, deps: { flow: CompiledFlow; sealer: Sealer }, r: StepRecord): void {
  const { flow } = deps;
  const before = r.beforeEnc === null ? null : deps.sealer.openJson(r.beforeEnc);
  const answered = answeredStep(flow, before, r.after, r.completed);
  const shown = r.outputs.flatMap((o) => (o.kind === "question" && flow.byId.has(o.stepId) ? [o.stepId] : []));
  if (!answered && shown.length === 0) return;
  const rows = [...(answered ? [["answered", answered] as const] : []), ...shown.map((s) => ["shown", s] as const)].map(
    ([kind, stepId]) => Prisma.sql`(${kind}, ${stepId}, ${flow.byId.get(stepId)!.section})`,
  );
  writes.add(Prisma.sql`
    INSERT INTO "QuestionEvent" ("conversationId", kind, "stepId", section, language, "answersSoFar", at)
    SELECT ${r.conversationId}::uuid, v.kind, v.step, v.section, ${r.language},
      (SELECT count(*) FROM "QuestionEvent" q WHERE q."conversationId" = ${r.conversationId}::uuid AND q.kind = 'answered')::int + ${answered ? 1 : 0}::int,
      ${r.at}::timestamp(3)
    FROM (VALUES ${Prisma.join(rows)}) AS v(kind, step, section)`);
}
