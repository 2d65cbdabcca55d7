// Matching what a resident typed against word lists from locales/ (commands.back, options …).
export function normalizeTyped(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s\u3000]+/g, " ")
    .replace(/^[\s"'「『]+|[\s"'」』。.!！?？、,။၊]+$/g, "")
    .trim();
}

export function matchesAny(text: string, words: Iterable<string>): boolean {
  const n = normalizeTyped(text);
  if (!n) return false;
  for (const w of words) if (normalizeTyped(w) === n) return true;
  return false;
}
