// /staff/admin/tokens: the API's bearer tokens (name, role, windows, created, last used, revoked),
// a form to create one — shown once, on the answer to the form; only its SHA-256 is stored — and
// revoking. Both are audited with before and after; a token itself never reaches a log.
import type { Response, Router } from "express";
import { z } from "zod";
import { createApiToken, hashToken, Role } from "../apiAuth.ts";
import { signedIn, type SignedInCtx } from "../staff/consoleContext.ts";
import { formatTime, windowName } from "../staff/consoleFormat.ts";
import { csrfField, renderPage } from "../staff/consoleLayout.ts";
import { html } from "../staff/html.ts";
import type { AdminDeps } from "./adminPages.ts";

const BASE = "/staff/admin/tokens";

const NewToken = z.object({
  name: z.string().trim().min(1).max(64).regex(/^[\p{L}\p{N}._@-]+$/u),
  role: Role,
  windowIds: z.array(z.string().max(100)).max(100),
});
const RevokeForm = z.object({ id: z.uuid() });

type Shown = { created?: { name: string; token: string }; revoked?: string; error?: string };

const list = (v: unknown): string[] => (Array.isArray(v) ? v : v === undefined || v === "" ? [] : [v]).filter((x): x is string => typeof x === "string");

export function registerTokens(router: Router, deps: AdminDeps): void {
  const { prisma } = deps;
  const send = (res: Response, status: number, body: string) => res.status(status).type("html").send(body);

  async function tokensPage(ctx: SignedInCtx, o: Shown = {}): Promise<string> {
    const t = ctx.t;
    const tokens = await prisma.apiToken.findMany({ orderBy: { createdAt: "asc" } });
    const main = html`<h1>${t("admin.tokens.title")}</h1>
<p class="muted">${t("admin.tokens.intro")}</p>
${o.created ? html`<div class="card" role="status" data-created-token="${o.created.name}">
  <p>${t("admin.tokens.created", { name: o.created.name })}</p>
  <p><span class="onetime" data-new-token>${o.created.token}</span></p>
  <p class="muted">${t("admin.tokens.onceHint")}</p>
</div>` : null}
${o.revoked ? html`<p class="notice notice-ok" role="status" data-revoked-token="${o.revoked}">${t("admin.tokens.revoked", { name: o.revoked })}</p>` : null}
${o.error ? html`<p class="notice notice-error" role="alert">${o.error}</p>` : null}
<div class="table-wrap"><table class="tokens">
<thead><tr><th scope="col">${t("admin.tokens.name")}</th><th scope="col">${t("admin.tokens.role")}</th><th scope="col">${t("admin.tokens.windows")}</th><th scope="col">${t("admin.tokens.createdAt")}</th><th scope="col">${t("admin.tokens.lastUsed")}</th><th scope="col">${t("admin.tokens.state")}</th><th scope="col">${t("admin.tokens.actions")}</th></tr></thead>
<tbody>${tokens.map(
      (k) => html`<tr data-token-id="${k.id}" data-token-name="${k.name}" data-state="${k.revokedAt ? "revoked" : "active"}"><td>${k.name}</td><td>${t(`roles.${k.role}`)}</td>
<td>${k.windowIds.length === 0 ? t("admin.tokens.allWindows") : k.windowIds.map((w) => windowName(ctx, w)).join(t("common.listSeparator"))}</td>
<td>${formatTime(k.createdAt)}</td><td>${k.lastUsedAt ? formatTime(k.lastUsedAt) : t("admin.tokens.neverUsed")}</td>
<td>${k.revokedAt ? t("admin.tokens.revokedAt", { when: formatTime(k.revokedAt) }) : t("admin.tokens.active")}</td>
<td>${k.revokedAt ? null : html`<form method="post" action="${BASE}/revoke" class="inline" data-action="revoke-token">${csrfField(ctx)}<input type="hidden" name="id" value="${k.id}"><button type="submit" class="danger">${t("admin.tokens.revoke")}</button></form>`}</td></tr>`,
    )}</tbody></table></div>
<form method="post" action="${BASE}" class="card" data-action="create-token">
  <h2>${t("admin.tokens.new")}</h2>
  ${csrfField(ctx)}
  <p><label for="tk-name">${t("admin.tokens.name")}</label><br><input id="tk-name" name="name" type="text" required maxlength="64" autocomplete="off"></p>
  <p><label for="tk-role">${t("admin.tokens.role")}</label><br><select id="tk-role" name="role" required>
    ${Role.options.map((r) => html`<option value="${r}"${r === "caseworker" ? html` selected` : null}>${t(`roles.${r}`)}</option>`)}
  </select></p>
  <p><label for="tk-windows">${t("admin.tokens.windows")}</label><br><select id="tk-windows" name="windowIds" multiple size="8">
    ${ctx.deps.municipality.windows.map((w) => html`<option value="${w.id}">${w.name}</option>`)}
  </select><br><span class="muted">${t("admin.tokens.windowsHint")}</span></p>
  <button type="submit">${t("admin.tokens.create")}</button>
</form>`;
    return renderPage(ctx, { title: t("admin.tokens.title"), main });
  }

  router.get(BASE, async (_req, res) => {
    send(res, 200, await tokensPage(signedIn(res)));
  });

  router.post(BASE, async (req, res) => {
    const ctx = signedIn(res);
    const t = ctx.t;
    const body = req.body as Record<string, unknown>;
    const parsed = NewToken.safeParse({ name: body.name, role: body.role, windowIds: list(body.windowIds) });
    const fail = async (key: string) => send(res, 400, await tokensPage(ctx, { error: t(key) }));
    if (!parsed.success) return fail("admin.tokens.invalid");
    const k = parsed.data;
    if (k.windowIds.some((w) => !ctx.deps.municipality.windows.some((x) => x.id === w))) return fail("admin.tokens.invalid");
    if (k.role === "caseworker" && k.windowIds.length === 0) return fail("admin.tokens.caseworkerNeedsWindow");
    // The command line revokes by name: two live tokens of one name could not be told apart.
    if (await prisma.apiToken.findFirst({ where: { name: k.name, revokedAt: null } })) return fail("admin.tokens.exists");
    const token = await createApiToken(prisma, { name: k.name, role: k.role, windowIds: k.windowIds });
    const row = await prisma.apiToken.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } });
    await prisma.auditLog.create({
      data: { actor: ctx.principal.actor, action: "admin.tokens.create", targetType: "apiToken", targetId: row.id, detail: { name: k.name, role: k.role, windows: k.windowIds, state: { before: "none", after: "active" } } },
    });
    // Shown on this answer only: a redirect would have to carry the token.
    send(res, 201, await tokensPage(ctx, { created: { name: k.name, token } }));
  });

  router.post(`${BASE}/revoke`, async (req, res) => {
    const ctx = signedIn(res);
    const parsed = RevokeForm.safeParse({ id: (req.body as Record<string, unknown>).id });
    const row = parsed.success ? await prisma.apiToken.findUnique({ where: { id: parsed.data.id } }) : null;
    if (!row) return send(res, 404, await tokensPage(ctx, { error: ctx.t("admin.tokens.notFound") }));
    const { count } = await prisma.apiToken.updateMany({ where: { id: row.id, revokedAt: null }, data: { revokedAt: new Date() } });
    if (count === 0) return send(res, 409, await tokensPage(ctx, { error: ctx.t("admin.tokens.alreadyRevoked", { name: row.name }) }));
    await prisma.auditLog.create({
      data: { actor: ctx.principal.actor, action: "admin.tokens.revoke", targetType: "apiToken", targetId: row.id, detail: { name: row.name, role: row.role, state: { before: "active", after: "revoked" } } },
    });
    send(res, 200, await tokensPage(ctx, { revoked: row.name }));
  });
}
