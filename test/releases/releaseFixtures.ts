// Release content for tests: the repository's files, and edits an administrator might make.
import { repoPath } from "../../src/server.ts";
import { readSeedContent, type ReleaseContent } from "../../src/releases/releaseContent.ts";

export const repoContent = (): ReleaseContent =>
  readSeedContent({ FLOW_FILE: repoPath("flows/intake.flow.yaml"), MUNICIPALITY_FILE: repoPath("flows/municipality.yaml"), LOCALES_DIR: repoPath("locales") });

type Step = { id: string; texts?: string; next?: { then: string; else: string }; when?: unknown };
export const stepsOf = (c: ReleaseContent) => c.flow.steps as Step[];
export const stepOf = (c: ReleaseContent, id: string) => stepsOf(c).find((s) => s.id === id)!;
export const botOf = (c: ReleaseContent, lang: string) => c.locales[lang]!.bot as Record<string, Record<string, unknown>>;

/** Renames a step and its texts as an administrator would: the step, the jumps to it and its texts in every language. */
export function renameStep(c: ReleaseContent, from: string, to: string): void {
  for (const s of stepsOf(c)) {
    if (s.id === from) s.id = to;
    if (s.id === to && s.texts === from) s.texts = to;
    if (s.next?.then === from) s.next.then = to;
    if (s.next?.else === from) s.next.else = to;
  }
  for (const lang of Object.keys(c.locales)) {
    const bot = c.locales[lang]!.bot as Record<string, Record<string, unknown>> | undefined;
    if (!bot) continue;
    for (const group of [bot.q, (bot.summary as Record<string, Record<string, unknown>> | undefined)?.field]) {
      if (group && from in group) {
        group[to] = group[from];
        delete group[from];
      }
    }
  }
}
