// Step roles and texts are declared in the flow (flows/intake.flow.yaml, src/conversation/stepRoles.ts):
// renaming a step keeps what it says and what it stores, and a flow whose roles are missing,
// given twice or on the wrong field is refused at load and at publish, naming the place.
import { describe, expect, it } from "vitest";
import { compileFlow, type CompiledFlow } from "../../src/conversation/compileFlow.ts";
import { FlowDocument } from "../../src/conversation/flowSchema.ts";
import { flowFrom } from "../../src/conversation/loadFlow.ts";
import { currentStepId, restore, startConversation, stepConversation, type StepResult } from "../../src/conversation/step.ts";
import { localesFrom } from "../../src/i18n/locales.ts";
import type { LocaleCode } from "../../src/intake/codes.ts";
import type { Intake } from "../../src/intake/intakeSchema.ts";
import { renderOutputs } from "../../src/line/render.ts";
import type { ReleaseContent } from "../../src/releases/releaseContent.ts";
import { problemLine, verifyRelease } from "../../src/releases/verifyRelease.ts";
import { repoContent } from "../releases/releaseFixtures.ts";

type Step = { id: string; texts?: string; role?: string; field: string; kind: string; options?: string; section: string; next?: { then: string; else: string } };
const stepsOf = (c: ReleaseContent) => c.flow.steps as Step[];
const stepOf = (c: ReleaseContent, id: string) => stepsOf(c).find((s) => s.id === id)!;
const NOW = "2025-04-01T09:00:00.000Z";

/** The step renamed in the flow alone: its id and the jumps to it; no locale file is touched. */
function renameIdOnly(c: ReleaseContent, from: string, to: string): ReleaseContent {
  const copy = structuredClone(c);
  for (const s of stepsOf(copy)) {
    if (s.id === from) s.id = to;
    if (s.next?.then === from) s.next.then = to;
    if (s.next?.else === from) s.next.else = to;
  }
  return copy;
}

function compiled(c: ReleaseContent): { flow: CompiledFlow; locales: ReturnType<typeof localesFrom> } {
  const locales = localesFrom(c.locales);
  const areas = (c.municipality.areas as { code: string }[]).map((a) => a.code);
  return { flow: compileFlow(flowFrom(c.flow, { languages: locales.languages, areas })), locales };
}

/**
 * A whole conversation by tapping what the bot offers: the language, the first choice of each
 * question (one household member, then no more), the first of each list, sample words; returns
 * every text and label the resident saw and the intake.
 */
function converse(c: ReleaseContent, lang: LocaleCode): { seen: string[]; intake: Intake } {
  const { flow, locales } = compiled(c);
  const env = { locales, now: NOW };
  let r: StepResult = startConversation(flow, lang);
  const seen: string[] = [];
  let members = 0;
  for (let n = 0; n < 120; n++) {
    const snapshot = restore(flow, r.snapshot);
    const messages = renderOutputs(r.outputs, { flow, locales, snapshot }) as unknown as Record<string, unknown>[];
    const actions: { label: string; data: Record<string, unknown> }[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (node === null || typeof node !== "object") return;
      const rec = node as Record<string, unknown>;
      if (rec.type === "postback") actions.push({ label: String(rec.label), data: JSON.parse(String(rec.data)) as Record<string, unknown> });
      Object.values(rec).forEach(walk);
    };
    walk(messages);
    for (const m of messages) seen.push(String(m.text ?? m.altText));
    seen.push(actions.map((a) => a.label).join("|"));
    if (r.completed) return { seen, intake: r.completed };
    const step = flow.byId.get(currentStepId(snapshot)!)!;
    const choices = actions.filter((a) => a.data.v !== undefined && a.data.op === undefined);
    const toggles = actions.filter((a) => a.data.op === "toggle");
    let input: { kind: "postback"; data: string } | { kind: "text"; text: string };
    if (step.kind === "text") input = { kind: "text", text: "山田 花子" };
    else if (step.kind === "phone") input = { kind: "text", text: "090-1234-5678" };
    else if (toggles.length > 0) {
      const chosen = toggles.some((a) => a.label.startsWith("✓"));
      input = { kind: "postback", data: JSON.stringify(chosen ? actions.find((a) => a.data.op === "done")!.data : toggles[0]!.data) };
    } else {
      const wanted = step.kind === "single" && choices[0]?.data.f === "household.addMember" ? choices.find((a) => a.data.v === (members === 0))! : step.field === "language" ? choices.find((a) => a.data.v === lang)! : choices[0]!;
      if (wanted.data.f === "household.addMember" && wanted.data.v === true) members++;
      input = { kind: "postback", data: JSON.stringify(wanted.data) };
    }
    r = stepConversation(flow, r.snapshot, input, env);
  }
  throw new Error("the conversation did not end");
}

