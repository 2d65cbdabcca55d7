// The staff console: server-rendered pages under /staff, in the same server as the webhook and
// the API. Sessions live in the database (HttpOnly, SameSite=Strict cookies), every form carries
// the session's CSRF token, a one-time password must be changed before anything else. The
// security headers (no framing, referrers or inline scripts) are helmet's, for the whole app.
import { randomBytes, timingSafeEqual } from "node:crypto";
import { verify } from "@node-rs/argon2";
import express, { type NextFunction, type Request, type Response, type Router } from "express";
import { log } from "../../log.ts";
import { refusalOf } from "../httpErrors.ts";
import { clientAddress } from "../rateLimits.ts";
import { changePassword, DEVICE_TTL_MS, signIn } from "./accounts.ts";
import { accountActionFromForm, createUserFromForm, usersPage } from "./adminUsers.ts";
import { auditPage } from "./auditPage.ts";
import { adminPagesRouter, type AdminDeps } from "../admin/adminPages.ts";
import { analyticsRouter } from "../admin/analytics/analyticsRoutes.ts";
import { loginPage, passwordPage, simplePage } from "./authPages.ts";
import { CONSOLE_CSS, CONSOLE_JS } from "./consoleAssets.ts";
import { ctxOf, principalOf, signedIn, type ConsoleDeps, type Ctx } from "./consoleContext.ts";
import { chooseLanguage, LANG_COOKIE, type ConsoleLang } from "./consoleLanguage.ts";
import { cookieHeader, readCookies } from "./cookies.ts";
import { exportCsv } from "./exportCsv.ts";
import { inboxPage } from "./inboxPage.ts";
import { inboxVersion, loadInbox, parseFilters } from "./inboxQuery.ts";
import { REFERRAL_ACTIONS, runReferralAction, type ReferralAction } from "./referralActions.ts";
import { isReferralId, loadReferral } from "./referralDetail.ts";
import { printPage, referralPage } from "./referralPage.ts";
import { MIN_PASSWORD_LENGTH, passwordProblem } from "./passwordPolicy.ts";
import { closeAllSessions, closeSession, csrfMatches, DEFAULT_SESSION_POLICY, findSession, openSession, SESSION_COOKIE } from "./sessions.ts";

const LOGIN_CSRF_COOKIE = "tsunagu_login_csrf";
/** A browser that signed in before (accounts.ts): kept half a year, for the sign-in form only. */
const DEVICE_COOKIE = "tsunagu_device";
const NOTICES = new Set(["accepted", "started", "forwarded", "closed", "noteAdded", "messageSent", "meetingRequested", "passwordChanged", "signedOut", "signedOutEverywhere"]);

const str = (v: unknown): string => {
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === "string" ? s : "";
};

