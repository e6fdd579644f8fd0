/**
 * The seed operations (fixtures/*.yaml, from /work/shared/docs/seed-operations.md) go through the
 * whole pipeline and keep the facts of the seed. Expected values are computed here by hand from
 * the seed (dwellings per tenure, surfaces, unit costs), not read back from the engine.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { D, type Dec } from '../src/domain/money';
import type { Tenure } from '../src/schema/operation';
import { runText, type PipelineResult } from '../src/pipeline';
import type { Evaluation } from '../src/engine/evaluate';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

function run(name: string): PipelineResult {
  const file = path.join(FIXTURES, `${name}.yaml`);
  return runText(`fixtures/${name}.yaml`, fs.readFileSync(file, 'utf8'));
}

function evaluationOf(name: string): Evaluation {
  const r = run(name);
  if (!r.evaluation) throw new Error(`${name}: not evaluated: ${r.diagnostics.map((d) => d.code).join(', ')}`);
  return r.evaluation;
}

const cents = (x: Dec): string => x.toDecimalPlaces(2).toFixed(2);

function worksLine(e: Evaluation): Dec {
  const line = e.cost.lines.find((l) => l.id === 'works');
  if (!line) throw new Error('no works line');
  return line.amountHtEur;
}

function dwellingsByTenure(e: Evaluation): Partial<Record<Tenure, number>> {
  const out: Partial<Record<Tenure, number>> = {};
  for (const lot of e.model.lots) out[lot.tenure] = (out[lot.tenure] ?? 0) + lot.dwellings;
  return out;
}

function dwellingsByLot(e: Evaluation): Record<string, number> {
  return Object.fromEntries(e.model.lots.map((l) => [l.id, l.dwellings]));
}

/** Average dwelling of new social housing, 66 m² (CDC Éclairages 2017, domain.md §1): the fixtures' assumed size. */
const M2 = 66;

interface Expected {
  dwellings: number;
  byTenure: Partial<Record<Tenure, number>>;
  shabM2: number;
}

