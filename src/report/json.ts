/**
 * JSON output (docs/json.md). Money is a number rounded to the cent, `_pct` values are percents
 * (4 decimals), areas to the hundredth of m². Keys are snake_case like the input file.
 */
import { lineAssumptionLabel } from './line-words';
import { profileJson } from './profile';
import type { Dec } from '../domain/money';
import type { Evaluation, MetricDef } from '../engine/evaluate';
import { jsonNum, type Lang } from './format';
import { diagnosticJson } from './diagnostics';
import { JSON_SCHEMA_VERSION, TOOL_NAME, TOOL_VERSION } from '../version';
import { synthesisJson } from './synthesis';
import { assumptionLabel, assumptionSource, costLineBasis, costLineLabel, loanLabel, sourceLabel } from './words';

const DP: Record<string, number> = { eur: 2, pct: 4, m2: 2, eur_per_m2_su_month: 4, ratio: 6, eur_per_m2_shab: 4 };

/** Decimals a metric of this unit is published with (JSON, and what assertions compare). */
export function publishedDp(unit: string): number {
  return DP[unit] ?? 4;
}

export function metricJson(m: MetricDef): number | boolean | null {
  const v = m.value;
  if (v === null || typeof v === 'boolean' || typeof v === 'number') return v;
  return jsonNum(v, DP[m.unit] ?? 4);
}

export function metricsJson(metrics: Map<string, MetricDef>): Record<string, number | boolean | null> {
  const out: Record<string, number | boolean | null> = {};
  for (const [k, m] of metrics) out[k] = metricJson(m);
  return out;
}

const eur = (d: Dec) => jsonNum(d, 2);
const m2 = (d: Dec) => jsonNum(d, 2);

export interface JsonExtra {
  [section: string]: unknown;
}

