import { describe, expect, it } from 'vitest';
import { D } from '../src/domain/money';
import {
  LIVRET_A_HISTORY,
  PARAM_YEARS,
  getParamYear,
  listParamYears,
  livretAAt,
  nearestParamYear,
  paramDec,
  paramPath,
} from '../src/params';
import type { ParamYear } from '../src/params/types';

function year(y: number): ParamYear {
  const set = getParamYear(y);
  if (!set) throw new Error(`no parameter year ${y}`);
  return set;
}

/** Expected values typed from the sources of docs/sources.md (independent of src/params/data.ts). */
const EXPECTED: Record<number, Record<string, string>> = {
  2025: {
    'livret_a.rate_pct': '2.40', // §3.1, 1 Feb 2025
    'rent_ceiling.plus.1_bis': '7.77', // §4.3
    'rent_ceiling.plus.2': '6.42',
    'rent_ceiling.plai.3': '5.28',
    'rent_ceiling.pls.a_bis': '15.16',
    'rent_ceiling.pls.c': '8.94',
    'rent_ceiling.lli.a': '14.49',
    'rent_ceiling.lli.c': '10.15',
    'psla.redevance_ceiling.b1': '10.13', // §4.3 (legal text ✅)
    'psla.price_ceiling.a_bis': '6170', // §5.1
    'psla.price_ceiling.c': '2857',
    'ta.valeur_forfaitaire.province': '930', // §2.4
    'ta.valeur_forfaitaire.idf': '1054',
    'ta.parking_eur_per_place': '3052',
    'irl.q2_change_pct': '3.26', // §4.3
  },
  2026: {
    'livret_a.rate_pct': '1.5', // §3.1, 1 Feb 2026
    'rent_ceiling.plus.1': '7.40',
    'rent_ceiling.plus.3': '6.01',
    'rent_ceiling.plai.1_bis': '7.00',
    'rent_ceiling.plai.2': '5.77',
    'rent_ceiling.pls.b2': '9.74',
    'rent_ceiling.lli.a_bis': '19.71',
    'psla.redevance_ceiling.a': '11.87',
    'psla.price_ceiling.a': '4423',
    'psla.price_ceiling.b2': '3269',
    'ta.valeur_forfaitaire.province': '892',
    'ta.valeur_forfaitaire.idf': '1011',
    'ta.parking_eur_per_place': '2928',
    'irl.q2_change_pct': '1.04',
  },
};

/** Values the same in both years, from domain.md §2.4, §3.2, §3.4, §3.5, §4.2, §8.0. */
const EXPECTED_BOTH: Record<string, string> = {
  'loan.plai.building.margin_pct': '-0.2',
  'loan.plai.building.duration_years': '40',
  'loan.plai.land.duration_years': '50',
  'loan.plus.building.margin_pct': '0.6',
  'loan.plus.land.margin_pct': '0.6',
  'loan.plus.building.duration_years': '40',
  'loan.plus.land.duration_years': '50',
  'loan.plus_vert.building.margin_pct': '0.2',
  'loan.pls.building.margin_pct': '1.11',
  'loan.lli.building.margin_pct': '1.4',
  'loan.lli.building.duration_years': '35',
  'loan.gaia_lt.land.margin_pct': '0.6',
  'loan.gaia_lt.land.duration_years': '80',
  'loan.psla.building.duration_years': '30',
  'loan.default.progressivity_pct': '-0.5',
  'vat.plai_pct': '5.5',
  'vat.plus_pct': '10',
  'vat.pls_pct': '10',
  'vat.lli_pct': '10',
  'vat.psla_pct': '5.5',
  'vat.brs_pct': '5.5',
  'vat.libre_pct': '20',
  'tfpb.plai.exemption_years': '25',
  'tfpb.plus.exemption_years': '25',
  'tfpb.pls.exemption_years': '25',
  'tfpb.psla.exemption_years': '15',
  'tfpb.lli.exemption_years': '20',
  'tfpb.libre.exemption_years': '0',
  'tfpb.amount_eur_per_dwelling': '345',
  'ta.abatement.plai_pct': '100',
  'ta.abatement.plus_pct': '50',
  'ta.abatement.pls_pct': '50',
  'ta.abatement.psla_pct': '50',
  'rap.rate_pct': '0.4',
  'rap.abatement.plai_pct': '100',
  'rap.abatement.plus_pct': '50',
  'subsidy.state_cap.plus_eur_per_dwelling': '20000',
  'subsidy.state_cap.plai_eur_per_dwelling': '60000',
  'rent.structure_coefficient.a': '0.77',
  'rent.structure_coefficient.b': '20',
  'rent.local_margin_cap_pct': '12',
  'rent.annexes_rule.without_lift_pct': '118',
  'rent.annexes_rule.with_lift_pct': '125',
  'rent.lli_coefficient.a': '0.7',
  'rent.lli_coefficient.b': '19',
  'rent.lli_coefficient.cap': '1.2',
};

