// One turn of a conversation under way, decided without side effects: what the resident's input
// does to the intake, and what to answer — the crisis screening's verdict, the safety check, a
// tapped danger, the open question. The LINE engine (src/engine/handleEvent.ts) stores and raises
// what this decides; the administrators' preview shows it and raises nothing. One place, so the
// preview cannot drift from what residents get.
import { transition } from "xstate";
import type { CrisisKind } from "../crisis/crisisKinds.ts";
import type { CrisisDetection } from "../crisis/detectCrisis.ts";
import type { Glossary } from "../i18n/glossary.ts";
import type { Locales } from "../i18n/locales.ts";
import type { LocaleCode } from "../intake/codes.ts";
import type { Municipality } from "../intake/municipality.ts";
import type { CompiledFlow } from "./compileFlow.ts";
import { crisisOutputs } from "./crisisResponse.ts";
import { newDangers } from "./dangers.ts";
import type { OptionValue } from "./flowSchema.ts";
import type { BotOutput } from "./outputs.ts";
import { needsHelp, parseSafetyCheck, safetyCheckQuestion } from "./safetyCheck.ts";
import { contextOf, persist, restore, stepConversation, type StepResult } from "./step.ts";

export interface TurnDeps {
  flow: CompiledFlow;
  locales: Locales;
  municipality: Municipality;
  glossary: Glossary;
}

export type TurnInput = { kind: "follow" } | { kind: "text"; text: string } | { kind: "postback"; data: string } | { kind: "nonText" };

/** What the crisis screening made of a typed message, and of an answer to the check question. */
export interface Screening {
  /** A clear crisis: acted on at once. */
  crisis: CrisisDetection | null;
  /** A possible one: one gentle check question first. */
  possible: CrisisDetection | null;
  /** The answer to the check question, when the input is one. */
  check: ReturnType<typeof parseSafetyCheck>;
  /** The kind the resident confirmed at the check ("not safe" or "not sure"): acted on like a typed crisis. */
  confirmed: CrisisKind | null;
}

/** Screens an input: every typed message, whatever question is open; a tap only for the check's answer. */
export function screen(input: TurnInput, detect: (text: string) => CrisisDetection | null): Screening {
  const screened = input.kind === "text" ? detect(input.text) : null;
  const check = input.kind === "postback" ? parseSafetyCheck(input.data) : null;
  return {
    crisis: screened?.certainty === "clear" ? screened : null,
    possible: screened?.certainty === "possible" ? screened : null,
    check,
    confirmed: check && needsHelp(check.answer) ? check.kind : null,
  };
}

export interface Turn {
  result: StepResult;
  /** The answer, crisis contacts first; the end message is the caller's (it needs the referral). */
  outputs: BotOutput[];
  /** Crises the resident typed or confirmed: recorded as signals, with the message. */
  signalled: { kind: CrisisKind; plan: boolean }[];
  /** Every kind answered with contacts in this turn (signalled, and dangers tapped). */
  acted: CrisisKind[];
  /** The language the conversation runs in after the turn. */
  language: LocaleCode;
}

/** The crises a screened input raises: the one typed, and the one confirmed at the check. */
export function signalsOf(s: Screening): { kind: CrisisKind; plan: boolean }[] {
  return [s.crisis ? { kind: s.crisis.kind, plan: s.crisis.plan } : null, s.confirmed ? { kind: s.confirmed, plan: false } : null].filter(
    (x): x is { kind: CrisisKind; plan: boolean } => x !== null,
  );
}

/** One input on a conversation under way (`persisted` is its stored snapshot). */
export function takeTurn(deps: TurnDeps, persisted: unknown, input: TurnInput, s: Screening, now: Date): Turn {
  const { flow } = deps;
  let result: StepResult;
  if (input.kind === "follow") {
    result = { snapshot: persisted, outputs: [{ kind: "line", key: "msg.welcomeBack" }, ...openQuestion(flow, persisted)], completed: null, changed: false };
  } else if (s.check) {
    // The answer to the check: "not safe" is stored where the flow says; the open question is asked again.
    const write = s.confirmed && s.check.answer === "unsafe" ? flow.safetyCheck[s.check.kind] : undefined;
    result = write
      ? storeCheckAnswer(flow, persisted, write.field, write.value)
      : { snapshot: persisted, outputs: [...(s.confirmed ? [] : [{ kind: "line", key: "check.thanks" } as const]), ...openQuestion(flow, persisted)], completed: null, changed: false };
  } else if ((s.crisis || s.possible) && !answersWithText(flow, persisted)) {
    // The crisis comes first; the open question is asked again, nothing is stored as an answer.
    result = s.crisis
      ? { snapshot: persisted, outputs: [{ kind: "line", key: "crisis.continue" }, ...openQuestion(flow, persisted)], completed: null, changed: false }
      : { snapshot: persisted, outputs: [], completed: null, changed: false };
  } else {
    result = stepConversation(flow, persisted, input, { locales: deps.locales, now: now.toISOString() });
  }
  const tapped = newDangers(flow, contextOf(restore(flow, persisted)).answers, contextOf(restore(flow, result.snapshot)).answers);
  return answerTurn(deps, s, result, tapped);
}

/**
 * The answer to a turn whose step is decided (also a conversation's first step): crisis contacts
 * first, for what was typed, confirmed or tapped; a possible crisis's check question last.
 */
export function answerTurn(deps: TurnDeps, s: Screening, result: StepResult, tapped: CrisisKind[] = []): Turn {
  const language = contextOf(restore(deps.flow, result.snapshot)).answers.language;
  const outputs = [...result.outputs];
  // The check comes last, so that its choices are the ones the resident can tap; the open
  // question is asked again after the answer.
  if (s.possible && !s.crisis) outputs.splice(0, outputs.length, ...outputs.filter((o) => o.kind !== "question"), safetyCheckQuestion(s.possible.kind));
  const signalled = signalsOf(s);
  const acted = [...new Set([...signalled.map((x) => x.kind), ...tapped])];
  if (acted.length > 0) {
    // A crisis or a danger comes first in the reply, in the language the conversation now runs in.
    const answer = crisisOutputs(deps, acted, language);
    // A typed crisis already says the consultation goes on; a tapped danger says it here.
    if (signalled.length === 0 && !result.completed) answer.push({ kind: "line", key: "crisis.continue" });
    outputs.unshift(...answer);
  }
  return { result, outputs, signalled, acted, language };
}

/** Stores "not safe" from the check without moving the open question, which is asked again. */
function storeCheckAnswer(flow: CompiledFlow, persisted: unknown, field: string, value: OptionValue): StepResult {
  const [after] = transition(flow.machine, restore(flow, persisted), { type: "check.answer", field, value });
  const snapshot = persist(flow, after);
  return { snapshot, outputs: openQuestion(flow, snapshot), completed: null, changed: true };
}

/** The question open in a stored snapshot, to ask again (none once done). */
export function openQuestion(flow: CompiledFlow, persisted: unknown): BotOutput[] {
  const s = restore(flow, persisted);
  return s.status === "done" ? [] : [{ kind: "question", stepId: String(s.value) }];
}

/** Whether the open question takes typed text as its answer (free text, name): then a crisis
 * typed there is also the answer. */
function answersWithText(flow: CompiledFlow, persisted: unknown): boolean {
  const s = restore(flow, persisted);
  return s.status !== "done" && flow.byId.get(String(s.value))?.kind === "text";
}
