import { defineConfig } from "prisma/config";

// The CLI is used only for `prisma generate` here: migrations are applied by src/db/migrate.ts
// because the schema engine cannot be downloaded on the build machines.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
