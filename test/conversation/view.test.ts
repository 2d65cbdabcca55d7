// The conversation's channel-neutral view (src/conversation/view.ts): what to show, in the
// resident's language, with the postback data of each choice; LINE's shapes and limits are the
// rendering's (src/line/render.ts), not the view's.
import { describe, expect, it } from "vitest";
import { compileFlow } from "../../src/conversation/compileFlow.ts";
import { flowFrom } from "../../src/conversation/loadFlow.ts";
import { restore, startConversation, stepConversation } from "../../src/conversation/step.ts";
import { previewQuestion, viewOf, type ViewItem } from "../../src/conversation/view.ts";
import { localesFrom } from "../../src/i18n/locales.ts";
import { renderView } from "../../src/line/render.ts";
import { repoContent } from "../releases/releaseFixtures.ts";

const NOW = "2025-04-01T09:00:00.000Z";

function setup(edit: (bundles: Record<string, Record<string, unknown>>) => void = () => {}) {
  const content = repoContent();
  edit(content.locales);
  const locales = localesFrom(content.locales);
  const areas = (content.municipality.areas as { code: string }[]).map((a) => a.code);
  const flow = compileFlow(flowFrom(content.flow, { languages: locales.languages, areas }));
  return { flow, locales };
}

describe("the view of a conversation", () => {
  it("when a conversation starts in en, then the view is the greeting, the privacy notice and the language question with its choices' labels and postbacks, skip and no back", () => {
    const { flow, locales } = setup();
    const start = startConversation(flow, "en");
    const view = viewOf(start.outputs, { flow, locales, snapshot: restore(flow, start.snapshot) });
    const t = locales.t("en");
    expect(view.map((v) => v.kind)).toEqual(["text", "text", "question"]);
    expect(view.slice(0, 2)).toEqual([{ kind: "text", text: t("msg.greeting") }, { kind: "text", text: t("msg.privacy") }]);
    const q = view[2] as Extract<ViewItem, { kind: "question" }>;
    expect(q).toMatchObject({ stepId: "language", text: t("q.language.text") });
    expect(q.choices[0]).toEqual({ label: locales.meta.get("en")!.name, data: { q: "language", f: "language", v: "en" } });
    expect(q.choices.filter((c) => "op" in c.data).map((c) => c.data)).toEqual([{ q: "language", f: "language", op: "more" }, { q: "language", f: "language", op: "skip" }]);
  });

  it("when a label is longer than LINE allows, then the view keeps it whole and only LINE's rendering shortens it", () => {
    const long = "A home that I or my family own outright";
    const { flow, locales } = setup((l) => (((l.en!.bot as Record<string, Record<string, Record<string, string>>>).options!.tenure!).owned = long));
    const [item] = previewQuestion(flow, locales, "tenure", "en");
    const choice = (item as Extract<ViewItem, { kind: "question" }>).choices.find((c) => (c.data as { v?: unknown }).v === "owned")!;
    expect(choice.label).toBe(long);
    const [message] = renderView([item!]) as { quickReply: { items: { action: { label: string; displayText: string } }[] } }[];
    const action = message!.quickReply.items.find((i) => i.action.displayText.startsWith("A home"))!.action;
    expect(action.label).toHaveLength(20);
    expect(action.label.endsWith("…")).toBe(true);
  });

  it("when an item of a multi-choice question is chosen, then the view marks it selected and LINE shows ✓ while the resident's reply stays the plain label", () => {
    const { flow, locales } = setup();
    let r = startConversation(flow, "ja");
    const tap = (data: unknown) => (r = stepConversation(flow, r.snapshot, { kind: "postback", data: JSON.stringify(data) }, { locales, now: NOW }));
    tap({ q: "language", f: "language", v: "ja" });
    for (let n = 0; n < 10 && r.outputs.at(-1)?.kind === "question" && (r.outputs.at(-1) as { stepId: string }).stepId !== "conditions"; n++) {
      const id = (r.outputs.at(-1) as { stepId: string }).stepId;
      tap({ q: id, f: flow.byId.get(id)!.field, op: "skip" });
    }
    tap({ q: "conditions", f: "person.conditions", v: "dementia", op: "toggle" });
    const view = viewOf(r.outputs, { flow, locales, snapshot: restore(flow, r.snapshot) });
    const q = view.at(-1) as Extract<ViewItem, { kind: "question" }>;
    const chosen = q.choices.filter((c) => c.selected);
    expect(chosen.map((c) => c.data)).toEqual([{ q: "conditions", f: "person.conditions", v: "dementia", op: "toggle" }]);
    const label = locales.t("ja")("options.condition.dementia");
    expect(chosen[0]!.label).toBe(label);
    const actions = (renderView(view).at(-1) as { quickReply: { items: { action: { label: string; displayText: string } }[] } }).quickReply.items.map((i) => i.action);
    expect(actions.find((a) => a.displayText === label)!.label).toBe(`✓${label}`);
  });
});

describe("the question's wording for the respondent", () => {
  /** The text of question `stepId` after the resident answered the respondent question with `respondent`, in `lang`. */
  function askedAfter(setupResult: ReturnType<typeof setup>, lang: string, respondent: string, stepId: string): string {
    const { flow, locales } = setupResult;
    let r = startConversation(flow, lang as never);
    const tap = (data: unknown) => (r = stepConversation(flow, r.snapshot, { kind: "postback", data: JSON.stringify(data) }, { locales, now: NOW }));
    tap({ q: "language", f: "language", v: lang });
    tap({ q: "respondent", f: "respondent", v: respondent });
    for (let n = 0; n < 10 && (r.outputs.at(-1) as { stepId?: string }).stepId !== stepId; n++) {
      const id = (r.outputs.at(-1) as { stepId: string }).stepId;
      tap({ q: id, f: flow.byId.get(id)!.field, op: "skip" });
    }
    const [item] = viewOf([r.outputs.at(-1)!], { flow, locales, snapshot: restore(flow, r.snapshot) });
    return (item as Extract<ViewItem, { kind: "question" }>).text;
  }

  it("when the respondent is self, then the question shows its text_self; for family or supporter, its plain text", () => {
    const s = setup();
    const bot = (lang: string) => s.locales.t(lang as never);
    expect(askedAfter(s, "en", "self", "age")).toBe(bot("en")("q.age.text_self"));
    expect(askedAfter(s, "en", "family", "age")).toBe(bot("en")("q.age.text"));
    expect(askedAfter(s, "en", "supporter", "age")).toBe(bot("en")("q.age.text"));
    expect(bot("en")("q.age.text_self")).not.toBe(bot("en")("q.age.text"));
  });

  it("when a language has no text_self for a question, then a resident who is the person sees that language's plain text, not another language's variant", () => {
    const s = setup((l) => delete (l.ko!.bot as { q: Record<string, Record<string, string>> }).q.age!.text_self);
    const ko = s.locales.t("ko");
    expect(askedAfter(s, "ko", "self", "age")).toBe(ko("q.age.text"));
    expect(askedAfter(s, "ko", "self", "age")).toMatch(/당사자/);
  });
});
