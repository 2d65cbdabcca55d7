// Loads a flow file, validates it and every reference in it, and resolves its dynamic option
// sets. A broken flow is refused here with a message naming the flow, the step and the fix.
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { emptyIntake } from "../intake/intakeSchema.ts";
import type { FlowCondition, FlowDanger, FlowDocument, FlowStep, OptionValue, SafetyCheckWrites } from "./flowSchema.ts";
import { FlowDocument as FlowDocumentSchema } from "./flowSchema.ts";
import { inferRoles, roleProblems } from "./stepRoles.ts";

export interface ResolvedFlow {
  id: string;
  version: number;
  steps: FlowStep[];
  options: Record<string, OptionValue[]>;
  /** Where each option set's values come from: the complete locales, the directory's areas, or the flow's list. */
  optionSources: Record<string, OptionSource>;
  dangers: FlowDanger[];
  safetyCheck: SafetyCheckWrites;
  /** The town names of each area (the directory's), shown as the area's choice when it has some. */
  areaTowns: Record<string, string[]>;
  /** The postal codes of each area (seven digits), by area code: a typed code finds its area. */
  areaPostalCodes: Record<string, string[]>;
}

export type OptionSource = "languages" | "areas" | "list";

export interface FlowInputs {
  languages: string[];
  areas: string[];
  /** The town names (町名) of each area, by area code: residents choose their area by its towns. */
  areaTowns?: Record<string, string[]>;
  /** The postal codes of each area (seven digits), by area code (src/intake/municipality.ts areaInputs). */
  areaPostalCodes?: Record<string, string[]>;
}

const MEMBER_FIELDS = ["household.member.relation", "household.member.ageBand", "household.member.conditions"];
const SPECIAL_FIELDS = ["household.addMember", "submit", "isolation.ucla3.0", "isolation.ucla3.1", "isolation.ucla3.2"];

/** Every field path a flow may name: the intake's leaves plus the protocol's special fields. */
export function knownFields(): Set<string> {
  const out = new Set<string>([...MEMBER_FIELDS, ...SPECIAL_FIELDS]);
  const walk = (obj: Record<string, unknown>, prefix: string) => {
    for (const [k, v] of Object.entries(obj)) {
      const path = prefix ? `${prefix}.${k}` : k;
      if (v !== null && typeof v === "object" && !Array.isArray(v)) walk(v as Record<string, unknown>, path);
      else out.add(path);
    }
  };
  walk(emptyIntake("ja") as unknown as Record<string, unknown>, "");
  return out;
}

export class FlowError extends Error {}

function conditionFields(cond: FlowCondition): string[] {
  if ("not" in cond) return conditionFields(cond.not);
  if ("any" in cond) return cond.any.flatMap(conditionFields);
  if ("all" in cond) return cond.all.flatMap(conditionFields);
  if ("field" in cond) return [cond.field];
  return [];
}

