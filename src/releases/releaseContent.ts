// What one release holds, as plain JSON: the flow document (flows/intake.flow.yaml), every locale
// bundle (locales/<lang>/<ns>.json, meta.json as "meta"), the glossary (locales/glossary.json)
// and the directory (flows/municipality.yaml). The shape is checked here; what the parts mean
// is checked by buildRelease (loading) and verifyRelease (publishing).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { readLocaleBundles } from "../i18n/locales.ts";

const JsonObject = z.record(z.string(), z.unknown());

export const ReleaseContent = z.strictObject({
  flow: JsonObject,
  locales: z.record(z.string().regex(/^[A-Za-z-]+$/), z.record(z.string().regex(/^[a-z][A-Za-z0-9_-]*$/), JsonObject)),
  glossary: z.object({ terms: z.record(z.string(), JsonObject) }).loose(),
  municipality: JsonObject,
});
export type ReleaseContent = z.infer<typeof ReleaseContent>;

export interface SeedFiles {
  FLOW_FILE: string;
  MUNICIPALITY_FILE: string;
  LOCALES_DIR: string;
}

/** The repository's files as release content: the seed of version 1 on an empty database. */
export function readSeedContent(files: SeedFiles): ReleaseContent {
  const glossaryFile = join(files.LOCALES_DIR, "glossary.json");
  return ReleaseContent.parse({
    flow: parse(readFileSync(files.FLOW_FILE, "utf8")),
    locales: readLocaleBundles(files.LOCALES_DIR),
    glossary: existsSync(glossaryFile) ? JSON.parse(readFileSync(glossaryFile, "utf8")) : { terms: {} },
    municipality: parse(readFileSync(files.MUNICIPALITY_FILE, "utf8")),
  });
}
