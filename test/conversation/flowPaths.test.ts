// Model-based tests of the published flow (ENGINEERING.md, "Tests that prove something"): the
// compiled XState machine is walked with `getShortestPaths` / `getSimplePaths` from
// `xstate/graph`. The events tried in a state are the ones its question offers; states are told
// apart by their step plus the truth of the flow's branch conditions (so the graph stays finite
// while every branch combination stays distinct). On that graph: every step can be reached, no
// state is a dead end, every way to the end gives a valid intake, and every question the flow can
// ask is a message LINE accepts, carrying the protocol's postbacks (contract section 3).
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getShortestPaths, getSimplePaths } from "xstate/graph";
import { parse as parseYaml } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { getAnswer } from "../../src/conversation/answers.ts";
import { buildIntake } from "../../src/conversation/buildIntake.ts";
import { compileFlow, type CompiledFlow, type FlowEvent } from "../../src/conversation/compileFlow.ts";
import { evaluate } from "../../src/conversation/conditions.ts";
import { FlowDocument, type OptionValue } from "../../src/conversation/flowSchema.ts";
import { FlowError, loadFlowFile, resolveFlow } from "../../src/conversation/loadFlow.ts";
import { optionsFor } from "../../src/conversation/questionOptions.ts";
import { inHousehold } from "../../src/conversation/stepRoles.ts";
import {
  answerEvents,
  COMPLETED_STATE,
  ctxOf,
  deadEndWalks,
  explore as exploreFlow,
  isDone,
  MODEL_NOW,
  sampleText,
  send,
  serializer as serializerOf,
  startSnapshot,
  unreachableSteps as unreachableStepsOf,
  valueOf,
  type Abstraction,
  type Explored,
  type Snap,
} from "../../src/conversation/flowModel.ts";
import { loadLocales } from "../../src/i18n/locales.ts";
import type { LocaleCode } from "../../src/intake/codes.ts";
import { Intake } from "../../src/intake/intakeSchema.ts";
import { loadMunicipality } from "../../src/intake/municipality.ts";
import { renderOutputs } from "../../src/line/render.ts";
import { validateReplyRequest } from "../support/lineSpec.ts";

const FLOW_PATH = "flows/intake.flow.yaml";
const locales = loadLocales("locales");
const municipality = loadMunicipality("flows/municipality.yaml");
const inputs = { languages: locales.languages, areas: municipality.areas.map((a) => a.code) };
const flow = compileFlow(loadFlowFile(FLOW_PATH, inputs));
const LANGUAGES: LocaleCode[] = ["ja", "ja-easy", "en"];

const NOW = MODEL_NOW;
const COMPLETED = COMPLETED_STATE;
const languages = locales.languages;
const explore = (f: CompiledFlow, abstraction: Abstraction) => exploreFlow(f, abstraction, languages);
const unreachableSteps = (f: CompiledFlow) => unreachableStepsOf(f, languages);
const serializer = (f: CompiledFlow, abstraction: Abstraction) => serializerOf(f, abstraction, languages);

// ---------------------------------------------------------------------------------------------
// Rendering a question and reading its postbacks

interface Postback {
  label: string;
  data: Record<string, unknown>;
}

function postbacksOf(messages: unknown[]): Postback[] {
  const out: Postback[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== "object") return;
    const rec = node as Record<string, unknown>;
    if (rec.type === "postback" && typeof rec.data === "string") {
      out.push({ label: String(rec.label), data: JSON.parse(rec.data) as Record<string, unknown> });
    }
    Object.values(rec).forEach(walk);
  };
  walk(messages);
  return out;
}

const renderQuestion = (f: CompiledFlow, s: Snap) =>
  renderOutputs([{ kind: "question", stepId: valueOf(s) }], { flow: f, locales, snapshot: s }) as unknown as Record<string, unknown>[];