export function resolveFlow(doc: FlowDocument, inputs: FlowInputs): ResolvedFlow {
  const where = (s: FlowStep) => `flow "${doc.id}" step "${s.id}"`;
  const options: Record<string, OptionValue[]> = {};
  const optionSources: Record<string, OptionSource> = {};
  for (const [name, set] of Object.entries(doc.optionSets)) {
    options[name] = set === "$languages" ? inputs.languages : set === "$areas" ? inputs.areas : set;
    optionSources[name] = set === "$languages" ? "languages" : set === "$areas" ? "areas" : "list";
  }
  const steps = doc.format === undefined ? inferRoles(doc.steps) : doc.steps;
  const ids = new Set<string>();
  const fields = knownFields();
  for (const step of steps) {
    if (ids.has(step.id)) throw new FlowError(`${where(step)}: the id is used twice; give each step its own id`);
    ids.add(step.id);
    if (!fields.has(step.field)) throw new FlowError(`${where(step)}: unknown field "${step.field}"; use a path of the intake record`);
    const needsOptions = step.kind === "single" || step.kind === "multi";
    if (needsOptions && !step.options) throw new FlowError(`${where(step)}: a ${step.kind} question needs "options"`);
    if (step.options && !options[step.options]) throw new FlowError(`${where(step)}: option set "${step.options}" is not defined under optionSets`);
    if (step.options && options[step.options]!.length === 0) throw new FlowError(`${where(step)}: option set "${step.options}" is empty`);
    if (step.optionsFrom && !fields.has(step.optionsFrom)) throw new FlowError(`${where(step)}: optionsFrom names unknown field "${step.optionsFrom}"`);
    for (const f of [...(step.when ? conditionFields(step.when) : []), ...(step.next ? conditionFields(step.next.if) : [])]) {
      if (!fields.has(f)) throw new FlowError(`${where(step)}: condition names unknown field "${f}"`);
    }
  }
  for (const step of steps) {
    for (const target of step.next ? [step.next.then, step.next.else] : []) {
      if (!ids.has(target)) throw new FlowError(`${where(step)}: next goes to "${target}", which does not exist; name an existing step`);
    }
  }
  const last = steps[steps.length - 1]!;
  if (last.kind !== "summary") throw new FlowError(`flow "${doc.id}": the last step must be the summary`);
  if (steps.filter((s) => s.kind === "summary").length !== 1) throw new FlowError(`flow "${doc.id}": exactly one summary step`);
  const [role] = roleProblems(steps);
  if (role) throw new FlowError(`flow "${doc.id}"${role.step ? ` step "${role.step}"` : ""}: ${role.message}`);
  const language = steps.find((s) => s.role === "language");
  if (language?.options && optionSources[language.options] !== "languages") {
    throw new FlowError(`${where(language)}: the language question offers the option set "$languages"; give it such a set`);
  }
  const dangers = doc.dangers ?? [];
  const safetyCheck = doc.safetyCheck ?? {};
  for (const [i, d] of dangers.entries()) {
    for (const f of conditionFields(d.when)) {
      if (!fields.has(f)) throw new FlowError(`flow "${doc.id}" dangers[${i}]: condition names unknown field "${f}"`);
      if (MEMBER_FIELDS.includes(f)) throw new FlowError(`flow "${doc.id}" dangers[${i}]: "${f}" belongs to one household member; name a field of the intake`);
    }
  }
  for (const [kind, w] of Object.entries(safetyCheck)) {
    const step = steps.find((s) => s.field === w!.field);
    if (!step) throw new FlowError(`flow "${doc.id}" safetyCheck.${kind}: no step asks "${w!.field}"; name the field of a step`);
    const allowed = step.options ? options[step.options] : undefined;
    if (allowed && !allowed.includes(w!.value)) throw new FlowError(`flow "${doc.id}" safetyCheck.${kind}: ${JSON.stringify(w!.value)} is not a choice of step "${step.id}"`);
  }
  return { id: doc.id, version: doc.version, steps, options, optionSources, dangers, safetyCheck, areaTowns: inputs.areaTowns ?? {}, areaPostalCodes: inputs.areaPostalCodes ?? {} };
}

export function loadFlowFile(path: string, inputs: FlowInputs): ResolvedFlow {
  let raw: unknown;
  try {
    raw = parse(readFileSync(path, "utf8"));
  } catch (err) {
    throw new FlowError(`${path}: not valid YAML (${(err as Error).message})`);
  }
  return flowFrom(raw, inputs, path);
}

/** A flow document held in memory (a release, a draft), validated and resolved. */
export function flowFrom(raw: unknown, inputs: FlowInputs, where = "flow"): ResolvedFlow {
  const parsed = FlowDocumentSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new FlowError(`${where}: ${issue.path.join(".")}: ${issue.message}`);
  }
  return resolveFlow(parsed.data, inputs);
}
