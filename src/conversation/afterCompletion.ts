// A resident whose consultation is complete can still write: "status" (状況) tells where the case
// stands, "call me" asks for a call back at a chosen time (the chosen time, a postback, is
// recorded by menuActions.ts on the staff's timeline, as the rich menu's button is), and
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
import { callbackAsk, statusOutput } from "./menuActions.ts";
import type { BotOutput } from "./outputs.ts";

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
  // The same answers as the rich menu's buttons (menuActions.ts, which also records the chosen call-back time).
  if (input.kind === "text" && matchesAny(input.text, words("status"))) return [statusOutput(deps, referral, lang)];
  if (input.kind === "text" && matchesAny(input.text, words("callback"))) return [callbackAsk()];
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
  return [newConsultation];
}