/** Problems with the question asked in state `s`, on every page of its choices; [] when none. */
function questionProblems(f: CompiledFlow, s: Snap): string[] {
  const step = f.byId.get(valueOf(s))!;
  const where = `${step.id} (${ctxOf(s).answers.language})`;
  const problems: string[] = [];
  const offered = new Set<string>();
  const expected = step.options ? optionsFor(f, step, ctxOf(s)).map((v) => JSON.stringify(v)) : [];
  let page = s;
  for (let n = 0; n < 6; n++) {
    const messages = renderQuestion(f, page);
    problems.push(...validateReplyRequest({ replyToken: "x", messages }).map((e) => `${where}: ${e}`));
    const text = messages.map((m) => String(m.text ?? "")).join("\n");
    if (text.includes(`q.${step.id}.text`)) problems.push(`${where}: question text is the missing key q.${step.id}.text`);
    const pbs = postbacksOf(messages);
    if (step.kind === "summary") {
      for (const { data } of pbs) {
        const ok =
          (data.q === step.id && data.f === step.field && data.v === true && data.op === undefined) ||
          (data.op === "edit" && typeof data.v === "string" && f.editTargets.has(data.v) && data.q === undefined) ||
          (data.op === "back" && Object.keys(data).length === 1);
        if (!ok) problems.push(`${where}: unexpected summary postback ${JSON.stringify(data)}`);
      }
      if (!pbs.some(({ data }) => data.q === "summary" && data.f === "submit" && data.v === true)) problems.push(`${where}: no submit postback`);
      if (pbs.some(({ data }) => data.op === "skip")) problems.push(`${where}: the summary offers a skip`);
      return problems;
    }
    for (const { data } of pbs) {
      const isBack = data.op === "back" && Object.keys(data).length === 1;
      if (!isBack && (data.q !== step.id || data.f !== step.field)) problems.push(`${where}: postback without its q/f ${JSON.stringify(data)}`);
      if (data.v !== undefined && data.q === step.id) offered.add(JSON.stringify(data.v));
    }
    const skips = pbs.filter(({ data }) => data.op === "skip" && data.q === step.id && data.f === step.field);
    if (skips.length !== 1) problems.push(`${where}: ${skips.length} skip postbacks on page ${n}`);
    if (step.kind === "multi" && !pbs.some(({ data }) => data.op === "done")) problems.push(`${where}: no done on page ${n}`);
    if (!pbs.some(({ data }) => data.op === "more")) break;
    page = send(f, page, { type: `more.${step.id}` });
  }
  const missing = expected.filter((v) => !offered.has(v));
  const extra = [...offered].filter((v) => !expected.includes(v) && step.kind !== "amount" && step.kind !== "days");
  if (missing.length > 0) problems.push(`${where}: choices never offered on any page: ${missing.join(", ")}`);
  if (extra.length > 0) problems.push(`${where}: choices offered that the question does not take: ${extra.join(", ")}`);
  return problems;
}

/** What makes two renders of a question differ: the language, the choices and the context shown. */
function renderKey(f: CompiledFlow, s: Snap, lang: string): string {
  const c = ctxOf(s);
  const step = f.byId.get(valueOf(s))!;
  const back = c.history.length > 0;
  if (step.kind === "summary") {
    // The summary's shape: which rows it shows and how many members it lists (its rows' values
    // in this model are representatives anyway); rendering each of ~1,500 answer sets is slow.
    const rows = f.steps.filter((x) => !x.when || evaluate(x.when, c.answers, null, null)).map((x) => x.id);
    return `${lang}|${step.id}|${back}|${c.answers.household.members.length}|${rows.join(",")}`;
  }
  const chosen = step.kind === "multi" ? getAnswer(c.answers, step.field, c.memberIndex) : null;
  return `${lang}|${step.id}|${back}|${c.memberIndex}|${JSON.stringify(optionsFor(f, step, c))}|${JSON.stringify(chosen)}`;
}

// ---------------------------------------------------------------------------------------------
// The published flow, walked

