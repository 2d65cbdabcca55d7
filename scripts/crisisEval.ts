// Measures the shipped detector on a frozen evaluation set (npm run crisis:eval [-- <dir>]; the
// default is test/crisis/frozen): recall and false alarms per language, any certainty and clear
// only, and the time a message takes. Prints figures only, never a message. Run it once the model
// and thresholds are final (docs/crisis.md).
import { resolve } from "node:path";
import { frozenFiles, readCorpusFile, REPO_ROOT } from "../src/crisis/crisisCorpus.ts";
import { detectCrisis } from "../src/crisis/detectCrisis.ts";
import { evaluateCrisis, formatEvaluation } from "../src/crisis/evaluateCrisis.ts";

const dir = process.argv[2] ? resolve(process.argv[2]) : undefined;
const files = frozenFiles(REPO_ROOT, dir);
if (files.length === 0) {
  console.error(`no .jsonl files in ${dir ?? "test/crisis/frozen/"}`);
  process.exit(2);
}
const lines = files.flatMap((f) => readCorpusFile(f));
console.log(`frozen set: ${lines.length} messages from ${files.length} files`);
console.log(formatEvaluation(evaluateCrisis(lines, detectCrisis)));

// Speed: every message once to warm up, then each timed on its own.
for (const l of lines) detectCrisis(l.text);
const times = lines.map((l) => {
  const t0 = process.hrtime.bigint();
  detectCrisis(l.text);
  return Number(process.hrtime.bigint() - t0) / 1000;
});
times.sort((a, b) => a - b);
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(times.length * q))]!.toFixed(0);
console.log(`time per message (rules + model): median ${at(0.5)} µs, p95 ${at(0.95)} µs, max ${at(1)} µs`);
