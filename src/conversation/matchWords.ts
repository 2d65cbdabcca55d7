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
  for (const w of words) if (normalizedWord(w) === n) return true;
  return false;
}

// The words come from the locales and the flow (a bounded vocabulary), and each typed message is
// compared with many of them: each is normalised once.
const normalizedWords = new Map<string, string>();
const NORMALIZED_WORDS_MAX = 50_000;

function normalizedWord(w: string): string {
  let n = normalizedWords.get(w);
  if (n === undefined) {
    if (normalizedWords.size >= NORMALIZED_WORDS_MAX) normalizedWords.clear();
    n = normalizeTyped(w);
    normalizedWords.set(w, n);
  }
  return n;
}
