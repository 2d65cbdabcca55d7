// What publishing checks before a version goes live, each problem one line naming the place and
// the fix: the content builds (every reference in the flow resolves, the directory is valid);
// every step is reachable and every way through ends in completion (the model-based walk of
// src/conversation/flowModel.ts); every choice writes a contract value to a contract field; every
// text exists in every offered language within LINE's limits and the やさしい日本語 rules
// (src/i18n/localeCheck.ts); every window type routing can name exists for every area.
import { addMember, setAnswer } from "../conversation/answers.ts";
import type { CompiledFlow } from "../conversation/compileFlow.ts";
import type { FlowCondition, OptionValue } from "../conversation/flowSchema.ts";
import { addsMember, asksMember } from "../conversation/stepRoles.ts";
import { COMPLETED_STATE, deadEndWalks, explore, valueOf, type Snap } from "../conversation/flowModel.ts";
import { checkLocaleContent } from "../i18n/localeCheck.ts";
import type { Locales } from "../i18n/locales.ts";
import { emptyIntake, Intake } from "../intake/intakeSchema.ts";
import type { Municipality } from "../intake/municipality.ts";
import { routedWindowTypes } from "../triage/routing.ts";
import { buildRelease } from "./buildRelease.ts";
import type { ReleaseContent } from "./releaseContent.ts";

export type ProblemKind = "build" | "flow" | "choice" | "text" | "directory";

export interface ReleaseProblem {
  kind: ProblemKind;
  /** The place: "step tenure", "en/bot.json: q.rent.text", "window housing, area kita". */
  place: string;
  /** What is wrong and what to do. */
  message: string;
}

export const problemLine = (p: ReleaseProblem) => `${p.place}: ${p.message}`;

export function verifyRelease(content: ReleaseContent): ReleaseProblem[] {
  const problems: ReleaseProblem[] = [];
  problems.push(...checkLocaleContent(content).map(textProblem));
  let built;
  try {
    built = buildRelease(content, 0);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    problems.push({ kind: "build", place: message.split(": ")[0] ?? "release", message: message.split(": ").slice(1).join(": ") || message });
    return problems;
  }
  problems.push(...walkProblems(built.flow, built.locales.languages));
  problems.push(...choiceProblems(built.flow));
  problems.push(...directoryProblems(built.flow, built.municipality, built.locales));
  return problems;
}

/**
 * What a change of the directory alone can break, without the (slow) walk of the flow: the
 * content still builds, every routed window type serves every area, and no condition of the
 * flow names an area the directory lacks. The administrators' directory page checks edits with it.
 */
export function verifyDirectory(content: ReleaseContent): ReleaseProblem[] {
  try {
    const built = buildRelease(content, 0);
    return directoryProblems(built.flow, built.municipality, built.locales);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return [{ kind: "build", place: message.split(": ")[0] ?? "release", message: message.split(": ").slice(1).join(": ") || message }];
  }
}

function directoryProblems(flow: CompiledFlow, m: Municipality, locales: Locales): ReleaseProblem[] {
  return [...windowProblems(m), ...areaConditionProblems(flow, m), ...noteProblems(m, locales)];
}

/** A note code with no text (bot.json contactNotes) would reach residents as its key. */
function noteProblems(m: Municipality, locales: Locales): ReleaseProblem[] {
  const entries = [
    ...m.windows.map((w) => ({ place: `window ${w.id}`, notes: w.notes })),
    ...Object.entries(m.crisisContacts ?? {}).flatMap(([kind, list]) => list.map((c, i) => ({ place: `crisisContacts.${kind}[${i}]`, notes: c.notes }))),
  ];
  return entries.flatMap(({ place, notes }) =>
    (notes ?? [])
      .filter((n) => !locales.i18n.exists(`contactNotes.${n}`, { lng: "ja", ns: "bot" }))
      .map((n): ReleaseProblem => ({ kind: "directory", place, message: `note "${n}" has no text — add contactNotes.${n} to the texts, or use another note` })),
  );
}

/** A condition on the area that names a code the directory no longer has would never match. */
function areaConditionProblems(flow: CompiledFlow, m: Municipality): ReleaseProblem[] {
  const codes = new Set(m.areas.map((a) => a.code));
  const named = (c: FlowCondition): OptionValue[] => {
    if ("not" in c) return named(c.not);
    if ("any" in c) return c.any.flatMap(named);
    if ("all" in c) return c.all.flatMap(named);
    if (!("field" in c) || c.field !== "area") return [];
    return "equals" in c ? [c.equals] : "in" in c ? c.in : "includesAny" in c ? c.includesAny : [];
  };
  const problems: ReleaseProblem[] = [];
  const check = (place: string, conds: (FlowCondition | undefined)[]) => {
    for (const v of conds.flatMap((c) => (c ? named(c) : []))) {
      if (!codes.has(String(v))) problems.push({ kind: "directory", place, message: `a condition names area "${String(v)}", which the directory does not have — add the area back or change the condition` });
    }
  };
  for (const step of flow.steps) check(`step ${step.id}`, [step.when, step.next?.if]);
  flow.dangers.forEach((d, i) => check(`dangers[${i}]`, [d.when]));
  return problems;
}

