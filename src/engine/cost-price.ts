/**
 * Prix de revient by chapter (arrêté du 10 juin 1996 annexe I; LEON PDR nomenclature):
 *   I  charge foncière · II bâtiment (with revision and contingencies) · III honoraires ·
 *   IV frais divers · V frais financiers.
 * Every line is an amount HT in whole cents (named rule: a cost-price line is stated to the
 * cent), split between lots with the sum-preserving `allocate`: shared lines pro rata SU, the
 * works line pro rata each lot's own works, scoped lines within their scope. TTC per lot at the
 * lot's VAT (livraison à soi-même / sale rate), the VAT of a lot rounded to the cent.
 */
import { add as addExact, allocate, D, isPos, ONE, roundCents, sum, ZERO, pct, type Dec } from '../domain/money';
import type { Chapter, CostLineInput, OperationFile } from '../schema/operation';
import type { CostBasis, Provenance } from './facts';
import { noteAssumption, take, takeBool, takeNote, useParam, useParamPath, type LotModel, type Model } from './model';
import type { DefaultKey } from '../schema/defaults';
import { prefinancingInterest } from './loan';
import { BT01_ASSUMPTION, BT01_DEFAULT_FORECAST_PCT, BT01_FORECAST_ASSUMPTION, bt01At } from '../params/indices';
import { hasLineVat, lineVatOf, type LineVat } from './vat-lines';

export const CHAPTER_ORDER: readonly Chapter[] = ['land', 'building', 'fees', 'misc', 'financial'];

/** What a cost line is; the report names it (src/report/words.ts). */
export type CostConcept =
  | 'works' | 'common_space' | 'price_revision' | 'price_revision_index' | 'contingencies'
  | 'land' | 'land_fees' | 'site_works' | 'ta' | 'rap' | 'fees' | 'insurance' | 'other' | 'prefinancing'
  // acquisition-amélioration: the building bought (whole operation, or one lot: `name` is its id), its duties and fees, the improvement works
  | 'building' | 'building_fees' | 'lot_building' | 'lot_building_fees' | 'improvement_works';

export interface CostLine {
  id: string;
  chapter: Chapter;
  concept: CostConcept;
  /** The file's own name of the line (a common space, an `other` line). */
  name?: string;
  /** How the amount was obtained, as values (the report words it). */
  basis: CostBasis;
  /** The lots a scoped line (`lots:` / `tenures:`) applies to, by id. */
  scope?: string[];
  /** Where the figures of the basis come from. */
  from: Provenance[];
  amountHtEur: Dec;
  /** Parts per lot (aligned with model.lots); they add up to amountHtEur exactly. */
  perLotHtEur: Dec[];
  /** Outside VAT: the purchase of an existing building and its duties and fees (acquisition-amélioration). */
  noVat?: boolean;
  /**
   * The line's own VAT rate (fraction) and where the file gives it (`vat_by_line_pct`, `other[].vat_pct`):
   * it replaces the lot's rate (and the 0 of a line outside VAT) for this line, in every lot.
   */
  vatRate?: Dec;
  vatFrom?: Provenance;
  /**
   * When the file gives some line its own rate: the line's VAT per lot, to the cent, so that the lines'
   * VATs of a lot add up to the lot's VAT (each within a cent of part × rate: cumulative rounding in
   * the order of the lines), and their total.
   */
  perLotVatEur?: Dec[];
  vatEur?: Dec;
}

export interface LotCost {
  htEur: Dec;
  vatEur: Dec;
  ttcEur: Dec;
  byChapterHtEur: Record<Chapter, Dec>;
  /** Charge foncière TTC of the lot: the cap of the CDC land loan. */
  landTtcEur: Dec;
  perDwellingTtcEur: Dec;
  perM2ShabTtcEur: Dec;
  perM2SuTtcEur: Dec;
  perM2ShabHtEur: Dec;
}

export interface CostPrice {
  lines: CostLine[];
  byChapterHtEur: Record<Chapter, Dec>;
  totalHtEur: Dec;
  totalVatEur: Dec;
  totalTtcEur: Dec;
  /** Base of percentages "of works": works + common spaces, before revision and contingencies. */
  worksBaseHtEur: Dec;
  perLot: LotCost[];
  /** Some line has its own VAT rate (`vat_by_line_pct`, `other[].vat_pct`): the lines carry their VAT. */
  vatByLine: boolean;
}

