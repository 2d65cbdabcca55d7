// The administrators' edits of the draft's flow, one pure function per verb: each takes the
// release content and gives new content or a refusal (a code the page words, with its params).
// What a refusal guards is what would make the draft unloadable or strand a resident; what only
// publishing can judge (reachability, translations, contract values) is left to verifyRelease.
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { FlowCondition, FlowDocument, FlowStep, StepKind, type OptionValue } from "../../../conversation/flowSchema.ts";
import { knownFields } from "../../../conversation/loadFlow.ts";
import { roleFields } from "../../../conversation/stepRoles.ts";
import type { ReleaseContent } from "../../../releases/releaseContent.ts";

export type EditRefusal = { ok: false; code: string; params?: Record<string, string | number> };
export type EditResult = { ok: true; content: ReleaseContent; before: unknown; after: unknown } | EditRefusal;

const refuse = (code: string, params?: Record<string, string | number>): EditRefusal => ({ ok: false, code, params });

/** The draft's flow as its schema reads it (defaults filled in). */
export const flowOf = (content: ReleaseContent): FlowDocument => FlowDocument.parse(content.flow);

const withFlow = (content: ReleaseContent, flow: FlowDocument): ReleaseContent => ({ ...content, flow: FlowDocument.parse(flow) as unknown as Record<string, unknown> });

/**
 * Fields a new step may write: the intake's answers. The protocol's own (the summary's submit,
 * the household loop's addMember), those only a step with a role writes (the language, consent,
 * name, member questions) and what is not an answer (the record's version, the consent time,
 * the whole member list or UCLA tuple) are not offered.
 */
const NOT_WRITABLE = new Set(["submit", "version", "consent.at", "household.members", "isolation.ucla3", ...roleFields()]);
export const writableFields = (): string[] => [...knownFields()].filter((f) => !NOT_WRITABLE.has(f)).sort();

/** Every field a condition names. */
export function conditionFields(cond: FlowCondition): string[] {
  if ("not" in cond) return conditionFields(cond.not);
  if ("any" in cond) return cond.any.flatMap(conditionFields);
  if ("all" in cond) return cond.all.flatMap(conditionFields);
  if ("field" in cond) return [cond.field];
  return [];
}

// ---- choices ----------------------------------------------------------------------------------

/** The ja texts of the draft (bot namespace), where choice labels and question texts live. */
const jaBot = (content: ReleaseContent): Record<string, unknown> => (content.locales.ja?.bot ?? {}) as Record<string, unknown>;

/**
 * The values a step may offer: its option set's, then those that still have a Japanese label
 * under options.<set> (a value removed earlier can come back).
 */
export function choiceUniverse(content: ReleaseContent, stepId: string): OptionValue[] | null {
  const flow = flowOf(content);
  const step = flow.steps.find((s) => s.id === stepId);
  const set = step?.options ? flow.optionSets[step.options] : undefined;
  if (!step?.options || !Array.isArray(set)) return null;
  const labelled = Object.keys(((jaBot(content).options as Record<string, unknown> | undefined)?.[step.options] ?? {}) as Record<string, unknown>);
  const out: OptionValue[] = [...set];
  for (const key of labelled) {
    if (out.some((v) => String(v) === key)) continue;
    out.push(typed(key, set));
  }
  return out;
}

/** A label key back to a value of the same type as the set's (numbers stay numbers). */
function typed(key: string, set: OptionValue[]): OptionValue {
  if (set.length > 0 && set.every((v) => typeof v === "number") && Number.isFinite(Number(key))) return Number(key);
  if (set.length > 0 && set.every((v) => typeof v === "boolean") && (key === "true" || key === "false")) return key === "true";
  return key;
}

/**
 * Sets the step's choices (values of its universe, in the order given). An option set shared
 * with other steps is not changed under them: this step gets a set of its own, named after it,
 * with the labels copied in every language.
 */
