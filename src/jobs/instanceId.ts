// Who this instance is, stable across its restarts: it names the outbox leases it holds so that
// a restart releases its own rows at once instead of waiting for the lease to run out.
import { randomUUID } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export function loadInstanceId(opts: { configured?: string; dataDir: string }): string {
  if (opts.configured) return opts.configured;
  const file = join(opts.dataDir, "instance.id");
  mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  try {
    writeFileSync(file, `${randomUUID()}\n`, { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  // An empty file (a crash between create and write) gives an id for this run only.
  return readFileSync(file, "utf8").trim() || randomUUID();
}
