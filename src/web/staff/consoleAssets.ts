// The console's stylesheet and its one small script, served from /staff/assets so the
// Content-Security-Policy can forbid every inline script and style.

export const CONSOLE_CSS = `
:root{--ink:#1b2330;--muted:#5b6575;--line:#cdd3dc;--bg:#f5f7fa;--card:#fff;--accent:#0b5cad;--danger:#b00020;--danger-bg:#fde8ea;--warn:#8a5300;--warn-bg:#fff3d6;--ok:#1d6b32;--ok-bg:#e5f5e9;--focus:#ffbf47}
*{box-sizing:border-box}
html{font-size:16px}
body{margin:0;font-family:system-ui,"Hiragino Sans","Noto Sans CJK JP","Noto Sans JP","Yu Gothic",sans-serif;color:var(--ink);background:var(--bg);line-height:1.55}
a{color:var(--accent)}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible,summary:focus-visible,main:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:8px;z-index:10}
.skip:focus{left:8px}
header.site{display:flex;flex-wrap:wrap;align-items:center;gap:8px 20px;padding:8px 20px;background:#1f3a5f;color:#fff}
header.site a{color:#fff}
.brand{font-weight:700;font-size:1.1rem;text-decoration:none}
.topnav{display:flex;gap:16px;flex-wrap:wrap}
.header-end{margin-left:auto;display:flex;gap:16px;align-items:center;flex-wrap:wrap}
.langs{display:flex;gap:8px}
.langs span[aria-current]{font-weight:700;text-decoration:underline}
.account{display:flex;gap:10px;align-items:center;flex-wrap:wrap}
.account .muted{color:#d6dde8}
header.site button.link{color:#fff}
form.inline{display:inline}
button.link{background:none;border:none;padding:0;color:var(--accent);text-decoration:underline;cursor:pointer;font:inherit}
main{padding:16px 20px 40px;max-width:1400px;margin:0 auto}
h1{font-size:1.4rem;margin:.2em 0 .6em}
h2{font-size:1.1rem;margin:0 0 .5em;padding-bottom:.2em;border-bottom:2px solid var(--line)}
h3{font-size:1rem;margin:.8em 0 .4em}
.muted{color:var(--muted)}
.notice{padding:10px 14px;border-radius:6px;margin:0 0 14px;border:1px solid}
.notice-ok{background:var(--ok-bg);border-color:#9bd1aa;color:var(--ok)}
.notice-error{background:var(--danger-bg);border-color:#f1a7b0;color:var(--danger);font-weight:600}
.emergency-banner{display:flex;gap:12px;align-items:center;flex-wrap:wrap;background:var(--danger);color:#fff;padding:12px 16px;border-radius:6px;margin-bottom:14px;font-size:1.1rem;font-weight:700}
.emergency-banner a{color:#fff}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:14px 16px;margin-bottom:14px}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:.85rem;border:1px solid var(--line);background:#eef1f5;white-space:nowrap}
.urgency-emergency{background:var(--danger);color:#fff;border-color:var(--danger);font-weight:700}
.urgency-urgent{background:var(--warn-bg);color:var(--warn);border-color:#e8c27a;font-weight:600}
.status-new{background:#e3efff;border-color:#a9c8f0}
.status-closed{background:#eceff3;color:var(--muted)}
.status-escalated,.overdue{background:var(--warn-bg);color:var(--warn);border-color:#e8c27a}
.chips{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:4px}
.chip{font-size:.8rem;padding:1px 7px;border-radius:9px;background:#eef3fb;border:1px solid #c8d6ec}
.counts{display:flex;flex-wrap:wrap;gap:8px;margin:0 0 12px;padding:0;list-style:none}
.counts a,.counts span{display:inline-block;padding:4px 10px;border:1px solid var(--line);border-radius:14px;background:#fff;text-decoration:none}
.counts [aria-current]{background:#1f3a5f;color:#fff;border-color:#1f3a5f}
form.filters{display:flex;flex-wrap:wrap;gap:8px 14px;align-items:flex-end;margin-bottom:12px}
form.filters label{display:flex;flex-direction:column;font-size:.85rem;color:var(--muted)}
select,input[type=text],input[type=password],textarea{font:inherit;padding:6px 8px;border:1px solid #9aa5b5;border-radius:4px;background:#fff;color:var(--ink);max-width:100%}
textarea{width:100%;min-height:5em}
button,.button{font:inherit;padding:6px 14px;border-radius:5px;border:1px solid #1f3a5f;background:#1f3a5f;color:#fff;cursor:pointer;text-decoration:none;display:inline-block}
button.secondary,.button.secondary{background:#fff;color:#1f3a5f}
button.danger{background:var(--danger);border-color:var(--danger)}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
th{background:#eef1f5;font-weight:600}
table.inbox tbody tr.row-emergency{background:#fff0f1}
table.inbox tbody tr.row-emergency td:first-child{border-left:5px solid var(--danger)}
table.inbox tbody tr.row-overdue td:first-child{border-left:5px solid #e0a100}
.table-wrap{overflow-x:auto}
.ref{font-family:ui-monospace,Menlo,Consolas,monospace;font-weight:600;white-space:nowrap}
td time{white-space:nowrap}
.summary{display:flex;flex-wrap:wrap;gap:8px 24px;align-items:center}
form.inline-action{display:inline-block;border:none!important;padding:0!important;margin:0 6px 8px 0}
.layout{display:grid;grid-template-columns:minmax(0,1fr) 340px;gap:16px;align-items:start}
.layout aside{position:sticky;top:8px}
.form-sheet h2{background:#eef1f5;border:1px solid var(--line);border-bottom:none;margin:0;padding:4px 8px;font-size:1rem}
.form-sheet section{margin-bottom:12px}
.concerns{display:grid;grid-template-columns:repeat(4,minmax(0,1fr));border-top:1px solid var(--line);border-left:1px solid var(--line);margin:0;padding:0;list-style:none}
.concerns li{border-right:1px solid var(--line);border-bottom:1px solid var(--line);padding:4px 6px;display:flex;gap:6px;background:#fff;min-height:2.4em}
.concerns .mark{display:inline-block;width:1.4em;font-weight:700;text-align:center;flex:none}
.concerns li.main{background:#fff6d8}
.concerns li.named{background:#f2f8ff}
dl.facts{display:grid;grid-template-columns:max-content minmax(0,1fr);margin:0;border-top:1px solid var(--line);border-left:1px solid var(--line)}
dl.facts dt,dl.facts dd{margin:0;padding:4px 8px;border-right:1px solid var(--line);border-bottom:1px solid var(--line);background:#fff}
dl.facts dt{background:#f6f8fb;font-weight:600}
.words{white-space:pre-wrap;word-break:break-word;background:#fffdf3;border:1px solid #e6dfb8;padding:10px;border-radius:4px;min-height:2em}
.consent-yes{color:var(--ok);font-weight:700}
.consent-no{color:var(--warn);font-weight:700}
.actions form{border-top:1px solid var(--line);padding:10px 0}
.actions form:first-of-type{border-top:none}
.actions label{display:block;font-weight:600;margin:4px 0 2px}
.actions .buttons{display:flex;gap:8px;flex-wrap:wrap}
ol.transcript{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:6px;max-height:70vh;overflow-y:auto}
ol.transcript li{max-width:85%;padding:6px 10px;border-radius:10px;border:1px solid var(--line)}
ol.transcript li.in{align-self:flex-end;background:#e7f7df}
ol.transcript li.out{align-self:flex-start;background:#fff}
ol.transcript li.staff{align-self:flex-start;background:#eef3fb;border-color:#9fb7dd}
ol.transcript .meta{font-size:.75rem;color:var(--muted)}
ol.transcript .text{white-space:pre-wrap;word-break:break-word}
ol.timeline,ul.notes{margin:0;padding-left:1.2em}
ol.timeline li,ul.notes li{margin-bottom:6px}
.note-body{white-space:pre-wrap;word-break:break-word}
.onetime{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:1.3rem;background:#fff;border:2px dashed var(--accent);padding:8px 12px;display:inline-block}
.login{max-width:420px;margin:40px auto}
.login label{display:block;font-weight:600;margin-top:10px}
.login input{width:100%}
.login button{margin-top:14px;width:100%}
.pager{margin-top:10px;display:flex;gap:12px}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media (max-width:1100px){.layout{grid-template-columns:minmax(0,1fr)}.layout aside{position:static}.concerns{grid-template-columns:repeat(2,minmax(0,1fr))}}
@media (max-width:640px){main{padding:10px}.concerns{grid-template-columns:minmax(0,1fr)}dl.facts{grid-template-columns:minmax(0,1fr)}table.inbox th:nth-child(n+6),table.inbox td:nth-child(n+6){display:none}}
@media print{
  header.site,.skip,.no-print,aside,.notice{display:none!important}
  body{background:#fff;font-size:10.5pt}
  main{max-width:none;padding:0}
  .layout{display:block}
  .card{border:none;padding:0;margin-bottom:8px}
  .form-sheet section{break-inside:avoid}
  .concerns{grid-template-columns:repeat(4,minmax(0,1fr))}
  a{color:inherit;text-decoration:none}
  .badge,.chip{border:1px solid #000;background:none!important;color:#000!important}
}
`;

