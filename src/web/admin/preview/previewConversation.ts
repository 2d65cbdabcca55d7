// A preview conversation on a draft: the resident's side of handleEvent.ts without the database.
// The same pure pieces answer (the step, the crisis screening, the safety check, the dangers, the
// end message, the LINE rendering), so an administrator sees what a resident would get; what a
// real conversation would write (the referral, crisis signals, notifications) is only reported
// back as `raised`, never stored. test/e2e/preview.test.ts checks the answers against the real
// engine's on the same inputs, so the two cannot drift apart unnoticed.
import type { messagingApi } from "@line/bot-sdk";
import { transition } from "xstate";
import type { CrisisKind } from "../../../crisis/crisisKinds.ts";
import { detectCrisis } from "../../../crisis/detectCrisis.ts";
import { crisisOutputs } from "../../../conversation/crisisResponse.ts";
import { newDangers } from "../../../conversation/dangers.ts";
import { endOutputs } from "../../../conversation/endMessage.ts";
import type { BotOutput } from "../../../conversation/outputs.ts";
import { needsHelp, parseSafetyCheck, safetyCheckQuestion } from "../../../conversation/safetyCheck.ts";
import { contextOf, persist, restore, startConversation, stepConversation, type StepResult } from "../../../conversation/step.ts";
import type { LocaleCode } from "../../../intake/codes.ts";
import { renderOutputs } from "../../../line/render.ts";
import type { BuiltRelease } from "../../../releases/buildRelease.ts";
import { reasonWriter } from "../../../triage/reasonWriter.ts";
import type { CrisisSignal } from "../../../triage/signals.ts";
import { triage } from "../../../triage/triage.ts";

export interface PreviewState {
  snapshot: unknown;
  completed: boolean;
  /** Crises a real conversation would have recorded so far (they weigh in its triage). */
  crises: CrisisSignal[];
}

export type PreviewInput = { kind: "text"; text: string } | { kind: "postback"; data: string };

export interface PreviewTurn {
  state: PreviewState;
  messages: messagingApi.Message[];
  /** What a real conversation would have raised to staff on this input; the preview raised nothing. */
  raised: { crises: CrisisKind[]; completed: boolean };
  /** The language the answer is in. */
  language: LocaleCode;
}

export function startPreview(release: BuiltRelease, language: LocaleCode): PreviewTurn {
  const lang = release.locales.languages.includes(language) ? language : "ja";
  const result = startConversation(release.flow, lang);
  const snapshot = restore(release.flow, result.snapshot);
  return {
    state: { snapshot: result.snapshot, completed: false, crises: [] },
    messages: renderOutputs(result.outputs, { flow: release.flow, locales: release.locales, snapshot }),
    raised: { crises: [], completed: false },
    language: lang,
  };
}

/** One resident input on the preview; `referenceNo` stands in for the number a referral would get. */
export function stepPreview(release: BuiltRelease, state: PreviewState, input: PreviewInput, o: { referenceNo: string; now: Date }): PreviewTurn {
  const { flow, locales, municipality, glossary } = release;
  if (state.completed) return { state, messages: [], raised: { crises: [], completed: false }, language: contextOf(restore(flow, state.snapshot)).answers.language };
  const persisted = state.snapshot;
  const screened = input.kind === "text" ? detectCrisis(input.text) : null;
  const crisis = screened?.certainty === "clear" ? screened : null;
  const possible = screened?.certainty === "possible" ? screened : null;
  const check = input.kind === "postback" ? parseSafetyCheck(input.data) : null;
  const confirmed = check && needsHelp(check.answer) ? check.kind : null;

  let result: StepResult;
  if (check) {
    const write = confirmed && check.answer === "unsafe" ? flow.safetyCheck[check.kind] : undefined;
    if (write) {
      const [after] = transition(flow.machine, restore(flow, persisted), { type: "check.answer", field: write.field, value: write.value });
      const snapshot = persist(flow, after);
      result = { snapshot, outputs: currentQuestion(release, snapshot), completed: null, changed: true };
    } else {
      result = { snapshot: persisted, outputs: [...(confirmed ? [] : [{ kind: "line", key: "check.thanks" } as const]), ...currentQuestion(release, persisted)], completed: null, changed: false };
    }
  } else if ((crisis || possible) && !answersWithText(release, persisted)) {
    result = crisis
      ? { snapshot: persisted, outputs: [{ kind: "line", key: "crisis.continue" }, ...currentQuestion(release, persisted)], completed: null, changed: false }
      : { snapshot: persisted, outputs: [], completed: null, changed: false };
  } else {
    result = stepConversation(flow, persisted, input, { locales, now: o.now.toISOString() });
  }
  const tapped = newDangers(flow, contextOf(restore(flow, persisted)).answers, contextOf(restore(flow, result.snapshot)).answers);

  const snapshot = restore(flow, result.snapshot);
  const language = contextOf(snapshot).answers.language;
  const outputs = [...result.outputs];
  if (possible && !crisis) outputs.splice(0, outputs.length, ...outputs.filter((x) => x.kind !== "question"), safetyCheckQuestion(possible.kind));
  const signalled = [crisis?.kind, confirmed].filter((k): k is CrisisKind => k != null);
  const acted = [...new Set([...signalled, ...tapped])];
  if (acted.length > 0) {
    const answer = crisisOutputs(municipality, acted, language, glossary);
    if (signalled.length === 0 && !result.completed) answer.push({ kind: "line", key: "crisis.continue" });
    outputs.unshift(...answer);
  }
  const crises = [...state.crises, ...signalled.map((kind) => ({ kind, plan: kind === crisis?.kind && crisis.plan }))];
  if (result.completed) {
    const t = triage(result.completed, municipality, { crises, write: reasonWriter(locales, "ja") });
    outputs.push(...endOutputs(municipality, result.completed, t, o.referenceNo, glossary));
  }
  return {
    state: { snapshot: result.snapshot, completed: result.completed !== null, crises },
    messages: renderOutputs(outputs, { flow, locales, snapshot }),
    raised: { crises: acted, completed: result.completed !== null },
    language,
  };
}

function currentQuestion(release: BuiltRelease, persisted: unknown): BotOutput[] {
  const s = restore(release.flow, persisted);
  return s.status === "done" ? [] : [{ kind: "question", stepId: String(s.value) }];
}

function answersWithText(release: BuiltRelease, persisted: unknown): boolean {
  const s = restore(release.flow, persisted);
  return s.status !== "done" && release.flow.byId.get(String(s.value))?.kind === "text";
}
