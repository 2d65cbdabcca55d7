// The rich menu's four buttons, as postbacks beside contract section 3's: {"op":"menu","v":<item>}
// (no clash with back, restart, lang, edit, check or callback). Defined here once: the LINE rich
// menu (src/line/richMenu.ts) and the simulator draw them from MENU_ITEMS.
//  - start: resume the open consultation, or start one — handled exactly as a follow is;
//  - language: the other languages to choose from ({"op":"lang"}); after a completed consultation
//    the choice changes the language the bot answers in;
//  - status: where the resident's latest referral stands, in their language (nothing else);
//  - callback: when to call back ({"op":"callback","v":<slot>}), recorded on the latest referral's
//    timeline; without a referral, the resident is asked to finish the intake first.
import { z } from "zod";
import type { Prisma } from "../generated/prisma/client.ts";
import type { LocaleCode } from "../intake/codes.ts";
import type { Municipality } from "../intake/municipality.ts";
import { renderTerms, type Glossary } from "../i18n/glossary.ts";
import { suggestLanguage, type Locales } from "../i18n/locales.ts";
import type { BotOutput } from "./outputs.ts";

export const MENU_ITEMS = ["start", "language", "status", "callback"] as const;
export type MenuItem = (typeof MENU_ITEMS)[number];
export const CALLBACK_SLOTS = ["today", "tomorrow_am", "tomorrow_pm", "any"] as const;
export type CallbackSlot = (typeof CALLBACK_SLOTS)[number];

const MenuData = z.union([
  z.strictObject({ op: z.literal("menu"), v: z.enum(MENU_ITEMS) }),
  z.strictObject({ op: z.literal("callback"), v: z.enum(CALLBACK_SLOTS) }),
  z.strictObject({ op: z.literal("lang"), v: z.string() }),
]);
type MenuData = z.infer<typeof MenuData>;

/** The postback data of a rich menu button. */
export const menuPostback = (item: MenuItem) => ({ op: "menu", v: item }) as const;
/** The locale key (bot namespace) of a button's label. */
export const menuLabelKey = (item: MenuItem) => `menu.${item}`;

/** What a resident's callback request reads as on the referral's timeline (the console words it). */
export const callbackReason = (slot: CallbackSlot) => `callback requested: ${slot}`;
/** The slot of a timeline reason written by callbackReason, else null. */
export function callbackSlotOf(reason: string): CallbackSlot | null {
  const slot = /^callback requested: (\w+)$/.exec(reason)?.[1];
  return CALLBACK_SLOTS.find((s) => s === slot) ?? null;
}

function parse(data: string): MenuData | null {
  try {
    const r = MenuData.safeParse(JSON.parse(data));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

export interface MenuDeps {
  locales: Locales;
  municipality: Municipality;
  glossary: Glossary;
}

export type MenuOutcome =
  /** Not the menu's: the conversation goes on as usual. */
  | { kind: "none" }
  /** Start or resume: handled as a follow is. */
  | { kind: "asFollow" }
  | { kind: "answer"; outputs: BotOutput[]; language: LocaleCode; conversationId: string | null; referralId: string | null };

interface Conversation {
  id: string;
  language: string | null;
}

export async function answerMenu(
  tx: Prisma.TransactionClient,
  deps: MenuDeps,
  r: { userId: string; data: string; active: Conversation | null; profileLanguage: string | null },
): Promise<MenuOutcome> {
  const d = parse(r.data);
  if (!d) return { kind: "none" };
  const known = (l: string | null | undefined): LocaleCode | null => (l && deps.locales.languages.includes(l as LocaleCode) ? (l as LocaleCode) : null);
  const last = r.active ?? (await tx.conversation.findFirst({ where: { lineUserId: r.userId, status: "completed" }, orderBy: { createdAt: "desc" }, select: { id: true, language: true } }));
  const lang = known(last?.language) ?? suggestLanguage(deps.locales, r.profileLanguage) ?? "ja";
  const answer = (outputs: BotOutput[], language = lang, referralId: string | null = null): MenuOutcome => ({ kind: "answer", outputs, language, conversationId: last?.id ?? null, referralId });

  if (d.op === "lang") {
    // During a consultation the flow changes the language; after one, the language it ended in.
    if (r.active || !last) return { kind: "none" };
    const chosen = known(d.v);
    if (!chosen) return { kind: "none" };
    await tx.conversation.update({ where: { id: last.id }, data: { language: chosen } });
    return answer([{ kind: "line", key: "msg.languageChanged" }], chosen);
  }
  const referral = await tx.referral.findFirst({ where: { lineUserId: r.userId }, orderBy: { createdAt: "desc" }, select: { id: true, referenceNo: true, status: true, primaryWindowId: true } });
  if (d.op === "callback") {
    if (!referral) return answer([finishFirst()]);
    await tx.referralEvent.create({ data: { referralId: referral.id, fromStatus: referral.status, toStatus: referral.status, actor: "resident", reason: callbackReason(d.v) } });
    return answer([{ kind: "line", key: "status.callbackDone", textParams: { slot: `callbackSlots.${d.v}` } }], lang, referral.id);
  }
  const item: MenuItem = d.v;
  switch (item) {
    case "start":
      return { kind: "asFollow" };
    case "language": {
      if (!last) return { kind: "asFollow" }; // the first question of a new consultation is the language
      const others = deps.locales.languages.filter((l) => l !== lang);
      return answer([{ kind: "offer", key: "menu.chooseLanguage", choices: others.map((l) => ({ labelKey: "menu.languageChoice", labelParams: { name: deps.locales.meta.get(l)?.name ?? l }, data: { op: "lang", v: l } })) }]);
    }
    case "status":
      return referral ? answer([statusOutput(deps, referral, lang)], lang, referral.id) : answer([{ kind: "line", key: "menu.noCase" }]);
    case "callback":
      if (!referral) return answer([finishFirst()]);
      return answer([callbackAsk()], lang, referral.id);
    default: {
      const never: never = item;
      return never;
    }
  }
}

/** Where a referral stands, in the resident's language: its number, status and owning window. */
export function statusOutput(deps: MenuDeps, referral: { referenceNo: string; status: string; primaryWindowId: string }, lang: LocaleCode): BotOutput {
  const window = deps.municipality.windows.find((w) => w.id === referral.primaryWindowId);
  return { kind: "line", key: "status.reply", params: { ref: referral.referenceNo, window: window ? renderTerms(deps.glossary, window.name, lang) : "" }, textParams: { status: `status.${referral.status}` } };
}

/** When would they like a call back: one choice per slot. */
export function callbackAsk(): BotOutput {
  return { kind: "offer", key: "status.callbackAsk", choices: CALLBACK_SLOTS.map((v) => ({ labelKey: `callbackSlots.${v}`, data: { op: "callback", v } })) };
}

const finishFirst = (): BotOutput => ({ kind: "offer", key: "menu.finishFirst", choices: [{ labelKey: "menu.start", data: menuPostback("start") }] });
