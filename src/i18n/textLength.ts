// Measuring and cutting texts as people (grapheme clusters) and LINE (UTF-16 code units) count them.
const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

export function graphemeLength(s: string): number {
  let n = 0;
  for (const _ of segmenter.segment(s)) n++;
  return n;
}

/** Cuts to at most `max` grapheme clusters, ending with "…" when cut. */
export function clampGraphemes(s: string, max: number): string {
  // A cluster is at least one code unit: a short string needs no segmenting (most labels).
  if (s.length <= max || graphemeLength(s) <= max) return s;
  const parts = [...segmenter.segment(s)].map((x) => x.segment);
  return parts.slice(0, max - 1).join("") + "…";
}

/** Cuts to at most `max` UTF-16 code units (how LINE counts text) without splitting a character. */
export function clampUtf16(s: string, max: number): string {
  if (s.length <= max) return s;
  let out = "";
  for (const ch of s) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out;
}
