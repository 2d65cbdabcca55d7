// Rendering the conversation's outputs as LINE messages (src/line/render.ts): the first message,
// paged multi-choice questions, label limits and the summary, checked against LINE's spec
// (test/support/lineSpec.ts) and the postback protocol of contract section 3.
import { describe, expect, it } from "vitest";
import { compileFlow } from "../../src/conversation/compileFlow.ts";
import type { OptionValue } from "../../src/conversation/flowSchema.ts";
import { loadFlowFile } from "../../src/conversation/loadFlow.ts";
import type { BotOutput } from "../../src/conversation/outputs.ts";
import { currentStepId, optionLabel, restore, startConversation, stepConversation, type StepResult } from "../../src/conversation/step.ts";
import { loadLocales } from "../../src/i18n/locales.ts";
import type { LocaleCode } from "../../src/intake/codes.ts";
import { loadMunicipality } from "../../src/intake/municipality.ts";
import { renderOutputs } from "../../src/line/render.ts";
import { graphemeLength, validateReplyRequest } from "../support/lineSpec.ts";

const locales = loadLocales("locales");
const municipality = loadMunicipality("flows/municipality.yaml");
const flow = compileFlow(loadFlowFile("flows/intake.flow.yaml", { languages: locales.languages, areas: municipality.areas.map((a) => a.code) }));
const NOW = "2025-04-01T09:00:00.000Z";
const env = { locales, now: NOW };
const LANGUAGES: LocaleCode[] = ["ja", "ja-easy", "en"];

type Message = Record<string, unknown>;
interface Action {
  label: string;
  data: Record<string, unknown>;
  /** Where the action sits: a quick reply item or a flex button. */
  in: "quickReply" | "flex";
}

function actionsOf(messages: Message[]): Action[] {
  const out: Action[] = [];
  for (const m of messages) {
    const items = ((m.quickReply as { items?: { action: Record<string, unknown> }[] } | undefined)?.items ?? []);
    for (const { action } of items) out.push({ label: String(action.label), data: JSON.parse(String(action.data)), in: "quickReply" });
    const walk = (node: unknown) => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (node === null || typeof node !== "object") return;
      const rec = node as Record<string, unknown>;
      const action = rec.action as Record<string, unknown> | undefined;
      if (rec.type === "button" && action?.type === "postback") out.push({ label: String(action.label), data: JSON.parse(String(action.data)), in: "flex" });
      Object.values(rec).forEach(walk);
    };
    if (m.type === "flex") walk(m.contents);
  }
  return out;
}

/** A conversation driven with postbacks; `messages` are the last reply as LINE would get it. */
class Chat {
  result: StepResult;
  messages: Message[];
  constructor(lang: LocaleCode) {
    this.result = startConversation(flow, lang);
    this.messages = this.render(this.result.outputs);
  }
  get snapshot() {
    return restore(flow, this.result.snapshot);
  }
  get stepId() {
    return currentStepId(this.snapshot);
  }
  render(outputs: BotOutput[]): Message[] {
    return renderOutputs(outputs, { flow, locales, snapshot: this.snapshot }) as unknown as Message[];
  }
  send(data: Record<string, unknown>): this {
    this.result = stepConversation(flow, this.result.snapshot, { kind: "postback", data: JSON.stringify(data) }, env);
    this.messages = this.render(this.result.outputs);
    return this;
  }
  answer(value: OptionValue): this {
    const step = flow.byId.get(this.stepId!)!;
    return this.send({ q: step.id, f: step.field, v: value });
  }
  type(text: string): this {
    this.result = stepConversation(flow, this.result.snapshot, { kind: "text", text }, env);
    this.messages = this.render(this.result.outputs);
    return this;
  }
  toggle(value: OptionValue): this {
    const step = flow.byId.get(this.stepId!)!;
    return this.send({ q: step.id, f: step.field, v: value, op: "toggle" });
  }
  op(op: "skip" | "done" | "more"): this {
    const step = flow.byId.get(this.stepId!)!;
    return this.send({ q: step.id, f: step.field, op });
  }
  skipTo(stepId: string): this {
    for (let n = 0; this.stepId !== stepId; n++) {
      if (n > 80 || this.stepId === null) throw new Error(`never reached ${stepId}`);
      this.op("skip");
    }
    return this;
  }
  /** The question alone, as it is rendered after an answer. */
  question(): Message[] {
    return this.render([{ kind: "question", stepId: this.stepId! }]);
  }
}

