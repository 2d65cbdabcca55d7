// The preview's style sheet (served from /staff/admin/assets/preview.css: the CSP allows no inline
// style): the conversation reads like the LINE app, and the preview is plainly marked as one.
export const PREVIEW_CSS = `
.preview-banner{background:var(--warn-bg);color:var(--warn);border:2px dashed #c98a1b;border-radius:6px;padding:10px 14px;font-weight:600}
.preview-phone{max-width:480px;background:#8cabd9;border-radius:12px;padding:12px;margin:12px 0}
.preview-log{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:8px}
.preview-log li{display:flex;flex-direction:column;gap:6px}
.preview-log .from-resident{align-items:flex-end}
.preview-log .bubble{max-width:85%;border-radius:14px;padding:8px 12px;background:#fff;color:#1b2330}
.preview-log .bubble p{margin:0;white-space:pre-wrap;word-break:break-word}
.preview-log .bubble.me{background:#c9f0a8}
.preview-log .bubble.flex{display:flex;flex-direction:column;gap:6px}
.preview-log .bubble.flex .strong{font-weight:700}
.preview-log .quick-replies{display:flex;flex-wrap:wrap;gap:6px}
.preview-log button.quick,.preview-log button.flex-button{background:#fff;color:#0a5a2a;border:1px solid #0a7a3a;border-radius:16px;padding:4px 12px}
.preview-log .spent{display:inline-block;border:1px solid #cdd3dc;border-radius:16px;padding:2px 10px;color:#1b2330;background:#eef2f8}
.preview-raised{background:#fff;border-left:5px solid var(--danger);color:var(--danger);padding:6px 10px;margin:0;font-weight:600}
.preview-end{background:#fff;border-radius:8px;padding:8px 12px}
.preview-say{display:flex;flex-wrap:wrap;gap:6px;align-items:center;background:#fff;border-radius:8px;padding:8px;margin-top:10px}
.preview-say label{flex-basis:100%}
.preview-say input{flex:1;min-width:10em}
`;
