/** The document, JSON and charts of `equilibre risk` (src/risk/run.ts computes; this presents). */
import { D, type Dec } from '../domain/money';
import type { Evaluation } from '../engine/evaluate';
import { PERCENTILES, riskMetrics, type RiskResult } from '../risk/run';
import { ALL_WITHIN_CEILINGS } from '../risk/ceilings';
import { GENERATOR_NAME, GENERATOR_VERSION } from '../risk/sample';
import { WALK_SUMMARY_YEARS, WALK_YEARS, type Dist, type RiskFactor } from '../risk/spec';
import { JSON_SCHEMA_VERSION, TOOL_NAME, TOOL_VERSION } from '../version';
import type { ChartsBySection } from './charts/spec';
import { translator, type ReportDoc, type Section, type Tr } from './section';
import { fmtEur, fmtNum, fmtPct, jsonNum, type Lang } from './format';

/** A figure's name in words. */
export function figureLabel(name: string, t: Tr): string {
  let m: RegExpExecArray | null;
  if (name === 'operation.balance_eur') return t("Solde de l'opération après péréquation", 'Operation balance after cross-subsidy');
  if (name === 'operation.need_eur') return t('Fonds propres ou subvention nécessaires (déficit)', 'Equity or subsidy needed (shortfall)');
  if (name === 'rental.min_cumulative_cash_flow_eur') return t('Compte locatif: cumul le plus bas', 'Rental account: lowest cumulative');
  if ((m = /^rental\.([^.]+)\.min_cumulative_cash_flow_eur$/.exec(name))) return t(`Lot ${m[1]}: cumul locatif le plus bas`, `Lot ${m[1]}: lowest rental cumulative`);
  if ((m = /^brs\.([^.]+)\.ofs_min_cumulative_eur$/.exec(name))) return t(`OFS du lot ${m[1]}: cumul le plus bas`, `OFS of lot ${m[1]}: lowest cumulative`);
  if ((m = /^owner\.([^.]+)\.balance_eur$/.exec(name))) return t(`Propriétaire ${m[1]}: solde seul`, `Owner ${m[1]}: balance on its own`);
  if ((m = /^ofs\.([^.]+)\.min_cumulative_eur$/.exec(name))) return t(`OFS ${m[1]} (lots consolidés): cumul le plus bas`, `OFS ${m[1]} (lots consolidated): lowest cumulative`);
  if (name === 'sensitivity.max_construction_inflation_pct') return t('Hausse du coût de construction supportable (%)', 'Bearable construction-cost rise (%)');
  return name;
}

/** A boolean metric's question in words. */
export function booleanLabel(name: string, t: Tr): string {
  let m: RegExpExecArray | null;
  if (name === 'operation.balanced') return t("L'opération s'équilibre (solde après péréquation ≥ 0)", 'The operation balances (balance after cross-subsidy ≥ 0)');
  if (name === 'financing.balanced') return t('Plan de financement bouclé', 'Financing plan closed');
  if (name === 'rental.balanced') return t('Compte locatif: test réglementaire respecté (circ. 97-51)', 'Rental account: regulatory test met (circ. 97-51)');
  if ((m = /^rental\.([^.]+)\.balanced$/.exec(name))) return t(`Lot ${m[1]}: test réglementaire respecté (circ. 97-51)`, `Lot ${m[1]}: regulatory test met (circ. 97-51)`);
  if ((m = /^brs\.([^.]+)\.ofs_balanced$/.exec(name))) return t(`OFS du lot ${m[1]}: cumul ≥ 0 sur la durée du prêt Gaïa`, `OFS of lot ${m[1]}: cumulative ≥ 0 over the Gaïa loan`);
  if ((m = /^owner\.([^.]+)\.balanced$/.exec(name))) return t(`Propriétaire ${m[1]}: s’équilibre seul (solde ≥ 0)`, `Owner ${m[1]}: balances on its own (balance ≥ 0)`);
  if ((m = /^ofs\.([^.]+)\.balanced$/.exec(name))) return t(`OFS ${m[1]} (lots consolidés): cumul ≥ 0 sur la durée des prêts Gaïa`, `OFS ${m[1]} (lots consolidated): cumulative ≥ 0 over the Gaïa loans`);
  if ((m = /^sale\.([^.]+)\.within_ceiling$/.exec(name))) return t(`Lot ${m[1]}: prix de vente sous le plafond PSLA/BRS`, `Lot ${m[1]}: sale price under the PSLA/BRS ceiling`);
  if (name === ALL_WITHIN_CEILINGS) return t('Tous les lots PSLA/BRS sous leur plafond de prix', 'Every PSLA/BRS lot under its price ceiling');
  return name;
}