describe("a step renamed in the flow", () => {
  const original = repoContent();
  const renamed = renameIdOnly(original, "age", "personAge");
  const renamedLoop = renameIdOnly(renameIdOnly(renamed, "memberRelation", "whoIsIt"), "summary", "check");

  it.each(["ja", "en"] as const)("when age is renamed personAge (and the household and summary steps too), then the conversation in %s says the same and the intake is the same", (lang) => {
    const before = converse(original, lang);
    const after = converse(renamedLoop, lang);
    expect(after.seen).toEqual(before.seen);
    expect(after.intake).toEqual(before.intake);
    // The walk went through the renamed steps with their texts, not their keys (the first
    // respondent is "myself": the texts that speak to the resident).
    const t = localesFrom(original.locales).t(lang);
    expect(after.seen.join("\n")).toContain(t("q.age.text_self"));
    expect(after.seen.join("\n")).toContain(t("q.memberRelation.text_self", { n: 1 }));
    expect(after.intake.household.members).toHaveLength(1);
    expect(after.seen.join("\n")).not.toMatch(/q\.personAge|summary\.field\.personAge/);
  });

  it("when a step is renamed and its texts stay, then publishing finds nothing to fix; when it also loses its texts name, the missing keys are named", () => {
    expect(verifyRelease(renamed).map(problemLine)).toEqual([]);
    const lost = structuredClone(renamed);
    delete stepOf(lost, "personAge").texts;
    const places = verifyRelease(lost).map((p) => p.place);
    expect(places).toEqual(expect.arrayContaining(["ja/bot.json: q.personAge.text", "ja/bot.json: summary.field.personAge"]));
  });
});

describe("roles are checked", () => {
  const refusal = (edit: (c: ReleaseContent) => void) => {
    const c = repoContent();
    edit(c);
    return verifyRelease(c).map(problemLine);
  };

  it("when no step has the language role, then publishing is refused naming the flow and the role", () => {
    const problems = refusal((c) => delete stepOf(c, "language").role);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^flow "intake" step "language": "language" is written only by the step with the role language/);
    const none = refusal((c) => {
      c.flow.steps = stepsOf(c).filter((s) => s.id !== "consent");
    });
    expect(none).toEqual(['flow "intake": no step has the role consent; give it to the step that writes "consent.shareWithRelatedWindows" ("role: consent")']);
  });

  it("when a role is given twice, then publishing is refused naming the second step and the first", () => {
    const problems = refusal((c) => {
      const steps = stepsOf(c);
      const at = steps.findIndex((s) => s.id === "consent");
      steps.splice(at + 1, 0, { ...structuredClone(steps[at]!), id: "consentAgain" });
    });
    expect(problems).toEqual([expect.stringMatching(/^flow "intake" step "consentAgain": the role consent is already step "consent"'s/)]);
  });

  it("when a role sits on a step writing another field, or a member question has no household loop, then the step is named", () => {
    expect(refusal((c) => (stepOf(c, "respondent").role = "mainConcern"))).toEqual([expect.stringMatching(/^flow "intake" step "respondent": the role mainConcern writes "mainConcern", not "respondent"/)]);
    const noLoop = refusal((c) => {
      c.flow.steps = stepsOf(c).filter((s) => s.role !== "householdStart" && s.role !== "householdMore");
    });
    expect(noLoop).toEqual([expect.stringMatching(/^flow "intake" step "memberRelation": the role memberRelation needs a step with the role householdStart/)]);
  });

  it("when a role name is not one of the roles, then the flow schema refuses it", () => {
    const c = repoContent();
    stepOf(c, "age").role = "ageQuestion";
    expect(FlowDocument.safeParse(c.flow).success).toBe(false);
  });

  it("when a flow written before roles (no format) is loaded, then its roles come from its fields and it runs as the declared one does", () => {
    const legacy = repoContent();
    delete (legacy.flow as { format?: number }).format;
    for (const s of stepsOf(legacy)) {
      delete s.role;
      delete s.texts;
    }
    const { flow } = compiled(legacy);
    expect(Object.fromEntries(flow.steps.filter((s) => s.role).map((s) => [s.id, s.role]))).toEqual(
      Object.fromEntries(stepsOf(repoContent()).filter((s) => s.role).map((s) => [s.id, s.role])),
    );
    expect(converse(legacy, "ja")).toEqual(converse(repoContent(), "ja"));
  });
});
