// A Japanese postal code (郵便番号): seven digits, written 123-4567. One rule for the codes a
// resident types at the area question and the codes a city lists for its areas
// (flows/municipality.yaml): 〒123-4567, 123-4567, 1234567, full-width １２３－４５６７, spaces
// around the mark or the hyphen. Anything else — six or eight digits, letters, an address with a
// code inside — is not a postal code, so a typed town name is never mistaken for one.

/** Hyphens and dashes people type between the two groups (after NFKC: ASCII, ‐ ‑ ‒ – — ― − ー). */
const HYPHEN = "[-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30fc\uff70]";
const POSTAL_CODE = new RegExp(`^(?:〒|郵便番号[:：]?)?\\s*(\\d{3})\\s*${HYPHEN}?\\s*(\\d{4})$`, "u");

/** The seven digits of a postal code ("1234567"), or null when the text is not one. Never throws. */
export function parsePostalCode(text: string): string | null {
  const m = POSTAL_CODE.exec(text.normalize("NFKC").trim());
  return m ? `${m[1]}${m[2]}` : null;
}

/** Seven digits as people read them: 123-4567. */
export const formatPostalCode = (digits: string): string => `${digits.slice(0, 3)}-${digits.slice(3)}`;