describe("the published flow as a graph", () => {
  let model: Explored;
  let states: Snap[] = [];
  let openStates: Snap[] = [];
  let completedStates: Snap[] = [];
  /** How a state was first reached, for failure messages. */
  const via = (s: Snap) => {
    const path = model.paths.find((p) => p.state === s);
    return path ? path.steps.slice(1).map((st) => (st.event as FlowEvent).type).join(" → ") : "?";
  };
  beforeAll(() => {
    model = explore(flow, "branches");
    states = model.paths.map((p) => p.state as Snap);
    openStates = states.filter((s) => !isDone(s));
    completedStates = states.filter(isDone);
  });

  it("when every answer a question offers is tried from the first question, then every step and the end are reached", () => {
    expect(unreachableSteps(flow)).toEqual([]);
    // The finer model used below reaches them too, and distinguishes many ways to the end.
    const reached = new Set(states.map(valueOf));
    expect(flow.steps.map((s) => s.id).filter((id) => !reached.has(id))).toEqual([]);
    expect(completedStates.length).toBeGreaterThan(50);
  });

  it("when from any reachable state every question is skipped (or answered with its last choice), then the intake completes within one pass of the flow: no dead end", () => {
    const limit = flow.steps.length + 1;
    const walks = deadEndWalks(flow, model);
    expect(walks.map((w) => w.policy)).toEqual(["skip", "last choice"]);
    for (const { policy: name, deadEnds, worst } of walks) {
      expect(deadEnds.slice(0, 5).map((d) => d.text), `${deadEnds.length} dead ends`).toEqual([]);
      expect(worst, `${name}: longest way to the end`).toBeLessThanOrEqual(limit);
    }
  });

  it("when the flow completes by any of its branch combinations, then the intake parses and holds no answer to a question its own answers rule out", () => {
    const problems: string[] = [];
    for (const s of completedStates) {
      let intake: Intake;
      try {
        intake = buildIntake(flow, ctxOf(s));
      } catch (err) {
        problems.push(`${model.serialize(s)}: buildIntake threw ${(err as Error).message.replace(/\s+/g, " ").slice(0, 200)} (via ${problems.length < 5 ? via(s) : "…"})`);
        continue;
      }
      const parsed = Intake.safeParse(intake);
      if (!parsed.success) problems.push(`${model.serialize(s)}: ${parsed.error.message}`);
      for (const step of flow.steps) {
        if (!step.when || step.field.startsWith("household.") || step.kind === "summary") continue;
        const value = getAnswer(intake, step.field, null);
        const empty = value === null || (Array.isArray(value) && value.length === 0);
        // One concern named is the main one without asking (buildIntake).
        const derivedMain = step.role === "mainConcern" && intake.concerns.length === 1 && value === intake.concerns[0];
        if (!evaluate(step.when, intake, null, null) && !empty && !derivedMain) problems.push(`${model.serialize(s)}: ${step.field} kept though "${step.id}" does not apply`);
      }
      if ((intake.consent.at === null) !== (intake.consent.shareWithRelatedWindows === null)) problems.push(`${model.serialize(s)}: consent.at ${intake.consent.at}`);
      if (intake.consent.at !== null && intake.consent.at !== NOW) problems.push(`${model.serialize(s)}: consent.at is not the answer's time`);
      if (intake.mainConcern !== null && !intake.concerns.includes(intake.mainConcern)) problems.push(`${model.serialize(s)}: main concern not among concerns`);
    }
    expect(problems.slice(0, 5), `${problems.length} of ${completedStates.length} completed states fail`).toEqual([]);
  });

  it("when any reachable question is asked in ja, ja-easy or en, then LINE accepts the message and every postback carries that question's q and f (or is back), with one skip (none on the summary)", () => {
    const problems: string[] = [];
    const seen = new Set<string>();
    let rendered = 0;
    for (const s of openStates) {
      for (const lang of LANGUAGES) {
        const key = renderKey(flow, s, lang);
        if (seen.has(key)) continue;
        seen.add(key);
        const inLang = ctxOf(s).answers.language === lang ? s : send(flow, s, { type: "lang.change", lang });
        rendered++;
        problems.push(...questionProblems(flow, inLang));
      }
    }
    expect(problems.slice(0, 10), `${problems.length} problems in ${rendered} renders`).toEqual([]);
    // Every step was rendered, in every language.
    expect(rendered).toBeGreaterThan(flow.steps.length * LANGUAGES.length);
  });
});

