// Compiles a resolved flow into an XState v5 machine: one state per step, one event type per
// question ("answer.<step>", "skip.<step>", "toggle.<step>", "done.<step>", "more.<step>"),
// named guards and actions implemented once in setup(). Answers live in context, never in state
// names. After an answer the machine passes through "<step>__next", a transient state whose
// guarded transitions are the flow's order and conditions; "router" jumps to context.cursor for
// back, restart and edit, whose targets depend on history.
import { and, assign, setup, type AnyStateMachine } from "xstate";
import { emptyIntake } from "../intake/intakeSchema.ts";
import type { LocaleCode } from "../intake/codes.ts";
import { addMember, setAnswer, toggleAnswer, type Draft } from "./answers.ts";
import { evaluate } from "./conditions.ts";
import type { FlowCondition, FlowStep, OptionValue } from "./flowSchema.ts";
import type { ResolvedFlow } from "./loadFlow.ts";
import { addsMember } from "./stepRoles.ts";

export interface HistoryEntry {
  step: string;
  answers: Draft;
  memberIndex: number | null;
  /** The section being edited when this question was asked, so back keeps editing. */
  editSection?: string | null;
}

export interface FlowContext {
  answers: Draft;
  memberIndex: number | null;
  /** Which page of choices the open question shows. */
  page: number;
  lastAnswer: unknown;
  /** Answers as they were when the open question was asked: what "back" returns to. */
  arrival: HistoryEntry | null;
  history: HistoryEntry[];
  /** The section being re-asked from the summary; null when not editing. */
  editSection: string | null;
  cursor: string;
}

export interface FlowEvent {
  type: string;
  value?: OptionValue;
  at?: string;
  field?: string;
  lang?: string;
}

export interface CompiledFlow extends ResolvedFlow {
  machine: AnyStateMachine;
  byId: Map<string, FlowStep>;
  /** The first step of each section, by any field of that section (what "edit" reopens). */
  editTargets: Map<string, string>;
}

export const COMPLETED = "completed";
export const ROUTER = "router";
const HISTORY_LIMIT = 100;
export const nextStateOf = (id: string) => `${id}__next`;

type Guard = { type: "when"; params: { cond: FlowCondition } } | "editing";
interface Route {
  conds: Guard[];
  target: string;
}

