// The municipality's directory of windows (contract section 2), validated with zod at start.
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { z } from "zod";

export const WINDOW_TYPES = [
  "comprehensive", "multi_agency", "elderly", "disability", "child_family", "child_protection", "livelihood",
  "public_assistance", "housing", "outreach", "participation", "hikikomori", "mental_health", "dv", "employment",
  "foreign_residents", "environment", "legal_debt",
] as const;
export const WindowType = z.enum(WINDOW_TYPES);
export type WindowType = z.infer<typeof WindowType>;

export const WindowEntry = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  type: WindowType,
  name: z.string().min(1),
  areas: z.array(z.string()).min(1),
  phone: z.string().min(1),
  hours: z.string().min(1),
});
export type WindowEntry = z.infer<typeof WindowEntry>;

export const Municipality = z
  .strictObject({
    name: z.string().min(1),
    areas: z.array(z.strictObject({ code: z.string().regex(/^[a-z0-9_-]+$/), name: z.string().min(1) })).min(1),
    windows: z.array(WindowEntry).min(1),
  })
  .superRefine((m, ctx) => {
    const codes = new Set(m.areas.map((a) => a.code));
    const ids = new Set<string>();
    m.windows.forEach((w, i) => {
      if (ids.has(w.id)) ctx.addIssue({ code: "custom", path: ["windows", i, "id"], message: `duplicate window id ${w.id}` });
      ids.add(w.id);
      w.areas.forEach((a, j) => {
        if (a !== "*" && !codes.has(a)) ctx.addIssue({ code: "custom", path: ["windows", i, "areas", j], message: `unknown area ${a}` });
      });
    });
    if (!m.windows.some((w) => w.type === "comprehensive" && w.areas.includes("*"))) {
      ctx.addIssue({ code: "custom", path: ["windows"], message: "a municipality-wide comprehensive window is required (断らない: every case needs an owner)" });
    }
  });
export type Municipality = z.infer<typeof Municipality>;

export class MunicipalityError extends Error {}

export function loadMunicipality(path: string): Municipality {
  const parsed = Municipality.safeParse(parse(readFileSync(path, "utf8")));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new MunicipalityError(`${path}: ${issue.path.join(".")}: ${issue.message}`);
  }
  return parsed.data;
}

/** The window of a type that serves the area, else the municipality-wide one of that type. */
export function windowFor(m: Municipality, type: WindowType, area: string | null): WindowEntry | null {
  const ofType = m.windows.filter((w) => w.type === type);
  return (area ? ofType.find((w) => w.areas.includes(area)) : undefined) ?? ofType.find((w) => w.areas.includes("*")) ?? ofType[0] ?? null;
}
