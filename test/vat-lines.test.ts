/**
 * VAT per cost line (docs/cost-price.md « TVA par ligne », spec of issue 17 §D), worked by hand on
 * test/fixtures/vat/vat-lines.yaml: a PLUS lot (10 %, CGI 278 sexies-0 A) of 300 m² SHAB and a PLAI lot
 * (5.5 %, CGI 278 sexies) of 200 m², no annexes (shared lines split 60 % / 40 % pro rata SU):
 *   land 100 000 (lot rate) · land_fees 7 000 (0 %, vat_by_line_pct) · notary 3 000 (land.other, 0 % by
 *   vat_by_line_pct.other) · works 2 000 × 500 = 1 000 000 (lot rate) · fees 10 % = 100 000 (20 %,
 *   vat_by_line_pct) · AMO 1 234.57 (20 %, its own vat_pct).
 *   PLUS: HT 60 000 + 4 200 + 1 800 + 600 000 + 60 000 + 740.74 = 726 740.74;
 *         VAT 10 % × 660 000 + 20 % × 60 000 + 20 % × 740.74 = 78 148.148 → 78 148.15; TTC 804 888.89;
 *         land TTC 60 000 × 1.10 + 4 200 + 1 800 = 72 000.
 *   PLAI: HT 40 000 + 2 800 + 1 200 + 400 000 + 40 000 + 493.83 = 484 493.83;
 *         VAT 5.5 % × 440 000 + 20 % × 40 000 + 20 % × 493.83 = 32 298.766 → 32 298.77; TTC 516 792.60;
 *         land TTC 40 000 × 1.055 + 2 800 + 1 200 = 46 200.
 *   Equity 10 % of the TTC cost: 80 488.89 / 51 679.26; the default CDC loans fill the rest, the land
 *   line up to the land TTC: 72 000 + 652 400 / 46 200 + 418 913.34.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { sum } from '../src/domain/money';
import { runText } from '../src/pipeline';
import type { Evaluation } from '../src/engine/evaluate';
import { explainerFor } from '../src/explain/index';
import { synthesisOf } from '../src/report/synthesis';
import { leaves, mismatches } from './explain-check';
import { ROOT } from './helpers/cli';

const FILE = 'test/fixtures/vat/vat-lines.yaml';
const TEXT = fs.readFileSync(path.join(ROOT, FILE), 'utf8');

function evalText(text: string): Evaluation {
  const r = runText(FILE, text);
  expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${JSON.stringify(d.args)}`)).toEqual([]);
  return r.evaluation!;
}
/** The file with `edit` applied to its parsed document. */
function edited(edit: (doc: Record<string, any>) => void): string {
  const doc = parse(TEXT) as Record<string, any>;
  edit(doc);
  return stringify(doc);
}
const c = (x: { toFixed: (n: number) => string }) => x.toFixed(2);

