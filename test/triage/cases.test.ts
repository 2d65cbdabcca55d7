// The public cases of shared/cases through the triage, both as a function and as the CLI.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadLocales } from "../../src/i18n/locales.ts";
import { Intake } from "../../src/intake/intakeSchema.ts";
import { loadMunicipality } from "../../src/intake/municipality.ts";
import { reasonWriter } from "../../src/triage/reasonWriter.ts";
import { triage } from "../../src/triage/triage.ts";
import { Triage } from "../../src/triage/triageSchema.ts";

const casesDir = new URL("../fixtures/shared/cases/", import.meta.url);
const municipality = loadMunicipality("flows/municipality.yaml");
const write = reasonWriter(loadLocales("locales"), "ja");

interface Expect {
  flags?: { include?: string[]; exclude?: string[] };
  urgency?: string | string[];
  primary?: string[];
  involved?: { include?: string[]; anyOf?: string[][] };
  meeting?: (string | null)[];
}
const cases = readdirSync(casesDir)
  .filter((f) => f.endsWith(".json"))
  .map((f) => JSON.parse(readFileSync(new URL(f, casesDir), "utf8")) as { id: string; intake: unknown; expect: Expect });

function check(t: Triage, e: Expect) {
  for (const f of e.flags?.include ?? []) expect(t.flags, `flag ${f}`).toContain(f);
  for (const f of e.flags?.exclude ?? []) expect(t.flags, `no flag ${f}`).not.toContain(f);
  if (e.urgency) expect([e.urgency].flat()).toContain(t.urgency);
  if (e.primary) expect(e.primary).toContain(t.routing.primary.type);
  const involvedTypes = t.routing.involved.map((w) => w.type);
  for (const w of e.involved?.include ?? []) expect(involvedTypes, `involved ${w}`).toContain(w);
  for (const group of e.involved?.anyOf ?? []) expect(group.some((w) => involvedTypes.includes(w as never) || t.routing.primary.type === w), `one of ${group}`).toBe(true);
  if (e.meeting) expect(e.meeting).toContain(t.routing.meeting);
}

describe("the public cases", () => {
  it.each(cases.map((c) => [c.id, c] as const))("%s gets the triage it should", (_id, c) => {
    const t = triage(Intake.parse(c.intake), municipality, { write });
    expect(Triage.parse(t)).toEqual(t);
    check(t, c.expect);
    // Every window named exists in the directory.
    for (const w of [t.routing.primary, ...t.routing.involved]) expect(municipality.windows.some((x) => x.id === w.windowId && x.type === w.type)).toBe(true);
    // Every reason has words, not a bare code.
    for (const r of t.reasons) expect(r.text).not.toBe(r.code);
  });

  it("when run through `npm run -s triage`, then each case prints the same triage as JSON", () => {
    const dir = mkdtempSync(join(tmpdir(), "triage-cli-"));
    for (const c of cases.slice(0, 3)) {
      const file = join(dir, `${c.id}.json`);
      writeFileSync(file, JSON.stringify(c.intake));
      const r = spawnSync("npm", ["run", "-s", "triage", "--", file], { encoding: "utf8" });
      expect(r.status).toBe(0);
      const printed = Triage.parse(JSON.parse(r.stdout));
      expect(printed).toEqual(triage(Intake.parse(c.intake), municipality, { write }));
    }
  });

  it("when the file is not JSON or not an intake, then the CLI exits 2 with the errors on stderr and nothing on stdout", () => {
    const dir = mkdtempSync(join(tmpdir(), "triage-cli-"));
    writeFileSync(join(dir, "bad.json"), "{not json");
    writeFileSync(join(dir, "wrong.json"), JSON.stringify({ version: 1, language: "xx" }));
    for (const f of ["bad.json", "wrong.json"]) {
      const r = spawnSync("npm", ["run", "-s", "triage", "--", join(dir, f)], { encoding: "utf8" });
      expect(r.status).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr.length).toBeGreaterThan(0);
    }
  });
});