interface LineDraft {
  id: string;
  chapter: Chapter;
  concept: CostConcept;
  name?: string;
  basis: CostBasis;
  scope?: string[];
  from: Provenance[];
  amount: Dec;
  weights: Dec[];
  noVat?: boolean;
  /** An `other` line's or a common space's own rate (or `vat_by_line_pct.<concept>`); other concepts are looked up in assemble. */
  vat?: LineVat;
}

export function computeCostPrice(model: Model): CostPrice {
  const { lots, input } = model;
  const used = model.used;
  const su = lots.map((l) => l.suM2);
  const drafts: LineDraft[] = [];
  const add = (d: LineDraft) => { if (!d.amount.isZero() || d.id === 'works') drafts.push(d); };
  const file = (path: string): Provenance => ({ origin: 'file', path });
  /** A value the file may give, else its default (same key as the path). */
  const given = (path: DefaultKey): Provenance => (model.resolved[path].from.origin !== 'default' ? file(path) : { origin: 'default', key: path });
  const lotCosts = lots.map((l, i): Provenance => (l.input.cost_eur_per_m2_shab !== undefined ? file(`lots[${i}].cost_eur_per_m2_shab`) : file('construction.cost_eur_per_m2_shab')));
  const shabs = lots.map((_, i) => file(`lots[${i}].shab_m2`));
  const distinct = (ps: Provenance[]) => ps.filter((p, i) => ps.findIndex((q) => q.path === p.path && q.key === p.key) === i);

  // ── II Bâtiment ────────────────────────────────────────────────────────────
  const worksPerLot = lots.map((l) => l.costEurPerM2Shab.times(l.shabM2));
  // Acquisition-amélioration: the works of the lots of an existing building are improvement works
  // (one line « Travaux d'amélioration » when every lot is one; else a line of their own).
  const aa = lots.map((l) => l.acquisition);
  const allAa = aa.every(Boolean);
  const worksLine = (id: string, mask: readonly boolean[], improvement: boolean): Dec => {
    const idx = lots.map((_, i) => i).filter((i) => mask[i]);
    const group = idx.map((i) => lots[i]!);
    const weights = worksPerLot.map((w, i) => (mask[i] ? w : ZERO));
    const shab = sum(group.map((l) => l.shabM2));
    const uniformCost = group.every((l) => l.costEurPerM2Shab.eq(group[0]!.costEurPerM2Shab));
    const amount = roundCents(sum(weights));
    add({
      id, chapter: 'building', concept: improvement ? 'improvement_works' : 'works',
      basis: uniformCost ? { kind: 'per_m2', eurPerM2: group[0]!.costEurPerM2Shab, m2: shab, surface: 'shab' } : { kind: 'per_m2_each_lot', surface: 'shab' },
      from: distinct([...idx.map((i) => lotCosts[i]!), ...idx.map((i) => shabs[i]!)]),
      amount, weights,
    });
    return amount;
  };
  const works = allAa || !aa.some(Boolean)
    ? worksLine('works', lots.map(() => true), allAa)
    : worksLine('works', aa.map((x) => !x), false).plus(worksLine('improvement_works', aa, true));
  const opCost = D(input.construction.cost_eur_per_m2_shab);
  let common = ZERO;
  (input.construction.common_spaces ?? []).forEach((c, i) => {
    if (c.included_in_construction_cost) return;
    const cost = D(c.cost_eur_per_m2_shab ?? opCost);
    const amount = roundCents(cost.times(D(c.area_m2)));
    common = common.plus(amount);
    const vat = lineVatOf(model.input, 'common_space', { line: c, path: `construction.common_spaces[${i}]` });
    add({
      id: `common_space_${i}`, chapter: 'building', concept: 'common_space', name: c.label, ...(vat ? { vat } : {}),
      basis: { kind: 'per_m2_split_su', eurPerM2: cost, m2: D(c.area_m2) },
      from: [file(c.cost_eur_per_m2_shab !== undefined ? `construction.common_spaces[${i}].cost_eur_per_m2_shab` : 'construction.cost_eur_per_m2_shab'), file(`construction.common_spaces[${i}].area_m2`)],
      amount, weights: su,
    });
  });
  const worksBase = works.plus(common);
  // Weights of lines proportional to the works: each lot's works + its share of common spaces.
  const commonShares = common.isZero() ? lots.map(() => ZERO) : allocate(common, su);
  const worksWeights = lots.map((_, i) => worksPerLot[i]!.plus(commonShares[i]!));

  const revised = model.resolved['construction.price_revision'];
  const rev = revised.from.origin !== 'default' ? revised.value as NonNullable<OperationFile['construction']['price_revision']> : undefined;
  let revision = ZERO;
  if (rev) {
    revision = roundCents(worksBase.times(pct(rev.annual_pct)).times(rev.months).div(12));
    add({ id: 'price_revision', chapter: 'building', concept: 'price_revision',
      basis: { kind: 'revision_annual', baseEur: worksBase, annualPct: D(rev.annual_pct), months: rev.months },
      from: [file('construction.price_revision.annual_pct'), file('construction.price_revision.months')],
      amount: revision, weights: worksWeights });
  } else if (input.construction.price_revision_bt01) {
    const bt = input.construction.price_revision_bt01;
    const f = bt.forecast_annual_pct !== undefined ? D(bt.forecast_annual_pct) : D(BT01_DEFAULT_FORECAST_PCT);
    if (bt.forecast_annual_pct === undefined) noteAssumption(used, { ...BT01_FORECAST_ASSUMPTION, origin: 'default' });
    noteAssumption(used, { ...BT01_ASSUMPTION, origin: 'parameter' });
    const from = bt01At(bt.price_date, pct(f)), to = bt01At(bt.midpoint_date, pct(f));
    if ('value' in from && 'value' in to) {
      const factor = to.value.div(from.value).minus(1);
      revision = roundCents(worksBase.times(factor));
      add({ id: 'price_revision', chapter: 'building', concept: 'price_revision_index',
        basis: { kind: 'revision_index', index: 'BT01', baseEur: worksBase, from: { date: bt.price_date, value: from.value, how: from.how }, to: { date: bt.midpoint_date, value: to.value, how: to.how } },
        from: [file('construction.price_revision_bt01.price_date'), file('construction.price_revision_bt01.midpoint_date'), { origin: 'parameter', key: 'bt01' }, bt.forecast_annual_pct !== undefined ? file('construction.price_revision_bt01.forecast_annual_pct') : { origin: 'default', key: 'construction.price_revision_bt01.forecast_annual_pct' }],
        amount: revision, weights: worksWeights });
    }
  } else {
    takeNote(model, 'construction.price_revision');
  }
  const contPct = take(model, 'construction.contingencies_pct');
  const contBase = worksBase.plus(revision);
  add({ id: 'contingencies', chapter: 'building', concept: 'contingencies',
    basis: { kind: 'rate_x_base', ratePct: contPct, baseEur: contBase, base: 'works_and_revision' },
    from: [given('construction.contingencies_pct')],
    amount: roundCents(contBase.times(pct(contPct))), weights: worksWeights });

  // ── I Charge foncière ──────────────────────────────────────────────────────
  const land = input.land;
  // The operation's land (or, `existing_building`, its building) is shared by the lots that have no acquisition of their own.
  const whole = model.existingBuilding;
  const landMask = lots.map((l) => whole || !l.acquisition);
  const landSu = lots.map((l, i) => (landMask[i] ? l.suM2 : ZERO));
  const landShab = sum(lots.filter((_, i) => landMask[i]).map((l) => l.shabM2));
  const landShabs = shabs.filter((_, i) => landMask[i]);
  let landPrice: Dec;
  let landBasis: CostBasis;
  let landFrom: Provenance[];
  if (land.price_eur_per_m2_sp !== undefined) {
    landPrice = roundCents(D(land.price_eur_per_m2_sp).times(model.spM2));
    landBasis = { kind: 'per_m2', eurPerM2: D(land.price_eur_per_m2_sp), m2: model.spM2, surface: 'sp' };
    landFrom = [file('land.price_eur_per_m2_sp'), input.construction.sp_m2 !== undefined ? file('construction.sp_m2') : given('construction.shab_sp_ratio')];
  } else if (land.price_eur_per_m2_shab !== undefined) {
    landPrice = roundCents(D(land.price_eur_per_m2_shab).times(landShab));
    landBasis = { kind: 'per_m2', eurPerM2: D(land.price_eur_per_m2_shab), m2: landShab, surface: 'shab' };
    landFrom = [file('land.price_eur_per_m2_shab'), ...landShabs];
  } else {
    landPrice = roundCents(D(land.price_eur ?? 0));
    landBasis = { kind: 'lump_sum' };
    landFrom = [file('land.price_eur')];
  }
  const nv = whole ? { noVat: true } : {};
  drafts.push({ id: 'land', chapter: 'land', concept: whole ? 'building' : 'land', basis: landBasis, from: landFrom, amount: landPrice, weights: landSu, ...nv });
  if (land.acquisition_fees_eur !== undefined) {
    add({ id: 'land_fees', chapter: 'land', concept: 'land_fees', basis: { kind: 'given' }, from: [file('land.acquisition_fees_eur')], amount: roundCents(D(land.acquisition_fees_eur)), weights: landSu, ...nv });
  } else if (whole && model.resolved['land.acquisition_fees_pct'].from.origin === 'default') {
    const f = buildingFees(model, landPrice);
    add({ id: 'land_fees', chapter: 'land', concept: 'building_fees', basis: f.basis, from: f.from, amount: f.amount, weights: landSu, noVat: true });
  } else {
    const feesPct = take(model, 'land.acquisition_fees_pct');
    add({ id: 'land_fees', chapter: 'land', concept: 'land_fees', basis: { kind: 'rate_x_base', ratePct: feesPct, baseEur: landPrice, base: 'land_price' }, from: [given('land.acquisition_fees_pct')], amount: roundCents(landPrice.times(pct(feesPct))), weights: landSu, ...nv });
  }
  if (land.site_works_eur !== undefined) {
    add({ id: 'site_works', chapter: 'land', concept: 'site_works', basis: { kind: 'given' }, from: [file('land.site_works_eur')], amount: roundCents(D(land.site_works_eur)), weights: landSu });
  }
  // A lot that is an existing building of its own (`lots[].acquisition`): its purchase and fees, outside VAT.
  lots.forEach((lot, i) => {
    const a = lot.input.acquisition;
    if (!a) return;
    const weights = lots.map((l) => (l === lot ? ONE : ZERO));
    const price = a.price_eur !== undefined ? roundCents(D(a.price_eur)) : roundCents(D(a.price_eur_per_m2_shab ?? 0).times(lot.shabM2));
    add({ id: `acquisition_${lot.id}`, chapter: 'land', concept: 'lot_building', name: lot.id,
      basis: a.price_eur !== undefined ? { kind: 'given' } : { kind: 'per_m2', eurPerM2: D(a.price_eur_per_m2_shab ?? 0), m2: lot.shabM2, surface: 'shab' },
      from: a.price_eur !== undefined ? [file(`lots[${i}].acquisition.price_eur`)] : [file(`lots[${i}].acquisition.price_eur_per_m2_shab`), shabs[i]!],
      amount: price, weights, noVat: true });
    const f = a.fees_eur !== undefined ? { amount: roundCents(D(a.fees_eur)), basis: { kind: 'given' } as CostBasis, from: [file(`lots[${i}].acquisition.fees_eur`)] } : buildingFees(model, price);
    add({ id: `acquisition_fees_${lot.id}`, chapter: 'land', concept: 'lot_building_fees', name: lot.id, basis: f.basis, from: f.from, amount: f.amount, weights, noVat: true });
  });
  addTaxes(model, add);

  // ── III Honoraires ─────────────────────────────────────────────────────────
  const feesPct = take(model, 'construction.fees_pct');
  add({ id: 'fees', chapter: 'fees', concept: 'fees',
    basis: { kind: 'rate_x_base', ratePct: feesPct, baseEur: worksBase, base: 'works' },
    from: [given('construction.fees_pct')],
    amount: roundCents(worksBase.times(pct(feesPct))), weights: worksWeights });
  const insPct = take(model, 'construction.insurance_pct');
  add({ id: 'insurance', chapter: 'fees', concept: 'insurance',
    basis: { kind: 'rate_x_base', ratePct: insPct, baseEur: worksBase, base: 'works' },
    from: [given('construction.insurance_pct')],
    amount: roundCents(worksBase.times(pct(insPct))), weights: worksWeights });

  // Other lines of the file, in their chapter.
  const other = (lines: CostLineInput[] | undefined, defaultChapter: Chapter, prefix: string, path: string) =>
    (lines ?? []).forEach((l, i) => add(otherLine(model, l, defaultChapter, `${prefix}_${i}`, worksWeights, `${path}[${i}]`)));
  other(land.other, 'land', 'land_other', 'land.other');
  other(input.construction.other, 'misc', 'other', 'construction.other');

  // ── V Frais financiers ─────────────────────────────────────────────────────
  const pf = input.construction.prefinancing;
  if (pf) {
    // Actuarial, exact/365, to the last draw or the given end date ([CDC-PLUS], LEON R-FIN-6).
    const interest = prefinancingInterest(pf.draws.map((d) => ({ date: d.date, amountEur: D(d.amount_eur) })), pct(pf.rate_pct), pf.end_date);
    add({ id: 'prefinancing', chapter: 'financial', concept: 'prefinancing',
      basis: { kind: 'prefinancing', draws: pf.draws.length, ratePct: D(pf.rate_pct) },
      from: [file('construction.prefinancing.draws'), file('construction.prefinancing.rate_pct')],
      amount: roundCents(interest), weights: su });
  }
  if (input.construction.prefinancing_interest_eur !== undefined) {
    add({ id: 'prefinancing', chapter: 'financial', concept: 'prefinancing', basis: { kind: 'given' }, from: [file('construction.prefinancing_interest_eur')], amount: roundCents(D(input.construction.prefinancing_interest_eur)), weights: su });
  }

  return assemble(model, drafts, worksBase);
}

