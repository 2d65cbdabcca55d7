// Character n-gram features of a message, hashed into a fixed number of buckets. The same function
// serves training (scripts/trainCrisis.ts) and run time, so both read a message identically.
// Character n-grams survive what word lists do not: spelling, missing accents, romanisation and
// scripts written without spaces.
import { conceptsIn } from "./crisisConcepts.ts";
import { guardSignals } from "./crisisRules.ts";
import { foldForCrisis, normalizeForCrisis } from "./normalizeForCrisis.ts";

/** Number of hash buckets (a power of two). Changing it needs a retrained model. */
export const FEATURE_BUCKETS = 1 << 18;

/** A sparse, L2-normalised feature vector: bucket indices and their values, same length. */
export type Features = { idx: Int32Array; val: Float32Array };

// Scripts written without spaces between words: every run is read as 1–4 character grams.
const DENSE = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\u0e00-\u0e7f\u1000-\u109f]/u;
// Punctuation other than the question mark and the apostrophe (can't, kid's) separates words;
// "?" itself tells questions apart.
const PUNCT = /[^\p{L}\p{M}\p{N}\p{Extended_Pictographic}?'\s]/gu;
const ASCII = /^[\x00-\x7f]*$/;

/**
 * Whether a message is long enough for the model to read: at least two words, a CJK, Thai or
 * Burmese character counting half a word. On a single word ("savings", "救急", "12") a model of
 * sentences only guesses, and such words are mostly answers typed during the intake; they are left
 * to the rules.
 */
export function modelCanRead(text: string): boolean {
  let words = 0;
  for (const w of featureText(text).split(" ")) {
    if (!/\p{L}/u.test(w)) continue;
    const dense = Array.from(w).filter((c) => DENSE.test(c)).length;
    words += dense > 0 ? dense / 2 : 1;
    if (words >= 2) return true;
  }
  return false;
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) & (FEATURE_BUCKETS - 1);
}

/** The text the features are read from: the folded copy (no diacritics, hiragana, no spaces inside CJK/Thai/Burmese). */
export function featureText(text: string): string {
  return foldForCrisis(normalizeForCrisis(text)).replace(PUNCT, " ").replace(/\?+/gu, " ? ").replace(/\s+/gu, " ").trim();
}

function addGrams(counts: Map<number, number>, chars: string[], from: number, to: number): void {
  for (let n = from; n <= to; n++) {
    for (let i = 0; i + n <= chars.length; i++) {
      const h = fnv1a(`c${chars.slice(i, i + n).join("")}`);
      counts.set(h, (counts.get(h) ?? 0) + 1);
    }
  }
}

/** Weight of a concept feature against one n-gram: a concept stands for many n-grams at once. */
const CONCEPT_WEIGHT = 3;

/**
 * Hashed features of one message: 1–4 grams in dense scripts, 2–5 grams with word boundaries
 * elsewhere, words and word pairs, and the shared concepts (crisisConcepts.ts) and the rules' guard
 * signals (crisisRules.ts), alone and in pairs.
 */
export function crisisFeatures(text: string): Features {
  const counts = new Map<number, number>();
  const ft = featureText(text);
  const concepts = [...conceptsIn(ft), ...guardSignals(text).map((g) => `g.${g}`)];
  for (let i = 0; i < concepts.length; i++) {
    const h = fnv1a(`k${concepts[i]}`);
    counts.set(h, (counts.get(h) ?? 0) + CONCEPT_WEIGHT);
    for (let j = i + 1; j < concepts.length; j++) {
      const hp = fnv1a(`p${concepts[i]}+${concepts[j]}`);
      counts.set(hp, (counts.get(hp) ?? 0) + CONCEPT_WEIGHT);
    }
  }
  const words = ft.split(" ").filter((w) => w !== "");
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (DENSE.test(w)) addGrams(counts, Array.from(w), 1, 4);
    else addGrams(counts, Array.from(`<${w}>`), ASCII.test(w) ? 2 : 1, 5);
    const wh = fnv1a(`w${w}`);
    counts.set(wh, (counts.get(wh) ?? 0) + 1);
    if (i > 0) {
      const bh = fnv1a(`b${words[i - 1]} ${w}`);
      counts.set(bh, (counts.get(bh) ?? 0) + 1);
    }
  }
  const idx = new Int32Array(counts.size);
  const val = new Float32Array(counts.size);
  let norm = 0;
  for (const c of counts.values()) norm += c * c;
  norm = Math.sqrt(norm) || 1;
  let k = 0;
  // Sorted indices make the sums below, and so the trained weights, independent of Map order.
  for (const [h, c] of [...counts.entries()].sort((a, b) => a[0] - b[0])) {
    idx[k] = h;
    val[k] = c / norm;
    k++;
  }
  return { idx, val };
}
