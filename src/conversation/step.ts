// The conversation step: (stored snapshot, input) → (new snapshot, what to say). Pure given the
// flow and the locales; the caller saves the snapshot and the outbox rows in one transaction.
import { initialTransition, transition, type AnyMachineSnapshot } from "xstate";
import type { LocaleCode } from "../intake/codes.ts";
import type { Intake } from "../intake/intakeSchema.ts";
import type { Locales } from "../i18n/locales.ts";
import { buildIntake } from "./buildIntake.ts";
import { COMPLETED, type CompiledFlow, type FlowContext, type FlowEvent } from "./compileFlow.ts";
import { areaOfTyped } from "./areaLookup.ts";
import { matchesAny, normalizeTyped } from "./matchWords.ts";
import type { BotOutput } from "./outputs.ts";
import { parseAmount } from "./parse/parseAmount.ts";
import { parseDays } from "./parse/parseDays.ts";
import { parsePhone } from "./parse/parsePhone.ts";
import { parsePostbackData } from "./postbackData.ts";
import { optionsFor } from "./questionOptions.ts";
import type { FlowStep, OptionValue } from "./flowSchema.ts";
import { ownLabelKey } from "../i18n/stepTexts.ts";
import { clampUtf16 } from "../i18n/textLength.ts";

/** Longest free text kept, in UTF-16 code units as LINE counts (LINE's own text limit). */
export const FREE_TEXT_LIMIT = 5000;
export const NAME_LIMIT = 100;

export type ConversationInput =
  | { kind: "text"; text: string }
  | { kind: "postback"; data: string }
  | { kind: "nonText" };

export interface StepEnv {
  locales: Locales;
  /** ISO time of the event, for consent.at. */
  now: string;
}

export interface StepResult {
  snapshot: unknown;
  outputs: BotOutput[];
  /** Set when this input completed the intake. */
  completed: Intake | null;
  /** Whether stored answers changed. */
  changed: boolean;
}

export function restore(flow: CompiledFlow, persisted: unknown): AnyMachineSnapshot {
  return flow.machine.resolveState(persisted as never);
}

export function persist(flow: CompiledFlow, snapshot: AnyMachineSnapshot): unknown {
  return JSON.parse(JSON.stringify(flow.machine.getPersistedSnapshot(snapshot)));
}

/** A new conversation: greeting, privacy notice and the first question, in the suggested language. */
export function startConversation(flow: CompiledFlow, language: LocaleCode): StepResult {
  const [initial] = initialTransition(flow.machine);
  const [withLang] = transition(flow.machine, initial, { type: "lang.change", lang: language });
  return {
    snapshot: persist(flow, withLang),
    outputs: [{ kind: "line", key: "msg.greeting" }, { kind: "line", key: "msg.privacy" }, { kind: "question", stepId: flow.steps[0]!.id }],
    completed: null,
    changed: true,
  };
}

export const contextOf = (s: AnyMachineSnapshot) => s.context as FlowContext;
export const currentStepId = (s: AnyMachineSnapshot): string | null => (s.status === "done" ? null : String(s.value));

/** The typed commands the contract names (section 3), understood whatever the language. */
const CONTRACT_COMMANDS: Record<string, string[]> = { restart: ["最初から", "restart"], back: ["戻る", "back"] };

type Interpreted = { event: FlowEvent; lines: BotOutput[] } | { event: null; lines: BotOutput[] };
const line = (key: string, params?: Record<string, string | number>): BotOutput => ({ kind: "line", key, params });