function scopeMask(lots: readonly LotModel[], l: { lots?: string[] | undefined; tenures?: string[] | undefined }): boolean[] {
  return lots.map((lot) => (!l.lots || l.lots.includes(lot.id)) && (!l.tenures || l.tenures.includes(lot.tenure)));
}

function otherLine(model: Model, l: CostLineInput, defaultChapter: Chapter, id: string, worksWeights: readonly Dec[], path: string): LineDraft {
  const { lots } = model;
  const mask = scopeMask(lots, l);
  // "% of works" of a scoped line: the works of its lots only (their own works and share of common spaces).
  const worksBase = sum(worksWeights.filter((_, i) => mask[i]));
  const su = lots.map((lot, i) => (mask[i] ? lot.suM2 : ZERO));
  const scoped = lots.filter((_, i) => mask[i]);
  let amount: Dec, basis: CostBasis, key: string;
  if (l.amount_eur !== undefined) { amount = D(l.amount_eur); basis = { kind: 'given' }; key = 'amount_eur'; }
  else if (l.pct_of_works !== undefined) {
    amount = worksBase.times(pct(l.pct_of_works));
    basis = { kind: 'rate_x_base', ratePct: D(l.pct_of_works), baseEur: worksBase, base: 'works' }; key = 'pct_of_works';
  } else if (l.eur_per_m2_shab !== undefined) {
    const shab = sum(scoped.map((x) => x.shabM2));
    amount = D(l.eur_per_m2_shab).times(shab);
    basis = { kind: 'per_m2', eurPerM2: D(l.eur_per_m2_shab), m2: shab, surface: 'shab' }; key = 'eur_per_m2_shab';
  } else {
    const n = scoped.reduce((s, x) => s + x.dwellings, 0);
    amount = D(l.eur_per_dwelling ?? 0).times(n);
    basis = { kind: 'per_dwelling', eurPerDwelling: D(l.eur_per_dwelling ?? 0), dwellings: n }; key = 'eur_per_dwelling';
  }
  const vat = lineVatOf(model.input, 'other', { line: l, path });
  return {
    id, chapter: l.chapter ?? defaultChapter, concept: 'other', name: l.label, basis,
    ...(l.lots || l.tenures ? { scope: scoped.map((x) => x.id) } : {}),
    from: [{ origin: 'file', path: `${path}.${key}` }], amount: roundCents(amount), weights: su,
    ...(vat ? { vat } : {}),
  };
}

