// The releases as the server holds them from its first moment: the registry opens only once the
// database answers (the server starts while it is away, issue 11), and every use before then is
// "not ready" — a 503 for the request that asked, never a crash.
import { HttpError } from "../web/httpErrors.ts";
import type { BuiltRelease } from "./buildRelease.ts";
import type { ReleaseReader, ReleaseRegistry, ReleaseSource } from "./releaseRegistry.ts";

export class LateReleases implements ReleaseSource {
  private registry: ReleaseRegistry | null = null;

  /** Called once, when the database has answered and the registry is open. */
  open(registry: ReleaseRegistry): void {
    this.registry = registry;
  }

  latest(): BuiltRelease {
    return this.must().latest();
  }

  get(version: number, db?: ReleaseReader): Promise<BuiltRelease | null> {
    return this.must().get(version, db);
  }

  refresh(): Promise<void> {
    return this.must().refresh();
  }

  onChange(listener: (r: BuiltRelease) => void): () => void {
    return this.must().onChange(listener);
  }

  async stop(): Promise<void> {
    await this.registry?.stop();
  }

  private must(): ReleaseRegistry {
    if (!this.registry) throw new HttpError(503, "not ready");
    return this.registry;
  }
}
