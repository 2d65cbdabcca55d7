// Reading and writing answers by the contract's field paths ("housing.tenure",
// "isolation.ucla3.0", "household.member.relation"), on an intake draft. Pure: returns new objects.
import type { Intake, Member } from "../intake/intakeSchema.ts";
import type { OptionValue } from "./flowSchema.ts";

export type Draft = Intake;
const MEMBER_PREFIX = "household.member.";

function resolvePath(field: string, memberIndex: number | null): (string | number)[] {
  if (field.startsWith(MEMBER_PREFIX)) {
    if (memberIndex === null) throw new Error(`no current household member for ${field}`);
    return ["household", "members", memberIndex, field.slice(MEMBER_PREFIX.length)];
  }
  return field.split(".").map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

export function getAnswer(draft: Draft, field: string, memberIndex: number | null): unknown {
  let cur: unknown = draft;
  for (const key of resolvePath(field, memberIndex)) {
    if (cur === null || cur === undefined) return null;
    cur = (cur as Record<string | number, unknown>)[key];
  }
  return cur ?? null;
}

export function setAnswer(draft: Draft, field: string, memberIndex: number | null, value: unknown): Draft {
  const path = resolvePath(field, memberIndex);
  const next = structuredClone(draft);
  // UCLA items live in a tuple that is null until the first item is answered.
  if (path[0] === "isolation" && path[1] === "ucla3" && next.isolation.ucla3 === null) {
    next.isolation.ucla3 = [null, null, null];
  }
  let cur = next as unknown as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) cur = cur[key] as Record<string | number, unknown>;
  cur[path[path.length - 1]!] = value;
  return next;
}

export function toggleAnswer(draft: Draft, field: string, memberIndex: number | null, value: OptionValue): Draft {
  const current = (getAnswer(draft, field, memberIndex) as OptionValue[] | null) ?? [];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  return setAnswer(draft, field, memberIndex, next);
}

export function addMember(draft: Draft): { draft: Draft; memberIndex: number } {
  const next = structuredClone(draft);
  const member: Member = { relation: null, ageBand: null, conditions: [] };
  next.household.members.push(member);
  return { draft: next, memberIndex: next.household.members.length - 1 };
}
