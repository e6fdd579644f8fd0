/**
 * The synthesis (« Synthèse »), worded: the first section of the report in every format, and the
 * `synthesis` object of the JSON report (docs/json.md). The facts come from src/engine/synthesis.ts;
 * here they become sentences that name the question each answer answers — never a bare
 * « équilibrée ».
 */
import type { Dec } from '../domain/money';
import type { Evaluation } from '../engine/evaluate';
import { buildSynthesis, synthesisMetrics, type NoAnswer, type OwnerFact, type Searched, type Synthesis } from '../engine/synthesis';
import { BREAK_EVEN_METRIC, breakEvenMetric } from '../engine/sensitivity';
import { translator, type Section } from './section';
import { addSensitivityMetrics } from './sensitivity';
import { fmtEur, fmtNum, fmtPct, jsonNum, type Lang } from './format';

const cache = new WeakMap<Evaluation, Synthesis>();

/**
 * The synthesis of an evaluation, built once (its lever metrics are added to `ev.metrics`).
 * `searched`: searches the caller already ran on `ev` (the `sensitivity` command), not run again.
 */
export function synthesisOf(ev: Evaluation, searched: Searched = {}): Synthesis {
  let s = cache.get(ev);
  if (!s) {
    if (searched.breakEven && !ev.metrics.has(BREAK_EVEN_METRIC)) ev.metrics.set(BREAK_EVEN_METRIC, breakEvenMetric(searched.breakEven));
    addSensitivityMetrics(ev); // the break-even metric, which the synthesis reads (searched once)
    s = buildSynthesis(ev, searched);
    cache.set(ev, s);
    for (const [k, m] of synthesisMetrics(s)) ev.metrics.set(k, m);
  }
  return s;
}

/** The ids of the report's sections for `--sections`: French id, English alias, internal id. */
export const SECTION_IDS: readonly { fr: string; en: string; ids: string[]; json: string[] }[] = [
  { fr: 'synthese', en: 'synthesis', ids: ['synthese'], json: ['synthesis'] },
  { fr: 'surfaces', en: 'areas', ids: ['surfaces'], json: ['surfaces'] },
  { fr: 'prix-de-revient', en: 'cost-price', ids: ['cost_price'], json: ['cost_price'] },
  { fr: 'financement', en: 'financing', ids: ['financing'], json: ['financing'] },
  { fr: 'loyers', en: 'rents', ids: ['rents'], json: ['rental'] },
  { fr: 'emprunts', en: 'loans', ids: ['loans'], json: ['rental'] },
  { fr: 'exploitation', en: 'operating-account', ids: ['operating_account'], json: ['rental'] },
  { fr: 'verdict', en: 'rental-test', ids: ['verdict'], json: ['rental'] },
  { fr: 'ventes', en: 'sales', ids: ['sales'], json: ['sales'] },
  { fr: 'equilibre', en: 'balance', ids: ['operation'], json: ['operation_balance'] },
  { fr: 'sensibilite', en: 'sensitivity', ids: ['sensitivity'], json: [] },
  { fr: 'hypotheses', en: 'assumptions', ids: ['assumptions'], json: ['assumptions'] },
  { fr: 'alertes', en: 'warnings', ids: ['diagnostics'], json: ['diagnostics'] },
];

/** Resolve `--sections a,b`: the section entries, or the names that match none. */
export function resolveSections(list: readonly string[]): { ok: typeof SECTION_IDS[number][] } | { unknown: string[] } {
  const norm = (s: string) => s.trim().toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/_/g, '-');
  const out: typeof SECTION_IDS[number][] = [];
  const unknown: string[] = [];
  for (const raw of list) {
    const n = norm(raw);
    if (!n) continue;
    const e = SECTION_IDS.find((x) => x.fr === n || x.en === n);
    if (!e) unknown.push(raw.trim());
    else if (!out.includes(e)) out.push(e);
  }
  return unknown.length ? { unknown } : { ok: out };
}

const TENURE_SHORT: Record<string, [string, string]> = { libre: ['vente libre', 'market sale'], coop: ['coopérative', 'cooperative'] };

