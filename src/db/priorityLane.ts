// PGlite has one connection, and whoever asks first gets it: a webhook's insert (which LINE's 200
// waits for) would queue behind the worker's transactions and polls. The lane lets the webhook
// go first: work that has not started yet waits until the priority statements queued before it
// are done; work already running finishes first (a transaction cannot be paused).
import type { PGlite } from "@electric-sql/pglite";

export class PriorityLane {
  private readonly inFlight = new Set<Promise<unknown>>();

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

  /**
   * Resolves once the priority work in hand now is done. Priority work that comes later does
   * not hold it further, so the worker is never starved by a steady stream of webhooks.
   */
  whenClear(): Promise<void> | null {
    return this.inFlight.size === 0 ? null : Promise.all(this.inFlight).then(() => undefined);
  }

  /** The PGlite the ordinary work (Prisma) uses: its query, exec and transaction wait for the lane. */
  gate(pglite: PGlite): PGlite {
    const lane = this;
    return new Proxy(pglite, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver) as unknown;
        if ((prop === "query" || prop === "exec" || prop === "transaction") && typeof value === "function") {
          return async (...args: unknown[]) => {
            const clear = lane.whenClear();
            if (clear) await clear;
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  }
}
