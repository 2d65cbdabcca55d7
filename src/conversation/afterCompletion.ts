// A resident whose consultation is complete can still write: "status" (状況) tells where the case
// stands, "call me" asks for a call back at a chosen time (both reach the staff's timeline), and
// anything else they type goes to their case — a reply to a caseworker, say: on the referral's
// timeline, a notice to the owner window, and an acknowledgement that a person will read it.
// A new consultation starts only when they ask for one.
import type { Prisma } from "../generated/prisma/client.ts";
import type { Sealer } from "../db/crypto.ts";
import { queueNotifications } from "../referrals/notifications.ts";
import type { Locales } from "../i18n/locales.ts";
import { renderTerms, type Glossary } from "../i18n/glossary.ts";
import type { LocaleCode } from "../intake/codes.ts";
import type { Municipality } from "../intake/municipality.ts";
import type { ResidentInput } from "./residentInput.ts";
import { matchesAny } from "./matchWords.ts";
import type { BotOutput } from "./outputs.ts";

export const CALLBACK_SLOTS = ["today", "tomorrow_am", "tomorrow_pm", "any"] as const;

interface Referral {
  id: string;
  referenceNo: string;
  status: string;
  primaryWindowId: string;
}

export async function afterCompletion(
  tx: Prisma.TransactionClient,
  deps: { locales: Locales; municipality: Municipality; glossary: Glossary; sealer: Sealer },
  referral: Referral | null,
  input: ResidentInput,
  /** Where a typed message came from: its language (script, else the conversation's), time and transcript row. */
  message: { language: LocaleCode; at: Date; transcriptId: bigint | null },
  lang: LocaleCode,
): Promise<BotOutput[]> {
  const newConsultation: BotOutput = {
    kind: "offer",
    key: "msg.alreadyCompleted",
    params: { ref: referral?.referenceNo ?? "" },
    choices: [{ labelKey: "nav.newConsultation", data: { op: "restart" } }],
  };
  if (!referral) return [newConsultation];
  const words = (name: string) => [...deps.locales.words(name).values()].flat();
  if (input.kind === "text" && matchesAny(input.text, words("status"))) {
    const window = deps.municipality.windows.find((w) => w.id === referral.primaryWindowId);
    return [{ kind: "line", key: "status.reply", params: { ref: referral.referenceNo, window: window ? renderTerms(deps.glossary, window.name, lang) : "" }, textParams: { status: `status.${referral.status}` } }];
  }
  if (input.kind === "text" && matchesAny(input.text, words("callback"))) {
    return [{ kind: "offer", key: "status.callbackAsk", choices: CALLBACK_SLOTS.map((v) => ({ labelKey: `callbackSlots.${v}`, data: { op: "callback", v } })) }];
  }
  if (input.kind === "text") {
    await tx.residentMessage.create({
      data: { referralId: referral.id, transcriptId: message.transcriptId, language: message.language, textEnc: deps.sealer.seal(input.text), at: message.at },
    });
    await queueNotifications(tx, deps.municipality, { referralId: referral.id, windowId: referral.primaryWindowId, event: "referral.resident_message" });
    const window = deps.municipality.windows.find((w) => w.id === referral.primaryWindowId);
    return [
      {
        kind: "offer",
        key: "msg.residentMessageReceived",
        params: { ref: referral.referenceNo, window: window ? renderTerms(deps.glossary, window.name, lang) : "" },
        choices: [{ labelKey: "nav.newConsultation", data: { op: "restart" } }],
      },
    ];
  }
  const slot = input.kind === "postback" ? callbackSlot(input.data) : null;
  if (slot) {
    await tx.referralEvent.create({
      data: { referralId: referral.id, fromStatus: referral.status, toStatus: referral.status, actor: "resident", reason: `callback requested: ${slot}` },
    });
    return [{ kind: "line", key: "status.callbackDone", textParams: { slot: `callbackSlots.${slot}` } }];
  }
  return [newConsultation];
}

function callbackSlot(data: string): (typeof CALLBACK_SLOTS)[number] | null {
  try {
    const d = JSON.parse(data) as { op?: unknown; v?: unknown };
    return d.op === "callback" && CALLBACK_SLOTS.includes(d.v as never) ? (d.v as (typeof CALLBACK_SLOTS)[number]) : null;
  } catch {
    return null;
  }
}
