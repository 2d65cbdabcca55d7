// A process that crashes with an error whose message quotes a resident (as a database error's
// detail can), for the crash-logging test in test/log.test.ts. Argument: "exception" or "rejection".
import { logCrashes } from "../../src/log.ts";

logCrashes();
const err = Object.assign(new Error("duplicate key value: (phone)=(090-1234-5678) 山田 花子"), { code: "23505" });
if (process.argv[2] === "rejection") void Promise.reject(err);
else setTimeout(() => {
  throw err;
}, 0);
