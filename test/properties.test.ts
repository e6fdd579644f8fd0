/**
 * Invariants that must hold for any input (house style, "Tests"): allocations sum to the whole;
 * every cost line is split between lots to the cent; sources = uses for every rental lot; the
 * result does not depend on the order of keys in the YAML; more construction cost never lowers
 * the cost price. Random operations go through the real pipeline (`runText`) as YAML text.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { allocate, D, sum, type Dec } from '../src/domain/money';
import { runText, type PipelineResult } from '../src/pipeline';
import { TENURES } from '../src/schema/operation';
import type { Evaluation } from '../src/engine/evaluate';

const RUNS = { numRuns: 100 } as const;
const OP_RUNS = { numRuns: 60 } as const;

describe('allocate', () => {
  const weight = fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 10_000_000 }).map((n) => n / 1000));
  const totalCents = fc.oneof(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), fc.integer({ min: -50, max: 50 }));

  it('parts sum exactly to the total and each part is within a cent of its exact share', () => {
    fc.assert(fc.property(totalCents, fc.array(weight, { minLength: 1, maxLength: 8 }), (cents, ws) => {
      const total = D(cents).div(100);
      const weights = ws.map((w) => D(w));
      const parts = allocate(total, weights);
      expect(parts).toHaveLength(weights.length);
      expect(sum(parts).eq(total), `${sum(parts).toString()} ≠ ${total.toString()}`).toBe(true);
      const wsum = sum(weights);
      parts.forEach((p, i) => {
        expect(p.times(100).isInteger(), `part ${p.toString()} in whole cents`).toBe(true);
        const exact = wsum.isZero() ? total.div(weights.length) : total.times(weights[i]!).div(wsum);
        expect(p.minus(exact).abs().lt(D('0.01')), `part ${i}: ${p.toString()} vs exact ${exact.toString()}`).toBe(true);
      });
    }), RUNS);
  });

  it('a zero weight gets nothing when another weight is positive', () => {
    fc.assert(fc.property(totalCents, fc.array(weight, { minLength: 1, maxLength: 6 }), (cents, ws) => {
      const weights = [...ws.map((w) => D(w)), D(0), D(1)];
      const parts = allocate(D(cents).div(100), weights);
      expect(parts[weights.length - 2]!.isZero()).toBe(true);
    }), RUNS);
  });
});

// ── Random valid operations ─────────────────────────────────────────────────────────────────

type Obj = Record<string, unknown>;
const RENTAL = new Set(['PLAI', 'PLUS', 'PLS', 'LLI', 'SCIAPP', 'coop']);

const lotArb = fc.record({
  tenure: fc.constantFrom(...TENURES),
  dwellings: fc.integer({ min: 1, max: 40 }),
  m2CentsPerDwelling: fc.integer({ min: 2500, max: 11000 }),
  annexesPctOfShab: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }),
});

const subsidyArb = (tenures: readonly string[]) => fc.record({
  form: fc.constantFrom('amount_eur', 'eur_per_dwelling', 'eur_per_m2_su'),
  value: fc.integer({ min: 0, max: 20_000 }),
  scope: fc.option(fc.subarray([...tenures], { minLength: 1 }), { nil: undefined }),
});

const opArb = fc.record({
  lots: fc.array(lotArb, { minLength: 1, maxLength: 5 }),
  costCents: fc.integer({ min: 80_000, max: 400_000 }),
  zoneAbc: fc.constantFrom('A bis', 'A', 'B1', 'B2', 'C'),
  zoneHlm: fc.constantFrom('1 bis', 1, 2, 3),
  year: fc.constantFrom(2025, 2026),
  department: fc.option(fc.constantFrom('44', '75', '93', '2A', '974'), { nil: undefined }),
  land: fc.oneof(
    fc.record({ price_eur_per_m2_sp: fc.integer({ min: 0, max: 900 }) }),
    fc.record({ price_eur: fc.integer({ min: 0, max: 3_000_000 }) }),
    fc.record({ price_eur_per_m2_shab: fc.integer({ min: 0, max: 1200 }) }),
  ),
  siteWorks: fc.option(fc.integer({ min: 0, max: 300_000 }), { nil: undefined }),
  revision: fc.option(fc.record({ annual_pct: fc.integer({ min: 0, max: 5 }), months: fc.integer({ min: 0, max: 24 }) }), { nil: undefined }),
  commonSpace: fc.option(fc.integer({ min: 1, max: 120 }), { nil: undefined }),
  feesPct: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }),
  subsidies: fc.array(subsidyArb(TENURES), { maxLength: 3 }),
  equity: fc.option(fc.oneof(fc.record({ pct_of_cost: fc.integer({ min: 0, max: 30 }) }), fc.record({ amount_eur: fc.integer({ min: 0, max: 300_000 }) })), { nil: undefined }),
});
type OpSpec = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

function toYamlObject(spec: OpSpec, costOverrideCents?: number): Obj {
  const lots = spec.lots.map((l, i) => {
    const shabCents = l.dwellings * l.m2CentsPerDwelling;
    const lot: Obj = { id: `lot_${i}`, tenure: l.tenure, dwellings: l.dwellings, shab_m2: shabCents / 100 };
    if (l.annexesPctOfShab !== undefined) lot.annexes_m2 = Math.round((shabCents * l.annexesPctOfShab) / 100) / 100;
    return lot;
  });
  const construction: Obj = { cost_eur_per_m2_shab: (costOverrideCents ?? spec.costCents) / 100 };
  if (spec.revision) construction.price_revision = spec.revision;
  if (spec.commonSpace) construction.common_spaces = [{ label: 'Salle commune', area_m2: spec.commonSpace }];
  if (spec.feesPct !== undefined) construction.fees_pct = spec.feesPct;
  const op: Obj = {
    format: 'equilibre/v1',
    operation: {
      name: 'Opération aléatoire',
      zone_abc: spec.zoneAbc,
      zone_hlm: spec.zoneHlm,
      parameters_year: spec.year,
      ...(spec.department ? { department: spec.department } : {}),
    },
    land: { ...spec.land, ...(spec.siteWorks !== undefined ? { site_works_eur: spec.siteWorks } : {}) },
    construction,
    lots,
  };
  if (spec.subsidies.length) {
    op.subsidies = spec.subsidies.map((s, k) => ({ source: `Financeur ${k + 1}`, [s.form]: s.value, ...(s.scope ? { tenures: s.scope } : {}) }));
  }
  if (spec.equity) op.financing = { equity: [spec.equity] };
  return op;
}

function evaluateObject(obj: Obj): PipelineResult & { evaluation: Evaluation } {
  const text = stringify(obj);
  const r = runText('random.yaml', text);
  if (!r.evaluated || !r.evaluation) {
    throw new Error(`generated operation not evaluated:\n${text}\n${JSON.stringify(r.diagnostics.map((d) => [d.code, d.path.join('.'), d.args]))}`);
  }
  return r as PipelineResult & { evaluation: Evaluation };
}

/** Every mapping's keys in reverse order, recursively (lists keep their order). */
function reverseKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reverseKeys);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v as Obj).reverse().map(([k, x]) => [k, reverseKeys(x)]));
  return v;
}