export function compileFlow(flow: ResolvedFlow, defaultLanguage: LocaleCode = "ja"): CompiledFlow {
  const byId = new Map(flow.steps.map((s) => [s.id, s]));
  const indexOf = new Map(flow.steps.map((s, i) => [s.id, i]));
  const first = flow.steps[0]!;
  const summary = flow.steps.find((s) => s.kind === "summary")!;
  const editTargets = new Map<string, string>();
  for (const s of flow.steps) {
    const sectionStart = flow.steps.find((x) => x.section === s.section)!;
    editTargets.set(s.field, sectionStart.id);
    editTargets.set(s.section, sectionStart.id);
  }

  const when = (cond: FlowCondition): Guard => ({ type: "when", params: { cond } });

  /** The routes into step `id` and, when its condition fails, onwards. */
  const resolveInto = (id: string, conds: Guard[]): Route[] => {
    const step = byId.get(id)!;
    if (!step.when) return [{ conds, target: id }];
    const after = flow.steps[indexOf.get(id)! + 1];
    return [{ conds: [...conds, when(step.when)], target: id }, ...(after ? resolveInto(after.id, conds) : [])];
  };

  const routesAfter = (step: FlowStep): Route[] => {
    if (step.kind === "summary") return [{ conds: [], target: COMPLETED }];
    if (step.next) return [...resolveInto(step.next.then, [when(step.next.if)]), ...resolveInto(step.next.else, [])];
    const after = flow.steps[indexOf.get(step.id)! + 1]!;
    return resolveInto(after.id, []);
  };

  const toTransition = (r: Route) => ({
    target: r.target,
    ...(r.conds.length === 0 ? {} : { guard: r.conds.length === 1 ? r.conds[0]! : and(r.conds as never[]) }),
  });

  const pushHistory = (context: FlowContext): HistoryEntry[] =>
    context.arrival ? [...context.history, context.arrival].slice(-HISTORY_LIMIT) : context.history;

  const states: Record<string, unknown> = {};
  for (const step of flow.steps) {
    const params = { stepId: step.id };
    const on: Record<string, unknown> = {
      [`answer.${step.id}`]: { target: nextStateOf(step.id), actions: { type: "answer", params } },
    };
    if (step.kind !== "summary") on[`skip.${step.id}`] = { target: nextStateOf(step.id), actions: { type: "skip", params } };
    if (step.kind === "multi") {
      on[`toggle.${step.id}`] = { actions: { type: "toggle", params } };
      on[`done.${step.id}`] = { target: nextStateOf(step.id), actions: { type: "done", params } };
    }
    if (step.options || step.optionsFrom) on[`more.${step.id}`] = { actions: "nextPage" };
    if (step.kind === "summary") on["nav.edit"] = { guard: "editable", target: ROUTER, actions: "startEdit" };

    states[step.id] = { entry: { type: "arrive", params }, on };
    // Leaving the section being edited goes back to the summary instead.
    const routes = routesAfter(step).flatMap((r) => {
      const targetSection = r.target === COMPLETED ? null : byId.get(r.target)!.section;
      const leavesSection = targetSection !== step.section;
      return leavesSection && step.kind !== "summary"
        ? [{ ...toTransition({ conds: [...r.conds, "editing"], target: summary.id }), actions: "endEdit" }, toTransition(r)]
        : [toTransition(r)];
    });
    states[nextStateOf(step.id)] = { always: routes };
  }
  states[ROUTER] = {
    always: [
      ...flow.steps.map((s) => ({ guard: { type: "cursorIs", params: { stepId: s.id } }, target: s.id })),
      { target: first.id },
    ],
  };
  states[COMPLETED] = { type: "final" };

  const machine = setup({
    types: { context: {} as FlowContext, events: {} as FlowEvent },
    guards: {
      when: ({ context }, p: { cond: FlowCondition }) => evaluate(p.cond, context.answers, context.memberIndex, context.lastAnswer),
      editing: ({ context }) => context.editSection !== null,
      cursorIs: ({ context }, p: { stepId: string }) => context.cursor === p.stepId,
      hasHistory: ({ context }) => context.history.length > 0,
      checkWrite: ({ event }) => Object.values(flow.safetyCheck).some((w) => w!.field === event.field && w!.value === event.value),
      // Only sections the summary shows can be edited (a section whose questions do not apply is hidden).
      editable: ({ context, event }) => {
        const target = typeof event.field === "string" ? editTargets.get(event.field) : undefined;
        const when = target ? byId.get(target)!.when : undefined;
        return target !== undefined && (!when || evaluate(when, context.answers, null, null));
      },
    },
    actions: {
      arrive: assign(({ context }, p: { stepId: string }) => ({
        cursor: p.stepId,
        arrival: { step: p.stepId, answers: context.answers, memberIndex: context.memberIndex, editSection: context.editSection },
      })),
      answer: assign(({ context, event }, p: { stepId: string }) => {
        const step = byId.get(p.stepId)!;
        let { answers, memberIndex } = context;
        const history = pushHistory(context);
        if (step.kind === "summary") return { lastAnswer: event.value, history };
        if (addsMember(step)) {
          if (event.value === true) ({ draft: answers, memberIndex } = addMember(answers));
        } else {
          answers = setAnswer(answers, step.field, memberIndex, event.value);
        }
        if (step.role === "consent") answers = setAnswer(answers, "consent.at", null, event.at ?? null);
        return { answers, memberIndex, lastAnswer: event.value, page: 0, history };
      }),
      skip: assign(({ context }, p: { stepId: string }) => {
        const step = byId.get(p.stepId)!;
        const history = pushHistory(context);
        // Skipping the household question adds nobody; skipping the language keeps the current one.
        if (addsMember(step) || step.role === "language") return { lastAnswer: null, page: 0, history };
        // A skipped list is [], never null (contract section 3, "Lists").
        const value = step.kind === "multi" ? [] : null;
        return { answers: setAnswer(context.answers, step.field, context.memberIndex, value), lastAnswer: null, page: 0, history };
      }),
      toggle: assign(({ context, event }, p: { stepId: string }) => ({
        answers: toggleAnswer(context.answers, byId.get(p.stepId)!.field, context.memberIndex, event.value!),
      })),
      done: assign(({ context }) => ({ lastAnswer: null, page: 0, history: pushHistory(context) })),
      nextPage: assign(({ context }) => ({ page: context.page + 1 })),
      startEdit: assign(({ context, event }) => {
        const target = editTargets.get(event.field!)!;
        const section = byId.get(target)!.section;
        let answers = context.answers;
        // Re-asking the household starts the member list again (back restores the old one).
        if (addsMember(byId.get(target)!)) answers = { ...answers, household: { members: [] } };
        return { answers, memberIndex: null, cursor: target, editSection: section, history: pushHistory(context), page: 0 };
      }),
      endEdit: assign({ editSection: null }),
      back: assign(({ context }) => {
        const prev = context.history[context.history.length - 1]!;
        return {
          answers: { ...prev.answers, language: context.answers.language },
          memberIndex: prev.memberIndex,
          cursor: prev.step,
          history: context.history.slice(0, -1),
          arrival: null,
          page: 0,
          editSection: prev.editSection ?? null,
        };
      }),
      restart: assign(({ context }) => ({
        answers: emptyIntake(context.answers.language),
        memberIndex: null,
        cursor: first.id,
        history: [],
        arrival: null,
        page: 0,
        editSection: null,
        lastAnswer: null,
      })),
      changeLanguage: assign(({ context, event }) => ({
        answers: { ...context.answers, language: event.lang as LocaleCode },
      })),
      // "Not safe" to the check after a possible crisis: stored where the flow's safetyCheck says,
      // without moving the open question.
      storeCheck: assign(({ context, event }) => ({
        answers: setAnswer(context.answers, event.field!, null, event.value),
      })),
    },
  }).createMachine({
    id: `${flow.id}@${flow.version}`,
    initial: first.id,
    context: {
      answers: emptyIntake(defaultLanguage),
      memberIndex: null,
      page: 0,
      lastAnswer: null,
      arrival: null,
      history: [],
      editSection: null,
      cursor: first.id,
    },
    on: {
      "nav.back": { guard: "hasHistory", target: `.${ROUTER}`, actions: "back" },
      "nav.restart": { target: `.${ROUTER}`, actions: "restart" },
      "lang.change": { actions: "changeLanguage" },
      "check.answer": { guard: "checkWrite", actions: "storeCheck" },
    },
    states: states as never,
  }) as unknown as AnyStateMachine;

  return { ...flow, machine, byId, editTargets };
}