/**
 * Taxe d'aménagement and redevance d'archéologie préventive (C. urb. L.331-7, L.331-12; [RAP]):
 * SP × valeur forfaitaire × rates × (1 − abatement of the tenure); each lot's SP is its share of the
 * operation's SP pro rata SU.
 */
function addTaxes(model: Model, add: (d: LineDraft) => void): void {
  const { lots, input } = model;
  const taxes = input.land.taxes ?? {};
  const suTotal = sum(lots.map((l) => l.suM2));
  const spLot = lots.map((l) => model.spM2.times(l.suM2).div(suTotal));
  const needTa = taxes.ta_eur === undefined;
  const needRap = taxes.rap_eur === undefined;
  const vfKey = `ta.valeur_forfaitaire.${model.ileDeFrance ? 'idf' : 'province'}`;
  // An existing building improved creates no new floor area: no TA nor RAP (C. urb. L.331-6; C. patr. L.524-2).
  if (lots.every((l) => l.acquisition) && needTa && needRap) return;
  const taFactor = (lot: LotModel) => (lot.acquisition ? ZERO : D(1).minus(pct(useParam(model, `ta.abatement.${lot.info.key}_pct`))));
  const rapFactor = (lot: LotModel) => (lot.acquisition ? ZERO : D(1).minus(pct(useParam(model, `rap.abatement.${lot.info.key}_pct`))));
  let vf = ZERO;
  if (needTa || needRap) vf = useParam(model, vfKey);
  const file = (path: string): Provenance => ({ origin: 'file', path });
  const given = (path: DefaultKey): Provenance => (model.resolved[path].from.origin !== 'default' ? file(path) : { origin: 'default', key: path });
  const abatements = (tax: 'ta' | 'rap'): Provenance[] => [...new Set(lots.map((l) => `${tax}.abatement.${l.info.key}_pct`))].map((key) => ({ origin: 'parameter', key }));
  const sp: Provenance = input.construction.sp_m2 !== undefined ? file('construction.sp_m2') : given('construction.shab_sp_ratio');

  if (!needTa) {
    const w = lots.map((l, i) => spLot[i]!.times(taFactor(l)));
    add({ id: 'ta', chapter: 'land', concept: 'ta', basis: { kind: 'given', split: 'taxable_sp' }, from: [file('land.taxes.ta_eur'), ...abatements('ta')], amount: roundCents(D(taxes.ta_eur!)), weights: w });
  } else {
    const commune = take(model, 'land.taxes.ta_commune_rate_pct');
    const dept = take(model, 'land.taxes.ta_department_rate_pct');
    // The regional part exists only in Île-de-France (TA_REGION_OUTSIDE_IDF warns when given elsewhere).
    const region = model.ileDeFrance ? take(model, 'land.taxes.ta_region_rate_pct') : ZERO;
    const rate = pct(commune.plus(dept).plus(region));
    const perLot = lots.map((l, i) => spLot[i]!.times(vf).times(rate).times(taFactor(l)));
    const amount = roundCents(sum(perLot));
    add({ id: 'ta', chapter: 'land', concept: 'ta',
      basis: { kind: 'tax', spM2: model.spM2, eurPerM2: vf, ratePct: commune.plus(dept).plus(region) },
      from: [sp, { origin: 'parameter', key: vfKey }, given('land.taxes.ta_commune_rate_pct'), given('land.taxes.ta_department_rate_pct'),
        ...(model.ileDeFrance ? [given('land.taxes.ta_region_rate_pct')] : []), ...abatements('ta')],
      amount, weights: perLot });
  }
  if (!needRap) {
    const w = lots.map((l, i) => spLot[i]!.times(rapFactor(l)));
    add({ id: 'rap', chapter: 'land', concept: 'rap', basis: { kind: 'given' }, from: [file('land.taxes.rap_eur'), ...abatements('rap')], amount: roundCents(D(taxes.rap_eur!)), weights: w });
  } else if (takeBool(model, 'land.taxes.rap_applies')) {
    const rate = pct(useParam(model, 'rap.rate_pct'));
    const perLot = lots.map((l, i) => spLot[i]!.times(vf).times(rate).times(rapFactor(l)));
    add({ id: 'rap', chapter: 'land', concept: 'rap',
      basis: { kind: 'tax', spM2: model.spM2, eurPerM2: vf, ratePct: rate.times(100) },
      from: [sp, { origin: 'parameter', key: vfKey }, { origin: 'parameter', key: 'rap.rate_pct' }, given('land.taxes.rap_applies'), ...abatements('rap')],
      amount: roundCents(sum(perLot)), weights: perLot });
  }
}