describe('VAT per cost line, by hand', () => {
  const ev = evalText(TEXT);
  const [plus, plai] = ev.cost.perLot;
  const line = (id: string) => ev.cost.lines.find((l) => l.id === id)!;

  it('each line carries its own rate and where the file gives it; the others none', () => {
    expect(line('fees').vatRate?.toString()).toBe('0.2');
    expect(line('fees').vatFrom).toEqual({ origin: 'file', path: 'construction.vat_by_line_pct.fees' });
    expect(line('land_fees').vatRate?.toString()).toBe('0');
    expect(line('land_other_0').vatFrom).toEqual({ origin: 'file', path: 'construction.vat_by_line_pct.other' });
    // its own vat_pct wins over vat_by_line_pct.other
    expect(line('other_0').vatRate?.toString()).toBe('0.2');
    expect(line('other_0').vatFrom).toEqual({ origin: 'file', path: 'construction.other[0].vat_pct' });
    expect(line('land').vatRate).toBeUndefined();
    expect(line('works').vatRate).toBeUndefined();
  });

  it('HT, VAT and TTC per lot and in total', () => {
    expect([c(plus!.htEur), c(plus!.vatEur), c(plus!.ttcEur)]).toEqual(['726740.74', '78148.15', '804888.89']);
    expect([c(plai!.htEur), c(plai!.vatEur), c(plai!.ttcEur)]).toEqual(['484493.83', '32298.77', '516792.60']);
    expect([c(ev.cost.totalHtEur), c(ev.cost.totalVatEur), c(ev.cost.totalTtcEur)]).toEqual(['1211234.57', '110446.92', '1321681.49']);
  });

  it('the land TTC (cap of the CDC land loan) takes each land line at its rate', () => {
    expect([c(plus!.landTtcEur), c(plai!.landTtcEur)]).toEqual(['72000.00', '46200.00']);
  });

  it('VAT per line: each within a cent of part × rate, adding up to each lot\'s VAT exactly', () => {
    expect(ev.cost.vatByLine).toBe(true);
    // PLUS: land 6 000, land_fees 0, notary 0, works 60 000, fees 12 000, AMO 148.15 (148.148)
    expect(ev.cost.lines.map((l) => `${l.id} ${c(l.perLotVatEur![0]!)}`)).toEqual([
      'land 6000.00', 'land_fees 0.00', 'land_other_0 0.00', 'works 60000.00', 'fees 12000.00', 'other_0 148.15',
    ]);
    // PLAI: land 2 200, works 22 000, fees 8 000, AMO 98.77 (98.766)
    expect(ev.cost.lines.map((l) => c(l.perLotVatEur![1]!))).toEqual(['2200.00', '0.00', '0.00', '22000.00', '8000.00', '98.77']);
    ev.model.lots.forEach((_, i) => expect(c(sum(ev.cost.lines.map((l) => l.perLotVatEur![i]!)))).toBe(c(ev.cost.perLot[i]!.vatEur)));
    expect(c(sum(ev.cost.lines.map((l) => l.vatEur!)))).toBe(c(ev.cost.totalVatEur));
  });

  it('financing: equity at 10 % of the TTC cost, the CDC land loan up to the land TTC, sources = uses to the cent', () => {
    const f = ev.financing.rental;
    expect(f.map((x) => c(x.usesEur))).toEqual(['804888.89', '516792.60']);
    expect(f.map((x) => c(x.equityEur))).toEqual(['80488.89', '51679.26']);
    expect(f.map((x) => x.loans.map((l) => `${l.line} ${c(l.amountEur)}`))).toEqual([['land 72000.00', 'building 652400.00'], ['land 46200.00', 'building 418913.34']]);
    for (const x of f) expect(x.gapEur.isZero()).toBe(true);
    expect(c(ev.financing.totalEur)).toBe(c(ev.cost.totalTtcEur));
  });

  it('without vat_by_line_pct nor vat_pct, each lot at its own rate as before (the lines carry no VAT)', () => {
    const plain = evalText(edited((d) => { delete d.construction.vat_by_line_pct; delete d.construction.other[0].vat_pct; }));
    // PLUS 10 % × 726 740.74 = 72 674.074 → 72 674.07; PLAI 5.5 % × 484 493.83 = 26 647.16065 → 26 647.16
    expect(plain.cost.perLot.map((p) => c(p.vatEur))).toEqual(['72674.07', '26647.16']);
    expect(plain.cost.vatByLine).toBe(false);
    expect(plain.cost.lines.every((l) => l.vatRate === undefined && l.perLotVatEur === undefined)).toBe(true);
  });

  it('a sale lot works HT: its margin does not move with the rates of its lines, its TTC cost does', () => {
    const withSale = (byLine: boolean) => evalText(edited((d) => {
      d.lots[1] = { id: 'libre', tenure: 'libre', dwellings: 4, shab_m2: 200, sale: { price_eur_per_m2_shab_ttc: 4200 } };
      if (!byLine) { delete d.construction.vat_by_line_pct; delete d.construction.other[0].vat_pct; }
    }));
    const a = withSale(true), b = withSale(false);
    const s = (ev: Evaluation) => ev.sales!.lots[0]!;
    expect(c(s(a).marginEur)).toBe(c(s(b).marginEur));
    expect(c(a.financing.sale[0]!.costHtEur)).toBe('484493.83');
    // libre 20 %: by line 20 % × 440 000 + 20 % × 40 000 + 20 % × 493.83 + 0 % × 4 000 = 96 098.766 → 96 098.77
    expect(c(a.cost.perLot[1]!.vatEur)).toBe('96098.77');
    // at the lot's rate: 20 % × 484 493.83 = 96 898.766 → 96 898.77
    expect(c(b.cost.perLot[1]!.vatEur)).toBe('96898.77');
  });

  it('an unknown line id is VAT_LINE_UNKNOWN at the key, with a suggestion', () => {
    const r = runText(FILE, TEXT.replace('    fees: 20\n', '    feez: 20\n'));
    const d = r.diagnostics.find((x) => x.code === 'VAT_LINE_UNKNOWN')!;
    expect(d.path).toEqual(['construction', 'vat_by_line_pct', 'feez']);
    expect(d.args.suggestion).toBe('fees');
    expect(d.span?.line).toBe(TEXT.split('\n').findIndex((l) => l.includes('fees: 20')) + 1);
    expect(r.evaluated).toBe(false);
  });

  it('a common space at its own rate (common_spaces[].vat_pct)', () => {
    const e = evalText(edited((d) => { d.construction.common_spaces = [{ label: 'Salle commune', area_m2: 50, cost_eur_per_m2_shab: 1000, vat_pct: 20 }]; }));
    // the room: 50 000, split 30 000 / 20 000 pro rata SU, at 20 %; the fees 10 % × 1 050 000 = 105 000 split pro rata
    // works + room (630 000 / 420 000): 63 000 / 42 000, at 20 %.
    // PLUS 10 % × 660 000 + 20 % × (30 000 + 63 000 + 740.74) = 66 000 + 18 748.148 → 84 748.15
    // PLAI 5.5 % × 440 000 + 20 % × (20 000 + 42 000 + 493.83) = 24 200 + 12 498.766 → 36 698.77
    expect(e.cost.perLot.map((p) => c(p.vatEur))).toEqual(['84748.15', '36698.77']);
    expect(e.cost.lines.find((l) => l.id === 'common_space_0')!.vatFrom).toEqual({ origin: 'file', path: 'construction.common_spaces[0].vat_pct' });
  });

  it('an existing building (outside VAT) given a rate of its own: its VAT at that rate, the fees still outside VAT', () => {
    const e = evalText(edited((d) => { d.land.existing_building = true; d.construction.vat_by_line_pct = { building: 20 }; delete d.construction.other[0].vat_pct; }));
    // a PLUS acquisition-amélioration is at 5.5 % (CGI 278 sexies-0 A, [CGI-TVA-AA]):
    // PLUS: 20 % × 60 000 + 5.5 % × (726 740.74 − 60 000 − 4 200) = 12 000 + 36 439.7407 = 48 439.7407 → 48 439.74
    expect(c(e.cost.perLot[0]!.vatEur)).toBe('48439.74');
    // land TTC: 60 000 × 1.20 + 1 800 × 1.055 (the notary line at the lot's rate) + 4 200 outside VAT = 72 000 + 1 899 + 4 200
    expect(c(e.cost.perLot[0]!.landTtcEur)).toBe('78099.00');
  });
});

