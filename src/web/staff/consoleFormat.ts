// How codes and times read on the console: every label comes from the locales (console and staff
// namespaces); the code is shown as is only when no label exists.
import type { Ctx } from "./consoleContext.ts";
import { html, type SafeHtml } from "./html.ts";
import { CONCERN_CODES } from "./consoleCodes.ts";
import { formatNumber } from "../../i18n/numberFormat.ts";

const timeFormat = new Intl.DateTimeFormat("ja-JP", {
  timeZone: "Asia/Tokyo",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** Local time of the municipality (Japan), e.g. 2025/04/01 09:05. */
export const formatTime = (d: Date | string): string => timeFormat.format(typeof d === "string" ? new Date(d) : d);

/** A label from the console namespace, or the code when the key is missing. */
export function label(ctx: Ctx, key: string, code: string): string {
  const text = ctx.t(key, { defaultValue: "" });
  return text === "" ? code : text;
}

export const statusLabel = (ctx: Ctx, status: string) => label(ctx, `status.${status}`, status);
export const urgencyLabel = (ctx: Ctx, urgency: string) => label(ctx, `urgency.${urgency}`, urgency);

export function flagLabel(ctx: Ctx, flag: string): string {
  if ((CONCERN_CODES as readonly string[]).includes(flag)) {
    const text = ctx.st(`concerns.${flag}`, { defaultValue: "" });
    if (text) return text;
  }
  return label(ctx, `flags.${flag}`, flag);
}

export function windowTypeLabel(ctx: Ctx, type: string | null): string {
  if (!type) return "";
  const text = ctx.st(`windowTypes.${type}`, { defaultValue: "" });
  return text === "" ? type : text;
}

export function windowName(ctx: Ctx, windowId: string): string {
  return ctx.deps.municipality.windows.find((w) => w.id === windowId)?.name ?? windowId;
}

export function languageName(ctx: Ctx, code: string | null | undefined): string {
  if (!code) return "—";
  const meta = ctx.deps.locales.meta.get(code as never);
  return meta ? `${meta.name} (${code})` : code;
}

export function yen(ctx: Ctx, amount: number | null): string {
  if (amount === null) return ctx.t("common.notAnswered");
  return ctx.t("common.yen", { amount: formatNumber(amount, ctx.lang) });
}

export function urgencyBadge(ctx: Ctx, urgency: string): SafeHtml {
  return html`<span class="badge urgency-${urgency}">${urgencyLabel(ctx, urgency)}</span>`;
}

export function statusBadge(ctx: Ctx, status: string): SafeHtml {
  return html`<span class="badge status-${status}">${statusLabel(ctx, status)}</span>`;
}

export function flagChips(ctx: Ctx, flags: readonly string[]): SafeHtml {
  if (flags.length === 0) return html`<span class="muted">—</span>`;
  return html`<ul class="chips">${flags.map((f) => html`<li class="chip" data-flag="${f}">${flagLabel(ctx, f)}</li>`)}</ul>`;
}

/** Who did something, for timelines: a staff user's name, an API token's name, or the system. */
export type ActorNames = Map<string, string>;

export async function actorNames(ctx: Ctx, actors: Iterable<string>): Promise<ActorNames> {
  const userIds = new Set<string>();
  const tokenIds = new Set<string>();
  const uuid = /^[0-9a-f-]{36}$/i;
  for (const a of actors) {
    const [kind, id] = a.split(":", 2);
    if (id && uuid.test(id) && kind === "user") userIds.add(id);
    if (id && uuid.test(id) && kind === "token") tokenIds.add(id);
  }
  const names: ActorNames = new Map();
  if (userIds.size > 0) {
    for (const u of await ctx.deps.prisma.staffUser.findMany({ where: { id: { in: [...userIds] } }, select: { id: true, username: true } })) {
      names.set(`user:${u.id}`, u.username);
    }
  }
  if (tokenIds.size > 0) {
    for (const tk of await ctx.deps.prisma.apiToken.findMany({ where: { id: { in: [...tokenIds] } }, select: { id: true, name: true } })) {
      names.set(`token:${tk.id}`, ctx.t("actor.token", { name: tk.name }));
    }
  }
  return names;
}

export function actorLabel(ctx: Ctx, names: ActorNames, actor: string): string {
  const known = names.get(actor);
  if (known) return known;
  if (actor.startsWith("system:")) return label(ctx, `actor.${actor.replace(":", "_")}`, actor);
  // The resident's own requests (a call back chosen in LINE).
  if (actor === "resident") return label(ctx, "actor.resident", actor);
  return actor;
}
