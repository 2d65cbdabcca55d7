// Without LINE credentials the bot talks to the local chat simulator instead: the same engine,
// inbox and outbox; only this gateway stands where LINE's API would be.
import { EventEmitter } from "node:events";
import type { messagingApi } from "@line/bot-sdk";
import type { LineGateway } from "../../line/gateway.ts";

export class SimulatorHub extends EventEmitter {
  private readonly tokens = new Map<string, string>();
  readonly history = new Map<string, messagingApi.Message[]>();

  constructor() {
    super();
    this.setMaxListeners(0); // one pair of listeners per open simulator tab
  }

  /** Ends every open event stream (the server is stopping). */
  closeStreams(): void {
    this.emit("shutdown");
  }

  noteReplyToken(token: string, userId: string): void {
    this.tokens.set(token, userId);
  }

  deliver(userId: string, messages: messagingApi.Message[]): void {
    const list = this.history.get(userId) ?? [];
    list.push(...messages);
    this.history.set(userId, list.slice(-200));
    this.emit("messages", userId, messages);
  }

  gateway(): LineGateway {
    return {
      reply: async (token, messages) => {
        const userId = this.tokens.get(token);
        if (!userId) return { ok: false, retryable: false, outcomeUnknown: false, invalidReplyToken: true, status: 400, retryAfterMs: null, error: "HTTP 400" };
        this.tokens.delete(token);
        this.deliver(userId, messages);
        return { ok: true };
      },
      push: async (to, messages) => {
        this.deliver(to, messages);
        return { ok: true };
      },
      profileLanguage: async () => null,
      showLoading: async (userId) => {
        this.emit("loading", userId);
      },
    };
  }
}
