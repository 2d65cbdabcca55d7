// npm run i18n:check — the i18n check (src/i18n/localeCheck.ts, where its rules are described)
// on the repository's files: locales/, flows/intake.flow.yaml and flows/municipality.yaml. Prints
// one problem per line: `<lang>/<file>: <key>: <what is wrong> — <what to do>`.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parse } from "yaml";
import { readLocaleBundles } from "../src/i18n/locales.ts";
import { checkLocaleContent, type Glossary } from "../src/i18n/localeCheck.ts";

export * from "../src/i18n/localeCheck.ts";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));

export function loadGlossary(path = join(ROOT, "locales", "glossary.json")): Glossary {
  return JSON.parse(readFileSync(path, "utf8")) as Glossary;
}

export function checkLocales(root = ROOT): string[] {
  const dir = join(root, "locales");
  const glossaryFile = join(dir, "glossary.json");
  return checkLocaleContent({
    locales: readLocaleBundles(dir),
    glossary: existsSync(glossaryFile) ? loadGlossary(glossaryFile) : undefined,
    flow: parse(readFileSync(join(root, "flows/intake.flow.yaml"), "utf8")),
    municipality: parse(readFileSync(join(root, "flows/municipality.yaml"), "utf8")),
  });
}

/** `tsx scripts/i18nCheck.ts [root]`: the repository root (default: this one) holds locales/ and flows/. */
function main(): void {
  const root = process.argv[2] ? resolve(process.argv[2]) : ROOT;
  const problems = checkLocales(root);
  if (problems.length > 0) {
    process.stderr.write(problems.join("\n") + `\n${problems.length} problem(s)\n`);
    process.exit(1);
  }
  const dir = join(root, "locales");
  const langs = readdirSync(dir).filter((l) => existsSync(join(dir, l, "meta.json")));
  const namespaces = readdirSync(join(dir, "ja")).filter((f) => f.endsWith(".json") && f !== "meta.json");
  const terms = Object.keys(loadGlossary(join(dir, "glossary.json")).terms).length;
  process.stdout.write(`i18n check: ${langs.length} languages, ${namespaces.length} namespaces, ${terms} glossary terms, やさしい日本語 checked, no problems\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
