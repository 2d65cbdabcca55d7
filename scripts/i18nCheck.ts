// npm run i18n:check — fails when a locale misses a key the Japanese has or the flow needs,
// has a key nobody uses, changes a placeholder, or breaks LINE's label and text limits.
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { graphemeLength, LINE_LIMITS } from "../src/line/limits.ts";

type Tree = { [k: string]: unknown };
const dir = "locales";
const flatten = (obj: Tree, prefix = ""): Map<string, unknown> => {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === "object" && !Array.isArray(v)) for (const [kk, vv] of flatten(v as Tree, key)) out.set(kk, vv);
    else out.set(key, v);
  }
  return out;
};
const placeholders = (s: unknown) => (typeof s === "string" ? [...s.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort().join(",") : "");

const problems: string[] = [];
// Surfaces for staff (console, triage reasons) exist in ja and en; residents get every language.
const STAFF_NAMESPACES = new Set(["staff.json", "console.json"]);
const langs = readdirSync(dir).filter((l) => existsSync(join(dir, l, "meta.json")));
const namespaces = readdirSync(join(dir, "ja")).filter((f) => f.endsWith(".json") && f !== "meta.json");

// Keys the flow needs in the bot namespace.
const flow = parse(readFileSync("flows/intake.flow.yaml", "utf8")) as {
  optionSets: Record<string, unknown>;
  steps: { id: string; options?: string }[];
};
const municipality = parse(readFileSync("flows/municipality.yaml", "utf8")) as { areas: { code: string }[] };
const needed = new Set<string>();
// Sets shown in multi-choice questions carry a "✓" in front of chosen items.
const multiSets = new Set(flow.steps.filter((s) => (s as { kind?: string }).kind === "multi").map((s) => s.options));
for (const s of flow.steps) {
  needed.add(`q.${s.id}.text`);
  if (s.id !== "summary") needed.add(`summary.field.${s.id}`);
  const set = s.options ? flow.optionSets[s.options] : undefined;
  if (Array.isArray(set)) for (const v of set) needed.add(`options.${s.options}.${String(v)}`);
}
for (const a of municipality.areas) needed.add(`areas.${a.code}`);

for (const ns of namespaces) {
  const ja = flatten(JSON.parse(readFileSync(join(dir, "ja", ns), "utf8")) as Tree);
  if (ns === "bot.json") for (const k of needed) if (!ja.has(k)) problems.push(`ja/${ns}: missing ${k} (the flow uses it)`);
  for (const lang of langs) {
    const file = join(dir, lang, ns);
    if (!existsSync(file)) {
      // The staff surfaces (console, triage reasons) need not exist in every resident language.
      if (!STAFF_NAMESPACES.has(ns)) problems.push(`${lang}/${ns}: file missing`);
      continue;
    }
    const tr = flatten(JSON.parse(readFileSync(file, "utf8")) as Tree);
    for (const k of ja.keys()) if (!tr.has(k)) problems.push(`${lang}/${ns}: missing ${k}`);
    for (const [k, v] of tr) {
      if (!ja.has(k)) problems.push(`${lang}/${ns}: unused key ${k} (not in ja)`);
      else if (placeholders(v) !== placeholders(ja.get(k))) problems.push(`${lang}/${ns}: ${k} placeholders {${placeholders(v)}} differ from ja {${placeholders(ja.get(k))}}`);
      const isLabel = /^(options\.|nav\.|areas\.|callbackSlots\.)/.test(k) || /^q\.[^.]+\.options\./.test(k);
      const limit = LINE_LIMITS.quickReplyLabel - (multiSets.has(k.split(".")[1]) && k.startsWith("options.") ? 1 : 0);
      if (isLabel && typeof v === "string" && graphemeLength(v) > limit) {
        problems.push(`${lang}/${ns}: ${k} is ${graphemeLength(v)} characters; this label must fit ${limit}`);
      }
      if (typeof v === "string" && v.length > 1000) problems.push(`${lang}/${ns}: ${k} is longer than 1000 characters`);
      if (typeof v === "string" && v.trim() === "") problems.push(`${lang}/${ns}: ${k} is empty`);
    }
  }
}

if (problems.length > 0) {
  process.stderr.write(problems.join("\n") + `\n${problems.length} problem(s)\n`);
  process.exit(1);
}
process.stdout.write(`i18n check: ${langs.length} languages, ${namespaces.length} namespaces, no problems\n`);
