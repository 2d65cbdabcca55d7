// `prisma generate` on machines where Prisma's engines cannot be downloaded: the CLI only needs
// a schema-engine path to exist, the client itself runs on the WASM query compiler + adapters.
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const env = { ...process.env };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) {
  const dir = join(tmpdir(), "tsunagu-prisma");
  mkdirSync(dir, { recursive: true });
  const stub = join(dir, "schema-engine-stub");
  if (!existsSync(stub)) writeFileSync(stub, "#!/bin/sh\nexit 1\n");
  chmodSync(stub, 0o755);
  env.PRISMA_SCHEMA_ENGINE_BINARY = stub;
}
env.PRISMA_HIDE_UPDATE_MESSAGE = "1";
execFileSync(process.execPath, [join("node_modules", "prisma", "build", "index.js"), "generate"], {
  env,
  stdio: ["ignore", "ignore", "inherit"],
});
