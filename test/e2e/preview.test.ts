// The administrators' preview of the draft answers exactly as the real engine answers a resident
// on LINE, for the same inputs: the preview runs the same pure pieces without the database, so
// this is what keeps the two from drifting apart. Its pages: test/web/admin/preview.test.ts.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { detectCrisis } from "../../src/crisis/detectCrisis.ts";
import { repoPath } from "../../src/server.ts";
import { startPreview, stepPreview, type PreviewInput, type PreviewState } from "../../src/web/admin/preview/previewConversation.ts";
import { Resident, startTestSystem, type TestSystem } from "../support/testServer.ts";
import { postbackEvent, textEvent } from "../support/webhook.ts";

let sys: TestSystem;

beforeAll(async () => {
  sys = await startTestSystem();
}, 60_000);
afterAll(async () => {
  await sys?.stop();
});

const REF = /TS-\d{4}-\d{6}/g;
const withoutRef = (messages: unknown[]) => JSON.parse(JSON.stringify(messages).replace(REF, "<ref>").replace(/TS-PREVIEW/g, "<ref>")) as unknown[];

function possibleCrisisLine(lang: string): string {
  const lines = readFileSync(repoPath(`corpus/crisis/train/${lang}.jsonl`), "utf8").split("\n").filter((l) => l.trim() !== "");
  for (const l of lines) {
    const { text } = JSON.parse(l) as { text: string };
    if (detectCrisis(text)?.certainty === "possible") return text;
  }
  throw new Error(`no ${lang} line is graded possible`);
}

describe("the preview conversation", () => {
  it("when the same taps and typed lines (a clear crisis, a possible one and its check, a danger answer, the summary) go to the preview and to a resident on LINE, then both get the same messages; the preview only reports what it would raise", async () => {
    const release = sys.server.releases.latest();
    const r = new Resident(sys);
    const real = await r.follow();
    let turn = startPreview(release, "ja");
    expect(turn.messages).toEqual(real);
    let state: PreviewState = turn.state;
    const both = async (input: PreviewInput) => {
      const opts = r.eventOptions();
      const got = await r.sendEvent(input.kind === "text" ? textEvent(input.text, opts) : postbackEvent(input.data, opts));
      turn = stepPreview(release, state, input, { referenceNo: "TS-PREVIEW", now: new Date() });
      state = turn.state;
      expect(withoutRef(turn.messages)).toEqual(withoutRef(got));
      return turn;
    };
    const tap = (match: (d: Record<string, unknown>) => boolean) => {
      const found = r.lastPostbacks().find((p) => match(p.data as Record<string, unknown>));
      if (!found) throw new Error(`no such postback; offered ${JSON.stringify(r.lastPostbacks().map((p) => p.raw))}`);
      return both({ kind: "postback", data: found.raw });
    };

    await tap((d) => d.q === "language" && d.v === "ja");
    const clear = await both({ kind: "text", text: "もう死にたい" });
    expect(clear.raised.crises).toEqual(["self_harm"]);
    const possible = await both({ kind: "text", text: possibleCrisisLine("en") });
    expect(possible.raised.crises).toEqual([]);
    const checked = await tap((d) => d.op === "check" && d.v === "unsure");
    expect(checked.raised.crises).toHaveLength(1);

    const selfHarmStep = release.flow.steps.find((s) => s.field === "safety.selfHarm")!.id;
    let dangerRaised = false;
    for (let i = 0; i < 80 && r.currentQuestion() !== "summary"; i++) {
      const q = r.currentQuestion()!;
      if (q === selfHarmStep && !dangerRaised) {
        dangerRaised = (await tap((d) => d.q === q && d.v === "thoughts")).raised.crises.includes("self_harm");
      } else {
        await tap((d) => d.q === q && d.op === "skip");
      }
    }
    expect(dangerRaised).toBe(true);
    const end = await tap((d) => d.q === "summary" && d.v === true);
    expect(end.raised.completed).toBe(true);
    expect(end.state.completed).toBe(true);
    expect(JSON.stringify(end.messages)).toContain("TS-PREVIEW");
  }, 120_000);
});