const EXPECTED: Record<string, Expected> = {
  // 41 PSLA + 1 VEFA accession sociale (PSLA lot) + 4 SCIAPP; 2 871 m² SHAB (seed).
  'terra-arte': { dwellings: 41 + 1 + 4, byTenure: { PSLA: 41 + 1, SCIAPP: 4 }, shabM2: 2871 },
  // 8 PSLA + 2 PLUS + 1 PLAI.
  'voisins-du-quai': { dwellings: 8 + 2 + 1, byTenure: { PSLA: 8, PLUS: 2, PLAI: 1 }, shabM2: 11 * M2 },
  // the same operation with a management profile (fixtures/profils/bailleur-2026.yaml): the same seed facts.
  'voisins-du-quai-profil': { dwellings: 8 + 2 + 1, byTenure: { PSLA: 8, PLUS: 2, PLAI: 1 }, shabM2: 11 * M2 },
  // 8 PLUS + 3 PLAI + 13 accession (PSLA).
  'groupe-du-4-mars': { dwellings: 8 + 3 + 13, byTenure: { PLUS: 8, PLAI: 3, PSLA: 13 }, shabM2: 24 * M2 },
  // 7 habitat participatif + 18 PSLA, both sold as PSLA.
  'coop-colette': { dwellings: 7 + 18, byTenure: { PSLA: 7 + 18 }, shabM2: 25 * M2 },
  // 17 rental (12 PLUS + 5 PLAI assumed) + 15 accession (PSLA).
  'hameau-partage': { dwellings: 17 + 15, byTenure: { PLUS: 12, PLAI: 5, PSLA: 15 }, shabM2: 32 * M2 },
  // 46 social rental (32 PLUS + 14 PLAI assumed).
  'locus-solus': { dwellings: 46, byTenure: { PLUS: 32, PLAI: 14 }, shabM2: 46 * M2 },
  // 7 LLS (5 PLUS + 2 PLAI) + 13 accession (9 PSLA + 4 libre).
  'roubaix-esperance': { dwellings: 7 + 13, byTenure: { PLUS: 5, PLAI: 2, PSLA: 9, libre: 4 }, shabM2: 20 * M2 },
  'roubaix-esperance-plus-30': { dwellings: 7 + 13, byTenure: { PLUS: 5, PLAI: 2, PSLA: 9, libre: 4 }, shabM2: 20 * M2 },
  // The base again, with `variants:` reproducing the two other files for `equilibre compare`.
  'roubaix-esperance-variants': { dwellings: 7 + 13, byTenure: { PLUS: 5, PLAI: 2, PSLA: 9, libre: 4 }, shabM2: 20 * M2 },
  // Same homes, the PSLA ones let as PLS.
  'roubaix-esperance-plus-pls': { dwellings: 7 + 13, byTenure: { PLUS: 5, PLAI: 2, PLS: 9, libre: 4 }, shabM2: 20 * M2 },
  // 16 BRS.
  'saint-denis-brs': { dwellings: 16, byTenure: { BRS: 16 }, shabM2: 16 * M2 },
  // 14 coop (10 coop + 4 PLAI-type, 30 m² each) + 24 social home-ownership (PSLA); coop homes 75 m².
  'village-vertical': { dwellings: 14 + 24, byTenure: { coop: 10, PLAI: 4, PSLA: 24 }, shabM2: 4 * 30 + 10 * 75 + 24 * M2 },
  // 70 social rental (49 PLUS + 21 PLAI assumed) + 88 BRS + 24 LLI + 44 controlled price + 124 market.
  'bayonne-prisse': { dwellings: 350, byTenure: { PLUS: 49, PLAI: 21, BRS: 88, LLI: 24, libre: 44 + 124 }, shabM2: 350 * M2 },
  // One premises standing for the fit-out (see the file's header).
  'la-rochelle-mireuil': { dwellings: 1, byTenure: { PLUS: 1 }, shabM2: 100 },
  // 30 BRS flats in six rehabilitated buildings, 65 m² on average (hypotheses of the file's header).
  'petit-bayonne-brs': { dwellings: 30, byTenure: { BRS: 30 }, shabM2: 30 * 65 },
  // Bayonne Prissé with its owners: the same homes.
  'bayonne-prisse-owners': { dwellings: 350, byTenure: { PLUS: 49, PLAI: 21, BRS: 88, LLI: 24, libre: 44 + 124 }, shabM2: 350 * M2 },
  // Grandola, Tarnos: 33 social rental (23 PLUS + 10 PLAI assumed) + 75 BRS, via a SCCV.
  'grandola-sccv': { dwellings: 108, byTenure: { PLUS: 23, PLAI: 10, BRS: 75 }, shabM2: 108 * M2 },
  // The same 30 flats as two BRS lots with their dwelling types (T2–T5), 2 031 m² (hypotheses of the file's header).
  'petit-bayonne-rehabilitation': { dwellings: 30, byTenure: { BRS: 30 }, shabM2: 907 + 1124 },
  // Issue 17's two fixtures:
  // Locus Solus over 80 years with a management profile: the seed's 46 social rental dwellings, the
  // lots of fixtures/locus-solus.yaml (32 PLUS + 14 PLAI assumed).
  'locus-solus-80-ans': { dwellings: 46, byTenure: { PLUS: 32, PLAI: 14 }, shabM2: 46 * M2 },
  // A résidence sociale bought in VEFA (an example, no seed): 40 PLAI units of 20 m² and 12 PLS units of 30 m².
  'residence-sociale-vefa': { dwellings: 40 + 12, byTenure: { PLAI: 40, PLS: 12 }, shabM2: 40 * 20 + 12 * 30 },
};