/** The synthesis section (first of the report). */
export function synthesisSection(ev: Evaluation, lang: Lang): Section {
  const s = synthesisOf(ev);
  const t = translator(lang);
  const eur = (d: Dec) => fmtEur(d, lang);
  const pc = (d: Dec, dp = 1) => fmtPct(d, lang, dp);
  const signedPct = (d: Dec) => `${d.isNegative() ? '−' : '+'}${pc(d.abs())}`;
  const m2 = (d: Dec) => (lang === 'fr' ? `${fmtNum(d, 0, lang)} €/m²` : `€${fmtNum(d, 0, lang)}/m²`);
  const rent = (d: Dec) => `${fmtNum(d, 2, lang)} €/m² SU/${t('mois', 'month')}`;
  const none = (n: NoAnswer, what: [string, string]): string => ({
    not_needed: t('inutile', 'not needed'),
    no_grip: t(`sans prise (${what[0]})`, `no grip (${what[1]})`),
    unreachable: t(`inatteignable (${what[0]})`, `unreachable (${what[1]})`),
    beyond: t('sans limite pratique', 'no practical limit'),
  })[n];
  const lines: string[] = [];
  const sep = lang === 'fr' ? ' :' : ':';

  // The operation in one line.
  const o = s.operation;
  const tenures = o.byTenure.map((x) => `${x.dwellings} ${TENURE_SHORT[x.tenure] ? t(TENURE_SHORT[x.tenure]![0], TENURE_SHORT[x.tenure]![1]) : x.tenure}`).join(', ');
  // logements-foyers (a résidence sociale's units): said so, all of them or some
  const foyers = o.foyerUnits === 0 ? null : o.foyerUnits === o.dwellings
    ? t(`logement${o.dwellings > 1 ? 's' : ''}-foyer${o.dwellings > 1 ? 's' : ''}`, `foyer unit${o.dwellings > 1 ? 's' : ''}`)
    : null;
  const ofWhich = o.foyerUnits > 0 && !foyers ? t(`, dont ${o.foyerUnits} logement${o.foyerUnits > 1 ? 's' : ''}-foyer${o.foyerUnits > 1 ? 's' : ''}`, `, of which ${o.foyerUnits} foyer unit${o.foyerUnits > 1 ? 's' : ''}`) : '';
  lines.push(t(`Opération : ${o.dwellings} ${foyers ?? `logement${o.dwellings > 1 ? 's' : ''}`} (${tenures}${ofWhich}).`, `Operation: ${o.dwellings} ${foyers ?? `dwelling${o.dwellings > 1 ? 's' : ''}`} (${tenures}${ofWhich}).`));
  lines.push(t(
    `Prix de revient : ${eur(o.costTtcEur)} TTC, soit ${eur(o.perDwellingTtcEur)} par logement et ${m2(o.perM2ShabTtcEur)} SHAB.`,
    `Cost price: ${eur(o.costTtcEur)} incl. VAT, i.e. ${eur(o.perDwellingTtcEur)} per dwelling and ${m2(o.perM2ShabTtcEur)} of living area.`,
  ));

  // Each rental account: the regulatory test.
  if (s.rental) {
    lines.push(t(`Test réglementaire du compte locatif (circ. 97-51 : cumul ≥ 0 sur la durée du prêt principal ;\n  « il manque » : la subvention ou les fonds propres à ajouter) :`,
      `Regulatory test of the rental account (circ. 97-51, cumulative ≥ 0 over the main loan's life):`));
    for (const a of s.rental.accounts) {
      const who = a.lot === null ? t('ensemble', 'all rental lots') : `${a.lot} (${a.tenure})`;
      const verdict = a.passes ? t('respecté', 'met') : t('non respecté', 'not met');
      const low = t(`au plus bas ${eur(a.minCumulativeEur)} en année ${a.minCumulativeYear}/${a.testYears}`, `lowest ${eur(a.minCumulativeEur)} in year ${a.minCumulativeYear} of ${a.testYears}`);
      const x = a.extraSubsidyOrEquity;
      const need = a.passes ? ''
        : 'eur' in x ? t(` ; il manque ${eur(x.eur)}${a.lot === null ? ' (répartis)' : ''}`, `; it needs ${eur(x.eur)} more subsidy or equity${a.lot === null ? ' (spread)' : ''}`)
          : x.none === 'unreachable' ? t(' ; inatteignable par subvention (les loyers ne couvrent pas les charges)', '; unreachable by subsidy (rents do not cover the charges)') : '';
      lines.push(`  ${who}${sep} ${verdict} — ${low}${need}.`);
    }
  }

  // Each sale lot: price vs market, vs ceiling, margin vs target, and the price that balances the operation.
  if (s.sales.length) {
    lines.push(t(`Ventes — prix TTC/m² SHAB, décote${s.balance.balanced ? '' : ' sous le marché'}, écart au plafond, marge contre cible${s.balance.balanced ? ', plancher (solde nul)' : ''} :`, `Sales — price incl. VAT per m² of living area, discount to market, headroom to the ceiling, margin vs target${s.balance.balanced ? ', floor price (zero balance)' : ''}:`));
    for (const l of s.sales) {
      const parts: string[] = [`${m2(l.priceTtcPerM2Shab)}${l.priceOrigin === 'target_margin' ? t(' (calculé)', ' (derived)') : ''}`];
      if (l.discountVsMarketPct) parts.push(l.discountVsMarketPct.isNegative() ? t(`${pc(l.discountVsMarketPct.abs())} au-dessus du marché`, `${pc(l.discountVsMarketPct.abs())} above market`) : t(`décote ${pc(l.discountVsMarketPct)}`, `${pc(l.discountVsMarketPct)} below market`));
      if (l.headroomVsCeilingPct) parts.push(l.headroomVsCeilingPct.isNegative() ? t(`${pc(l.headroomVsCeilingPct.abs())} au-dessus du plafond`, `${pc(l.headroomVsCeilingPct.abs())} above the ceiling`) : t(`${pc(l.headroomVsCeilingPct)} sous plafond`, `${pc(l.headroomVsCeilingPct)} below the ceiling`));
      const margin = l.marginPct === null ? '—' : pc(l.marginPct);
      parts.push(t(`marge ${margin}, cible ${pc(l.targetMarginPct)} ${l.meetsTarget ? 'atteinte' : 'non atteinte'}`, `margin ${margin}, ${pc(l.targetMarginPct)} target ${l.meetsTarget ? 'met' : 'not met'}`));
      const bp = l.balancingPrice;
      // An operation that balances: its floor price on the lot's line; one that does not: the
      // price that would balance it, with its discount and headroom, on a line of its own.
      if (s.balance.balanced && !('none' in bp)) {
        lines.push(`  ${l.lot} (${l.tenure})${sep} ${parts.join(', ')}${t(' ; plancher', '; floor')} ${m2(bp.priceTtcPerM2Shab)} (${signedPct(bp.changePct)}).`);
        continue;
      }
      lines.push(`  ${l.lot} (${l.tenure})${sep} ${parts.join(', ')}.`);
      if (!('none' in bp)) {
        const extra: string[] = [];
        if (bp.discountVsMarketPct) extra.push(t(`décote ${pc(bp.discountVsMarketPct)}`, `discount ${pc(bp.discountVsMarketPct)}`));
        if (bp.headroomVsCeilingPct) extra.push(bp.headroomVsCeilingPct.isNegative() ? t(`${pc(bp.headroomVsCeilingPct.abs())} au-dessus du plafond`, `${pc(bp.headroomVsCeilingPct.abs())} above the ceiling`) : t(`${pc(bp.headroomVsCeilingPct)} sous le plafond`, `${pc(bp.headroomVsCeilingPct)} below the ceiling`));
        const label = s.balance.balanced ? t("prix plancher de l'opération (solde nul, reste inchangé)", 'floor price of the operation (zero balance, all else fixed)') : t("prix qui équilibre l'opération (reste inchangé)", 'price that balances the operation (all else fixed)');
        lines.push(`    ${label}${sep} ${m2(bp.priceTtcPerM2Shab)} (${signedPct(bp.changePct)})${extra.length ? `, ${extra.join(', ')}` : ''}.`);
      } else if (!s.balance.balanced) {
        lines.push(`    ${t("prix qui équilibre l'opération", 'price that balances the operation')}${sep} ${none(bp.none, ['aucun prix ne suffit', 'no price is enough'])}.`);
      }
    }
  }

  // Each OFS (with owners, an OFS is an owner: its verdict is on the owners' line).
  for (const f of s.owners ? [] : s.ofs) {
    const r = f.balancingRedevanceEurPerM2SuMonth;
    const eq = f.balancingEquity;
    if (f.balanced) {
      lines.push(t(`OFS ${f.lot} — cumul ≥ 0 sur ${f.loanYears} ans (Gaïa) : oui ; redevance ${r ? `${fmtNum(f.redevanceEurPerM2SuMonth, 2, lang)}, plancher ${rent(r)}` : rent(f.redevanceEurPerM2SuMonth)}.`,
        `OFS ${f.lot} — cumulative ≥ 0 over ${f.loanYears} years (Gaïa): yes; redevance ${r ? `${fmtNum(f.redevanceEurPerM2SuMonth, 2, lang)}, floor ${rent(r)}` : rent(f.redevanceEurPerM2SuMonth)}.`));
      continue;
    }
    lines.push(t(`OFS ${f.lot} — cumul ≥ 0 sur ${f.loanYears} ans (prêt Gaïa) : non, au plus bas ${eur(f.minCumulativeEur)} l'année ${f.minCumulativeYear}.`,
      `OFS ${f.lot} — cumulative ≥ 0 over ${f.loanYears} years (Gaïa): no, lowest ${eur(f.minCumulativeEur)} in year ${f.minCumulativeYear}.`));
    const redev = r ? t(`redevance ${rent(r)} au lieu de ${fmtNum(f.redevanceEurPerM2SuMonth, 2, lang)}`, `redevance ${rent(r)} instead of ${fmtNum(f.redevanceEurPerM2SuMonth, 2, lang)}`) : t('redevance sans prise', 'redevance: no grip');
    const equity = 'none' in eq
      ? t("fonds propres de l'OFS inatteignables (même sans prêt, la redevance ne couvre pas la gestion)", 'OFS equity unreachable (even without a loan the redevance does not cover management)')
      : t(`ou fonds propres de l'OFS de ${eur(eq.equityEur)}${f.equityEur.isZero() ? '' : ` (+${eur(eq.extraEur)})`}`, `or OFS equity of ${eur(eq.equityEur)}${f.equityEur.isZero() ? '' : ` (+${eur(eq.extraEur)})`}`);
    lines.push(`  ${t("Pour l'équilibrer", 'To balance it')}${sep} ${redev}${t(' ; ', '; ')}${equity}.`);
  }

  // The operation after péréquation, and its condition.
  const b = s.balance;
  const ids = (xs: { id: string }[]) => xs.map((x) => x.id.replace(/^ofs:/, t('OFS ', 'OFS '))).join(', ');
  const amount = b.balanced ? t(`excédent de ${eur(b.balanceEur)}`, `surplus of ${eur(b.balanceEur)}`) : t(`déficit de ${eur(b.balanceEur.abs())}`, `shortfall of ${eur(b.balanceEur.abs())}`);
  const needWords = (xs: typeof b.takers) => {
    const rentals = xs.filter((x) => x.kind === 'rental'), ofs = xs.filter((x) => x.kind === 'ofs'), loss = xs.filter((x) => x.kind === 'sale');
    const parts: string[] = [];
    if (rentals.length) parts.push(t(`le besoin du compte locatif (${ids(rentals)})`, `the need of the rental account (${ids(rentals)})`));
    if (ofs.length) parts.push(t(`le besoin de l'OFS (${ofs.map((x) => x.id.replace(/^ofs:/, '')).join(', ')})`, `the need of the OFS (${ofs.map((x) => x.id.replace(/^ofs:/, '')).join(', ')})`));
    if (loss.length) parts.push(t(`la perte des ventes (${ids(loss)})`, `the loss of the sales (${ids(loss)})`));
    return parts.join(t(' et ', ' and '));
  };
  const cond = b.condition === 'no_transfer'
    ? t(' — sans péréquation : chaque compte tient seul.', ' — no cross-subsidy: each account holds on its own.')
    : b.condition === 'margins_fund_needs'
      ? t(`, à condition que la marge des ventes (${ids(b.givers)}) finance ${needWords(b.takers)}.`, `, provided the sale margin (${ids(b.givers)}) funds ${needWords(b.takers)}.`)
      : b.givers.length
        ? t(` — la marge des ventes (${ids(b.givers)}) ne couvre pas ${needWords(b.takers)}.`, ` — the sale margin (${ids(b.givers)}) does not cover ${needWords(b.takers)}.`)
        : t(` — aucune marge de vente pour financer ${needWords(b.takers)}.`, ` — no sale margin to fund ${needWords(b.takers)}.`);
  if (s.owners) {
    // With owners (docs/owners.md): the condition is between owners, and only what the file declares moves between them.
    lines.push(`${t('Opération après péréquation', 'Operation after cross-subsidy')}${sep} ${amount}${ownerCondition(s.owners, b.balanced, Boolean(ev.model.input.transfers?.length || ev.model.input.owners?.some((o) => o.partners)), lang)}`);
    const yes = (v: boolean) => (v ? t('oui', 'yes') : t('non', 'no'));
    const o = (x: OwnerFact) => `${x.id} ${eur(x.balanceEur)} / ${eur(x.balanceAfterEur)} (${yes(x.balanced)} / ${yes(x.balancedAfter)})`;
    lines.push(`${t('Propriétaires — solde seul / avec les transferts déclarés', 'Owners — balance on its own / with the declared transfers')}${sep} ${s.owners.map(o).join(t(' ; ', '; '))}.`);
  } else {
    lines.push(`${t('Opération après péréquation', 'Operation after cross-subsidy')}${sep} ${amount}${cond.startsWith(',') ? ',' : ''}`);
    lines[lines.length - 1] += cond.startsWith(',') ? ` ${cond.slice(2)}` : cond;
  }

  // Construction cost and land charge: what the operation can bear, or what it would take.
  const c = s.construction;
  if (c.status === 'found' && c.maxInflationPct && !c.maxInflationPct.isNegative()) {
    lines.push(t(`Coût de construction : l'opération supporte une hausse jusqu'à ${pc(c.maxInflationPct, 2)} (au-delà, solde négatif).`, `Construction cost: the operation bears a rise of up to ${pc(c.maxInflationPct, 2)} (beyond it, a negative balance).`));
  } else if (c.status === 'found' && c.maxInflationPct) {
    const at = c.balancing ? t(` (${m2(c.balancing.costEurPerM2Shab)} SHAB au lieu de ${m2(c.currentCostEurPerM2Shab)})`, ` (${m2(c.balancing.costEurPerM2Shab)} of living area instead of ${m2(c.currentCostEurPerM2Shab)})`) : '';
    const cut = c.balancing ? c.balancing.changePct.abs() : c.maxInflationPct.abs();
    lines.push(t(`Coût de construction : il faudrait une baisse de ${pc(cut)} du coût de construction${at} pour un solde nul.`, `Construction cost: it would take a ${pc(cut)} cut of the construction cost${at} for a zero balance.`));
  } else if (c.status === 'beyond') {
    lines.push(t(`Coût de construction : l'opération supporte plus de +${c.rangePct[1]} % (plage explorée).`, `Construction cost: the operation bears more than +${c.rangePct[1]}% (explored range).`));
  } else {
    lines.push(t(`Coût de construction : sans prise suffisante — même réduit de ${-c.rangePct[0]} %, le solde après péréquation reste négatif.`, `Construction cost: not enough grip — even ${-c.rangePct[0]}% lower, the balance after cross-subsidy stays negative.`));
  }
  const land = s.bearableLand;
  lines.push('eur' in land
    ? t(`Charge foncière supportable (solde nul) : ${eur(land.eur)} HT, contre ${eur(land.currentEur)} aujourd'hui.`, `Bearable land charge (zero balance): ${eur(land.eur)} excl. VAT, vs ${eur(land.currentEur)} today.`)
    : land.none === 'beyond'
      ? t('Charge foncière supportable : sans limite pratique.', 'Bearable land charge: no practical limit.')
      : t('Charge foncière supportable : aucune — même avec un terrain gratuit, le solde après péréquation reste négatif.', 'Bearable land charge: none — even with free land the balance after cross-subsidy stays negative.'));

  // Alerts.
  const al = s.alerts;
  if (al.errors + al.warnings === 0) lines.push(t('Alertes : aucune.', 'Warnings: none.'));
  else {
    const codes = al.codes.map((x) => (x.count > 1 ? `${x.code} ×${x.count}` : x.code)).join(', ');
    const counts = [al.errors ? t(`${al.errors} erreur${al.errors > 1 ? 's' : ''}`, `${al.errors} error${al.errors > 1 ? 's' : ''}`) : '', al.warnings ? t(`${al.warnings} avertissement${al.warnings > 1 ? 's' : ''}`, `${al.warnings} warning${al.warnings > 1 ? 's' : ''}`) : ''].filter(Boolean).join(t(' et ', ' and '));
    lines.push(t(`Alertes : ${counts} (${codes}) — détail en fin de rapport.`, `Warnings: ${counts} (${codes}) — details at the end of the report.`));
  }
  return { id: 'synthese', title: t('Synthèse', 'Summary'), blocks: [{ kind: 'text', lines }] };
}

