// Which choices a question offers right now, and how they are paged to fit LINE's 13 quick replies.
import type { CompiledFlow, FlowContext } from "./compileFlow.ts";
import { getAnswer } from "./answers.ts";
import type { FlowStep, OptionValue } from "./flowSchema.ts";

export const QUICK_REPLY_LIMIT = 13;

export function optionsFor(flow: CompiledFlow, step: FlowStep, context: FlowContext): OptionValue[] {
  const all = step.options ? flow.options[step.options]! : [];
  if (!step.optionsFrom) return all;
  const chosen = (getAnswer(context.answers, step.optionsFrom, context.memberIndex) as OptionValue[] | null) ?? [];
  return all.filter((v) => chosen.includes(v));
}

export interface OptionPage {
  values: OptionValue[];
  hasMore: boolean;
  page: number;
}

/** Choices on one page: room is left for skip, back, done (multi) and, when paged, more. */
export function pageOptions(step: FlowStep, values: OptionValue[], page: number, canGoBack: boolean): OptionPage {
  const fixed = (step.kind === "summary" ? 0 : 1) + (canGoBack ? 1 : 0) + (step.kind === "multi" ? 1 : 0);
  const room = QUICK_REPLY_LIMIT - fixed;
  if (values.length <= room) return { values, hasMore: false, page: 0 };
  const size = room - 1;
  const pages = Math.ceil(values.length / size);
  const p = ((page % pages) + pages) % pages;
  return { values: values.slice(p * size, p * size + size), hasMore: true, page: p };
}
