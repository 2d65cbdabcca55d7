// What every console page needs: the services it works through, the signed-in user and their
// principal, the session's CSRF token, and the texts in the console's language.
import type { TFunction } from "i18next";
import type { Response } from "express";
import type { PrismaClient, StaffSession, StaffUser } from "../../generated/prisma/client.ts";
import type { Sealer } from "../../db/crypto.ts";
import type { Locales } from "../../i18n/locales.ts";
import type { Municipality } from "../../intake/municipality.ts";
import type { ReferralService } from "../../referrals/referralService.ts";
import type { Principal } from "../apiAuth.ts";
import { Role } from "../apiAuth.ts";
import type { ConsoleLang } from "./consoleLanguage.ts";
import type { Limiter } from "../rateLimits.ts";
import type { SessionPolicy } from "./sessions.ts";
import type { ReleaseRegistry } from "../../releases/releaseRegistry.ts";

export interface ConsoleDeps {
  prisma: PrismaClient;
  sealer: Sealer;
  municipality: Municipality;
  locales: Locales;
  referrals: ReferralService;
  /** Wakes the outbox sender after a message to a resident is queued. */
  wakeSender: () => void;
  /** PUBLIC_BASE_URL: cookies are Secure when it is https. */
  publicBaseUrl?: string;
  /** How often the inbox asks whether anything changed (ms). */
  pollMs?: number;
  /** Sign-in attempts by client address (rateLimits.ts); none in unit tests of pages. */
  signInLimiter?: Limiter;
  /** How long a session lasts, and how long it may sit idle. */
  sessionPolicy?: SessionPolicy;
  /** The published versions (src/releases/): the administrators' pages need them. */
  releases?: Pick<ReleaseRegistry, "latest" | "get" | "refresh">;
}

export interface Ctx {
  deps: ConsoleDeps;
  lang: ConsoleLang;
  /** Texts of the console (namespace "console"). */
  t: TFunction;
  /** Texts shared with staff surfaces (namespace "staff": concerns, window types). */
  st: TFunction;
  user: StaffUser | null;
  session: StaffSession | null;
  principal: Principal | null;
  /** The session's CSRF token, or the sign-in form's before there is a session. */
  csrf: string;
  /** The current path and query with lang replaced, for the language links. */
  langHref: (lang: ConsoleLang) => string;
}

/** The signed-in part of a context (routes behind the sign-in gate). */
export type SignedInCtx = Ctx & { user: StaffUser; session: StaffSession; principal: Principal };

export const principalOf = (u: StaffUser): Principal => ({ actor: `user:${u.id}`, role: Role.parse(u.role), windowIds: u.windowIds });

export function ctxOf(res: Response): Ctx {
  const ctx = res.locals.consoleCtx as Ctx | undefined;
  if (!ctx) throw new Error("console context missing");
  return ctx;
}

export function signedIn(res: Response): SignedInCtx {
  const ctx = ctxOf(res);
  if (!ctx.user || !ctx.session || !ctx.principal) throw new Error("not signed in");
  return ctx as SignedInCtx;
}
