// The flow pages' own style sheet (served from /staff/admin/assets/flow.css: the CSP allows no
// inline style): the diagram scrolls in its frame, the preview reads like a chat.
export const FLOW_CSS = `
.flow-diagram-wrap{max-height:80vh;overflow:auto;border:1px solid #cbd2dc;border-radius:6px;background:#fbfcfe}
.flow-diagram a:focus-visible rect,.flow-diagram a:hover rect{stroke:#0b5cad;stroke-width:2.5}
.flow-problems li{margin:4px 0}
.choice-list li{margin:4px 0}
.choice-list .order{margin-left:12px;font-size:.9em}
.choice-list input[type=number]{width:4em}
.flow-preview{display:flex;flex-wrap:wrap;gap:16px}
.flow-preview figure{margin:0;flex:1 1 280px;max-width:420px;background:#8cabd9;border-radius:10px;padding:12px}
.flow-preview figcaption{font-weight:600;color:#0f2747;margin-bottom:8px}
.flow-preview .bubble{background:#fff;border-radius:14px;padding:8px 12px;margin-bottom:8px}
.flow-preview .bubble-text{white-space:pre-wrap;margin:0 0 8px}
.flow-preview .quick-replies{list-style:none;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:6px}
.flow-preview .quick-replies li{border:1px solid #2f6fbf;color:#1d4f8f;border-radius:14px;padding:2px 10px;background:#fff}
`;
