// Loads locales/<lang>/*.json into i18next. A language is offered to residents when its
// meta.json says complete: true, so adding a language needs files, not code.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import i18next, { type i18n, type TFunction } from "i18next";
import { z } from "zod";
import { LOCALE_CODES, LocaleCode } from "../intake/codes.ts";

const LocaleMeta = z.object({
  name: z.string().min(1),
  complete: z.boolean(),
  lineLanguages: z.array(z.string()).default([]),
});
export type LocaleMeta = z.infer<typeof LocaleMeta>;

export interface Locales {
  i18n: i18n;
  /** Complete languages in contract order. */
  languages: LocaleCode[];
  meta: Map<LocaleCode, LocaleMeta>;
  t(lang: LocaleCode, ns?: string): TFunction;
  /** Word lists under commands.<name>, in every loaded language. */
  words(name: string): Map<LocaleCode, string[]>;
}

/**
 * i18next reads a four-letter subtag as a script and would turn "ja-easy" into "ja-Easy", which
 * then finds nothing; with lowerCaseLng every code is lower-cased on both sides instead.
 */
const key = (lang: string) => lang.toLowerCase();

/** Every locale bundle as plain JSON: bundles[lang][namespace], meta.json under "meta". */
export type LocaleBundles = Record<string, Record<string, unknown>>;

/** Reads every locales/<lang>/*.json (meta.json included) of the languages that have a meta.json. */
export function readLocaleBundles(dir: string): LocaleBundles {
  const bundles: LocaleBundles = {};
  for (const lang of readdirSync(dir)) {
    if (!existsSync(join(dir, lang, "meta.json"))) continue;
    bundles[lang] = {};
    for (const file of readdirSync(join(dir, lang))) {
      if (file.endsWith(".json")) bundles[lang]![file.replace(/\.json$/, "")] = JSON.parse(readFileSync(join(dir, lang, file), "utf8"));
    }
  }
  return bundles;
}

export function loadLocales(dir: string): Locales {
  return localesFrom(readLocaleBundles(dir));
}

/** The locales of bundles held in memory (a release, a draft). */
export function localesFrom(bundles: LocaleBundles): Locales {
  const resources: Record<string, Record<string, unknown>> = {};
  const meta = new Map<LocaleCode, LocaleMeta>();
  for (const [lang, namespaces] of Object.entries(bundles)) {
    const code = LocaleCode.safeParse(lang);
    if (!code.success || namespaces.meta === undefined) continue;
    meta.set(code.data, LocaleMeta.parse(namespaces.meta));
    resources[key(lang)] = {};
    for (const [ns, content] of Object.entries(namespaces)) {
      if (ns !== "meta") resources[key(lang)]![ns] = content;
    }
  }
  const namespaces = [...new Set(Object.values(resources).flatMap((r) => Object.keys(r)))];
  const instance = i18next.createInstance();
  void instance.init({
    resources: resources as never,
    initAsync: false,
    lng: "ja",
    lowerCaseLng: true,
    // やさしい日本語 falls back to Japanese; any other language to English, then Japanese.
    fallbackLng: { "ja-easy": ["ja"], ja: [], default: ["en", "ja"] },
    defaultNS: "bot",
    ns: namespaces,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  const languages = LOCALE_CODES.filter((c) => meta.get(c)?.complete);
  return {
    i18n: instance,
    languages,
    meta,
    t: (lang, ns = "bot") => instance.getFixedT(key(lang), ns),
    words(name) {
      const out = new Map<LocaleCode, string[]>();
      for (const lang of meta.keys()) {
        const list = instance.getResource(key(lang), "bot", `commands.${name}`);
        if (Array.isArray(list)) out.set(lang, list.filter((w): w is string => typeof w === "string"));
      }
      return out;
    },
  };
}

/** The resident's LINE app language → one of our complete locales, if any. */
export function suggestLanguage(locales: Locales, lineLanguage: string | null | undefined): LocaleCode | null {
  if (!lineLanguage) return null;
  const lower = lineLanguage.toLowerCase();
  for (const lang of locales.languages) {
    const m = locales.meta.get(lang)!;
    if (m.lineLanguages.some((l) => l.toLowerCase() === lower)) return lang;
  }
  const base = lower.split("-")[0];
  return locales.languages.find((l) => l.toLowerCase() === lower || l.toLowerCase() === base) ?? null;
}
