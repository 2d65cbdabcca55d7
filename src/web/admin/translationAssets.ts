// The translations page's stylesheet and its one small script (served from /staff/admin/assets:
// the Content-Security-Policy forbids inline ones). The script only adds to forms that work
// without it: each text is checked while typing through POST /staff/admin/translations/check
// (the rules stay on the server, in one place), and a chosen file is read into the import field.

export const TRANSLATIONS_CSS = `
table.translations td{min-width:12em;max-width:30em;white-space:pre-wrap;word-break:break-word}
table.translations th[scope=row]{white-space:nowrap;font-weight:400}
table.translations td[data-state=missing]{background:#fff6f6}
table.translations td[data-state=outdated]{background:#fffaeb}
.state-missing{background:var(--danger-bg);color:var(--danger);border-color:#f1a7b0}
.state-outdated{background:var(--warn-bg);color:var(--warn);border-color:#e8c27a}
.cell-edit{display:block;font-size:.85rem;margin-top:2px}
.cell-form textarea{min-height:3em}
.cell-problems{margin:2px 0 4px;padding-left:1.2em;color:var(--danger);font-size:.9rem;white-space:normal}
.cell-problems:empty{display:none}
.import-problems{color:var(--danger);max-height:20em;overflow-y:auto}
`;

export const TRANSLATIONS_JS = `"use strict";
(function () {
  if (!window.fetch || !window.URLSearchParams) return;
  function check(area) {
    var form = area.form;
    var list = document.getElementById(area.getAttribute("aria-describedby"));
    if (!form || !list) return;
    var body = new URLSearchParams();
    ["_csrf", "ns", "key", "target"].forEach(function (n) { body.append(n, form.elements[n].value); });
    body.append("text", area.value);
    fetch(area.getAttribute("data-check-url"), { method: "POST", credentials: "same-origin", headers: { accept: "application/json" }, body: body })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (j) {
        if (!j) return;
        list.replaceChildren.apply(list, j.problems.map(function (p) {
          var li = document.createElement("li");
          li.setAttribute("data-problem", p.code);
          li.textContent = p.text;
          return li;
        }));
        if (j.problems.length > 0) area.setAttribute("aria-invalid", "true"); else area.removeAttribute("aria-invalid");
      })
      .catch(function () {});
  }
  var timers = new WeakMap();
  document.addEventListener("input", function (e) {
    var area = e.target;
    if (!area || !area.getAttribute || !area.getAttribute("data-check-url")) return;
    clearTimeout(timers.get(area));
    timers.set(area, setTimeout(function () { check(area); }, 300));
  });
  var file = document.getElementById("import-file");
  var text = document.getElementById("import-text");
  if (file && text && window.FileReader) {
    file.hidden = false;
    file.addEventListener("change", function () {
      var f = file.files && file.files[0];
      if (!f) return;
      var reader = new FileReader();
      reader.onload = function () { text.value = String(reader.result || ""); };
      reader.readAsText(f, "utf-8");
    });
  }
})();
`;