/**
 * Duties and fees of the purchase of an existing building ([CGI-DMTO], [NOTAIRE-TARIF]), each to the cent:
 * transfer duties (droits de mutation, `acquisition.transfer_duties_pct` of the price) + the notary's
 * proportional emoluments (tariff brackets of C. com. A444-91, with their VAT, not recoverable on an
 * exempt purchase) + the contribution de sécurité immobilière (CGI 879). Formalities and disbursements
 * (a few hundred euros) are not counted.
 */
export function buildingFees(model: Model, price: Dec): { amount: Dec; dutiesEur: Dec; emolumentsHtEur: Dec; emolumentsVatEur: Dec; securityEur: Dec; basis: CostBasis; from: Provenance[] } {
  const dutiesPct = useParam(model, 'acquisition.transfer_duties_pct');
  const brackets = useParamPath(model, 'acquisition.notary_emoluments.brackets_eur');
  const rates = useParamPath(model, 'acquisition.notary_emoluments.rates_pct');
  const emolVat = useParam(model, 'acquisition.notary_emoluments.vat_pct');
  const csiPct = useParam(model, 'acquisition.security_contribution_pct');
  const duties = roundCents(price.times(pct(dutiesPct)));
  let emol = ZERO, from = ZERO;
  rates.forEach((rate, k) => {
    const to = brackets[k];
    if (price.lte(from)) return;
    const top = to === undefined || price.lt(to) ? price : to;
    emol = emol.plus(top.minus(from).times(pct(rate)));
    if (to !== undefined) from = to;
  });
  const emolHt = roundCents(emol);
  const emolVatEur = roundCents(emolHt.times(pct(emolVat)));
  const csi = roundCents(price.times(pct(csiPct)));
  const amount = duties.plus(emolHt).plus(emolVatEur).plus(csi);
  const keys = ['acquisition.transfer_duties_pct', 'acquisition.notary_emoluments.brackets_eur', 'acquisition.notary_emoluments.rates_pct', 'acquisition.notary_emoluments.vat_pct', 'acquisition.security_contribution_pct'];
  return {
    amount, dutiesEur: duties, emolumentsHtEur: emolHt, emolumentsVatEur: emolVatEur, securityEur: csi,
    basis: { kind: 'building_fees', priceEur: price, dutiesPct, dutiesEur: duties, emolumentsHtEur: emolHt, emolumentsVatPct: emolVat, securityPct: csiPct },
    from: keys.map((key) => (model.paramOverrides[key] ? { origin: model.paramOverrides[key]!.origin, key } : { origin: 'parameter', key })),
  };
}

