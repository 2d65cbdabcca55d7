// What the conversation wants to say, before it is put into any channel's words or shapes.
export interface Choice {
  labelKey: string;
  labelParams?: Record<string, string | number>;
  /** Postback data (contract section 3, or one of the project's additions such as callback). */
  data: Record<string, unknown>;
}

export type BotOutput =
  | {
      kind: "line";
      key: string;
      params?: Record<string, string | number>;
      /** Parameters that are themselves texts: name → locale key, translated in the resident's language. */
      textParams?: Record<string, string>;
    }
  | { kind: "question"; stepId: string }
  | { kind: "offer"; key: string; params?: Record<string, string | number>; choices: Choice[] };
