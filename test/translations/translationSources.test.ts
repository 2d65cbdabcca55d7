// Which Japanese a translation was made from: a save that changes a Japanese text marks the
// translations it leaves alone as made from the old text (so they show as outdated); translations
// changed in the same save, or already carrying a hash, are left as they are.
import { describe, expect, it } from "vitest";
import type { ReleaseContent } from "../../src/releases/releaseContent.ts";
import { cellState, recordedHash, sourceHash, stampChangedSources, textsOf, withText } from "../../src/translations/translationSources.ts";

const content = (): ReleaseContent => ({
  flow: {},
  glossary: { terms: {} },
  municipality: {},
  locales: {
    ja: { meta: { name: "日本語" }, bot: { q: { a: { text: "古い" }, b: { text: "そのまま" } } } },
    en: { meta: { name: "English" }, bot: { q: { a: { text: "Old" }, b: { text: "Same" } } } },
    ko: { meta: { name: "한국어" }, bot: { q: { a: { text: "옛" } } } },
  },
});

const state = (c: ReleaseContent, lang: string, key: string) =>
  cellState(textsOf(c, lang, "bot").get(key), recordedHash(c, lang, "bot", key), textsOf(c, "ja", "bot").get(key), lang);

describe("source hashes", () => {
  it("when a seed has no hashes, then every present translation is up to date and an absent one missing", () => {
    const c = content();
    expect(state(c, "en", "q.a.text")).toBe("current");
    expect(state(c, "ko", "q.b.text")).toBe("missing");
    expect(state(c, "ja", "q.a.text")).toBe("source");
  });

  it("when a save changes the Japanese, then the untouched translations become outdated and one changed with it stays current", () => {
    const before = content();
    const jaChanged = withText(before, "ja", "bot", "q.a.text", "新しい");
    const after = withText(jaChanged, "ko", "bot", "q.a.text", "새");
    const stamped = stampChangedSources(before, after);
    expect(state(stamped, "en", "q.a.text")).toBe("outdated");
    expect(state(stamped, "ko", "q.a.text")).toBe("current");
    expect(state(stamped, "en", "q.b.text")).toBe("current");
    expect(recordedHash(stamped, "en", "bot", "q.a.text")).toBe(sourceHash("古い"));
    // Saving the translation again from today's Japanese makes it current.
    const redone = withText(stamped, "en", "bot", "q.a.text", "New", sourceHash("新しい"));
    expect(state(redone, "en", "q.a.text")).toBe("current");
    expect(stampChangedSources(stamped, stamped)).toBe(stamped);
  });
});
