// The LINE conversation of a referral as staff read it: what the resident typed, the label of
// the button they tapped (found in the bot message that offered it), the text of the bot's
// messages, and the messages staff sent from the console.
import type { TranscriptEntry } from "../../generated/prisma/client.ts";
import type { Sealer } from "../../db/crypto.ts";

export interface TranscriptItem {
  id: bigint;
  at: Date;
  direction: "in" | "out";
  kind: string;
  language: string | null;
  /** What a person reads; for a tap, its label when found. */
  text: string;
  /** A tap whose label could not be found: the raw postback data is shown instead. */
  rawPostback: boolean;
}

type LineMessage = { type?: string; text?: string; altText?: string };

/** Every postback action in a message (quick replies, flex buttons): data → label. */
function collectLabels(node: unknown, into: Map<string, string>): void {
  if (Array.isArray(node)) {
    for (const n of node) collectLabels(n, into);
    return;
  }
  if (node === null || typeof node !== "object") return;
  const obj = node as Record<string, unknown>;
  const action = obj.action as { type?: unknown; data?: unknown; label?: unknown; displayText?: unknown } | undefined;
  if (action && action.type === "postback" && typeof action.data === "string") {
    const label = typeof action.displayText === "string" ? action.displayText : typeof action.label === "string" ? action.label : null;
    if (label) into.set(action.data, label);
  }
  for (const [k, v] of Object.entries(obj)) if (k !== "action") collectLabels(v, into);
}

function messageText(m: LineMessage): string {
  if (m.type === "text") return m.text ?? "";
  if (typeof m.altText === "string") return m.altText;
  return `[${m.type ?? "message"}]`;
}

export function readTranscript(sealer: Sealer, entries: TranscriptEntry[]): TranscriptItem[] {
  const labels = new Map<string, string>();
  const out: TranscriptItem[] = [];
  for (const e of entries) {
    let text = "";
    let rawPostback = false;
    try {
      if (e.direction === "out") {
        const messages = sealer.openJson<unknown>(e.contentEnc);
        const list = (Array.isArray(messages) ? messages : [messages]) as LineMessage[];
        collectLabels(list, labels);
        text = list.map(messageText).join("\n\n");
      } else if (e.kind === "postback") {
        const data = sealer.open(e.contentEnc);
        const found = labels.get(data);
        text = found ?? data;
        rawPostback = found === undefined;
      } else {
        text = sealer.open(e.contentEnc);
      }
    } catch {
      text = "";
    }
    out.push({ id: e.id, at: e.createdAt, direction: e.direction === "out" ? "out" : "in", kind: e.kind, language: e.language, text, rawPostback });
  }
  return out;
}
