// The console's own language: Japanese first; English when the user chose it (?lang= or the
// cookie it sets) or when the browser's Accept-Language prefers English to Japanese.

export const CONSOLE_LANGUAGES = ["ja", "en"] as const;
export type ConsoleLang = (typeof CONSOLE_LANGUAGES)[number];
export const LANG_COOKIE = "tsunagu_console_lang";

const isConsoleLang = (v: unknown): v is ConsoleLang => typeof v === "string" && (CONSOLE_LANGUAGES as readonly string[]).includes(v);

/** The language a browser prefers, of ja and en; ja when it names neither (or ties). */
export function fromAcceptLanguage(header: string | undefined): ConsoleLang {
  if (!header) return "ja";
  let best: { lang: ConsoleLang; q: number } | null = null;
  for (const item of header.split(",")) {
    const [tag = "", ...params] = item.trim().split(";");
    const base = tag.trim().toLowerCase().split("-")[0];
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    if (!isConsoleLang(base)) continue;
    if (!best || q > best.q) best = { lang: base, q };
  }
  return best?.lang ?? "ja";
}

/** The language for this request, and whether the choice should be remembered in the cookie. */
export function chooseLanguage(query: unknown, cookie: string | undefined, acceptLanguage: string | undefined): { lang: ConsoleLang; remember: boolean } {
  if (isConsoleLang(query)) return { lang: query, remember: query !== cookie };
  if (isConsoleLang(cookie)) return { lang: cookie, remember: false };
  return { lang: fromAcceptLanguage(acceptLanguage), remember: false };
}
