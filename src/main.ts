// Composition root: read the environment, start the server, stop cleanly on a signal.
import { ConfigError, loadConfig } from "./config.ts";
import { log, logCrashes } from "./log.ts";
import { startServer } from "./server.ts";

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
  const running = await startServer(config);
  const where = `http://localhost:${running.port}`;
  // A log line like any other, so stdout stays one JSON object per line.
  log.info("ready", { url: `${where}${config.simulator ? "/simulator" : "/webhook"}` });
  const stop = async () => {
    await running.stop();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
}

main().catch((err: Error) => {
  process.stderr.write(`Tsunagu could not start: ${err.message}\n`);
  process.exit(1);
});