// Reloads the inbox's live region when the server says something changed; announces it politely.
export const CONSOLE_JS = `"use strict";
(function () {
  var live = document.getElementById("inbox-live");
  if (!live || !window.fetch || !window.DOMParser) return;
  var url = live.getAttribute("data-version-url");
  var every = Number(live.getAttribute("data-poll-ms")) || 5000;
  var status = document.getElementById("inbox-updated");
  function schedule() { setTimeout(poll, every); }
  function poll() {
    fetch(url, { credentials: "same-origin", cache: "no-store", headers: { accept: "application/json" } })
      .then(function (r) {
        if (r.status === 401) { window.location.reload(); return null; }
        return r.ok ? r.json() : null;
      })
      .then(function (j) {
        if (!j || j.version === live.getAttribute("data-version")) return null;
        return fetch(window.location.href, { credentials: "same-origin", cache: "no-store", headers: { "x-console-refresh": "1" } }).then(function (p) { return p.ok ? p.text() : null; });
      })
      .then(function (text) {
        if (!text) return;
        var doc = new DOMParser().parseFromString(text, "text/html");
        var fresh = doc.getElementById("inbox-live");
        if (!fresh) return;
        live.replaceChildren.apply(live, Array.prototype.map.call(fresh.childNodes, function (n) { return document.importNode(n, true); }));
        live.setAttribute("data-version", fresh.getAttribute("data-version") || "");
        if (status) status.textContent = live.getAttribute("data-updated-text") || "";
      })
      .catch(function () {})
      .then(schedule);
  }
  schedule();
})();
`;
