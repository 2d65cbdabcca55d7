// The console's one way to write HTML: every interpolation is escaped, nothing else is.
import { describe, expect, it } from "vitest";
import { escapeHtml, html, joinHtml, neutraliseBidi } from "../../src/web/staff/html.ts";
import { csvCell } from "../../src/web/staff/exportCsv.ts";
import { chooseLanguage, fromAcceptLanguage } from "../../src/web/staff/consoleLanguage.ts";

describe("html", () => {
  it("escapes every interpolated string, in text and in attributes", () => {
    const name = `<img src=x onerror=alert(1)> "quoted" 'single' & \`tick\``;
    expect(html`<p title="${name}">${name}</p>`.toString()).toBe(
      "<p title=\"&lt;img src=x onerror=alert(1)&gt; &quot;quoted&quot; &#39;single&#39; &amp; &#96;tick&#96;\">&lt;img src=x onerror=alert(1)&gt; &quot;quoted&quot; &#39;single&#39; &amp; &#96;tick&#96;</p>",
    );
  });

  it("when a text holds bidirectional overrides, embeddings or isolates, then they are shown as U+FFFD and LRM/RLM dropped", () => {
    // U+202E (RLO) would make the rest read backwards: 「evil」 shown as 「live」.
    expect(html`<p>${"支払い\u202Elive\u202C"}</p>`.toString()).toBe("<p>支払い\uFFFDlive\uFFFD</p>");
    const every = "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069";
    expect(neutraliseBidi(`a${every}b`)).toBe(`a${"\uFFFD".repeat(9)}b`);
    expect(neutraliseBidi("x\u200Ey\u200Fz")).toBe("xyz");
    expect(escapeHtml("<\u202E>")).toBe("&lt;\uFFFD&gt;");
    // Right-to-left scripts themselves are untouched.
    expect(neutraliseBidi("مرحبا שלום")).toBe("مرحبا שלום");
  });

  it("passes nested html through once, renders arrays, and nothing for null, undefined and false", () => {
    const items = ["<a>", "b"].map((x) => html`<li>${x}</li>`);
    expect(html`<ul>${items}</ul>${null}${undefined}${false}${0}`.toString()).toBe("<ul><li>&lt;a&gt;</li><li>b</li></ul>0");
    expect(joinHtml(["<x>", html`<b>y</b>`], ", ").toString()).toBe("&lt;x&gt;, <b>y</b>");
    expect(escapeHtml("a&b")).toBe("a&amp;b");
  });
});

describe("csvCell", () => {
  it("quotes separators and defuses formulas", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvCell("-1")).toBe("'-1");
  });
});

describe("console language", () => {
  it("is Japanese unless English is preferred or chosen", () => {
    expect(fromAcceptLanguage(undefined)).toBe("ja");
    expect(fromAcceptLanguage("fr-FR,fr;q=0.9")).toBe("ja");
    expect(fromAcceptLanguage("en-GB,en;q=0.9,ja;q=0.8")).toBe("en");
    expect(fromAcceptLanguage("ja-JP,ja;q=0.9,en;q=0.8")).toBe("ja");
    expect(fromAcceptLanguage("vi,en;q=0.5")).toBe("en");
    expect(chooseLanguage("en", "ja", "ja")).toEqual({ lang: "en", remember: true });
    expect(chooseLanguage(undefined, "en", "ja")).toEqual({ lang: "en", remember: false });
    expect(chooseLanguage("xx", undefined, "ja")).toEqual({ lang: "ja", remember: false });
  });
});
