// XLIFF 2.0 for translation companies: one file per target language, the Japanese as source.
//   <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ja" trgLang="en">
//     <file id="bot"><unit id="q.rent.text"><segment><source>…</source><target>…</target></segment></unit>…
// The writer escapes every text. The reader handles the subset tools produce (groups, several
// segments and ignorables in a unit, CDATA, comments, the five XML entities and character
// references) and nothing more: a DOCTYPE (and with it every external or expanding entity) is
// refused, as is inline markup in a text — our placeholders travel as plain {{name}} text.

export interface XliffUnit {
  id: string;
  source: string;
  /** undefined when the unit has no target (not translated yet). */
  target?: string;
  /** "initial" for missing or outdated translations, "translated" otherwise. */
  state?: "initial" | "translated";
}

export interface XliffDocument {
  srcLang: string;
  trgLang: string;
  files: { id: string; units: XliffUnit[] }[];
}

const escapeText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r/g, "&#13;");
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, "&quot;").replace(/\n/g, "&#10;").replace(/\t/g, "&#9;");

export function writeXliff(doc: XliffDocument): string {
  const out = [`<?xml version="1.0" encoding="UTF-8"?>`, `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="${escapeAttr(doc.srcLang)}" trgLang="${escapeAttr(doc.trgLang)}">`];
  for (const f of doc.files) {
    out.push(` <file id="${escapeAttr(f.id)}">`);
    for (const u of f.units) {
      const state = u.state ? ` state="${u.state}"` : "";
      const target = u.target === undefined ? "" : `<target>${escapeText(u.target)}</target>`;
      out.push(`  <unit id="${escapeAttr(u.id)}"><segment${state}><source>${escapeText(u.source)}</source>${target}</segment></unit>`);
    }
    out.push(" </file>");
  }
  out.push("</xliff>", "");
  return out.join("\n");
}

// ---------------------------------------------------------------------------------------------
// Reading

interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: (XmlElement | string)[];
  line: number;
}

export class XliffError extends Error {
  readonly line: number;
  readonly reason: "malformed" | "dtd" | "entity" | "notXliff";

  constructor(line: number, reason: "malformed" | "dtd" | "entity" | "notXliff") {
    super(`line ${line}: ${reason}`);
    this.line = line;
    this.reason = reason;
    this.name = "XliffError";
  }
}

const NAME = /^[A-Za-z_][\w.:-]*/;
const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function decode(s: string, line: number): string {
  return s.replace(/&([^;\s&]*);?/g, (whole, name: string) => {
    if (!whole.endsWith(";")) throw new XliffError(line, "entity");
    if (name in ENTITIES) return ENTITIES[name]!;
    const m = /^#(x[0-9a-fA-F]+|[0-9]+)$/.exec(name);
    if (!m) throw new XliffError(line, "entity");
    const code = m[1]!.startsWith("x") ? parseInt(m[1]!.slice(1), 16) : parseInt(m[1]!, 10);
    if (code > 0x10ffff || code === 0) throw new XliffError(line, "entity");
    return String.fromCodePoint(code);
  });
}

const localName = (n: string) => n.slice(n.indexOf(":") + 1);

