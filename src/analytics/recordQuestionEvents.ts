// What the analytics know of a conversation's progress (issue 15): each question shown and each
// question answered, written in the same transaction as the step that caused them. A row holds the
// step, its section, the time, the conversation's language and how many answers it had by then —
// never the answer, never the LINE user id (the conversation id is the only link).
import type { Prisma } from "../generated/prisma/client.ts";
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

export async function recordQuestionEvents(tx: Prisma.TransactionClient, deps: { flow: CompiledFlow; sealer: Sealer }, r: StepRecord): Promise<void> {
  const { flow } = deps;
  const before = r.beforeEnc === null ? null : deps.sealer.openJson(r.beforeEnc);
  const answered = answeredStep(flow, before, r.after, r.completed);
  const shown = r.outputs.flatMap((o) => (o.kind === "question" && flow.byId.has(o.stepId) ? [o.stepId] : []));
  if (!answered && shown.length === 0) return;
  const sofar = await tx.questionEvent.count({ where: { conversationId: r.conversationId, kind: "answered" } });
  const answers = sofar + (answered ? 1 : 0);
  const row = (kind: "shown" | "answered", stepId: string) => ({
    conversationId: r.conversationId,
    kind,
    stepId,
    section: flow.byId.get(stepId)!.section,
    language: r.language,
    answersSoFar: answers,
    at: r.at,
  });
  await tx.questionEvent.createMany({ data: [...(answered ? [row("answered", answered)] : []), ...shown.map((s) => row("shown", s))] });
}
