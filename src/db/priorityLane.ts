// PGlite has one connection and serves whoever asked first: a webhook's insert (which LINE's 200
// waits for) would queue behind every statement and transaction the workers have asked for. The
// lane lets the webhook go first: ordinary work (everything through Prisma) is admitted to PGlite
// one call at a time, and each call waits for the priority work in hand when its turn comes, so
// a priority statement waits for at most the one ordinary call running (a transaction cannot be
// paused). Priority work that comes later does not hold that call, so a steady stream of
// webhooks never starves the workers.
//
// PGlite also runs on this thread, and its statements complete as microtasks: a transaction would
// hold the event loop from its first statement to its last, and no webhook could even be read
// meanwhile. So ordinary work gives the event loop a turn before each of its statements.
import { setImmediate as nextTurn } from "node:timers/promises";
import type { PGlite } from "@electric-sql/pglite";

export class PriorityLane {
  private readonly inFlight = new Set<Promise<unknown>>();
  private ordinaryTail: Promise<unknown> = Promise.resolve();

  /** Runs `fn` as priority work: what starts after this call waits for it. */
  priority<T>(fn: () => Promise<T>): Promise<T> {
    const p = fn();
    const settled = p.then(
      () => undefined,
      () => undefined,
    );
    this.inFlight.add(settled);
    void settled.then(() => this.inFlight.delete(settled));
    return p;
  }

  /** Resolves once the priority work in hand now is done (null when there is none). */
  whenClear(): Promise<void> | null {
    return this.inFlight.size === 0 ? null : Promise.all(this.inFlight).then(() => undefined);
  }

  /** Runs `fn` as ordinary work: after the ordinary work before it, and after the priority work in hand then. */
  ordinary<T>(fn: () => Promise<T>): Promise<T> {
    const turn = this.ordinaryTail.then(async () => {
      await nextTurn();
      const clear = this.whenClear();
      if (clear) await clear;
      return fn();
    });
    this.ordinaryTail = turn.catch(() => undefined);
    return turn;
  }

  /** The PGlite the ordinary work (Prisma) uses: its query, exec and transaction go through the lane. */
  gate(pglite: PGlite): PGlite {
    const lane = this;
    return new Proxy(pglite, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver) as unknown;
        if ((prop === "query" || prop === "exec" || prop === "transaction") && typeof value === "function") {
          const call = value as (...a: unknown[]) => Promise<unknown>;
          if (prop !== "transaction") return (...args: unknown[]) => lane.ordinary(() => call.apply(target, args));
          return (fn: (tx: unknown) => Promise<unknown>, ...rest: unknown[]) =>
            lane.ordinary(() => call.apply(target, [(tx: object) => fn(yieldingBeforeStatements(tx)), ...rest]));
        }
        return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  }
}

/** A transaction whose statements each give the event loop a turn first (see above). */
function yieldingBeforeStatements<T extends object>(tx: T): T {
  return new Proxy(tx, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== "function") return value;
      const fn = value as (...a: unknown[]) => unknown;
      if (prop !== "query" && prop !== "exec") return fn.bind(target);
      return async (...args: unknown[]) => {
        await nextTurn();
        return fn.apply(target, args);
      };
    },
  });
}
