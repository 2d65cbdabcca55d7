// The glossary (locales/glossary.json): Japanese scheme and office names with their rendering in
// each language, the Japanese kept beside the translation so a resident can say it at the
// counter. Used to put names that come from configuration (windows, crisis contacts) into the
// resident's language.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";

export interface Glossary {
  terms: Record<string, Record<string, string>>;
}

export function loadGlossary(localesDir: string): Glossary {
  const file = join(localesDir, "glossary.json");
  return glossaryFrom(existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : undefined);
}

const GlossaryShape = z.object({ terms: z.record(z.string(), z.record(z.string(), z.unknown())) });

/** The glossary of content held in memory; none at all is an empty glossary. */
export function glossaryFrom(raw: unknown): Glossary {
  if (raw === undefined || raw === null) return { terms: {} };
  const parsed = GlossaryShape.safeParse(raw);
  if (!parsed.success) throw new Error(`glossary.json: ${parsed.error.issues[0]!.path.join(".")}: ${parsed.error.issues[0]!.message}`);
  // Only the renderings (strings) are used here; reading, kind and short are the i18n check's.
  return parsed.data as Glossary;
}

/** Replaces each glossary term in a Japanese text by its rendering in `lang` (longest first). */
export function renderTerms(g: Glossary, text: string, lang: string): string {
  if (lang === "ja") return text;
  const terms = Object.keys(g.terms).sort((a, b) => b.length - a.length);
  let out = "";
  for (let i = 0; i < text.length; ) {
    const term = terms.find((t) => text.startsWith(t, i) && g.terms[t]![lang]);
    if (term) {
      out += g.terms[term]![lang]!;
      i += term.length;
    } else {
      out += text[i];
      i++;
    }
  }
  return out;
}
