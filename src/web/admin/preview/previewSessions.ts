// The open previews of this server, in memory only: nothing of a preview is ever written to the
// database, so no window, inbox or audit page can see one. A preview belongs to the administrator
// who started it and keeps the draft as it was built then (a conversation keeps its version).
// Bounded: the oldest previews and those idle for two hours are forgotten.
import { randomBytes } from "node:crypto";
import type { messagingApi } from "@line/bot-sdk";
import type { BuiltRelease } from "../../../releases/buildRelease.ts";
import type { PreviewState, PreviewTurn } from "./previewConversation.ts";

export type PreviewEntry =
  | { from: "bot"; messages: messagingApi.Message[]; raised: PreviewTurn["raised"]; language: string }
  | { from: "resident"; text: string; language: string };

export interface PreviewSession {
  id: string;
  owner: string;
  /** The draft revision the preview runs. */
  revision: number;
  release: BuiltRelease;
  state: PreviewState;
  transcript: PreviewEntry[];
  lastUsed: number;
}

const MAX_SESSIONS = 100;
const MAX_ENTRIES = 400;
const IDLE_MS = 2 * 3_600_000;

export const isPreviewId = (id: string): boolean => /^[A-Za-z0-9_-]{22}$/.test(id);

export class PreviewSessions {
  private readonly sessions = new Map<string, PreviewSession>();

  private readonly now: () => number = Date.now;

  constructor(now: () => number = Date.now) {
    this.now = now;
  }

  open(o: { owner: string; revision: number; release: BuiltRelease; first: PreviewTurn }): PreviewSession {
    this.forgetIdle();
    while (this.sessions.size >= MAX_SESSIONS) this.sessions.delete(this.sessions.keys().next().value!);
    const session: PreviewSession = {
      id: randomBytes(16).toString("base64url").slice(0, 22),
      owner: o.owner,
      revision: o.revision,
      release: o.release,
      state: o.first.state,
      transcript: [{ from: "bot", messages: o.first.messages, raised: o.first.raised, language: o.first.language }],
      lastUsed: this.now(),
    };
    this.sessions.set(session.id, session);
    return session;
  }

  /** The preview, when it exists and is this owner's. */
  get(id: string, owner: string): PreviewSession | null {
    this.forgetIdle();
    const s = this.sessions.get(id);
    if (!s || s.owner !== owner) return null;
    s.lastUsed = this.now();
    // Most recently used last: the first in the map is the one to forget when full.
    this.sessions.delete(id);
    this.sessions.set(id, s);
    return s;
  }

  record(s: PreviewSession, said: string, turn: PreviewTurn): void {
    const before = s.transcript[lastBotIndex(s.transcript)]?.language ?? turn.language;
    s.state = turn.state;
    s.transcript.push({ from: "resident", text: said, language: before }, { from: "bot", messages: turn.messages, raised: turn.raised, language: turn.language });
    if (s.transcript.length > MAX_ENTRIES) s.transcript.splice(0, s.transcript.length - MAX_ENTRIES);
  }

  get size(): number {
    return this.sessions.size;
  }

  private forgetIdle(): void {
    const cutoff = this.now() - IDLE_MS;
    for (const [id, s] of this.sessions) if (s.lastUsed < cutoff) this.sessions.delete(id);
  }
}

/** Where the bot's newest answer stands in the transcript (-1 when there is none). */
export function lastBotIndex(transcript: PreviewEntry[]): number {
  for (let i = transcript.length - 1; i >= 0; i--) if (transcript[i]!.from === "bot") return i;
  return -1;
}