const unitWord = (f: RiskFactor, t: Tr) => (f.unit === '%' ? '%' : f.unit === 'pt' ? t('points', 'points') : t('mois', 'months'));

function distText(f: RiskFactor, t: Tr, lang: Lang): string {
  const n = (v: number) => fmtNum(v, Number.isInteger(v) ? 0 : 2, lang);
  const d: Dist = f.dist;
  if (f.id === 'livret_a') return t(`marche aléatoire: pas annuel normal, écart-type ${n((d as { sd: number }).sd)}`, `random walk: normal yearly step, sd ${n((d as { sd: number }).sd)}`);
  return d.kind === 'normal'
    ? t(`normale, moyenne ${n(d.mean)}, écart-type ${n(d.sd)}`, `normal, mean ${n(d.mean)}, sd ${n(d.sd)}`)
    : t(`triangulaire, min ${n(d.min)}, mode ${n(d.mode)}, max ${n(d.max)}`, `triangular, min ${n(d.min)}, mode ${n(d.mode)}, max ${n(d.max)}`);
}

const valueText = (v: Dec | null, unit: string, lang: Lang) => (v === null ? '—' : unit === 'eur' ? fmtEur(v, lang) : fmtNum(v, 2, lang));

export function riskDoc(file: string, base: Evaluation, r: RiskResult, lang: Lang): ReportDoc {
  const t = translator(lang);
  const sections: Section[] = [];
  const origin = (o: 'file' | 'default') => (o === 'file' ? t('fichier', 'file') : t('défaut', 'default'));
  sections.push({
    id: 'inputs', title: t('Ce qui varie (tirages)', 'What varies (draws)'),
    blocks: [
      {
        kind: 'table',
        headers: [t('Donnée', 'Input'), t('Clé de risk:', 'risk: key'), t('Loi', 'Distribution'), t('Unité', 'Unit'), t('Prise', 'Grip'), t('Origine', 'Origin'), t('Source', 'Source')],
        align: ['l', 'l', 'l', 'l', 'l', 'l', 'l'],
        rows: r.spec.factors.map((f) => [t(f.labelFr, f.labelEn), f.key, distText(f, t, lang), unitWord(f, t), r.grip[f.id] ? t('oui', 'yes') : t('non (rien à faire varier)', 'no (nothing to vary)'), origin(f.origin), t(f.sourceFr, f.sourceEn)]),
      },
      {
        kind: 'text', lines: [
          t(`Livret A: chemin de référence de l'opération plus une marche aléatoire (somme des pas annuels, sur ${WALK_YEARS} ans), jamais sous le plancher de ${fmtPct(D(r.spec.livretAFloorPct), lang, 2)} (${origin(r.spec.livretAFloorOrigin)}; [LA-HIST] plancher de la formule); dans le classement ci-dessous, son décalage moyen sur ${WALK_SUMMARY_YEARS} ans.`,
            `Livret A: the operation's reference path plus a random walk (sum of the yearly steps, over ${WALK_YEARS} years), never below the floor of ${fmtPct(D(r.spec.livretAFloorPct), lang, 2)} (${origin(r.spec.livretAFloorOrigin)}; [LA-HIST] floor of the formula); in the ranking below, its mean shift over ${WALK_SUMMARY_YEARS} years.`),
          t(`Corrélation coût de construction ↔ Livret A: ${fmtNum(r.spec.correlation, 2, lang)} (${origin(r.spec.correlationOrigin)}), par copule gaussienne sur le premier pas du Livret A.`, `Construction cost ↔ Livret A correlation: ${fmtNum(r.spec.correlation, 2, lang)} (${origin(r.spec.correlationOrigin)}), by a Gaussian copula on the Livret A's first step.`),
          t(`Retard des travaux: la révision de prix court d'autant plus longtemps, au taux de \`price_revision\`, sur le BT01 (milieu de chantier déplacé), ou sans révision au fichier à la projection du BT01 (+1,4 %/an, [INSEE-BT01]).`, `Works delay: the price revision runs that much longer, at \`price_revision\`'s rate, on the BT01 (midpoint moved), or without revision in the file at the BT01's projection (+1.4%/yr, [INSEE-BT01]).`),
          t(`Générateur: ${GENERATOR_NAME} (pure-rand ${GENERATOR_VERSION}), graine ${r.seed}, ${fmtNum(r.draws, 0, lang)} tirages${r.failed ? `, dont ${fmtNum(r.failed, 0, lang)} non évaluables (écartés)` : ''}. Tirages calculés ${r.sampling === 'plan' ? 'sur le plan compilé de l’opération (virgule flottante, au centime du moteur exact)' : 'par le moteur exact'}. Même fichier, même graine, même version: mêmes chiffres.`,
            `Generator: ${GENERATOR_NAME} (pure-rand ${GENERATOR_VERSION}), seed ${r.seed}, ${fmtNum(r.draws, 0, lang)} draws${r.failed ? `, of which ${fmtNum(r.failed, 0, lang)} could not be evaluated (left out)` : ''}. Draws computed ${r.sampling === 'plan' ? 'on the operation’s compiled plan (floating point, to the cent of the exact engine)' : 'by the exact engine'}. Same file, seed and version: same figures.`),
        ],
      },
    ],
  });
  sections.push({
    id: 'figures', title: t('Distribution des résultats', 'Distribution of the results'),
    blocks: [
      {
        kind: 'table',
        headers: [t('Résultat', 'Result'), ...PERCENTILES.map((k) => `P${k}`), t('Moyenne', 'Mean')],
        align: ['l', ...PERCENTILES.map(() => 'r' as const), 'r'],
        rows: r.figures.map((f) => [figureLabel(f.def.name, t), ...PERCENTILES.map((k) => valueText(f.percentiles[k], f.def.unit, lang)), valueText(f.mean === null ? null : D(f.mean), f.def.unit, lang)]),
      },
      {
        kind: 'text', lines: [
          t(`Centiles au rang le plus proche: chacun est le résultat d'un tirage${r.exactPercentiles ? ', réévalué exactement (--exact-percentiles)' : " tel qu'il a été calculé (au centime; --exact-percentiles le réévalue par le moteur exact)"}; moyennes des tirages en virgule flottante. Solde de référence (sans tirage): ${fmtEur(base.operation.balanceEur, lang)}.`,
            `Nearest-rank percentiles: each is one draw's result${r.exactPercentiles ? ', evaluated again exactly (--exact-percentiles)' : ' as it was computed (to the cent; --exact-percentiles evaluates it again on the exact engine)'}; means of the draws in floating point. Reference balance (no draw): ${fmtEur(base.operation.balanceEur, lang)}.`),
          t('Hausse supportable: la variation du coût de construction (par rapport au coût du fichier) qui annule le solde du tirage, cherchée de −50 % à +100 % (— au-delà) à 0,001 point près en virgule flottante.', 'Bearable rise: the construction-cost change (against the file\'s cost) that brings the draw\'s balance to zero, searched from −50% to +100% (— beyond) to 0.001 point in floating point.'),
        ],
      },
    ],
  });
  sections.push({
    id: 'probabilities', title: t('Probabilités', 'Probabilities'),
    blocks: [{
      kind: 'table', headers: [t('Question', 'Question'), t('Probabilité', 'Probability')], align: ['l', 'r'],
      rows: r.probabilities.map((p) => [booleanLabel(p.name, t), fmtPct(p.pct, lang, 1)]),
    }, ...(r.probabilities.some((p) => p.name === ALL_WITHIN_CEILINGS) ? [{
      kind: 'text' as const, lines: [t(
        'Prix sous plafond: le prix HT par m² SU du contrat de chaque tirage contre le plafond PSLA/BRS de la zone (arrêté du 26 mars 2004, art. 3). Un prix donné au fichier suit le tirage des prix de vente; un prix calculé par la marge cible est celui qui la tient aux coûts du tirage (construction, retard, Livret A et vacance du portage PSLA).',
        'Price under the ceiling: each draw\'s contract price excl. VAT per m² SU against the zone\'s PSLA/BRS ceiling (arrêté of 26 March 2004, art. 3). A price given in the file follows the sale-price draw; a price derived from the target margin is the one that holds it at the draw\'s costs (construction, delay, Livret A and vacancy of the PSLA carrying).'),
        // an embedded ceiling we could not verify (docs/sources.md), as the report's sales section says
        ...((base.sales?.lots ?? []).some((l) => l.ceilingUnverified) ? [t(
          `Plafond ${base.model.paramYear} non vérifié (paramètre psla.price_ceiling.${base.model.zoneAbcKey}, docs/sources.md): ces probabilités en dépendent; donner la valeur en vigueur sous \`parameters:\`.`,
          `Ceiling ${base.model.paramYear} unverified (parameter psla.price_ceiling.${base.model.zoneAbcKey}, docs/sources.md): these probabilities depend on it; give the value in force under \`parameters:\`.`)] : [])],
    }] : [])],
  });
  const top = r.drivers.find((d) => d.rho !== null);
  const label = (id: string) => { const f = r.spec.factors.find((x) => x.id === id)!; return t(f.labelFr, f.labelEn); };
  sections.push({
    id: 'drivers', title: t("Ce qui pèse le plus sur l'équilibre", 'What drives the balance most'),
    blocks: [
      { kind: 'table', headers: [t('Donnée', 'Input'), t('Corrélation de rang (Spearman) avec le solde', 'Rank correlation (Spearman) with the balance')], align: ['l', 'r'],
        rows: r.drivers.map((d) => [label(d.id), d.rho === null ? (r.grip[d.id] ? t('ne varie pas', 'does not vary') : t('sans prise', 'no grip')) : fmtNum(d.rho, 2, lang)]) },
      { kind: 'text', lines: [top ? t(`La donnée qui explique le plus la dispersion du solde: ${label(top.id)} (ρ = ${fmtNum(top.rho!, 2, lang)}).`, `The input that drives the spread of the balance most: ${label(top.id)} (ρ = ${fmtNum(top.rho!, 2, lang)}).`) : t('Aucune donnée ne varie.', 'No input varies.')] },
    ],
  });
  sections.push({ id: 'histogram', title: t("Histogramme du solde de l'opération", 'Histogram of the operation balance'), blocks: [{ kind: 'text', lines: histogramLines(r, lang) }] });
  return {
    title: `${t('Risque', 'Risk')} — ${base.model.name}`,
    subtitle: [`${file} · ${t('probabilité que l’opération s’équilibre', 'probability that the operation balances')} ${fmtPct(r.probabilities.find((p) => p.name === 'operation.balanced')?.pct ?? D(0), lang, 1)} · ${t('graine', 'seed')} ${r.seed} · ${fmtNum(r.draws, 0, lang)} ${t('tirages', 'draws')}`,
      `${t('Paramètres', 'Parameters')} ${base.model.paramYear} (${t('millésime', 'vintage')} ${base.model.vintage}) · ${TOOL_NAME} ${TOOL_VERSION}`],
    sections,
  };
}

