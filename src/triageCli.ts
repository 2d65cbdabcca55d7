// npm run -s triage -- <intake.json>: the Triage object as JSON on stdout (exit 0); a file that
// is not a valid intake prints the validation errors on stderr (exit 2).
import { readFileSync } from "node:fs";
import { loadLocales } from "./i18n/locales.ts";
import { Intake } from "./intake/intakeSchema.ts";
import { loadMunicipality } from "./intake/municipality.ts";
import { reasonWriter } from "./triage/reasonWriter.ts";
import { triage } from "./triage/triage.ts";

function fail(lines: string[]): never {
  process.stderr.write(lines.join("\n") + "\n");
  process.exit(2);
}

const path = process.argv[2];
if (!path) fail(["usage: npm run -s triage -- <intake.json>"]);
let raw: string;
try {
  raw = readFileSync(path, "utf8");
} catch (err) {
  fail([`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? "error"}`]);
}
let json: unknown;
try {
  json = JSON.parse(raw);
} catch (err) {
  fail([`${path} is not JSON: ${(err as Error).message}`]);
}
const parsed = Intake.safeParse(json);
if (!parsed.success) fail(parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`));
const municipality = loadMunicipality(process.env.MUNICIPALITY_FILE ?? "flows/municipality.yaml");
const locales = loadLocales(process.env.LOCALES_DIR ?? "locales");
process.stdout.write(JSON.stringify(triage(parsed.data, municipality, { write: reasonWriter(locales, "ja") }), null, 2) + "\n");
