/**
 * Prix de revient by chapter (arrêté du 10 juin 1996 annexe I; LEON PDR nomenclature):
 *   I  charge foncière · II bâtiment (with revision and contingencies) · III honoraires ·
 *   IV frais divers · V frais financiers.
 * Every line is an amount HT in whole cents (named rule: a cost-price line is stated to the
 * cent), split between lots with the sum-preserving `allocate`: shared lines pro rata SU, the
 * works line pro rata each lot's own works, scoped lines within their scope. TTC per lot at the
 * lot's VAT (livraison à soi-même / sale rate), the VAT of a lot rounded to the cent.
 */
import { allocate, D, ONE, roundCents, sum, ZERO, pct, type Dec } from '../domain/money';
import type { Chapter, CostLineInput } from '../schema/operation';
import { fmtEur, plain } from '../domain/number-text';
import { defaultBool, orDefault, useParam, useParamPath, type LotModel, type Model } from './model';
import { prefinancingInterest } from './loan';
import { BT01, BT01_DEFAULT_FORECAST_PCT, BT01_SOURCE, bt01At } from '../params/indices';

export const CHAPTER_ORDER: readonly Chapter[] = ['land', 'building', 'fees', 'misc', 'financial'];

export interface CostLine {
  id: string;
  chapter: Chapter;
  labelFr: string;
  labelEn: string;
  /** How the amount was obtained, in words, for the report. */
  basisFr: string;
  basisEn: string;
  amountHtEur: Dec;
  /** Parts per lot (aligned with model.lots); they add up to amountHtEur exactly. */
  perLotHtEur: Dec[];
  /** Outside VAT: the purchase of an existing building and its duties and fees (acquisition-amélioration). */
  noVat?: boolean;
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
}

interface LineDraft {
  id: string;
  chapter: Chapter;
  labelFr: string;
  labelEn: string;
  basisFr: string;
  basisEn: string;
  amount: Dec;
  weights: Dec[];
  noVat?: boolean;
}

