// LINE's documented limits (shared/line-openapi/SOURCE.md); labels count grapheme clusters.
export const LINE_LIMITS = {
  messagesPerRequest: 5,
  text: 5000,
  quickReplyItems: 13,
  quickReplyLabel: 20,
  flexButtonLabel: 40,
  postbackData: 300,
  displayText: 300,
  flexAltText: 1500,
} as const;

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

export function graphemeLength(s: string): number {
  let n = 0;
  for (const _ of segmenter.segment(s)) n++;
  return n;
}

/** Cuts to at most `max` grapheme clusters, ending with "…" when cut. */
export function clampGraphemes(s: string, max: number): string {
  if (graphemeLength(s) <= max) return s;
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
