// Numbers as a language writes them (digit grouping: 120,000): one formatter for every surface.
// Our locale codes are BCP 47 except ja-easy, which Intl does not know (やさしい日本語 writes
// numbers as Japanese does).
const cache = new Map<string, Intl.NumberFormat>();

export function intlLocale(lang: string): string {
  return lang === "ja-easy" ? "ja" : lang;
}

export function formatNumber(n: number, lang: string): string {
  let f = cache.get(lang);
  if (!f) {
    f = new Intl.NumberFormat(intlLocale(lang), { maximumFractionDigits: 2 });
    cache.set(lang, f);
  }
  return f.format(n);
}