const STATUSES = new Set(['confirmed', 'single_source', 'unverified']);
const KEY_SHAPE = /^[a-z0-9_]+(\.[a-z0-9_]+)+$/;

describe('parameter years', () => {
  it('lists 2025 and 2026, exact lookup without fallback, nearest year not after', () => {
    expect(listParamYears()).toEqual([2025, 2026]);
    expect(getParamYear(2026)?.year).toBe(2026);
    expect(getParamYear(2026)?.vintage).toBe('2026.1');
    expect(getParamYear(2024)).toBeUndefined();
    expect(getParamYear(2027)).toBeUndefined();
    expect(nearestParamYear(2026)).toBe(2026);
    expect(nearestParamYear(2030)).toBe(2026);
    expect(nearestParamYear(2025)).toBe(2025);
    expect(nearestParamYear(2020)).toBe(2025);
  });
});

describe('values quoted in docs/sources.md', () => {
  for (const [y, values] of Object.entries(EXPECTED)) {
    for (const [key, expected] of Object.entries(values)) {
      it(`${y} ${key} = ${expected}`, () => {
        expect(paramDec(year(Number(y)).params, key).eq(D(expected))).toBe(true);
      });
    }
  }
  for (const y of [2025, 2026]) {
    for (const [key, expected] of Object.entries(EXPECTED_BOTH)) {
      it(`${y} ${key} = ${expected}`, () => {
        expect(paramDec(year(y).params, key).eq(D(expected))).toBe(true);
      });
    }
  }

  it('Livret A paths start at the parameter year rate and hold 2 % from 2027 (Perspectives 2025)', () => {
    const p2026 = paramPath(year(2026).params, 'livret_a.path_pct').map((d) => d.toNumber());
    expect(p2026).toEqual([1.5, 2]);
    const p2025 = paramPath(year(2025).params, 'livret_a.path_pct');
    expect(p2025[0]!.eq(D('2.4'))).toBe(true);
    expect(p2025[p2025.length - 1]!.eq(D('2'))).toBe(true);
  });

  it('flags what docs/sources.md says of each value', () => {
    // unverified: no source read for the year (docs/sources.md [LEON] — 2026 ceilings lowered on A bis/A/B1 only)
    expect(year(2026).params['psla.price_ceiling.a']?.status).toBe('unverified');
    expect(year(2025).params['psla.price_ceiling.a']?.status).toBe('single_source');
    // [ARR-PSLA]: annexe I of the arrêté du 26 mars 2004, version 2025 (LEGIARTI000050933091)
    expect(year(2025).params['psla.redevance_ceiling.a']?.status).toBe('confirmed');
    // [DHUP-PLS-PSLA-2016]: PSLA at Livret A + 1,00 % for HLM bodies — an official table, but of 2016
    expect(year(2025).params['loan.psla.building.margin_pct']?.status).toBe('single_source');
    expect(year(2025).params['loan.lli.land.duration_years']?.status).toBe('unverified');
    expect(year(2025).params['vat.sciapp_pct']?.status).toBe('unverified');
    expect(year(2025).params['vat.coop_pct']?.status).toBe('unverified');
    // [CGI-TVA]: 278 sexies I-13 (loi 2016-1918 art. 62); [CGI-1388-OCTIES]: abatement only on deliberation
    expect(year(2025).params['vat.brs_pct']?.status).toBe('confirmed');
    expect(year(2025).params['tfpb.brs.exemption_years']?.status).toBe('confirmed');
    expect(year(2025).params['ta.abatement.brs_pct']?.status).toBe('unverified');
    expect(year(2025).params['ta.abatement.lli_pct']?.status).toBe('unverified');
    // [AVIS-LOYERS-2025] states the +3,26 % of IRL Q2 2024; the Q2 2025 change is inferred
    expect(year(2025).params['irl.q2_change_pct']?.status).toBe('confirmed');
    expect(year(2026).params['irl.q2_change_pct']?.status).toBe('single_source');
    expect(year(2026).params['ta.valeur_forfaitaire.idf']?.status).toBe('single_source');
    expect(year(2026).params['ta.valeur_forfaitaire.province']?.status).toBe('confirmed');
  });

  it('PSLA loan margin: Livret A + 1,00 % (DHUP table of PLS and PSLA rates, not the PLS margin)', () => {
    for (const y of [2025, 2026]) expect(paramDec(year(y).params, 'loan.psla.building.margin_pct').eq(D('1.00'))).toBe(true);
  });
});