/**
 * The condition of the operation's balance between owners: who must fund whom, and whether the file
 * declares it (transfers:, partners:). Givers and takers are owners by their balance on their own.
 */
function ownerCondition(owners: OwnerFact[], balanced: boolean, declared: boolean, lang: Lang): string {
  const t = translator(lang);
  const takers = owners.filter((o) => !o.balanced).map((o) => o.id).join(', ');
  const stillShort = owners.filter((o) => !o.balancedAfter).map((o) => o.id).join(', ');
  const givers = owners.filter((o) => o.balanceEur.gt(0)).map((o) => o.id).join(', ');
  if (!takers) return t(' — sans péréquation entre propriétaires : chacun tient seul.', ' — no cross-subsidy between owners: each holds on its own.');
  if (owners.every((o) => o.balancedAfter)) return t(`, à condition que les transferts déclarés financent ${takers} : c'est le cas.`, `, provided the declared transfers fund ${takers}: they do.`);
  if (!balanced) return t(` — la marge des propriétaires (${givers || '—'}) ne couvre pas le besoin de ${takers}.`, ` — the owners' margin (${givers || '—'}) does not cover the need of ${takers}.`);
  if (declared) return t(`, à condition que la marge des ventes (${givers}) finance le besoin de ${stillShort} au-delà des transferts déclarés.`, `, provided the sale margin (${givers}) funds the need of ${stillShort} beyond the declared transfers.`);
  return t(`, à condition que la marge des ventes (${givers}) finance le besoin de ${takers}, ce que le fichier ne déclare pas (transfers:).`, `, provided the sale margin (${givers}) funds the need of ${takers}, which the file does not declare (transfers:).`);
}

