// The household as triage sees it: the person and the members, with who is whose parent.
import type { AgeBand, Condition } from "../intake/codes.ts";
import type { Intake } from "../intake/intakeSchema.ts";

export interface HouseholdPerson {
  /** "self" for the person, else the member's relation to the person (null if skipped). */
  role: string | null;
  ageBand: AgeBand | null;
  conditions: Condition[];
  isPerson: boolean;
}

export function householdOf(intake: Intake): HouseholdPerson[] {
  const personConditions = [...intake.person.conditions];
  // The person is unemployed when their work says so, as the contract reads it.
  if (intake.person.work === "unemployed" && !personConditions.includes("unemployed")) personConditions.push("unemployed");
  return [
    { role: "self", ageBand: intake.person.ageBand, conditions: personConditions, isPerson: true },
    ...intake.household.members.map((m) => ({ role: m.relation, ageBand: m.ageBand, conditions: m.conditions, isPerson: false })),
  ];
}

export const is65plus = (p: HouseholdPerson) => p.ageBand === "65-74" || p.ageBand === "75+";
export const isChild = (p: HouseholdPerson) => p.ageBand === "0-17";
export const has = (p: HouseholdPerson, ...c: Condition[]) => p.conditions.some((x) => c.includes(x));

/**
 * Parent → child pairs that the relations to the person establish: the person or their spouse
 * and the person's child; the person's parent and the person or a sibling; a grandparent and a
 * parent; a child and a grandchild.
 */
const PARENT_OF: Record<string, string[]> = {
  self: ["child"],
  spouse: ["child"],
  parent: ["self", "sibling"],
  grandparent: ["parent"],
  child: ["grandchild"],
};

export function parentChildPairs(people: HouseholdPerson[]): [HouseholdPerson, HouseholdPerson][] {
  const pairs: [HouseholdPerson, HouseholdPerson][] = [];
  for (const older of people) {
    for (const younger of people) {
      if (older === younger || older.role === null || younger.role === null) continue;
      if (PARENT_OF[older.role]?.includes(younger.role)) pairs.push([older, younger]);
    }
  }
  return pairs;
}
