import { PGlite } from "@electric-sql/pglite";
const mem = () => JSON.stringify(Object.fromEntries(Object.entries(process.memoryUsage()).map(([k, v]) => [k, (v / 2 ** 20).toFixed(0)])));
const extra = process.argv[2] ? ["-c", process.argv[2]] : [];
const db = await PGlite.create("/tmp/perfwork/pgmem", extra.length ? { startParams: [...PGlite.defaultStartParams ?? [], ...extra] } as never : {});
await db.query("select 1");
console.log(process.argv[2] ?? "default", "open", mem(), (await db.query("show shared_buffers")).rows);
global.gc?.();
console.log("after gc", mem());
await db.close();