function assemble(model: Model, drafts: LineDraft[], worksBase: Dec): CostPrice {
  const { lots } = model;
  const zeroCh = (): Record<Chapter, Dec> => ({ land: ZERO, building: ZERO, fees: ZERO, misc: ZERO, financial: ZERO });
  const lines: CostLine[] = [];
  const lotCh = lots.map(() => zeroCh());
  const byChapter = zeroCh();
  const order = new Map(CHAPTER_ORDER.map((c, i) => [c, i]));
  // Per lot, the parts not at the lot's rate: outside VAT (purchase of an existing building, its duties
  // and fees, chapter I) and the lines with their own rate (VAT per line, src/engine/vat-lines.ts) …
  const noVat = lots.map(() => ZERO), landNoVat = lots.map(() => ZERO), landNoVatPlain = lots.map(() => ZERO);
  // … and the exact VAT of the lines with their own rate, and their land part TTC.
  const ownVat = lots.map(() => ZERO), landOwnTtc = lots.map(() => ZERO);
  drafts.sort((a, b) => order.get(a.chapter)! - order.get(b.chapter)!);
  for (const d of drafts) {
    const weights = d.weights.some((w) => isPos(w)) ? d.weights : lots.map((l) => l.suM2);
    const perLot = allocate(d.amount, weights);
    // `other` lines and common spaces looked up their own rate (then `vat_by_line_pct`) when drafted
    const vat = d.concept === 'other' || d.concept === 'common_space' ? d.vat : lineVatOf(model.input, d.concept);
    lines.push({ id: d.id, chapter: d.chapter, concept: d.concept, ...(d.name !== undefined ? { name: d.name } : {}), basis: d.basis, ...(d.scope ? { scope: d.scope } : {}), from: d.from, amountHtEur: d.amount, perLotHtEur: perLot, ...(d.noVat ? { noVat: true } : {}), ...(vat ? { vatRate: vat.rate, vatFrom: vat.from } : {}) });
    if (d.noVat || vat) {
      perLot.forEach((v, i) => {
        noVat[i] = addExact(noVat[i]!, v);
        if (vat) ownVat[i] = addExact(ownVat[i]!, v.times(vat.rate));
        if (d.chapter !== 'land') return;
        landNoVat[i] = addExact(landNoVat[i]!, v);
        if (vat) landOwnTtc[i] = addExact(landOwnTtc[i]!, v.times(vat.rate.plus(1)));
        else landNoVatPlain[i] = addExact(landNoVatPlain[i]!, v);
      });
    }
    byChapter[d.chapter] = addExact(byChapter[d.chapter], d.amount);
    perLot.forEach((v, i) => { lotCh[i]![d.chapter] = addExact(lotCh[i]![d.chapter], v); });
  }
  const perLot: LotCost[] = lots.map((lot, i) => {
    const ch = lotCh[i]!;
    const ht = sum(CHAPTER_ORDER.map((c) => ch[c]));
    // VAT of the lot to the cent (named rule: a tax amount is stated in cents): the lot's rate on its
    // lines at that rate, plus each line with its own rate at that rate (VAT per line).
    const vat = roundCents(ht.minus(noVat[i]!).times(lot.vatRate).plus(ownVat[i]!));
    const ttc = ht.plus(vat);
    const landTtc = roundCents(ch.land.minus(landNoVat[i]!).times(lot.vatRate.plus(1)).plus(landOwnTtc[i]!)).plus(landNoVatPlain[i]!);
    return {
      htEur: ht, vatEur: vat, ttcEur: ttc, byChapterHtEur: ch, landTtcEur: landTtc,
      perDwellingTtcEur: ttc.div(lot.dwellings), perM2ShabTtcEur: ttc.div(lot.shabM2), perM2SuTtcEur: ttc.div(lot.suM2), perM2ShabHtEur: ht.div(lot.shabM2),
    };
  });
  const totalHt = sum(perLot.map((p) => p.htEur));
  const totalVat = sum(perLot.map((p) => p.vatEur));
  const vatByLine = hasLineVat(model.input);
  if (vatByLine) splitVatByLine(lines, lots, perLot);
  return { lines, byChapterHtEur: byChapter, totalHtEur: totalHt, totalVatEur: totalVat, totalTtcEur: totalHt.plus(totalVat), worksBaseHtEur: worksBase, perLot, vatByLine };
}

