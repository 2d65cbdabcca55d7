// The flow as a graph for model-based walks (xstate/graph): which events a state offers, which
// states count as the same, and the walks over it — every step reachable, no dead end. The tests
// walk the published flow with it (test/conversation/flowPaths.test.ts) and publishing walks a
// new release with it (src/releases/verifyRelease.ts). States are told apart by their step plus
// the truth of the flow's branch conditions, so the graph stays finite while every branch
// combination stays distinct.
import { transition, type AnyMachineSnapshot } from "xstate";
import { getShortestPaths } from "xstate/graph";
import { getAnswer } from "./answers.ts";
import type { CompiledFlow, FlowContext, FlowEvent } from "./compileFlow.ts";
import { evaluate } from "./conditions.ts";
import type { FlowCondition, FlowStep, OptionValue } from "./flowSchema.ts";
import { optionsFor } from "./questionOptions.ts";
import { restore, startConversation } from "./step.ts";
import { inHousehold } from "./stepRoles.ts";
import type { LocaleCode } from "../intake/codes.ts";

export const MODEL_NOW = "2025-04-01T09:00:00.000Z";
export const SAMPLE_TEXT = "家賃が払えず困っています";
export const SAMPLE_PHONE = "09012345678"; // "090-1234-5678" as parsePhone stores it
export const COMPLETED_STATE = "completed";

export type Snap = AnyMachineSnapshot;
export const ctxOf = (s: Snap) => s.context as FlowContext;
export const valueOf = (s: Snap) => (s.status === "done" ? COMPLETED_STATE : String(s.value));
export const isDone = (s: Snap) => s.status === "done";
export const send = (f: CompiledFlow, s: Snap, event: FlowEvent): Snap => transition(f.machine, s, event as never)[0] as Snap;
export const startSnapshot = (f: CompiledFlow, lang: LocaleCode = "ja"): Snap => restore(f, startConversation(f, lang).snapshot);

/** Field and member leaves of a condition (`answer` leaves are decided in the transient state). */
export function leavesOf(cond: FlowCondition): FlowCondition[] {
  if ("not" in cond) return leavesOf(cond.not);
  if ("any" in cond) return cond.any.flatMap(leavesOf);
  if ("all" in cond) return cond.all.flatMap(leavesOf);
  if ("answer" in cond) return [];
  return [cond];
}

/** Every `when` leaf of the flow, deduplicated: the context bits branching depends on. */
export function branchLeaves(f: CompiledFlow): FlowCondition[] {
  const seen = new Map<string, FlowCondition>();
  for (const s of f.steps) for (const leaf of s.when ? leavesOf(s.when) : []) seen.set(JSON.stringify(leaf), leaf);
  return [...seen.values()];
}

/**
 * Leaves of the `when` of the steps that can still come after each step (a static walk of the
 * flow's order and `next` jumps): a coarser abstraction than `branchLeaves`, for reachability.
 */
export function liveLeaves(f: CompiledFlow): Map<string, FlowCondition[]> {
  const index = new Map(f.steps.map((s, i) => [s.id, i]));
  const successors = (i: number): number[] => {
    const s = f.steps[i]!;
    if (s.kind === "summary") return [];
    return [i + 1, ...(s.next ? [index.get(s.next.then)!, index.get(s.next.else)!] : [])];
  };
  const out = new Map<string, FlowCondition[]>();
  f.steps.forEach((s, i) => {
    const seen = new Set<number>();
    const todo = successors(i);
    while (todo.length > 0) {
      const j = todo.pop()!;
      if (seen.has(j)) continue;
      seen.add(j);
      todo.push(...successors(j));
    }
    const leaves = [...seen].flatMap((j) => (f.steps[j]!.when ? leavesOf(f.steps[j]!.when!) : []));
    out.set(s.id, [...new Map(leaves.map((l) => [JSON.stringify(l), l])).values()]);
  });
  return out;
}

export type Abstraction = "branches" | "live";

/**
 * A state's identity in the graph: the step, the truth of the condition leaves that can still
 * matter ("live"; "branches" adds which conditional questions apply so far), the number
 * of household members (capped at 2, so the member loop stays finite) while in the household,
 * the number chosen so far (capped at 2) on a multi-choice question, and the section being edited.
 * `languages` are the complete languages: a conversation without one must not hide behind one
 * that has it.
 */
export function serializer(f: CompiledFlow, abstraction: Abstraction, languages: readonly string[]): (s: Snap) => string {
  const live = liveLeaves(f);
  // The first conditional question of each section: which sections (or parts) are open.
  const gated = f.steps.filter((s, i) => s.when && !inHousehold(s) && !f.steps.slice(0, i).some((p) => p.section === s.section && p.when));
  return (s) => {
    const v = valueOf(s);
    const c = ctxOf(s);
    const step = f.byId.get(v);
    const leaves = step ? live.get(v)! : [];
    // The finer model also tells apart which sections the answers so far open (the first
    // conditional question of each), rather than the truth of every condition leaf: with a flow
    // of many gated questions, every leaf's truth would multiply past any limit.
    const applied = abstraction === "branches" ? gated.map((g) => (evaluate(g.when!, c.answers, null, null) ? "1" : "0")).join("") : "";
    const bits = leaves.map((l) => (evaluate(l, c.answers, null, null) ? "1" : "0")).join("") + (applied ? `/${applied}` : "");
    const members = step && inHousehold(step) ? Math.min(c.answers.household.members.length, 2) : "";
    const chosen = step?.kind === "multi" ? Math.min(((getAnswer(c.answers, step.field, c.memberIndex) as unknown[] | null) ?? []).length, 2) : "";
    const language = languages.includes(c.answers.language) ? "" : `lang=${String(c.answers.language)}`;
    return `${v}|${bits}|${members}|${chosen}|${c.editSection ?? ""}|${language}`;
  };
}