describe("editing from the summary", () => {
  it("when any section is edited from the summary, then every way through it asks only that section's questions and comes back to the summary", () => {
    // A summary reached with answers that make every conditional question apply.
    const a = (id: string, value: OptionValue): FlowEvent[] => [{ type: `answer.${id}`, value, at: NOW }];
    const toggle = (id: string, ...values: OptionValue[]): FlowEvent[] => [...values.map((value) => ({ type: `toggle.${id}`, value })), { type: `done.${id}` }];
    const rich: Record<string, FlowEvent[]> = {
      language: a("language", "ja"),
      age: a("age", "0-17"),
      foreign: a("foreign", true),
      householdStart: a("householdStart", true),
      memberAge: a("memberAge", "75+"),
      householdMore: a("householdMore", false),
      tenure: a("tenure", "rented_private"),
      consult: a("consult", true),
      housingRisks: toggle("housingRisks", "must_leave"),
      concerns: toggle("concerns", "housing", "income"),
      contactBy: a("contactBy", "phone"),
    };
    let summary = startSnapshot(flow);
    for (let n = 0; valueOf(summary) !== "summary"; n++) {
      if (n > 100) throw new Error("never reached the summary");
      for (const e of rich[valueOf(summary)] ?? [{ type: `skip.${valueOf(summary)}` }]) summary = send(flow, summary, e);
    }
    expect(flow.steps.filter((x) => x.when && !evaluate(x.when, ctxOf(summary).answers, null, null)).map((x) => x.id)).toEqual([]);
    const serialize = serializer(flow, "branches");
    const sections = [...new Set(flow.steps.filter((x) => x.kind !== "summary").map((x) => x.section))];
    for (const section of sections) {
      const first = flow.steps.find((x) => x.section === section)!;
      const start = send(flow, summary, { type: "nav.edit", field: first.field });
      expect(valueOf(start), section).toBe(first.id);
      const paths = getShortestPaths(flow.machine, {
        fromState: start,
        // Stop at the summary: what matters is the way back to it.
        events: (s: Snap) => (valueOf(s) === "summary" ? [] : answerEvents(flow, s)),
        serializeState: serialize as never,
        limit: 50_000,
      });
      const outside = paths.map((p) => p.state as Snap).filter((s) => valueOf(s) !== "summary" && flow.byId.get(valueOf(s))?.section !== section);
      expect(outside.map(valueOf), section).toEqual([]);
      const back = paths.filter((p) => valueOf(p.state as Snap) === "summary").map((p) => p.state as Snap);
      expect(back.length, section).toBeGreaterThan(0);
      expect(back.every((s) => ctxOf(s).editSection === null), section).toBe(true);
      // The whole section can still be asked while editing it.
      const asked = new Set(paths.map((p) => valueOf(p.state as Snap)));
      expect(flow.steps.filter((x) => x.section === section && !asked.has(x.id)).map((x) => x.id), section).toEqual([]);
    }
  });
});