function metricStrings(ev: Evaluation): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, m] of ev.metrics) out[k] = m.value === null ? 'null' : typeof m.value === 'object' ? (m.value as Dec).toString() : String(m.value);
  return out;
}

const eqDec = (a: Dec, b: Dec, what: string) => expect(a.eq(b), `${what}: ${a.toString()} ≠ ${b.toString()}`).toBe(true);

describe('random valid operations through the pipeline', () => {
  it('every cost line is split between lots to the cent; lots add up to the totals', () => {
    fc.assert(fc.property(opArb, (spec) => {
      const { evaluation: ev } = evaluateObject(toYamlObject(spec));
      const { cost } = ev;
      for (const line of cost.lines) {
        expect(line.perLotHtEur).toHaveLength(spec.lots.length);
        eqDec(sum(line.perLotHtEur), line.amountHtEur, `line ${line.id}`);
        for (const p of line.perLotHtEur) expect(p.times(100).isInteger(), `line ${line.id}: part ${p.toString()} in cents`).toBe(true);
      }
      eqDec(sum(cost.lines.map((l) => l.amountHtEur)), cost.totalHtEur, 'Σ lines = total HT');
      eqDec(sum(cost.perLot.map((p) => p.htEur)), cost.totalHtEur, 'Σ lot HT = total HT');
      eqDec(sum(cost.perLot.map((p) => p.ttcEur)), cost.totalTtcEur, 'Σ lot TTC = total TTC');
      cost.perLot.forEach((p, i) => eqDec(p.htEur.plus(p.vatEur), p.ttcEur, `lot ${i} HT + TVA = TTC`));
    }), OP_RUNS);
  });

  it('for every rental lot: subsidies + equity + loans = TTC cost price, to the cent (unless FINANCING_SURPLUS)', () => {
    fc.assert(fc.property(opArb, (spec) => {
      const { evaluation: ev } = evaluateObject(toYamlObject(spec));
      const surplus = new Set(ev.diagnostics.filter((d) => d.code === 'FINANCING_SURPLUS').map((d) => String(d.args.lot)));
      expect(ev.diagnostics.map((d) => d.code)).not.toContain('FINANCING_UNBALANCED');
      const rentalIds = ev.model.lots.filter((l) => RENTAL.has(l.tenure)).map((l) => l.id);
      expect(ev.financing.rental.map((f) => ev.model.lots[f.lotIndex]!.id)).toEqual(rentalIds);
      for (const f of ev.financing.rental) {
        const id = ev.model.lots[f.lotIndex]!.id;
        eqDec(f.usesEur, ev.cost.perLot[f.lotIndex]!.ttcEur, `${id}: uses = lot TTC`);
        eqDec(sum(f.loans.map((l) => l.amountEur)), f.loansEur, `${id}: Σ loan lines`);
        eqDec(sum(f.subsidies.map((s) => s.amountEur)), f.subsidiesEur, `${id}: Σ subsidy lines`);
        eqDec(sum(f.equity.map((s) => s.amountEur)), f.equityEur, `${id}: Σ equity lines`);
        if (surplus.has(id)) continue;
        eqDec(f.subsidiesEur.plus(f.equityEur).plus(f.loansEur), f.usesEur, `${id}: sources = uses`);
      }
      eqDec(ev.financing.totalEur, sum(ev.financing.rental.map((f) => f.usesEur)), 'financing total = Σ rental uses');
    }), OP_RUNS);
  });

  it('reversing the order of keys in every mapping gives identical metrics', () => {
    fc.assert(fc.property(opArb, (spec) => {
      const obj = toYamlObject(spec);
      const a = evaluateObject(obj).evaluation;
      const b = evaluateObject(reverseKeys(obj) as Obj).evaluation;
      expect(metricStrings(b)).toEqual(metricStrings(a));
      expect(b.diagnostics.map((d) => d.code).sort()).toEqual(a.diagnostics.map((d) => d.code).sort());
    }), OP_RUNS);
  });

  it('raising the construction cost never lowers the total cost price (HT or TTC)', () => {
    const raise = fc.oneof(fc.integer({ min: 1, max: 100_000 }), fc.constant(1));
    fc.assert(fc.property(opArb, raise, (spec, deltaCents) => {
      const low = evaluateObject(toYamlObject(spec)).evaluation.cost;
      const high = evaluateObject(toYamlObject(spec, spec.costCents + deltaCents)).evaluation.cost;
      expect(high.totalHtEur.gt(low.totalHtEur), `HT ${low.totalHtEur.toString()} → ${high.totalHtEur.toString()}`).toBe(true);
      expect(high.totalTtcEur.gte(low.totalTtcEur), `TTC ${low.totalTtcEur.toString()} → ${high.totalTtcEur.toString()}`).toBe(true);
      expect(high.byChapterHtEur.building.gt(low.byChapterHtEur.building)).toBe(true);
    }), OP_RUNS);
  });
});
