// The use case behind every resident event, inside one database transaction: load the
// conversation, step it, save the new snapshot, the transcript and the outbox rows together.
// Reads like the story: who is this, which conversation, what did they say, what do we answer.
// It stands where the conversation (src/conversation, which knows no channel) meets LINE (its
// events, its rendering of the conversation's view, its outbox of messages).
import type { messagingApi } from "@line/bot-sdk";
import type { Prisma } from "../generated/prisma/client.ts";
import type { Sealer } from "../db/crypto.ts";
import { DeferredWrites } from "../db/deferredWrites.ts";
import type { LocaleCode } from "../intake/codes.ts";
import type { Municipality } from "../intake/municipality.ts";
import type { Locales } from "../i18n/locales.ts";
import { suggestLanguage } from "../i18n/locales.ts";
import { languageFromScript } from "../i18n/detectScript.ts";
import type { Glossary } from "../i18n/glossary.ts";
import type { LineEvent, ResidentInput } from "../line/events.ts";
import { renderOutputs } from "../line/render.ts";
import { recordReferral } from "../referrals/recordReferral.ts";
import { detectCrisis } from "../crisis/detectCrisis.ts";
import { log } from "../log.ts";
import { afterCompletion } from "../conversation/afterCompletion.ts";
import { matchesAny } from "../conversation/matchWords.ts";
import { safetyCheckQuestion } from "../conversation/safetyCheck.ts";
import { buildIntake } from "../conversation/buildIntake.ts";
import { crisisOutputs } from "../conversation/crisisResponse.ts";
import { endOutputs } from "../conversation/endMessage.ts";
import type { CompiledFlow } from "../conversation/compileFlow.ts";
import type { BotOutput } from "../conversation/outputs.ts";
import { contextOf, restore, startConversation } from "../conversation/step.ts";
import { answerTurn, screen, signalsOf, takeTurn, type Turn } from "../conversation/turn.ts";
import { answerMenu } from "../conversation/menuActions.ts";
import type { BuiltRelease } from "../releases/buildRelease.ts";
import type { ReleaseSource } from "../releases/releaseRegistry.ts";
import { recordQuestionEvents } from "../analytics/recordQuestionEvents.ts";
import { loadResidentState } from "./residentState.ts";
import { queueMessages, saveConversation, Transcript } from "./eventWrites.ts";

type Tx = Prisma.TransactionClient;

export interface EngineDeps {
  /** Where the releases come from; without it the engine runs on the objects below alone. */
  releases?: ReleaseSource;
  glossary: Glossary;
  flow: CompiledFlow;
  locales: Locales;
  municipality: Municipality;
  sealer: Sealer;
  expiryDays: number;
}

