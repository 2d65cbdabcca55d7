// PostgreSQL LISTEN for publishes, so that every instance on one database sees a new release at
// once; the registry's poll stays as the fallback (and is all the embedded database needs: one
// process holds it, and that process published).
import pg from "pg";
import { RELEASE_CHANNEL } from "./releaseRegistry.ts";

export function listenForPublishes(databaseUrl: string): (onPublish: () => void) => Promise<() => Promise<void>> {
  return async (onPublish) => {
    const client = new pg.Client({ connectionString: databaseUrl });
    // A dropped connection leaves the poll in charge; the error must not crash the process.
    client.on("error", () => undefined);
    client.on("notification", (n) => {
      if (n.channel === RELEASE_CHANNEL) onPublish();
    });
    await client.connect();
    await client.query(`LISTEN ${RELEASE_CHANNEL}`);
    return () => client.end();
  };
}
