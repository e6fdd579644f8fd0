/**
 * Acquisition-amélioration (docs/format.md « Acquisition-amélioration ») and dwelling types, worked by hand
 * from the rules cited in docs/sources.md:
 * - the purchase of an existing building bears no VAT (CGI 261-5-2°, [CGI-TVA-AA]);
 * - its fees: transfer duties 5.80665 % (CGI 1594 D 4.50 % + 1584 1.20 % + 1647 V 2.37 % × 4.50 %, [CGI-DMTO]),
 *   the notary's proportional emoluments (C. com. A444-91: 3.870 % to 6 500 €, 1.596 % to 17 000 €, 1.064 % to
 *   60 000 €, 0.799 % above, [NOTAIRE-TARIF]) with 20 % VAT, and the CSI 0.10 % (CGI 879), each to the cent;
 * - no taxe d'aménagement nor RAP on an existing building (no new floor area, C. urb. L.331-6);
 * - the works of a social-rental acquisition-amélioration at 5.5 % (CGI 278 sexies-0 A, 278 sexies A, [CGI-TVA-AA]);
 * - the default CDC land loan covers chapter I (the charge immobilière), without VAT on the purchase.
 */
import { costLineLabel } from '../src/report/words';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { D } from '../src/domain/money';
import { runText } from '../src/pipeline';
import type { Evaluation } from '../src/engine/evaluate';
import { runCli } from './helpers/cli';