const j = (d: Dec | null, dp = 2) => (d === null ? null : jsonNum(d, dp));

/** The `synthesis` object of the JSON report (docs/json.md). */
export function synthesisJson(ev: Evaluation): Record<string, unknown> {
  const s = synthesisOf(ev);
  const c = s.construction;
  return {
    operation: {
      dwellings: s.operation.dwellings, dwellings_by_tenure: Object.fromEntries(s.operation.byTenure.map((x) => [x.tenure, x.dwellings])),
      ...(s.operation.foyerUnits > 0 ? { foyer_units: s.operation.foyerUnits } : {}),
      cost_price_ttc_eur: j(s.operation.costTtcEur), per_dwelling_ttc_eur: j(s.operation.perDwellingTtcEur), per_m2_shab_ttc_eur: j(s.operation.perM2ShabTtcEur),
    },
    rental_tests: s.rental ? s.rental.accounts.map((a) => ({
      lot: a.lot, tenure: a.tenure, passes: a.passes, min_cumulative_eur: j(a.minCumulativeEur), min_cumulative_year: a.minCumulativeYear, test_years: a.testYears, shortfall_eur: j(a.shortfallEur),
      extra_subsidy_or_equity: 'eur' in a.extraSubsidyOrEquity ? { status: 'found', value_eur: j(a.extraSubsidyOrEquity.eur) } : { status: a.extraSubsidyOrEquity.none },
    })) : [],
    rental_extra_subsidy_or_equity: s.rental ? ('eur' in s.rental.extraSubsidyOrEquity ? { status: 'found', value_eur: j(s.rental.extraSubsidyOrEquity.eur) } : { status: s.rental.extraSubsidyOrEquity.none }) : null,
    sales: s.sales.map((l) => ({
      lot: l.lot, tenure: l.tenure, price_origin: l.priceOrigin, price_ttc_eur_per_m2_shab: j(l.priceTtcPerM2Shab), market_price_eur_per_m2_shab: j(l.marketPriceTtcPerM2Shab),
      discount_vs_market_pct: j(l.discountVsMarketPct, 4), price_ht_eur_per_m2_su: j(l.priceHtPerM2Su), ceiling_ht_eur_per_m2_su: j(l.ceilingHtPerM2Su), headroom_vs_ceiling_pct: j(l.headroomVsCeilingPct, 4),
      margin_eur: j(l.marginEur), margin_pct: j(l.marginPct, 4), target_margin_pct: j(l.targetMarginPct, 4), meets_target: l.meetsTarget,
      balancing_price: 'none' in l.balancingPrice ? { status: l.balancingPrice.none } : {
        status: 'found', price_ttc_eur_per_m2_shab: j(l.balancingPrice.priceTtcPerM2Shab, 4), change_pct: j(l.balancingPrice.changePct, 4),
        discount_vs_market_pct: j(l.balancingPrice.discountVsMarketPct, 4), headroom_vs_ceiling_pct: j(l.balancingPrice.headroomVsCeilingPct, 4), balance_eur: j(l.balancingPrice.balanceEur),
      },
    })),
    ofs: s.ofs.map((f) => ({
      lot: f.lot, balanced: f.balanced, min_cumulative_eur: j(f.minCumulativeEur), min_cumulative_year: f.minCumulativeYear, loan_years: f.loanYears,
      redevance_eur_per_m2_su_month: j(f.redevanceEurPerM2SuMonth, 4), balancing_redevance_eur_per_m2_su_month: j(f.balancingRedevanceEurPerM2SuMonth, 6),
      equity_eur: j(f.equityEur), balancing_equity: 'none' in f.balancingEquity ? { status: f.balancingEquity.none } : { status: 'found', equity_eur: j(f.balancingEquity.equityEur), extra_eur: j(f.balancingEquity.extraEur) },
    })),
    operation_balance: {
      balance_eur: j(s.balance.balanceEur), balanced: s.balance.balanced, condition: s.balance.condition,
      givers: s.balance.givers.map((x) => ({ id: x.id, kind: x.kind, eur: j(x.eur) })), takers: s.balance.takers.map((x) => ({ id: x.id, kind: x.kind, eur: j(x.eur) })),
    },
    construction: {
      status: c.status, max_inflation_pct: j(c.maxInflationPct, 4), search_range_pct: c.rangePct, cost_eur_per_m2_shab: j(c.currentCostEurPerM2Shab, 4),
      balancing: c.balancing ? { change_pct: j(c.balancing.changePct, 6), cost_eur_per_m2_shab: j(c.balancing.costEurPerM2Shab, 4), balance_eur: j(c.balancing.balanceEur) } : null,
    },
    bearable_land: 'eur' in s.bearableLand ? { status: 'found', value_eur: j(s.bearableLand.eur), current_eur: j(s.bearableLand.currentEur) } : { status: s.bearableLand.none, current_eur: j(s.bearableLand.currentEur) },
    alerts: { errors: s.alerts.errors, warnings: s.alerts.warnings, codes: s.alerts.codes },
    ...(s.owners ? { owners: s.owners.map((o) => ({ id: o.id, balance_eur: j(o.balanceEur), balanced: o.balanced, balance_after_transfers_eur: j(o.balanceAfterEur), balanced_after_transfers: o.balancedAfter })) } : {}),
  };
}