/** `lead`: keys between `parameters` and `metrics` — by default the synthesis (built first: it adds its lever metrics). */
export function reportJson(ev: Evaluation, lang: Lang, extra: JsonExtra = {}, lead: JsonExtra = { synthesis: synthesisJson(ev) }): Record<string, unknown> {
  const { model, surfaces, cost, financing } = ev;
  const lotId = (i: number) => model.lots[i]!.id;
  return {
    schema_version: JSON_SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    file: model.file,
    operation: { name: model.name, commune: model.input.operation.commune ?? null, zone_abc: model.zoneAbc, zone_hlm: model.zoneHlm, ile_de_france: model.ileDeFrance },
    parameters: { year_requested: model.requestedYear, year: model.paramYear, vintage: model.vintage },
    ...lead,
    metrics: metricsJson(ev.metrics),
    surfaces: {
      dwellings: surfaces.dwellings, shab_m2: m2(surfaces.shabM2), su_m2: m2(surfaces.suM2), sp_m2: m2(surfaces.spM2),
      annexes_m2: m2(surfaces.annexesM2), common_spaces_m2: m2(surfaces.commonSpacesM2),
      lots: model.lots.map((l) => ({ id: l.id, label: l.label, tenure: l.tenure, kind: l.info.kind, dwellings: l.dwellings, shab_m2: m2(l.shabM2), annexes_m2: m2(l.annexesM2), su_m2: m2(l.suM2), su_regulatory_m2: m2(l.suRegulatoryM2), su_regime: l.info.suRegime })),
    },
    cost_price: {
      total_ht_eur: eur(cost.totalHtEur), vat_eur: eur(cost.totalVatEur), total_ttc_eur: eur(cost.totalTtcEur),
      chapters: Object.fromEntries(Object.entries(cost.byChapterHtEur).map(([k, v]) => [k, eur(v)])),
      lines: cost.lines.map((l) => ({
        id: l.id, chapter: l.chapter, label: costLineLabel(l, lang), basis: costLineBasis(l, lang),
        amount_ht_eur: eur(l.amountHtEur), per_lot_ht_eur: Object.fromEntries(l.perLotHtEur.map((v, i) => [lotId(i), eur(v)])),
        // VAT per line (docs/cost-price.md), only when the file gives some line its own rate
        ...(cost.vatByLine ? {
          vat_pct: l.vatRate !== undefined ? jsonNum(l.vatRate.times(100), 4) : null, vat_eur: eur(l.vatEur!), amount_ttc_eur: eur(l.amountHtEur.plus(l.vatEur!)),
          per_lot_vat_eur: Object.fromEntries(l.perLotVatEur!.map((v, i) => [lotId(i), eur(v)])),
        } : {}),
      })),
      lots: cost.perLot.map((p, i) => ({
        id: lotId(i), vat_pct: jsonNum(model.lots[i]!.vatRate.times(100), 4), total_ht_eur: eur(p.htEur), vat_eur: eur(p.vatEur), total_ttc_eur: eur(p.ttcEur), land_ttc_eur: eur(p.landTtcEur),
        per_dwelling_ttc_eur: eur(p.perDwellingTtcEur), per_m2_shab_ttc_eur: eur(p.perM2ShabTtcEur), per_m2_su_ttc_eur: eur(p.perM2SuTtcEur),
        chapters_ht_eur: Object.fromEntries(Object.entries(p.byChapterHtEur).map(([k, v]) => [k, eur(v)])),
      })),
    },
    financing: {
      total_eur: eur(financing.totalEur), subsidies_eur: eur(financing.subsidiesEur), equity_eur: eur(financing.equityEur), ...(financing.advancesEur.isZero() ? {} : { equity_advances_eur: eur(financing.advancesEur) }), loans_eur: eur(financing.loansEur), cdc_loans_eur: eur(financing.cdcLoansEur),
      lots: financing.rental.map((f) => ({
        id: lotId(f.lotIndex), uses_eur: eur(f.usesEur), subsidies_eur: eur(f.subsidiesEur), equity_eur: eur(f.equityEur), ...(f.advances.length ? { equity_advances_eur: eur(f.advancesEur) } : {}), loans_eur: eur(f.loansEur), gap_eur: eur(f.gapEur),
        subsidies: f.subsidies.map((s) => ({ label: sourceLabel(s), amount_eur: eur(s.amountEur) })),
        equity: f.equity.map((s) => ({ label: sourceLabel(s), amount_eur: eur(s.amountEur) })),
        ...(f.advances.length ? { equity_advances: f.advances.map((a) => ({ source: a.name ?? null, amount_eur: eur(a.amountEur), rate_pct: jsonNum(a.rate.times(100), 4), duration_years: a.durationYears, deferral_years: a.deferralYears })) } : {}),
        loans: f.loans.map((l) => ({ id: l.id, label: loanLabel(l), lender: l.lender, product: l.product, line: l.line, cdc: l.isCdc, default: l.isDefault, amount_eur: eur(l.amountEur) })),
      })),
      sale_lots: financing.sale.map((s) => ({ id: lotId(s.lotIndex), cost_ht_eur: eur(s.costHtEur), cost_ttc_eur: eur(s.costTtcEur), subsidies_eur: eur(s.subsidiesEur), to_cover_ht_eur: eur(s.toCoverHtEur) })),
    },
    ...extra,
    ...profileJson(model),
    assumptions: [...model.used.values()].map((u) => ({ key: u.key, value: u.value, unit: u.unit, label: lineAssumptionLabel(u.key, model.input, 'fr') ?? assumptionLabel(u), origin: u.origin, ...(u.profile !== undefined ? { profile: u.profile } : {}), status: u.status, source: assumptionSource(u) })),
    diagnostics: ev.diagnostics.map((d) => diagnosticJson(d, lang)),
  };
}

/**
 * The JSON text of a document, indented by 2. No replacer: JSON.stringify calls a value's toJSON
 * before any replacer, so a replacer never saw a Decimal (decimal.js's toJSON gives its string) and
 * converted nothing; calling it on every value of a report (~10 000) cost about a millisecond.
 */
export function toJsonText(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}
