// Rate limits by client address, counted by rate-limiter-flexible in the database (RateLimiterPrisma
// over the RateLimit table) so that every instance of the server shares the same counters.
//
//  - signIn:   sign-in attempts per address that did not succeed (a success gives its point back);
//              with the per-account lock (accounts.ts) one address cannot lock many accounts.
//  - api:      requests to /api/v1 per address.
//  - webhookRejected: webhook requests per address that failed the signature check. Signed
//              requests come from LINE and are never limited (a 429 only makes LINE redeliver).
import type { NextFunction, Request, Response } from "express";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { HttpError } from "./httpErrors.ts";

export interface LimitSpec {
  points: number;
  seconds: number;
}

export type Taken = { ok: true } | { ok: false; retryAfterSeconds: number };

const retryAfter = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

export class Limiter {
  private readonly rl: RateLimiterPrisma;

  constructor(prisma: PrismaClient, name: string, spec: LimitSpec) {
    this.rl = new RateLimiterPrisma({
      storeClient: prisma,
      tableName: "rateLimit", // the client's accessor of model RateLimit
      keyPrefix: name,
      points: spec.points,
      duration: spec.seconds,
      // Once over the limit, this instance refuses from memory until the window ends: a flood
      // costs no database writes. Expired rows are swept by sweepExpiredLimits.
      inMemoryBlockOnConsumed: spec.points + 1,
      clearExpiredByTimeout: false,
    });
  }

  /** Counts one request of `key`; refused when the window's points are spent. */
  async take(key: string): Promise<Taken> {
    try {
      await this.rl.consume(key);
      return { ok: true };
    } catch (err) {
      if (err instanceof RateLimiterRes) return { ok: false, retryAfterSeconds: retryAfter(err.msBeforeNext) };
      throw err;
    }
  }

  /** Gives back a point taken for a request that turned out well. */
  async giveBack(key: string): Promise<void> {
    await this.rl.reward(key);
  }

  /** Seconds until `key` may try again when this instance already refuses it, else 0 (no I/O). */
  blockedFor(key: string): number {
    // Public in the library (RateLimiterStoreAbstract), missing from its type declarations.
    const store = this.rl as unknown as { getInMemoryBlockMsBeforeExpire(rlKey: string): number };
    const ms = store.getInMemoryBlockMsBeforeExpire(this.rl.getKey(key));
    return ms > 0 ? retryAfter(ms) : 0;
  }
}

export interface RateLimits {
  signIn: Limiter;
  api: Limiter;
  webhookRejected: Limiter;
}

export function createRateLimits(prisma: PrismaClient, specs: Record<keyof RateLimits, LimitSpec>): RateLimits {
  return {
    signIn: new Limiter(prisma, "signin", specs.signIn),
    api: new Limiter(prisma, "api", specs.api),
    webhookRejected: new Limiter(prisma, "webhook-rejected", specs.webhookRejected),
  };
}

/** Rows whose window ended more than an hour ago. */
export async function sweepExpiredLimits(prisma: PrismaClient, now = new Date()): Promise<number> {
  return (await prisma.rateLimit.deleteMany({ where: { expire: { lt: new Date(now.getTime() - 3_600_000) } } })).count;
}

/** The client's address as Express sees it (behind a proxy only with TRUST_PROXY set). */
export const clientAddress = (req: Request): string => req.ip ?? req.socket.remoteAddress ?? "unknown";

/** Middleware: one point per request by address; over the limit, a 429 with Retry-After. */
export function limitByAddress(limiter: Limiter) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const taken = await limiter.take(clientAddress(req));
    next(taken.ok ? undefined : new HttpError(429, "too many requests", taken.retryAfterSeconds));
  };
}
