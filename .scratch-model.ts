import { getShortestPaths } from "xstate/graph";
import { transition, type AnyMachineSnapshot } from "xstate";
import { loadLocales } from "./src/i18n/locales.ts";
import { loadMunicipality } from "./src/intake/municipality.ts";
import { loadFlowFile } from "./src/conversation/loadFlow.ts";
import { compileFlow, type CompiledFlow, type FlowContext, type FlowEvent } from "./src/conversation/compileFlow.ts";
import { startConversation, restore } from "./src/conversation/step.ts";
import { evaluate } from "./src/conversation/conditions.ts";
import { optionsFor } from "./src/conversation/questionOptions.ts";
import { getAnswer } from "./src/conversation/answers.ts";
import type { FlowCondition } from "./src/conversation/flowSchema.ts";
const locales = loadLocales("locales"); const m = loadMunicipality("flows/municipality.yaml");
const flow = compileFlow(loadFlowFile("flows/intake.flow.yaml", { languages: locales.languages, areas: m.areas.map(a => a.code) }));
const NOW = "2025-04-01T09:00:00.000Z";
function leaves(c: FlowCondition): FlowCondition[] {
  if ("not" in c) return leaves(c.not); if ("any" in c) return c.any.flatMap(leaves); if ("all" in c) return c.all.flatMap(leaves);
  if ("answer" in c) return []; return [c];
}
const steps = flow.steps; const idx = new Map(steps.map((s,i)=>[s.id,i]));
const live = new Map<string, FlowCondition[]>();
const allLeaves = steps.flatMap(s => s.when ? leaves(s.when) : []);
for (let i=0;i<steps.length;i++){
  const seen = new Set<number>(); const q=[...succ(i)];
  while(q.length){const j=q.pop()!; if(seen.has(j)) continue; seen.add(j); q.push(...succ(j));}
  live.set(steps[i]!.id, steps[i]!.kind==="summary" ? allLeaves : [...seen].flatMap(j => steps[j]!.when ? leaves(steps[j]!.when!) : []));
}
function succ(i: number): number[] { const s = steps[i]!; if (s.kind==="summary") return []; const o=[i+1]; if (s.next) o.push(idx.get(s.next.then)!, idx.get(s.next.else)!); return o; }
const ctxOf = (s: AnyMachineSnapshot) => s.context as FlowContext;
function serialize(s: AnyMachineSnapshot): string {
  const v = String(s.value); const c = ctxOf(s);
  const step = flow.byId.get(v);
  const ls = process.env.ALL ? allLeaves : step ? live.get(v)! : allLeaves;
  const bits = ls.map(l => evaluate(l, c.answers, null, null) ? 1 : 0).join("");
  const hh = step?.field.startsWith("household.") ? Math.min(c.answers.household.members.length, 2) : "";
  const mc = step?.kind === "multi" ? Math.min(((getAnswer(c.answers, step.field, c.memberIndex) as unknown[]|null) ?? []).length, 2) : "";
  return `${v}|${bits}|${hh}|${mc}|${c.editSection ?? ""}`;
}
function events(s: AnyMachineSnapshot): FlowEvent[] {
  if (s.status === "done") return [];
  const step = flow.byId.get(String(s.value))!; const c = ctxOf(s); const id = step.id;
  const skip = { type: `skip.${id}` };
  switch (step.kind) {
    case "single": case "amount": case "days": return [...optionsFor(flow, step, c).map(v => ({ type: `answer.${id}`, value: v, at: NOW })), skip];
    case "multi": return [...optionsFor(flow, step, c).map(v => ({ type: `toggle.${id}`, value: v })), { type: `done.${id}` }, skip];
    case "text": return [{ type: `answer.${id}`, value: "sample", at: NOW }, skip];
    case "phone": return [{ type: `answer.${id}`, value: "09012345678", at: NOW }, skip];
    case "summary": return [{ type: `answer.${id}`, value: true, at: NOW }];
  }
}
const from = restore(flow, startConversation(flow, "ja").snapshot);
let t0 = performance.now();
const paths = getShortestPaths(flow.machine, { fromState: from, events, serializeState: serialize as never, limit: 1_000_000 });
console.log("paths", paths.length, (performance.now()-t0).toFixed(0), "ms");
const byStep = new Map<string, number>();
for (const p of paths) byStep.set(String(p.state.value), (byStep.get(String(p.state.value)) ?? 0)+1);
console.log([...byStep].map(([k,v])=>`${k}:${v}`).join(" "));