describe('data set integrity', () => {
  for (const set of PARAM_YEARS) {
    it(`${set.year}: every ParamDef has a label, source, unit, valid status and a decimal value`, () => {
      expect(set.vintage).toMatch(new RegExp(`^${set.year}\\.\\d+$`));
      const entries = Object.entries(set.params);
      expect(entries.length).toBeGreaterThan(100);
      for (const [key, def] of entries) {
        expect(key, key).toMatch(KEY_SHAPE);
        expect(def.label.trim().length, key).toBeGreaterThan(0);
        expect(def.source.trim().length, key).toBeGreaterThan(0);
        expect(def.unit.trim().length, key).toBeGreaterThan(0);
        expect(STATUSES.has(def.status), key).toBe(true);
        const values = typeof def.value === 'string' ? [def.value] : def.value;
        expect(values.length, key).toBeGreaterThan(0);
        for (const v of values) {
          expect(typeof v, key).toBe('string');
          expect(() => D(v), key).not.toThrow();
          expect(D(v).isFinite(), key).toBe(true);
        }
      }
    });
  }

  it('both years have exactly the same key set', () => {
    const keys = PARAM_YEARS.map((s) => Object.keys(s.params).sort());
    expect(keys).toHaveLength(2);
    expect(keys[1]).toEqual(keys[0]);
  });

  it('has every zone of every ceiling family and every tenure of every tenure family', () => {
    const params = year(2026).params;
    const hlm = ['1_bis', '1', '2', '3'];
    const abc = ['a_bis', 'a', 'b1', 'b2', 'c'];
    const tenures = ['plai', 'plus', 'pls', 'lli', 'psla', 'brs', 'sciapp', 'coop', 'libre'];
    const expectKey = (k: string) => expect(params[k], k).toBeDefined();
    for (const z of hlm) ['plus', 'plai'].forEach((prod) => expectKey(`rent_ceiling.${prod}.${z}`));
    for (const z of abc) {
      ['pls', 'lli'].forEach((prod) => expectKey(`rent_ceiling.${prod}.${z}`));
      expectKey(`psla.redevance_ceiling.${z}`);
      expectKey(`psla.price_ceiling.${z}`);
    }
    for (const t of tenures) {
      expectKey(`vat.${t}_pct`);
      expectKey(`tfpb.${t}.exemption_years`);
      expectKey(`ta.abatement.${t}_pct`);
      expectKey(`rap.abatement.${t}_pct`);
    }
    for (const prod of ['plai', 'plus', 'pls', 'lli']) {
      for (const line of ['building', 'land']) {
        expectKey(`loan.${prod}.${line}.margin_pct`);
        expectKey(`loan.${prod}.${line}.duration_years`);
      }
    }
  });

  it('2026/2025 rent ceilings follow one IRL revaluation (ratio 1.0095–1.0115, up to rounding to the cent)', () => {
    // domain.md §4.3 says 1.0101–1.0109 for every cell; the published values are rounded to the cent, so
    // a cell passes if 2026 lies in [2025 × 1.0095 − 0.005, 2025 × 1.0115 + 0.005]. (PLAI zone 3:
    // 5.33 / 5.28 = 1.00947 — below 1.0095 only because of that rounding.)
    const p25 = year(2025).params;
    const p26 = year(2026).params;
    const keys = Object.keys(p25).filter((k) => /^rent_ceiling\.(plus|plai|pls|lli)\./.test(k));
    expect(keys).toHaveLength(4 + 4 + 5 + 5);
    for (const k of keys) {
      const a = paramDec(p25, k);
      const b = paramDec(p26, k);
      const lo = a.times('1.0095').minus('0.005');
      const hi = a.times('1.0115').plus('0.005');
      expect(b.gte(lo) && b.lte(hi), `${k}: ${a.toString()} → ${b.toString()} (ratio ${b.div(a).toFixed(5)})`).toBe(true);
    }
  });
});

