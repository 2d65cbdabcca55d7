// Composition root: read the environment, start the server, stop cleanly on a signal.
import { ConfigError, loadConfig } from "./config.ts";
import { DataKeyMismatchError } from "./db/keyCheck.ts";
import { errorFields, log, logCrashes } from "./log.ts";
import { startServer, type RunningServer } from "./server.ts";

/** SIGTERM must end the process within this, whatever hangs. */
const STOP_DEADLINE_MS = 9_000;

async function main(): Promise<void> {
  logCrashes();
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(err.message + "\n");
      process.exit(1);
    }
    throw err;
  }
  // Signals are taken before the server starts, so that one arriving meanwhile still stops it.
  let started: Promise<RunningServer> | undefined;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info("shutting down", { signal });
    setTimeout(() => {
      log.error("shutdown took too long; exiting", { deadlineMs: STOP_DEADLINE_MS });
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    const server = await started?.catch(() => undefined);
    await server?.stop().catch((err: unknown) => log.error("shutdown failed", errorFields(err)));
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
  started = startServer(config, { waitUntilReady: false });
  const running = await started;
  const where = `http://localhost:${running.port}`;
  // A log line like any other, so stdout stays one JSON object per line.
  log.info("listening", { url: `${where}${config.simulator ? "/simulator" : "/webhook"}` });
  await waitUntilReady(running);
}

async function waitUntilReady(running: RunningServer): Promise<void> {
  try {
    await running.ready;
  } catch (err) {
    if (!(err instanceof DataKeyMismatchError)) throw err;
    // Refuse to run rather than answer 200 to events no one can open.
    process.stderr.write(`Tsunagu refuses to start: ${err.message}\n`);
    await running.stop().catch(() => undefined);
    process.exit(1);
  }
}

main().catch((err: Error) => {
  process.stderr.write(`Tsunagu could not start: ${err.message}\n`);
  process.exit(1);
});