/**
 * A line of the i18n check → its place (language/file and key) and the rest. The check writes
 * "en/bot.json: q.x.text: …", "en/bot.json: missing q.x.text", "en/bot.json: q.x is 39
 * characters; …" and "en/bot.json: unused key q.x (…)".
 */
function textProblem(line: string): ReleaseProblem {
  const cut = line.indexOf(": ");
  if (cut < 0) return { kind: "text", place: line, message: "" };
  const file = line.slice(0, cut);
  const rest = line.slice(cut + 2);
  const m = /^(missing |unused key )?([\w.-]+)(?:: |\s|$)/.exec(rest);
  if (!m || (!m[1] && !m[2]!.includes("."))) return { kind: "text", place: file, message: rest };
  const message = m[1] ? `${m[1].trim()}${rest.slice(m[0].length) ? ` ${rest.slice(m[0].length)}` : ""}` : rest.slice(m[0].length);
  return { kind: "text", place: `${file}: ${m[2]}`, message };
}

/**
 * Reachability and dead ends on the coarser ("live") model of the flow: it reaches every step
 * the finer model reaches and takes about two seconds, where the finer one, which the tests
 * run, takes twenty.
 */
function walkProblems(flow: CompiledFlow, languages: readonly string[]): ReleaseProblem[] {
  const model = explore(flow, "live", languages);
  const reached = new Set(model.paths.map((p) => valueOf(p.state as Snap)));
  const problems: ReleaseProblem[] = [];
  for (const step of flow.steps) {
    if (!reached.has(step.id)) {
      problems.push({ kind: "flow", place: `step ${step.id}`, message: `no way through the flow reaches it — check its "when" and the "next" of the steps before it, or remove it` });
    }
  }
  if (!reached.has(COMPLETED_STATE)) {
    problems.push({ kind: "flow", place: "end", message: 'no way through the flow completes the intake — a "next" loops back with no way out; give it a way on to the summary' });
  }
  const stuck = new Set<string>();
  for (const walk of deadEndWalks(flow, model)) for (const d of walk.deadEnds) stuck.add(d.step);
  for (const step of stuck) {
    problems.push({ kind: "flow", place: `step ${step}`, message: "a resident who gets here can never finish (skipping or answering every question loops) — give the loop a way on to the summary" });
  }
  return problems;
}

/** Every choice a question offers, set on an empty intake, must give a valid intake (the contract). */
function choiceProblems(flow: CompiledFlow): ReleaseProblem[] {
  const problems: ReleaseProblem[] = [];
  for (const step of flow.steps) {
    // The summary's submit and the household loop's "add a member" write no answer.
    if (!step.options || step.kind === "summary" || addsMember(step)) continue;
    const member = asksMember(step);
    for (const value of flow.options[step.options] ?? []) {
      const start = emptyIntake("ja");
      const { draft, memberIndex } = member ? addMember(start) : { draft: start, memberIndex: null };
      const written = setAnswer(draft, step.field, memberIndex, step.kind === "multi" ? [value] : value);
      if (!Intake.safeParse(written).success) {
        problems.push({
          kind: "choice",
          place: `step ${step.id}`,
          message: `choice ${JSON.stringify(value)} (option set ${step.options}) is not a contract value of ${step.field} — use a code of shared/contract/INTAKE.md`,
        });
      }
    }
  }
  return problems;
}

/** Every window type routing can name must have a window serving each area (or the whole city). */
function windowProblems(m: Municipality): ReleaseProblem[] {
  const problems: ReleaseProblem[] = [];
  for (const type of routedWindowTypes()) {
    const ofType = m.windows.filter((w) => w.type === type);
    for (const area of m.areas) {
      if (ofType.some((w) => w.areas.includes(area.code) || w.areas.includes("*"))) continue;
      problems.push({
        kind: "directory",
        place: `window type ${type}, area ${area.code}`,
        message: `routing can send a case here but no ${type} window serves ${area.code} — add one, or give a ${type} window the area "${area.code}" or "*"`,
      });
    }
  }
  return problems;
}
