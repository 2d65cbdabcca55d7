// The one way the console writes HTML: a tagged template that escapes every interpolation.
// Only another html`…` result passes through unescaped, so a resident's words, a LINE display
// name or a note can never become markup, whatever they contain. Nor can they reorder what a
// caseworker reads: bidirectional embedding, override and isolate controls are shown as U+FFFD
// (a right-to-left override makes 「evil」 read 「live」), and the invisible LRM/RLM marks are
// dropped. Right-to-left scripts need none of them to display; the browser's bidi algorithm
// orders them.

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", "`": "&#96;" };

/** LRE, RLE, PDF, LRO, RLO (embeddings and overrides) and LRI, RLI, FSI, PDI (isolates). */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
const BIDI_MARKS = /[\u200E\u200F]/g;

export function neutraliseBidi(text: string): string {
  return text.replace(BIDI_CONTROLS, "\uFFFD").replace(BIDI_MARKS, "");
}

export function escapeHtml(text: string): string {
  return neutraliseBidi(text).replace(/[&<>"'`]/g, (c) => ESCAPES[c]!);
}

/** Markup that has already been escaped (made only by `html`). */
export class SafeHtml {
  private readonly text: string;

  constructor(text: string) {
    this.text = text;
  }
  toString(): string {
    return this.text;
  }
}

/** What may stand in a `${…}`: false, null and undefined render nothing, arrays render each item. */
export type Interpolation = SafeHtml | string | number | bigint | boolean | null | undefined | readonly Interpolation[];

function render(value: Interpolation): string {
  if (value instanceof SafeHtml) return value.toString();
  if (value === null || value === undefined || value === false) return "";
  if (Array.isArray(value)) return value.map(render).join("");
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0] ?? "";
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? "");
  });
  return new SafeHtml(out);
}

/** Joins fragments with an (escaped) separator. */
export function joinHtml(parts: readonly Interpolation[], separator: string | SafeHtml): SafeHtml {
  return new SafeHtml(parts.map(render).join(render(separator)));
}