export function stepConversation(flow: CompiledFlow, persisted: unknown, input: ConversationInput, env: StepEnv): StepResult {
  const before = restore(flow, persisted);
  const stepId = currentStepId(before);
  if (stepId === null) return { snapshot: persisted, outputs: [], completed: null, changed: false };
  const step = flow.byId.get(stepId)!;
  const ctx = contextOf(before);

  const interpreted =
    input.kind === "postback"
      ? interpretPostback(flow, step, ctx, input.data, env)
      : input.kind === "text"
        ? interpretText(flow, step, ctx, input.text, env)
        : { event: null, lines: [line("msg.nonText")] };

  if (!interpreted.event) {
    return { snapshot: persisted, outputs: [...interpreted.lines, { kind: "question", stepId }], completed: null, changed: false };
  }
  const [after] = transition(flow.machine, before, interpreted.event);
  if (interpreted.event.type === "nav.edit" && after.value === before.value) {
    // The machine refused the edit (a section the summary does not show): nothing changes.
    return { snapshot: persisted, outputs: [line("msg.invalidPostback"), { kind: "question", stepId }], completed: null, changed: false };
  }
  const snapshot = persist(flow, after);
  const changed = JSON.stringify(contextOf(after).answers) !== JSON.stringify(ctx.answers);
  if (after.status === "done" || after.value === COMPLETED) {
    return { snapshot, outputs: interpreted.lines, completed: buildIntake(flow, contextOf(after)), changed: true };
  }
  // The greeting and the privacy notice went out in the language first suggested: a resident who
  // chooses another reads them again in theirs before the first question.
  const chosenAnother = step.role === "language" && interpreted.event.type === `answer.${step.id}` && contextOf(after).answers.language !== ctx.answers.language;
  const welcome = chosenAnother ? [line("msg.greeting"), line("msg.privacy")] : [];
  return { snapshot, outputs: [...interpreted.lines, ...welcome, { kind: "question", stepId: String(after.value) }], completed: null, changed };
}

function interpretPostback(flow: CompiledFlow, step: FlowStep, ctx: FlowContext, raw: string, env: StepEnv): Interpreted {
  const data = parsePostbackData(raw);
  if (!data) return { event: null, lines: [line("msg.invalidPostback")] };
  if (!("q" in data)) {
    switch (data.op) {
      case "back":
        return { event: { type: "nav.back" }, lines: [] };
      case "restart":
        return { event: { type: "nav.restart" }, lines: [line("msg.restarted")] };
      case "lang":
        return changeLanguage(env, data.v);
      case "edit":
        if (step.kind !== "summary" || !flow.editTargets.has(data.v)) return { event: null, lines: [line("msg.staleQuestion")] };
        return { event: { type: "nav.edit", field: data.v }, lines: [line("msg.editing")] };
    }
  }
  if (data.q !== step.id) {
    // A tap on an older message: the answer stored for it stays as it is.
    return { event: null, lines: [line(flow.byId.has(data.q) ? "msg.staleQuestion" : "msg.invalidPostback")] };
  }
  if (data.f !== step.field) return { event: null, lines: [line("msg.invalidPostback")] };
  if ("op" in data) {
    switch (data.op) {
      case "skip":
        return step.kind === "summary" ? invalid() : { event: { type: `skip.${step.id}` }, lines: [] };
      case "more":
        return { event: { type: `more.${step.id}` }, lines: [] };
      case "done":
        return step.kind === "multi" ? { event: { type: `done.${step.id}` }, lines: [] } : invalid();
      case "toggle":
        return step.kind === "multi" && optionsFor(flow, step, ctx).includes(data.v)
          ? { event: { type: `toggle.${step.id}`, value: data.v }, lines: [] }
          : invalid();
    }
  }
  return answerWith(flow, step, ctx, data.v, env) ?? invalid();
}

const invalid = (): Interpreted => ({ event: null, lines: [line("msg.invalidPostback")] });

/** An answer event when `value` is acceptable for the step, else null. */
function answerWith(flow: CompiledFlow, step: FlowStep, ctx: FlowContext, value: OptionValue, env: StepEnv): Interpreted | null {
  const ok = (): Interpreted => ({ event: { type: `answer.${step.id}`, value, at: env.now }, lines: [] });
  switch (step.kind) {
    case "single":
      return optionsFor(flow, step, ctx).includes(value) ? ok() : null;
    case "amount":
      return typeof value === "number" && Number.isFinite(value) && value >= 0 && value <= 100_000_000 ? ok() : null;
    case "days":
      return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 365 ? ok() : null;
    case "summary":
      return value === true ? ok() : null;
    case "multi":
    case "text":
    case "phone":
      return null;
  }
}

function changeLanguage(env: StepEnv, lang: string): Interpreted {
  const target = env.locales.languages.find((l) => l === lang);
  if (!target) return { event: null, lines: [line("msg.invalidPostback")] };
  return { event: { type: "lang.change", lang: target }, lines: [line("msg.languageChanged")] };
}

