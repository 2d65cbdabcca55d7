// npm start's environment is part of how the server runs (its memory: see NPM_START_ENV); the
// tests' child servers must run the same way, so the two are checked against each other.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { NPM_START_ENV } from "../support/childServer.ts";
import { repoPath } from "../../src/server.ts";

const scripts = (JSON.parse(readFileSync(repoPath("package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;

/** The VAR=value assignments before `exec node src/main.ts` in an npm script. */
function assignments(script: string): Record<string, string> {
  const match = /^((?:\w+=\S+ )*)exec node src\/main\.ts$/.exec(script);
  if (!match) throw new Error(`not of the form "VAR=value … exec node src/main.ts": ${script}`);
  return Object.fromEntries(match[1]!.trim().split(/\s+/).filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)]));
}

describe("the start command", () => {
  it("when npm start runs the server, then it sets exactly the environment the tests' child servers get", () => {
    expect(assignments(scripts.start!)).toEqual(NPM_START_ENV);
  });

  it("when npm run simulator runs the server, then it sets the same environment besides SIMULATOR=true", () => {
    expect(assignments(scripts.simulator!)).toEqual({ SIMULATOR: "true", ...NPM_START_ENV });
  });
});