export function setChoices(content: ReleaseContent, stepId: string, keys: string[]): EditResult {
  const flow = flowOf(content);
  const step = flow.steps.find((s) => s.id === stepId);
  if (!step) return refuse("noSuchStep", { step: stepId });
  const universe = choiceUniverse(content, stepId);
  if (!universe || !step.options) return refuse("choicesFixed");
  if (keys.length === 0) return refuse("choicesEmpty");
  if (new Set(keys).size !== keys.length) return refuse("choicesTwice");
  const values: OptionValue[] = [];
  for (const k of keys) {
    const v = universe.find((u) => String(u) === k);
    if (v === undefined) return refuse("choiceUnknown", { value: k });
    values.push(v);
  }
  const before = flow.optionSets[step.options];
  const shared = flow.steps.some((s) => s.id !== stepId && s.options === step.options);
  let setName = step.options;
  let locales = content.locales;
  if (shared) {
    setName = freeName(Object.keys(flow.optionSets), `${stepId}Choices`);
    locales = copyLabels(content.locales, step.options, setName);
  }
  const next: FlowDocument = {
    ...flow,
    optionSets: { ...flow.optionSets, [setName]: values },
    steps: flow.steps.map((s) => (s.id === stepId ? { ...s, options: setName } : s)),
  };
  return { ok: true, content: { ...withFlow(content, next), locales }, before: { optionSet: step.options, values: before }, after: { optionSet: setName, values } };
}

function freeName(taken: string[], base: string): string {
  for (let i = 1; ; i++) {
    const name = i === 1 ? base : `${base}${i}`;
    if (!taken.includes(name)) return name;
  }
}

/** options.<from>.* copied to options.<to>.* in every language that has them. */
function copyLabels(locales: ReleaseContent["locales"], from: string, to: string): ReleaseContent["locales"] {
  const out: ReleaseContent["locales"] = {};
  for (const [lang, namespaces] of Object.entries(locales)) {
    const bot = namespaces.bot as Record<string, unknown> | undefined;
    const options = bot?.options as Record<string, unknown> | undefined;
    out[lang] = bot && options?.[from] !== undefined ? { ...namespaces, bot: { ...bot, options: { ...options, [to]: structuredClone(options[from]) } } } : namespaces;
  }
  return out;
}

// ---- condition --------------------------------------------------------------------------------

/**
 * The step's `when` from YAML or JSON text; empty text removes it. A condition that is not one
 * of the flow schema's, or names a field the intake has not, is refused with the place.
 */
export function setCondition(content: ReleaseContent, stepId: string, text: string): EditResult {
  const flow = flowOf(content);
  const step = flow.steps.find((s) => s.id === stepId);
  if (!step) return refuse("noSuchStep", { step: stepId });
  if (step.kind === "summary") return refuse("summaryFixed");
  let when: FlowCondition | undefined;
  if (text.trim() !== "") {
    let raw: unknown;
    try {
      raw = parseYaml(text);
    } catch (err) {
      const line = (err as { linePos?: { line: number }[] }).linePos?.[0]?.line ?? 1;
      return refuse("conditionSyntax", { line });
    }
    const parsed = FlowCondition.safeParse(raw);
    if (!parsed.success) return refuse("conditionShape", { place: conditionPlace(parsed.error.issues[0]?.path ?? []) });
    const unknown = conditionFields(parsed.data).find((f) => !knownFields().has(f));
    if (unknown) return refuse("conditionField", { field: unknown });
    when = parsed.data;
  }
  const { when: old, ...rest } = step;
  const next: FlowDocument = { ...flow, steps: flow.steps.map((s) => (s.id === stepId ? (when ? { ...rest, when } : rest) : s)) };
  return { ok: true, content: withFlow(content, next), before: { when: old ?? null }, after: { when: when ?? null } };
}

/** Where a condition went wrong, as a path into it ("any.1"), or "(top)". */
function conditionPlace(path: PropertyKey[]): string {
  return path.length > 0 ? path.map(String).join(".") : "(top)";
}

// ---- order, removal, a new step ---------------------------------------------------------------

/** Moves a step one place up or down; the summary stays last. */
export function moveStep(content: ReleaseContent, stepId: string, direction: "up" | "down"): EditResult {
  const flow = flowOf(content);
  const i = flow.steps.findIndex((s) => s.id === stepId);
  if (i < 0) return refuse("noSuchStep", { step: stepId });
  if (flow.steps[i]!.kind === "summary") return refuse("summaryFixed");
  const j = direction === "up" ? i - 1 : i + 1;
  if (j < 0 || j >= flow.steps.length || flow.steps[j]!.kind === "summary") return refuse(direction === "up" ? "alreadyFirst" : "alreadyLast");
  const steps = [...flow.steps];
  [steps[i], steps[j]] = [steps[j]!, steps[i]!];
  return { ok: true, content: withFlow(content, { ...flow, steps }), before: { position: i + 1 }, after: { position: j + 1 } };
}