describe("every simple path through a part of the flow", () => {
  /** Drives from the first question to `stepId` with the given answers, skipping the rest. */
  function snapshotAt(stepId: string): Snap {
    const answers: Record<string, FlowEvent[]> = { language: [{ type: "answer.language", value: "ja", at: NOW }] };
    let s = startSnapshot(flow);
    for (let n = 0; valueOf(s) !== stepId; n++) {
      if (n > 200 || isDone(s)) throw new Error(`never reached ${stepId}`);
      const id = valueOf(s);
      for (const e of answers[id] ?? [{ type: `skip.${id}` }]) s = send(flow, s, e);
    }
    return s;
  }
  type GraphPath = ReturnType<typeof getSimplePaths>[number];
  /**
   * The path's events sent to the machine from `from`, checking at each step that the state
   * reached is the one the graph says (so the path is a real conversation, not an artefact of
   * states the serialisation merged). Returns the events and the final state.
   */
  function replay(from: Snap, path: GraphPath, serialize: (s: Snap) => string): { taken: FlowEvent[]; end: Snap } {
    const taken: FlowEvent[] = [];
    let s = from;
    for (const step of path.steps.slice(1)) {
      const event = step.event as FlowEvent;
      taken.push(event);
      s = send(flow, s, event);
      expect(serialize(s), taken.map((e) => e.type).join(" ")).toBe(serialize(step.state as Snap));
    }
    return { taken, end: s };
  }

  it("when a household of none, one or two members is entered by tapping, skipping or stopping, then the intake lists exactly the members tapped", () => {
    const from = snapshotAt("householdStart");
    const events = (s: Snap): FlowEvent[] => {
      const id = valueOf(s);
      const a = (value: OptionValue): FlowEvent => ({ type: `answer.${id}`, value, at: NOW });
      const skip = { type: `skip.${id}` };
      switch (id) {
        case "householdStart":
        case "householdMore":
          return [a(true), a(false), skip];
        case "memberRelation":
          return [a("child"), skip];
        case "memberAge":
          return [a("0-17"), a("75+"), skip];
        case "memberConditions":
          return [{ type: "toggle.memberConditions", value: "infant" }, { type: "done.memberConditions" }, skip];
        default:
          return [];
      }
    };
    // Where the household loop leads depends on the concerns (housing or the next section):
    // every state past the loop counts as one.
    const past = (s: Snap) => !inHousehold(flow.byId.get(valueOf(s)) ?? {});
    const serialize = (s: Snap) => {
      const members = ctxOf(s).answers.household.members;
      return past(s) ? "past" : `${valueOf(s)}|${Math.min(members.length, 2)}|${JSON.stringify(members[members.length - 1] ?? null)}`;
    };
    const paths = getSimplePaths(flow.machine, { fromState: from, events, serializeState: serialize as never, toState: past });
    expect(paths.length).toBeGreaterThan(300);
    const shapes = new Set<string>();
    for (const path of paths) {
      const { taken, end } = replay(from, path, serialize);
      // What the taps say the household is.
      const expected: { relation: string | null; ageBand: string | null; conditions: string[] }[] = [];
      for (const e of taken) {
        const last = expected[expected.length - 1]!;
        if (/^answer\.household(Start|More)$/.test(e.type) && e.value === true) expected.push({ relation: null, ageBand: null, conditions: [] });
        else if (e.type === "answer.memberRelation") last.relation = e.value as string;
        else if (e.type === "answer.memberAge") last.ageBand = e.value as string;
        else if (e.type === "toggle.memberConditions") last.conditions = last.conditions.includes(String(e.value)) ? last.conditions.filter((c) => c !== e.value) : [...last.conditions, String(e.value)];
        else if (e.type === "skip.memberConditions") last.conditions = [];
      }
      expect(past(end)).toBe(true);
      const intake = buildIntake(flow, ctxOf(end));
      expect(intake.household.members, taken.map((e) => `${e.type}=${String(e.value ?? "")}`).join(" ")).toEqual(expected);
      shapes.add(JSON.stringify(expected));
    }
    // None, one or two members, each with every combination of what was tapped or skipped.
    expect([...shapes].some((m) => JSON.parse(m).length === 0)).toBe(true);
    expect([...shapes].some((m) => JSON.parse(m).length === 2)).toBe(true);
  });

  it("when the end of the flow (concerns, consent, contact) is answered in every way, then each completed intake says exactly what was tapped", () => {
    const from = snapshotAt("concerns");
    const concernOptions = flow.options.concern!;
    const events = (s: Snap): FlowEvent[] => {
      if (isDone(s)) return [];
      const id = valueOf(s);
      const step = flow.byId.get(id)!;
      const a = (value: OptionValue): FlowEvent => ({ type: `answer.${id}`, value, at: NOW });
      const skip = { type: `skip.${id}` };
      switch (id) {
        case "concerns":
          return [...[concernOptions[0]!, concernOptions[1]!].map((value): FlowEvent => ({ type: "toggle.concerns", value })), { type: "done.concerns" }, skip];
        case "mainConcern":
          return [...optionsFor(flow, step, ctxOf(s)).map(a), skip];
        case "consent":
          return [a(true), a(false), skip];
        case "contactBy":
          return [...flow.options.contactBy!.map(a), skip];
        case "name":
        case "phone":
          return [a(sampleText(step)), skip];
        case "summary":
          return [a(true)];
        default:
          return [skip];
      }
    };
    // The branch bits plus the exact concerns chosen (the main-concern choices depend on them).
    const branches = serializer(flow, "branches");
    const serialize = (s: Snap) => `${branches(s)}|${[...ctxOf(s).answers.concerns].sort().join(",")}`;
    const paths = getSimplePaths(flow.machine, { fromState: from, events, serializeState: serialize as never, toState: isDone });
    expect(paths.length).toBeGreaterThan(100);
    for (const path of paths) {
      const { taken, end } = replay(from, path, serialize);
      expect(isDone(end)).toBe(true);
      const intake = Intake.parse(buildIntake(flow, ctxOf(end)));
      const answered = (id: string) => taken.filter((e) => e.type === `answer.${id}`).map((e) => e.value).pop() ?? null;
      let concerns: string[] = [];
      for (const e of taken) {
        if (e.type === "toggle.concerns") concerns = concerns.includes(String(e.value)) ? concerns.filter((c) => c !== e.value) : [...concerns, String(e.value)];
        if (e.type === "skip.concerns") concerns = [];
      }
      const contactBy = answered("contactBy");
      const why = taken.map((e) => `${e.type}=${String(e.value ?? "")}`).join(" ");
      expect(intake.concerns, why).toEqual(concerns);
      expect(intake.mainConcern, why).toBe(concerns.length === 1 ? concerns[0] : answered("mainConcern"));
      expect(intake.consent, why).toEqual({ shareWithRelatedWindows: answered("consent"), contactBy, at: answered("consent") === null ? null : NOW });
      expect(intake.contact.name, why).toBe(contactBy === "none" ? null : answered("name"));
      expect(intake.contact.phone, why).toBe(contactBy === "phone" || contactBy === "visit" ? answered("phone") : null);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Broken flows: what the reachability check and the loader catch

function publishedDocument(): FlowDocument {
  return FlowDocument.parse(parseYaml(readFileSync(FLOW_PATH, "utf8")));
}
const stepOf = (doc: FlowDocument, id: string) => doc.steps.find((s) => s.id === id)!;
const compiled = (doc: FlowDocument) => compileFlow(resolveFlow(doc, inputs));

describe("a flow edit that strands a step is caught", () => {
  it("when a step's condition can never be true, then the reachability check names that step", () => {
    const doc = publishedDocument();
    stepOf(doc, "japanese").when = { all: [{ field: "person.foreignNational", equals: true }, { field: "person.foreignNational", equals: false }] };
    expect(unreachableSteps(compiled(doc))).toEqual(["japanese"]);
  });

  it("when a next jumps past a step, then the reachability check names it and the steps that depend on its answer", () => {
    const doc = publishedDocument();
    stepOf(doc, "householdStart").next!.else = "housingRisks";
    stepOf(doc, "householdMore").next!.else = "housingRisks";
    // Nobody is asked the tenure any more, so what is asked only to tenants (rent, lost job,
    // income drop) is stranded too.
    expect(unreachableSteps(compiled(doc))).toEqual(["tenure", "rent", "lostJob", "incomeDropped"]);
  });

  it("when a next loops back with no way out, then the check reports every step after it and the end as unreachable", () => {
    const doc = publishedDocument();
    stepOf(doc, "violence").next = { if: { answer: "none" }, then: "selfHarm", else: "selfHarm" };
    const after = doc.steps.slice(doc.steps.findIndex((s) => s.id === "violence") + 1).map((s) => s.id);
    expect(unreachableSteps(compiled(doc))).toEqual([...after, COMPLETED]);
  });
});

describe("loading a flow refuses broken references, naming the step", () => {
  const refusal = (edit: (doc: FlowDocument) => void): string => {
    const doc = publishedDocument();
    edit(doc);
    try {
      resolveFlow(doc, inputs);
    } catch (err) {
      expect(err).toBeInstanceOf(FlowError);
      return (err as Error).message;
    }
    throw new Error("the flow was accepted");
  };

  it("when a next names a step that does not exist, then FlowError names the step and the missing target", () => {
    const message = refusal((doc) => (stepOf(doc, "householdMore").next!.then = "memberRelations"));
    expect(message).toContain('step "householdMore"');
    expect(message).toContain('"memberRelations"');
  });

  it("when a step stores its answer at an unknown field, then FlowError names the step and the field", () => {
    const message = refusal((doc) => (stepOf(doc, "tenure").field = "housing.tenureType"));
    expect(message).toContain('step "tenure"');
    expect(message).toContain('"housing.tenureType"');
  });

  it("when a condition reads an unknown field, then FlowError names the step and the field", () => {
    const message = refusal((doc) => (stepOf(doc, "rent").when = { field: "housing.tenures", in: ["rented_private"] }));
    expect(message).toContain('step "rent"');
    expect(message).toContain('"housing.tenures"');
  });

  it("when two steps share an id, then FlowError names the duplicated id", () => {
    const message = refusal((doc) => (stepOf(doc, "ucla2").id = "ucla1"));
    expect(message).toContain('step "ucla1"');
    expect(message).toMatch(/twice/);
  });

  it("when a flow file has a duplicate id, then loadFlowFile refuses it with FlowError naming the step", () => {
    const dir = mkdtempSync(join(tmpdir(), "tsunagu-flow-"));
    const path = join(dir, "broken.flow.yaml");
    writeFileSync(path, readFileSync(FLOW_PATH, "utf8").replace("- { id: ucla2,", "- { id: ucla1,"));
    expect(() => loadFlowFile(path, inputs)).toThrow(FlowError);
    expect(() => loadFlowFile(path, inputs)).toThrow(/step "ucla1".*twice/);
  });

  it("when the published flow is loaded, then it is accepted as it is", () => {
    expect(() => resolveFlow(publishedDocument(), inputs)).not.toThrow();
  });
});