const valid = (messages: Message[]) => expect(validateReplyRequest({ replyToken: "x", messages })).toEqual([]);
const choicesOf = (messages: Message[], q: string) =>
  actionsOf(messages).filter((a) => a.data.q === q && a.data.v !== undefined).map((a) => a.data.v);

describe("the first message", () => {
  it.each(LANGUAGES)(
    "when a conversation starts with %s suggested, then greeting, privacy notice and the language question are one valid message, the suggested language first, ja-easy beside ja, and every language across its pages",
    (lang) => {
      const chat = new Chat(lang);
      valid(chat.messages);
      expect(chat.messages).toHaveLength(1);
      const t = locales.t(lang);
      const text = String(chat.messages[0]!.text);
      for (const key of ["msg.greeting", "msg.privacy", "q.language.text"]) expect(text).toContain(t(key));

      const choices = choicesOf(chat.messages, "language") as string[];
      expect(choices[0]).toBe(lang);
      expect(Math.abs(choices.indexOf("ja") - choices.indexOf("ja-easy"))).toBe(1);
      for (const a of actionsOf(chat.messages)) {
        if (a.data.v !== undefined) {
          expect(a.data).toEqual({ q: "language", f: "language", v: a.data.v });
          expect(a.label).toBe(locales.meta.get(a.data.v as LocaleCode)!.name);
        }
      }
      // Skippable like every question; nothing to go back to yet; more pages when they do not fit.
      const ops = actionsOf(chat.messages).map((a) => a.data.op ?? "answer");
      expect(ops.filter((o) => o === "skip")).toHaveLength(1);
      expect(ops).not.toContain("back");
      // Every language is offered, across the pages.
      const seen = new Set(choices);
      for (let page = 0; page < 3 && ops.includes("more"); page++) {
        chat.op("more");
        valid(chat.messages);
        for (const v of choicesOf(chat.messages, "language") as string[]) seen.add(v);
      }
      expect([...seen].sort()).toEqual([...locales.languages].sort());
    },
  );
});

describe("a multi-choice question with more choices than fit", () => {
  it.each(LANGUAGES)("when the 16 concerns are asked in %s, then each page has at most 13 quick replies with done, more and skip, and more shows the rest", (lang) => {
    const chat = new Chat(lang).answer(lang).skipTo("concerns");
    const first = chat.question();
    valid(first);
    const items1 = actionsOf(first);
    expect(items1.length).toBeLessThanOrEqual(13);
    const ops1 = items1.map((a) => a.data.op);
    for (const op of ["done", "more", "skip", "back"]) expect(ops1).toContain(op);
    const page1 = choicesOf(first, "concerns");

    const second = chat.op("more").messages;
    valid(second);
    const items2 = actionsOf(second);
    expect(items2.length).toBeLessThanOrEqual(13);
    expect(items2.map((a) => a.data.op)).toContain("done");
    const page2 = choicesOf(second, "concerns");

    expect(page1.filter((v) => page2.includes(v))).toEqual([]);
    expect([...page1, ...page2]).toEqual(flow.options.concern);
    for (const a of [...items1, ...items2]) {
      if (a.data.op === "back") expect(a.data).toEqual({ op: "back" });
      else expect(a.data).toMatchObject({ q: "concerns", f: "concerns" });
    }
  });

  it("when a choice on the second page is toggled, then the page stays and the choice is marked and listed as selected", () => {
    const chat = new Chat("ja").answer("ja").skipTo("concerns").op("more").toggle("care");
    const labels = actionsOf(chat.messages).filter((a) => a.data.op === "toggle").map((a) => a.label);
    const careLabel = optionLabel(flow, flow.byId.get("concerns")!, "care", locales.t("ja"), locales);
    expect(labels).toContain(`✓${careLabel}`);
    expect(String(chat.messages[0]!.text)).toContain(careLabel);
    expect(choicesOf(chat.messages, "concerns")).toContain("hikikomori_truancy"); // still the second page
  });
});

