// What a resident did, whatever the channel: what the conversation reacts to. A channel's edge
// (src/line/events.ts for LINE) turns its own events into these; everything else is ignored.
export type ResidentInput =
  | { kind: "follow" }
  | { kind: "unfollow" }
  | { kind: "text"; text: string }
  | { kind: "postback"; data: string }
  | { kind: "nonText"; messageType: string }
  | { kind: "group" }
  | { kind: "ignored"; reason: string };