/** A small, safe XML reader: elements, attributes, text, CDATA; no DTD, no entities but XML's own. */
export function parseXml(text: string): XmlElement {
  let i = 0;
  let line = 1;
  const advance = (to: number) => {
    for (let k = i; k < to; k++) if (text.charCodeAt(k) === 10) line++;
    i = to;
  };
  const root: XmlElement = { name: "#document", attrs: {}, children: [], line: 1 };
  const stack: XmlElement[] = [root];
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  while (i < text.length) {
    const lt = text.indexOf("<", i);
    const chunk = text.slice(i, lt < 0 ? text.length : lt);
    if (chunk !== "") {
      const at = line;
      advance(i + chunk.length);
      if (stack.length === 1) {
        if (chunk.trim() !== "") throw new XliffError(at, "malformed");
      } else stack.at(-1)!.children.push(decode(chunk, at));
    }
    if (lt < 0) break;
    if (text.startsWith("<!--", i)) {
      const end = text.indexOf("-->", i + 4);
      if (end < 0) throw new XliffError(line, "malformed");
      advance(end + 3);
    } else if (text.startsWith("<![CDATA[", i)) {
      const end = text.indexOf("]]>", i + 9);
      if (end < 0 || stack.length === 1) throw new XliffError(line, "malformed");
      stack.at(-1)!.children.push(text.slice(i + 9, end));
      advance(end + 3);
    } else if (text.startsWith("<!", i)) {
      throw new XliffError(line, "dtd");
    } else if (text.startsWith("<?", i)) {
      const end = text.indexOf("?>", i + 2);
      if (end < 0) throw new XliffError(line, "malformed");
      advance(end + 2);
    } else if (text.startsWith("</", i)) {
      const m = NAME.exec(text.slice(i + 2));
      const close = text.indexOf(">", i);
      const open = stack.pop();
      if (!m || close < 0 || !open || stack.length === 0 || open.name !== m[0] || text.slice(i + 2 + m[0].length, close).trim() !== "") throw new XliffError(line, "malformed");
      advance(close + 1);
    } else {
      const at = line;
      const m = NAME.exec(text.slice(i + 1));
      if (!m) throw new XliffError(line, "malformed");
      let j = i + 1 + m[0].length;
      const el: XmlElement = { name: m[0], attrs: {}, children: [], line: at };
      let selfClosing = false;
      for (;;) {
        const ws = /^\s*/.exec(text.slice(j))![0];
        j += ws.length;
        if (text.startsWith("/>", j)) {
          selfClosing = true;
          j += 2;
          break;
        }
        if (text[j] === ">") {
          j += 1;
          break;
        }
        const a = /^([A-Za-z_][\w.:-]*)\s*=\s*("([^"<]*)"|'([^'<]*)')/.exec(text.slice(j));
        if (!a || ws === "") throw new XliffError(at, "malformed");
        el.attrs[a[1]!] = decode(a[3] ?? a[4] ?? "", at);
        j += a[0].length;
      }
      advance(j);
      if (stack.length === 1 && root.children.some((c) => typeof c !== "string")) throw new XliffError(at, "malformed");
      stack.at(-1)!.children.push(el);
      if (!selfClosing) stack.push(el);
    }
  }
  if (stack.length !== 1) throw new XliffError(line, "malformed");
  const top = root.children.find((c): c is XmlElement => typeof c !== "string");
  if (!top) throw new XliffError(1, "notXliff");
  return top;
}

export interface ReadUnit {
  /** The <file id>, "" when it has none. */
  file: string;
  id: string;
  line: number;
  source?: string;
  target?: string;
  /** Inline markup (ph, pc, mrk …) in the source or target: not ours to interpret. */
  markup: boolean;
}

export interface ReadXliff {
  version: string;
  srcLang: string;
  trgLang: string;
  units: ReadUnit[];
}

const elements = (el: XmlElement, name: string) => el.children.filter((c): c is XmlElement => typeof c !== "string" && localName(c.name) === name);

/** The text of a source or target; markup set when it holds elements. */
function textIn(el: XmlElement): { text: string; markup: boolean } {
  let markup = false;
  const text = el.children.map((c) => (typeof c === "string" ? c : ((markup = true), ""))).join("");
  return { text, markup };
}

/** Throws XliffError when the file is not well-formed XML or not XLIFF. */
export function readXliff(text: string): ReadXliff {
  const top = parseXml(text);
  if (localName(top.name) !== "xliff") throw new XliffError(top.line, "notXliff");
  const units: ReadUnit[] = [];
  const walk = (el: XmlElement, file: string) => {
    for (const c of el.children) {
      if (typeof c === "string") continue;
      const n = localName(c.name);
      if (n === "group") walk(c, file);
      else if (n === "unit") units.push(unitOf(c, file));
    }
  };
  for (const f of elements(top, "file")) walk(f, f.attrs.id ?? "");
  return { version: top.attrs.version ?? "", srcLang: top.attrs.srcLang ?? "", trgLang: top.attrs.trgLang ?? "", units };
}

/** A unit's text is its segments and ignorables in order (XLIFF 2.0, 4.2.2). */
function unitOf(u: XmlElement, file: string): ReadUnit {
  let source = "";
  let target = "";
  let hasSource = false;
  let hasTarget = false;
  let markup = false;
  for (const part of u.children) {
    if (typeof part === "string") continue;
    const n = localName(part.name);
    if (n !== "segment" && n !== "ignorable") continue;
    const s = elements(part, "source")[0];
    const t = elements(part, "target")[0];
    if (s) {
      const r = textIn(s);
      source += r.text;
      hasSource = true;
      markup ||= r.markup;
    }
    // An ignorable without a target stands for its source in the target too.
    if (t) {
      const r = textIn(t);
      target += r.text;
      hasTarget ||= n === "segment";
      markup ||= r.markup;
    } else if (s && n === "ignorable") target += textIn(s).text;
  }
  return { file, id: u.attrs.id ?? "", line: u.line, ...(hasSource ? { source } : {}), ...(hasTarget ? { target } : {}), markup };
}
