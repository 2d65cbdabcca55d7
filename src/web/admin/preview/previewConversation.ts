// A preview conversation on a draft: a resident's turn (src/conversation/turn.ts, the same one
// the LINE engine takes) without the database. What a real conversation would write (the
// referral, crisis signals, notifications) is only reported back as `raised`, never stored.
// test/e2e/preview.test.ts checks the answers against the real engine's on the same inputs.
import type { messagingApi } from "@line/bot-sdk";
import type { CrisisKind } from "../../../crisis/crisisKinds.ts";
import { detectCrisis } from "../../../crisis/detectCrisis.ts";
import { endOutputs } from "../../../conversation/endMessage.ts";
import { contextOf, restore, startConversation } from "../../../conversation/step.ts";
import { screen, takeTurn } from "../../../conversation/turn.ts";
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
  const { flow, locales, municipality } = release;
  if (state.completed) return { state, messages: [], raised: { crises: [], completed: false }, language: contextOf(restore(flow, state.snapshot)).answers.language };
  const turn = takeTurn(release, state.snapshot, input, screen(input, detectCrisis), o.now);
  const { result, outputs, signalled, language } = turn;
  const snapshot = restore(flow, result.snapshot);
  const crises = [...state.crises, ...signalled];
  if (result.completed) {
    const t = triage(result.completed, municipality, { crises, write: reasonWriter(locales, "ja") });
    outputs.push(...endOutputs(release, result.completed, t, o.referenceNo));
  }
  return {
    state: { snapshot: result.snapshot, completed: result.completed !== null, crises },
    messages: renderOutputs(outputs, { flow, locales, snapshot }),
    raised: { crises: turn.acted, completed: result.completed !== null },
    language,
  };
}