/** The rate (fraction) of a line in a lot: its own, else 0 outside VAT, else the lot's. */
export function lineRateIn(line: Pick<CostLine, 'vatRate' | 'noVat'>, lot: Pick<LotModel, 'vatRate'>): Dec {
  return line.vatRate ?? (line.noVat ? ZERO : lot.vatRate);
}

/**
 * Each line's VAT per lot to the cent, by cumulative rounding in the order of the lines: the k-th
 * line's VAT is round(C_k) − round(C_{k−1}), C_k the exact VAT of the first k lines of the lot. The
 * lines' VATs add up to round(C_n), the lot's VAT, and each is within a cent of part × rate.
 */
function splitVatByLine(lines: CostLine[], lots: readonly LotModel[], perLot: readonly LotCost[]): void {
  const perLine = lines.map(() => lots.map(() => ZERO));
  lots.forEach((lot, i) => {
    let cum = ZERO, given = ZERO;
    lines.forEach((line, k) => {
      cum = cum.plus(line.perLotHtEur[i]!.times(lineRateIn(line, lot)));
      const upTo = k === lines.length - 1 ? perLot[i]!.vatEur : roundCents(cum);
      perLine[k]![i] = upTo.minus(given);
      given = upTo;
    });
  });
  lines.forEach((line, k) => { line.perLotVatEur = perLine[k]!; line.vatEur = sum(perLine[k]!); });
}