describe("labels", () => {
  /** Answers that make every conditional step appear at least once. */
  const everyStep: Record<string, (c: Chat) => Chat> = {
    age: (c) => c.answer("0-17"),
    foreign: (c) => c.answer(true),
    conditions: (c) => c.toggle("caregiver").toggle("released_from_institution").op("done"),
    householdStart: (c) => c.answer(true),
    memberAge: (c) => c.answer("75+"),
    householdMore: (c) => c.answer(false),
    tenure: (c) => c.answer("rented_private"),
    // Skipping the lost job asks about the income drop; skipping the amount asks for its sources.
    consult: (c) => c.answer(true),
    housingRisks: (c) => c.toggle("must_leave").toggle("disaster_damage").op("done"),
    concerns: (c) => c.toggle("income").op("more").toggle("dv_abuse").op("done"),
    contactBy: (c) => c.answer("phone"),
  };

  /** Every quick-reply action of every question of the flow, on every page, as first asked and after answering. */
  function everyQuestionsActions(lang: LocaleCode): { step: string; action: Action; full: string | null }[] {
    const chat = new Chat(lang);
    const t = locales.t(lang);
    const out: { step: string; action: Action; full: string | null }[] = [];
    for (let n = 0; chat.stepId !== null && chat.stepId !== "summary"; n++) {
      if (n > 80) throw new Error("the walk did not reach the summary");
      const step = flow.byId.get(chat.stepId)!;
      let pageMessages = chat.question();
      for (let page = 0; page < 4; page++) {
        valid(pageMessages);
        for (const a of actionsOf(pageMessages)) {
          const own = a.data.v !== undefined && a.data.op === undefined ? optionLabel(flow, step, a.data.v as OptionValue, t, locales) : null;
          out.push({ step: step.id, action: a, full: own });
        }
        if (!actionsOf(pageMessages).some((a) => a.data.op === "more")) break;
        chat.op("more");
        pageMessages = chat.messages;
      }
      (step.id === "language" ? (c: Chat) => c.answer(lang) : everyStep[step.id] ?? ((c: Chat) => c.op("skip")))(chat);
      // Marked choices ("✓…") after toggling are checked too.
      for (const a of actionsOf(chat.messages)) out.push({ step: step.id, action: a, full: null });
    }
    return out;
  }

  it.each(LANGUAGES)("when every question of the flow is shown in %s, on every page, then every quick-reply label is at most 20 graphemes (flex buttons 40)", (lang) => {
    const actions = everyQuestionsActions(lang);
    const asked = new Set(actions.map((a) => a.step));
    // Nationality and Japanese level are asked only in a Japanese conversation.
    const japaneseOnly = lang === "ja" || lang === "ja-easy" ? [] : ["foreign", "japanese"];
    expect(flow.steps.map((s) => s.id).filter((id) => id !== "summary" && !asked.has(id) && !japaneseOnly.includes(id))).toEqual([]);
    // Quick-reply labels: 20 graphemes; flex button labels (the summary's, reached at the end): 40.
    const tooLong = actions
      .filter(({ action }) => graphemeLength(action.label) > (action.in === "quickReply" ? 20 : 40))
      .map(({ step, action }) => `${step}: ${action.in} ${action.label}`);
    expect(tooLong).toEqual([]);
  });

  it("when a choice is offered in ja, ja-easy or en, then its own label fits in 20 graphemes and is not cut short with …", () => {
    const cut = LANGUAGES.flatMap((lang) =>
      everyQuestionsActions(lang)
        .filter(({ action, full }) => full !== null && action.label !== full)
        .map(({ step, action, full }) => `${lang} ${step}: "${full}" shown as "${action.label}"`),
    );
    expect([...new Set(cut)]).toEqual([]);
  });
});

