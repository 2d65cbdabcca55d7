// /staff/admin/users (administrators): the staff accounts, a form to create one, and on each row
// unlock, disable or enable, and a new one-time password. A one-time password is shown once, on
// the answer to the form, and never stored in clear.
import { z } from "zod";
import { Role } from "../apiAuth.ts";
import { ACCOUNT_ACTIONS, createStaffUser, isLocked, runAccountAction, UsernameTakenError, type AccountAction } from "./accounts.ts";
import type { SignedInCtx } from "./consoleContext.ts";
import { formatTime, windowName } from "./consoleFormat.ts";
import { csrfField, renderPage } from "./consoleLayout.ts";
import { html } from "./html.ts";

const NewUser = z.object({
  username: z.string().trim().min(1).max(64).regex(/^[\p{L}\p{N}._@-]+$/u),
  role: Role,
  windowIds: z.array(z.string()),
});

export interface AccountDone {
  action: AccountAction;
  username: string;
  oneTimePassword?: string;
}

export async function usersPage(
  ctx: SignedInCtx,
  o: { created?: { username: string; password: string } | null; done?: AccountDone | null; error?: string | null } = {},
): Promise<string> {
  const t = ctx.t;
  const users = await ctx.deps.prisma.staffUser.findMany({ orderBy: { username: "asc" } });
  const now = new Date();
  const main = html`<h1>${t("users.title")}</h1>
${o.created ? html`<div class="card" role="status" data-created-user="${o.created.username}">
  <p>${t("users.created", { name: o.created.username })}</p>
  <p>${t("users.oneTimePassword")} <span class="onetime" data-one-time-password>${o.created.password}</span></p>
  <p class="muted">${t("users.oneTimeHint")}</p>
</div>` : null}
${o.done ? html`<div class="card" role="status" data-account-done="${o.done.action}">
  <p>${t(`users.done.${o.done.action}`, { name: o.done.username })}</p>
  ${o.done.oneTimePassword ? html`<p>${t("users.oneTimePassword")} <span class="onetime" data-one-time-password>${o.done.oneTimePassword}</span></p>
  <p class="muted">${t("users.oneTimeHint")}</p>` : null}
</div>` : null}
${o.error ? html`<p class="notice notice-error" role="alert">${o.error}</p>` : null}
<div class="table-wrap"><table>
<thead><tr><th scope="col">${t("users.username")}</th><th scope="col">${t("users.role")}</th><th scope="col">${t("users.windows")}</th><th scope="col">${t("users.state")}</th><th scope="col">${t("users.createdAt")}</th><th scope="col">${t("users.actions")}</th></tr></thead>
<tbody>${users.map((u) => {
  const locked = isLocked(u, now);
  const state = u.disabledAt ? t("users.disabled") : locked ? t("users.locked") : u.mustChangePassword ? t("users.mustChange") : t("users.active");
  const offered: AccountAction[] = [
    ...(locked || u.failedAttempts > 0 ? (["unlock"] as const) : []),
    u.disabledAt ? "enable" : "disable",
    "reset",
  ].filter((a) => !(a === "disable" && u.id === ctx.user.id)) as AccountAction[];
  const actions = offered.map(
    (a) => html`<form method="post" action="/staff/admin/users/account" class="inline" data-account-action="${a}">${csrfField(ctx)}<input type="hidden" name="username" value="${u.username}"><button type="submit" name="action" value="${a}">${t(`users.${a}`)}</button></form>`,
  );
  return html`<tr data-username="${u.username}"><td>${u.username}</td><td>${t(`roles.${u.role}`)}</td><td>${u.windowIds.length === 0 ? t("users.allWindows") : u.windowIds.map((w) => windowName(ctx, w)).join("、")}</td><td>${state}</td><td>${formatTime(u.createdAt)}</td><td>${actions}</td></tr>`;
})}</tbody></table></div>
<form method="post" action="/staff/admin/users" class="card" data-action="create-user">
  <h2>${t("users.new")}</h2>
  ${csrfField(ctx)}
  <p><label for="u-name">${t("users.username")}</label><br><input id="u-name" name="username" type="text" required maxlength="64" autocomplete="off"></p>
  <p><label for="u-role">${t("users.role")}</label><br><select id="u-role" name="role" required>
    ${Role.options.map((r) => html`<option value="${r}"${r === "caseworker" ? html` selected` : null}>${t(`roles.${r}`)}</option>`)}
  </select></p>
  <p><label for="u-windows">${t("users.windows")}</label><br><select id="u-windows" name="windowIds" multiple size="8">
    ${ctx.deps.municipality.windows.map((w) => html`<option value="${w.id}">${w.name}</option>`)}
  </select><br><span class="muted">${t("users.windowsHint")}</span></p>
  <button type="submit">${t("users.create")}</button>
</form>`;
  return renderPage(ctx, { title: t("users.title"), main });
}

export async function createUserFromForm(ctx: SignedInCtx, body: Record<string, unknown>): Promise<{ ok: true; username: string; password: string } | { ok: false; error: string }> {
  const t = ctx.t;
  const raw = body.windowIds;
  const windowIds = (Array.isArray(raw) ? raw : raw === undefined || raw === "" ? [] : [raw]).filter((w): w is string => typeof w === "string");
  const parsed = NewUser.safeParse({ username: body.username, role: body.role, windowIds });
  if (!parsed.success) return { ok: false, error: t("users.invalid") };
  const u = parsed.data;
  if (u.windowIds.some((w) => !ctx.deps.municipality.windows.some((x) => x.id === w))) return { ok: false, error: t("users.invalid") };
  if (u.role === "caseworker" && u.windowIds.length === 0) return { ok: false, error: t("users.caseworkerNeedsWindow") };
  if (await ctx.deps.prisma.staffUser.findUnique({ where: { username: u.username } })) return { ok: false, error: t("users.exists") };
  let password: string;
  try {
    password = await createStaffUser(ctx.deps.prisma, { username: u.username, role: u.role, windowIds: u.windowIds });
  } catch (err) {
    if (err instanceof UsernameTakenError) return { ok: false, error: t("users.exists") };
    throw err;
  }
  await ctx.deps.prisma.auditLog.create({ data: { actor: ctx.principal.actor, action: "staff.user.create", targetType: "staffUser", targetId: u.username, detail: { role: u.role } } });
  return { ok: true, username: u.username, password };
}

const AccountForm = z.object({ action: z.enum(ACCOUNT_ACTIONS), username: z.string().min(1).max(200) });

/** unlock, disable, enable or reset from a row's form; audited as the signed-in administrator. */
export async function accountActionFromForm(ctx: SignedInCtx, body: Record<string, unknown>): Promise<({ ok: true } & AccountDone) | { ok: false; error: string }> {
  const parsed = AccountForm.safeParse({ action: body.action, username: body.username });
  if (!parsed.success) return { ok: false, error: ctx.t("users.invalid") };
  const r = await runAccountAction(ctx.deps.prisma, parsed.data.action, parsed.data.username, ctx.principal.actor);
  if (!r.ok) return { ok: false, error: ctx.t(r.reason === "self" ? "users.self" : "users.notFound") };
  return { ok: true, action: r.action, username: r.username, ...(r.oneTimePassword ? { oneTimePassword: r.oneTimePassword } : {}) };
}
