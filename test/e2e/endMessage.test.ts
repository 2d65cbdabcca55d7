// Through /webhook: the end message says within how long the window will be in touch (the SLA of
// the case's urgency, from the directory), and hours and crisis lines read in the resident's
// language — no Japanese hours or notes in English.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Resident, startTestSystem, type TestSystem } from "../support/testServer.ts";

let sys: TestSystem;

beforeAll(async () => {
  sys = await startTestSystem();
});
afterAll(async () => {
  await sys?.stop();
});

const texts = (messages: unknown[]) => messages.map((m) => (m as { text?: string }).text ?? "").join("\n");

async function completeSkipping(r: Resident): Promise<string> {
  for (let i = 0; i < 120 && r.currentQuestion() && r.currentQuestion() !== "summary"; i++) await r.skip(r.currentQuestion()!);
  expect(r.currentQuestion()).toBe("summary");
  return texts(await r.answer("summary", true));
}

describe("the end of an intake", () => {
  it("when an English-speaking resident completes a routine intake, then they are told the window, its hours in English and that it will contact them within 3 days", async () => {
    const r = new Resident(sys);
    await r.follow();
    await r.answer("language", "en");
    const end = await completeSkipping(r);
    expect(end).toContain("will contact you within 3 days.");
    expect(end).toMatch(/Weekdays \d{1,2}:\d{2}–\d{1,2}:\d{2}/);
    expect(end).not.toMatch(/平日|〜/);
  });

  it("when a Japanese resident completes one, then the same is said in Japanese from the directory's SLA", async () => {
    const r = new Resident(sys);
    await r.follow();
    await r.answer("language", "ja");
    const end = await completeSkipping(r);
    expect(end).toMatch(/の担当者から、3日以内に連絡します。/);
    expect(end).toMatch(/平日 \d{1,2}:\d{2}〜\d{1,2}:\d{2}/);
  });

  it("when an English-speaking resident types a crisis, then the lines' hours and notes are in English", async () => {
    const r = new Resident(sys);
    await r.follow();
    await r.answer("language", "en");
    const answer = texts(await r.type("I want to die tonight"));
    expect(answer).toContain("0120-783-556 (free call; on set days and hours)");
    expect(answer).not.toContain("フリーダイヤル");
    expect(answer).not.toContain("24時間");
  });
});