describe('seed fixtures: every file evaluates cleanly and keeps the seed facts', () => {
  it('every fixture file on disk is covered here', () => {
    const onDisk = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, '')).sort();
    expect(onDisk).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [name, exp] of Object.entries(EXPECTED)) {
    describe(name, () => {
      const r = run(name);

      it('is evaluated with no error-severity diagnostic', () => {
        expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${JSON.stringify(d.args)}`)).toEqual([]);
        expect(r.evaluated).toBe(true);
        expect(r.evaluation).toBeDefined();
      });

      it('has the dwellings of the seed, per tenure', () => {
        const e = r.evaluation!;
        expect(e.surfaces.dwellings).toBe(exp.dwellings);
        const sum = Object.values(exp.byTenure).reduce((s, n) => s + n, 0);
        expect(sum).toBe(exp.dwellings); // the expectation itself adds up
        expect(dwellingsByTenure(e)).toEqual(exp.byTenure);
      });

      it('has the total SHAB', () => {
        expect(r.evaluation!.surfaces.shabM2.toFixed(2)).toBe(D(exp.shabM2).toFixed(2));
      });

      it('balances the financing plan of every rental lot to the cent', () => {
        const e = r.evaluation!;
        const rentalLots = e.model.lots.filter((l) => l.info.kind === 'rental');
        expect(e.financing.rental.map((f) => f.lotIndex).sort()).toEqual(rentalLots.map((l) => l.index).sort());
        for (const f of e.financing.rental) {
          const lot = e.model.lots[f.lotIndex]!;
          expect(f.gapEur.isZero(), `lot ${lot.id}: gap ${f.gapEur.toFixed(2)}`).toBe(true);
          const sources = f.subsidiesEur.plus(f.equityEur).plus(f.loansEur);
          expect(cents(sources), `lot ${lot.id}`).toBe(cents(f.usesEur));
          // a lot bought in VEFA is financed at its buyer's cost price (price + VAT + fees)
          expect(cents(f.usesEur), `lot ${lot.id}`).toBe(cents((e.vefa?.buyerCost ?? e.cost).perLot[f.lotIndex]!.ttcEur));
        }
      });
    });
  }
});

describe('Terra Arte (seed facts)', () => {
  const e = evaluationOf('terra-arte');

  it('has 2 871 m² SHAB and 3 334 m² SU', () => {
    expect(e.surfaces.shabM2.toFixed(2)).toBe('2871.00');
    expect(e.surfaces.suM2.toFixed(2)).toBe('3334.00');
  });

  it('has the lots of the seed: 41 PSLA, 1 VEFA accession sociale, 4 SCIAPP', () => {
    expect(dwellingsByLot(e)).toEqual({ psla: 41, vefa: 1, sciapp: 4 });
  });

  it('has a works line of exactly 1 210 €/m² × 2 871 m² = 3 473 910 € HT (shared spaces included)', () => {
    expect(cents(worksLine(e))).toBe(cents(D(1210).times(2871)));
    expect(cents(worksLine(e))).toBe('3473910.00');
    // shared spaces are inside the 1 210 €/m²: no common-space works line
    expect(e.cost.lines.filter((l) => l.id.startsWith('common_space_'))).toEqual([]);
    // …but they are floor area: 70 m² room + 12 m² workshop are listed
    expect(e.surfaces.commonSpacesM2.gte(70 + 12)).toBe(true);
  });
});

describe('Village Vertical (seed facts)', () => {
  const e = evaluationOf('village-vertical');

  it('has 14 cooperative homes (10 coop + 4 PLAI-type) and 24 in social home-ownership', () => {
    expect(dwellingsByLot(e)).toEqual({ plai: 4, coop: 10, psla: 24 });
  });

  it('costs the works at 1 360 €/m² SHAB', () => {
    expect(cents(worksLine(e))).toBe(cents(D(1360).times(4 * 30 + 10 * 75 + 24 * M2)));
  });
});

describe('Bayonne Prissé (seed facts)', () => {
  const e = evaluationOf('bayonne-prisse');

  it('has 70 social rental, 88 BRS (28 participatory), 24 LLI, 44 controlled-price and 124 market homes', () => {
    expect(dwellingsByLot(e)).toEqual({ plus: 49, plai: 21, brs: 60, brs_participatif: 28, lli: 24, prix_maitrise: 44, libre: 124 });
    const social = e.model.lots.filter((l) => l.tenure === 'PLUS' || l.tenure === 'PLAI').reduce((s, l) => s + l.dwellings, 0);
    expect(social).toBe(70);
  });
});

describe('Quartier Espérance, Roubaix: base, +30 % costs, more PLS', () => {
  const base = evaluationOf('roubaix-esperance');
  const plus30 = evaluationOf('roubaix-esperance-plus-30');
  const plusPls = evaluationOf('roubaix-esperance-plus-pls');

  it('has 7 LLS + 13 homes in accession in the base', () => {
    const rental = base.model.lots.filter((l) => l.info.kind === 'rental').reduce((s, l) => s + l.dwellings, 0);
    expect(rental).toBe(7);
    expect(base.surfaces.dwellings - rental).toBe(13);
  });

  it('the +30 % case has a works line of exactly 1.3 × the base', () => {
    expect(cents(worksLine(plus30))).toBe(cents(worksLine(base).times('1.3')));
    expect(cents(worksLine(base))).toBe(cents(D(1560).times(20 * M2)));
  });

  it('the +30 % case changes nothing but the cost: same homes, same surfaces', () => {
    expect(dwellingsByLot(plus30)).toEqual(dwellingsByLot(base));
    expect(plus30.surfaces.suM2.toFixed(2)).toBe(base.surfaces.suM2.toFixed(2));
    expect(plus30.surfaces.spM2.toFixed(2)).toBe(base.surfaces.spM2.toFixed(2));
  });

  it('"more PLS, less PSLA" keeps the same homes, the PSLA ones let as PLS', () => {
    const lotsOf = (e: Evaluation) => e.model.lots.map((l) => ({ dwellings: l.dwellings, shab: l.shabM2.toFixed(2), su: l.suM2.toFixed(2) }));
    expect(lotsOf(plusPls)).toEqual(lotsOf(base));
    const basePsla = dwellingsByTenure(base).PSLA ?? 0;
    expect(basePsla).toBeGreaterThan(0);
    expect(dwellingsByTenure(plusPls).PSLA ?? 0).toBe(0);
    expect(dwellingsByTenure(plusPls).PLS).toBe(basePsla);
    expect(cents(worksLine(plusPls))).toBe(cents(worksLine(base)));
  });
});

describe('Locus Solus over 80 years: the seed operation, only its account changes', () => {
  it('has the homes, surfaces and works line of fixtures/locus-solus.yaml: the profile and the 80 years change the account, not the cost', () => {
    const base = evaluationOf('locus-solus');
    const long = evaluationOf('locus-solus-80-ans');
    expect(dwellingsByLot(long)).toEqual(dwellingsByLot(base));
    expect(long.surfaces.suM2.toFixed(2)).toBe(base.surfaces.suM2.toFixed(2));
    expect(cents(worksLine(long))).toBe(cents(worksLine(base)));
    expect(cents(worksLine(base))).toBe(cents(D(1510).times(46 * M2)));
    expect(cents(long.cost.totalTtcEur)).toBe(cents(base.cost.totalTtcEur));
  });
});

describe('La Rochelle Mireuil: the 130 000 € financing plan', () => {
  const e = evaluationOf('la-rochelle-mireuil');

  it('has a cost price of 130 000 € TTC financed by 41 000 + 6 000 (subsidies) + 83 000 (equity), no loan', () => {
    expect(cents(e.cost.totalTtcEur)).toBe(cents(D(41000).plus(83000).plus(6000)));
    expect(cents(e.cost.totalTtcEur)).toBe('130000.00');
    const f = e.financing.rental[0]!;
    expect(cents(f.subsidiesEur)).toBe(cents(D(41000).plus(6000)));
    expect(cents(f.equityEur)).toBe('83000.00');
    expect(cents(f.loansEur)).toBe('0.00');
    expect(f.gapEur.isZero()).toBe(true);
  });
});
