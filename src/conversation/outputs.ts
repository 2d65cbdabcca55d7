// What the conversation wants to say, before it is put into any channel's words or shapes.
export type BotOutput =
  | { kind: "line"; key: string; params?: Record<string, string | number> }
  | { kind: "question"; stepId: string }
  | { kind: "newConsultationOffer"; key: string; params?: Record<string, string | number> };
