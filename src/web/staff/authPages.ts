// Sign-in and password pages (contract section 4: fields username/password, then
// newPassword/confirmPassword after a one-time password).
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./passwordPolicy.ts";
import type { Ctx } from "./consoleContext.ts";
import { csrfField, renderPage } from "./consoleLayout.ts";
import { html } from "./html.ts";

export function loginPage(ctx: Ctx, o: { error?: string | null; username?: string; notice?: string | null }): string {
  const t = ctx.t;
  const main = html`<div class="login card">
<h1>${t("login.title")}</h1>
${o.error ? html`<p class="notice notice-error" role="alert" data-login-error>${o.error}</p>` : null}
<form method="post" action="/staff/login">
  ${csrfField(ctx)}
  <label for="username">${t("login.username")}</label>
  <input id="username" name="username" type="text" autocomplete="username" required maxlength="200" value="${o.username ?? ""}"${o.username ? null : html` autofocus`}>
  <label for="password">${t("login.password")}</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required maxlength="1024"${o.username ? html` autofocus` : null}>
  <button type="submit">${t("login.submit")}</button>
</form>
</div>`;
  return renderPage(ctx, { title: t("login.title"), main, notice: o.notice ? { kind: "ok", text: o.notice } : null });
}

export function passwordPage(ctx: Ctx, o: { error?: string | null; mustChange: boolean }): string {
  const t = ctx.t;
  const main = html`<div class="login card">
<h1>${t("password.title")}</h1>
<p>${o.mustChange ? t("password.firstTime") : t("password.intro")}</p>
<p class="muted">${t("password.rule", { min: MIN_PASSWORD_LENGTH })}</p>
${o.error ? html`<p class="notice notice-error" role="alert" data-password-error>${o.error}</p>` : null}
<form method="post" action="/staff/password">
  ${csrfField(ctx)}
  ${o.mustChange ? null : html`<label for="currentPassword">${t("password.current")}</label>
  <input id="currentPassword" name="currentPassword" type="password" autocomplete="current-password" required maxlength="1024">`}
  <label for="newPassword">${t("password.new")}</label>
  <input id="newPassword" name="newPassword" type="password" autocomplete="new-password" required minlength="${MIN_PASSWORD_LENGTH}" maxlength="${MAX_PASSWORD_LENGTH}">
  <label for="confirmPassword">${t("password.confirm")}</label>
  <input id="confirmPassword" name="confirmPassword" type="password" autocomplete="new-password" required minlength="${MIN_PASSWORD_LENGTH}" maxlength="${MAX_PASSWORD_LENGTH}">
  <button type="submit">${t("password.submit")}</button>
</form>
</div>`;
  return renderPage(ctx, { title: t("password.title"), main });
}

export function simplePage(ctx: Ctx, title: string, text: string): string {
  return renderPage(ctx, { title, main: html`<h1>${title}</h1><p>${text}</p><p><a href="/staff">${ctx.t("referral.back")}</a></p>` });
}
