// The two normalised copies of a message that both the rules and the model read (one place, so
// training and run time see the same text).
const CJK_LIKE = "\\u3040-\\u30ff\\u3400-\\u9fff\\uf900-\\ufaff\\u0e00-\\u0e7f\\u1000-\\u109f";
const SPACE_BETWEEN = new RegExp(`([${CJK_LIKE}])\\s+(?=[${CJK_LIKE}])`, "gu");

function collapse(s: string): string {
  return s.replace(/\s+/gu, " ").replace(/(\D)\1{2,}/gu, "$1").trim();
}

/** NFKC, lower case, straight apostrophes, collapsed whitespace and elongations. */
export function normalizeForCrisis(text: string): string {
  return collapse(text.normalize("NFKC").toLowerCase().replace(/[’‘`´]/gu, "'"));
}

/** The parallel copy: no Latin diacritics, katakana → hiragana, no ー or small kana vowels, no spaces inside CJK/Thai/Burmese runs. */
export function foldForCrisis(base: string): string {
  const s = base
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/gu, "")
    .normalize("NFC")
    .replace(/đ/gu, "d")
    .replace(/[\u30a1-\u30f6]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60))
    .replace(/([\u3041-\u309f])[ーｰ〜~]+/gu, "$1")
    .replace(/([\u3041-\u309f])[ぁぃぅぇぉ]+/gu, "$1")
    .replace(SPACE_BETWEEN, "$1");
  return collapse(s);
}