/** The histogram as text: one line a bin, « from … to » in k€, a bar of █ to scale and the count. */
export function histogramLines(r: RiskResult, lang: Lang): string[] {
  const h = r.histogram;
  const max = Math.max(1, ...h.counts);
  const k = (v: number) => fmtNum(D(v).div(1000), 0, lang);
  const BAR = 30;
  const lines = h.counts.map((c, i) => {
    const a = h.fromEur + i * h.widthEur, b = a + h.widthEur;
    const bar = '█'.repeat(Math.round((BAR * c) / max));
    return `${k(a).padStart(8, '\u00a0')} … ${k(b).padStart(8, '\u00a0')} k€ ${bar}${bar ? '\u00a0' : ''}${c}`;
  });
  return [lang === 'fr' ? 'Solde (k€), tirages par classe:' : 'Balance (k€), draws per bin:', ...lines];
}

export function riskJson(file: string, base: Evaluation, r: RiskResult): Record<string, unknown> {
  const n = (d: Dec | null, dp = 2) => (d === null ? null : jsonNum(d, dp));
  return {
    schema_version: JSON_SCHEMA_VERSION, tool: { name: TOOL_NAME, version: TOOL_VERSION }, file,
    parameters: { year: base.model.paramYear, vintage: base.model.vintage },
    generator: { name: GENERATOR_NAME, package: 'pure-rand', version: GENERATOR_VERSION },
    seed: r.seed, draws: r.draws, failed_draws: r.failed, sampling: r.sampling, exact_percentiles: r.exactPercentiles,
    inputs: r.spec.factors.map((f) => ({
      input: f.id, key: `risk.${f.key}`, unit: f.unit, grip: r.grip[f.id], origin: f.origin, source: f.sourceFr,
      distribution: f.id === 'livret_a' ? { kind: 'random_walk', step: f.dist } : f.dist,
    })),
    livret_a_floor_pct: r.spec.livretAFloorPct,
    construction_livret_a_correlation: r.spec.correlation,
    base: { balance_eur: n(base.operation.balanceEur), balanced: base.operation.balanced },
    // the lots whose price is tested against a ceiling (src/risk/ceilings.ts), as written
    ceilings: (base.sales?.lots ?? []).filter((l) => l.ceilingHtPerM2Su !== null).map((l) => ({
      lot: base.model.lots[l.lotIndex]!.id, price_origin: l.priceOrigin, price_ht_eur_per_m2_su: n(l.priceHtPerM2Su),
      ceiling_ht_eur_per_m2_su: n(l.ceilingHtPerM2Su), ceiling_unverified: l.ceilingUnverified,
    })),
    metrics: Object.fromEntries(riskMetrics(r).map((m) => [m.name, n(m.value, m.unit === 'pct' ? 4 : 2)])),
    drivers: r.drivers.map((d) => ({ input: d.id, spearman: d.rho === null ? null : Math.round(d.rho * 10000) / 10000 })),
    histogram: { metric: 'operation.balance_eur', from_eur: Math.round(r.histogram.fromEur * 100) / 100, bin_width_eur: Math.round(r.histogram.widthEur * 100) / 100, counts: r.histogram.counts },
  };
}

export function riskCharts(r: RiskResult, lang: Lang): ChartsBySection {
  const t = translator(lang);
  const h = r.histogram;
  const k = (v: number) => fmtNum(D(v).div(1000), 0, lang);
  const cats = h.counts.map((_, i) => `${k(h.fromEur + i * h.widthEur)} … ${k(h.fromEur + (i + 1) * h.widthEur)}`);
  return {
    histogram: [{
      kind: 'bar', id: 'risk-histogram',
      title: t("Distribution du solde de l'opération après péréquation", 'Distribution of the operation balance after cross-subsidy'),
      xName: t('Solde (k€)', 'Balance (k€)'), yName: t('Tirages', 'Draws'),
      summary: t(`${fmtNum(r.draws, 0, lang)} tirages, graine ${r.seed}: nombre de tirages par classe de solde.`, `${fmtNum(r.draws, 0, lang)} draws, seed ${r.seed}: draws per balance bin.`),
      categories: cats,
      series: [{ name: t('Tirages', 'Draws'), values: h.counts }],
      table: { headers: [t('Solde (k€)', 'Balance (k€)'), t('Tirages', 'Draws')], rows: cats.map((c, i) => [c, fmtNum(h.counts[i]!, 0, lang)]) },
    }],
  };
}