describe('paramDec / paramPath', () => {
  const params = year(2026).params;
  it('throws a plain Error naming the key when missing', () => {
    expect(() => paramDec(params, 'no.such_key')).toThrow(Error);
    expect(() => paramDec(params, 'no.such_key')).toThrow(/no\.such_key/);
    expect(() => paramPath(params, 'no.such_key')).toThrow(/no\.such_key/);
  });
  it('throws naming the key when a list is read as a scalar, and vice versa', () => {
    expect(() => paramDec(params, 'livret_a.path_pct')).toThrow(/livret_a\.path_pct/);
    expect(() => paramPath(params, 'livret_a.rate_pct')).toThrow(/livret_a\.rate_pct/);
  });
  it('does not read inherited properties as keys', () => {
    expect(() => paramDec(params, 'toString')).toThrow(/toString/);
  });
});

describe('livretAAt', () => {
  it('returns the rate in force on a date (domain.md §3.1)', () => {
    expect(livretAAt('2026-03-01').eq(D('1.5'))).toBe(true);
    expect(livretAAt('2023-06-01').eq(D('3'))).toBe(true);
    expect(livretAAt('2025-01-31').eq(D('3'))).toBe(true);
    expect(livretAAt('2025-02-01').eq(D('2.4'))).toBe(true);
    expect(livretAAt('2025-08-01').eq(D('1.7'))).toBe(true);
    expect(livretAAt('2022-08-15').eq(D('2'))).toBe(true);
    expect(livretAAt('2021-06-01').eq(D('0.5'))).toBe(true);
  });
  it('rejects dates before the history and malformed dates', () => {
    expect(() => livretAAt('2019-12-31')).toThrow(RangeError);
    expect(() => livretAAt('2026-3-1')).toThrow(RangeError);
  });
  it('history is sorted, dated and sourced', () => {
    for (let i = 0; i < LIVRET_A_HISTORY.length; i++) {
      const c = LIVRET_A_HISTORY[i]!;
      expect(c.from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(c.source.trim().length).toBeGreaterThan(0);
      expect(() => D(c.rate_pct)).not.toThrow();
      if (i > 0) expect(c.from > LIVRET_A_HISTORY[i - 1]!.from).toBe(true);
    }
  });
  it('each year rate_pct is the Livret A in force on 1 February of that year', () => {
    for (const set of PARAM_YEARS) {
      expect(paramDec(set.params, 'livret_a.rate_pct').eq(livretAAt(`${set.year}-02-01`))).toBe(true);
    }
  });
});