/** What still names a step: another step's `next`, or a danger or the safety check naming the field only it asks. */
export function referencesTo(flow: FlowDocument, stepId: string): string[] {
  const step = flow.steps.find((s) => s.id === stepId);
  if (!step) return [];
  const refs: string[] = [];
  for (const s of flow.steps) {
    if (s.id !== stepId && s.next && (s.next.then === stepId || s.next.else === stepId)) refs.push(`step ${s.id} (next)`);
  }
  const alsoAsked = flow.steps.some((s) => s.id !== stepId && s.field === step.field);
  if (!alsoAsked) {
    flow.dangers.forEach((d, i) => {
      if (conditionFields(d.when).includes(step.field)) refs.push(`dangers[${i}] (${d.crisis})`);
    });
    for (const [kind, w] of Object.entries(flow.safetyCheck)) if (w?.field === step.field) refs.push(`safetyCheck.${kind}`);
  }
  return refs;
}

export function removeStep(content: ReleaseContent, stepId: string): EditResult {
  const flow = flowOf(content);
  const step = flow.steps.find((s) => s.id === stepId);
  if (!step) return refuse("noSuchStep", { step: stepId });
  if (step.kind === "summary") return refuse("summaryFixed");
  const refs = referencesTo(flow, stepId);
  if (refs.length > 0) return refuse("stillNamed", { refs: refs.join(", ") });
  const position = flow.steps.indexOf(step) + 1;
  return { ok: true, content: withFlow(content, { ...flow, steps: flow.steps.filter((s) => s.id !== stepId) }), before: { step, position }, after: null };
}

/** The add-step form, as the page posts it. */
export const NewStepForm = z.strictObject({
  id: FlowStep.shape.id,
  field: z.string().refine((f) => writableFields().includes(f), { error: "field" }),
  kind: StepKind.exclude(["summary"]),
  options: z.string().optional(),
  section: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/),
  after: z.string(),
  text: z.string().trim().min(1).max(1000),
  summaryLabel: z.string().trim().min(1).max(100),
});
export type NewStepForm = z.infer<typeof NewStepForm>;

/**
 * A new step after `after`, writing a contract field, with its Japanese question text and
 * summary label (the other languages are the translations' work: publishing names them missing).
 */
export function addStep(content: ReleaseContent, form: NewStepForm): EditResult {
  const flow = flowOf(content);
  if (flow.steps.some((s) => s.id === form.id)) return refuse("idTaken", { step: form.id });
  const at = flow.steps.findIndex((s) => s.id === form.after);
  if (at < 0) return refuse("noSuchStep", { step: form.after });
  if (flow.steps[at]!.kind === "summary") return refuse("summaryFixed");
  const needsOptions = form.kind === "single" || form.kind === "multi";
  if (needsOptions && !form.options) return refuse("optionsNeeded");
  if (form.options && !flow.optionSets[form.options]) return refuse("noSuchOptionSet", { set: form.options });
  const step: FlowStep = { id: form.id, section: form.section, field: form.field, kind: form.kind, ...(form.options ? { options: form.options } : {}) };
  const steps = [...flow.steps.slice(0, at + 1), step, ...flow.steps.slice(at + 1)];
  const ja = content.locales.ja ?? {};
  const bot = (ja.bot ?? {}) as Record<string, Record<string, unknown>>;
  const jaBotNext = {
    ...bot,
    q: { ...(bot.q ?? {}), [form.id]: { text: form.text } },
    summary: { ...(bot.summary ?? {}), field: { ...((bot.summary?.field ?? {}) as Record<string, unknown>), [form.id]: form.summaryLabel } },
  };
  const locales = { ...content.locales, ja: { ...ja, bot: jaBotNext } };
  return { ok: true, content: { ...withFlow(content, { ...flow, steps }), locales }, before: null, after: { step, position: at + 2 } };
}
