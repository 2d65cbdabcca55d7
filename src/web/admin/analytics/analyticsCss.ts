// The analytics page's own styles: each chart beside its table on a wide screen, one under the
// other on a narrow one; on paper no form, no links, and no chart or table split across pages.
export const ANALYTICS_CSS = `.analytics-group{margin-top:24px}
.analytics-table{margin:16px 0 24px}
.analytics-pair{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}
.analytics-pair figure.chart{margin:0;flex:0 1 auto;max-width:100%;overflow-x:auto}
.analytics-pair figure.chart svg{max-width:100%;height:auto}
.analytics-pair .table-wrap{flex:1 1 320px}
table.analytics{border-collapse:collapse;min-width:280px}
table.analytics th,table.analytics td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
table.analytics td.num{text-align:right;font-variant-numeric:tabular-nums}
table.analytics tfoot th,table.analytics tfoot td{font-weight:bold;border-top:2px solid var(--line)}
.analytics-filter label{margin-right:4px}
.analytics-filter select,.analytics-filter input{margin-right:12px}
@media print{
  .analytics-filter,.csv-link{display:none!important}
  .analytics-table{break-inside:avoid;page-break-inside:avoid}
  .analytics-group h2{break-after:avoid;page-break-after:avoid}
  .analytics-pair{display:block}
  .analytics-pair figure.chart svg{max-width:16cm}
  table.analytics th,table.analytics td{border-bottom:1px solid #000}
}
`;
