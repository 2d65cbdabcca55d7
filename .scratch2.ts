import { loadLocales } from "./src/i18n/locales.ts";
import { loadMunicipality } from "./src/intake/municipality.ts";
import { loadFlowFile } from "./src/conversation/loadFlow.ts";
import { compileFlow } from "./src/conversation/compileFlow.ts";
import { startConversation, restore, stepConversation } from "./src/conversation/step.ts";
import { renderOutputs } from "./src/line/render.ts";
import { validateReplyRequest } from "./test/support/lineSpec.ts";
const locales = loadLocales("locales"); const m = loadMunicipality("flows/municipality.yaml");
const flow = compileFlow(loadFlowFile("flows/intake.flow.yaml", { languages: locales.languages, areas: m.areas.map(a => a.code) }));
const env = { locales, now: "2025-04-01T09:00:00.000Z" };
let r = startConversation(flow, "ja");
r = stepConversation(flow, r.snapshot, { kind: "postback", data: JSON.stringify({ q: "language", f: "language", op: "skip" }) }, env);
console.log("language after skip:", (restore(flow, r.snapshot).context as any).answers.language);
let n = 0;
while (!r.completed && n++ < 100) {
  const s = restore(flow, r.snapshot); const id = String(s.value);
  const data = id === "summary" ? { q: "summary", f: "submit", v: true } : { q: id, f: flow.byId.get(id)!.field, op: "skip" };
  try { r = stepConversation(flow, r.snapshot, { kind: "postback", data: JSON.stringify(data) }, env); } catch (e) { console.log("threw at", id, (e as Error).message.slice(0, 200)); break; }
}
const s = restore(flow, r.snapshot);
let t0 = performance.now();
for (let i = 0; i < 300; i++) validateReplyRequest({ replyToken: "x", messages: renderOutputs([{ kind: "question", stepId: "summary" }], { flow, locales, snapshot: s }) });
console.log("summary render+validate ms", (performance.now() - t0) / 300);
t0 = performance.now();
for (let i = 0; i < 300; i++) renderOutputs([{ kind: "question", stepId: "summary" }], { flow, locales, snapshot: s });
console.log("summary render ms", (performance.now() - t0) / 300);
