// A bar chart as SVG, drawn on the server by Vega-Lite and Vega (no browser script, so it prints
// and passes the console's Content-Security-Policy). The bars are the table's own protected
// counts: a cell the table hides has no bar.
// Vega is loaded on the first chart, not at start: it is large, and the server (and every CLI
// command) should not wait for it.
import type { TopLevelSpec } from "vega-lite";

export interface Bar {
  label: string;
  value: number;
}

export interface BarChartOptions {
  /** The axis title of the values (e.g. "人数"). */
  valueTitle: string;
}

/** The Vega-Lite specification of a horizontal bar chart in the given order. */
export function barChartSpec(bars: readonly Bar[], o: BarChartOptions): TopLevelSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    data: { values: bars.map((b) => ({ label: b.label, value: b.value })) },
    width: 320,
    height: { step: 18 },
    mark: { type: "bar", color: "#2b5f8a" },
    encoding: {
      y: { field: "label", type: "nominal", sort: null, title: null, axis: { labelLimit: 220 } },
      x: { field: "value", type: "quantitative", title: o.valueTitle, axis: { tickMinStep: 1, format: "d" } },
    },
    // Vega's own ARIA texts are English: the page labels the figure and gives the table beside it.
    config: { font: "sans-serif", view: { stroke: null }, aria: false },
  };
}

export async function renderBarChart(bars: readonly Bar[], o: BarChartOptions): Promise<string> {
  const [vega, vl] = await Promise.all([import("vega"), import("vega-lite")]);
  const spec = vl.compile(barChartSpec(bars, o)).spec;
  const view = new vega.View(vega.parse(spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