export const sampleText = (step: FlowStep) => (step.kind === "phone" ? SAMPLE_PHONE : step.role === "contactName" ? "山田 花子" : SAMPLE_TEXT);

/** The answers a question offers, as machine events (what its postbacks and typed replies send). */
export function answerEvents(f: CompiledFlow, s: Snap): FlowEvent[] {
  if (isDone(s)) return [];
  const step = f.byId.get(valueOf(s))!;
  const id = step.id;
  const skip: FlowEvent = { type: `skip.${id}` };
  const answer = (value: OptionValue): FlowEvent => ({ type: `answer.${id}`, value, at: MODEL_NOW });
  switch (step.kind) {
    case "single":
    case "amount":
    case "days":
      return [...optionsFor(f, step, ctxOf(s)).map(answer), skip];
    case "multi":
      return [...optionsFor(f, step, ctxOf(s)).map((value) => ({ type: `toggle.${id}`, value })), { type: `done.${id}` }, skip];
    case "text":
    case "phone":
      return [answer(sampleText(step)), skip];
    case "summary":
      return [answer(true)];
  }
}

export interface Explored {
  /** One shortest path per distinct state, as getShortestPaths returns them. */
  paths: ReturnType<typeof getShortestPaths>;
  serialize: (s: Snap) => string;
}

export function explore(f: CompiledFlow, abstraction: Abstraction, languages: readonly string[]): Explored {
  const serialize = serializer(f, abstraction, languages);
  const paths = getShortestPaths(f.machine, {
    fromState: startSnapshot(f),
    events: (s: Snap) => answerEvents(f, s),
    serializeState: serialize as never,
    // A serialisation that let the graph grow without bound would fail here, not hang.
    limit: 200_000,
  });
  return { paths, serialize };
}

/** The step ids (and "completed") that no sequence of answers reaches from the first question. */
export function unreachableSteps(f: CompiledFlow, languages: readonly string[]): string[] {
  const reached = new Set(explore(f, "live", languages).paths.map((p) => valueOf(p.state as Snap)));
  return [...f.steps.map((s) => s.id), COMPLETED_STATE].filter((id) => !reached.has(id));
}

export interface DeadEndWalk {
  policy: "skip" | "last choice";
  /** One per state from which the policy never completes the intake: its step and a line. */
  deadEnds: { step: string; text: string }[];
  /** The most questions still to answer from any state (a pass of the flow is steps + 1). */
  worst: number;
}

/**
 * From every open state of `model`, skips every question (or answers it with its last choice)
 * until the intake completes: a state from which that loops is a dead end.
 */
export function deadEndWalks(f: CompiledFlow, model: Explored): DeadEndWalk[] {
  const limit = f.steps.length + 1;
  const openStates = model.paths.map((p) => p.state as Snap).filter((s) => !isDone(s));
  const via = (s: Snap) => {
    const path = model.paths.find((p) => p.state === s);
    return path ? path.steps.slice(1).map((st) => (st.event as FlowEvent).type).join(" → ") : "?";
  };
  const skipOrSubmit = (s: Snap): FlowEvent => {
    const step = f.byId.get(valueOf(s))!;
    return step.kind === "summary" ? { type: `answer.${step.id}`, value: true, at: MODEL_NOW } : { type: `skip.${step.id}` };
  };
  const lastChoice = (s: Snap): FlowEvent[] => {
    const step = f.byId.get(valueOf(s))!;
    const options = optionsFor(f, step, ctxOf(s));
    const last = options[options.length - 1];
    if (step.kind === "multi") return last === undefined ? [{ type: `done.${step.id}` }] : [{ type: `toggle.${step.id}`, value: last }, { type: `done.${step.id}` }];
    if (step.kind === "summary") return [{ type: `answer.${step.id}`, value: true, at: MODEL_NOW }];
    if (step.kind === "text" || step.kind === "phone") return [{ type: `answer.${step.id}`, value: sampleText(step), at: MODEL_NOW }];
    return last === undefined ? [{ type: `skip.${step.id}` }] : [{ type: `answer.${step.id}`, value: last, at: MODEL_NOW }];
  };
  const policies = [
    ["skip", (s: Snap) => [skipOrSubmit(s)]],
    ["last choice", lastChoice],
  ] as const;
  return policies.map(([name, policy]) => {
    const distance = new Map<string, number>(); // questions still to answer, by state
    const deadEnds: DeadEndWalk["deadEnds"] = [];
    for (const from of openStates) {
      const chain: string[] = [];
      let cur: Snap = from;
      let rest = 0;
      let stuck = false;
      while (!isDone(cur)) {
        const key = model.serialize(cur);
        if (distance.has(key)) {
          rest = distance.get(key)!;
          break;
        }
        if (chain.includes(key) || chain.length > limit) {
          deadEnds.push({ step: valueOf(from), text: `${name}: from ${model.serialize(from)} (via ${via(from)}) loops at ${key}` });
          stuck = true;
          break;
        }
        chain.push(key);
        for (const event of policy(cur)) cur = send(f, cur, event);
      }
      if (!stuck) chain.reverse().forEach((key, i) => distance.set(key, rest + i + 1));
    }
    return { policy: name, deadEnds, worst: distance.size === 0 ? 0 : Math.max(...distance.values()) };
  });
}
