// The XLIFF 2.0 writer escapes everything and the reader reads back what it wrote; the reader
// takes what tools produce (groups, several segments, ignorables, CDATA, comments, references)
// and refuses a DOCTYPE, unknown entities and broken XML with the line.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readCsv, writeCsv } from "../../src/translations/translationCsv.ts";
import { readXliff, writeXliff, XliffError } from "../../src/translations/xliff.ts";

const refusal = (text: string) => {
  try {
    readXliff(text);
  } catch (err) {
    if (err instanceof XliffError) return { line: err.line, reason: err.reason };
    throw err;
  }
  return null;
};

describe("XLIFF 2.0", () => {
  it("when any texts are written, then reading gives them back exactly", () => {
    const text = fc.string({ unit: "binary" }).map((s) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff\ud800-\udfff]/g, ""));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ minLength: 1 }), text, fc.option(text, { nil: undefined })), { maxLength: 8 }), (units) => {
        const doc = { srcLang: "ja", trgLang: "en", files: [{ id: "bot", units: units.map(([id, source, target]) => ({ id, source, ...(target === undefined ? {} : { target }) })) }] };
        const read = readXliff(writeXliff(doc));
        expect(read.units.map((u) => [u.id, u.source, u.target])).toEqual(units.map(([id, s, t]) => [id, s, t]));
      }),
      { numRuns: 100 },
    );
  });

  it("when a unit has groups, segments, ignorables, CDATA, comments and references, then its text is theirs in order", () => {
    const r = readXliff(`<?xml version="1.0"?>
<x:xliff xmlns:x="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ja" trgLang="en">
<!-- a comment -->
<x:file id="bot"><x:group id="g">
<x:unit id="a"><x:segment><x:source>一。</x:source><x:target>One.</x:target></x:segment><x:ignorable><x:source> </x:source></x:ignorable><x:segment><x:source>二。</x:source><x:target><![CDATA[<Two> & ]]>&#x41;&#66;&apos;</x:target></x:segment></x:unit>
</x:group></x:file></x:xliff>`);
    expect(r.units).toEqual([{ file: "bot", id: "a", line: 5, source: "一。 二。", target: "One. <Two> & AB'", markup: false }]);
  });

  it("when a file has a DOCTYPE, an unknown entity, inline markup or broken nesting, then it is refused or marked with the line", () => {
    expect(refusal('<?xml version="1.0"?>\n<!DOCTYPE xliff [<!ENTITY x "y">]>\n<xliff/>')).toEqual({ line: 2, reason: "dtd" });
    expect(refusal('<xliff version="2.0">\n<file><unit id="a"><segment><source>&x;</source></segment></unit></file></xliff>')).toEqual({ line: 2, reason: "entity" });
    expect(refusal('<xliff version="2.0">\n<file>\n<unit id="a"></file></xliff>')).toEqual({ line: 3, reason: "malformed" });
    expect(refusal("<html></html>")).toEqual({ line: 1, reason: "notXliff" });
    expect(readXliff('<xliff version="2.0"><file><unit id="a"><segment><source>x</source><target>a<ph id="1"/>b</target></segment></unit></file></xliff>').units[0]!.markup).toBe(true);
  });
});

describe("CSV", () => {
  it("when rows with commas, quotes and line breaks are written, then reading gives them back with the line each starts on", () => {
    const rows = [["key", "ja", "en"], ["a", "一,二", 'say "hi"'], ["b", "上\n下", " padded "]];
    const read = readCsv(writeCsv(rows));
    expect(read.map((r) => r.fields)).toEqual(rows);
    expect(read.map((r) => r.line)).toEqual([1, 2, 3]);
    expect(readCsv("key,ja,en\r\nc,x,y\r\n")[1]!.line).toBe(2);
    expect(readCsv('key,ja,en\n"b","上\n下",z\nc,x,y')[2]!.line).toBe(4);
  });
});
