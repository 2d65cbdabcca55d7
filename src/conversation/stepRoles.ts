// The roles a flow gives its special steps (flows/intake.flow.yaml, `role:`), and the one place
// that knows which field each role writes. Code asks for a role, never for a step id or field:
// the language question orders its choices and keeps the language when skipped; the household
// loop adds a member on "yes" and its member questions make the summary's member lines; the
// consent question stamps consent.at; the name question keeps a shorter text; the main concern
// carries ◎ in the summary. The summary itself is the step of kind `summary`.
import type { FlowStep, StepKind, StepRole } from "./flowSchema.ts";

interface RoleRule {
  /** The field the step with this role writes; a step writing it must have the role. */
  field: string;
  kinds: StepKind[];
  /** Every flow has exactly one step with this role (else at most one). */
  required: boolean;
  /** A role that makes sense only beside another (a member question needs the loop's start). */
  needs?: StepRole;
}

export const ROLE_RULES: Record<StepRole, RoleRule> = {
  language: { field: "language", kinds: ["single"], required: true },
  householdStart: { field: "household.addMember", kinds: ["single"], required: false },
  householdMore: { field: "household.addMember", kinds: ["single"], required: false, needs: "householdStart" },
  memberRelation: { field: "household.member.relation", kinds: ["single"], required: false, needs: "householdStart" },
  memberAge: { field: "household.member.ageBand", kinds: ["single"], required: false, needs: "householdStart" },
  memberConditions: { field: "household.member.conditions", kinds: ["multi"], required: false, needs: "householdStart" },
  mainConcern: { field: "mainConcern", kinds: ["single"], required: false },
  consent: { field: "consent.shareWithRelatedWindows", kinds: ["single"], required: true },
  contactName: { field: "contact.name", kinds: ["text"], required: false },
};

const ROLES = Object.keys(ROLE_RULES) as StepRole[];

/** Fields that only a step with a role may write. */
export const roleFields = (): Set<string> => new Set(Object.values(ROLE_RULES).map((r) => r.field));

const ADD_MEMBER: ReadonlySet<StepRole | undefined> = new Set(["householdStart", "householdMore"]);
const MEMBER: ReadonlySet<StepRole | undefined> = new Set(["memberRelation", "memberAge", "memberConditions"]);

/** The household loop's "does anyone (else) live with you?" question. */
export const addsMember = (step: Pick<FlowStep, "role">): boolean => ADD_MEMBER.has(step.role);
/** A question about the household member being added. */
export const asksMember = (step: Pick<FlowStep, "role">): boolean => MEMBER.has(step.role);
/** Any step of the household loop. */
export const inHousehold = (step: Pick<FlowStep, "role">): boolean => addsMember(step) || asksMember(step);

/** The step with `role`, if the flow has one. */
export const stepWithRole = (steps: readonly FlowStep[], role: StepRole): FlowStep | undefined => steps.find((s) => s.role === role);

/**
 * What is wrong with the flow's roles, each with the step it concerns (null: the flow as a
 * whole): a role on a step writing another field or of another kind, a role's field written by
 * a step without it, a role given twice, a required role missing, a member question without
 * the household loop.
 */
export function roleProblems(steps: readonly FlowStep[]): { step: string | null; message: string }[] {
  const problems: { step: string | null; message: string }[] = [];
  const owners = new Map<string, StepRole[]>();
  for (const role of ROLES) owners.set(ROLE_RULES[role].field, [...(owners.get(ROLE_RULES[role].field) ?? []), role]);
  for (const s of steps) {
    if (s.role) {
      const rule = ROLE_RULES[s.role];
      if (s.field !== rule.field) problems.push({ step: s.id, message: `the role ${s.role} writes "${rule.field}", not "${s.field}"; change the field or the role` });
      else if (!rule.kinds.includes(s.kind)) problems.push({ step: s.id, message: `the role ${s.role} is a ${rule.kinds.join(" or ")} question, not ${s.kind}` });
    } else if (owners.has(s.field)) {
      const roles = owners.get(s.field)!.join(" or ");
      problems.push({ step: s.id, message: `"${s.field}" is written only by the step with the role ${roles}; add "role: ${owners.get(s.field)![0]}" or ask another field` });
    }
  }
  for (const role of ROLES) {
    const withRole = steps.filter((s) => s.role === role);
    const rule = ROLE_RULES[role];
    if (withRole.length > 1) {
      problems.push({ step: withRole[1]!.id, message: `the role ${role} is already step "${withRole[0]!.id}"'s; one step has it — remove it from one of them` });
    }
    if (withRole.length === 0 && rule.required) {
      problems.push({ step: null, message: `no step has the role ${role}; give it to the step that writes "${rule.field}" ("role: ${role}")` });
    }
    if (withRole.length > 0 && rule.needs && !steps.some((s) => s.role === rule.needs)) {
      problems.push({ step: withRole[0]!.id, message: `the role ${role} needs a step with the role ${rule.needs}` });
    }
  }
  return problems;
}

/**
 * Roles of a document written before roles were declared (no `format`), as the code used to
 * recognise them from the fields: the first household.addMember question starts the loop, a
 * later one repeats it. Texts stay under the step ids, as they were.
 */
export function inferRoles(steps: readonly FlowStep[]): FlowStep[] {
  let loopStarted = false;
  return steps.map((s) => {
    if (s.role) return s;
    if (s.field === ROLE_RULES.householdStart.field) {
      const role: StepRole = loopStarted ? "householdMore" : "householdStart";
      loopStarted = true;
      return { ...s, role };
    }
    const role = ROLES.find((r) => !ADD_MEMBER.has(r) && ROLE_RULES[r].field === s.field);
    return role ? { ...s, role } : s;
  });
}
