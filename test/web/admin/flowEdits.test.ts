// The flow area's pure parts on the repository's flow: the edits' rules (what each refuses and
// what it leaves alone), the diagram's edges, and the preview through the bot's rendering.
import { describe, expect, it } from "vitest";
import { buildRelease } from "../../../src/releases/buildRelease.ts";
import { conditionText } from "../../../src/web/admin/flow/conditionText.ts";
import { flowDiagram, flowEdges } from "../../../src/web/admin/flow/flowDiagram.ts";
import { addStep, flowOf, moveStep, removeStep, setChoices, setCondition, writableFields } from "../../../src/web/admin/flow/flowEdits.ts";
import { previewStep } from "../../../src/web/admin/flow/stepPreview.ts";
import { repoContent } from "../../releases/releaseFixtures.ts";

const content = repoContent();
const code = (r: { ok: boolean; code?: string }) => (r.ok ? "ok" : r.code);

describe("the edits' rules", () => {
  it("when the summary is moved, given a condition or removed, or a step is moved below it, then each is refused", () => {
    expect(code(moveStep(content, "summary", "up"))).toBe("summaryFixed");
    expect(code(setCondition(content, "summary", "{ answer: true }"))).toBe("summaryFixed");
    expect(code(removeStep(content, "summary"))).toBe("summaryFixed");
    expect(code(moveStep(content, "phone", "down"))).toBe("alreadyLast");
    expect(code(moveStep(content, "language", "up"))).toBe("alreadyFirst");
  });

  it("when choices are empty, unknown, given twice or of a set filled in automatically, then they are refused", () => {
    expect(code(setChoices(content, "savings", []))).toBe("choicesEmpty");
    expect(code(setChoices(content, "savings", ["none", "lottery"]))).toBe("choiceUnknown");
    expect(code(setChoices(content, "savings", ["none", "none"]))).toBe("choicesTwice");
    expect(code(setChoices(content, "language", ["ja"]))).toBe("choicesFixed");
    expect(code(setChoices(content, "freeText", ["x"]))).toBe("choicesFixed");
  });

  it("when choices of numbers are saved, then they stay numbers", () => {
    const r = setChoices(content, "income", ["0", "100000"]);
    expect(r.ok && flowOf(r.content).optionSets.income).toEqual([0, 100000]);
  });

  it("when a step's field is named by a danger or the safety check, then removing it is refused; the input content is never changed", () => {
    const before = JSON.stringify(content);
    const r = removeStep(content, "food");
    expect(r.ok).toBe(false);
    expect(!r.ok && String(r.params?.refs)).toMatch(/dangers\[\d\] \(no_food\), safetyCheck\.no_food/);
    expect(code(removeStep(content, "householdMore"))).toBe("ok");
    expect(JSON.stringify(content)).toBe(before);
  });

  it("when a nested condition is written in YAML, then it is stored as the flow schema reads it", () => {
    const r = setCondition(content, "rent", "any:\n  - { field: housing.tenure, equals: rented_private }\n  - not: { field: person.work, in: [student] }\n");
    expect(r.ok && flowOf(r.content).steps.find((s) => s.id === "rent")!.when).toEqual({
      any: [{ field: "housing.tenure", equals: "rented_private" }, { not: { field: "person.work", in: ["student"] } }],
    });
  });

  it("when a step is added without the option set a choice question needs, after the summary, or writing a protocol field, then it is refused", () => {
    const base = { id: "extra", field: "income.debt", kind: "single" as const, section: "income", after: "debt", text: "質問", summaryLabel: "見出し" };
    expect(code(addStep(content, base))).toBe("optionsNeeded");
    expect(code(addStep(content, { ...base, options: "yesNo", after: "summary" }))).toBe("summaryFixed");
    expect(code(addStep(content, { ...base, options: "nope" }))).toBe("noSuchOptionSet");
    expect(writableFields()).not.toContain("submit");
    expect(writableFields()).not.toContain("household.addMember");
    expect(writableFields()).toContain("income.debt");
  });
});

describe("the diagram", () => {
  it("when the repository's flow is drawn, then every step is a linked box and conditions read in the flow's vocabulary", () => {
    const flow = flowOf(content);
    const svg = flowDiagram(flow, { question: () => "質問", choices: () => ["はい"], otherwise: "else", title: "flow" }, { href: (id) => `/s/${id}` }).toString();
    for (const s of flow.steps) expect(svg).toContain(`<a href="/s/${s.id}" data-step="${s.id}">`);
    expect(svg).not.toContain("NaN");
    const edges = flowEdges(flow, "else");
    expect(edges.filter((e) => e.from === "foreign").map((e) => [e.to, e.label])).toEqual([
      ["japanese", "language ∈ [ja, ja-easy] ∧ person.foreignNational = true"],
      ["conditions", "else"],
    ]);
    expect(conditionText({ any: [{ field: "a", equals: 1 }, { members: { ageBand: ["0-17"] } }] })).toBe("a = 1 ∨ members ∋ [0-17]");
  });
});

describe("the preview", () => {
  const built = buildRelease(content, 0);
  it("when a member question is previewed, then its text counts the first member and its choices are the option set's labels", () => {
    const [m] = previewStep(built, "memberRelation", "en");
    const bot = content.locales.en!.bot as { q: Record<string, { text: string }>; options: Record<string, Record<string, string>> };
    expect(m!.text).toBe(bot.q.memberRelation!.text.replace("{{n}}", "1"));
    expect(m!.choices).toEqual(expect.arrayContaining([bot.options.relation!.spouse]));
  });

  it("when a question whose choices come from an earlier answer is previewed, then it shows them all (paged as LINE would)", () => {
    const [m] = previewStep(built, "mainConcern", "ja");
    expect(m!.choices.length).toBeGreaterThan(5);
  });
});
