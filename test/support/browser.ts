/**
 * Support for tests of the staff console: Debian's Chromium through playwright-core
 * (launchChromium), a cookie-keeping HTTP client that signs in like a browser (StaffClient), and
 * referrals written straight into the database (seedReferral) for cases a conversation would
 * take too long to reach.
 */
import { randomUUID } from "node:crypto";
import { chromium, type Browser, type Page } from "playwright-core";
import type { PrismaClient, Prisma } from "../../src/generated/prisma/client.ts";
import type { Sealer } from "../../src/db/crypto.ts";
import { emptyIntake, type Intake } from "../../src/intake/intakeSchema.ts";
import type { Municipality } from "../../src/intake/municipality.ts";
import { referenceNumber } from "../../src/referrals/referenceNumber.ts";
import { triage } from "../../src/triage/triage.ts";
import { createStaffUser } from "../../src/web/staff/accounts.ts";
import type { Role } from "../../src/web/apiAuth.ts";

export const CHROMIUM_PATH = "/usr/bin/chromium";

/** Chromium as ENGINEERING.md says: headless, no sandbox, no background traffic. Playwright gives
 * every launch a fresh, temporary profile directory of its own (it refuses --user-data-dir). */
export async function launchChromium(): Promise<{ browser: Browser; close(): Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run",
    ],
  });
  return {
    browser,
    async close() {
      await browser.close();
    },
  };
}

/** Creates a staff user and signs in with it in the page, replacing the one-time password. */
export async function signInInBrowser(page: Page, baseUrl: string, prisma: PrismaClient, u: { username: string; role: Role; windowIds?: string[] }): Promise<void> {
  const oneTime = await createStaffUser(prisma, { username: u.username, role: u.role, windowIds: u.windowIds ?? [] });
  await page.goto(`${baseUrl}/staff/login`);
  await page.fill('input[name="username"]', u.username);
  await page.fill('input[name="password"]', oneTime);
  await Promise.all([page.waitForURL("**/staff/password"), page.click('form[action="/staff/login"] button[type="submit"]')]);
  const fresh = `${u.username}-chosen-password`;
  await page.fill('input[name="newPassword"]', fresh);
  await page.fill('input[name="confirmPassword"]', fresh);
  await Promise.all([page.waitForURL(/\/staff\?ok=passwordChanged$/), page.click('form[action="/staff/password"] button[type="submit"]')]);
}

export interface Answer {
  status: number;
  location: string | null;
  text: string;
  headers: Headers;
}

