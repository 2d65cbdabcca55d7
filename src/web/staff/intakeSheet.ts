// The intake laid out like the national 相談受付・申込票 (自立相談支援機関 standard form): the 16
// concerns with ◎ on the main one and ✓ on the others named, the person, the household table,
// housing, income, isolation (UCLA-3), safety, the resident's own words, then what triage found.
import type { Intake } from "../../intake/intakeSchema.ts";
import type { FullView } from "../../referrals/referralService.ts";
import type { Triage } from "../../triage/triageSchema.ts";
import type { Ctx } from "./consoleContext.ts";
import { CONCERN_CODES } from "./consoleCodes.ts";
import { reasonWriter } from "../../triage/reasonWriter.ts";
import { formatPhone } from "../../intake/formatPhone.ts";
import { flagChips, formatTime, label, languageName, urgencyBadge, windowName, windowTypeLabel, yen } from "./consoleFormat.ts";
import { html, type SafeHtml } from "./html.ts";

type Fact = [string, SafeHtml | string];

function facts(rows: Fact[]): SafeHtml {
  return html`<dl class="facts">${rows.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>`;
}

export function consentWords(ctx: Ctx, consent: boolean | null | undefined): SafeHtml {
  if (consent === true) return html`<span class="consent-yes" data-consent="yes">${ctx.t("consent.yes")}</span>`;
  if (consent === false) return html`<span class="consent-no" data-consent="no">${ctx.t("consent.no")}</span>`;
  return html`<span class="consent-no" data-consent="unknown">${ctx.t("consent.unknown")}</span>`;
}

