// Evaluates a flow condition against the answers so far. Pure.
import type { Draft } from "./answers.ts";
import { getAnswer } from "./answers.ts";
import type { FlowCondition, OptionValue } from "./flowSchema.ts";

export function evaluate(cond: FlowCondition, draft: Draft, memberIndex: number | null, lastAnswer: unknown): boolean {
  if ("not" in cond) return !evaluate(cond.not, draft, memberIndex, lastAnswer);
  if ("any" in cond) return cond.any.some((c) => evaluate(c, draft, memberIndex, lastAnswer));
  if ("all" in cond) return cond.all.every((c) => evaluate(c, draft, memberIndex, lastAnswer));
  if ("answer" in cond) return lastAnswer === cond.answer;
  if ("members" in cond) {
    const { ageBand = [], conditions = [] } = cond.members;
    return draft.household.members.some(
      (m) => (m.ageBand !== null && ageBand.includes(m.ageBand)) || m.conditions.some((c) => conditions.includes(c)),
    );
  }
  const value = getAnswer(draft, cond.field, memberIndex);
  if ("equals" in cond) return value === cond.equals;
  if ("in" in cond) return cond.in.includes(value as OptionValue);
  if ("answered" in cond) return (value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0)) === cond.answered;
  if ("includesAny" in cond) return Array.isArray(value) && value.some((v) => cond.includesAny.includes(v as OptionValue));
  return Array.isArray(value) && value.length >= cond.countAtLeast;
}
