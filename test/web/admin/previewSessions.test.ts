// The previews kept in memory: each is its owner's alone, and they are bounded in number and in
// idle time, so that a server never holds an unbounded number of them.
import { describe, expect, it } from "vitest";
import type { BuiltRelease } from "../../../src/releases/buildRelease.ts";
import type { PreviewTurn } from "../../../src/web/admin/preview/previewConversation.ts";
import { isPreviewId, PreviewSessions } from "../../../src/web/admin/preview/previewSessions.ts";

const release = {} as BuiltRelease;
const turn = (text: string): PreviewTurn => ({
  state: { snapshot: null, completed: false, crises: [] },
  messages: [{ type: "text", text }],
  raised: { crises: [], completed: false },
  language: "ja",
});

describe("previews in memory", () => {
  it("when another administrator asks for a preview, then it is not found; its owner finds it with what was said", () => {
    const sessions = new PreviewSessions();
    const s = sessions.open({ owner: "a", revision: 3, release, first: turn("hello") });
    expect(isPreviewId(s.id)).toBe(true);
    expect(sessions.get(s.id, "b")).toBeNull();
    sessions.record(s, "hi", turn("next"));
    expect(sessions.get(s.id, "a")!.transcript.map((e) => (e.from === "bot" ? e.messages[0] : e.text))).toEqual([{ type: "text", text: "hello" }, "hi", { type: "text", text: "next" }]);
  });

  it("when a preview sits idle for more than two hours, then it is forgotten; one used meanwhile is kept", () => {
    let now = 0;
    const sessions = new PreviewSessions(() => now);
    const idle = sessions.open({ owner: "a", revision: 1, release, first: turn("x") });
    const used = sessions.open({ owner: "a", revision: 1, release, first: turn("y") });
    now = 90 * 60_000;
    expect(sessions.get(used.id, "a")).not.toBeNull();
    now = 2 * 3_600_000 + 1;
    expect(sessions.get(idle.id, "a")).toBeNull();
    expect(sessions.get(used.id, "a")).not.toBeNull();
  });

  it("when more than a hundred previews are opened, then the least recently used go first", () => {
    const sessions = new PreviewSessions();
    const first = sessions.open({ owner: "a", revision: 1, release, first: turn("first") });
    const second = sessions.open({ owner: "a", revision: 1, release, first: turn("second") });
    sessions.get(first.id, "a"); // used: the second is now the oldest
    for (let i = 0; i < 99; i++) sessions.open({ owner: "a", revision: 1, release, first: turn(String(i)) });
    expect(sessions.size).toBe(100);
    expect(sessions.get(second.id, "a")).toBeNull();
    expect(sessions.get(first.id, "a")).not.toBeNull();
  });
});