export function computeCostPrice(model: Model): CostPrice {
  const { lots, input } = model;
  const used = model.used;
  const su = lots.map((l) => l.suM2);
  const drafts: LineDraft[] = [];
  const add = (d: LineDraft) => { if (!d.amount.isZero() || d.id === 'works') drafts.push(d); };
  const fr = (x: Dec) => plain(x, 'fr');
  const en = (x: Dec) => plain(x, 'en');

  // ── II Bâtiment ────────────────────────────────────────────────────────────
  const worksPerLot = lots.map((l) => l.costEurPerM2Shab.times(l.shabM2));
  // Acquisition-amélioration: the works of the lots of an existing building are improvement works
  // (one line « Travaux d'amélioration » when every lot is one; else a line of their own).
  const aa = lots.map((l) => l.acquisition);
  const allAa = aa.every(Boolean);
  const worksLine = (id: string, mask: readonly boolean[], improvement: boolean): Dec => {
    const group = lots.filter((_, i) => mask[i]);
    const weights = worksPerLot.map((w, i) => (mask[i] ? w : ZERO));
    const shab = sum(group.map((l) => l.shabM2));
    const uniformCost = group.every((l) => l.costEurPerM2Shab.eq(group[0]!.costEurPerM2Shab));
    const amount = roundCents(sum(weights));
    add({
      id, chapter: 'building', labelFr: improvement ? "Travaux d'amélioration" : 'Travaux de construction', labelEn: improvement ? 'Improvement works' : 'Construction works',
      basisFr: uniformCost ? `${fr(group[0]!.costEurPerM2Shab)} €/m² SHAB × ${fr(shab)} m² SHAB` : 'coût au m² SHAB de chaque lot × sa SHAB',
      basisEn: uniformCost ? `€${en(group[0]!.costEurPerM2Shab)}/m² × ${en(shab)} m² living area` : "each lot's cost per m² × its living area",
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
    add({
      id: `common_space_${i}`, chapter: 'building', labelFr: `Espace commun: ${c.label}`, labelEn: `Common space: ${c.label}`,
      basisFr: `${fr(cost)} €/m² × ${fr(D(c.area_m2))} m², réparti au prorata des SU`, basisEn: `€${en(cost)}/m² × ${en(D(c.area_m2))} m², split pro rata usable area`,
      amount, weights: su,
    });
  });
  const worksBase = works.plus(common);
  // Weights of lines proportional to the works: each lot's works + its share of common spaces.
  const commonShares = common.isZero() ? lots.map(() => ZERO) : allocate(common, su);
  const worksWeights = lots.map((_, i) => worksPerLot[i]!.plus(commonShares[i]!));

  const rev = input.construction.price_revision;
  let revision = ZERO;
  if (rev) {
    revision = roundCents(worksBase.times(pct(rev.annual_pct)).times(rev.months).div(12));
    add({ id: 'price_revision', chapter: 'building', labelFr: 'Révision de prix (milieu de chantier)', labelEn: 'Price revision (works midpoint)',
      basisFr: `${fr(worksBase)} € × ${fr(D(rev.annual_pct))} %/an × ${rev.months} mois`, basisEn: `€${en(worksBase)} × ${en(D(rev.annual_pct))}%/yr × ${rev.months} months`,
      amount: revision, weights: worksWeights });
  } else if (input.construction.price_revision_bt01) {
    const bt = input.construction.price_revision_bt01;
    const f = bt.forecast_annual_pct !== undefined ? D(bt.forecast_annual_pct) : D(BT01_DEFAULT_FORECAST_PCT);
    if (bt.forecast_annual_pct === undefined) used.set('construction.price_revision_bt01.forecast_annual_pct', { key: 'construction.price_revision_bt01.forecast_annual_pct', value: BT01_DEFAULT_FORECAST_PCT, unit: 'pct', label: 'Projection annuelle du BT01 après le dernier indice connu', source: '[INSEE-BT01] dernière évolution annuelle connue, BT01 nov. 2025 / nov. 2024 = +1,4 %', status: 'confirmed', origin: 'default' });
    used.set('bt01', { key: 'bt01', value: `${BT01[0]![0]} … ${BT01[BT01.length - 1]![0]}`, unit: 'text', label: 'Indice BT01 (série datée)', source: BT01_SOURCE, status: 'confirmed', origin: 'parameter' });
    const from = bt01At(bt.price_date, pct(f)), to = bt01At(bt.midpoint_date, pct(f));
    if ('value' in from && 'value' in to) {
      const factor = to.value.div(from.value).minus(1);
      revision = roundCents(worksBase.times(factor));
      const how = (h: string) => ({ published: 'publié', interpolated: 'interpolé', projected: 'projeté' })[h] ?? h;
      add({ id: 'price_revision', chapter: 'building', labelFr: 'Révision de prix (BT01, milieu de chantier)', labelEn: 'Price revision (BT01, works midpoint)',
        basisFr: `${fmtEur(worksBase, 'fr')} × (BT01 ${bt.midpoint_date} ${plain(to.value, 'fr', 2)} (${how(to.how)}) / BT01 ${bt.price_date} ${plain(from.value, 'fr', 2)} (${how(from.how)}) − 1)`,
        basisEn: `${fmtEur(worksBase, 'en')} × (BT01 ${bt.midpoint_date} ${plain(to.value, 'en', 2)} (${to.how}) / BT01 ${bt.price_date} ${plain(from.value, 'en', 2)} (${from.how}) − 1)`,
        amount: revision, weights: worksWeights });
    }
  } else {
    orDefault(used, 'construction.price_revision', undefined);
  }
  const contPct = orDefault(used, 'construction.contingencies_pct', input.construction.contingencies_pct);
  const contBase = worksBase.plus(revision);
  add({ id: 'contingencies', chapter: 'building', labelFr: 'Aléas', labelEn: 'Contingencies',
    basisFr: `${fr(contPct)} % × ${fmtEur(contBase, 'fr')} (travaux + révision)`, basisEn: `${en(contPct)}% × ${fmtEur(contBase, 'en')} (works + revision)`,
    amount: roundCents(contBase.times(pct(contPct))), weights: worksWeights });

  // ── I Charge foncière ──────────────────────────────────────────────────────
  const land = input.land;
  // The operation's land (or, `existing_building`, its building) is shared by the lots that have no acquisition of their own.
  const whole = model.existingBuilding;
  const landMask = lots.map((l) => whole || !l.acquisition);
  const landSu = lots.map((l, i) => (landMask[i] ? l.suM2 : ZERO));
  const landShab = sum(lots.filter((_, i) => landMask[i]).map((l) => l.shabM2));
  let landPrice: Dec;
  let landBasisFr: string, landBasisEn: string;
  if (land.price_eur_per_m2_sp !== undefined) {
    landPrice = roundCents(D(land.price_eur_per_m2_sp).times(model.spM2));
    landBasisFr = `${fr(D(land.price_eur_per_m2_sp))} €/m² SP × ${plain(model.spM2, 'fr', 2)} m² SP`;
    landBasisEn = `€${en(D(land.price_eur_per_m2_sp))}/m² floor area × ${plain(model.spM2, 'en', 2)} m²`;
  } else if (land.price_eur_per_m2_shab !== undefined) {
    landPrice = roundCents(D(land.price_eur_per_m2_shab).times(landShab));
    landBasisFr = `${fr(D(land.price_eur_per_m2_shab))} €/m² SHAB × ${fr(landShab)} m² SHAB`;
    landBasisEn = `€${en(D(land.price_eur_per_m2_shab))}/m² × ${en(landShab)} m² living area`;
  } else {
    landPrice = roundCents(D(land.price_eur ?? 0));
    landBasisFr = 'montant global'; landBasisEn = 'lump sum';
  }
  drafts.push({ id: 'land', chapter: 'land', labelFr: whole ? "Acquisition de l'immeuble" : 'Acquisition du terrain', labelEn: whole ? 'Building purchase' : 'Land purchase', basisFr: landBasisFr, basisEn: landBasisEn, amount: landPrice, weights: landSu, ...(whole ? { noVat: true } : {}) });
  if (land.acquisition_fees_eur !== undefined) {
    add({ id: 'land_fees', chapter: 'land', labelFr: "Frais d'acquisition", labelEn: 'Acquisition costs', basisFr: 'montant donné', basisEn: 'given amount', amount: roundCents(D(land.acquisition_fees_eur)), weights: landSu, ...(whole ? { noVat: true } : {}) });
  } else if (whole && land.acquisition_fees_pct === undefined) {
    const f = buildingFees(model, landPrice);
    add({ id: 'land_fees', chapter: 'land', labelFr: "Frais d'acquisition de l'immeuble (droits de mutation, notaire)", labelEn: 'Building acquisition costs (transfer duties, notary)', basisFr: f.basisFr, basisEn: f.basisEn, amount: f.amount, weights: landSu, noVat: true });
  } else {
    const feesPct = orDefault(used, 'land.acquisition_fees_pct', land.acquisition_fees_pct);
    add({ id: 'land_fees', chapter: 'land', labelFr: "Frais d'acquisition", labelEn: 'Acquisition costs', basisFr: `${fr(feesPct)} % du prix du terrain`, basisEn: `${en(feesPct)}% of the land price`, amount: roundCents(landPrice.times(pct(feesPct))), weights: landSu, ...(whole ? { noVat: true } : {}) });
  }
  if (land.site_works_eur !== undefined) {
    add({ id: 'site_works', chapter: 'land', labelFr: 'VRD et aménagements', labelEn: 'Site works (roads, networks)', basisFr: 'montant donné', basisEn: 'given amount', amount: roundCents(D(land.site_works_eur)), weights: landSu });
  }
  // A lot that is an existing building of its own (`lots[].acquisition`): its purchase and fees, outside VAT.
  for (const lot of lots) {
    const a = lot.input.acquisition;
    if (!a) continue;
    const weights = lots.map((l) => (l === lot ? ONE : ZERO));
    const price = a.price_eur !== undefined ? roundCents(D(a.price_eur)) : roundCents(D(a.price_eur_per_m2_shab ?? 0).times(lot.shabM2));
    add({ id: `acquisition_${lot.id}`, chapter: 'land', labelFr: `Acquisition de l'immeuble (${lot.id})`, labelEn: `Building purchase (${lot.id})`,
      basisFr: a.price_eur !== undefined ? 'montant donné' : `${fr(D(a.price_eur_per_m2_shab ?? 0))} €/m² SHAB × ${fr(lot.shabM2)} m² SHAB`,
      basisEn: a.price_eur !== undefined ? 'given amount' : `€${en(D(a.price_eur_per_m2_shab ?? 0))}/m² × ${en(lot.shabM2)} m² living area`,
      amount: price, weights, noVat: true });
    const f = a.fees_eur !== undefined ? { amount: roundCents(D(a.fees_eur)), basisFr: 'montant donné', basisEn: 'given amount' } : buildingFees(model, price);
    add({ id: `acquisition_fees_${lot.id}`, chapter: 'land', labelFr: `Frais d'acquisition de l'immeuble (${lot.id})`, labelEn: `Building acquisition costs (${lot.id})`, basisFr: f.basisFr, basisEn: f.basisEn, amount: f.amount, weights, noVat: true });
  }
  addTaxes(model, add);

  // ── III Honoraires ─────────────────────────────────────────────────────────
  const feesPct = orDefault(used, 'construction.fees_pct', input.construction.fees_pct);
  add({ id: 'fees', chapter: 'fees', labelFr: 'Honoraires (MOE, études, contrôle, SPS, OPC)', labelEn: 'Fees (design, studies, control, safety, scheduling)',
    basisFr: `${fr(feesPct)} % × ${fmtEur(worksBase, 'fr')} de travaux`, basisEn: `${en(feesPct)}% × ${fmtEur(worksBase, 'en')} of works`,
    amount: roundCents(worksBase.times(pct(feesPct))), weights: worksWeights });
  const insPct = orDefault(used, 'construction.insurance_pct', input.construction.insurance_pct);
  add({ id: 'insurance', chapter: 'fees', labelFr: 'Assurances (DO, TRC)', labelEn: 'Insurance (DO, TRC)',
    basisFr: `${fr(insPct)} % × ${fmtEur(worksBase, 'fr')} de travaux`, basisEn: `${en(insPct)}% × ${fmtEur(worksBase, 'en')} of works`,
    amount: roundCents(worksBase.times(pct(insPct))), weights: worksWeights });

  // Other lines of the file, in their chapter.
  const other = (lines: CostLineInput[] | undefined, defaultChapter: Chapter, prefix: string) =>
    (lines ?? []).forEach((l, i) => add(otherLine(model, l, defaultChapter, `${prefix}_${i}`, worksWeights)));
  other(land.other, 'land', 'land_other');
  other(input.construction.other, 'misc', 'other');

  // ── V Frais financiers ─────────────────────────────────────────────────────
  const pf = input.construction.prefinancing;
  if (pf) {
    // Actuarial, exact/365, to the last draw or the given end date ([CDC-PLUS], LEON R-FIN-6).
    const interest = prefinancingInterest(pf.draws.map((d) => ({ date: d.date, amountEur: D(d.amount_eur) })), pct(pf.rate_pct), pf.end_date);
    add({ id: 'prefinancing', chapter: 'financial', labelFr: 'Intérêts de préfinancement', labelEn: 'Prefinancing interest',
      basisFr: `${pf.draws.length} tirage(s) à ${plain(D(pf.rate_pct), 'fr')} %/an, actuariel jour/365`, basisEn: `${pf.draws.length} draw(s) at ${plain(D(pf.rate_pct), 'en')}%/yr, actuarial day/365`,
      amount: roundCents(interest), weights: su });
  }
  if (input.construction.prefinancing_interest_eur !== undefined) {
    add({ id: 'prefinancing', chapter: 'financial', labelFr: 'Intérêts de préfinancement', labelEn: 'Prefinancing interest', basisFr: 'montant donné', basisEn: 'given amount', amount: roundCents(D(input.construction.prefinancing_interest_eur)), weights: su });
  }

  return assemble(model, drafts, worksBase);
}

/**
 * Duties and fees of the purchase of an existing building ([CGI-DMTO], [NOTAIRE-TARIF]), each to the cent:
 * transfer duties (droits de mutation, `acquisition.transfer_duties_pct` of the price) + the notary's
 * proportional emoluments (tariff brackets of C. com. A444-91, with their VAT, not recoverable on an
 * exempt purchase) + the contribution de sécurité immobilière (CGI 879). Formalities and disbursements
 * (a few hundred euros) are not counted.
 */
export function buildingFees(model: Model, price: Dec): { amount: Dec; dutiesEur: Dec; emolumentsHtEur: Dec; emolumentsVatEur: Dec; securityEur: Dec; basisFr: string; basisEn: string } {
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
  return {
    amount, dutiesEur: duties, emolumentsHtEur: emolHt, emolumentsVatEur: emolVatEur, securityEur: csi,
    basisFr: `droits de mutation ${plain(dutiesPct, 'fr', 5)} % (${fmtEur(duties, 'fr')}) + émoluments du notaire ${fmtEur(emolHt, 'fr')} HT + TVA ${plain(emolVat, 'fr')} % + contribution de sécurité immobilière ${plain(csiPct, 'fr')} %, sur ${fmtEur(price, 'fr')}`,
    basisEn: `transfer duties ${plain(dutiesPct, 'en', 5)}% (${fmtEur(duties, 'en')}) + notary's emoluments ${fmtEur(emolHt, 'en')} excl. VAT + VAT ${plain(emolVat, 'en')}% + property security contribution ${plain(csiPct, 'en')}%, on ${fmtEur(price, 'en')}`,
  };
}

function scopeMask(lots: readonly LotModel[], l: { lots?: string[] | undefined; tenures?: string[] | undefined }): boolean[] {
  return lots.map((lot) => (!l.lots || l.lots.includes(lot.id)) && (!l.tenures || l.tenures.includes(lot.tenure)));
}

function otherLine(model: Model, l: CostLineInput, defaultChapter: Chapter, id: string, worksWeights: readonly Dec[]): LineDraft {
  const { lots } = model;
  const mask = scopeMask(lots, l);
  // "% of works" of a scoped line: the works of its lots only (their own works and share of common spaces).
  const worksBase = sum(worksWeights.filter((_, i) => mask[i]));
  const su = lots.map((lot, i) => (mask[i] ? lot.suM2 : ZERO));
  const scoped = lots.filter((_, i) => mask[i]);
  let amount: Dec, basisFr: string, basisEn: string;
  if (l.amount_eur !== undefined) { amount = D(l.amount_eur); basisFr = 'montant donné'; basisEn = 'given amount'; }
  else if (l.pct_of_works !== undefined) {
    amount = worksBase.times(pct(l.pct_of_works));
    basisFr = `${plain(D(l.pct_of_works), 'fr')} % × ${fmtEur(worksBase, 'fr')} de travaux`; basisEn = `${plain(D(l.pct_of_works), 'en')}% × ${fmtEur(worksBase, 'en')} of works`;
  } else if (l.eur_per_m2_shab !== undefined) {
    const shab = sum(scoped.map((x) => x.shabM2));
    amount = D(l.eur_per_m2_shab).times(shab);
    basisFr = `${plain(D(l.eur_per_m2_shab), 'fr')} €/m² SHAB × ${plain(shab, 'fr')} m²`; basisEn = `€${plain(D(l.eur_per_m2_shab), 'en')}/m² × ${plain(shab, 'en')} m²`;
  } else {
    const n = scoped.reduce((s, x) => s + x.dwellings, 0);
    amount = D(l.eur_per_dwelling ?? 0).times(n);
    basisFr = `${plain(D(l.eur_per_dwelling ?? 0), 'fr')} € × ${n} logements`; basisEn = `€${plain(D(l.eur_per_dwelling ?? 0), 'en')} × ${n} dwellings`;
  }
  if (l.lots || l.tenures) { basisFr += ` (${scoped.map((x) => x.id).join(', ')})`; basisEn += ` (${scoped.map((x) => x.id).join(', ')})`; }
  return { id, chapter: l.chapter ?? defaultChapter, labelFr: l.label, labelEn: l.label, basisFr, basisEn, amount: roundCents(amount), weights: su };
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
  const spFr = plain(model.spM2, 'fr', 2), spEn = plain(model.spM2, 'en', 2);

  if (!needTa) {
    const w = lots.map((l, i) => spLot[i]!.times(taFactor(l)));
    add({ id: 'ta', chapter: 'land', labelFr: "Taxe d'aménagement", labelEn: 'Development tax (TA)', basisFr: 'montant donné, réparti au prorata de la SP taxable', basisEn: 'given amount, split pro rata taxable floor area', amount: roundCents(D(taxes.ta_eur!)), weights: w });
  } else {
    const commune = orDefault(model.used, 'land.taxes.ta_commune_rate_pct', taxes.ta_commune_rate_pct);
    const dept = orDefault(model.used, 'land.taxes.ta_department_rate_pct', taxes.ta_department_rate_pct);
    // The regional part exists only in Île-de-France (TA_REGION_OUTSIDE_IDF warns when given elsewhere).
    const region = model.ileDeFrance ? orDefault(model.used, 'land.taxes.ta_region_rate_pct', taxes.ta_region_rate_pct) : ZERO;
    const rate = pct(commune.plus(dept).plus(region));
    const perLot = lots.map((l, i) => spLot[i]!.times(vf).times(rate).times(taFactor(l)));
    const amount = roundCents(sum(perLot));
    add({ id: 'ta', chapter: 'land', labelFr: "Taxe d'aménagement", labelEn: 'Development tax (TA)',
      basisFr: `${spFr} m² SP × ${plain(vf, 'fr')} €/m² × ${plain(commune.plus(dept).plus(region), 'fr')} %, abattements par produit`,
      basisEn: `${spEn} m² × €${plain(vf, 'en')}/m² × ${plain(commune.plus(dept).plus(region), 'en')}%, abatements by tenure`,
      amount, weights: perLot });
  }
  if (!needRap) {
    const w = lots.map((l, i) => spLot[i]!.times(rapFactor(l)));
    add({ id: 'rap', chapter: 'land', labelFr: "Redevance d'archéologie préventive", labelEn: 'Archaeology levy (RAP)', basisFr: 'montant donné', basisEn: 'given amount', amount: roundCents(D(taxes.rap_eur!)), weights: w });
  } else if (defaultBool(model.used, 'land.taxes.rap_applies', taxes.rap_applies)) {
    const rate = pct(useParam(model, 'rap.rate_pct'));
    const perLot = lots.map((l, i) => spLot[i]!.times(vf).times(rate).times(rapFactor(l)));
    add({ id: 'rap', chapter: 'land', labelFr: "Redevance d'archéologie préventive", labelEn: 'Archaeology levy (RAP)',
      basisFr: `${spFr} m² SP × ${plain(vf, 'fr')} €/m² × ${plain(rate.times(100), 'fr')} %, abattements par produit`,
      basisEn: `${spEn} m² × €${plain(vf, 'en')}/m² × ${plain(rate.times(100), 'en')}%, abatements by tenure`,
      amount: roundCents(sum(perLot)), weights: perLot });
  }
}

function assemble(model: Model, drafts: LineDraft[], worksBase: Dec): CostPrice {
  const { lots } = model;
  const zeroCh = (): Record<Chapter, Dec> => ({ land: ZERO, building: ZERO, fees: ZERO, misc: ZERO, financial: ZERO });
  const lines: CostLine[] = [];
  const lotCh = lots.map(() => zeroCh());
  const byChapter = zeroCh();
  // Per lot, the part of chapter I outside VAT (purchase of an existing building, its duties and fees).
  const noVat = lots.map(() => ZERO);
  const order = new Map(CHAPTER_ORDER.map((c, i) => [c, i]));
  drafts.sort((a, b) => order.get(a.chapter)! - order.get(b.chapter)!);
  for (const d of drafts) {
    const weights = d.weights.some((w) => w.gt(0)) ? d.weights : lots.map((l) => l.suM2);
    const perLot = allocate(d.amount, weights);
    lines.push({ id: d.id, chapter: d.chapter, labelFr: d.labelFr, labelEn: d.labelEn, basisFr: d.basisFr, basisEn: d.basisEn, amountHtEur: d.amount, perLotHtEur: perLot, ...(d.noVat ? { noVat: true } : {}) });
    byChapter[d.chapter] = byChapter[d.chapter].plus(d.amount);
    perLot.forEach((v, i) => { lotCh[i]![d.chapter] = lotCh[i]![d.chapter].plus(v); });
    if (d.noVat) perLot.forEach((v, i) => { noVat[i] = noVat[i]!.plus(v); });
  }
  const perLot: LotCost[] = lots.map((lot, i) => {
    const ch = lotCh[i]!;
    const ht = sum(CHAPTER_ORDER.map((c) => ch[c]));
    // VAT of the lot to the cent (named rule: a tax amount is stated in cents).
    const vat = roundCents(ht.minus(noVat[i]!).times(lot.vatRate));
    const ttc = ht.plus(vat);
    const landTtc = roundCents(ch.land.minus(noVat[i]!).times(lot.vatRate.plus(1))).plus(noVat[i]!);
    return {
      htEur: ht, vatEur: vat, ttcEur: ttc, byChapterHtEur: ch, landTtcEur: landTtc,
      perDwellingTtcEur: ttc.div(lot.dwellings), perM2ShabTtcEur: ttc.div(lot.shabM2), perM2SuTtcEur: ttc.div(lot.suM2), perM2ShabHtEur: ht.div(lot.shabM2),
    };
  });
  const totalHt = sum(perLot.map((p) => p.htEur));
  const totalVat = sum(perLot.map((p) => p.vatEur));
  return { lines, byChapterHtEur: byChapter, totalHtEur: totalHt, totalVatEur: totalVat, totalTtcEur: totalHt.plus(totalVat), worksBaseHtEur: worksBase, perLot };
}