/** The value of a hidden (or any) input by name in a page, the first one found. */
export function inputValue(page: string, name: string): string | null {
  const m = new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`).exec(page);
  return m ? m[1]! : null;
}

/** An HTTP client with a cookie jar that never follows redirects by itself. */
export class StaffClient {
  readonly cookies = new Map<string, string>();
  readonly baseUrl: string;

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl;
  }

  async request(path: string, init: { method?: string; form?: Record<string, string | string[]>; headers?: Record<string, string> } = {}): Promise<Answer> {
    const headers: Record<string, string> = { ...init.headers };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    let body: string | undefined;
    if (init.form) {
      const p = new URLSearchParams();
      for (const [k, v] of Object.entries(init.form)) for (const one of Array.isArray(v) ? v : [v]) p.append(k, one);
      body = p.toString();
      headers["content-type"] = "application/x-www-form-urlencoded";
    }
    const res = await fetch(new URL(path, this.baseUrl), { method: init.method ?? (init.form ? "POST" : "GET"), headers, body, redirect: "manual" });
    for (const c of res.headers.getSetCookie()) {
      const [pair = ""] = c.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/max-age=0/i.test(c) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { status: res.status, location: res.headers.get("location"), text: await res.text(), headers: res.headers };
  }

  get(path: string): Promise<Answer> {
    return this.request(path);
  }

  post(path: string, form: Record<string, string | string[]>): Promise<Answer> {
    return this.request(path, { form });
  }

  /** The CSRF token of the page at `path` (the sign-in form's or the session's). */
  async csrf(path = "/staff"): Promise<string> {
    const page = await this.get(path);
    const token = inputValue(page.text, "_csrf");
    if (!token) throw new Error(`no _csrf on ${path} (${page.status})`);
    return token;
  }

  /** Signs in as a browser does (form token first); the answer to the sign-in post. */
  async signIn(username: string, password: string): Promise<Answer> {
    const token = await this.csrf("/staff/login");
    return this.post("/staff/login", { _csrf: token, username, password });
  }

  /** Signs in with a one-time password and replaces it; returns the new password. */
  async firstSignIn(username: string, oneTime: string, newPassword = `${username}-new-password-123`): Promise<string> {
    const a = await this.signIn(username, oneTime);
    if (a.status !== 303 || a.location !== "/staff/password") throw new Error(`first sign-in answered ${a.status} ${a.location}`);
    const token = await this.csrf("/staff/password");
    const b = await this.post("/staff/password", { _csrf: token, newPassword, confirmPassword: newPassword });
    if (b.status !== 303) throw new Error(`password change answered ${b.status}: ${b.text.slice(0, 300)}`);
    return newPassword;
  }
}

export interface SeedOptions {
  status?: string;
  language?: Intake["language"];
  primaryWindowId?: string;
  involvedWindowIds?: string[];
  urgency?: string;
  consent?: boolean | null;
  freeText?: string | null;
  at?: Date;
  lineUserId?: string;
  /** Parts of the intake to set (the rest as the default seed). */
  intake?: Partial<Intake>;
}

/** One referral row, as createReferral would write it, with a sealed intake (no conversation). */
export function referralRow(sealer: Sealer, municipality: Municipality, seq: bigint, o: SeedOptions = {}): Prisma.ReferralCreateManyInput {
  const intake: Intake = {
    ...emptyIntake(o.language ?? "ja"),
    concerns: ["income", "job_search"],
    mainConcern: "income",
    freeText: o.freeText ?? null,
    consent: { shareWithRelatedWindows: o.consent ?? true, contactBy: "line", at: null },
    ...o.intake,
  };
  const t = triage(intake, municipality, { write: (code) => code });
  const at = o.at ?? new Date();
  const primary = o.primaryWindowId ?? t.routing.primary.windowId;
  return {
    id: randomUUID(),
    seq,
    referenceNo: referenceNumber(seq, at),
    conversationId: randomUUID(),
    lineUserId: o.lineUserId ?? `U${randomUUID().replace(/-/g, "")}`,
    status: o.status ?? "new",
    urgency: o.urgency ?? t.urgency,
    language: intake.language,
    primaryWindowId: primary,
    primaryWindowType: municipality.windows.find((w) => w.id === primary)?.type ?? "comprehensive",
    involvedWindowIds: o.involvedWindowIds ?? t.routing.involved.map((w) => w.windowId),
    flags: t.flags,
    intakeEnc: sealer.sealJson(intake),
    triage: t as unknown as Prisma.InputJsonValue,
    statusAt: at,
    createdAt: at,
  };
}

/** Inserts one referral and its first timeline row; returns its id. */
export async function seedReferral(prisma: PrismaClient, sealer: Sealer, municipality: Municipality, o: SeedOptions = {}): Promise<{ id: string; referenceNo: string }> {
  const [row] = await prisma.$queryRaw<{ seq: bigint }[]>`SELECT nextval(pg_get_serial_sequence('"Referral"', 'seq')) AS seq`;
  const data = referralRow(sealer, municipality, BigInt(row!.seq), o);
  await prisma.referral.create({ data: data as Prisma.ReferralCreateInput });
  await prisma.referralEvent.create({ data: { referralId: data.id!, fromStatus: null, toStatus: data.status ?? "new", actor: "system:intake", reason: "intake completed" } });
  return { id: data.id!, referenceNo: data.referenceNo };
}
