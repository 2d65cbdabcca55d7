// The flow as an SVG diagram, laid out by dagre on the server: one box per step (its id, the
// start of its Japanese question and its choices), edges for the order, `when` conditions
// (a conditional step can be passed by: an "otherwise" edge goes on) and `next` branches. Boxes
// link to the step's page. Presentation attributes only: the CSP allows no inline style.
import dagre from "@dagrejs/dagre";
import type { FlowDocument, FlowStep } from "../../../conversation/flowSchema.ts";
import { html, type SafeHtml } from "../../staff/html.ts";
import { conditionText } from "./conditionText.ts";

export interface DiagramTexts {
  /** The Japanese question of a step ("" when it has none yet). */
  question(step: FlowStep): string;
  /** The Japanese labels of a step's choices, in order (empty for typed answers). */
  choices(step: FlowStep): string[];
  otherwise: string;
  title: string;
}

interface Edge {
  from: string;
  to: string;
  label: string;
  kind: "order" | "when" | "otherwise" | "branch";
}

const FONT = 11;
const LINE = 15;
const PAD = 8;
const MAX_CHARS = 22;

/** A rough width: wide (CJK, full-width) characters take about a font size, the rest 0.6 of it. */
const textWidth = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\uffdc]/u.test(ch) && !/[\uff61-\uff9f]/u.test(ch) ? FONT : FONT * 0.62), 0);

const clip = (s: string, n = MAX_CHARS) => {
  const chars = [...s.replace(/\s+/g, " ").trim()];
  return chars.length > n ? `${chars.slice(0, n - 1).join("")}…` : chars.join("");
};

/** The edges of the flow as the compiler reads it: order, conditions and branches. */
export function flowEdges(flow: FlowDocument, otherwise: string): Edge[] {
  const edges: Edge[] = [];
  const steps = flow.steps;
  steps.forEach((step, i) => {
    if (step.kind === "summary") return;
    if (step.next) {
      edges.push({ from: step.id, to: step.next.then, label: conditionText(step.next.if), kind: "branch" });
      edges.push({ from: step.id, to: step.next.else, label: otherwise, kind: "otherwise" });
      return;
    }
    // On to the next step; a conditional one may be passed by, so the edges go on to the first
    // step that is always asked.
    let passedConditional = false;
    for (let j = i + 1; j < steps.length; j++) {
      const target = steps[j]!;
      const label = target.when ? conditionText(target.when) : passedConditional ? otherwise : "";
      edges.push({ from: step.id, to: target.id, label, kind: target.when ? "when" : passedConditional ? "otherwise" : "order" });
      if (!target.when) break;
      passedConditional = true;
    }
  });
  return edges.filter((e) => steps.some((s) => s.id === e.to));
}

export function flowDiagram(flow: FlowDocument, texts: DiagramTexts, opts: { flagged?: ReadonlySet<string>; href: (stepId: string) => string }): SafeHtml {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: "TB", nodesep: 24, ranksep: 36, edgesep: 12, marginx: 12, marginy: 12 });
  const boxes = new Map<string, string[]>();
  for (const step of flow.steps) {
    const lines = [step.id];
    const q = texts.question(step);
    if (q) lines.push(clip(q));
    const choices = texts.choices(step);
    if (choices.length > 0) lines.push(clip(choices.join(" / "), MAX_CHARS + 6));
    boxes.set(step.id, lines);
    const width = Math.max(90, ...lines.map(textWidth)) + PAD * 2;
    g.setNode(step.id, { width, height: lines.length * LINE + PAD * 2 - 2 });
  }
  const edges = flowEdges(flow, texts.otherwise);
  edges.forEach((e, i) => {
    const label = clip(e.label, 40);
    g.setEdge(e.from, e.to, { label, width: label ? textWidth(label) + 4 : 0, height: label ? LINE : 0, labelpos: "c" }, `e${i}`);
  });
  dagre.layout(g);
  const { width = 0, height = 0 } = g.graph();

  const edgeMarkup = edges.map((e, i) => {
    const laid = g.edge({ v: e.from, w: e.to, name: `e${i}` }) as { points: { x: number; y: number }[]; x?: number; y?: number; label: string };
    const d = laid.points.map((p, k) => `${k === 0 ? "M" : "L"}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(" ");
    const colour = e.kind === "branch" ? "#0b5cad" : e.kind === "otherwise" ? "#8a4b00" : e.kind === "when" ? "#1d6b36" : "#555";
    return html`<g class="edge" data-from="${e.from}" data-to="${e.to}" data-kind="${e.kind}"><path d="${d}" fill="none" stroke="${colour}" stroke-width="1.2"${e.kind === "otherwise" ? html` stroke-dasharray="4 3"` : null} marker-end="url(#flow-arrow)"/>${
      laid.label && laid.x !== undefined && laid.y !== undefined
        ? html`<text x="${laid.x.toFixed(1)}" y="${(laid.y + 4).toFixed(1)}" text-anchor="middle" font-size="10" fill="${colour}">${laid.label}</text>`
        : null
    }</g>`;
  });
  const nodeMarkup = flow.steps.map((step) => {
    const n = g.node(step.id) as { x: number; y: number; width: number; height: number };
    const left = n.x - n.width / 2;
    const top = n.y - n.height / 2;
    const flagged = opts.flagged?.has(step.id) ?? false;
    const lines = boxes.get(step.id)!;
    return html`<a href="${opts.href(step.id)}" data-step="${step.id}"${flagged ? html` data-problem="true"` : null}><g class="step"><rect x="${left.toFixed(1)}" y="${top.toFixed(1)}" width="${n.width.toFixed(1)}" height="${n.height.toFixed(1)}" rx="6" fill="${flagged ? "#fdecea" : step.kind === "summary" ? "#eef3fb" : "#ffffff"}" stroke="${flagged ? "#b3261e" : "#4a5568"}" stroke-width="${flagged ? 2 : 1}"/>${lines.map(
      (l, k) =>
        html`<text x="${(left + PAD).toFixed(1)}" y="${(top + PAD + 10 + k * LINE).toFixed(1)}" font-size="${FONT}"${k === 0 ? html` font-weight="bold"` : null} fill="${k === 2 ? "#4a5568" : "#1a202c"}">${l}</text>`,
    )}</g></a>`;
  });
  return html`<svg xmlns="http://www.w3.org/2000/svg" class="flow-diagram" viewBox="0 0 ${Math.ceil(width)} ${Math.ceil(height)}" width="${Math.ceil(width)}" height="${Math.ceil(height)}" role="group" aria-label="${texts.title}" font-family="sans-serif">
<defs><marker id="flow-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>
<g class="edges">${edgeMarkup}</g>
<g class="steps">${nodeMarkup}</g>
</svg>`;
}