const sameToken = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export function staffConsoleRouter(deps: ConsoleDeps): Router {
  // deps.locales is read on each request: it follows the newest release.
  const { prisma } = deps;
  const secure = deps.publicBaseUrl?.startsWith("https:") ?? false;
  const policy = deps.sessionPolicy ?? DEFAULT_SESSION_POLICY;
  const router = express.Router();

  const sessionCookie = (value: string, maxAge?: number) => cookieHeader(SESSION_COOKIE, value, { httpOnly: true, secure, maxAge });
  const sessionMaxAge = Math.floor(policy.maxMs / 1000);
  const send = (res: Response, status: number, body: string) => res.status(status).type("html").send(body);
  const notFound = (res: Response) => send(res, 404, simplePage(ctxOf(res), ctxOf(res).t("errors.notFoundTitle"), ctxOf(res).t("errors.notFound")));
  const forbidden = (res: Response) => send(res, 403, simplePage(ctxOf(res), ctxOf(res).t("errors.forbiddenTitle"), ctxOf(res).t("errors.csrf")));
  const noticeOf = (req: Request, ctx: Ctx) => {
    const ok = str(req.query.ok);
    return NOTICES.has(ok) ? { kind: "ok" as const, text: ctx.t(`notice.${ok}`) } : null;
  };

  router.get("/staff/assets/console.css", (_req, res) => {
    res.set("Cache-Control", "public, max-age=300").type("text/css").send(CONSOLE_CSS);
  });
  router.get("/staff/assets/console.js", (_req, res) => {
    res.set("Cache-Control", "public, max-age=300").type("text/javascript").send(CONSOLE_JS);
  });
  router.use("/staff", (_req, res, next) => {
    // Pages carry personal data: never kept by the browser or a proxy.
    res.set("Cache-Control", "no-store");
    next();
  });

  // Who is asking, in which language.
  router.use("/staff", async (req, res, next) => {
    const cookies = readCookies(req.headers.cookie);
    const { lang, remember } = chooseLanguage(str(req.query.lang) || undefined, cookies.get(LANG_COOKIE), req.get("accept-language"));
    if (remember) res.append("Set-Cookie", cookieHeader(LANG_COOKIE, lang, { httpOnly: true, secure, maxAge: 365 * 24 * 3600 }));
    // The inbox's own polling and refreshing (console.js marks its refresh) are not the person
    // at the desk: they never keep a session alive.
    const automatic = req.path.startsWith("/api/") || req.get("x-console-refresh") !== undefined;
    const found = await findSession(prisma, cookies.get(SESSION_COOKIE), policy, { activity: !automatic });
    const langHref = (l: ConsoleLang) => {
      const u = new URL(req.originalUrl, "http://console.invalid");
      u.searchParams.set("lang", l);
      u.searchParams.delete("ok");
      // Only ever a link within the console (never a protocol-relative //host/… address).
      return u.pathname.startsWith("/staff") ? u.pathname + u.search : `/staff?lang=${l}`;
    };
    const ctx: Ctx = {
      deps,
      lang,
      t: deps.locales.t(lang, "console"),
      st: deps.locales.t(lang, "staff"),
      user: found?.user ?? null,
      session: found?.session ?? null,
      principal: found ? principalOf(found.user) : null,
      csrf: found?.session.csrfToken ?? "",
      langHref,
    };
    res.locals.consoleCtx = ctx;
    res.locals.consoleCookies = cookies;
    next();
  });
  router.use("/staff", express.urlencoded({ extended: false, limit: "256kb", parameterLimit: 100 }));

  // ---- signing in -------------------------------------------------------------------------
  const loginToken = (req: Request, res: Response): string => {
    const cookies = res.locals.consoleCookies as Map<string, string>;
    const existing = cookies.get(LOGIN_CSRF_COOKIE);
    if (existing && /^[A-Za-z0-9_-]{32}$/.test(existing)) return existing;
    const fresh = randomBytes(24).toString("base64url");
    res.append("Set-Cookie", cookieHeader(LOGIN_CSRF_COOKIE, fresh, { httpOnly: true, secure, maxAge: 3600 }));
    return fresh;
  };
  const afterSignIn = (mustChange: boolean) => (mustChange ? "/staff/password" : "/staff");

  router.get("/staff/login", (req, res) => {
    const ctx = ctxOf(res);
    if (ctx.user) return void res.redirect(303, afterSignIn(ctx.user.mustChangePassword));
    ctx.csrf = loginToken(req, res);
    const ok = str(req.query.ok);
    send(res, 200, loginPage(ctx, { notice: ok === "signedOut" || ok === "signedOutEverywhere" ? ctx.t(`notice.${ok}`) : null }));
  });

  router.post("/staff/login", async (req, res) => {
    const ctx = ctxOf(res);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const given = str(body._csrf);
    const cookieToken = (res.locals.consoleCookies as Map<string, string>).get(LOGIN_CSRF_COOKIE);
    if (given !== "") {
      if (!cookieToken || !sameToken(cookieToken, given)) return forbidden(res);
    } else if (req.get("origin") !== undefined || req.get("sec-fetch-site") !== undefined) {
      // A browser always sends one of these on a form post: without the token it may be a
      // forged cross-site sign-in. Scripts and command-line clients (no CSRF risk) send neither.
      return forbidden(res);
    }
    const username = str(body.username).trim().slice(0, 200);
    const password = str(body.password).slice(0, 1024);
    ctx.csrf = loginToken(req, res);
    // Every attempt takes a point of this address before the password is checked (so parallel
    // guesses are counted too); a success gives it back.
    const address = clientAddress(req);
    const taken = deps.signInLimiter ? await deps.signInLimiter.take(address) : ({ ok: true } as const);
    if (!taken.ok) {
      res.set("Retry-After", String(taken.retryAfterSeconds));
      return send(res, 429, loginPage(ctx, { error: ctx.t("login.tooMany", { minutes: Math.ceil(taken.retryAfterSeconds / 60) }), username }));
    }
    const cookies = res.locals.consoleCookies as Map<string, string>;
    const deviceToken = cookies.get(DEVICE_COOKIE);
    const result = username && password ? await signIn(prisma, username, password, { deviceToken }) : ({ ok: false, why: "unknown" } as const);
    if (!result.ok) {
      // The same words for an unknown name, a locked account and a wrong password: nothing
      // tells which names exist.
      return send(res, 401, loginPage(ctx, { error: ctx.t("login.invalid"), username }));
    }
    await deps.signInLimiter?.giveBack(address);
    // Set on every success, so that a browser in use stays known (its row's lastUsedAt moves too).
    res.append("Set-Cookie", cookieHeader(DEVICE_COOKIE, result.deviceToken, { httpOnly: true, secure, maxAge: Math.floor(DEVICE_TTL_MS / 1000), path: "/staff/login" }));
    const old = cookies.get(SESSION_COOKIE);
    if (old) await closeSession(prisma, old);
    const { cookieValue } = await openSession(prisma, result.user.id, policy);
    res.append("Set-Cookie", sessionCookie(cookieValue, sessionMaxAge));
    res.append("Set-Cookie", cookieHeader(LOGIN_CSRF_COOKIE, "", { httpOnly: true, secure, maxAge: 0 }));
    await prisma.auditLog.create({ data: { actor: `user:${result.user.id}`, action: "staff.signin", targetType: "staffUser", targetId: result.user.id } });
    res.redirect(303, afterSignIn(result.user.mustChangePassword));
  });

  // ---- everything below needs a session ---------------------------------------------------
  router.use("/staff", (req, res, next) => {
    const ctx = ctxOf(res);
    if (ctx.user) return next();
    if (req.method === "POST") return forbidden(res);
    if (req.path.startsWith("/api/")) return void res.status(401).json({ message: "sign in first" });
    res.redirect(303, "/staff/login");
  });

  // Every form post carries the session's token (the sign-in form has its own, above).
  router.use("/staff", (req, res, next) => {
    if (req.method !== "POST") return next();
    const ctx = signedIn(res);
    if (!csrfMatches(ctx.session, (req.body as Record<string, unknown> | undefined)?._csrf)) return forbidden(res);
    next();
  });

  router.post("/staff/logout", async (_req, res) => {
    const raw = (res.locals.consoleCookies as Map<string, string>).get(SESSION_COOKIE);
    if (raw) await closeSession(prisma, raw);
    res.append("Set-Cookie", sessionCookie("", 0));
    res.redirect(303, "/staff/login?ok=signedOut");
  });

  router.post("/staff/logout-everywhere", async (_req, res) => {
    const ctx = signedIn(res);
    await closeAllSessions(prisma, ctx.user.id);
    await prisma.auditLog.create({ data: { actor: ctx.principal.actor, action: "staff.signout.everywhere", targetType: "staffUser", targetId: ctx.user.id } });
    res.append("Set-Cookie", sessionCookie("", 0));
    res.redirect(303, "/staff/login?ok=signedOutEverywhere");
  });

  router.get("/staff/password", (_req, res) => {
    const ctx = signedIn(res);
    send(res, 200, passwordPage(ctx, { mustChange: ctx.user.mustChangePassword }));
  });

  router.post("/staff/password", async (req, res) => {
    const ctx = signedIn(res);
    const body = req.body as Record<string, unknown>;
    const next = str(body.newPassword);
    const confirm = str(body.confirmPassword);
    const mustChange = ctx.user.mustChangePassword;
    const fail = (key: string) => send(res, 400, passwordPage(ctx, { mustChange, error: ctx.t(key, { min: MIN_PASSWORD_LENGTH }) }));
    if (!mustChange) {
      const current = str(body.currentPassword);
      if (!current || !(await verify(ctx.user.passwordHash, current).catch(() => false))) return fail("password.wrongCurrent");
    }
    if (next !== confirm) return fail("password.mismatch");
    const problem = await passwordProblem(next, [ctx.user.username]);
    if (problem) return fail(`password.${problem}`);
    if (await verify(ctx.user.passwordHash, next).catch(() => false)) return fail("password.same");
    await changePassword(prisma, ctx.user.id, next);
    // A new password ends every other sign-in; this browser gets a fresh session.
    await closeAllSessions(prisma, ctx.user.id);
    const { cookieValue } = await openSession(prisma, ctx.user.id, policy);
    res.append("Set-Cookie", sessionCookie(cookieValue, sessionMaxAge));
    await prisma.auditLog.create({ data: { actor: ctx.principal.actor, action: "staff.password.change", targetType: "staffUser", targetId: ctx.user.id } });
    res.redirect(303, "/staff?ok=passwordChanged");
  });

  // A one-time password is changed before anything else.
  router.use("/staff", (req, res, next) => {
    const ctx = signedIn(res);
    if (!ctx.user.mustChangePassword) return next();
    if (req.path.startsWith("/api/")) return void res.status(401).json({ message: "change the one-time password first" });
    res.redirect(303, "/staff/password");
  });

  // ---- the inbox --------------------------------------------------------------------------
  router.get("/staff", async (req, res) => {
    const ctx = signedIn(res);
    const f = parseFilters(req.query as Record<string, unknown>, deps);
    const inbox = await loadInbox(deps, ctx.principal, f);
    send(res, 200, inboxPage(ctx, inbox, f, noticeOf(req, ctx)));
  });

  router.get("/staff/api/inbox-version", async (_req, res) => {
    const ctx = signedIn(res);
    res.json({ version: await inboxVersion(deps, ctx.principal) });
  });

  router.get("/staff/export.csv", async (req, res) => {
    const ctx = signedIn(res);
    const { body } = await exportCsv(ctx, parseFilters(req.query as Record<string, unknown>, deps));
    const day = new Date().toISOString().slice(0, 10).replace(/-/g, "");
    res.set("Content-Disposition", `attachment; filename="tsunagu-referrals-${day}.csv"`).type("text/csv; charset=utf-8").send(body);
  });

  // ---- one referral -----------------------------------------------------------------------
  router.get("/staff/referrals/:id", async (req, res) => {
    const ctx = signedIn(res);
    const loaded = await loadReferral(ctx, req.params.id);
    if (!loaded) return notFound(res);
    send(res, 200, referralPage(ctx, loaded, { notice: noticeOf(req, ctx) }));
  });

  router.get("/staff/referrals/:id/print", async (req, res) => {
    const ctx = signedIn(res);
    const loaded = await loadReferral(ctx, req.params.id);
    if (!loaded) return notFound(res);
    send(res, 200, printPage(ctx, loaded));
  });

  router.post("/staff/referrals/:id/:action", async (req, res) => {
    const ctx = signedIn(res);
    const { id, action } = req.params;
    if (!isReferralId(id) || !(REFERRAL_ACTIONS as readonly string[]).includes(action)) return notFound(res);
    const result = await runReferralAction(ctx, id, action as ReferralAction, req.body as Record<string, unknown>);
    if (result.ok) return void res.redirect(303, `/staff/referrals/${id}?ok=${result.done}`);
    if (result.status === 404) return notFound(res);
    const loaded = await loadReferral(ctx, id);
    if (!loaded) return notFound(res);
    send(res, result.status, referralPage(ctx, loaded, { notice: { kind: "error", text: result.error }, draft: { action, values: result.draft } }));
  });

  // ---- supervisors and administrators -----------------------------------------------------
  router.get("/staff/audit", async (_req, res) => {
    const ctx = signedIn(res);
    if (ctx.user.role === "caseworker") return notFound(res);
    send(res, 200, await auditPage(ctx));
  });

  router.get("/staff/admin/users", async (_req, res) => {
    const ctx = signedIn(res);
    if (ctx.user.role !== "admin") return notFound(res);
    send(res, 200, await usersPage(ctx));
  });

  router.post("/staff/admin/users", async (req, res) => {
    const ctx = signedIn(res);
    if (ctx.user.role !== "admin") return notFound(res);
    const created = await createUserFromForm(ctx, req.body as Record<string, unknown>);
    // The one-time password is shown on this answer only (no redirect that would need to keep it).
    if (created.ok) return send(res, 201, await usersPage(ctx, { created }));
    send(res, 400, await usersPage(ctx, { error: created.error }));
  });

  router.post("/staff/admin/users/account", async (req, res) => {
    const ctx = signedIn(res);
    if (ctx.user.role !== "admin") return notFound(res);
    const done = await accountActionFromForm(ctx, req.body as Record<string, unknown>);
    // Shown on this answer (a new one-time password must not travel through a redirect).
    send(res, done.ok ? 200 : 400, await usersPage(ctx, done.ok ? { done } : { error: done.error }));
  });

  // ---- the city's analytics: supervisors and administrators (seesAnalytics), before the
  // administrators-only gate of the rest of /staff/admin --------------------------------------
  router.use(analyticsRouter(deps));

  // ---- the administrators' console (src/web/admin/) -----------------------------------------
  if (deps.releases) {
    router.use("/staff/admin", (_req, res, next) => (signedIn(res).user.role === "admin" ? next() : notFound(res)));
    // deps itself, not a copy: its flow, locales and municipality are getters of the newest release.
    router.use(adminPagesRouter(deps as AdminDeps));
  }

  router.use("/staff", (_req, res) => notFound(res));

  router.use("/staff", (err: Error, _req: Request, res: Response, _next: NextFunction) => {
    const ctx = res.locals.consoleCtx as Ctx | undefined;
    const refusal = refusalOf(err);
    if (refusal && ctx && !res.headersSent) {
      if (refusal.retryAfterSeconds) res.set("Retry-After", String(refusal.retryAfterSeconds));
      const [title, text] =
        refusal.status === 413 ? ["errors.tooLargeTitle", "errors.tooLarge"] : refusal.status === 429 ? ["errors.tooManyTitle", "errors.tooMany"] : ["errors.badRequestTitle", "errors.badRequest"];
      return send(res, refusal.status, simplePage(ctx, ctx.t(title), ctx.t(text, { seconds: refusal.retryAfterSeconds })));
    }
    if (refusal) return void (res.headersSent ? undefined : res.status(refusal.status).type("text").send(refusal.code));
    log.error("console request failed", { error: err.name });
    if (res.headersSent) return;
    if (ctx) send(res, 500, simplePage(ctx, ctx.t("errors.internalTitle"), ctx.t("errors.internal")));
    else res.status(500).type("text").send("internal error");
  });

  return router;
}