describe('explain: every metric of the file and its variants recomputes from traced leaves', () => {
  const variants: [string, string][] = [
    ['by line', TEXT],
    ['existing building at its own rate', edited((d) => { d.land.existing_building = true; d.construction.vat_by_line_pct = { building: 20, fees: 20 }; })],
    ['a sale lot', edited((d) => { d.lots[1] = { id: 'libre', tenure: 'libre', dwellings: 4, shab_m2: 200, sale: { price_eur_per_m2_shab_ttc: 4200 } }; })],
    ['a line scoped to one lot', edited((d) => { d.construction.other[0].lots = ['plai']; })],
    ['a common space at its own rate', edited((d) => { d.construction.common_spaces = [{ label: 'Salle commune', area_m2: 50, vat_pct: 20 }]; })],
  ];
  for (const [name, text] of variants) {
    it(name, () => {
      const r = runText(FILE, text);
      expect(r.evaluated).toBe(true);
      const ev = r.evaluation!;
      synthesisOf(ev);
      const x = explainerFor(ev, r.load.source);
      const bad: string[] = [];
      for (const [metric] of ev.metrics) {
        const tree = x.metric(metric)!;
        bad.push(...mismatches(tree).map((m) => `${metric}: ${m.id} (${m.op}) ${m.expected} ≠ ${m.got}`));
        for (const l of leaves(tree)) if (!l.origin || l.origin.kind === 'computed') bad.push(`${metric}: ${l.id} untraced`);
      }
      expect(bad.slice(0, 10)).toEqual([]);
      // the rate of each line is traced to its key of the file
      const vat = JSON.stringify(x.metric('cost_price.vat_eur'));
      if (name === 'by line') for (const key of ['construction.vat_by_line_pct.fees', 'construction.vat_by_line_pct.land_fees', 'construction.other[0].vat_pct']) expect(vat).toContain(key);
    });
  }
});


describe('VAT per line beside a VEFA between owners (docs/owners.md)', () => {
  it("the buyer's cost is the price + VAT at the VEFA rate + fees: the rates of the seller's lines do not move it; the seller's cost HT neither", () => {
    const file = 'fixtures/bayonne-prisse-owners.yaml';
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    const doc = parse(text) as Record<string, any>;
    doc.construction.vat_by_line_pct = { fees: 20, land_fees: 0 };
    const a = runText(file, text).evaluation!, b = runText(file, stringify(doc)).evaluation!;
    expect(a.vefa!.lots.length).toBeGreaterThan(0);
    a.vefa!.lots.forEach((v, k) => {
      const w = b.vefa!.lots[k]!;
      expect([c(w.buyerCostTtcEur), c(w.priceVatEur), c(w.sellerCostHtEur)]).toEqual([c(v.buyerCostTtcEur), c(v.priceVatEur), c(v.sellerCostHtEur)]);
      expect(c(w.buyerCostTtcEur)).toBe(c(w.priceHtEur.plus(w.priceVatEur).plus(w.feesEur)));
    });
    // the operation's own VAT did move (its fees at 20 %, its acquisition fees outside VAT)
    expect(c(b.cost.totalVatEur)).not.toBe(c(a.cost.totalVatEur));
  });
});