describe("the summary", () => {
  function atSummary(lang: LocaleCode, answers: Record<string, (c: Chat) => Chat> = {}): Chat {
    const chat = new Chat(lang).answer(lang);
    for (let n = 0; chat.stepId !== "summary"; n++) {
      if (n > 80) throw new Error("never reached the summary");
      (answers[chat.stepId!] ?? ((c: Chat) => c.op("skip")))(chat);
    }
    return chat;
  }

  it.each(LANGUAGES)("when the summary is shown in %s, then it is a text and a flex message carrying submit and one edit per section shown, and no skip", (lang) => {
    // A housing concern opens the housing and money sections, so every section is shown.
    const chat = atSummary(lang, {
      concerns: (c) => c.toggle("housing").op("done"),
      contactBy: (c) => c.answer("none"),
      tenure: (c) => c.answer("owned"),
      householdStart: (c) => c.answer(false),
    });
    const messages = chat.messages;
    valid(messages);
    expect(messages.map((m) => m.type)).toEqual(["text", "flex"]);
    expect(String(messages[0]!.text)).toContain(locales.t(lang)("summary.title"));

    const flexData = JSON.stringify(messages[1]);
    expect(flexData).toContain(JSON.stringify(JSON.stringify({ q: "summary", f: "submit", v: true })));
    const actions = actionsOf(messages);
    expect(actions.filter((a) => a.in === "flex" && a.data.q === "summary")).toEqual([
      expect.objectContaining({ data: { q: "summary", f: "submit", v: true } }),
    ]);
    const edits = actions.filter((a) => a.data.op === "edit");
    for (const e of edits) {
      expect(Object.keys(e.data).sort()).toEqual(["op", "v"]);
      expect(flow.editTargets.has(String(e.data.v))).toBe(true);
    }
    // One edit per section, each naming the field of the section's first step; the contact
    // section is not offered when the resident chose not to be contacted.
    const sections = [...new Set(flow.steps.filter((s) => s.kind !== "summary").map((s) => s.section))].filter((s) => s !== "contact");
    const firstField = (section: string) => flow.steps.find((s) => s.section === section)!.field;
    expect(edits.map((e) => e.data.v)).toEqual(sections.map(firstField));
    expect(actions.some((a) => a.data.op === "skip")).toBe(false);
    for (const a of actions) {
      const ok = a.data.op === "edit" || a.data.op === "back" || (a.data.q === "summary" && a.data.f === "submit");
      expect(ok, JSON.stringify(a.data)).toBe(true);
    }
  });

  it("when the summary shows the answers, then the main concern carries ◎ and the household lists each member", () => {
    const chat = atSummary("ja", {
      householdStart: (c) => c.answer(true),
      memberRelation: (c) => c.answer("spouse"),
      memberAge: (c) => c.answer("75+"),
      concerns: (c) => c.toggle("housing").toggle("income").op("done"),
      mainConcern: (c) => c.answer("income"),
    });
    const text = String(chat.messages[0]!.text);
    const t = locales.t("ja");
    expect(text).toContain(`${t("summary.mainConcernMark")} ${t("options.concern.income")}`);
    expect(text).toContain(t("summary.member", { n: 1 }));
    expect(text).toContain(t("options.relation.spouse"));
  });

  it("when a long free text is shortened for the summary, then the summary text LINE receives is still well-formed Unicode", () => {
    // formatValue cuts at 200 UTF-16 code units: an emoji across that point leaves half of it.
    const freeText = `${"あ".repeat(199)}😀の続き`;
    const chat = atSummary("ja", { freeText: (c) => c.type(freeText) });
    valid(chat.messages);
    const text = String(chat.messages[0]!.text);
    expect(text).toContain("あ".repeat(199));
    expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text)).toBe(false);
  });

  it("when questions are skipped or answered with none of these, then the summary has no line for them (nothing reads 未回答) and is one short line per answer", () => {
    const t = locales.t("ja");
    const chat = atSummary("ja", {
      concerns: (c) => c.toggle("income").op("done"),
      conditions: (c) => c.op("done"),
      householdStart: (c) => c.answer(false),
      consult: (c) => c.answer(false),
    });
    const lines = String(chat.messages[0]!.text).split("\n");
    expect(lines.join("\n")).not.toContain(t("summary.skipped"));
    expect(lines.join("\n")).not.toContain(t("summary.field.conditions"));
    expect(lines).toContain(`${t("summary.field.concerns")}: ${t("options.concern.income")}`);
    expect(lines).toContain(`${t("summary.field.consult")}: ${t("options.yesNo.false")}`);
    // Title, the household, two answers, a blank line and the prompt.
    expect(lines.length).toBeLessThanOrEqual(8);
  });
});

describe("what a question says agrees with its buttons", () => {
  it.each(LANGUAGES)("when the free-text question is shown in %s, then its skip button reads as its text says (nothing to add), and a multi-choice question with nothing chosen offers none of these", (lang) => {
    const t = locales.t(lang);
    const chat = new Chat(lang).answer(lang).skipTo("freeText");
    const skip = actionsOf(chat.messages).find((a) => a.data.op === "skip")!;
    expect(skip.label).toBe(t("q.freeText.skip"));
    expect(String(chat.messages[0]!.text)).toContain(t("q.freeText.skip"));
    const multi = new Chat(lang).answer(lang).skipTo("concerns");
    expect(actionsOf(multi.messages).find((a) => a.data.op === "done")!.label).toBe(t("nav.noneOfThese"));
    multi.toggle("income");
    expect(actionsOf(multi.messages).find((a) => a.data.op === "done")!.label).toBe(t("nav.done"));
  });
});
