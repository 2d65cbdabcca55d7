import { describe, expect, it } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import { PriorityLane } from "../../src/db/priorityLane.ts";

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe("PriorityLane", () => {
  it("when priority work is in hand, then ordinary work that asks meanwhile starts only after it", async () => {
    const lane = new PriorityLane();
    const order: string[] = [];
    const webhook = deferred();
    void lane.priority(async () => {
      await webhook.promise;
      order.push("webhook");
    });
    const waited = lane.whenClear()!.then(() => order.push("worker"));
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual([]);
    webhook.resolve();
    await waited;
    expect(order).toEqual(["webhook", "worker"]);
  });

  it("when priority work keeps coming, then ordinary work waits only for what was in hand when it asked", async () => {
    const lane = new PriorityLane();
    const first = deferred();
    const second = deferred();
    void lane.priority(() => first.promise);
    const clear = lane.whenClear()!;
    void lane.priority(() => second.promise); // arrives after the worker asked
    first.resolve();
    await clear; // resolves although the second is still running
    expect(lane.whenClear()).not.toBeNull();
    second.resolve();
    await lane.whenClear();
    expect(lane.whenClear()).toBeNull();
  });

  it("when priority work fails, then ordinary work is not held by it", async () => {
    const lane = new PriorityLane();
    await expect(lane.priority(() => Promise.reject(new Error("no")))).rejects.toThrow("no");
    expect(lane.whenClear()).toBeNull();
  });

  it("when workers' statements are queued behind a running transaction and a webhook insert arrives, then the insert runs next", async () => {
    const pglite = await PGlite.create();
    try {
      const lane = new PriorityLane();
      const gated = lane.gate(pglite);
      await pglite.exec("CREATE TABLE t (n int)");
      const order: string[] = [];
      const hold = deferred();
      const started = deferred();
      const running = gated.transaction(async (tx) => {
        await tx.query("SELECT 1");
        started.resolve();
        await hold.promise;
        order.push("transaction");
      });
      const queued = [gated.query("SELECT 2").then(() => order.push("worker 1")), gated.exec("SELECT 3").then(() => order.push("worker 2"))];
      await started.promise;
      await new Promise((r) => setImmediate(r));
      const insert = lane.priority(() => pglite.query("INSERT INTO t VALUES (1)")).then(() => order.push("webhook"));
      hold.resolve();
      await Promise.all([running, insert, ...queued]);
      expect(order).toEqual(["transaction", "webhook", "worker 1", "worker 2"]);
      // The gated instance is still PGlite for everything else.
      expect((await gated.query<{ n: number }>("SELECT n FROM t")).rows).toEqual([{ n: 1 }]);
    } finally {
      await pglite.close();
    }
  });
});
