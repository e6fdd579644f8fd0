/**
 * An evaluator of explain trees, independent of the engine: it recomputes each node from its
 * children's values by the meaning docs/json.md gives each `op`, with decimal.js itself.
 */
import DecimalJs from 'decimal.js';
import type { ExplainNode } from '../src/explain/tree';

const Dx = DecimalJs.clone({ precision: 30, rounding: DecimalJs.ROUND_HALF_UP });
type X = InstanceType<typeof Dx>;

const num = (n: ExplainNode): X | null => (n.value === null || typeof n.value === 'boolean' ? null : new Dx(String(n.value)));
/** In products and quotients a percent is a fraction. */
const frac = (n: ExplainNode): X | null => { const v = num(n); return v === null ? null : n.unit === 'pct' ? v.div(100) : v; };
const DP: Record<string, number> = { eur: 2, pct: 4, m2: 2, eur_per_m2_su_month: 4, ratio: 6, eur_per_m2_shab: 4 };

export interface Mismatch { id: string; op: string; expected: string; got: string }

/** Recompute `n` from its children; null when the op has no arithmetic (leaf, search). */
export function recompute(n: ExplainNode): X | boolean | number | null | 'skip' {
  const k = n.children;
  const nums = () => k.map(num) as X[];
  switch (n.op) {
    case 'leaf': case 'search': case 'schedule': return 'skip';
    case 'sum': return nums().reduce((a, b) => a.plus(b), new Dx(0));
    case 'diff': return nums().slice(1).reduce((a, b) => a.minus(b), nums()[0]!);
    case 'product': return k.map(frac).reduce((a, b) => a!.times(b!), new Dx(1));
    case 'quotient': return frac(k[1]!)!.isZero() ? null : frac(k[0]!)!.div(frac(k[1]!)!);
    case 'pct_of': return num(k[1]!)!.isZero() ? null : num(k[0]!)!.div(num(k[1]!)!).times(100);
    case 'gap_pct': return new Dx(1).minus(num(k[0]!)!.div(num(k[1]!)!)).times(100);
    case 'one_plus': return new Dx(1).plus(frac(k[0]!)!);
    case 'one_minus': return new Dx(1).minus(frac(k[0]!)!);
    case 'min': return nums().reduce((a, b) => (b.lt(a) ? b : a));
    case 'max': return nums().reduce((a, b) => (b.gt(a) ? b : a));
    case 'round_cents': return num(k[0]!)!.toDecimalPlaces(2, DecimalJs.ROUND_HALF_UP);
    case 'round_up_4dp': return num(k[0]!)!.toDecimalPlaces(4, DecimalJs.ROUND_UP);
    case 'same': return k[0]!.value === null || typeof k[0]!.value === 'boolean' ? k[0]!.value : num(k[0]!);
    case 'gte': return num(k[0]!)!.gte(num(k[1]!)!);
    case 'lt': return num(k[0]!)!.lt(num(k[1]!)!);
    case 'eq': return num(k[0]!)!.eq(num(k[1]!)!);
    case 'all': return k.every((c) => c.value === true);
    case 'count': return k.filter((c) => c.value === true).length;
    case 'argmin': { const v = nums(); let best = 0; v.forEach((x, i) => { if (x.lt(v[best]!)) best = i; }); return best + 1; }
    case 'share': return frac(k[0]!)!.times(frac(k[1]!)!).div(frac(k[2]!)!);
    case 'npv': {
      const rate = frac(k[1]!)!;
      let npv = num(k[0]!)!.neg(), d = new Dx(1);
      for (const c of k.slice(2)) { d = d.div(rate.plus(1)); npv = npv.plus(num(c)!.times(d)); }
      return npv;
    }
  }
}

/** Every node whose value its children do not give, to the published precision (a cent for money; a cent for an allocated share). */
export function mismatches(root: ExplainNode): Mismatch[] {
  const out: Mismatch[] = [];
  const seen = new Set<ExplainNode>();
  const walk = (n: ExplainNode) => {
    if (seen.has(n)) return;
    seen.add(n);
    const r = recompute(n);
    if (r !== 'skip') {
      let ok: boolean;
      if (r === null) ok = n.value === null;
      else if (typeof r === 'boolean' || typeof r === 'number') ok = r === (typeof n.value === 'object' && n.value !== null ? Number(n.value) : n.value);
      else if (n.value === null || typeof n.value === 'boolean') ok = false;
      else {
        const dp = DP[n.unit] ?? 4;
        const v = new Dx(String(n.value));
        ok = n.op === 'share' ? r.minus(v).abs().lte(0.01) : r.toDecimalPlaces(dp, DecimalJs.ROUND_HALF_UP).eq(v.toDecimalPlaces(dp, DecimalJs.ROUND_HALF_UP)) || r.minus(v).abs().lt(new Dx(10).pow(-dp - 2));
      }
      if (!ok) out.push({ id: n.id, op: n.op, expected: String(n.value), got: String(r) });
    }
    for (const c of n.children) walk(c);
  };
  walk(root);
  return out;
}

/** The leaves of a tree. */
export function leaves(root: ExplainNode): ExplainNode[] {
  const out: ExplainNode[] = [];
  const seen = new Set<ExplainNode>();
  const walk = (n: ExplainNode) => { if (seen.has(n)) return; seen.add(n); if (n.op === 'leaf') out.push(n); n.children.forEach(walk); };
  walk(root);
  return out;
}