export function intakeSheet(ctx: Ctx, view: FullView): SafeHtml {
  const t = ctx.t;
  const intake = view.intake as Intake;
  const triage = view.triage as Triage | undefined;
  const na = t("common.notAnswered");
  const code = (cat: string, v: string | number | boolean | null | undefined): string => (v === null || v === undefined ? na : label(ctx, `codes.${cat}.${String(v)}`, String(v)));
  const codes = (cat: string, vs: readonly (string | number)[]): string => (vs.length === 0 ? t("common.noneOrNotAnswered") : vs.map((v) => code(cat, v)).join(t("common.listSeparator")));
  const yesNo = (b: boolean | null): string => (b === null ? na : t(b ? "common.yes" : "common.no"));
  const areaName = (a: string | null) => (a === null ? na : (ctx.deps.municipality.areas.find((x) => x.code === a)?.name ?? a));

  const flags = new Set(view.flags ?? []);
  const concerns = html`<ul class="concerns" aria-label="${t("sheet.concerns")}">
${CONCERN_CODES.map((c) => {
  const main = intake.mainConcern === c;
  const named = intake.concerns.includes(c);
  const derived = !main && !named && flags.has(c);
  const state = main ? "main" : named ? "named" : derived ? "derived" : "";
  return html`<li class="${state}" data-concern="${c}" data-mark="${state}"><span class="mark" aria-hidden="true">${state ? t(`sheet.symbol.${state}`) : ""}</span><span>${ctx.st(`concerns.${c}`)}${state ? html`<span class="visually-hidden">（${t(`sheet.mark.${state}`)}）</span>` : null}</span></li>`;
})}
</ul>
<p class="muted">${t("sheet.legend")}</p>`;

  const person = intake.person;
  const householdRows = [
    html`<tr><th scope="row">${t("sheet.self")}</th><td>${code("ageBand", person.ageBand)}</td><td>${codes("condition", person.conditions)}</td></tr>`,
    ...intake.household.members.map(
      (m) => html`<tr><th scope="row">${code("relation", m.relation)}</th><td>${code("ageBand", m.ageBand)}</td><td>${codes("condition", m.conditions)}</td></tr>`,
    ),
  ];
  const household = html`<div class="table-wrap"><table>
  <thead><tr><th scope="col">${t("sheet.relation")}</th><th scope="col">${t("sheet.age")}</th><th scope="col">${t("sheet.conditions")}</th></tr></thead>
  <tbody>${householdRows}</tbody>
</table></div>
<p class="muted">${intake.household.members.length === 0 ? t("sheet.livesAlone") : t("sheet.householdSize", { count: intake.household.members.length + 1 })}</p>`;

  const ucla = intake.isolation.ucla3;
  const answered: number[] = [];
  for (const v of ucla ?? []) if (v !== null) answered.push(v);
  const mean = answered.length > 0 ? (answered.reduce((a, b) => a + b, 0) / answered.length).toFixed(1) : null;
  const uclaRows: Fact[] = [0, 1, 2].map((i) => [t(`sheet.ucla.${i}`), code("ucla", ucla ? (ucla[i] ?? null) : null)]);

  const windows = view.windows;
  const reasons = triage?.reasons ?? [];
  return html`<div class="form-sheet">
<section aria-labelledby="s-reception"><h2 id="s-reception">${t("sheet.reception")}</h2>
${facts([
  [t("sheet.reference"), html`<span class="ref">${view.referenceNo}</span>`],
  [t("sheet.received"), formatTime(view.createdAt)],
  [t("sheet.route"), t("sheet.routeLine")],
  [t("sheet.language"), languageName(ctx, view.language)],
  [t("sheet.respondent"), code("respondent", intake.respondent)],
  [t("sheet.area"), areaName(intake.area)],
  [t("sheet.name"), intake.contact.name ?? na],
  [t("sheet.phone"), intake.contact.phone ? formatPhone(intake.contact.phone) : na],
  [t("sheet.contactBy"), code("contactBy", intake.consent.contactBy)],
  [t("sheet.consent"), html`${consentWords(ctx, intake.consent.shareWithRelatedWindows)}${intake.consent.at ? html` <span class="muted">(${formatTime(intake.consent.at)})</span>` : null}`],
])}
</section>
<section aria-labelledby="s-concerns"><h2 id="s-concerns">${t("sheet.concerns")}</h2>${concerns}</section>
<section aria-labelledby="s-person"><h2 id="s-person">${t("sheet.person")}</h2>
${facts([
  [t("sheet.age"), code("ageBand", person.ageBand)],
  [t("sheet.foreignNational"), yesNo(person.foreignNational)],
  [t("sheet.japaneseLevel"), code("japaneseLevel", person.japaneseLevel)],
  [t("sheet.work"), code("work", person.work)],
  [t("sheet.lostJob"), yesNo(person.lostJobWithin2Years)],
  [t("sheet.incomeDropped"), yesNo(person.incomeDropped)],
  [t("sheet.conditions"), codes("condition", person.conditions)],
])}
</section>
<section aria-labelledby="s-household"><h2 id="s-household">${t("sheet.household")}</h2>${household}</section>
<section aria-labelledby="s-housing"><h2 id="s-housing">${t("sheet.housing")}</h2>
${facts([
  [t("sheet.tenure"), code("tenure", intake.housing.tenure)],
  [t("sheet.housingRisks"), codes("housingRisk", intake.housing.risks)],
  [t("sheet.mustLeave"), intake.housing.mustLeaveWithinDays === null ? na : t("sheet.days", { count: intake.housing.mustLeaveWithinDays })],
  [t("sheet.rent"), yen(ctx, intake.housing.monthlyRent)],
])}
</section>
<section aria-labelledby="s-income"><h2 id="s-income">${t("sheet.income")}</h2>
${facts([
  [t("sheet.monthlyIncome"), yen(ctx, intake.income.monthlyHouseholdIncome)],
  [t("sheet.incomeSources"), codes("incomeSource", intake.income.sources)],
  [t("sheet.savings"), code("savings", intake.income.savings)],
  [t("sheet.arrears"), codes("arrears", intake.income.arrears)],
  [t("sheet.debt"), yesNo(intake.income.debt)],
  [t("sheet.food"), code("food", intake.income.food)],
])}
</section>
<section aria-labelledby="s-isolation"><h2 id="s-isolation">${t("sheet.isolation")}</h2>
${facts([...uclaRows, [t("sheet.uclaMean"), mean ?? na], [t("sheet.someoneToConsult"), yesNo(intake.isolation.hasSomeoneToConsult)]])}
</section>
<section aria-labelledby="s-safety"><h2 id="s-safety">${t("sheet.safety")}</h2>
${facts([
  [t("sheet.selfHarm"), code("selfHarm", intake.safety.selfHarm)],
  [t("sheet.violence"), code("violence", intake.safety.violence)],
  [t("sheet.childAtRisk"), yesNo(intake.safety.childAtRisk)],
  [t("sheet.elderAtRisk"), yesNo(intake.safety.elderOrDisabledAtRisk)],
])}
</section>
<section aria-labelledby="s-words"><h2 id="s-words">${t("sheet.ownWords")}</h2>
<div class="words" data-field="freeText">${intake.freeText ?? na}</div>
</section>
<section aria-labelledby="s-triage"><h2 id="s-triage">${t("sheet.triage")}</h2>
${facts([
  [t("sheet.urgency"), urgencyBadge(ctx, view.urgency)],
  [t("sheet.flags"), flagChips(ctx, view.flags ?? [])],
  [t("sheet.meeting"), triage?.routing.meeting ? t(`meeting.${triage.routing.meeting}`) : t("sheet.noMeeting")],
])}
<h3>${t("sheet.reasons")}</h3>
${reasons.length === 0 ? html`<p class="muted">—</p>` : html`<ul class="reasons">${reasons.map((r) => html`<li data-reason="${r.code}">${reasonWriter(ctx.deps.locales, ctx.lang)(r.code, r.params ?? {})}</li>`)}</ul>`}
</section>
<section aria-labelledby="s-windows"><h2 id="s-windows">${t("sheet.windows")}</h2>
${facts([
  [t("sheet.primary"), html`${windowName(ctx, windows.primary.windowId)} <span class="muted">${windowTypeLabel(ctx, windows.primary.type)}</span>`],
  [
    t("sheet.involved"),
    windows.involved.length === 0
      ? t("common.none")
      : html`<ul>${windows.involved.map((w) => html`<li>${windowName(ctx, w.windowId)} <span class="muted">${windowTypeLabel(ctx, w.type)}</span></li>`)}</ul>`,
  ],
])}
</section>
</div>`;
}