export interface HandleResult {
  /** Number of outbox rows written. */
  outbox: number;
  referralId: string | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Handles one event. Its closing writes (conversation, transcript, outbox, analytics) go on
 * `writes`: given, the caller flushes them (with writes of its own) before it commits; not given,
 * they are flushed here.
 */
export async function handleResidentEvent(
  tx: Tx,
  engine: EngineDeps,
  event: LineEvent,
  input: ResidentInput,
  profileLanguage: string | null,
  /** When the webhook delivered the event: a reply token's age counts from then, not from now. */
  receivedAt: Date = new Date(),
  writes?: DeferredWrites,
): Promise<HandleResult> {
  const own = writes ?? new DeferredWrites();
  const result = await handle(tx, engine, event, input, profileLanguage, receivedAt, own);
  if (!writes) await own.flush(tx);
  return result;
}

async function handle(
  tx: Tx,
  engine: EngineDeps,
  event: LineEvent,
  input: ResidentInput,
  profileLanguage: string | null,
  receivedAt: Date,
  writes: DeferredWrites,
): Promise<HandleResult> {
  const at = new Date(event.timestamp);
  // One release for the whole event, even when a publish lands meanwhile.
  const newest = engine.releases?.latest();
  let deps: EngineDeps = newest ? onRelease(engine, newest) : engine;
  let version = newest?.version ?? engine.flow.version;
  if (input.kind === "ignored") return { outbox: 0, referralId: null };
  if (input.kind === "group") {
    // Consultations are 1:1; nothing about the group or its members is kept.
    if (!event.replyToken) return { outbox: 0, referralId: null };
    const texts = (["ja", "en"] as const).map((l) => deps.locales.t(l)("msg.groupNotAllowed"));
    const messages: messagingApi.Message[] = [{ type: "text", text: texts.join("\n\n") }];
    return { outbox: queueMessages(writes, deps.sealer, { lineUserId: "", conversationId: null, replyToken: event.replyToken, receivedAt, messages }), referralId: null };
  }

  const userId = event.source!.userId!;
  const resident = await loadResidentState(tx, {
    lineUserId: userId,
    followed: input.kind === "follow" ? true : input.kind === "unfollow" ? false : null,
    profileLanguage,
    now: new Date(),
  });
  let conversation = resident.conversation;

  if (input.kind === "unfollow") {
    if (conversation) await tx.conversation.update({ where: { id: conversation.id }, data: { status: "paused" } });
    return { outbox: 0, referralId: null };
  }

  const transcript = new Transcript(tx, writes);
  if (input.kind === "text" || input.kind === "postback") {
    transcript.received({
      conversationId: conversation?.id ?? null,
      lineUserId: userId,
      kind: input.kind,
      contentEnc: deps.sealer.seal(input.kind === "text" ? input.text : input.data),
      language: conversation?.language ?? null,
    });
  }
  // The rich menu's buttons (menuActions.ts): answered there, or "start" taken as a follow is.
  if (input.kind === "postback") {
    const menu = await answerMenu(tx, deps, { userId, data: input.data, active: conversation, profileLanguage: resident.profileLanguage });
    if (menu.kind === "asFollow") input = { kind: "follow" };
    if (menu.kind === "answer") {
      // The tap belongs to the consultation it was answered from, as a message after completion does.
      if (!conversation && menu.conversationId) await transcript.attachReceived(menu.conversationId);
      const messages = renderOutputs(menu.outputs, { flow: deps.flow, locales: deps.locales, language: menu.language });
      return { outbox: enqueue(writes, transcript, deps, { userId, conversationId: menu.conversationId, event, messages, language: menu.language, receivedAt }), referralId: menu.referralId };
    }
  }
  // Every typed message is screened for a present crisis, whatever question is open: a clear one
  // is acted on at once, a possible one gets one gentle check question first.
  const screening = screen(input.kind === "nonText" ? { kind: "nonText" } : input, detectCrisis);
  const { crisis, possible, check, confirmed } = screening;

  // The script of a first typed message says more than the phone's language setting.
  const typedLanguage = input.kind === "text" ? languageFromScript(input.text) : null;
  let suggested: LocaleCode =
    (typedLanguage && deps.locales.languages.includes(typedLanguage) ? typedLanguage : null) ?? suggestLanguage(deps.locales, resident.profileLanguage) ?? "ja";
  const prefix: BotOutput[] = [];

  // An intake left idle too long is kept as abandoned; the resident starts afresh.
  if (conversation && at.getTime() - conversation.lastActivityAt.getTime() > deps.expiryDays * DAY_MS) {
    await tx.conversation.update({ where: { id: conversation.id }, data: { status: "abandoned", endedAt: at } });
    conversation = null;
    prefix.push({ kind: "line", key: "msg.resumeAfterExpiry" });
  }
  // A conversation goes on in the version it started on. When that cannot be (the release is
  // gone, or its snapshot names a step the version lacks), the resident is told and starts
  // afresh on the newest; the old conversation is kept as abandoned. Never thrown: a retry
  // would only fail the same way.
  let unrestorable = false;
  if (conversation) {
    const pinned = await pinnedDeps(tx, deps, conversation.flowVersion, conversation.snapshotEnc);
    if (pinned) {
      deps = pinned.deps;
      version = pinned.version;
    } else {
      await tx.conversation.update({ where: { id: conversation.id }, data: { status: "abandoned", endedAt: at } });
      log.warn("conversation could not be restored", { flowVersion: conversation.flowVersion });
      // The fresh start speaks the language the resident had chosen.
      if (conversation.language && deps.locales.languages.includes(conversation.language as LocaleCode)) suggested = conversation.language as LocaleCode;
      conversation = null;
      unrestorable = true;
      prefix.push({ kind: "line", key: "msg.cannotResume" });
    }
  }

  let turn: Turn;
  let conversationId: string;
  let snapshotOwner: { flowId: string; flowVersion: number };
  if (!conversation) {
    const last = await tx.conversation.findFirst({ where: { lineUserId: userId, status: "completed" }, orderBy: { createdAt: "desc" } });
    const wantsNew = unrestorable || input.kind === "follow" || !last || (input.kind === "postback" && isRestart(input.data)) || (input.kind === "text" && asksToRestart(deps, input.text));
    if (!wantsNew && last) {
      await transcript.attachReceived(last.id);
      const referral = await tx.referral.findUnique({ where: { conversationId: last.id } });
      const lang = (last.language ?? suggested) as LocaleCode;
      const outputs: BotOutput[] = [];
      const signalled = signalsOf(screening);
      if (signalled.length > 0 && referral) {
        outputs.push(...crisisOutputs(deps, signalled.map((x) => x.kind), lang));
        const inbound = await transcript.idOfReceived();
        for (const x of signalled) await tx.crisisSignal.create({ data: { conversationId: last.id, kind: x.kind, plan: x.plan, transcriptId: inbound, at } });
        await recordReferral(tx, deps, { conversationId: last.id, lineUserId: userId, intake: deps.sealer.openJson(referral.intakeEnc), at, because: "crisis" });
      }
      if (check) {
        if (!confirmed) outputs.push({ kind: "line", key: "check.thanks" });
      } else {
        // A message to staff refers to the transcript row: written now.
        const transcriptId = input.kind === "text" && referral ? await transcript.idOfReceived() : null;
        outputs.push(...(await afterCompletion(tx, deps, referral, input, { language: typedLanguage ?? lang, at, transcriptId }, lang)));
        if (possible && !crisis) outputs.push(safetyCheckQuestion(possible.kind));
      }
      const messages = renderOutputs(outputs, { flow: deps.flow, locales: deps.locales, language: lang });
      const rows = enqueue(writes, transcript, deps, { userId, conversationId: last.id, event, messages, language: lang, receivedAt });
      return { outbox: rows, referralId: referral?.id ?? null };
    }
    const started = startConversation(deps.flow, suggested);
    started.outputs.unshift(...prefix);
    turn = answerTurn(deps, screening, started);
    const created = await tx.conversation.create({
      data: {
        lineUserId: userId,
        flowId: deps.flow.id,
        flowVersion: version,
        snapshotEnc: deps.sealer.sealJson(turn.result.snapshot),
        language: suggested,
        lastActivityAt: at,
      },
    });
    conversationId = created.id;
    snapshotOwner = { flowId: created.flowId, flowVersion: created.flowVersion };
  } else {
    conversationId = conversation.id;
    snapshotOwner = { flowId: conversation.flowId, flowVersion: conversation.flowVersion };
    const persisted = deps.sealer.openJson(conversation.snapshotEnc);
    turn = takeTurn(deps, persisted, input.kind === "nonText" ? { kind: "nonText" } : input, screening, at);
  }

  const { result, outputs, signalled, language } = turn;
  const snapshot = restore(deps.flow, result.snapshot);
  let referralId: string | null = null;
  if (turn.acted.length > 0) {
    // Raised to staff at once, with the message (in the transcript), even if never finished.
    await transcript.attachReceived(conversationId);
    const inbound = signalled.length > 0 ? await transcript.idOfReceived() : null;
    for (const x of signalled) await tx.crisisSignal.create({ data: { conversationId, kind: x.kind, plan: x.plan, transcriptId: inbound, at } });
    if (!result.completed) {
      const sofar = buildIntake(deps.flow, contextOf(snapshot));
      referralId = (await recordReferral(tx, deps, { conversationId, lineUserId: userId, intake: sofar, at, because: signalled.length > 0 ? "crisis" : "danger" })).id;
    }
  }
  if (result.completed) {
    const referral = await recordReferral(tx, deps, { conversationId, lineUserId: userId, intake: result.completed, at, because: "completed" });
    referralId = referral.id;
    outputs.push(...endOutputs(deps, result.completed, referral.triage, referral.referenceNo));
  }
  recordQuestionEvents(writes, deps, { conversationId, beforeEnc: conversation?.snapshotEnc ?? null, after: result.snapshot, outputs, completed: result.completed !== null, language, at });
  saveConversation(writes, { id: conversationId, snapshotEnc: deps.sealer.sealJson(result.snapshot), language, at, completed: result.completed !== null, ...snapshotOwner });
  const messages = renderOutputs(outputs, { flow: deps.flow, locales: deps.locales, snapshot });
  const rows = enqueue(writes, transcript, deps, { userId, conversationId, event, messages, language, receivedAt });
  return { outbox: rows, referralId };
}

/** The engine on a release: its flow, texts, directory and glossary. */
function onRelease(engine: EngineDeps, r: BuiltRelease): EngineDeps {
  return { releases: engine.releases, sealer: engine.sealer, expiryDays: engine.expiryDays, flow: r.flow, locales: r.locales, municipality: r.municipality, glossary: r.glossary };
}

/**
 * The engine for a conversation stored on `flowVersion`: that release's flow and texts (the
 * directory and glossary stay the newest: they describe the city as it is now). Null when the
 * release cannot be had or the stored snapshot does not fit it.
 */
async function pinnedDeps(tx: Tx, deps: EngineDeps, flowVersion: number, snapshotEnc: string): Promise<{ deps: EngineDeps; version: number } | null> {
  const release = deps.releases ? await deps.releases.get(flowVersion, tx) : null;
  if (deps.releases && !release) return null;
  const pinned = release ? { ...deps, flow: release.flow, locales: release.locales } : deps;
  try {
    const s = restore(pinned.flow, deps.sealer.openJson(snapshotEnc));
    if (s.status !== "done" && !pinned.flow.byId.has(String(s.value))) return null;
  } catch {
    return null;
  }
  return { deps: pinned, version: flowVersion };
}

/** Typed "最初から" / "restart" (or a locale's word for it) after completion starts a new consultation. */
function asksToRestart(deps: EngineDeps, text: string): boolean {
  return matchesAny(text, [...deps.locales.words("restart").values()].flat());
}

function isRestart(data: string): boolean {
  try {
    return (JSON.parse(data) as { op?: unknown }).op === "restart";
  } catch {
    return false;
  }
}

/** Queues the messages for LINE and for the transcript. */
function enqueue(
  writes: DeferredWrites,
  transcript: Transcript,
  deps: EngineDeps,
  m: { userId: string; conversationId: string | null; event: LineEvent; messages: messagingApi.Message[]; language: LocaleCode; receivedAt: Date },
): number {
  const rows = queueMessages(writes, deps.sealer, { lineUserId: m.userId, conversationId: m.conversationId, replyToken: m.event.replyToken ?? null, receivedAt: m.receivedAt, messages: m.messages });
  if (m.messages.length > 0) {
    transcript.sent({ conversationId: m.conversationId, lineUserId: m.userId, kind: "messages", contentEnc: deps.sealer.sealJson(m.messages), language: m.language });
  }
  return rows;
}