function interpretText(flow: CompiledFlow, step: FlowStep, ctx: FlowContext, text: string, env: StepEnv): Interpreted {
  const { locales } = env;
  // Where the answer is the resident's own words (a name, free text), only the command words of
  // their language and the contract's own are read as commands: "Kyaw" is a name, not "back".
  const own = ctx.answers.language;
  const all = (name: string) =>
    step.kind === "text"
      ? [...(locales.words(name).get(own) ?? []), ...(CONTRACT_COMMANDS[name] ?? [])]
      : [...locales.words(name).values()].flat();
  if (matchesAny(text, all("restart"))) return { event: { type: "nav.restart" }, lines: [line("msg.restarted")] };
  if (matchesAny(text, all("back"))) return { event: { type: "nav.back" }, lines: [] };
  const lang = locales.languages.find((l) => matchesAny(text, [locales.meta.get(l)!.name]));
  if (lang && step.kind !== "text") return changeLanguage(env, lang);

  const t = locales.t(ctx.answers.language);
  if (step.kind !== "summary" && matchesAny(text, all("skip"))) return { event: { type: `skip.${step.id}` }, lines: [] };

  switch (step.kind) {
    case "text": {
      const limit = step.role === "contactName" ? NAME_LIMIT : FREE_TEXT_LIMIT;
      const kept = clampUtf16(text.trim(), limit);
      const lines = text.trim().length > limit ? [line("msg.textTooLong", { limit })] : [];
      return kept ? { event: { type: `answer.${step.id}`, value: kept, at: env.now }, lines } : { event: null, lines: [] };
    }
    case "phone": {
      const r = parsePhone(text);
      return r.ok ? { event: { type: `answer.${step.id}`, value: r.value, at: env.now }, lines: [] } : { event: null, lines: [line("msg.phoneInvalid")] };
    }
    case "amount": {
      const r = parseAmount(text);
      if (r.ok) return { event: { type: `answer.${step.id}`, value: r.value, at: env.now }, lines: [] };
      return { event: null, lines: [line(r.reason === "range" ? "msg.amountRange" : "msg.amountInvalid")] };
    }
    case "days": {
      const r = parseDays(text);
      return r.ok ? { event: { type: `answer.${step.id}`, value: r.value, at: env.now }, lines: [] } : { event: null, lines: [line("msg.daysInvalid")] };
    }
    case "single":
    case "multi": {
      if (step.kind === "multi" && matchesAny(text, all("done"))) return { event: { type: `done.${step.id}` }, lines: [] };
      const options = optionsFor(flow, step, ctx);
      const typed = normalizeTyped(text);
      let byLabel = options.find((v) => matchesAny(typed, [optionLabel(flow, step, v, t, locales)]));
      if (byLabel === undefined && step.options && flow.optionSources[step.options] === "areas") {
        // A typed town name or postal code finds its area; a postal code of another city is said so.
        const area = areaOfTyped(flow, options, text);
        if (area.kind === "postalCodeNotInCity") return { event: null, lines: [line("msg.postalCodeNotInCity", { code: area.code })] };
        if (area.kind === "area") byLabel = area.value;
      }
      // A yes/no question also understands the words for yes and no.
      const byYesNo =
        options.length > 0 && options.every((v) => typeof v === "boolean")
          ? matchesAny(text, all("yes")) ? true : matchesAny(text, all("no")) ? false : undefined
          : undefined;
      const value = byLabel ?? byYesNo;
      if (value === undefined) return { event: null, lines: [line("msg.chooseFromOptions")] };
      return step.kind === "multi"
        ? { event: { type: `toggle.${step.id}`, value }, lines: [] }
        : { event: { type: `answer.${step.id}`, value, at: env.now }, lines: [] };
    }
    case "summary":
      return { event: null, lines: [line("msg.chooseFromOptions")] };
  }
}

type T = ReturnType<Locales["t"]>;

/** The label a choice shows in the resident's language. */
export function optionLabel(flow: CompiledFlow, step: FlowStep, value: OptionValue, t: T, locales: Locales): string {
  const source = step.options ? flow.optionSources[step.options] : undefined;
  if (source === "languages") return locales.meta.get(value as LocaleCode)?.name ?? String(value);
  if (source === "areas") {
    // Residents know their town (町名), not the city's planning areas: an area with towns is offered by them.
    const towns = flow.areaTowns[String(value)] ?? [];
    return towns.length > 0 ? towns.join("・") : t(`areas.${String(value)}`, { defaultValue: String(value) });
  }
  return t([ownLabelKey(step, value), `options.${step.options}.${String(value)}`]);
}
