// A flow condition in one compact line of the flow's own vocabulary (field paths, contract
// codes, operators), for the diagram's edge labels: `person.work ∉ [student, retired]`.
import type { FlowCondition } from "../../../conversation/flowSchema.ts";

const list = (values: readonly unknown[]) => `[${values.map(String).join(", ")}]`;

export function conditionText(c: FlowCondition): string {
  if ("not" in c) {
    const inner = c.not;
    if ("field" in inner && "in" in inner) return `${inner.field} ∉ ${list(inner.in)}`;
    if ("field" in inner && "equals" in inner) return `${inner.field} ≠ ${String(inner.equals)}`;
    return `¬(${conditionText(inner)})`;
  }
  if ("any" in c) return c.any.map(conditionText).join(" ∨ ");
  if ("all" in c) return c.all.map(conditionText).join(" ∧ ");
  if ("answer" in c) return `= ${String(c.answer)}`;
  if ("members" in c) {
    const parts = [...(c.members.ageBand ?? []), ...(c.members.conditions ?? [])];
    return `members ∋ ${list(parts)}`;
  }
  if ("equals" in c) return `${c.field} = ${String(c.equals)}`;
  if ("in" in c) return `${c.field} ∈ ${list(c.in)}`;
  if ("answered" in c) return `${c.field} ${c.answered ? "answered" : "not answered"}`;
  if ("includesAny" in c) return `${c.field} ∋ any ${list(c.includesAny)}`;
  return `|${c.field}| ≥ ${c.countAtLeast}`;
}
