// Entry point for `node --import tsx src/crisis/crisisScanMain.ts`: reads all of stdin, writes one
// JSON line per input line (see crisisScan.ts).
import { crisisScanLines } from "./crisisScan.ts";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

const lines = crisisScanLines(await readStdin(), { detail: process.argv.includes("--detail") });
process.stdout.write(lines.length > 0 ? lines.join("\n") + "\n" : "");