function evalOk(doc: Record<string, unknown>): Evaluation {
  const r = runText('t.yaml', stringify({ format: 'equilibre/v1', operation: { name: 'AA', zone_abc: 'B1', zone_hlm: 2, parameters_year: 2026 }, ...doc }));
  expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${JSON.stringify(d.args)}`)).toEqual([]);
  return r.evaluation!;
}
const line = (ev: Evaluation, id: string) => ev.cost.lines.find((l) => l.id === id);
const eur = (x: string) => D(x).toFixed(2);

// The fees of a purchase at 1 000 000 €, by hand:
//   duties      1 000 000 × 5.80665 %                                            = 58 066.50
//   emoluments  6 500 × 3.870 % = 251.55; 10 500 × 1.596 % = 167.58; 43 000 × 1.064 % = 457.52;
//               940 000 × 0.799 % = 7 510.60                              total   =  8 387.25 HT
//   their VAT   8 387.25 × 20 %                                                  =  1 677.45
//   CSI         1 000 000 × 0.10 %                                               =  1 000.00
//   fees                                                                         = 69 131.20
const FEES_1M = '69131.20';

describe('acquisition-amélioration of the whole operation (land.existing_building)', () => {
  // One PLUS lot of 10 dwellings, 700 m² SHAB, no annexes; works 1 500 €/m² SHAB; defaults for the rest.
  const doc = {
    land: { price_eur: 1_000_000, existing_building: true },
    construction: { cost_eur_per_m2_shab: 1500 },
    lots: [{ id: 'plus', tenure: 'PLUS', dwellings: 10, shab_m2: 700 }],
  };
  const ev = evalOk(doc);

  it('reads « Acquisition de l\'immeuble » and « Travaux d\'amélioration », with the fees of an old building', () => {
    expect(costLineLabel(line(ev, 'land')!, 'fr')).toBe("Acquisition de l'immeuble");
    expect(line(ev, 'land')!.amountHtEur.toFixed(2)).toBe(eur('1000000'));
    expect(line(ev, 'land_fees')!.amountHtEur.toFixed(2)).toBe(FEES_1M);
    expect(costLineLabel(line(ev, 'works')!, 'fr')).toBe("Travaux d'amélioration");
    expect(line(ev, 'works')!.amountHtEur.toFixed(2)).toBe(eur('1050000')); // 1 500 × 700
    // no new floor area: no TA, no RAP
    expect(line(ev, 'ta')).toBeUndefined();
    expect(line(ev, 'rap')).toBeUndefined();
  });

  it('cost price HT, VAT at 5.5 % on all but the purchase and its fees, TTC', () => {
    // HT = 1 000 000 + 69 131.20 + works 1 050 000 + contingencies 3 % 31 500 + fees 12 % 126 000 + insurance 1.5 % 15 750
    expect(ev.cost.totalHtEur.toFixed(2)).toBe('2292381.20');
    expect(ev.model.lots[0]!.vatRate.toString()).toBe('0.055');
    // VAT = (2 292 381.20 − 1 069 131.20) × 5.5 % = 1 223 250 × 5.5 % = 67 278.75
    expect(ev.cost.totalVatEur.toFixed(2)).toBe('67278.75');
    expect(ev.cost.totalTtcEur.toFixed(2)).toBe('2359659.95');
    // the charge immobilière, without VAT: the cap of the CDC land loan
    expect(ev.cost.perLot[0]!.landTtcEur.toFixed(2)).toBe('1069131.20');
  });

  it('the default CDC PLUS loans: land line = chapter I, building line = the rest', () => {
    const loans = ev.financing.rental[0]!.loans;
    expect(loans.find((l) => l.line === 'land')!.amountEur.toFixed(2)).toBe('1069131.20');
    expect(loans.find((l) => l.line === 'building')!.amountEur.toFixed(2)).toBe('1290528.75'); // 2 359 659.95 − 1 069 131.20
    expect(ev.financing.rental[0]!.gapEur.toFixed(2)).toBe('0.00');
  });

  it('a new building of the same figures keeps its land line, 10 % VAT on everything and the TA', () => {
    const nb = evalOk({ ...doc, land: { price_eur: 1_000_000 } });
    expect(costLineLabel(line(nb, 'land')!, 'fr')).toBe('Acquisition du terrain');
    expect(costLineLabel(line(nb, 'works')!, 'fr')).toBe('Travaux de construction');
    expect(nb.model.lots[0]!.vatRate.toString()).toBe('0.1');
    expect(line(nb, 'ta')).toBeDefined();
    expect(nb.cost.totalVatEur.toFixed(2)).toBe(nb.cost.totalHtEur.times('0.1').toFixed(2));
  });

  it('a transfer-duties rate raised by the department is a parameter of the file', () => {
    const raised = evalOk({ ...doc, parameters: { 'acquisition.transfer_duties_pct': 6.31665 } });
    // + 1 000 000 × 0.51 % = + 5 100.00
    expect(line(raised, 'land_fees')!.amountHtEur.toFixed(2)).toBe('74231.20');
  });
});

describe('one lot bought in an operation of new lots (lots[].acquisition)', () => {
  // A new PLUS lot on a plot, and a PLAI lot that is an existing house bought 300 000 €.
  const ev = evalOk({
    land: { price_eur: 200_000, taxes: { rap_applies: false } },
    construction: { cost_eur_per_m2_shab: 1800 },
    lots: [
      { id: 'neuf', tenure: 'PLUS', dwellings: 10, shab_m2: 650 },
      { id: 'maison', tenure: 'PLAI', dwellings: 3, shab_m2: 200, cost_eur_per_m2_shab: 1200, acquisition: { price_eur: 300_000 } },
    ],
  });

  it('the lot has its own purchase and fees; the plot, its fees and the TA stay with the new lot', () => {
    expect(line(ev, 'acquisition_maison')!.perLotHtEur.map((x) => x.toFixed(2))).toEqual(['0.00', '300000.00']);
    // fees on 300 000: duties 17 419.95; emoluments 251.55 + 167.58 + 457.52 + 240 000 × 0.799 % (1 917.60) = 2 794.25,
    // VAT 558.85; CSI 300.00 → 21 073.05
    expect(line(ev, 'acquisition_fees_maison')!.amountHtEur.toFixed(2)).toBe('21073.05');
    expect(line(ev, 'land')!.perLotHtEur.map((x) => x.toFixed(2))).toEqual(['200000.00', '0.00']);
    expect(line(ev, 'ta')!.perLotHtEur[1]!.toFixed(2)).toBe('0.00');
  });

  it('two works lines: construction for the new lot, improvement for the bought one', () => {
    expect(line(ev, 'works')!.amountHtEur.toFixed(2)).toBe('1170000.00'); // 1 800 × 650
    expect(costLineLabel(line(ev, 'improvement_works')!, 'fr')).toBe("Travaux d'amélioration");
    expect(line(ev, 'improvement_works')!.amountHtEur.toFixed(2)).toBe('240000.00'); // 1 200 × 200
  });

  it('VAT: 5.5 % on the bought lot but for its purchase and fees; the new PLUS lot at 10 %', () => {
    const [neuf, maison] = ev.cost.perLot;
    expect(ev.model.lots[1]!.vatRate.toString()).toBe('0.055');
    const taxable = maison!.htEur.minus('321073.05');
    expect(maison!.vatEur.toFixed(2)).toBe(taxable.times('0.055').toDecimalPlaces(2).toFixed(2));
    expect(neuf!.vatEur.toFixed(2)).toBe(neuf!.htEur.times('0.1').toDecimalPlaces(2).toFixed(2));
    expect(maison!.landTtcEur.toFixed(2)).toBe('321073.05');
  });
});

describe('dwelling types (lots[].types)', () => {
  const base = {
    land: { price_eur: 100_000, taxes: { ta_eur: 0, rap_eur: 0 } },
    construction: { cost_eur_per_m2_shab: 1500 },
  };

  it('a sale lot priced by type: price per m² = Σ count × price / SHAB; discounts per type average to the lot\'s', () => {
    const ev = evalOk({ ...base, lots: [{
      id: 'brs', tenure: 'BRS', dwellings: 5, shab_m2: 330,
      types: [
        { type: 'T2', count: 2, shab_m2: 48, price_eur_ttc: 135000 },
        { type: 'T3', count: 2, shab_m2: 67, price_eur_ttc: 189500 },
        { type: 'T4', count: 1, shab_m2: 100, price_eur_per_m2_shab_ttc: 2620 },
      ],
      sale: { market_price_eur_per_m2_shab: 4500 },
    }] });
    const s = ev.sales!.lots[0]!;
    // (2 × 135 000 + 2 × 189 500 + 262 000) / 330 = 911 000 / 330
    expect(s.priceTtcPerM2Shab.toFixed(6)).toBe(D(911000).div(330).toFixed(6));
    expect(s.priceTtcPerDwellingEur.toFixed(2)).toBe('182200.00'); // 911 000 / 5
    expect(s.types!.map((t) => t.priceTtcEur.toFixed(2))).toEqual(['135000.00', '189500.00', '262000.00']);
    // the T3 of 67 m² sold 189 500 €: 2 828.36 €/m², 37.15 % under 4 500
    expect(s.types![1]!.priceTtcPerM2Shab.toFixed(2)).toBe('2828.36');
    // invariant: the lot's discount is the mean of the types' discounts weighted by their SHAB
    const weighted = s.types!.reduce((a, t) => a.plus(t.discountVsMarketPct!.times(t.shabM2).times(t.count)), D(0)).div(330);
    expect(weighted.toFixed(9)).toBe(s.discountVsMarketPct!.toFixed(9));
    expect(ev.metrics.get('sale.brs.price_ttc_eur_per_dwelling')?.value).toBeDefined();
  });

  it('a price per dwelling gives the same price as the same total per m²', () => {
    const one = evalOk({ ...base, lots: [{ id: 'l', tenure: 'PSLA', dwellings: 4, shab_m2: 268, sale: { price_eur_per_dwelling_ttc: 189500 } }] });
    const two = evalOk({ ...base, lots: [{ id: 'l', tenure: 'PSLA', dwellings: 4, shab_m2: 268, sale: { price_eur_per_m2_shab_ttc: 189500 * 4 / 268 } }] });
    expect(one.sales!.lots[0]!.revenueHtEur.toFixed(6)).toBe(two.sales!.lots[0]!.revenueHtEur.toFixed(6));
  });

  it('a market price per m² SU gives the same discount as the SHAB price it stands for', () => {
    // SU = 300 + 40 / 2 = 320 (accession SU, no garage); market 4 000 €/m² SU ⇔ 4 000 × 320 / 300 per m² SHAB
    const lot = { id: 'l', tenure: 'PSLA', dwellings: 4, shab_m2: 300, annexes_m2: 40, sale: { price_eur_per_m2_shab_ttc: 2500 } };
    const su = evalOk({ ...base, lots: [{ ...lot, sale: { ...lot.sale, market_price_eur_per_m2_su: 4000 } }] });
    const shab = evalOk({ ...base, lots: [{ ...lot, sale: { ...lot.sale, market_price_eur_per_m2_shab: D(4000).times(320).div(300).toNumber() } }] });
    expect(su.sales!.lots[0]!.discountVsMarketPct!.toFixed(6)).toBe(shab.sales!.lots[0]!.discountVsMarketPct!.toFixed(6));
    // 1 − 2 500 × 300 / (4 000 × 320) = 1 − 750 000 / 1 280 000 = 41.40625 %
    expect(su.sales!.lots[0]!.discountVsMarketPct!.toFixed(5)).toBe('41.40625');
  });

  it('the operation\'s average discount is weighted by the lots\' SHAB', () => {
    const ev = evalOk({ ...base, lots: [
      { id: 'a', tenure: 'PSLA', dwellings: 2, shab_m2: 100, sale: { price_eur_per_m2_shab_ttc: 2700, market_price_eur_per_m2_shab: 3000 } }, // 10 %
      { id: 'b', tenure: 'PSLA', dwellings: 6, shab_m2: 300, sale: { price_eur_per_m2_shab_ttc: 2400, market_price_eur_per_m2_shab: 3000 } }, // 20 %
    ] });
    // (10 × 100 + 20 × 300) / 400 = 17.5 %
    expect(ev.sales!.averageDiscountVsMarketPct!.toFixed(9)).toBe('17.500000000');
    expect(ev.metrics.get('sale.average_discount_vs_market_pct')?.value).toBeDefined();
  });

  it('a rental lot with rents by type: rent = Σ count × rent / SU; annexes from the types', () => {
    const ev = evalOk({ ...base, lots: [{
      id: 'plus', tenure: 'PLUS', dwellings: 3, shab_m2: 200,
      types: [{ type: 'T3', count: 2, shab_m2: 65, annexes_m2: 6, rent_eur_per_month: 420 }, { type: 'T4', count: 1, shab_m2: 70, annexes_m2: 8, rent_eur_per_month: 455 }],
    }] });
    const lot = ev.model.lots[0]!;
    expect(lot.annexesM2.toString()).toBe('20'); // 2 × 6 + 8
    expect(lot.suM2.toString()).toBe('210'); // 200 + 20 / 2
    // (2 × 420 + 455) / 210 = 1 295 / 210 €/m² SU/month
    expect(ev.rental!.lots[0]!.rent.rent.toFixed(9)).toBe(D(1295).div(210).toFixed(9));
  });

  it('types without prices leave the lot as it is (same figures as without types)', () => {
    const lot = { id: 'l', tenure: 'PSLA', dwellings: 4, shab_m2: 268, sale: { price_eur_per_m2_shab_ttc: 2800 } };
    const a = evalOk({ ...base, lots: [lot] });
    const b = evalOk({ ...base, lots: [{ ...lot, types: [{ type: 'T3', count: 4, shab_m2: 67 }] }] });
    const figures = (ev: Evaluation) => JSON.stringify([...ev.metrics.entries()].filter(([k]) => k !== 'sale.l.price_ttc_eur_per_dwelling').map(([k, m]) => [k, String(m.value)]));
    expect(figures(b)).toBe(figures(a));
    // the one metric more: the price of a dwelling, 2 800 × 268 / 4
    expect(String(b.metrics.get('sale.l.price_ttc_eur_per_dwelling')!.value)).toBe('187600');
  });
});

describe('bad input', () => {
  it('a lot bought on its own in an operation that is itself an existing building: CONFLICTING_KEYS at the lot', () => {
    const r = runText('t.yaml', stringify({
      format: 'equilibre/v1', operation: { name: 'AA', zone_abc: 'B1', zone_hlm: 2, parameters_year: 2026 },
      land: { price_eur: 100000, existing_building: true }, construction: { cost_eur_per_m2_shab: 1500 },
      lots: [{ id: 'a', tenure: 'PLUS', dwellings: 2, shab_m2: 130, acquisition: { price_eur: 50000 } }],
    }));
    expect(r.diagnostics.map((d) => [d.code, d.path.join('.')])).toContainEqual(['CONFLICTING_KEYS', 'lots.0.acquisition']);
  });

  it('a lot acquisition without a price: MISSING_ONE_OF at the lot\'s acquisition', () => {
    const r = runText('t.yaml', stringify({
      format: 'equilibre/v1', operation: { name: 'AA', zone_abc: 'B1', zone_hlm: 2, parameters_year: 2026 },
      land: { price_eur: 100000 }, construction: { cost_eur_per_m2_shab: 1500 },
      lots: [{ id: 'a', tenure: 'PLUS', dwellings: 2, shab_m2: 130, acquisition: { fees_eur: 5000 } }],
    }));
    expect(r.diagnostics.map((d) => [d.code, d.path.join('.')])).toContainEqual(['MISSING_ONE_OF', 'lots.0.acquisition']);
  });
});

describe('the report', () => {
  it('lists the types of a rental lot with their rent, and reads « Charge immobilière » for an existing building', async () => {
    const file = stringify({
      format: 'equilibre/v1', operation: { name: 'AA', zone_abc: 'B1', zone_hlm: 2, parameters_year: 2026 },
      land: { price_eur: 400000, existing_building: true }, construction: { cost_eur_per_m2_shab: 1500 },
      lots: [{ id: 'plus', tenure: 'PLUS', dwellings: 3, shab_m2: 200, types: [{ type: 'T3', count: 2, shab_m2: 65, rent_eur_per_month: 420 }, { type: 'T4', count: 1, shab_m2: 70, rent_eur_per_month: 455 }] }],
    });
    const r = await runCli(['report', 'aa.yaml', '--width', '200'], { files: { 'aa.yaml': file } });
    expect(r.stdout).toMatch(/│ plus +│ T3 +│ +2 │ +65 m² │ +0 m² │ +420 € │/);
    expect(r.stdout).toMatch(/│ plus +│ T4 +│ +1 │ +70 m² │ +0 m² │ +455 € │/);
    expect(r.stdout).toContain('Total I. Charge immobilière');
    expect(r.stdout).toContain("Acquisition de l'immeuble");
    expect(r.stdout).toContain("Travaux d'amélioration");
    const en = await runCli(['report', 'aa.yaml', '--lang', 'en', '--width', '200'], { files: { 'aa.yaml': file } });
    expect(en.stdout).toContain('Building purchase');
    expect(en.stdout).toContain('Improvement works');
  });
});
