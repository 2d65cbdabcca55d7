// The record the analytics count from (src/analytics/recordQuestionEvents.ts), written by the
// real conversation step through /webhook: each question shown and each answered, with the
// running count of answers; back, a re-asked question and a multi-choice toggle are not answers;
// nothing of what the resident said, and no LINE user id, is kept.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildReport, tableOf } from "../../src/analytics/buildReport.ts";
import { loadAnalytics } from "../../src/analytics/loadAnalytics.ts";
import { periodContaining } from "../../src/analytics/period.ts";
import { Resident, startTestSystem, type TestSystem } from "../support/testServer.ts";

let sys: TestSystem;
beforeAll(async () => {
  sys = await startTestSystem();
}, 60_000);
afterAll(async () => {
  await sys?.stop();
});

const eventsOf = async (conversationId: string) =>
  (await sys.server.db.prisma.questionEvent.findMany({ where: { conversationId }, orderBy: { id: "asc" } })).map((e) => `${e.kind}:${e.stepId}:${e.answersSoFar}`);

describe("question events from real conversations", () => {
  it("when a resident answers, goes back, types nonsense, toggles and completes, then only real answers count and every question shown is recorded", async () => {
    const r = new Resident(sys);
    await r.follow();
    const conversation = await sys.server.db.prisma.conversation.findFirstOrThrow({ where: { lineUserId: r.userId } });
    expect(await eventsOf(conversation.id)).toEqual(["shown:language:0"]);

    await r.answer("language", "ja");
    await r.answer("respondent", "self");
    await r.command("back");
    expect(r.currentQuestion()).toBe("respondent");
    await r.answer("respondent", "family");
    await r.type("これは選択肢ではありません");
    expect(await eventsOf(conversation.id)).toEqual([
      "shown:language:0",
      "answered:language:1", "shown:respondent:1",
      "answered:respondent:2", "shown:area:2",
      "shown:respondent:2",
      "answered:respondent:3", "shown:area:3",
      "shown:area:3",
    ]);

    // Skip to the concerns, toggle one (not an answer yet), then finish the question with done.
    for (let i = 0; i < 60 && r.currentQuestion() !== "concerns"; i++) await r.skip(r.currentQuestion()!);
    const before = (await eventsOf(conversation.id)).length;
    await r.toggle("concerns", "income");
    const toggled = await eventsOf(conversation.id);
    expect(toggled.slice(before).every((e) => e.startsWith("shown:concerns:"))).toBe(true);
    await r.done("concerns");
    for (let i = 0; i < 60 && r.currentQuestion() !== "summary"; i++) await r.skip(r.currentQuestion()!);
    await r.answer("summary", true);

    const all = await eventsOf(conversation.id);
    const answered = all.filter((e) => e.startsWith("answered:"));
    // The count runs 1, 2, 3, … with no gap or repeat, and the summary is the last answer.
    expect(answered.map((e) => Number(e.split(":")[2]))).toEqual(answered.map((_, i) => i + 1));
    expect(answered.at(-1)).toMatch(/^answered:summary:/);
    expect(all.filter((e) => e === "answered:concerns:" + e.split(":")[2])).toHaveLength(1);

    const rows = await sys.server.db.prisma.questionEvent.findMany({ where: { conversationId: conversation.id } });
    const flow = sys.server.deps.flow;
    for (const row of rows) {
      expect(row.section).toBe(flow.byId.get(row.stepId)!.section);
      expect(JSON.stringify(row, (_k, v) => (typeof v === "bigint" ? String(v) : v))).not.toContain(r.userId);
    }
    expect(rows.filter((e) => e.kind === "answered" && e.stepId !== "language").every((e) => e.language === "ja")).toBe(true);

    // The analytics read it as one completed conversation, answered in one sitting.
    const setting = { steps: flow.steps.map((s) => ({ id: s.id, section: s.section })), sections: [...new Set(flow.steps.map((s) => s.section))], slaHours: sys.server.deps.municipality.slaHours };
    const report = buildReport(await loadAnalytics(sys.server.db.prisma, sys.server.deps.sealer, periodContaining("week", rows[0]!.at), {}), setting);
    const funnel = tableOf(report, "funnel").rows;
    expect(funnel.find((f) => f.key === "started")!.count).toEqual({ kind: "small" });
    expect((await sys.server.db.prisma.conversation.findUniqueOrThrow({ where: { id: conversation.id } })).status).toBe("completed");
  });
});
