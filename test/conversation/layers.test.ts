// The layers point one way: the conversation knows no channel, and LINE's rendering reads only the
// conversation's view (what to show), never its internals (its state, conditions, option lists).
// Checked on the sources' import statements, resolved to files.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

/** The repository paths a source file imports (static, re-exports and dynamic imports of relative paths). */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), "utf8");
  const specifiers = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)["']([^"']+)["']/gm)].map((m) => m[1]!);
  return specifiers.filter((s) => s.startsWith(".")).map((s) => relative(ROOT, resolve(join(ROOT, dirname(file)), s)));
}

describe("the direction of the layers", () => {
  it("when any file under src/conversation is read, then none imports from src/line", () => {
    const files = sourceFiles("src/conversation");
    expect(files.length).toBeGreaterThan(10);
    const crossing = files.flatMap((f) => importsOf(f).filter((p) => p.startsWith("src/line/")).map((p) => `${f} → ${p}`));
    expect(crossing).toEqual([]);
  });

  it("when LINE's rendering is read, then what it takes from the conversation is the view, the outputs and the postback protocol only", () => {
    const fromConversation = importsOf("src/line/render.ts").filter((p) => p.startsWith("src/conversation/"));
    expect(fromConversation.sort()).toEqual(["src/conversation/outputs.ts", "src/conversation/postbackData.ts", "src/conversation/view.ts"]);
  });

  it("when the import check reads a file that does import src/line, then it finds it (the check can fail)", () => {
    expect(importsOf("src/line/render.ts")).toContain("src/line/limits.ts");
    expect(importsOf("src/jobs/inboxWorker.ts")).toContain("src/line/events.ts");
  });
});
