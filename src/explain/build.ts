/**
 * The derivation tree of a metric (`equilibre explain FILE METRIC`): built from the evaluation's
 * facts (cost lines, financing, accounts, sales, tranches) and the model (inputs, parameters and
 * defaults), each leaf with its origin. The engine is not re-run, except to check a searched
 * figure at its answer. No words here: src/report/explain.ts words the concepts.
 */
import { allocate, D, Decimal, ONE, ZERO, sum, type Dec } from '../domain/money';
import type { Evaluation } from '../engine/evaluate';
import type { Model, LotModel } from '../engine/model';
import type { CostLine } from '../engine/cost-price';
import type { LoanLine } from '../engine/financing';
import { operatingAssumptions, type Account, type LotRental } from '../engine/rental';
import { hasLines, yearIndex, type ResolvedLine, type ResolvedLines } from '../engine/lines';
import { firstCalendarYear } from '../engine/model';
import { applyLever, evalInput, freeze, withSalePrice } from '../engine/sensitivity';
import { redevanceFor } from '../engine/foyer';
import { DEFAULTS, type DefaultKey } from '../schema/defaults';
import type { ExplainNode, ExplainOp, ExplainOrigin, ExplainValue } from './tree';

export interface ExplainContext {
  /** Line and column of a path of the file (spanOf of src/load), when it is in the file. */
  locate: (path: readonly (string | number)[]) => { line: number; col: number } | undefined;
  /** `--set` options: a value set by one of them comes from the option, not the file. */
  overrides: readonly { path: readonly (string | number)[]; expr?: string }[];
}

type Path = (string | number)[];

/** `construction.other[0].vat_pct` → ['construction', 'other', 0, 'vat_pct']. */
const dataPath = (text: string): Path => text.split('.').flatMap((seg) => seg.split(/\[(\d+)\]/).filter((x) => x !== '').map((x) => (/^\d+$/.test(x) ? Number(x) : x)));

const samePath = (a: readonly (string | number)[], b: readonly (string | number)[]) => a.length === b.length && a.every((s, i) => String(s) === String(b[i]));

/** Builds the trees of one evaluation (memoised node by node: a tree shares its sub-trees). */
/** The rows of an account written line by line that its lines explain. */
const LINE_ROWS = ['management', 'maintenance', 'major_maintenance', 'tfpb', 'insurance', 'teom', 'other'];

export class Explainer {
  private readonly model: Model;
  private readonly memo = new Map<string, ExplainNode>();
  constructor(private readonly ev: Evaluation, private readonly ctx: ExplainContext) { this.model = ev.model; }

  // ── leaves ────────────────────────────────────────────────────────────────
  private node(id: string, concept: string, op: ExplainOp, value: ExplainValue, unit: string, children: ExplainNode[] = [], extra: Partial<ExplainNode> = {}): ExplainNode {
    return { id, concept, op, value, unit, children, ...extra };
  }

  /** A value of the file (or of a `--set` option). */
  input(path: Path, value: ExplainValue, unit: string, concept = 'input', args?: Record<string, string | number>): ExplainNode {
    const o = this.ctx.overrides.find((x) => samePath(x.path, path));
    let origin: ExplainOrigin;
    if (o) origin = { kind: 'override', path, expr: o.expr ?? `${path.join('.')}` };
    else {
      const at = this.ctx.locate(path);
      origin = { kind: 'input', path, ...(at ? { line: at.line, col: at.col } : {}) };
    }
    return this.node(pathText(path), concept, 'leaf', value, unit, [], { origin, ...(args ? { args } : {}) });
  }

  /** An embedded parameter (or the file's `parameters:` override of it). */
  param(key: string, unit?: string): ExplainNode {
    const def = this.model.params[key];
    const raw = def && typeof def.value === 'string' ? def.value : '0';
    const fromFile = this.model.input.parameters?.[key] !== undefined;
    if (fromFile) return this.input(['parameters', key], D(raw), unit ?? def?.unit ?? 'number', 'parameter', { key });
    return this.node(key, 'parameter', 'leaf', D(raw), unit ?? def?.unit ?? 'number', [], {
      args: { key }, origin: { kind: 'parameter', key, vintage: this.model.vintage, sources: [...(def?.sources ?? [])], file: false },
    });
  }

  /** The file's value at `path`, else the default `key`. */
  givenOr(path: Path, given: number | undefined, key: DefaultKey, unit?: string): ExplainNode {
    if (given !== undefined) return this.input(path, D(given), unit ?? DEFAULTS[key].unit);
    const def = DEFAULTS[key];
    return this.node(key, 'default', 'leaf', D(def.value), unit ?? def.unit, [], { args: { key }, origin: { kind: 'default', key, sources: [...def.sources] } });
  }

  constant(value: number | Dec, unit: string, rule?: string): ExplainNode {
    return this.node(`constant.${String(value)}`, 'constant', 'leaf', D(value), unit, [], { origin: { kind: 'constant' }, ...(rule ? { rule } : {}) });
  }

  computed(id: string, concept: string, value: ExplainValue, unit: string, where: string, args?: Record<string, string | number>): ExplainNode {
    return this.node(id, concept, 'leaf', value, unit, [], { origin: { kind: 'computed', where }, ...(args ? { args } : {}) });
  }

  private once(key: string, make: () => ExplainNode): ExplainNode {
    let n = this.memo.get(key);
    if (!n) { n = make(); this.memo.set(key, n); }
    return n;
  }

  // ── surfaces ──────────────────────────────────────────────────────────────
  lotDwellings(l: LotModel): ExplainNode { return this.once(`dw.${l.id}`, () => ({ ...this.input(['lots', l.index, 'dwellings'], l.dwellings, 'count', 'lot_dwellings', { lot: l.id }) })); }
  lotShab(l: LotModel): ExplainNode { return this.once(`shab.${l.id}`, () => this.input(['lots', l.index, 'shab_m2'], l.shabM2, 'm2', 'lot_shab', { lot: l.id })); }
  lotSu(l: LotModel): ExplainNode {
    return this.once(`su.${l.id}`, () => {
      if (l.input.annexes_m2 === undefined) return this.node(`lots.${l.id}.su_m2`, 'lot_su', 'same', l.suM2, 'm2', [this.lotShab(l)], { args: { lot: l.id }, rule: 'CCH R.331-10' });
      const half = this.node(`lots.${l.id}.half_annexes_m2`, 'half_annexes', 'quotient', l.annexesM2.div(2), 'm2', [this.input(['lots', l.index, 'annexes_m2'], l.annexesM2, 'm2', 'lot_annexes', { lot: l.id }), this.constant(2, 'number', 'CCH R.331-10')], { args: { lot: l.id } });
      return this.node(`lots.${l.id}.su_m2`, 'lot_su', 'sum', l.suM2, 'm2', [this.lotShab(l), half], { args: { lot: l.id }, rule: 'CCH R.331-10' });
    });
  }
  /** A lot's annexes (m²): the file's, else its types' (count × annexes of each type). */
  private lotAnnexes(l: LotModel): ExplainNode {
    if (l.input.annexes_m2 !== undefined) return this.input(['lots', l.index, 'annexes_m2'], l.annexesM2, 'm2', 'lot_annexes', { lot: l.id });
    const parts = (l.input.types ?? []).map((t, k) => t.annexes_m2 === undefined ? null : this.node(`lots.${l.id}.types.${k}.annexes_m2`, 'type_annexes', 'product', D(t.annexes_m2).times(t.count), 'm2', [this.input(['lots', l.index, 'types', k, 'annexes_m2'], D(t.annexes_m2), 'm2'), this.input(['lots', l.index, 'types', k, 'count'], D(t.count), 'count')], { args: { lot: l.id } })).filter((x): x is ExplainNode => x !== null);
    return this.node(`lots.${l.id}.annexes_m2`, 'lot_annexes_of_types', 'sum', l.annexesM2, 'm2', parts, { args: { lot: l.id } });
  }
  /**
   * A lot's regulatory SU when it is not the social one: the fiscal SU (SHAB + ½ annexes within 8 m²
   * per dwelling, CGI ann. III art. 2 terdecies D) or the accession SU (SU + ½ garage within 6 m² per
   * dwelling, arrêté du 9 mai 1995).
   */
  lotSuRegulatory(l: LotModel): ExplainNode {
    return this.once(`sureg.${l.id}`, () => {
      const args = { lot: l.id };
      if (l.info.suRegime === 'fiscal') {
        const rule = 'CGI ann. III art. 2 terdecies D';
        const half = this.node(`lots.${l.id}.half_annexes_m2`, 'half_annexes', 'quotient', l.annexesM2.div(2), 'm2', [this.lotAnnexes(l), this.constant(2, 'number', rule)], { args });
        const cap = this.node(`lots.${l.id}.annexes_cap_m2`, 'annexes_cap', 'product', D(l.dwellings).times(8), 'm2', [this.lotDwellings(l), this.constant(8, 'm2', rule)], { args });
        const kept = this.node(`lots.${l.id}.annexes_counted_m2`, 'annexes_counted', 'min', Decimal.min(half.value as Dec, cap.value as Dec), 'm2', [half, cap], { args });
        return this.node(`lots.${l.id}.su_regulatory_m2`, 'su_regulatory', 'sum', l.suRegulatoryM2, 'm2', [this.lotShab(l), kept], { args, rule });
      }
      const rule = 'arrêté du 9 mai 1995';
      const garage = l.input.garage_m2 !== undefined ? this.input(['lots', l.index, 'garage_m2'], l.garageM2, 'm2', 'lot_garage', args) : this.constant(0, 'm2');
      const half = this.node(`lots.${l.id}.half_garage_m2`, 'half_garage', 'quotient', l.garageM2.div(2), 'm2', [garage, this.constant(2, 'number', rule)], { args });
      const cap = this.node(`lots.${l.id}.garage_cap_m2`, 'garage_cap', 'product', D(l.dwellings).times(6), 'm2', [this.lotDwellings(l), this.constant(6, 'm2', rule)], { args });
      const kept = this.node(`lots.${l.id}.garage_counted_m2`, 'garage_counted', 'min', Decimal.min(half.value as Dec, cap.value as Dec), 'm2', [half, cap], { args });
      return this.node(`lots.${l.id}.su_regulatory_m2`, 'su_regulatory', 'sum', l.suRegulatoryM2, 'm2', [this.lotSu(l), kept], { args, rule });
    });
  }
  totalDwellings(): ExplainNode { return this.node('dwellings', 'dwellings', 'sum', this.ev.surfaces.dwellings, 'count', this.model.lots.map((l) => this.lotDwellings(l))); }
  totalShab(): ExplainNode { return this.once('shab', () => this.node('shab_m2', 'shab', 'sum', this.ev.surfaces.shabM2, 'm2', this.model.lots.map((l) => this.lotShab(l)))); }
  totalSu(): ExplainNode { return this.once('su', () => this.node('su_m2', 'su', 'sum', this.ev.surfaces.suM2, 'm2', this.model.lots.map((l) => this.lotSu(l)))); }
  commonSpaces(): ExplainNode {
    const cs = this.model.input.construction.common_spaces ?? [];
    return this.node('common_spaces_m2', 'common_spaces', 'sum', this.model.commonSpacesM2, 'm2', cs.map((c, i) => this.input(['construction', 'common_spaces', i, 'area_m2'], D(c.area_m2), 'm2', 'common_space_area', { label: c.label })));
  }
  sp(): ExplainNode {
    return this.once('sp', () => {
      const c = this.model.input.construction;
      if (c.sp_m2 !== undefined) return this.input(['construction', 'sp_m2'], this.model.spM2, 'm2', 'sp');
      const base = this.node('shab_plus_common_m2', 'shab_plus_common', 'sum', this.ev.surfaces.shabM2.plus(this.model.commonSpacesM2), 'm2', [this.totalShab(), this.commonSpaces()]);
      return this.node('sp_m2', 'sp', 'quotient', this.model.spM2, 'm2', [base, this.givenOr(['construction', 'shab_sp_ratio'], c.shab_sp_ratio, 'construction.shab_sp_ratio')]);
    });
  }

  // ── cost price ────────────────────────────────────────────────────────────
  private lotCost(l: LotModel): ExplainNode {
    return this.once(`lotcost.${l.id}`, () => l.input.cost_eur_per_m2_shab !== undefined
      ? this.input(['lots', l.index, 'cost_eur_per_m2_shab'], l.costEurPerM2Shab, 'eur_per_m2_shab', 'lot_cost', { lot: l.id })
      : this.input(['construction', 'cost_eur_per_m2_shab'], l.costEurPerM2Shab, 'eur_per_m2_shab', 'construction_cost'));
  }
  private lineOf(id: string): CostLine | undefined { return this.ev.cost.lines.find((l) => l.id === id); }
  private lineValue(id: string): Dec { return this.lineOf(id)?.amountHtEur ?? ZERO; }

  /** The lots of a works line: every lot, or — acquisition-amélioration beside new building — the new lots (`works`) and the existing ones (`improvement_works`). */
  private worksMask(lineId: string): boolean[] {
    const aa = this.model.lots.map((l) => l.acquisition);
    const split = aa.some(Boolean) && !aa.every(Boolean);
    if (lineId === 'improvement_works') return split ? aa : aa.map(() => true);
    return split ? aa.map((x) => !x) : aa.map(() => true);
  }
  /** The lots sharing the operation's land (or, `existing_building`, its building): those without an acquisition of their own. */
  private landMask(): boolean[] { return this.model.lots.map((l) => this.model.existingBuilding || !l.acquisition); }
  private lotWorks(l: LotModel): ExplainNode {
    return this.once(`lotworks.${l.id}`, () => this.node(`cost_price.lines.works.${l.id}`, 'lot_works', 'product', l.costEurPerM2Shab.times(l.shabM2), 'eur', [this.lotCost(l), this.lotShab(l)], { args: { lot: l.id } }));
  }
  /** The exact works of every lot (new and improvement works). */
  private worksExactAll(): ExplainNode {
    return this.once('worksall', () => {
      const w = this.lineOf('works'), iw = this.lineOf('improvement_works');
      if (w && !iw) return this.costLine(w).children[0]!;
      if (iw && !w) return this.costLine(iw).children[0]!;
      const kids = this.model.lots.map((l) => this.lotWorks(l));
      return this.node('cost_price.works_exact_eur', 'exact_amount', 'sum', sum(kids.map((k) => k.value as Dec)), 'eur', kids);
    });
  }
  /** An element of an embedded list parameter (a bracket of the notary's tariff). */
  private paramAt(key: string, k: number, unit?: string): ExplainNode {
    const def = this.model.params[key];
    const raw = def && typeof def.value !== 'string' ? def.value[k] ?? '0' : '0';
    return this.node(`${key}[${k}]`, 'parameter', 'leaf', D(raw), unit ?? def?.unit ?? 'number', [], {
      args: { key, index: k }, origin: { kind: 'parameter', key, vintage: this.model.vintage, sources: [...(def?.sources ?? [])], file: false },
    });
  }
  /**
   * Duties and fees of the purchase of an existing building (src/engine/cost-price.ts buildingFees): transfer duties
   * + the notary's emoluments by tariff bracket + their VAT + the contribution de sécurité immobilière, each to the cent.
   */
  private buildingFees(line: CostLine, price: ExplainNode): ExplainNode {
    const b = line.basis as Extract<CostLine['basis'], { kind: 'building_fees' }>;
    const id = `cost_price.lines.${line.id}`, args = { line: line.id };
    const p = price.value as Dec;
    const cents = (cid: string, concept: string, value: Dec, kids: ExplainNode[], rule?: string) => this.node(`${id}.${cid}`, concept, 'round_cents', value, 'eur', [this.node(`${id}.${cid}.exact`, 'exact_amount', 'product', kids.reduce((a, k) => a.times(k.unit === 'pct' ? (k.value as Dec).div(100) : (k.value as Dec)), ONE), 'eur', kids)], { args, ...(rule ? { rule } : {}) });
    const duties = cents('duties', 'transfer_duties', b.dutiesEur, [price, this.param('acquisition.transfer_duties_pct', 'pct')], 'CGI art. 1594 D, 1584, 1647 V');
    const brackets = this.model.params['acquisition.notary_emoluments.brackets_eur'];
    const rates = this.model.params['acquisition.notary_emoluments.rates_pct'];
    const bs = brackets && typeof brackets.value !== 'string' ? brackets.value.map((x) => D(x)) : [];
    const rs = rates && typeof rates.value !== 'string' ? rates.value : [];
    const parts: ExplainNode[] = [];
    let from = ZERO;
    rs.forEach((_, k) => {
      if (p.lte(from)) return;
      const to = bs[k];
      const top = to === undefined || p.lt(to) ? price : this.paramAt('acquisition.notary_emoluments.brackets_eur', k, 'eur');
      const fromNode = k === 0 ? this.constant(0, 'eur') : this.paramAt('acquisition.notary_emoluments.brackets_eur', k - 1, 'eur');
      const width = this.node(`${id}.bracket.${k}.base`, 'emolument_bracket_base', 'diff', (top.value as Dec).minus(from), 'eur', [top, fromNode], { args: { ...args, index: k + 1 } });
      const rate = this.paramAt('acquisition.notary_emoluments.rates_pct', k, 'pct');
      parts.push(this.node(`${id}.bracket.${k}`, 'emolument_bracket', 'product', (width.value as Dec).times((rate.value as Dec).div(100)), 'eur', [width, rate], { args: { ...args, index: k + 1 } }));
      if (to !== undefined) from = to;
    });
    const emol = this.node(`${id}.emoluments`, 'notary_emoluments', 'round_cents', b.emolumentsHtEur, 'eur', [this.node(`${id}.emoluments.exact`, 'exact_amount', 'sum', sum(parts.map((x) => x.value as Dec)), 'eur', parts)], { args, rule: 'C. com. art. A444-91' });
    const emolVat = cents('emoluments_vat', 'notary_emoluments_vat', b.emolumentsHtEur.times(b.emolumentsVatPct).div(100).toDecimalPlaces(2), [emol, this.param('acquisition.notary_emoluments.vat_pct', 'pct')]);
    const csi = cents('security', 'security_contribution', line.amountHtEur.minus(b.dutiesEur).minus(b.emolumentsHtEur).minus(emolVat.value as Dec), [price, this.param('acquisition.security_contribution_pct', 'pct')], 'CGI art. 879');
    return this.node(id, 'cost_line', 'sum', line.amountHtEur, 'eur', [duties, emol, emolVat, csi], { args });
  }

  /** A lot's works key: its works + its share of the common spaces (pro rata SU), the weight of the lines « % des travaux ». */
  private worksKey(l: LotModel): ExplainNode {
    return this.once(`wkey.${l.id}`, () => {
      const lots = this.model.lots;
      const commons = this.ev.cost.lines.filter((x) => x.id.startsWith('common_space_'));
      const commonTotal = sum(commons.map((x) => x.amountHtEur));
      const own = this.lotWorks(l);
      if (commonTotal.isZero()) return own;
      const commonNode = this.once('commons', () => this.node('cost_price.common_spaces_ht_eur', 'common_spaces_cost', 'sum', commonTotal, 'eur', commons.map((x) => this.costLine(x))));
      const share = allocate(commonTotal, lots.map((x) => x.suM2))[l.index]!;
      const part = this.node(`cost_price.common_spaces_ht_eur.${l.id}`, 'line_part', 'share', share, 'eur', [commonNode, this.lotSu(l), this.totalSu()], { args: { lot: l.id, line: 'common_spaces' } });
      return this.node(`cost_price.works_key.${l.id}`, 'works_key', 'sum', (own.value as Dec).plus(share), 'eur', [own, part], { args: { lot: l.id } });
    });
  }

  /** Works + common spaces: the base of the lines « % des travaux ». */
  worksBase(): ExplainNode {
    return this.once('worksbase', () => {
      const parts = this.ev.cost.lines.filter((l) => l.id === 'works' || l.id === 'improvement_works' || l.id.startsWith('common_space_')).map((l) => this.costLine(l));
      return this.node('cost_price.works_base_ht_eur', 'works_base', 'sum', this.ev.cost.worksBaseHtEur, 'eur', parts);
    });
  }

  costLine(line: CostLine): ExplainNode {
    return this.once(`line.${line.id}`, () => this.costLineUncached(line));
  }

  private costLineUncached(line: CostLine): ExplainNode {
    const m = this.model, input = m.input, v = line.amountHtEur;
    const id = `cost_price.lines.${line.id}`;
    const args = { line: line.id };
    const rc = (child: ExplainNode, rule?: string) => this.node(id, 'cost_line', 'round_cents', v, 'eur', [child], { args, ...(rule ? { rule } : {}) });
    const prod = (cid: string, value: Dec, kids: ExplainNode[]) => this.node(`${id}.exact`, 'exact_amount', 'product', value, 'eur', kids, { args });
    const c = input.construction, land = input.land;
    if (line.id === 'works' || line.id === 'improvement_works') {
      const mask = this.worksMask(line.id);
      const perLot = m.lots.filter((_, k) => mask[k]).map((l) => this.lotWorks(l));
      return rc(this.node(`${id}.exact`, 'exact_amount', 'sum', sum(perLot.map((p) => p.value as Dec)), 'eur', perLot, { args }));
    }
    if (line.concept === 'building_fees') return this.buildingFees(line, this.costLine(this.lineOf('land')!));
    if (line.concept === 'lot_building' || line.concept === 'lot_building_fees') {
      const l = m.lots.find((x) => x.id === line.name)!, a = l.input.acquisition!, at: Path = ['lots', l.index, 'acquisition'];
      if (line.concept === 'lot_building_fees') {
        if (a.fees_eur !== undefined) return rc(this.input([...at, 'fees_eur'], D(a.fees_eur), 'eur'));
        return this.buildingFees(line, this.costLine(this.lineOf(`acquisition_${l.id}`)!));
      }
      if (a.price_eur !== undefined) return rc(this.input([...at, 'price_eur'], D(a.price_eur), 'eur'));
      return rc(prod(id, D(a.price_eur_per_m2_shab ?? 0).times(l.shabM2), [this.input([...at, 'price_eur_per_m2_shab'], D(a.price_eur_per_m2_shab ?? 0), 'eur_per_m2_shab'), this.lotShab(l)]));
    }
    const cs = /^common_space_(\d+)$/.exec(line.id);
    if (cs) {
      const i = Number(cs[1]), sp = c.common_spaces![i]!;
      const cost = sp.cost_eur_per_m2_shab !== undefined ? this.input(['construction', 'common_spaces', i, 'cost_eur_per_m2_shab'], D(sp.cost_eur_per_m2_shab), 'eur_per_m2_shab', 'common_space_cost') : this.input(['construction', 'cost_eur_per_m2_shab'], D(c.cost_eur_per_m2_shab), 'eur_per_m2_shab', 'construction_cost');
      const area = this.input(['construction', 'common_spaces', i, 'area_m2'], D(sp.area_m2), 'm2', 'common_space_area', { label: sp.label });
      return rc(prod(id, D(cost.value as Dec).times(D(sp.area_m2)), [cost, area]));
    }
    if (line.id === 'price_revision' && c.price_revision) {
      const r = c.price_revision;
      const months = this.node('construction.price_revision.years', 'months_in_years', 'quotient', D(r.months).div(12), 'ratio', [this.input(['construction', 'price_revision', 'months'], r.months, 'months'), this.constant(12, 'months')]);
      return rc(prod(id, this.ev.cost.worksBaseHtEur.times(D(r.annual_pct)).div(100).times(r.months).div(12), [this.worksBase(), this.input(['construction', 'price_revision', 'annual_pct'], D(r.annual_pct), 'pct'), months]));
    }
    if (line.id === 'contingencies') {
      const rev = this.lineOf('price_revision');
      const base = this.node('cost_price.contingencies_base_ht_eur', 'contingencies_base', 'sum', this.ev.cost.worksBaseHtEur.plus(rev?.amountHtEur ?? ZERO), 'eur', [this.worksBase(), ...(rev ? [this.costLine(rev)] : [])]);
      const p = this.givenOr(['construction', 'contingencies_pct'], c.contingencies_pct, 'construction.contingencies_pct');
      return rc(prod(id, (base.value as Dec).times(p.value as Dec).div(100), [base, p]));
    }
    if (line.id === 'fees' || line.id === 'insurance') {
      const key = line.id === 'fees' ? 'construction.fees_pct' : 'construction.insurance_pct';
      const p = this.givenOr(['construction', `${line.id}_pct`], line.id === 'fees' ? c.fees_pct : c.insurance_pct, key);
      return rc(prod(id, this.ev.cost.worksBaseHtEur.times(p.value as Dec).div(100), [this.worksBase(), p]));
    }
    if (line.id === 'land') {
      if (land.price_eur_per_m2_sp !== undefined) { const p = this.input(['land', 'price_eur_per_m2_sp'], D(land.price_eur_per_m2_sp), 'eur_per_m2_sp'); return rc(prod(id, D(land.price_eur_per_m2_sp).times(m.spM2), [p, this.sp()])); }
      if (land.price_eur_per_m2_shab !== undefined) {
        const p = this.input(['land', 'price_eur_per_m2_shab'], D(land.price_eur_per_m2_shab), 'eur_per_m2_shab');
        const mask = this.landMask(), inLand = m.lots.filter((_, k) => mask[k]);
        const shab = inLand.length === m.lots.length ? this.totalShab() : this.node(`${id}.shab_m2`, 'scoped_shab', 'sum', sum(inLand.map((x) => x.shabM2)), 'm2', inLand.map((x) => this.lotShab(x)));
        return rc(prod(id, D(land.price_eur_per_m2_shab).times(shab.value as Dec), [p, shab]));
      }
      return rc(this.input(['land', 'price_eur'], D(land.price_eur ?? 0), 'eur'));
    }
    if (line.id === 'land_fees') {
      if (land.acquisition_fees_eur !== undefined) return rc(this.input(['land', 'acquisition_fees_eur'], D(land.acquisition_fees_eur), 'eur'));
      const p = this.givenOr(['land', 'acquisition_fees_pct'], land.acquisition_fees_pct, 'land.acquisition_fees_pct');
      return rc(prod(id, this.lineValue('land').times(p.value as Dec).div(100), [this.costLine(this.lineOf('land')!), p]));
    }
    if (line.id === 'site_works') return rc(this.input(['land', 'site_works_eur'], D(land.site_works_eur ?? 0), 'eur'));
    if (line.id === 'ta' || line.id === 'rap') return this.taxLine(line);
    if (line.id === 'prefinancing' && c.prefinancing_interest_eur !== undefined) return rc(this.input(['construction', 'prefinancing_interest_eur'], D(c.prefinancing_interest_eur), 'eur'));
    const other = /^(land_other|other)_(\d+)$/.exec(line.id);
    if (other) {
      const section = other[1] === 'land_other' ? 'land' : 'construction';
      const i = Number(other[2]);
      const li = (other[1] === 'land_other' ? land.other : c.other)![i]!;
      const at: Path = [section, 'other', i];
      const mask = m.lots.map((lot) => (!li.lots || li.lots.includes(lot.id)) && (!li.tenures || li.tenures.includes(lot.tenure)));
      const scoped = m.lots.filter((_, k) => mask[k]);
      if (li.amount_eur !== undefined) return rc(this.input([...at, 'amount_eur'], D(li.amount_eur), 'eur', 'input', { label: li.label }));
      if (li.eur_per_m2_shab !== undefined) {
        const shab = this.node(`${id}.shab_m2`, 'scoped_shab', 'sum', sum(scoped.map((x) => x.shabM2)), 'm2', scoped.map((x) => this.lotShab(x)));
        return rc(prod(id, D(li.eur_per_m2_shab).times(shab.value as Dec), [this.input([...at, 'eur_per_m2_shab'], D(li.eur_per_m2_shab), 'eur_per_m2_shab'), shab]));
      }
      if (li.eur_per_dwelling !== undefined) {
        const n = this.node(`${id}.dwellings`, 'scoped_dwellings', 'sum', scoped.reduce((s, x) => s + x.dwellings, 0), 'count', scoped.map((x) => this.lotDwellings(x)));
        return rc(prod(id, D(li.eur_per_dwelling).times(n.value as number), [this.input([...at, 'eur_per_dwelling'], D(li.eur_per_dwelling), 'eur_per_dwelling'), n]));
      }
      if (li.pct_of_works !== undefined && !li.lots && !li.tenures) {
        return rc(prod(id, this.ev.cost.worksBaseHtEur.times(D(li.pct_of_works)).div(100), [this.worksBase(), this.input([...at, 'pct_of_works'], D(li.pct_of_works), 'pct')]));
      }
      if (li.pct_of_works !== undefined) {
        // a scoped line: the works of its lots only (their own works and their share of the common spaces)
        const keys = scoped.map((x) => this.worksKey(x));
        const base = this.node(`${id}.works_base_ht_eur`, 'scoped_works_base', 'sum', sum(keys.map((k) => k.value as Dec)), 'eur', keys, { args });
        return rc(prod(id, (base.value as Dec).times(D(li.pct_of_works)).div(100), [base, this.input([...at, 'pct_of_works'], D(li.pct_of_works), 'pct')]));
      }
      return this.computed(id, 'cost_line', v, 'eur', 'cost_price.lines', args);
    }
    // price revision on the BT01 index, prefinancing interest on draws: computed from the dated series / draws.
    return this.computed(id, 'cost_line', v, 'eur', line.id === 'prefinancing' ? 'construction.prefinancing' : 'construction.price_revision_bt01', args);
  }

  /** TA and RAP: Σ lots SP share × valeur forfaitaire × rate × (1 − abatement of the tenure) (C. urb. L.331-7 ss.). */
  private taxLine(line: CostLine): ExplainNode {
    const m = this.model, taxes = m.input.land.taxes ?? {}, id = `cost_price.lines.${line.id}`, args = { line: line.id };
    const isTa = line.id === 'ta';
    const given = isTa ? taxes.ta_eur : taxes.rap_eur;
    const rule = isTa ? 'C. urb. L.331-7, L.331-10' : 'C. patr. L.524-7';
    if (given !== undefined) return this.node(id, 'cost_line', 'round_cents', line.amountHtEur, 'eur', [this.input(['land', 'taxes', isTa ? 'ta_eur' : 'rap_eur'], D(given), 'eur')], { args, rule });
    const vf = this.param(`ta.valeur_forfaitaire.${m.ileDeFrance ? 'idf' : 'province'}`);
    let rate: ExplainNode;
    if (isTa) {
      const parts = [this.givenOr(['land', 'taxes', 'ta_commune_rate_pct'], taxes.ta_commune_rate_pct, 'land.taxes.ta_commune_rate_pct'), this.givenOr(['land', 'taxes', 'ta_department_rate_pct'], taxes.ta_department_rate_pct, 'land.taxes.ta_department_rate_pct')];
      if (m.ileDeFrance) parts.push(this.givenOr(['land', 'taxes', 'ta_region_rate_pct'], taxes.ta_region_rate_pct, 'land.taxes.ta_region_rate_pct'));
      rate = this.node('land.taxes.ta_rate_pct', 'ta_rate', 'sum', sum(parts.map((p) => p.value as Dec)), 'pct', parts);
    } else rate = this.param('rap.rate_pct');
    const su = this.totalSu();
    const perLot = m.lots.map((l) => {
      const spShare = this.node(`${id}.${l.id}.sp_m2`, 'lot_sp', 'product', m.spM2.times(l.suM2).div(this.ev.surfaces.suM2), 'm2', [this.sp(), this.node(`lots.${l.id}.su_share`, 'su_share', 'quotient', l.suM2.div(this.ev.surfaces.suM2), 'ratio', [this.lotSu(l), su])], { args: { lot: l.id } });
      const ab = l.acquisition ? undefined : this.param(`${isTa ? 'ta' : 'rap'}.abatement.${l.info.key}_pct`);
      // an existing building improved creates no floor area: no TA nor RAP (C. urb. L.331-6; C. patr. L.524-2)
      const keep = ab ? this.node(`${id}.${l.id}.taxed_share`, 'taxed_share', 'one_minus', ONE.minus((ab.value as Dec).div(100)), 'ratio', [ab], { args: { lot: l.id } }) : this.constant(0, 'ratio', 'C. urb. L.331-6; C. patr. L.524-2');
      const value = (spShare.value as Dec).times(vf.value as Dec).times((rate.value as Dec).div(100)).times(keep.value as Dec);
      return this.node(`${id}.${l.id}`, 'lot_tax', 'product', value, 'eur', [spShare, vf, rate, keep], { args: { lot: l.id, line: line.id } });
    });
    return this.node(id, 'cost_line', 'round_cents', line.amountHtEur, 'eur', [this.node(`${id}.exact`, 'exact_amount', 'sum', sum(perLot.map((p) => p.value as Dec)), 'eur', perLot, { args })], { args, rule });
  }

  chapter(ch: string): ExplainNode {
    return this.once(`ch.${ch}`, () => this.node(`cost_price.chapters.${ch}`, 'chapter', 'sum', this.ev.cost.byChapterHtEur[ch as 'land'] ?? ZERO, 'eur', this.ev.cost.lines.filter((l) => l.chapter === ch).map((l) => this.costLine(l)), { args: { chapter: ch }, rule: 'arrêté du 10 juin 1996, annexe I' }));
  }
  totalHt(): ExplainNode { return this.once('totalht', () => this.node('cost_price.total_ht_eur', 'total_ht', 'sum', this.ev.cost.totalHtEur, 'eur', ['land', 'building', 'fees', 'misc', 'financial'].map((c) => this.chapter(c)))); }

  lotVatRate(l: LotModel): ExplainNode {
    // a social-rental acquisition-amélioration takes its own rate (src/engine/model.ts, [CGI-TVA-AA])
    const aaSocial = l.acquisition && (l.tenure === 'PLAI' || l.tenure === 'PLUS' || l.tenure === 'PLS');
    return this.once(`vat.${l.id}`, () => l.input.vat_pct !== undefined ? this.input(['lots', l.index, 'vat_pct'], D(l.input.vat_pct), 'pct', 'vat_rate', { lot: l.id }) : this.param(aaSocial ? 'vat.acquisition_improvement.social_rental_pct' : `vat.${l.info.key}_pct`, 'pct'));
  }
  lotHt(l: LotModel): ExplainNode {
    return this.once(`lotht.${l.id}`, () => {
      const parts = this.ev.cost.lines.map((line) => {
        const part = line.perLotHtEur[l.index]!;
        return this.node(`cost_price.lines.${line.id}.${l.id}`, 'line_part', 'share', part, 'eur', [this.costLine(line), ...this.allocationKey(line, l)], { args: { line: line.id, lot: l.id } });
      }).filter((n) => !(n.value as Dec).isZero());
      return this.node(`cost_price.${l.id}.total_ht_eur`, 'lot_total_ht', 'sum', this.ev.cost.perLot[l.index]!.htEur, 'eur', parts, { args: { lot: l.id } });
    });
  }
  /** The allocation key of a line for lot `l` and the total of the keys (src/engine/cost-price.ts: SU, the works, the taxable SP). */
  private allocationKey(line: CostLine, l: LotModel): [ExplainNode, ExplainNode] {
    const m = this.model, lots = m.lots, id = line.id;
    const suKey = (mask: boolean[]): [ExplainNode, ExplainNode] => {
      const inLots = lots.filter((_, i) => mask[i]);
      if (!inLots.length) return [this.lotSu(l), this.totalSu()];
      const total = inLots.length === lots.length ? this.totalSu() : this.once(`sukey.${id}`, () => this.node(`cost_price.lines.${id}.su_m2`, 'scoped_su', 'sum', sum(inLots.map((x) => x.suM2)), 'm2', inLots.map((x) => this.lotSu(x))));
      return [mask[l.index] ? this.lotSu(l) : this.constant(0, 'm2'), total];
    };
    if (id === 'works' || id === 'improvement_works') {
      const w = this.costLine(line).children[0]!; // the exact works: Σ lots cost × SHAB
      return [this.worksMask(id)[l.index] ? this.lotWorks(l) : this.constant(0, 'eur'), w];
    }
    if (line.concept === 'lot_building' || line.concept === 'lot_building_fees') {
      const own = lots.find((x) => x.id === line.name)!;
      return [own === l ? this.lotSu(l) : this.constant(0, 'm2'), this.lotSu(own)];
    }
    if (id === 'land' || id === 'land_fees' || id === 'site_works') return suKey(this.landMask());
    if (id === 'price_revision' || id === 'contingencies' || id === 'fees' || id === 'insurance') {
      const worksExact = this.worksExactAll();
      const commons = this.ev.cost.lines.filter((x) => x.id.startsWith('common_space_'));
      const commonTotal = sum(commons.map((x) => x.amountHtEur));
      const key = this.worksKey(l);
      const total = this.once('wkey.total', () => commonTotal.isZero() ? worksExact : this.node('cost_price.works_key_total', 'works_key_total', 'sum', (worksExact.value as Dec).plus(commonTotal), 'eur', [worksExact, this.node('cost_price.common_spaces_ht_eur', 'common_spaces_cost', 'sum', commonTotal, 'eur', this.ev.cost.lines.filter((x) => x.id.startsWith('common_space_')).map((x) => this.costLine(x)))]));
      return [key, total];
    }
    if (id === 'ta' || id === 'rap') {
      const t = this.costLine(line);
      const exact = t.children[0];
      if (exact && exact.concept === 'exact_amount' && exact.children.length === lots.length) return [exact.children[l.index]!, exact];
      return [this.lotSu(l), this.totalSu()];
    }
    const other = /^(land_other|other)_(\d+)$/.exec(id);
    if (other) {
      const li = (other[1] === 'land_other' ? m.input.land.other : m.input.construction.other)![Number(other[2])]!;
      return suKey(lots.map((x) => this.inScope(x, li)));
    }
    return suKey(lots.map(() => true));
  }

  /** A line's own VAT rate (VAT per line, src/engine/vat-lines.ts): the file's `vat_by_line_pct.<id>` or `other[i].vat_pct`. */
  private lineVatRate(line: CostLine): ExplainNode {
    return this.once(`linevat.${line.id}`, () => this.input(dataPath(line.vatFrom!.path!), line.vatRate!.times(100), 'pct', 'line_vat_rate', { line: line.id }));
  }
  /** A lot's parts of the lines with their own VAT rate (in one chapter or all), from its HT tree. */
  private lotOwnRateParts(l: LotModel, chapter?: string): { node: ExplainNode; line: CostLine }[] {
    return this.lotHt(l).children.map((node) => ({ node, line: this.lineOf(String(node.args?.line))! }))
      .filter((p) => p.line?.vatRate !== undefined && (!chapter || p.line.chapter === chapter));
  }
  /** A lot's parts outside VAT without a rate of their own (the purchase of an existing building, its duties and fees). */
  private lotPlainNoVatParts(l: LotModel, chapter?: string): ExplainNode[] {
    return this.lotHt(l).children.filter((c) => { const line = this.lineOf(String(c.args?.line)); return line?.noVat && line.vatRate === undefined && (!chapter || line.chapter === chapter); });
  }
  /** The exact VAT of a lot's part of a line with its own rate: part × the line's rate. */
  private lineVatPart(l: LotModel, p: { node: ExplainNode; line: CostLine }): ExplainNode {
    return this.node(`cost_price.lines.${p.line.id}.${l.id}.vat_exact_eur`, 'line_vat', 'product', (p.node.value as Dec).times(p.line.vatRate!), 'eur', [p.node, this.lineVatRate(p.line)], { args: { line: p.line.id, lot: l.id } });
  }
  /**
   * The VAT of a lot some of whose lines have their own rate: the lot's rate on its other lines (HT − the
   * parts outside the lot's rate) + each line with its own rate × that rate, to the cent.
   */
  private lotVatByLine(l: LotModel, own: { node: ExplainNode; line: CostLine }[]): ExplainNode {
    const rate = this.lotVatRate(l), ht = this.lotHt(l), args = { lot: l.id };
    const outside = [...this.lotPlainNoVatParts(l), ...own.map((p) => p.node)];
    const base = this.node(`cost_price.${l.id}.vat_base_ht_eur`, 'lot_vat_base_by_line', 'diff', (ht.value as Dec).minus(sum(outside.map((p) => p.value as Dec))), 'eur', [ht, ...outside], { args });
    const atLot = this.node(`cost_price.${l.id}.vat_at_lot_rate_exact_eur`, 'vat_at_lot_rate', 'product', (base.value as Dec).times((rate.value as Dec).div(100)), 'eur', [base, rate], { args });
    const parts = [atLot, ...own.map((p) => this.lineVatPart(l, p))];
    const exact = this.node(`cost_price.${l.id}.vat_exact_eur`, 'exact_amount', 'sum', sum(parts.map((p) => p.value as Dec)), 'eur', parts);
    return this.node(`cost_price.${l.id}.vat_eur`, 'lot_vat', 'round_cents', this.ev.cost.perLot[l.index]!.vatEur, 'eur', [exact], { args, rule: 'CGI art. 257, 278 sexies' });
  }
  lotVat(l: LotModel): ExplainNode {
    return this.once(`lotvat.${l.id}`, () => {
      const own = this.lotOwnRateParts(l);
      if (own.length) return this.lotVatByLine(l, own);
      const rate = this.lotVatRate(l), noVat = this.lotNoVat(l);
      const ht = noVat ? this.node(`cost_price.${l.id}.vat_base_ht_eur`, 'lot_vat_base', 'diff', (this.lotHt(l).value as Dec).minus(noVat.value as Dec), 'eur', [this.lotHt(l), noVat], { args: { lot: l.id } }) : this.lotHt(l);
      const exact = this.node(`cost_price.${l.id}.vat_exact_eur`, 'exact_amount', 'product', (ht.value as Dec).times((rate.value as Dec).div(100)), 'eur', [ht, rate]);
      return this.node(`cost_price.${l.id}.vat_eur`, 'lot_vat', 'round_cents', this.ev.cost.perLot[l.index]!.vatEur, 'eur', [exact], { args: { lot: l.id }, rule: 'CGI art. 278 sexies' });
    });
  }
  lotTtc(l: LotModel): ExplainNode {
    return this.once(`lotttc.${l.id}`, () => this.node(`cost_price.${l.id}.total_ttc_eur`, 'lot_total_ttc', 'sum', this.ev.cost.perLot[l.index]!.ttcEur, 'eur', [this.lotHt(l), this.lotVat(l)], { args: { lot: l.id } }));
  }
  // ── VEFA between owners: a lot as its buyer bears it (src/engine/vefa.ts) ──────────────
  private vefaLot(l: LotModel) { return this.ev.vefa?.lots.find((v) => v.lotIndex === l.index); }
  /** The cost price of each lot as its owner bears it: a VEFA lot at its buyer's cost (what financing, rental and sales work on). */
  private borne(l: LotModel) { return (this.ev.vefa?.buyerCost ?? this.ev.cost).perLot[l.index]!; }
  private vefaVatRate(l: LotModel): ExplainNode {
    const v = l.input.vefa!;
    return v.vat_pct !== undefined ? this.input(['lots', l.index, 'vefa', 'vat_pct'], D(v.vat_pct), 'pct', 'vat_rate', { lot: l.id }) : this.lotVatRate(l);
  }
  /** The VEFA price HT, to the cent: given in total or per m² (SHAB or SU), HT or TTC (÷ (1 + VAT)). */
  vefaPriceHt(l: LotModel): ExplainNode {
    return this.once(`vefaprice.${l.id}`, () => {
      const v = l.input.vefa!, x = this.vefaLot(l)!, at: Path = ['lots', l.index, 'vefa'], args = { lot: l.id };
      const factor = () => this.node(`vefa.${l.id}.vat_factor`, 'one_plus', 'one_plus', ONE.plus(x.vatRate), 'ratio', [this.vefaVatRate(l)]);
      const per = (key: 'price_eur_per_m2_shab_ht' | 'price_eur_per_m2_su_ht' | 'price_eur_per_m2_shab_ttc' | 'price_eur_per_m2_su_ttc', surface: ExplainNode) => {
        const given = D(v[key]!);
        return this.node(`vefa.${l.id}.price_exact_eur`, 'exact_amount', 'product', given.times(surface.value as Dec), 'eur', [this.input([...at, key], given, key.includes('shab') ? 'eur_per_m2_shab' : 'eur_per_m2_su'), surface], { args });
      };
      const ttcToHt = (ttc: ExplainNode) => this.node(`vefa.${l.id}.price_ht_exact_eur`, 'exact_amount', 'quotient', (ttc.value as Dec).div(ONE.plus(x.vatRate)), 'eur', [ttc, factor()], { args });
      let exact: ExplainNode;
      if (v.total_eur_ht !== undefined) exact = this.input([...at, 'total_eur_ht'], D(v.total_eur_ht), 'eur');
      else if (v.total_eur_ttc !== undefined) exact = ttcToHt(this.input([...at, 'total_eur_ttc'], D(v.total_eur_ttc), 'eur'));
      else if (v.price_eur_per_m2_shab_ht !== undefined) exact = per('price_eur_per_m2_shab_ht', this.lotShab(l));
      else if (v.price_eur_per_m2_su_ht !== undefined) exact = per('price_eur_per_m2_su_ht', this.lotSu(l));
      else if (v.price_eur_per_m2_shab_ttc !== undefined) exact = ttcToHt(per('price_eur_per_m2_shab_ttc', this.lotShab(l)));
      else exact = ttcToHt(per('price_eur_per_m2_su_ttc', this.lotSu(l)));
      return this.node(`vefa.${l.id}.price_ht_eur`, 'vefa_price_ht', 'round_cents', x.priceHtEur, 'eur', [exact], { args });
    });
  }
  vefaPriceVat(l: LotModel): ExplainNode {
    return this.once(`vefavat.${l.id}`, () => {
      const x = this.vefaLot(l)!, price = this.vefaPriceHt(l);
      return this.node(`vefa.${l.id}.price_vat_eur`, 'vefa_vat', 'round_cents', x.priceVatEur, 'eur', [this.node(`vefa.${l.id}.price_vat_exact_eur`, 'exact_amount', 'product', x.priceHtEur.times(x.vatRate), 'eur', [price, this.vefaVatRate(l)])], { args: { lot: l.id } });
    });
  }
  vefaPriceTtc(l: LotModel): ExplainNode {
    return this.once(`vefattc.${l.id}`, () => this.node(`vefa.${l.id}.price_ttc_eur`, 'vefa_price_ttc', 'sum', this.vefaLot(l)!.priceTtcEur, 'eur', [this.vefaPriceHt(l), this.vefaPriceVat(l)], { args: { lot: l.id } }));
  }
  vefaFees(l: LotModel): ExplainNode {
    return this.once(`vefafees.${l.id}`, () => {
      const x = this.vefaLot(l)!, rate = this.givenOr(['lots', l.index, 'vefa', 'fees_pct'], l.input.vefa!.fees_pct, 'vefa.fees_pct');
      return this.node(`vefa.${l.id}.buyer_fees_eur`, 'vefa_fees', 'round_cents', x.feesEur, 'eur', [this.node(`vefa.${l.id}.buyer_fees_exact_eur`, 'exact_amount', 'product', x.priceHtEur.times((rate.value as Dec).div(100)), 'eur', [this.vefaPriceHt(l), rate])], { args: { lot: l.id } });
    });
  }
  vefaBuyerHt(l: LotModel): ExplainNode {
    return this.once(`vefabht.${l.id}`, () => this.node(`vefa.${l.id}.buyer_cost_ht_eur`, 'vefa_buyer_ht', 'sum', this.vefaLot(l)!.buyerCostHtEur, 'eur', [this.vefaPriceHt(l), this.vefaFees(l)], { args: { lot: l.id } }));
  }
  vefaBuyerTtc(l: LotModel): ExplainNode {
    return this.once(`vefabttc.${l.id}`, () => this.node(`vefa.${l.id}.buyer_cost_ttc_eur`, 'vefa_buyer_ttc', 'sum', this.vefaLot(l)!.buyerCostTtcEur, 'eur', [this.vefaPriceHt(l), this.vefaPriceVat(l), this.vefaFees(l)], { args: { lot: l.id } }));
  }
  /** The land share of a VEFA price: the seller's land cost of the lot, at most the price (the cap of a CDC land loan). */
  private vefaLand(l: LotModel): ExplainNode {
    return this.once(`vefaland.${l.id}`, () => this.node(`vefa.${l.id}.land_ht_eur`, 'vefa_land', 'min', this.borne(l).byChapterHtEur.land, 'eur', [this.lotLand(l), this.vefaPriceHt(l)], { args: { lot: l.id } }));
  }
  vefaSellerMargin(l: LotModel): ExplainNode {
    return this.once(`vefamargin.${l.id}`, () => this.node(`vefa.${l.id}.seller_margin_eur`, 'vefa_seller_margin', 'diff', this.vefaLot(l)!.sellerMarginEur, 'eur', [this.vefaPriceHt(l), this.lotHt(l)], { args: { lot: l.id } }));
  }
  /** The lot's cost price TTC as its owner bears it (a VEFA lot: its buyer's cost). */
  borneTtc(l: LotModel): ExplainNode { return this.vefaLot(l) ? this.vefaBuyerTtc(l) : this.lotTtc(l); }
  borneHt(l: LotModel): ExplainNode { return this.vefaLot(l) ? this.vefaBuyerHt(l) : this.lotHt(l); }
  borneLand(l: LotModel): ExplainNode { return this.vefaLot(l) ? this.vefaLand(l) : this.lotLand(l); }
  /** The land charge TTC of a lot, the cap of its CDC land loan (a purchase outside VAT counted as it is). */
  borneLandTtc(l: LotModel): ExplainNode {
    return this.once(`landttc.${l.id}`, () => {
      const v = this.vefaLot(l), b = this.borne(l), args = { lot: l.id };
      const land = this.borneLand(l);
      const rate = v ? this.vefaVatRate(l) : this.lotVatRate(l);
      const vatRate = v ? v.vatRate : l.vatRate;
      const factor = this.node(`lots.${l.id}.land_vat_factor`, 'one_plus', 'one_plus', ONE.plus(vatRate), 'ratio', [rate]);
      const own = v ? [] : this.lotOwnRateParts(l, 'land');
      if (own.length) {
        // VAT per line: the land lines at the lot's rate, each line with its own rate at that rate, the parts outside VAT as they are
        const plain = this.lotPlainNoVatParts(l, 'land');
        const outside = [...plain, ...own.map((p) => p.node)];
        const taxed = this.node(`cost_price.${l.id}.land_taxed_ht_eur`, 'lot_land_at_lot_rate', 'diff', (land.value as Dec).minus(sum(outside.map((p) => p.value as Dec))), 'eur', [land, ...outside], { args });
        const ownTtc = own.map((p) => this.node(`cost_price.lines.${p.line.id}.${l.id}.ttc_exact_eur`, 'line_part_ttc', 'product', (p.node.value as Dec).times(ONE.plus(p.line.vatRate!)), 'eur', [p.node, this.node(`cost_price.lines.${p.line.id}.vat_factor`, 'one_plus', 'one_plus', ONE.plus(p.line.vatRate!), 'ratio', [this.lineVatRate(p.line)])], { args: { line: p.line.id, lot: l.id } }));
        const exactKids = [this.node(`cost_price.${l.id}.land_taxed_ttc_exact`, 'exact_amount', 'product', (taxed.value as Dec).times(ONE.plus(vatRate)), 'eur', [taxed, factor]), ...ownTtc];
        const plainSum = sum(plain.map((p) => p.value as Dec));
        const rounded = this.node(`cost_price.${l.id}.land_taxed_ttc_eur`, 'lot_land_taxed_ttc', 'round_cents', b.landTtcEur.minus(plainSum), 'eur', [this.node(`cost_price.${l.id}.land_ttc_by_line_exact`, 'exact_amount', 'sum', sum(exactKids.map((k) => k.value as Dec)), 'eur', exactKids)], { args });
        return plain.length ? this.node(`cost_price.${l.id}.land_ttc_eur`, 'lot_land_ttc', 'sum', b.landTtcEur, 'eur', [rounded, ...plain], { args }) : { ...rounded, id: `cost_price.${l.id}.land_ttc_eur`, concept: 'lot_land_ttc' };
      }
      const noVat = v ? undefined : this.lotNoVat(l, 'land');
      if (!noVat) return this.node(`cost_price.${l.id}.land_ttc_eur`, 'lot_land_ttc', 'round_cents', b.landTtcEur, 'eur', [this.node(`cost_price.${l.id}.land_ttc_exact`, 'exact_amount', 'product', (land.value as Dec).times(ONE.plus(vatRate)), 'eur', [land, factor])], { args });
      const taxed = this.node(`cost_price.${l.id}.land_taxed_ht_eur`, 'lot_land_taxed', 'diff', (land.value as Dec).minus(noVat.value as Dec), 'eur', [land, noVat], { args });
      const taxedTtc = this.node(`cost_price.${l.id}.land_taxed_ttc_eur`, 'lot_land_taxed_ttc', 'round_cents', b.landTtcEur.minus(noVat.value as Dec), 'eur', [this.node(`cost_price.${l.id}.land_taxed_ttc_exact`, 'exact_amount', 'product', (taxed.value as Dec).times(ONE.plus(vatRate)), 'eur', [taxed, factor])], { args });
      return this.node(`cost_price.${l.id}.land_ttc_eur`, 'lot_land_ttc', 'sum', b.landTtcEur, 'eur', [taxedTtc, noVat], { args });
    });
  }
  /** A lot's part of the lines outside VAT (the purchase of an existing building, its duties and fees), in one chapter or all; undefined when none. */
  private lotNoVat(l: LotModel, chapter?: string): ExplainNode | undefined {
    const parts = this.lotHt(l).children.filter((c) => { const line = this.lineOf(String(c.args?.line)); return line?.noVat && (!chapter || line.chapter === chapter); });
    if (!parts.length) return undefined;
    return this.once(`novat.${l.id}.${chapter ?? ''}`, () => this.node(`cost_price.${l.id}.no_vat_ht_eur${chapter ? `.${chapter}` : ''}`, 'lot_no_vat', 'sum', sum(parts.map((p) => p.value as Dec)), 'eur', parts, { args: { lot: l.id } }));
  }
  totalVat(): ExplainNode { return this.once('vat', () => this.node('cost_price.vat_eur', 'total_vat', 'sum', this.ev.cost.totalVatEur, 'eur', this.model.lots.map((l) => this.lotVat(l)))); }
  totalTtc(): ExplainNode { return this.once('ttc', () => this.node('cost_price.total_ttc_eur', 'total_ttc', 'sum', this.ev.cost.totalTtcEur, 'eur', [this.totalHt(), this.totalVat()])); }

  // ── financing ─────────────────────────────────────────────────────────────
  private lotFin(lotIndex: number) { return this.ev.financing.rental.find((f) => f.lotIndex === lotIndex); }
  finLot(l: LotModel, kind: 'subsidies' | 'equity' | 'loans' | 'cdc'): ExplainNode {
    return this.once(`fin.${kind}.${l.id}`, () => {
      const f = this.lotFin(l.index)!;
      const args = { lot: l.id };
      if (kind === 'subsidies' || kind === 'equity') {
        const kids = kind === 'subsidies' ? this.subsidyParts(l) : this.equityParts(l);
        return this.node(`financing.${l.id}.${kind}_eur`, `lot_${kind}`, 'sum', kind === 'subsidies' ? f.subsidiesEur : f.equityEur, 'eur', kids, { args });
      }
      const loans = kind === 'cdc' ? f.loans.filter((x) => x.isCdc) : f.loans;
      const explicit = loans.filter((x) => !x.isDefault);
      const defaults = loans.filter((x) => x.isDefault);
      const kids: ExplainNode[] = explicit.map((x) => this.loanPart(l, x));
      if (defaults.length) {
        const dsum = sum(defaults.map((x) => x.amountEur));
        const allExplicit = f.loans.filter((x) => !x.isDefault);
        const adv = this.advancesLot(l);
        const rest = this.node(`financing.${l.id}.default_loans_eur`, 'default_loans', 'diff', dsum, 'eur', [this.borneTtc(l), this.finLot(l, 'subsidies'), this.finLot(l, 'equity'), ...(adv ? [adv] : []),
          ...allExplicit.map((x) => this.loanPart(l, x))], { args, rule: 'cdc_default_loans' });
        // the default loans fill what the plan lacks: uses − subsidies − equity − equity advances − explicit loans
        const fills = (rest.value as Dec).eq(sum([f.usesEur.minus(f.subsidiesEur).minus(f.equityEur).minus(f.advancesEur).minus(sum(allExplicit.map((x) => x.amountEur)))]));
        kids.push(fills ? rest : this.computed(`financing.${l.id}.default_loans_eur`, 'default_loans', dsum, 'eur', 'financing.lots[].loans', args));
      }
      return this.node(`financing.${l.id}.${kind === 'cdc' ? 'cdc_loans' : 'loans'}_eur`, kind === 'cdc' ? 'lot_cdc_loans' : 'lot_loans', 'sum', kind === 'cdc' ? f.cdcLoansEur : f.loansEur, 'eur', kids, { args });
    });
  }

  // ── the plan de financement's lines, spread as src/engine/financing.ts spreads them ─────────
  private inScope(lot: LotModel, sc: { lots?: string[] | undefined; tenures?: string[] | undefined }): boolean {
    return (!sc.lots || sc.lots.includes(lot.id)) && (!sc.tenures || sc.tenures.includes(lot.tenure));
  }
  /** One entry of the file spread over its eligible lots: the part of lot `l`. */
  private spreadPart(id: string, concept: string, at: Path, spec: { amount_eur?: number | undefined; eur_per_dwelling?: number | undefined; eur_per_m2_su?: number | undefined; pct_of_cost?: number | undefined }, l: LotModel, eligible: LotModel[], byCost: boolean, value: Dec, name: Record<string, string> = {}): ExplainNode {
    const args = { lot: l.id, ...name };
    const rc = (child: ExplainNode) => this.node(id, concept, 'round_cents', value, 'eur', [child], { args });
    if (spec.amount_eur !== undefined) {
      const amount = this.node(`${pathText(at)}.amount_cents`, 'exact_amount', 'round_cents', D(spec.amount_eur).toDecimalPlaces(2), 'eur', [this.input([...at, 'amount_eur'], D(spec.amount_eur), 'eur')]);
      const weight = byCost ? this.borneTtc(l) : this.lotSu(l);
      const total = this.node(`${pathText(at)}.weights`, byCost ? 'eligible_cost' : 'eligible_su', 'sum', sum(eligible.map((x) => (byCost ? this.borne(x).ttcEur : x.suM2))), byCost ? 'eur' : 'm2', eligible.map((x) => (byCost ? this.borneTtc(x) : this.lotSu(x))));
      return this.node(id, concept, 'share', value, 'eur', [amount, weight, total], { args });
    }
    if (spec.eur_per_dwelling !== undefined) return rc(this.node(`${id}.exact`, 'exact_amount', 'product', D(spec.eur_per_dwelling).times(l.dwellings), 'eur', [this.input([...at, 'eur_per_dwelling'], D(spec.eur_per_dwelling), 'eur_per_dwelling'), this.lotDwellings(l)]));
    if (spec.eur_per_m2_su !== undefined) return rc(this.node(`${id}.exact`, 'exact_amount', 'product', D(spec.eur_per_m2_su).times(l.suM2), 'eur', [this.input([...at, 'eur_per_m2_su'], D(spec.eur_per_m2_su), 'eur_per_m2_su'), this.lotSu(l)]));
    if (spec.pct_of_cost !== undefined) return rc(this.node(`${id}.exact`, 'exact_amount', 'product', this.borne(l).ttcEur.times(D(spec.pct_of_cost)).div(100), 'eur', [this.borneTtc(l), this.input([...at, 'pct_of_cost'], D(spec.pct_of_cost), 'pct')]));
    return this.computed(id, concept, value, 'eur', pathText(at), args);
  }
  /** The subsidies of a lot, entry by entry of the file (a rental lot, or a sale lot's subsidies). */
  subsidyParts(l: LotModel): ExplainNode[] {
    const m = this.model;
    const out: ExplainNode[] = [];
    (m.input.subsidies ?? []).forEach((s, i) => {
      const scoped = Boolean(s.lots || s.tenures);
      const eligible = m.lots.filter((x) => this.inScope(x, s) && (scoped || x.info.kind === 'rental'));
      if (!eligible.some((x) => x.index === l.index)) return;
      const label = s.label ? `${s.source} — ${s.label}` : s.source;
      const value = this.spreadValue(s, l, eligible, false);
      if (value.isZero()) return;
      out.push(this.spreadPart(`financing.${l.id}.subsidies.${i}`, 'subsidy_line', ['subsidies', i], s, l, eligible, false, value, { label }));
    });
    return out;
  }
  /** A part computed as the engine spreads it (for a sale lot, whose parts the engine sums at once). */
  private spreadValue(spec: Parameters<Explainer['spreadPart']>[3], l: LotModel, eligible: LotModel[], byCost: boolean): Dec {
    if (spec.amount_eur !== undefined) {
      const w = eligible.map((x) => (byCost ? this.borne(x).ttcEur : x.suM2));
      const parts = allocate(D(spec.amount_eur).toDecimalPlaces(2), w);
      return parts[eligible.findIndex((x) => x.index === l.index)]!;
    }
    if (spec.eur_per_dwelling !== undefined) return D(spec.eur_per_dwelling).times(l.dwellings).toDecimalPlaces(2);
    if (spec.eur_per_m2_su !== undefined) return D(spec.eur_per_m2_su).times(l.suM2).toDecimalPlaces(2);
    if (spec.pct_of_cost !== undefined) return this.borne(l).ttcEur.times(D(spec.pct_of_cost)).div(100).toDecimalPlaces(2);
    return ZERO;
  }
  equityParts(l: LotModel): ExplainNode[] {
    const m = this.model, f = this.lotFin(l.index)!;
    const out: ExplainNode[] = [];
    let k = 0;
    if (l.tenure === 'coop') {
      const line = f.equity[0];
      if (line && line.concept === 'coop_members') {
        k = 1;
        const share = this.givenOr(['lots', l.index, 'coop', 'members_capital_pct'], l.input.coop?.members_capital_pct, 'coop.members_capital_pct');
        out.push(this.node(`financing.${l.id}.equity.members`, 'members_capital', 'round_cents', line.amountEur, 'eur', [this.node(`financing.${l.id}.equity.members.exact`, 'exact_amount', 'product', this.borne(l).ttcEur.times(share.value as Dec).div(100), 'eur', [this.borneTtc(l), share])], { args: { lot: l.id } }));
      }
    }
    (m.input.financing?.equity ?? []).forEach((e, i) => {
      const eligible = m.lots.filter((x) => x.info.kind === 'rental' && this.inScope(x, e));
      if (!eligible.some((x) => x.index === l.index)) return;
      const line = f.equity[k];
      const value = this.spreadValue(e, l, eligible, true);
      if (value.isZero()) return;
      if (line) k++;
      out.push(this.spreadPart(`financing.${l.id}.equity.${i}`, 'equity_line', ['financing', 'equity', i], e, l, eligible, true, value));
    });
    return out;
  }
  /** A lot's remunerated equity advances (allocated like equity), or null when it has none. */
  private advancesLot(l: LotModel): ExplainNode | null {
    const f = this.lotFin(l.index)!;
    if (f.advances.length === 0) return null;
    return this.once(`fin.advances.${l.id}`, () => {
      const kids = f.advances.map((a) => {
        const e = this.model.input.financing!.equity_advances![a.inputIndex]!;
        const eligible = this.model.lots.filter((x) => x.info.kind === 'rental' && this.inScope(x, e));
        return this.spreadPart(`financing.${l.id}.equity_advances.${a.inputIndex}`, 'equity_advance_line', ['financing', 'equity_advances', a.inputIndex], e, l, eligible, true, a.amountEur);
      });
      return this.node(`financing.${l.id}.equity_advances_eur`, 'lot_equity_advances', 'sum', f.advancesEur, 'eur', kids, { args: { lot: l.id } });
    });
  }
  private loanPart(l: LotModel, x: LoanLine): ExplainNode {
    const ln = x.inputIndex !== undefined ? this.model.input.financing?.loans?.[x.inputIndex] : undefined;
    if (!ln) return this.computed(`financing.${l.id}.loans.${x.id}`, 'loan_line', x.amountEur, 'eur', 'financing.lots[].loans', { loan: x.id });
    const eligible = this.model.lots.filter((y) => y.info.kind === 'rental' && this.inScope(y, ln));
    return this.spreadPart(`financing.${l.id}.loans.${x.id}`, 'loan_line', ['financing', 'loans', x.inputIndex!], ln, l, eligible, true, x.amountEur, { loan: x.id });
  }

  // ── loans ────────────────────────────────────────────────────────────────
  /** The amount of a loan line: the file's (spread over its lots) or a default CDC loan (land: up to the land charge TTC; building: the rest). */
  loanAmount(ln: LotRental['loans'][number]['line']): ExplainNode {
    return this.once(`loanamt.${ln.id}`, () => {
      const l = this.model.lots[ln.lotIndex]!;
      if (!ln.isDefault) return this.loanPart(l, ln);
      const rest = this.finLot(l, 'loans').children.find((c) => c.concept === 'default_loans');
      const f = this.lotFin(l.index)!;
      const landTtcNode = this.borneLandTtc(l);
      if (!rest || rest.op === 'leaf') return this.computed(`financing.${l.id}.loans.${ln.id}`, 'loan_line', ln.amountEur, 'eur', 'financing.lots[].loans', { loan: ln.id });
      const landLoan = f.loans.find((x) => x.isDefault && x.line === 'land');
      const landPart = this.node(`financing.${l.id}.loans.default_land`, 'default_land_loan', 'min', landLoan?.amountEur ?? ZERO, 'eur', [rest, landTtcNode], { args: { lot: l.id }, rule: 'cdc_land_loan_cap' });
      if (ln.line === 'land') return { ...landPart, id: `financing.${l.id}.loans.${ln.id}`, args: { lot: l.id, loan: ln.id } };
      return this.node(`financing.${l.id}.loans.${ln.id}`, 'default_building_loan', 'diff', ln.amountEur, 'eur', [rest, landPart], { args: { lot: l.id, loan: ln.id } });
    });
  }
  /** A loan's terms: amount, Livret A at signing and margin (or a fixed rate), duration, progressivity. */
  loanTerms(t: LotRental['loans'][number]): ExplainNode[] {
    return [this.once(`loanterms.${t.line.id}`, () => {
      const m = this.model, a = m.input.assumptions ?? {};
      const i = t.line.inputIndex;
      const inp = i !== undefined ? m.input.financing?.loans?.[i] : undefined;
      const at: Path = ['financing', 'loans', i ?? 0];
      const kids: ExplainNode[] = [this.loanAmount(t.line)];
      if (inp?.rate_pct !== undefined) kids.push(this.input([...at, 'rate_pct'], D(inp.rate_pct), 'pct', 'loan_rate'));
      else {
        const la0 = a.livret_a_pct !== undefined ? this.input(['assumptions', 'livret_a_pct'], D(a.livret_a_pct), 'pct', 'livret_a') : this.param('livret_a.rate_pct', 'pct');
        const margin = inp?.margin_pct !== undefined ? this.input([...at, 'margin_pct'], D(inp.margin_pct), 'pct', 'loan_margin') : this.param(`loan.${t.line.product}.${t.line.line}.margin_pct`, 'pct');
        kids.push(this.node(`loans.${t.line.id}.rate_pct`, 'loan_rate', 'sum', (la0.value as Dec).plus(margin.value as Dec), 'pct', [la0, margin], { args: { loan: t.line.id } }));
      }
      kids.push(this.loanDuration(t));
      const prog = inp?.progressivity_pct !== undefined ? this.input([...at, 'progressivity_pct'], D(inp.progressivity_pct), 'pct', 'progressivity')
        : a.progressivity_pct !== undefined ? this.input(['assumptions', 'progressivity_pct'], D(a.progressivity_pct), 'pct', 'progressivity') : this.param('loan.default.progressivity_pct', 'pct');
      kids.push(prog);
      return this.node(`loans.${t.line.id}.terms`, 'loan_terms', 'search', null, 'text', kids, { args: { loan: t.line.id }, rule: 'cdc_product_terms' });
    })];
  }
  loanAnnuity(t: LotRental['loans'][number], y: number, lot: string): ExplainNode {
    return this.once(`annuity.${t.line.id}.${y}`, () => this.node(`loans.${t.line.id}.rows.${y}.annuity_eur`, 'loan_annuity', 'schedule', t.schedule.rows[y - 1]?.annuityEur ?? ZERO, 'eur', this.loanTerms(t)[0]!.children, { args: { loan: t.line.id, year: y, lot } }));
  }
  private rentalLots(): LotModel[] { return this.ev.financing.rental.map((f) => this.model.lots[f.lotIndex]!); }
  finTotal(kind: 'uses' | 'subsidies' | 'equity' | 'loans' | 'cdc'): ExplainNode {
    return this.once(`fintot.${kind}`, () => {
      const f = this.ev.financing;
      const value = { uses: f.totalEur, subsidies: f.subsidiesEur, equity: f.equityEur, loans: f.loansEur, cdc: f.cdcLoansEur }[kind];
      const kids = this.rentalLots().map((l) => (kind === 'uses' ? this.borneTtc(l) : this.finLot(l, kind)));
      return this.node(kind === 'uses' ? 'financing.total_eur' : kind === 'cdc' ? 'financing.cdc_loans_eur' : `financing.${kind}_eur`, `financing_${kind}`, 'sum', value, 'eur', kids);
    });
  }

  // ── rental ────────────────────────────────────────────────────────────────
  private lotRental(id: string): LotRental | undefined { return this.ev.rental?.lots.find((x) => this.model.lots[x.lotIndex]!.id === id); }
  private accountOf(id: string | null): { acc: Account; lot: LotRental | null; key: string } {
    if (id === null) return { acc: this.ev.rental!.total, lot: null, key: 'rental' };
    const lr = this.lotRental(id)!;
    return { acc: lr.account, lot: lr, key: `rental.${id}` };
  }

  /** Rent index of year y: Π (1 + IRL) over the years before (year 1 = 1). */
  rentIndex(y: number): ExplainNode {
    return this.once(`ri.${y}`, () => {
      const a = this.model.input.assumptions ?? {};
      const kids: ExplainNode[] = [];
      for (let k = 1; k < y; k++) {
        const path = a.irl_path_pct;
        const irl = () => (path ? this.input(['assumptions', 'irl_path_pct', Math.min(k, path.length) - 1], D(path[Math.min(k, path.length) - 1]!), 'pct', 'irl') : this.givenOr(['assumptions', 'irl_pct'], a.irl_pct, 'assumptions.irl_pct'));
        const rate = a.lines?.rents ? this.growthLeaf(['assumptions', 'lines', 'rents'], a.lines.rents, k + 1, irl) : irl();
        kids.push(this.once(`irl1.${rate.id}`, () => this.node(`index.irl_factor.${rate.id}`, 'one_plus', 'one_plus', ONE.plus((rate.value as Dec).div(100)), 'ratio', [rate])));
      }
      const value = kids.reduce((p, c) => p.times(c.value as Dec), ONE);
      return this.node(`index.rent.${y}`, 'rent_index', kids.length ? 'product' : 'leaf', value, 'ratio', kids, { args: { year: y }, ...(kids.length ? {} : { origin: { kind: 'constant' } }) });
    });
  }
  /** Charges index of year y: (1 + indexation)^(y − 1). */
  chargeIndex(y: number): ExplainNode {
    return this.once(`ci.${y}`, () => {
      const a = this.model.input.assumptions ?? {};
      const rate = this.givenOr(['assumptions', 'charges_indexation_pct'], a.charges_indexation_pct, 'assumptions.charges_indexation_pct');
      const f = this.once('ci.factor', () => this.node('index.charges_factor', 'one_plus', 'one_plus', ONE.plus((rate.value as Dec).div(100)), 'ratio', [rate]));
      const kids = Array.from({ length: y - 1 }, () => f);
      const value = kids.reduce((p, c) => p.times(c.value as Dec), ONE);
      return this.node(`index.charges.${y}`, 'charges_index', kids.length ? 'product' : 'leaf', value, 'ratio', kids, { args: { year: y }, ...(kids.length ? {} : { origin: { kind: 'constant' } }) });
    });
  }
  // ── the account line by line (assumptions.lines, src/engine/lines.ts) ─────
  private linesMemo: ResolvedLines | null | undefined;
  private lines(): ResolvedLines | null {
    if (this.linesMemo === undefined) this.linesMemo = hasLines(this.model.input) ? operatingAssumptions(this.model).lines ?? null : null;
    return this.linesMemo;
  }
  /** A rate of the rents (vacancy, bad debt, CGLLS, ANCOLS): its line's `pct_of_rents`, else its shorthand or default. */
  private rateOf(id: 'vacancy' | 'bad_debt' | 'cglls' | 'ancols', shorthand: string, y?: number): ExplainNode {
    // a year's own rate (`by_year_pct`) replaces the line's that year
    const byYear = y === undefined ? undefined : this.model.input.assumptions?.lines?.[id]?.by_year_pct;
    if (byYear) {
      const first = firstCalendarYear(this.model);
      const k = Object.keys(byYear).find((x) => yearIndex(Number(x), first) === y);
      if (k !== undefined) return this.input(['assumptions', 'lines', id, 'by_year_pct', k], D(byYear[k]!), 'pct');
    }
    const v = this.model.input.assumptions?.lines?.[id]?.pct_of_rents;
    return v !== undefined ? this.input(['assumptions', 'lines', id, 'pct_of_rents'], D(v), 'pct') : this.assumption(shorthand, 'pct');
  }
  /** The growth into year `into` of a line with its own indexation (a rate, a list, a map by year), else `fallback`. */
  private growthLeaf(at: Path, l: { indexation_pct?: number | undefined; indexation_path_pct?: number[] | Record<string, number> | undefined }, into: number, fallback: () => ExplainNode): ExplainNode {
    const p = l.indexation_path_pct;
    if (Array.isArray(p)) { const i = Math.min(into - 1, p.length) - 1; return this.input([...at, 'indexation_path_pct', i], D(p[i]!), 'pct'); }
    if (p) {
      const first = firstCalendarYear(this.model);
      let best: [string, number, number] | null = null;
      for (const [k, v] of Object.entries(p)) { const yi = yearIndex(Number(k), first); if (yi <= into && (!best || yi > best[1])) best = [k, yi, v]; }
      return best ? this.input([...at, 'indexation_path_pct', best[0]], D(best[2]), 'pct') : fallback();
    }
    if (l.indexation_pct !== undefined) return this.input([...at, 'indexation_pct'], D(l.indexation_pct), 'pct');
    return fallback();
  }
  /** The index of a line with its own indexation in year y: Π (1 + growth) over years 2…y. */
  private ownIndex(name: string, at: Path, l: Parameters<Explainer['growthLeaf']>[1], y: number, fallback: () => ExplainNode): ExplainNode {
    return this.once(`li.${name}.${y}`, () => {
      const kids: ExplainNode[] = [];
      for (let k = 2; k <= y; k++) {
        const rate = this.growthLeaf(at, l, k, fallback);
        kids.push(this.once(`lf.${rate.id}`, () => this.node(`index.line_factor.${rate.id}`, 'one_plus', 'one_plus', ONE.plus((rate.value as Dec).div(100)), 'ratio', [rate])));
      }
      const value = kids.reduce((p, c) => p.times(c.value as Dec), ONE);
      return this.node(`index.${name}.${y}`, 'line_index', kids.length ? 'product' : 'leaf', value, 'ratio', kids, { args: { year: y, line: name }, ...(kids.length ? {} : { origin: { kind: 'constant' } }) });
    });
  }
  /** The annex rents' index: their own indexation, else the rents'. */
  private annexIndex(y: number): ExplainNode {
    const an = this.model.input.assumptions?.lines?.annex_rents;
    if (!an || (an.indexation_pct === undefined && an.indexation_path_pct === undefined)) return this.rentIndex(y);
    return this.ownIndex('annex_rents', ['assumptions', 'lines', 'annex_rents'], an, y, () => this.constant(0, 'pct', 'no growth before the first year of the map'));
  }
  private rentalDwellingsNode(): ExplainNode {
    return this.once('rental_dwellings', () => {
      const kids = this.ev.rental!.lots.map((x) => this.lotDwellings(this.model.lots[x.lotIndex]!));
      return this.node('rental.dwellings', 'rental_dwellings', 'sum', kids.reduce((p, c) => p.plus(c.value as Dec), ZERO), 'count', kids);
    });
  }
  /** The year-1 amount of a line written without an amount: its shorthand, its default or its parameter. */
  private lineFallback(id: string): { key: string; leaf: ExplainNode } {
    const a = this.model.input.assumptions ?? {};
    switch (id) {
      case 'management': return { key: 'eur_per_dwelling', leaf: this.assumption('management_eur_per_dwelling', 'eur') };
      case 'maintenance': return { key: 'eur_per_dwelling', leaf: this.assumption('maintenance_eur_per_dwelling', 'eur') };
      case 'insurance': return { key: 'eur_per_dwelling', leaf: this.assumption('insurance_eur_per_dwelling', 'eur') };
      case 'major_maintenance': return a.major_maintenance_pct_of_cost !== undefined ? { key: 'pct_of_cost', leaf: this.input(['assumptions', 'major_maintenance_pct_of_cost'], D(a.major_maintenance_pct_of_cost), 'pct') } : { key: 'eur_per_dwelling', leaf: this.assumption('major_maintenance_eur_per_dwelling', 'eur') };
      case 'tfpb': return { key: 'eur_per_dwelling', leaf: a.tfpb_eur_per_dwelling !== undefined ? this.input(['assumptions', 'tfpb_eur_per_dwelling'], D(a.tfpb_eur_per_dwelling), 'eur') : this.param('tfpb.amount_eur_per_dwelling', 'eur') };
      case 'teom': return { key: 'eur_per_dwelling', leaf: this.param('teom.amount_eur_per_dwelling', 'eur') };
      default: return { key: 'eur_per_dwelling', leaf: this.constant(0, 'eur', 'no amount given') };
    }
  }
  /** One line's amount in a lot's account in year y (null: nothing that year). */
  private lineAmountNode(lotId: string, y: number, spec: ResolvedLine, index: number): ExplainNode | null {
    const lr = this.lotRental(lotId)!, l = this.model.lots[lr.lotIndex]!, row = lr.account.rows[y - 1]!;
    const a = this.model.input.assumptions ?? {};
    const at: Path = spec.other ? ['assumptions', 'other_lines', index] : ['assumptions', 'lines', spec.id];
    const input = (spec.other ? a.other_lines?.[index] : (a.lines as Record<string, Record<string, unknown> | undefined> | undefined)?.[spec.id]) as (Record<string, unknown> & { by_year?: Record<string, number>; plan?: Record<string, number>[] }) | undefined;
    const first = firstCalendarYear(this.model);
    const args = { year: y, lot: lotId, line: spec.label ?? spec.id };
    const key = `rental.${lotId}.rows.${y}.line.${spec.id}`;
    const prod = (concept: string, kids: ExplainNode[]) => this.node(key, concept, 'product', kids.reduce((p, c) => p.times(c.unit === 'pct' ? (c.value as Dec).div(100) : (c.value as Dec)), ONE), 'eur', kids, { args });
    const vacancy = spec.recoverable ? [this.rateOf('vacancy', 'vacancy_pct', y)] : [];
    const typedKey = Object.keys(input?.by_year ?? {}).find((k) => yearIndex(Number(k), first) === y);
    if (typedKey !== undefined) {
      const total = this.input([...at, 'by_year', typedKey], D(input!.by_year![typedKey]!), 'eur');
      const share = this.ev.rental!.lots.length === 1 ? total : this.node(`${key}.typed`, 'line_typed_share', 'share', total.value === null ? ZERO : (total.value as Dec).times(l.dwellings).div(this.rentalDwellingsNode().value as Dec), 'eur', [total, this.lotDwellings(l), this.rentalDwellingsNode()], { args });
      return vacancy.length ? prod('row_line', [share, ...vacancy]) : this.node(key, 'row_line', 'same', share.value as Dec, 'eur', [share], { args });
    }
    // the amount in force: the plan's row, else the line's own, else its fallback
    const defaultFrom = spec.id === 'tfpb' && !spec.other ? lr.tfpbExemptionYears + 1 : 1;
    const from = spec.from ?? (spec.plan ? spec.plan[0]!.from : defaultFrom);
    if (y < from) return null;
    // a letting date prorates year 1's amounts (not a typed amount, given as is; a % of the rents follows the prorated rents)
    const f1 = y === 1 ? this.firstYearFraction() : null;
    const fr = f1 ? [f1] : [];
    let amountKey: string, leaf: ExplainNode;
    if (spec.plan) {
      let best = -1, bestFrom = -1;
      (input!.plan ?? []).forEach((r, i) => { const f = yearIndex(r.from_year!, first); if (f <= y && f > bestFrom) { best = i; bestFrom = f; } });
      if (best < 0) return null;
      const r = input!.plan![best]!;
      amountKey = Object.keys(r).find((k) => k !== 'from_year')!;
      leaf = this.input([...at, 'plan', best, amountKey], D(r[amountKey]!), amountKey.startsWith('pct_') ? 'pct' : 'eur');
    } else if (spec.amount && input && input[spec.amount.key] !== undefined) {
      amountKey = spec.amount.key;
      leaf = this.input([...at, amountKey], D(input[amountKey] as number), amountKey.startsWith('pct_') ? 'pct' : 'eur');
    } else ({ key: amountKey, leaf } = this.lineFallback(spec.id));
    if (amountKey === 'pct_of_rents') {
      const gross = [this.rowLine(lotId, y, 'rent')!];
      if (!row.annexRentEur.isZero()) gross.push(this.rowLine(lotId, y, 'annex_rent')!);
      const g = gross.length === 1 ? gross[0]! : this.node(`rental.${lotId}.rows.${y}.gross`, 'row_gross', 'sum', row.rentEur.plus(row.annexRentEur), 'eur', gross, { args: { year: y, lot: lotId } });
      return prod('row_line', [g, leaf, ...vacancy]);
    }
    const idx = spec.path ? this.ownIndex(`line.${spec.id}`, at, (input ?? {}) as Parameters<Explainer['growthLeaf']>[1], y, () => this.givenOr(['assumptions', 'charges_indexation_pct'], a.charges_indexation_pct, 'assumptions.charges_indexation_pct')) : this.chargeIndex(y);
    const qty = amountKey === 'eur_per_dwelling' ? [this.lotDwellings(l)] : amountKey === 'eur_per_m2_su' ? [this.lotSu(l)] : amountKey === 'eur_per_m2_shab' ? [this.lotShab(l)] : amountKey === 'pct_of_cost' ? [this.borneTtc(l)] : [];
    if (amountKey === 'eur_per_year') {
      const share = this.ev.rental!.lots.length === 1 ? leaf : this.node(`${key}.share`, 'line_typed_share', 'share', (leaf.value as Dec).times(l.dwellings).div(this.rentalDwellingsNode().value as Dec), 'eur', [leaf, this.lotDwellings(l), this.rentalDwellingsNode()], { args });
      return prod('row_line', [share, idx, ...fr, ...vacancy]);
    }
    return prod('row_line', [leaf, ...qty, idx, ...fr, ...vacancy]);
  }
  /** Σ over years k ≤ y of SU × 12 × (Σ lines at a % of the rents in force in year k) × rent index k; null when the account has no such line. */
  private pctOfRentsCoef(lotId: string, y: number, surface: ExplainNode): ExplainNode | null {
    const lines = this.lines();
    if (!lines) return null;
    const lr = this.lotRental(lotId)!;
    const rated: { spec: ResolvedLine; leaf: ExplainNode; from: number; part: (k: number) => ExplainNode }[] = [];
    let i = 0;
    for (const spec of lines.charges) {
      const index = spec.other ? i++ : 0;
      if (spec.amount?.key !== 'pct_of_rents' || spec.plan) continue;
      const at: Path = spec.other ? ['assumptions', 'other_lines', index] : ['assumptions', 'lines', spec.id];
      const leaf = this.input([...at, 'pct_of_rents'], spec.amount.value.times(100), 'pct');
      const from = spec.from ?? (spec.id === 'tfpb' && !spec.other ? lr.tfpbExemptionYears + 1 : 1);
      // a recoverable line: its rate × the vacancy (a product of fractions), said back in % of the rents
      const borne = (v: ExplainNode, id: string, args?: Record<string, number>): ExplainNode => {
        const f = this.node(`${id}.fraction`, 'line_recoverable_pct', 'product', leaf.value === null ? ZERO : (leaf.value as Dec).div(100).times((v.value as Dec).div(100)), 'ratio', [leaf, v], args ? { args } : {});
        return this.node(id, 'line_recoverable_pct', 'pct_of', (f.value as Dec).times(100), 'pct', [f, this.constant(1, 'ratio')], args ? { args } : {});
      };
      const parts = spec.recoverable ? borne(this.rateOf('vacancy', 'vacancy_pct'), `${at.join('.')}.borne_pct`) : leaf;
      // a recoverable line in a year with its own vacancy (`by_year_pct`): that year's borne share
      const part = (k: number): ExplainNode => {
        const ky = spec.recoverable ? this.rateYear(k) : undefined;
        if (ky === undefined) return parts;
        return this.once(`borne.${at.join('.')}.${ky}`, () => borne(this.rateOf('vacancy', 'vacancy_pct', ky), `${at.join('.')}.borne_pct.year.${ky}`, { year: ky }));
      };
      rated.push({ spec, leaf: parts, from, part });
    }
    if (!rated.length) return null;
    const years: ExplainNode[] = [];
    for (let k = 1; k <= y; k++) {
      const kids = rated.filter((r) => k >= r.from && !r.spec.byYear.has(k)).map((r) => r.part(k));
      if (!kids.length) continue;
      years.push(this.once(`pctcoef.${lotId}.${k}`, () => {
        const p = kids.length === 1 ? kids[0]! : this.node(`rental.${lotId}.lines_pct_of_rents.${k}`, 'lines_pct_of_rents', 'sum', kids.reduce((s, c) => s.plus(c.value as Dec), ZERO), 'pct', kids, { args: { year: k, lot: lotId } });
        const f1 = k === 1 ? this.firstYearFraction() : null;
        const f = [surface, this.constant(12, 'months'), p, this.rentIndex(k), ...(f1 ? [f1] : [])];
        return this.node(`rental.${lotId}.rent_coef_lines.year.${k}`, 'lot_rent_coef_lines_year', 'product', f.reduce((s, c) => s.times(c.unit === 'pct' ? (c.value as Dec).div(100) : (c.value as Dec)), ONE), 'eur_per_eur_per_m2_su_month', f, { args: { year: k, lot: lotId } });
      }));
    }
    return this.node(`rental.${lotId}.rent_coef_lines.${y}`, 'lot_rent_coef_lines', 'sum', years.reduce((s, c) => s.plus(c.value as Dec), ZERO), 'eur_per_eur_per_m2_su_month', years, { args: { year: y, lot: lotId } });
  }
  /** A row of an account written line by line: the line's amount, or the sum of the other lines. */
  private lineRowNode(lotId: string, y: number, k: string, lines: ResolvedLines): ExplainNode | undefined {
    const lr = this.lotRental(lotId)!, row = lr.account.rows[y - 1]!;
    const args = { year: y, lot: lotId };
    if (k === 'other') {
      const kids: ExplainNode[] = [];
      let i = 0;
      for (const spec of lines.charges) { if (!spec.other) continue; const n = this.lineAmountNode(lotId, y, spec, i++); if (n && !(n.value as Dec).isZero()) kids.push(n); }
      return this.node(`rental.${lotId}.rows.${y}.other`, 'row_other', 'sum', row.otherEur ?? ZERO, 'eur', kids, { args });
    }
    const spec = lines.charges.find((c) => !c.other && c.id === k)!;
    const n = this.lineAmountNode(lotId, y, spec, 0);
    const value = ({ management: row.managementEur, maintenance: row.maintenanceEur, major_maintenance: row.majorMaintenanceEur, tfpb: row.tfpbEur, insurance: row.insuranceEur, teom: row.teomEur ?? ZERO } as Record<string, Dec>)[k]!;
    return this.node(`rental.${lotId}.rows.${y}.${k}`, `row_${k}`, 'same', value, 'eur', n ? [n] : [], { args });
  }

  /** The years with rates of their own (`by_year_pct` on a line at a % of the rents): y itself, else undefined (the lines' constant rates). */
  private ratesYearMemo: Set<number> | undefined;
  private rateYear(y: number | undefined): number | undefined {
    if (y === undefined) return undefined;
    this.ratesYearMemo ??= new Set(hasLines(this.model.input) ? operatingAssumptions(this.model).ratesByYear?.keys() ?? [] : []);
    return this.ratesYearMemo.has(y) ? y : undefined;
  }
  /** 1 − losses (vacancy + bad debts): the share of the rents collected (that year's when it has its own rates). */
  private collectedShare(year?: number): ExplainNode {
    const y = this.rateYear(year);
    if (y !== undefined) return this.once(`keep.${y}`, () => this.node(`assumptions.collected_share.year.${y}`, 'one_minus', 'one_minus', ONE.minus((this.lossRate(y).value as Dec).div(100)), 'ratio', [this.lossRate(y)], { args: { year: y } }));
    return this.once('keep', () => this.node('assumptions.collected_share', 'one_minus', 'one_minus', ONE.minus((this.lossRate().value as Dec).div(100)), 'ratio', [this.lossRate()]));
  }
  /** 1 − contributions (that year's when it has its own rates). */
  private netContributions(year?: number): ExplainNode {
    const y = this.rateYear(year);
    if (y !== undefined) return this.once(`netcontrib.${y}`, () => this.node(`assumptions.after_contributions.year.${y}`, 'one_minus', 'one_minus', ONE.minus((this.contributionRate(y).value as Dec).div(100)), 'ratio', [this.contributionRate(y)], { args: { year: y } }));
    return this.once('netcontrib', () => this.node('assumptions.after_contributions', 'one_minus', 'one_minus', ONE.minus((this.contributionRate().value as Dec).div(100)), 'ratio', [this.contributionRate()]));
  }
  /** A SCIAPP lot's premium on the HLM rent for the share purchases (the file's, else the default). */
  private sciappPremium(l: LotModel): ExplainNode {
    return this.once(`premium.${l.id}`, () => this.givenOr(['lots', l.index, 'sciapp', 'premium_pct'], l.input.sciapp?.premium_pct, 'sciapp.premium_pct' as DefaultKey, 'pct'));
  }
  /** A SCIAPP lot's term of share purchases, in years (the file's, else the default). */
  private sciappTerm(l: LotModel): number {
    return l.input.sciapp?.term_years ?? Number(DEFAULTS['sciapp.term_years' as DefaultKey].value);
  }

  private assumption(key: string, unit: string): ExplainNode {
    const a = (this.model.input.assumptions ?? {}) as Record<string, number | undefined>;
    return this.givenOr(['assumptions', key], a[key], `assumptions.${key}` as DefaultKey, unit);
  }
  private lossRate(year?: number): ExplainNode {
    const y = this.rateYear(year);
    if (y !== undefined) return this.once(`loss.${y}`, () => { const v = this.rateOf('vacancy', 'vacancy_pct', y), b = this.rateOf('bad_debt', 'bad_debt_pct', y); return this.node(`assumptions.losses_pct.year.${y}`, 'loss_rate', 'sum', (v.value as Dec).plus(b.value as Dec), 'pct', [v, b], { args: { year: y } }); });
    return this.once('loss', () => { const v = this.rateOf('vacancy', 'vacancy_pct'), b = this.rateOf('bad_debt', 'bad_debt_pct'); return this.node('assumptions.losses_pct', 'loss_rate', 'sum', (v.value as Dec).plus(b.value as Dec), 'pct', [v, b]); });
  }
  private contributionRate(year?: number): ExplainNode {
    const y = this.rateYear(year);
    if (y !== undefined) return this.once(`contrib.${y}`, () => { const c = this.rateOf('cglls', 'cglls_pct', y), n = this.rateOf('ancols', 'ancols_pct', y); return this.node(`assumptions.contributions_pct.year.${y}`, 'contribution_rate', 'sum', (c.value as Dec).plus(n.value as Dec), 'pct', [c, n], { rule: 'CCH L.452-4, L.342-21', args: { year: y } }); });
    return this.once('contrib', () => { const c = this.rateOf('cglls', 'cglls_pct'), n = this.rateOf('ancols', 'ancols_pct'); return this.node('assumptions.contributions_pct', 'contribution_rate', 'sum', (c.value as Dec).plus(n.value as Dec), 'pct', [c, n], { rule: 'CCH L.452-4, L.342-21' }); });
  }

  /** One line of a lot's account in year y, from the year-1 figure and the indices. */
  private rowLine(id: string, y: number, k: string): ExplainNode | undefined {
    const lr = this.lotRental(id)!, l = this.model.lots[lr.lotIndex]!, row = lr.account.rows[y - 1]!;
    const key = `rental.${id}.rows.${y}`;
    const args = { year: y, lot: id };
    const a = this.model.input.assumptions ?? {};
    const n = this.lotDwellings(l);
    // A letting date prorates year 1 (src/engine/calendar.ts): its lines × the fraction of the year let.
    const f1 = y === 1 ? this.firstYearFraction() : null;
    const fr = f1 ? [f1] : [];
    const shift = this.ev.rental!.calendar.annuityShift;
    const perDw = (name: string, perDwelling: ExplainNode, value: Dec) => this.node(`${key}.${name}`, `row_${name}`, 'product', value, 'eur', [perDwelling, n, this.chargeIndex(y), ...fr], { args });
    const byLine = this.lines();
    if (byLine && LINE_ROWS.includes(k)) return this.lineRowNode(id, y, k, byLine);
    switch (k) {
      case 'rent': return this.node(`${key}.rent`, 'row_rent', 'product', row.rentEur, 'eur', [this.lotYear1DwellingRent(id), this.rentIndex(y), ...fr], { args });
      case 'annex_rent': return this.node(`${key}.annex_rent`, 'row_annex_rent', 'product', row.annexRentEur, 'eur', [this.lotYear1AnnexRent(id)!, this.annexIndex(y), ...fr], { args });
      // a foyer: the charges part of the redevance, indexed like the rents
      case 'redevance_charges': return this.node(`${key}.redevance_charges`, 'row_redevance_charges', 'product', row.redevanceChargesEur ?? ZERO, 'eur', [this.lotYear1RedevanceCharges(id)!, this.rentIndex(y), ...fr], { args });
      case 'collected': {
        const parts = [this.rowLine(id, y, 'rent')!];
        if (!row.annexRentEur.isZero()) parts.push(this.rowLine(id, y, 'annex_rent')!);
        const charges = row.redevanceChargesEur ?? ZERO;
        if (!charges.isZero()) parts.push(this.rowLine(id, y, 'redevance_charges')!);
        const gross = parts.length === 1 ? parts[0]! : this.node(`${key}.gross`, 'row_gross', 'sum', row.rentEur.plus(row.annexRentEur).plus(charges), 'eur', parts, { args });
        return this.node(`${key}.collected`, 'row_collected', 'product', row.collectedEur, 'eur', [gross, this.collectedShare(y)], { args });
      }
      // a foyer: the rents collected without the charges part of the redevance (the base of the contributions)
      case 'collected_rents': {
        const parts = [this.rowLine(id, y, 'rent')!];
        if (!row.annexRentEur.isZero()) parts.push(this.rowLine(id, y, 'annex_rent')!);
        const gross = parts.length === 1 ? parts[0]! : this.node(`${key}.gross_rents`, 'row_gross', 'sum', row.rentEur.plus(row.annexRentEur), 'eur', parts, { args });
        return this.node(`${key}.collected_rents`, 'row_collected_rents', 'product', row.rentEur.plus(row.annexRentEur).times(this.collectedShare(y).value as Dec), 'eur', [gross, this.collectedShare(y)], { args });
      }
      case 'management': return perDw('management', this.assumption('management_eur_per_dwelling', 'eur'), row.managementEur);
      case 'maintenance': return perDw('maintenance', this.assumption('maintenance_eur_per_dwelling', 'eur'), row.maintenanceEur);
      case 'insurance': return perDw('insurance', this.assumption('insurance_eur_per_dwelling', 'eur'), row.insuranceEur);
      case 'tfpb': return perDw('tfpb', a.tfpb_eur_per_dwelling !== undefined ? this.input(['assumptions', 'tfpb_eur_per_dwelling'], D(a.tfpb_eur_per_dwelling), 'eur') : this.param('tfpb.amount_eur_per_dwelling', 'eur'), row.tfpbEur);
      case 'major_maintenance':
        if (a.major_maintenance_pct_of_cost !== undefined) return this.node(`${key}.major_maintenance`, 'row_major_maintenance', 'product', row.majorMaintenanceEur, 'eur', [this.borneTtc(l), this.input(['assumptions', 'major_maintenance_pct_of_cost'], D(a.major_maintenance_pct_of_cost), 'pct'), this.chargeIndex(y), ...fr], { args });
        return perDw('major_maintenance', this.assumption('major_maintenance_eur_per_dwelling', 'eur'), row.majorMaintenanceEur);
      case 'contributions': return this.node(`${key}.contributions`, 'row_contributions', 'product', row.contributionsEur, 'eur', [this.rowLine(id, y, (row.redevanceChargesEur ?? ZERO).isZero() ? 'collected' : 'collected_rents')!, this.contributionRate(y)], { args });
      case 'annuities': return this.node(`${key}.annuities`, 'row_annuities', 'sum', row.annuitiesEur, 'eur', lr.loans.filter((x) => x.schedule.rows[y - 1 - shift]).map((x) => this.loanAnnuity(x, y - shift, id)), { args });
      case 'advance_repayment': return this.node(`${key}.advance_repayment`, 'row_advance_repayment', 'sum', row.advanceRepaymentEur, 'eur', lr.advances.flatMap((x, i) => (x.schedule.rows[y - 1 - shift] ? [this.advanceAnnuity(x, i, y - shift, id)] : [])), { args });
      // SCIAPP: the households buy their shares with a premium on the HLM rent, collected like it (rent × (1 − losses) × premium)
      case 'share_income': return this.node(`${key}.share_income`, 'row_share_income', 'product', row.shareIncomeEur, 'eur', [this.rowLine(id, y, 'rent')!, this.collectedShare(y), this.sciappPremium(l)], { args });
    }
    return undefined;
  }

  private static readonly CHARGE_LINES: readonly [keyof Account['rows'][number], string][] = [['annuitiesEur', 'annuities'], ['managementEur', 'management'], ['maintenanceEur', 'maintenance'], ['majorMaintenanceEur', 'major_maintenance'], ['tfpbEur', 'tfpb'], ['insuranceEur', 'insurance'], ['teomEur', 'teom'], ['otherEur', 'other'], ['contributionsEur', 'contributions'], ['advanceRepaymentEur', 'advance_repayment']];

  /** Year 1's share of a full year let: the months let from `operation.letting_date` ÷ 12. */
  private firstYearFraction(): ExplainNode | null {
    const c = this.ev.rental!.calendar;
    if (c.firstYearFraction.eq(1)) return null;
    return this.once('first_year_fraction', () => this.node('calendar.first_year_fraction', 'first_year_fraction', 'quotient', c.firstYearFraction, 'ratio',
      [this.input(['operation', 'letting_date'], c.firstYearFraction.times(12), 'months', 'months_let'), this.constant(12, 'months')], { rule: 'spec: (13 − m)/12 on day 1 of month m' }));
  }

  /** An equity advance's annuity of its schedule year y (constant annuities at its rate, src/engine/advances.ts). */
  private advanceAnnuity(x: LotRental['advances'][number], i: number, y: number, lot: string): ExplainNode {
    return this.once(`adv.${lot}.${i}.${y}`, () => {
      const at = ['financing', 'equity_advances', x.line.inputIndex];
      const inp = this.model.input.financing!.equity_advances![x.line.inputIndex]!;
      const kids = [
        inp.amount_eur !== undefined ? this.input([...at, 'amount_eur'], D(inp.amount_eur), 'eur') : this.input([...at, 'pct_of_cost'], D(inp.pct_of_cost ?? 0), 'pct'),
        this.input([...at, 'rate_pct'], D(inp.rate_pct), 'pct'),
        this.input([...at, 'duration_years'], D(inp.duration_years), 'years'),
      ];
      return this.node(`rental.${lot}.equity_advances.${i}.rows.${y}.annuity_eur`, 'advance_annuity', 'schedule', x.schedule.rows[y - 1]!.annuityEur, 'eur', kids, { args: { lot, year: y } });
    });
  }

  /** A line of an account (a lot's, or the consolidated one: the sum of the lots'). */
  private line(id: string | null, y: number, k: string, rowKey: keyof Account['rows'][number]): ExplainNode {
    if (id !== null) return this.rowLine(id, y, k)!;
    const lots = this.ev.rental!.lots;
    if (lots.length === 1) return this.rowLine(this.model.lots[lots[0]!.lotIndex]!.id, y, k)!;
    const row = this.ev.rental!.total.rows[y - 1]!;
    return this.node(`rental.rows.${y}.${k}`, `row_${k}`, 'sum', row[rowKey] as Dec, 'eur', lots.filter((l) => !((l.account.rows[y - 1]![rowKey] as Dec | undefined) ?? ZERO).isZero()).map((l) => this.rowLine(this.model.lots[l.lotIndex]!.id, y, k)!), { args: { year: y } });
  }

  /** Cash flow of year y: collected (+ share purchases) − charges (annuities included). */
  cashFlow(id: string | null, y: number): ExplainNode {
    return this.once(`cf.${id}.${y}`, () => {
      const { acc, key } = this.accountOf(id);
      const row = acc.rows[y - 1]!;
      const args = { year: y, ...(id ? { lot: id } : {}) };
      const kids = [this.line(id, y, 'collected', 'collectedEur')];
      if (!row.shareIncomeEur.isZero()) kids.push(this.line(id, y, 'share_income', 'shareIncomeEur'));
      const income = kids.length === 1 ? kids[0]! : this.node(`${key}.rows.${y}.income_eur`, 'row_income', 'sum', row.collectedEur.plus(row.shareIncomeEur), 'eur', kids, { args });
      const chargeKids = Explainer.CHARGE_LINES.filter(([k]) => row[k] !== undefined && !(row[k] as Dec).isZero()).map(([k, c]) => this.line(id, y, c, k));
      const charges = this.node(`${key}.rows.${y}.charges_eur`, 'row_charges', 'sum', row.chargesEur, 'eur', chargeKids, { args });
      return this.node(`${key}.rows.${y}.cash_flow_eur`, 'row_cash_flow', 'diff', acc.cashFlows[y - 1]!, 'eur', [income, charges], { args });
    });
  }
  cumulative(id: string | null, y: number): ExplainNode {
    return this.once(`cum.${id}.${y}`, () => {
      const { acc, key } = this.accountOf(id);
      const args = { year: y, ...(id ? { lot: id } : {}) };
      const cf = this.cashFlow(id, y);
      if (y === 1) return this.node(`${key}.rows.1.cumulative_eur`, 'row_cumulative', 'same', acc.cumulative[0]!, 'eur', [cf], { args });
      const prev = this.cumulative(id, y - 1);
      return this.node(`${key}.rows.${y}.cumulative_eur`, 'row_cumulative', 'sum', acc.cumulative[y - 1]!, 'eur', [prev, cf], { args });
    });
  }
  private testYearsList(acc: Account): number[] { return Array.from({ length: Math.min(acc.testYears, acc.cumulative.length) }, (_, i) => i + 1); }
  minCumulative(id: string | null): ExplainNode {
    return this.once(`min.${id}`, () => {
      const { acc, key } = this.accountOf(id);
      return this.node(`${key}.min_cumulative_cash_flow_eur`, 'min_cumulative', 'min', acc.minCumulativeEur, 'eur', this.testYearsList(acc).map((y) => this.cumulative(id, y)), { ...(id ? { args: { lot: id } } : {}), rule: 'circ. 97-51 annexe IV' });
    });
  }
  testYears(id: string | null): ExplainNode {
    return this.once(`ty.${id}`, () => {
      const r = this.ev.rental!;
      const { acc, lot, key } = this.accountOf(id);
      const loans = lot ? lot.loans : r.loans;
      const building = loans.filter((l) => l.line.line === 'building');
      const main = building.length ? building : loans;
      if (main.length === 0) return this.node(`${key}.test_years`, 'test_years', 'same', acc.testYears, 'years', [this.horizon()], { rule: 'circ. 97-51 annexe IV' });
      const durations = main.map((l) => this.loanDuration(l));
      let longest = this.node(`${key}.main_loan_years`, 'main_loan_years', 'max', Math.max(0, ...main.map((l) => l.spec.durationYears)), 'years', durations);
      // a letting date other than 1 January: the first annuity falls in year 2, the test runs a year longer
      if (r.calendar.annuityShift) longest = this.node(`${key}.main_loan_years_shifted`, 'main_loan_years_shifted', 'sum', (longest.value as number) + 1, 'years', [longest, this.constant(1, 'years', 'first_annuity_year_2')]);
      return this.node(`${key}.test_years`, 'test_years', 'min', acc.testYears, 'years', [longest, this.horizon()], { rule: 'circ. 97-51 annexe IV' });
    });
  }
  private loanDuration(l: LotRental['loans'][number]): ExplainNode {
    const i = l.line.inputIndex;
    const given = i !== undefined ? this.model.input.financing?.loans?.[i]?.duration_years : undefined;
    if (given !== undefined) return this.input(['financing', 'loans', i!, 'duration_years'], given, 'years', 'loan_duration', { loan: l.line.id });
    const key = `loan.${l.line.product}.${l.line.line}.duration_years`;
    if (this.model.params[key]) return { ...this.param(key, 'years'), value: l.spec.durationYears, concept: 'loan_duration', args: { key, loan: l.line.id } };
    return this.computed(`loans.${l.line.id}.duration_years`, 'loan_duration', l.spec.durationYears, 'years', 'report --detail loans', { loan: l.line.id });
  }
  horizon(): ExplainNode {
    return this.once('horizon', () => {
      const r = this.ev.rental!, a = this.model.input.assumptions ?? {};
      if (a.horizon_years !== undefined) return this.input(['assumptions', 'horizon_years'], a.horizon_years, 'years', 'horizon');
      const def = DEFAULTS['assumptions.horizon_years' as DefaultKey];
      const longest = this.node('rental.longest_loan_years', 'longest_loan_years', 'max', r.loans.reduce((m, l) => Math.max(m, l.spec.durationYears), 0), 'years', r.loans.map((l) => this.loanDuration(l)), { origin: { kind: 'default', key: 'assumptions.horizon_years', sources: [...(def?.sources ?? [])] } });
      if (r.loans.length === 0) return this.node('rental.horizon_years', 'horizon', 'leaf', r.horizonYears, 'years', [], { origin: { kind: 'default', key: 'assumptions.horizon_years', sources: [...(def?.sources ?? [])] } });
      if (this.model.input.operation.letting_date !== undefined) {
        // with a calendar: the longest loan (+ 1 when the first annuity falls in year 2), at most 100 years
        const shifted = r.calendar.annuityShift ? this.node('rental.longest_loan_years_shifted', 'longest_loan_years_shifted', 'sum', (longest.value as number) + 1, 'years', [longest, this.constant(1, 'years', 'first_annuity_year_2')]) : longest;
        return this.node('rental.horizon_years', 'horizon', 'min', r.horizonYears, 'years', [shifted, this.constant(100, 'years')], { origin: { kind: 'default', key: 'assumptions.horizon_years', sources: [...(def?.sources ?? [])] } });
      }
      return this.node('rental.horizon_years', 'horizon', 'min', r.horizonYears, 'years', [longest, this.constant(80, 'years')], { origin: { kind: 'default', key: 'assumptions.horizon_years', sources: [...(def?.sources ?? [])] } });
    });
  }

  /** The rent of a lot: given, the maximum (ceiling × CS × (1 + local margin)), or the coop's break-even. */
  lotRent(id: string): ExplainNode {
    return this.once(`rent.${id}`, () => {
      const lr = this.lotRental(id)!, l = this.model.lots[lr.lotIndex]!, ri = lr.rent;
      const key = `rental.${id}.rent_eur_per_m2_su_month`;
      // a foyer: the rent-equivalent of its redevance, redevance − charges part (per m² SU per month)
      if (ri.foyer) return this.node(key, 'foyer_rent_equivalent', 'diff', ri.rent, 'eur_per_m2_su_month', [this.foyerPerM2(id, 'whole'), this.foyerPerM2(id, 'charges')], { args: { lot: id } });
      if (ri.rentOrigin === 'file') return { ...this.input(['lots', l.index, 'rent', 'rent_eur_per_m2_su_month'], ri.rent, 'eur_per_m2_su_month', 'lot_rent', { lot: id }) };
      if (ri.rentOrigin === 'maximum') return this.node(key, 'lot_rent', 'same', ri.rent, 'eur_per_m2_su_month', [this.maxRent(id)], { args: { lot: id } });
      return this.node(key, 'lot_rent', 'same', ri.rent, 'eur_per_m2_su_month', [this.chargedBreakEven(id)], { args: { lot: id } });
    });
  }

  /**
   * A redevance without a ceiling or a given rent (a cooperative's): the loyer d'équilibre of the
   * account at rent 0, r* = −cum₀(y*) ÷ A(y*) at the binding year (held at 0 if negative), rounded UP
   * to 1/10 000 € so that the test it balances holds. cum₀ is built from the lines that do not
   * depend on the rent (annex rents collected, charges other than the contributions on the rents).
   */
  private chargedBreakEven(id: string): ExplainNode {
    const lr = this.lotRental(id)!, acc = lr.account, r = acc.rentPerM2, a = acc.rentCoef;
    const key = `rental.${id}`;
    const years = this.testYearsList(acc);
    const cum0 = (y: number) => acc.cumulative[y - 1]!.minus(a[y - 1]!.times(r));
    let bind = -1;
    for (const y of years) {
      if (!a[y - 1]!.gt(0)) continue;
      if (bind < 0 || cum0(y).times(a[bind - 1]!).lt(cum0(bind).times(a[y - 1]!))) bind = y;
    }
    const args = { lot: id, year: bind };
    const cum = this.cumulativeAtZeroRent(id, bind);
    const coef = this.rentCoef(id, bind);
    const step = this.node(`${key}.break_even_step_at_zero_rent`, 'rent_step', 'quotient', (cum.value as Dec).div(coef.value as Dec), 'eur_per_m2_su_month', [cum, coef], { args });
    let exact = this.node(`${key}.break_even_at_zero_rent`, 'break_even_closed_form', 'diff', ZERO.minus(step.value as Dec), 'eur_per_m2_su_month', [this.constant(0, 'eur_per_m2_su_month'), step], { args, rule: 'circ. 97-51 annexe IV' });
    if ((exact.value as Dec).isNegative()) exact = this.node(`${key}.break_even_at_zero_rent_held`, 'break_even_held_at_zero', 'max', ZERO, 'eur_per_m2_su_month', [exact, this.constant(0, 'eur_per_m2_su_month')], { args });
    return this.node(`${key}.break_even_rounded_up`, 'break_even_rounded_up', 'round_up_4dp', (exact.value as Dec).toDecimalPlaces(4, Decimal.ROUND_UP), 'eur_per_m2_su_month', [exact], { args: { lot: id } });
  }

  /** A lot's cumulative at rent 0 by year y: the sum of its cash flows without the rent. */
  private cumulativeAtZeroRent(id: string, y: number): ExplainNode {
    return this.once(`cum0.${id}.${y}`, () => {
      const lr = this.lotRental(id)!, row = lr.account.rows[y - 1]!;
      const key = `rental.${id}.rows.${y}`;
      const args = { year: y, lot: id };
      const net = this.netContributions(y);
      const incomes: ExplainNode[] = [];
      if (!row.annexRentEur.isZero()) incomes.push(this.node(`${key}.annex_income_eur`, 'row_annex_income', 'product', row.annexRentEur.times(this.collectedShare(y).value as Dec).times(net.value as Dec), 'eur', [this.rowLine(id, y, 'annex_rent')!, this.collectedShare(y), net], { args }));
      // a foyer: the charges part of the redevance, collected (no contributions on it)
      const redevanceCharges = row.redevanceChargesEur ?? ZERO;
      if (!redevanceCharges.isZero()) incomes.push(this.node(`${key}.redevance_charges_income_eur`, 'row_redevance_charges_income', 'product', redevanceCharges.times(this.collectedShare(y).value as Dec), 'eur', [this.rowLine(id, y, 'redevance_charges')!, this.collectedShare(y)], { args }));
      const income = incomes.length === 0 ? this.constant(0, 'eur') : incomes.length === 1 ? incomes[0]!
        : this.node(`${key}.income_at_zero_rent_eur`, 'row_income', 'sum', sum(incomes.map((n) => n.value as Dec)), 'eur', incomes, { args });
      const chargeKids = Explainer.CHARGE_LINES.filter(([k, c]) => c !== 'contributions' && row[k] !== undefined && !(row[k] as Dec).isZero()).map(([k, c]) => this.rowLine(id, y, c)!);
      const charges = this.node(`${key}.charges_at_zero_rent_eur`, 'row_charges_at_zero_rent', 'sum', sum(chargeKids.map((n) => n.value as Dec)), 'eur', chargeKids, { args });
      const cf = this.node(`${key}.cash_flow_at_zero_rent_eur`, 'row_cash_flow_at_zero_rent', 'diff', (income.value as Dec).minus(charges.value as Dec), 'eur', [income, charges], { args });
      if (y === 1) return this.node(`${key}.cumulative_at_zero_rent_eur`, 'cumulative_at_zero_rent', 'same', cf.value, 'eur', [cf], { args });
      const prev = this.cumulativeAtZeroRent(id, y - 1);
      return this.node(`${key}.cumulative_at_zero_rent_eur`, 'cumulative_at_zero_rent', 'sum', (prev.value as Dec).plus(cf.value as Dec), 'eur', [prev, cf], { args });
    });
  }
  structureCoefficient(id: string): ExplainNode {
    return this.once(`cs.${id}`, () => {
      const lr = this.lotRental(id)!, l = this.model.lots[lr.lotIndex]!, ri = lr.rent;
      const key = `rental.${id}.structure_coefficient`;
      if (ri.structureCoefficient === null) return this.node(key, 'no_ceiling', 'leaf', null, 'ratio', [], { args: { lot: id, tenure: l.tenure }, origin: { kind: 'input', path: ['lots', l.index, 'tenure'], ...(this.ctx.locate(['lots', l.index, 'tenure']) ?? {}) } });
      if (l.info.rentCeiling === 'lli') {
        return this.node(key, 'lli_coefficient', 'search', ri.structureCoefficient, 'ratio', [this.param('rent.lli_coefficient.a'), this.param('rent.lli_coefficient.b'), this.param('rent.lli_coefficient.cap'), this.lotDwellings(l)], { args: { lot: id }, rule: 'CGI ann. III art. 2 terdecies D' });
      }
      // logements-foyers: their own CS (b = 38), over the operation's foyer lots (rents.ts)
      const isFoyer = l.input.foyer !== undefined, f = isFoyer ? 'foyer_' : '';
      const conv = this.model.lots.filter((x) => x.info.rentCeiling && x.info.rentCeiling !== 'lli' && (x.input.foyer !== undefined) === isFoyer);
      const n = this.node(`rental.${f}conventioned_dwellings`, `${f}conventioned_dwellings`, 'sum', conv.reduce((s, x) => s + x.dwellings, 0), 'count', conv.map((x) => this.lotDwellings(x)));
      const su = this.node(`rental.${f}conventioned_su_m2`, `${f}conventioned_su`, 'sum', sum(conv.map((x) => x.suM2)), 'm2', conv.map((x) => this.lotSu(x)));
      const a = this.param('rent.structure_coefficient.a'), b = this.param(isFoyer ? 'rent.structure_coefficient.foyer_b' : 'rent.structure_coefficient.b');
      const bn = this.node(`rental.${f}cs_b_n`, 'cs_b_times_n', 'product', (b.value as Dec).times(n.value as number), 'number', [b, n]);
      const per = this.node(`rental.${f}cs_per_su`, 'cs_per_su', 'quotient', (bn.value as Dec).div(su.value as Dec), 'ratio', [bn, su]);
      const onePlus = this.node(`rental.${f}cs_one_plus`, 'one_plus', 'one_plus', ONE.plus(per.value as Dec), 'ratio', [per]);
      return this.node(key, 'structure_coefficient', 'product', ri.structureCoefficient, 'ratio', [a, onePlus], { args: { lot: id }, rule: 'circulaire loyers, annexe 6' });
    });
  }
  maxRent(id: string): ExplainNode {
    return this.once(`maxrent.${id}`, () => {
      const lr = this.lotRental(id)!, l = this.model.lots[lr.lotIndex]!, ri = lr.rent;
      const key = `rental.${id}.max_rent_eur_per_m2_su_month`;
      if (ri.maxRent === null || ri.ceiling === null) return this.node(key, 'no_ceiling', 'leaf', null, 'eur_per_m2_su_month', [], { args: { lot: id, tenure: l.tenure }, origin: { kind: 'input', path: ['lots', l.index, 'tenure'], ...(this.ctx.locate(['lots', l.index, 'tenure']) ?? {}) } });
      const fam = l.info.rentCeiling!;
      const zone = l.info.zoning === 'hlm' ? this.model.zoneHlmKey : this.model.zoneAbcKey;
      const ceiling = this.param(`rent_ceiling.${fam}.${zone}`, 'eur_per_m2_su_month');
      const kids = [ceiling, this.structureCoefficient(id)];
      if (!ri.localMargin.isZero()) {
        const m = l.input.rent?.local_margin_pct;
        const marg = m !== undefined && D(m).div(100).eq(ri.localMargin) ? this.input(['lots', l.index, 'rent', 'local_margin_pct'], D(m), 'pct') : this.param('rent.local_margin_cap_pct', 'pct');
        kids.push(this.node(`rental.${id}.local_margin_factor`, 'one_plus', 'one_plus', ONE.plus(ri.localMargin), 'ratio', [marg]));
      }
      return this.node(key, 'max_rent', 'product', ri.maxRent, 'eur_per_m2_su_month', kids, { args: { lot: id }, rule: fam === 'lli' ? 'lli_ceilings' : 'rent_ceilings' });
    });
  }
  lotYear1DwellingRent(id: string): ExplainNode {
    return this.once(`y1d.${id}`, () => {
      const lr = this.lotRental(id)!, l = this.model.lots[lr.lotIndex]!, ri = lr.rent;
      const surface = ri.rentSurfaceM2.eq(l.suM2) ? this.lotSu(l) : this.lotSuRegulatory(l);
      return this.node(`rental.${id}.year1_dwelling_rent_eur`, 'year1_dwelling_rent', 'product', ri.rentSurfaceM2.times(ri.rent).times(12), 'eur', [surface, this.lotRent(id), this.constant(12, 'months')], { args: { lot: id } });
    });
  }
  /** A foyer's redevance (`whole`) or its charges part, per m² SU per month: given so, or per unit × units ÷ SU. */
  private foyerPerM2(id: string, part: 'whole' | 'charges'): ExplainNode {
    return this.once(`foyer.${part}.${id}`, () => {
      const lr = this.lotRental(id)!, l = this.model.lots[lr.lotIndex]!, f = lr.rent.foyer!, r = l.input.foyer!.redevance;
      const perM2Key = part === 'whole' ? 'eur_per_m2_su_month' : 'charges_eur_per_m2_su_month';
      const perUnitKey = part === 'whole' ? 'eur_per_unit_month' : 'charges_eur_per_unit_month';
      const value = part === 'whole' ? f.redevancePerM2 : f.chargesPerM2;
      const at = (k: string) => ['lots', l.index, 'foyer', 'redevance', k];
      if (r[perM2Key] !== undefined) return this.input(at(perM2Key), D(r[perM2Key]!), 'eur_per_m2_su_month');
      if (r[perUnitKey] === undefined) return this.constant(0, 'eur_per_m2_su_month');
      const unit = this.input(at(perUnitKey), D(r[perUnitKey]!), 'eur');
      const monthly = this.node(`rental.${id}.foyer_${part}_eur_per_month`, `foyer_${part}_monthly`, 'product', D(r[perUnitKey]!).times(l.dwellings), 'eur', [unit, this.lotDwellings(l)], { args: { lot: id } });
      return this.node(`rental.${id}.foyer_${part}_eur_per_m2_su_month`, `foyer_${part}_per_m2`, 'quotient', value, 'eur_per_m2_su_month', [monthly, this.lotSu(l)], { args: { lot: id } });
    });
  }
  /** A foyer's charges part of year 1: 12 × (per unit × units, or per m² SU × SU). */
  lotYear1RedevanceCharges(id: string): ExplainNode | undefined {
    const lr = this.lotRental(id)!, l = this.model.lots[lr.lotIndex]!, f = lr.rent.foyer;
    if (!f || f.chargesYear1Eur.isZero()) return undefined;
    return this.once(`y1rc.${id}`, () => {
      const r = l.input.foyer!.redevance;
      const at = (k: string) => ['lots', l.index, 'foyer', 'redevance', k];
      const kids = r.charges_eur_per_m2_su_month !== undefined
        ? [this.input(at('charges_eur_per_m2_su_month'), D(r.charges_eur_per_m2_su_month), 'eur_per_m2_su_month'), this.lotSu(l)]
        : [this.input(at('charges_eur_per_unit_month'), D(r.charges_eur_per_unit_month!), 'eur'), this.lotDwellings(l)];
      return this.node(`rental.${id}.year1_redevance_charges_eur`, 'year1_redevance_charges', 'product', f.chargesYear1Eur, 'eur', [...kids, this.constant(12, 'months')], { args: { lot: id } });
    });
  }
  lotYear1AnnexRent(id: string): ExplainNode | undefined {
    const lr = this.lotRental(id)!, l = this.model.lots[lr.lotIndex]!, ri = lr.rent;
    if (ri.annexRentYear1Eur.isZero()) return undefined;
    return this.once(`y1a.${id}`, () => {
      const a = l.input.rent!;
      return this.node(`rental.${id}.year1_annex_rent_eur`, 'year1_annex_rent', 'product', ri.annexRentYear1Eur, 'eur', [this.input(['lots', l.index, 'rent', 'annex_rent_eur_per_month'], D(a.annex_rent_eur_per_month ?? 0), 'eur'), this.input(['lots', l.index, 'rent', 'annex_count'], a.annex_count ?? 0, 'count'), this.constant(12, 'months')], { args: { lot: id } });
    });
  }
  lotYear1Rent(id: string): ExplainNode {
    return this.once(`y1.${id}`, () => {
      const ri = this.lotRental(id)!.rent;
      const annex = this.lotYear1AnnexRent(id);
      return this.node(`rental.${id}.year1_rent_eur`, 'year1_rent', 'sum', ri.year1RentEur, 'eur', [this.lotYear1DwellingRent(id), ...(annex ? [annex] : [])], { args: { lot: id } });
    });
  }
  lotAnnuities1(lr: LotRental): ExplainNode {
    const id = this.model.lots[lr.lotIndex]!.id;
    const shift = this.ev.rental!.calendar.annuityShift;
    return this.node(`rental.${id}.annuities_year1_eur`, 'lot_annuities_year1', 'sum', lr.account.annuities[0] ?? ZERO, 'eur', lr.loans.filter((l) => l.schedule.rows[0 - shift]).map((l) => this.loanAnnuity(l, 1 - shift, id)), { args: { lot: id } });
  }

  /** A(y): what 1 €/m² SU/month of rent adds to the cumulative by year y = SU × 12 × (1 − losses) × (1 − contributions) × Σ rent index. */
  rentCoef(id: string | null, y: number): ExplainNode {
    return this.once(`coef.${id}.${y}`, () => {
      const { acc, key } = this.accountOf(id);
      const value = acc.rentCoef[y - 1]!;
      const args = { year: y, ...(id ? { lot: id } : {}) };
      const lots = this.ev.rental!.lots;
      if (id === null) return lots.length === 1 ? this.rentCoef(this.model.lots[lots[0]!.lotIndex]!.id, y) : this.node(`${key}.rent_coef.${y}`, 'rent_coef', 'sum', value, 'eur_per_eur_per_m2_su_month', lots.map((l) => this.rentCoef(this.model.lots[l.lotIndex]!.id, y)), { args });
      const lr = this.lotRental(id)!, l = this.model.lots[lr.lotIndex]!;
      const surface = lr.rent.rentSurfaceM2.eq(l.suM2) ? this.lotSu(l) : this.lotSuRegulatory(l);
      const keep = this.collectedShare();
      const net = this.netContributions();
      const f1 = this.firstYearFraction();
      const term = l.tenure === 'SCIAPP' ? this.sciappTerm(l) : 0;
      if (Array.from({ length: y }, (_, i) => this.rateYear(i + 1)).some((k) => k !== undefined)) {
        // rates by year (`by_year_pct`): each year's euro of rent kept at that year's rates, summed
        const years = Array.from({ length: y }, (_, i) => this.rentCoefYear(id, i + 1, surface, term));
        const plain = this.node(`${key}.rent_coef_rents.${y}`, 'lot_rent_coef', 'sum', sum(years.map((n) => n.value as Dec)), 'eur_per_eur_per_m2_su_month', years, { args });
        const pctPart = this.pctOfRentsCoef(id, y, surface);
        if (!pctPart) return { ...plain, id: `${key}.rent_coef.${y}`, value };
        return this.node(`${key}.rent_coef.${y}`, 'lot_rent_coef_net_of_lines', 'diff', value, 'eur_per_eur_per_m2_su_month', [plain, pctPart], { args });
      }
      const idx = (from: number, to: number) => this.once(`idxsum.${from}.${to}`, () => {
        const k = Array.from({ length: to - from + 1 }, (_, i) => this.rentIndex(from + i));
        // a prorated year 1 counts its fraction of the year's rent
        if (from === 1 && f1) k[0] = this.once('ri.1.prorated', () => this.node('index.rent.1.prorated', 'rent_index_prorated', 'product', (this.rentIndex(1).value as Dec).times(f1.value as Dec), 'ratio', [this.rentIndex(1), f1]));
        return this.node(from === 1 ? `index.rent_sum.${to}` : `index.rent_sum.${from}_${to}`, from === 1 ? 'rent_index_sum' : 'rent_index_sum_range', 'sum', sum(k.map((n) => n.value as Dec)), 'ratio', k, { args: from === 1 ? { year: to } : { from, to } });
      });
      if (term <= 0) {
        // an account line by line with lines at a % of the rents: they take their share of each euro of rent
        const pctPart = this.pctOfRentsCoef(id, y, surface);
        if (!pctPart) return this.node(`${key}.rent_coef.${y}`, 'lot_rent_coef', 'product', value, 'eur_per_eur_per_m2_su_month', [surface, this.constant(12, 'months'), keep, net, idx(1, y)], { args });
        const kids = [surface, this.constant(12, 'months'), keep, net, idx(1, y)];
        const plain = this.node(`${key}.rent_coef_rents.${y}`, 'lot_rent_coef', 'product', kids.reduce((p, c) => p.times(c.value as Dec), ONE), 'eur_per_eur_per_m2_su_month', kids, { args });
        return this.node(`${key}.rent_coef.${y}`, 'lot_rent_coef_net_of_lines', 'diff', value, 'eur_per_eur_per_m2_su_month', [plain, pctPart], { args });
      }
      // SCIAPP: during the share purchases (years ≤ term) each euro of rent also brings the premium, collected: × (1 − contributions + premium)
      const prem = this.sciappPremium(l);
      const withPremium = this.node(`${key}.share_factor`, 'sciapp_share_factor', 'sum', (net.value as Dec).plus((prem.value as Dec).div(100)), 'ratio', [net, this.node(`${key}.premium_ratio`, 'sciapp_premium_ratio', 'product', (prem.value as Dec).div(100), 'ratio', [prem], { args: { lot: id } })], { args: { lot: id } });
      const part = (from: number, to: number, factor: ExplainNode) => { const i = idx(from, to); return this.node(`${key}.rent_coef.${from}_${to}`, factor === net ? 'lot_rent_coef_plain' : 'lot_rent_coef_premium', 'product', (surface.value as Dec).times(12).times(keep.value as Dec).times(factor.value as Dec).times(i.value as Dec), 'eur_per_eur_per_m2_su_month', [surface, this.constant(12, 'months'), keep, factor, i], { args: { lot: id, from, to } }); };
      if (y <= term) return { ...part(1, y, withPremium), id: `${key}.rent_coef.${y}`, concept: 'lot_rent_coef_premium', value, args };
      return this.node(`${key}.rent_coef.${y}`, 'lot_rent_coef', 'sum', value, 'eur_per_eur_per_m2_su_month', [part(1, term, withPremium), part(term + 1, y, net)], { args });
    });
  }
  /** What 1 €/m² SU/month of rent brings in year k alone, at that year's rates: SU × 12 × (1 − losses_k) × (1 − contributions_k [+ premium]) × rent index k (× the fraction of year 1 let). */
  private rentCoefYear(id: string, k: number, surface: ExplainNode, term: number): ExplainNode {
    return this.once(`coefyear.${id}.${k}`, () => {
      const l = this.model.lots[this.lotRental(id)!.lotIndex]!;
      const net = this.netContributions(k);
      let factor = net;
      if (k <= term) {
        const prem = this.sciappPremium(l);
        factor = this.node(`rental.${id}.share_factor.year.${k}`, 'sciapp_share_factor', 'sum', (net.value as Dec).plus((prem.value as Dec).div(100)), 'ratio', [net, this.node(`rental.${id}.premium_ratio`, 'sciapp_premium_ratio', 'product', (prem.value as Dec).div(100), 'ratio', [prem], { args: { lot: id } })], { args: { lot: id, year: k } });
      }
      const f1 = k === 1 ? this.firstYearFraction() : null;
      const f = [surface, this.constant(12, 'months'), this.collectedShare(k), factor, this.rentIndex(k), ...(f1 ? [f1] : [])];
      return this.node(`rental.${id}.rent_coef_rents.year.${k}`, 'lot_rent_coef', 'product', f.reduce((p, c) => p.times(c.value as Dec), ONE), 'eur_per_eur_per_m2_su_month', f, { args: { year: k, lot: id } });
    });
  }
  /** The loyer d'équilibre: cum_y(r) = cum_y(r₀) + A_y·(r − r₀) is affine in r; r* = r₀ − cum(y*) ÷ A(y*) at the binding year. */
  breakEvenRent(id: string | null): ExplainNode {
    const { acc, key } = this.accountOf(id);
    const name = `${key}.break_even_rent_eur_per_m2_su_month`;
    const value = acc.breakEvenRent;
    const lots = id === null ? this.ev.rental!.lots : [this.lotRental(id)!];
    // the binding year: the one that gives the answer
    const a = acc.rentCoef;
    const r0Value = id === null ? ZERO : acc.rentPerM2;
    let bind = -1;
    const years = this.testYearsList(acc);
    const cumAtR0 = (y: number) => (id === null ? acc.cumulative[y - 1]!.minus(sum(lots.map((l) => l.account.rentCoef[y - 1]!.times(l.account.rentPerM2)))) : acc.cumulative[y - 1]!);
    for (const y of years) {
      if (!a[y - 1]!.gt(0)) continue;
      if (bind < 0 || cumAtR0(y).times(a[bind - 1]!).lt(cumAtR0(bind).times(a[y - 1]!))) bind = y;
    }
    const kids: ExplainNode[] = [];
    if (bind > 0) {
      const args = { year: bind, ...(id ? { lot: id } : {}) };
      const r0 = id === null ? this.constant(0, 'eur_per_m2_su_month') : this.lotRent(id);
      const cum = id === null
        ? this.node(`${key}.rows.${bind}.cumulative_at_zero_rent_eur`, 'cumulative_at_zero_rent', 'diff', cumAtR0(bind), 'eur', [this.cumulative(null, bind), ...lots.map((l) => { const lid = this.model.lots[l.lotIndex]!.id; return this.node(`rental.${lid}.rows.${bind}.rent_part_eur`, 'rent_part', 'product', l.account.rentCoef[bind - 1]!.times(l.account.rentPerM2), 'eur', [this.rentCoef(lid, bind), this.lotRent(lid)], { args: { year: bind, lot: lid } }); })], { args })
        : this.cumulative(id, bind);
      const coef = this.rentCoef(id, bind);
      const step = this.node(`${key}.break_even_step`, 'rent_step', 'quotient', (cum.value as Dec).div(a[bind - 1]!), 'eur_per_m2_su_month', [cum, coef], { args });
      kids.push(this.node(`${key}.break_even_closed_form`, 'break_even_closed_form', 'diff', r0Value.minus(step.value as Dec), 'eur_per_m2_su_month', [r0, step], { args }));
    }
    // the check: the file re-evaluated with that rent on every lot concerned
    let check: { metric: string; value: ExplainValue; unit: string } | null = null;
    if (value !== null) {
      const o = structuredClone(this.model.input);
      for (const l of lots) {
        const li = o.lots[l.lotIndex]!;
        // a foyer: the redevance whose rent-equivalent is that rent (its charges part unchanged)
        if (li.foyer) { const f = redevanceFor(li, l.rent.rentSurfaceM2, value); li.foyer = { ...li.foyer, redevance: { ...li.foyer.redevance, [f.key]: f.value.toNumber() } }; }
        else li.rent = { ...(li.rent ?? {}), rent_eur_per_m2_su_month: value.toNumber() };
      }
      delete (o as { checks?: unknown }).checks;
      const at = evalInput(o, this.model.file);
      const acc2 = at?.rental ? (id === null ? at.rental.total : at.rental.lots.find((x) => x.lotIndex === lots[0]!.lotIndex)?.account) : undefined;
      check = acc2 ? { metric: `${key}.min_cumulative_cash_flow_eur`, value: acc2.minCumulativeEur, unit: 'eur' } : null;
    }
    // the closed form is the node itself when it gives the answer (a negative one is held at 0: then a search node)
    const closed = kids[0];
    const useClosed = closed !== undefined && value !== null && (closed.value as Dec).eq(value);
    return this.node(name, id === null ? 'break_even_rent_all' : 'break_even_rent', useClosed ? 'diff' : 'search', value, 'eur_per_m2_su_month', useClosed ? closed.children : kids, {
      args: { ...(id ? { lot: id } : {}), ...(bind > 0 ? { year: bind } : {}) }, rule: 'circ. 97-51 annexe IV',
      search: { solves: `${key}.min_cumulative_cash_flow_eur`, target: 0, moves: id === null ? (lots.some((l) => l.rent.foyer) ? 'lots[*].rent.rent_eur_per_m2_su_month | lots[*].foyer.redevance' : 'lots[*].rent.rent_eur_per_m2_su_month') : lots[0]!.rent.foyer ? `lots[${lots[0]!.lotIndex}].foyer.redevance` : `lots[${this.lotRental(id)!.lotIndex}].rent.rent_eur_per_m2_su_month`, bounds: [0, Infinity], status: value === null ? 'unreachable' : 'found', answer: value, check },
    });
  }

  // ── sales ────────────────────────────────────────────────────────────────
  private saleLot(id: string) { const s = this.ev.sales?.lots.find((x) => this.model.lots[x.lotIndex]!.id === id); return s; }
  saleMargin(id: string): ExplainNode {
    return this.once(`margin.${id}`, () => {
      const s = this.saleLot(id)!, l = this.model.lots[s.lotIndex]!;
      const kids = [this.saleRevenue(id), this.costToCover(id)];
      const rt = this.node(`sale.${id}.revenue_ttc_eur`, 'revenue_ttc', 'product', s.revenueTtcEur, 'eur', [this.saleRevenue(id), this.node(`lots.${id}.vat_factor`, 'one_plus', 'one_plus', ONE.plus(l.vatRate), 'ratio', [this.lotVatRate(l)])], { args: { lot: id } });
      const mk = this.givenOr(['lots', l.index, 'sale', 'marketing_pct'], l.input.sale?.marketing_pct, l.tenure !== 'libre' ? 'sale.marketing_pct.social' : 'sale.marketing_pct.libre');
      kids.push(this.node(`sale.${id}.marketing_eur`, 'marketing', 'product', s.marketingEur, 'eur', [rt, mk], { args: { lot: id } }));
      if (s.psla) kids.push(this.pslaCarrying(id));
      return this.node(`sale.${id}.margin_eur`, 'sale_margin', 'diff', s.marginEur, 'eur', kids, { args: { lot: id } });
    });
  }
  /** What the lot's revenue must cover: its cost HT less its subsidies (BRS: without the OFS's land). */
  costToCover(id: string): ExplainNode {
    return this.once(`cover.${id}`, () => {
      const s = this.saleLot(id)!, l = this.model.lots[s.lotIndex]!;
      const cover = this.ev.financing.sale.find((x) => x.lotIndex === s.lotIndex)!;
      const toCover = this.node(`financing.sale_lots.${id}.to_cover_ht_eur`, 'to_cover', 'diff', cover.toCoverHtEur, 'eur', [this.borneHt(l), this.node(`financing.sale_lots.${id}.subsidies_eur`, 'sale_subsidies', 'sum', cover.subsidiesEur, 'eur', this.subsidyParts(l), { args: { lot: id } })], { args: { lot: id } });
      if (!s.ofs) return toCover;
      return this.node(`sale.${id}.operator_cost_ht_eur`, 'operator_cost', 'diff', s.costToCoverHtEur, 'eur', [toCover, this.borneLand(l)], { args: { lot: id }, rule: 'CCH L.255-3' });
    });
  }
  salePriceHtShab(id: string): ExplainNode {
    return this.once(`pht.${id}`, () => {
      const s = this.saleLot(id)!, l = this.model.lots[s.lotIndex]!, sale = l.input.sale ?? {};
      const key = `sale.${id}.price_ht_eur_per_m2_shab`;
      const vatF = this.node(`lots.${id}.vat_factor`, 'one_plus', 'one_plus', ONE.plus(l.vatRate), 'ratio', [this.lotVatRate(l)]);
      const types = l.input.types;
      if (types?.every((t) => t.price_eur_ttc !== undefined || t.price_eur_per_m2_shab_ttc !== undefined) || (!types?.length && sale.price_eur_per_dwelling_ttc !== undefined)) {
        // priced by dwelling type (Σ type price × count) or per dwelling (price × dwellings): TTC ÷ (1 + VAT) ÷ SHAB
        let ttc: ExplainNode;
        if (types?.length && types.every((t) => t.price_eur_ttc !== undefined || t.price_eur_per_m2_shab_ttc !== undefined)) {
          const parts = types.map((t, k) => {
            const at: Path = ['lots', l.index, 'types', k];
            const price = t.price_eur_ttc !== undefined ? this.input([...at, 'price_eur_ttc'], D(t.price_eur_ttc), 'eur', 'type_price', { lot: id, type: t.type })
              : this.node(`sale.${id}.types.${k}.price_ttc_eur`, 'type_price', 'product', D(t.price_eur_per_m2_shab_ttc!).times(D(t.shab_m2)), 'eur', [this.input([...at, 'price_eur_per_m2_shab_ttc'], D(t.price_eur_per_m2_shab_ttc!), 'eur_per_m2_shab'), this.input([...at, 'shab_m2'], D(t.shab_m2), 'm2')], { args: { lot: id, type: t.type } });
            return this.node(`sale.${id}.types.${k}.revenue_ttc_eur`, 'type_revenue', 'product', (price.value as Dec).times(t.count), 'eur', [price, this.input([...at, 'count'], t.count, 'count')], { args: { lot: id, type: t.type } });
          });
          ttc = this.node(`sale.${id}.contract_revenue_ttc_eur`, 'contract_revenue_ttc', 'sum', sum(parts.map((x) => x.value as Dec)), 'eur', parts, { args: { lot: id } });
        } else {
          ttc = this.node(`sale.${id}.contract_revenue_ttc_eur`, 'contract_revenue_ttc', 'product', D(sale.price_eur_per_dwelling_ttc!).times(l.dwellings), 'eur', [this.input(['lots', l.index, 'sale', 'price_eur_per_dwelling_ttc'], D(sale.price_eur_per_dwelling_ttc!), 'eur_per_dwelling'), this.lotDwellings(l)], { args: { lot: id } });
        }
        const ht = this.node(`sale.${id}.contract_revenue_ht_eur`, 'contract_revenue', 'quotient', (ttc.value as Dec).div(ONE.plus(l.vatRate)), 'eur', [ttc, vatF], { args: { lot: id } });
        return this.node(key, 'price_ht_shab', 'quotient', s.priceHtPerM2Shab, 'eur_per_m2_shab', [ht, this.lotShab(l)], { args: { lot: id } });
      }
      if (sale.price_eur_per_m2_shab_ttc !== undefined) return this.node(key, 'price_ht_shab', 'quotient', s.priceHtPerM2Shab, 'eur_per_m2_shab', [this.input(['lots', l.index, 'sale', 'price_eur_per_m2_shab_ttc'], D(sale.price_eur_per_m2_shab_ttc), 'eur_per_m2_shab'), vatF], { args: { lot: id } });
      if (sale.price_eur_per_m2_shab_ht !== undefined) return this.input(['lots', l.index, 'sale', 'price_eur_per_m2_shab_ht'], D(sale.price_eur_per_m2_shab_ht), 'eur_per_m2_shab', 'price_ht_shab', { lot: id });
      if (s.priceOrigin === 'target_margin') { const d = this.derivedPrice(id); if (d) return d; }
      const su = l.suRegulatoryM2.eq(l.suM2) ? this.lotSu(l) : this.lotSuRegulatory(l);
      if (sale.price_eur_per_m2_su_ht !== undefined) return this.node(key, 'price_ht_shab', 'quotient', s.priceHtPerM2Shab, 'eur_per_m2_shab', [this.node(`sale.${id}.contract_revenue_ht_eur`, 'contract_revenue', 'product', D(sale.price_eur_per_m2_su_ht).times(l.suRegulatoryM2), 'eur', [this.input(['lots', l.index, 'sale', 'price_eur_per_m2_su_ht'], D(sale.price_eur_per_m2_su_ht), 'eur_per_m2_su'), su], { args: { lot: id } }), this.lotShab(l)], { args: { lot: id } });
      if (sale.price_eur_per_m2_su_ttc !== undefined) {
        const ht = this.node(`sale.${id}.price_ht_eur_per_m2_su_given`, 'price_ht_su', 'quotient', D(sale.price_eur_per_m2_su_ttc).div(ONE.plus(l.vatRate)), 'eur_per_m2_su', [this.input(['lots', l.index, 'sale', 'price_eur_per_m2_su_ttc'], D(sale.price_eur_per_m2_su_ttc), 'eur_per_m2_su'), vatF], { args: { lot: id } });
        return this.node(key, 'price_ht_shab', 'quotient', s.priceHtPerM2Shab, 'eur_per_m2_shab', [this.node(`sale.${id}.contract_revenue_ht_eur`, 'contract_revenue', 'product', (ht.value as Dec).times(l.suRegulatoryM2), 'eur', [ht, su], { args: { lot: id } }), this.lotShab(l)], { args: { lot: id } });
      }
      return this.computed(key, 'price_ht_shab', s.priceHtPerM2Shab, 'eur_per_m2_shab', 'lots[].sale', { lot: id });
    });
  }
  saleRevenue(id: string): ExplainNode {
    return this.once(`rev.${id}`, () => {
      const s = this.saleLot(id)!, l = this.model.lots[s.lotIndex]!;
      const contract = this.node(`sale.${id}.contract_revenue_ht_eur`, 'contract_revenue', 'product', s.contractRevenueHtEur, 'eur', [this.salePriceHtShab(id), this.lotShab(l)], { args: { lot: id } });
      if (!s.psla) return this.node(`sale.${id}.revenue_ht_eur`, 'sale_revenue', 'same', s.revenueHtEur, 'eur', [contract], { args: { lot: id } });
      return this.node(`sale.${id}.revenue_ht_eur`, 'sale_revenue', 'product', s.revenueHtEur, 'eur', [contract, this.pslaFactor(id)], { args: { lot: id } });
    });
  }
  pslaFactor(id: string): ExplainNode {
    return this.once(`pslaf.${id}`, () => {
      const s = this.saleLot(id)!, l = this.model.lots[s.lotIndex]!;
      const red = this.givenOr(['lots', l.index, 'psla', 'annual_price_reduction_pct'], undefined, 'psla.annual_price_reduction_pct');
      const years = s.psla!.occupancyYears;
      const step = this.node(`psla.${id}.yearly_factor`, 'one_minus', 'one_minus', ONE.minus((red.value as Dec).div(100)), 'ratio', [red]);
      const n = Math.floor(years);
      const kids = Array.from({ length: n }, () => step);
      const yearsNode = this.givenOr(['lots', l.index, 'psla', 'occupancy_years'], l.input.psla?.occupancy_years, 'psla.occupancy_years', 'years');
      if (n === 0) return this.node(`psla.${id}.price_factor_at_option`, 'psla_price_factor', 'same', ONE, 'ratio', [this.constant(1, 'ratio')], { args: { lot: id } });
      return this.node(`psla.${id}.price_factor_at_option`, 'psla_price_factor', 'product', s.psla!.priceFactor, 'ratio', kids, { args: { lot: id, years: plainNum(yearsNode.value) }, rule: 'psla_price_reduction' });
    });
  }
  /** The PSLA phase: interest on the cost during the occupancy less the part locative collected, net of running costs. */
  pslaCarrying(id: string): ExplainNode {
    return this.once(`pslac.${id}`, () => {
      const s = this.saleLot(id)!, l = this.model.lots[s.lotIndex]!, p = s.psla!, m = this.model, a = m.input.assumptions ?? {};
      const pin = l.input.psla ?? {};
      const years = this.givenOr(['lots', l.index, 'psla', 'occupancy_years'], pin.occupancy_years, 'psla.occupancy_years', 'years');
      const rate = pin.loan_rate_pct !== undefined ? this.input(['lots', l.index, 'psla', 'loan_rate_pct'], D(pin.loan_rate_pct), 'pct', 'loan_rate')
        : this.node(`psla.${id}.loan_rate_pct`, 'loan_rate', 'sum', p.loanRate.times(100), 'pct', [a.livret_a_pct !== undefined ? this.input(['assumptions', 'livret_a_pct'], D(a.livret_a_pct), 'pct', 'livret_a') : this.param('livret_a.rate_pct', 'pct'), this.param('loan.psla.building.margin_pct', 'pct')], { args: { product: 'psla' } });
      const cover = this.costToCover(id);
      const interest = this.node(`psla.${id}.interest_eur`, 'psla_interest', 'product', p.carryingInterestEur, 'eur', [cover, rate, years], { args: { lot: id } });
      const part = pin.part_locative_eur_per_m2_su_month !== undefined && D(pin.part_locative_eur_per_m2_su_month).eq(p.partLocativeEurPerM2)
        ? this.input(['lots', l.index, 'psla', 'part_locative_eur_per_m2_su_month'], p.partLocativeEurPerM2, 'eur_per_m2_su_month', 'psla_part_locative')
        : this.param(`psla.redevance_ceiling.${m.zoneAbcKey}`, 'eur_per_m2_su_month');
      const su = l.suRegulatoryM2.eq(l.suM2) ? this.lotSu(l) : this.lotSuRegulatory(l);
      const vac = this.assumption('vacancy_pct', 'pct'), bd = this.assumption('bad_debt_pct', 'pct');
      const keep = this.node(`psla.${id}.keep`, 'one_minus', 'one_minus', ONE.minus((vac.value as Dec).plus(bd.value as Dec).div(100)), 'ratio', [this.lossRate()]);
      const gross = this.node(`psla.${id}.part_locative_eur`, 'psla_part_income', 'product', p.partLocativeEurPerM2.times(l.suRegulatoryM2).times(12).times(years.value as Dec).times(keep.value as Dec), 'eur', [part, su, this.constant(12, 'months'), years, keep], { args: { lot: id } });
      const running = this.node(`psla.${id}.running_eur`, 'psla_running', 'product', (this.assumption('management_eur_per_dwelling', 'eur').value as Dec).plus(this.assumption('insurance_eur_per_dwelling', 'eur').value as Dec).times(l.dwellings).times(years.value as Dec), 'eur',
        [this.node('assumptions.management_insurance_eur', 'management_insurance', 'sum', (this.assumption('management_eur_per_dwelling', 'eur').value as Dec).plus(this.assumption('insurance_eur_per_dwelling', 'eur').value as Dec), 'eur', [this.assumption('management_eur_per_dwelling', 'eur'), this.assumption('insurance_eur_per_dwelling', 'eur')]), this.lotDwellings(l), years], { args: { lot: id } });
      const income = this.node(`psla.${id}.income_eur`, 'psla_income', 'diff', p.partLocativeIncomeEur, 'eur', [gross, running], { args: { lot: id } });
      return this.node(`psla.${id}.carrying_cost_eur`, 'psla_carrying', 'diff', p.carryingNetEur, 'eur', [interest, income], { args: { lot: id } });
    });
  }
  private saleTarget(l: LotModel): ExplainNode { return this.givenOr(['lots', l.index, 'sale', 'target_margin_pct'], l.input.sale?.target_margin_pct, l.tenure !== 'libre' ? 'sale.target_margin_pct.social' : 'sale.target_margin_pct.libre'); }
  private saleMarketingPct(l: LotModel): ExplainNode { return this.givenOr(['lots', l.index, 'sale', 'marketing_pct'], l.input.sale?.marketing_pct, l.tenure !== 'libre' ? 'sale.marketing_pct.social' : 'sale.marketing_pct.libre'); }
  /** The price for the target margin: R = (C + carrying) ÷ (1 − m − mk × (1 + TVA)), price HT/m² SHAB = R ÷ (price factor × SHAB). */
  private derivedPrice(id: string): ExplainNode | undefined {
    const s = this.saleLot(id)!, l = this.model.lots[s.lotIndex]!;
    const target = this.saleTarget(l), mk = this.saleMarketingPct(l);
    const vatF = this.node(`lots.${id}.vat_factor`, 'one_plus', 'one_plus', ONE.plus(l.vatRate), 'ratio', [this.lotVatRate(l)]);
    const denomV = ONE.minus((target.value as Dec).div(100)).minus((mk.value as Dec).div(100).times(ONE.plus(l.vatRate)));
    if (!denomV.gt(0)) return undefined;
    const denom = this.node(`sale.${id}.price_denominator`, 'price_denominator', 'diff', denomV, 'ratio', [this.node(`sale.${id}.one_minus_target`, 'one_minus', 'one_minus', ONE.minus((target.value as Dec).div(100)), 'ratio', [target]), this.node(`sale.${id}.marketing_ttc_rate`, 'marketing_rate', 'product', (mk.value as Dec).div(100).times(ONE.plus(l.vatRate)), 'ratio', [mk, vatF])], { args: { lot: id } });
    const cover = this.costToCover(id);
    const carrying = s.psla ? this.pslaCarrying(id) : undefined;
    const need = carrying ? this.node(`sale.${id}.cost_and_carrying_eur`, 'cost_and_carrying', 'sum', (cover.value as Dec).plus(carrying.value as Dec), 'eur', [cover, carrying], { args: { lot: id } }) : cover;
    const revenue = this.node(`sale.${id}.target_revenue_ht_eur`, 'target_revenue', 'quotient', (need.value as Dec).div(denomV), 'eur', [need, denom], { args: { lot: id } });
    const per = s.psla ? this.node(`sale.${id}.shab_at_option`, 'shab_at_option', 'product', s.psla.priceFactor.times(l.shabM2), 'm2', [this.pslaFactor(id), this.lotShab(l)], { args: { lot: id } }) : this.lotShab(l);
    return this.node(`sale.${id}.price_ht_eur_per_m2_shab`, 'price_ht_shab', 'quotient', s.priceHtPerM2Shab, 'eur_per_m2_shab', [revenue, per], { args: { lot: id }, rule: 'target_margin_price' });
  }
  /** Compte à rebours: R × (1 − m) − marketing − (cost − land) − carrying. */
  residual(id: string): ExplainNode {
    return this.once(`resid.${id}`, () => {
      const s = this.saleLot(id)!, l = this.model.lots[s.lotIndex]!;
      const margin = this.saleMargin(id);
      const [rev, cover, marketing] = margin.children;
      const atTarget = this.node(`sale.${id}.revenue_less_target_eur`, 'revenue_less_target', 'product', s.revenueHtEur.times(ONE.minus(s.targetMarginPct.div(100))), 'eur', [rev!, this.node(`sale.${id}.one_minus_target`, 'one_minus', 'one_minus', ONE.minus(s.targetMarginPct.div(100)), 'ratio', [this.saleTarget(l)])], { args: { lot: id } });
      const land = l.tenure === 'BRS' ? this.constant(0, 'eur') : this.borneLand(l);
      const building = this.node(`sale.${id}.cost_without_land_eur`, 'cost_without_land', 'diff', s.costToCoverHtEur.minus(s.landChargeHtEur), 'eur', [cover!, land], { args: { lot: id } });
      const kids = [atTarget, marketing!, building];
      if (s.psla) kids.push(this.pslaCarrying(id));
      return this.node(`sale.${id}.residual_land_charge_eur`, 'residual_land', 'diff', s.residualLandChargeEur, 'eur', kids, { args: { lot: id }, rule: 'residual_land' });
    });
  }
  lotLand(l: LotModel): ExplainNode {
    return this.once(`lotland.${l.id}`, () => this.node(`cost_price.${l.id}.land_ht_eur`, 'lot_land', 'sum', this.ev.cost.perLot[l.index]!.byChapterHtEur.land, 'eur', this.lotHt(l).children.filter((c) => this.lineOf(String(c.args?.line))?.chapter === 'land'), { args: { lot: l.id } }));
  }

  // ── operation ────────────────────────────────────────────────────────────
  tranche(t: Evaluation['operation']['tranches'][number]): ExplainNode {
    const id = this.model.lots[t.lotIndex]!.id;
    if (t.kind === 'sale') return this.saleMargin(id);
    if (t.kind === 'rental') return this.node(`operation.tranches.${t.id}`, 'rental_need', 'min', t.contributionEur, 'eur', [this.minCumulative(this.ev.rental!.lots.length === 1 ? null : id), this.constant(0, 'eur')], { args: { lot: id } });
    if (t.kind === 'vefa') return this.vefaSellerMargin(this.model.lots[t.lotIndex]!);
    const g = this.ev.owners?.ofs.find((x) => `ofs:${x.id}` === t.id);
    if (g) return this.node(`operation.tranches.${t.id}`, 'ofs_group_need', 'min', t.contributionEur, 'eur', [this.ofsGroupMin(g.id), this.constant(0, 'eur')], { args: { ofs: g.id } });
    return this.node(`operation.tranches.${t.id}`, 'ofs_need', 'min', t.contributionEur, 'eur', [this.ofsMetric(this.model.lots[t.lotIndex]!, 'ofs_min_cumulative_eur', '', null)!, this.constant(0, 'eur')], { args: { lot: id } });
  }
  // ── owners (src/engine/owners.ts): the OFS of several BRS lots, each owner's balance, transfers and pooling ──
  private ofsGroup(gid: string) { return this.ev.owners!.ofs.find((g) => g.id === gid)!; }
  /** The consolidated OFS account: each year the lots' OFS cash flows added, one cumulative. */
  private ofsGroupCf(gid: string, y: number): ExplainNode {
    return this.once(`ofsgcf.${gid}.${y}`, () => {
      const g = this.ofsGroup(gid), r = g.rows[y - 1]!;
      const kids = g.lotIndexes.filter((i) => this.saleLotAt(i)?.ofs?.rows[y - 1] !== undefined).map((i) => this.ofsMetric(this.model.lots[i]!, `rows.${y}`, '', null)!);
      return this.node(`ofs.${gid}.rows.${y}.cash_flow_eur`, 'ofs_group_cash_flow', 'sum', r.cashFlowEur, 'eur', kids, { args: { ofs: gid, year: y } });
    });
  }
  private ofsGroupCum(gid: string, y: number): ExplainNode {
    return this.once(`ofsgcum.${gid}.${y}`, () => {
      const r = this.ofsGroup(gid).rows[y - 1]!, args = { ofs: gid, year: y };
      return y === 1 ? this.node(`ofs.${gid}.rows.1.cumulative_eur`, 'ofs_group_cumulative', 'same', r.cumulativeEur, 'eur', [this.ofsGroupCf(gid, 1)], { args })
        : this.node(`ofs.${gid}.rows.${y}.cumulative_eur`, 'ofs_group_cumulative', 'sum', r.cumulativeEur, 'eur', [this.ofsGroupCum(gid, y - 1), this.ofsGroupCf(gid, y)], { args });
    });
  }
  ofsGroupMin(gid: string): ExplainNode {
    return this.once(`ofsgmin.${gid}`, () => {
      const g = this.ofsGroup(gid);
      return this.node(`ofs.${gid}.min_cumulative_eur`, 'ofs_group_min', 'min', g.minCumulativeEur, 'eur', g.rows.map((r) => this.ofsGroupCum(gid, r.year)), { args: { ofs: gid }, rule: 'ofs_cumulative' });
    });
  }
  private saleLotAt(i: number) { return this.ev.sales?.lots.find((x) => x.lotIndex === i); }
  private ofsGroupMetric(gid: string, what: string, name: string, val: ExplainValue): ExplainNode | undefined {
    const g = this.ofsGroup(gid), lots = g.lotIndexes.map((i) => this.model.lots[i]!), args = { ofs: gid };
    if (what === 'lots') return this.node(name, 'ofs_group_lots', 'count', val, 'count', lots.map((l) => {
      const at: Path = l.input.brs?.ofs !== undefined ? ['lots', l.index, 'brs', 'ofs'] : ['lots', l.index, 'owner'];
      return this.input(at, true, 'bool', 'ofs_group_lot', { lot: l.id, ofs: gid });
    }), { args });
    if (what === 'land_eur') return this.node(name, 'ofs_group_land', 'sum', val, 'eur', lots.map((l) => this.ofsMetric(l, 'land', '', null)!), { args });
    if (what === 'loan_eur') return this.node(name, 'ofs_group_loan', 'sum', val, 'eur', lots.map((l) => this.ofsMetric(l, 'ofs_loan_eur', '', null)!), { args });
    if (what === 'redevance_year1_eur') return this.node(name, 'ofs_group_redevance_year1', 'sum', val, 'eur', lots.filter((l) => this.saleLotAt(l.index)?.ofs?.rows[0]).map((l) => this.ofsMetric(l, 'rows.1', '', null)!.children[0]!), { args });
    if (what === 'min_cumulative_eur') return this.ofsGroupMin(gid);
    if (what === 'min_cumulative_year') return this.node(name, 'ofs_group_min_year', 'argmin', val, 'year', g.rows.map((r) => this.ofsGroupCum(gid, r.year)), { args });
    if (what === 'balanced') return this.node(name, 'ofs_group_balanced', 'gte', val, 'bool', [this.ofsGroupMin(gid), this.constant(0, 'eur')], { args });
    return undefined;
  }

  private ownerOf(l: LotModel): string { return l.input.owner ?? ''; }
  private ownerSum(oid: string, what: string, concept: string, value: Dec, kids: ExplainNode[]): ExplainNode {
    return this.once(`owner.${oid}.${what}`, () => this.node(`owner.${oid}.${what}`, concept, 'sum', value, 'eur', kids, { args: { owner: oid } }));
  }
  private ownerBalance(oid: string): ExplainNode {
    return this.once(`ownerbal.${oid}`, () => {
      const o = this.ev.owners!.owners.find((x) => x.id === oid)!;
      return this.node(`owner.${oid}.balance_eur`, 'owner_balance', 'sum', o.balanceEur, 'eur', [this.ownerPart(oid, 'sale_margin_eur')!, this.ownerPart(oid, 'rental_need_eur')!, this.ownerPart(oid, 'ofs_need_eur')!, this.ownerPart(oid, 'vefa_margin_eur')!], { args: { owner: oid } });
    });
  }
  /** An owner's transfers: + received, − given; a share is of the giver's own margins (sales and VEFA sold), nothing when they are not positive. */
  private transferAmount(k: number): ExplainNode {
    return this.once(`transfer.${k}`, () => {
      const t = this.ev.owners!.transfers[k]!, at: Path = ['transfers', k], args = { from: t.from, to: t.to };
      if (t.basis === 'amount') return this.input([...at, 'amount_eur'], t.amountEur, 'eur', 'transfer', args);
      const sales = this.ownerPart(t.from, 'sale_margin_eur')!, vefa = this.ownerPart(t.from, 'vefa_margin_eur')!;
      const margins = this.node(`transfers.${k}.margins_eur`, 'owner_margins', 'sum', (sales.value as Dec).plus(vefa.value as Dec), 'eur', [sales, vefa], { args: { owner: t.from } });
      const base = this.node(`transfers.${k}.base_eur`, 'transfer_base', 'max', (margins.value as Dec).gt(0) ? margins.value : ZERO, 'eur', [margins, this.constant(0, 'eur')], { args });
      const share = this.input([...at, 'share_of_margin_pct'], t.sharePct!, 'pct');
      return this.node(`transfers.${k}.amount_eur`, 'transfer', 'round_cents', t.amountEur, 'eur', [this.node(`transfers.${k}.amount_exact_eur`, 'exact_amount', 'product', (base.value as Dec).times(t.sharePct!.div(100)), 'eur', [base, share])], { args });
    });
  }
  /** A pooled owner's result (its balance and transfers) and the part of it each partner takes (the last one, the remainder). */
  private poolResult(oid: string): ExplainNode {
    return this.once(`poolres.${oid}`, () => {
      const o = this.ev.owners!.owners.find((x) => x.id === oid)!;
      return this.node(`owner.${oid}.pooled_result_eur`, 'pooled_result', 'sum', o.balanceEur.plus(o.transfersEur), 'eur', [this.ownerBalance(oid), this.ownerPart(oid, 'transfers_eur')!], { args: { owner: oid } });
    });
  }
  private poolPart(oid: string, k: number): ExplainNode {
    return this.once(`poolpart.${oid}.${k}`, () => {
      const partners = this.model.input.owners!.find((x) => x.id === oid)!.partners!, p = partners[k]!, result = this.poolResult(oid), args = { owner: oid, partner: p.owner };
      const r = result.value as Dec;
      if (k === partners.length - 1) {
        const others = partners.slice(0, -1).map((_, j) => this.poolPart(oid, j));
        return this.node(`owner.${oid}.pooling.${p.owner}`, 'pool_part_last', 'diff', r.minus(sum(others.map((x) => x.value as Dec))), 'eur', [result, ...others], { args });
      }
      const share = this.input(['owners', this.model.input.owners!.findIndex((x) => x.id === oid), 'partners', k, 'share_pct'], D(p.share_pct), 'pct');
      return this.node(`owner.${oid}.pooling.${p.owner}`, 'pool_part', 'round_cents', r.times(D(p.share_pct)).div(100).toDecimalPlaces(2), 'eur', [this.node(`owner.${oid}.pooling.${p.owner}.exact`, 'exact_amount', 'product', r.times(D(p.share_pct)).div(100), 'eur', [result, share])], { args });
    });
  }
  private ownerPart(oid: string, what: string): ExplainNode | undefined {
    const ev = this.ev, m = this.model, o = ev.owners!.owners.find((x) => x.id === oid);
    if (!o) return undefined;
    const mine = m.lots.filter((l) => this.ownerOf(l) === oid);
    switch (what) {
      case 'sale_margin_eur': return this.ownerSum(oid, what, 'owner_sale_margin', o.saleMarginEur, mine.filter((l) => this.saleLotAt(l.index)).map((l) => this.saleMargin(l.id)));
      case 'rental_need_eur': return this.ownerSum(oid, what, 'owner_rental_need', o.rentalNeedEur, mine.filter((l) => this.lotRental(l.id)).map((l) => this.once(`need.${l.id}`, () => this.node(`rental.${l.id}.need_eur`, 'rental_need', 'min', this.lotRental(l.id)!.account.minCumulativeEur.isNegative() ? this.lotRental(l.id)!.account.minCumulativeEur : ZERO, 'eur', [this.minCumulative(l.id), this.constant(0, 'eur')], { args: { lot: l.id } }))));
      case 'ofs_need_eur': return this.ownerSum(oid, what, 'owner_ofs_need', o.ofsNeedEur, ev.owners!.ofs.filter((g) => g.id === oid).map((g) => this.node(`ofs.${g.id}.need_eur`, 'ofs_group_need', 'min', g.minCumulativeEur.isNegative() ? g.minCumulativeEur : ZERO, 'eur', [this.ofsGroupMin(g.id), this.constant(0, 'eur')], { args: { ofs: g.id } })));
      case 'vefa_margin_eur': return this.ownerSum(oid, what, 'owner_vefa_margin', o.vefaMarginEur, (ev.vefa?.lots ?? []).filter((v) => v.seller === oid).map((v) => this.vefaSellerMargin(m.lots[v.lotIndex]!)));
      case 'vefa_flow_eur': {
        const sold = (ev.vefa?.lots ?? []).filter((v) => v.seller === oid), bought = (ev.vefa?.lots ?? []).filter((v) => v.buyer === oid);
        return this.node(`owner.${oid}.vefa_flow_eur`, 'owner_vefa_flow', 'diff', o.vefaFlowEur, 'eur', [
          this.node(`owner.${oid}.vefa_sold_eur`, 'owner_vefa_sold', 'sum', sum(sold.map((v) => v.priceHtEur)), 'eur', sold.map((v) => this.vefaPriceHt(m.lots[v.lotIndex]!)), { args: { owner: oid } }),
          this.node(`owner.${oid}.vefa_bought_eur`, 'owner_vefa_bought', 'sum', sum(bought.map((v) => v.priceHtEur)), 'eur', bought.map((v) => this.vefaPriceHt(m.lots[v.lotIndex]!)), { args: { owner: oid } })], { args: { owner: oid } });
      }
      case 'balance_eur': return this.ownerBalance(oid);
      case 'balanced': return this.node(`owner.${oid}.balanced`, 'owner_balanced', 'gte', o.balanced, 'bool', [this.ownerBalance(oid), this.constant(0, 'eur')], { args: { owner: oid } });
      case 'transfers_eur': return this.once(`owner.${oid}.transfers`, () => {
        const tr = ev.owners!.transfers;
        const inKids = tr.filter((t) => t.to === oid).map((t) => this.transferAmount(t.index)), outKids = tr.filter((t) => t.from === oid).map((t) => this.transferAmount(t.index));
        return this.node(`owner.${oid}.transfers_eur`, 'owner_transfers', 'diff', o.transfersEur, 'eur', [
          this.node(`owner.${oid}.transfers_in_eur`, 'owner_transfers_in', 'sum', sum(inKids.map((x) => x.value as Dec)), 'eur', inKids, { args: { owner: oid } }),
          this.node(`owner.${oid}.transfers_out_eur`, 'owner_transfers_out', 'sum', sum(outKids.map((x) => x.value as Dec)), 'eur', outKids, { args: { owner: oid } })], { args: { owner: oid } });
      });
      case 'pooling_eur': return this.once(`owner.${oid}.pooling`, () => {
        const declared = m.input.owners ?? [];
        const received = declared.flatMap((d) => (d.partners ?? []).map((p, k) => (p.owner === oid ? this.poolPart(d.id, k) : undefined))).filter((x): x is ExplainNode => x !== undefined);
        const pooled = declared.find((d) => d.id === oid)?.partners ? [this.poolResult(oid)] : [];
        return this.node(`owner.${oid}.pooling_eur`, 'owner_pooling', 'diff', o.poolingEur, 'eur', [
          this.node(`owner.${oid}.pooling_in_eur`, 'owner_pooling_in', 'sum', sum(received.map((x) => x.value as Dec)), 'eur', received, { args: { owner: oid } }),
          this.node(`owner.${oid}.pooling_out_eur`, 'owner_pooling_out', 'sum', sum(pooled.map((x) => x.value as Dec)), 'eur', pooled, { args: { owner: oid } })], { args: { owner: oid } });
      });
      case 'balance_after_transfers_eur': return this.once(`owner.${oid}.after`, () => this.node(`owner.${oid}.balance_after_transfers_eur`, 'owner_balance_after', 'sum', o.balanceAfterEur, 'eur', [this.ownerBalance(oid), this.ownerPart(oid, 'transfers_eur')!, this.ownerPart(oid, 'pooling_eur')!], { args: { owner: oid } }));
      case 'balanced_after_transfers': return this.node(`owner.${oid}.balanced_after_transfers`, 'owner_balanced_after', 'gte', o.balancedAfter, 'bool', [this.ownerPart(oid, 'balance_after_transfers_eur')!, this.constant(0, 'eur')], { args: { owner: oid } });
    }
    return undefined;
  }

  private vefaMetric(l: LotModel, what: string, name: string, val: ExplainValue): ExplainNode | undefined {
    const v = this.vefaLot(l);
    if (!v) return undefined;
    const args = { lot: l.id };
    switch (what) {
      case 'price_ht_eur': return this.vefaPriceHt(l);
      case 'price_ttc_eur': return this.vefaPriceTtc(l);
      case 'price_ht_eur_per_m2_su': return this.node(name, 'per_unit', 'quotient', val, 'eur', [this.vefaPriceHt(l), this.lotSu(l)], { args });
      case 'buyer_fees_eur': return this.vefaFees(l);
      case 'buyer_cost_ht_eur': return this.vefaBuyerHt(l);
      case 'buyer_cost_ttc_eur': return this.vefaBuyerTtc(l);
      case 'seller_cost_ht_eur': return this.lotHt(l);
      case 'seller_cost_ht_eur_per_m2_su': return this.node(name, 'per_unit', 'quotient', val, 'eur', [this.lotHt(l), this.lotSu(l)], { args });
      case 'seller_margin_eur': return this.vefaSellerMargin(l);
      case 'seller_margin_pct': return this.node(name, 'ratio', 'pct_of', val, 'pct', [this.vefaSellerMargin(l), this.vefaPriceHt(l)], { args });
      case 'price_vs_cost_pct': return val === null ? undefined : this.node(name, 'vefa_price_vs_cost', 'diff', val, 'pct', [this.node(`vefa.${l.id}.price_of_cost_pct`, 'ratio', 'pct_of', v.priceHtEur.div(v.sellerCostHtEur).times(100), 'pct', [this.vefaPriceHt(l), this.lotHt(l)], { args }), this.constant(100, 'pct')], { args });
      case 'within_cap': {
        const at: Path = ['lots', l.index, 'vefa'];
        if (v.capHtPerM2Su === null) return this.node(name, 'vefa_no_cap', 'leaf', null, 'bool', [], { args, origin: { kind: 'input', path: at, ...(this.ctx.locate(at) ?? {}) } });
        const per = this.node(`vefa.${l.id}.price_ht_eur_per_m2_su`, 'per_unit', 'quotient', v.priceHtPerM2Su, 'eur', [this.vefaPriceHt(l), this.lotSu(l)], { args });
        return this.node(name, 'vefa_within_cap', 'gte', val, 'bool', [this.input([...at, 'cap_eur_per_m2_su_ht'], v.capHtPerM2Su, 'eur_per_m2_su'), per], { args });
      }
    }
    return undefined;
  }

  balance(): ExplainNode { return this.once('balance', () => this.node('operation.balance_eur', 'operation_balance', 'sum', this.ev.operation.balanceEur, 'eur', this.ev.operation.tranches.map((t) => this.tranche(t)))); }

  // ── the metrics ──────────────────────────────────────────────────────────
  /** The tree of one metric, named as in docs/json.md; undefined when the evaluation has no such metric. */
  metric(name: string): ExplainNode | undefined {
    const def = this.ev.metrics.get(name);
    if (!def) return undefined;
    const n = this.build(name) ?? this.computed(name, 'metric', def.value, def.unit, 'equilibre report --format json');
    return { ...n, id: name, value: def.value, unit: def.unit };
  }

  private build(name: string): ExplainNode | undefined {
    const ev = this.ev, m = this.model;
    const lotBy = (id: string) => m.lots.find((l) => l.id === id);
    const pct = (a: ExplainNode, b: ExplainNode, value: ExplainValue) => this.node(name, 'ratio', 'pct_of', value, 'pct', [a, b]);
    const div = (a: ExplainNode, b: ExplainNode, value: ExplainValue, unit = 'eur') => this.node(name, 'per_unit', 'quotient', value, unit, [a, b]);
    const val = ev.metrics.get(name)!.value;
    switch (name) {
      case 'dwellings': return this.totalDwellings();
      case 'shab_m2': return this.totalShab();
      case 'su_m2': return this.totalSu();
      case 'sp_m2': return this.sp();
      case 'cost_price.total_ht_eur': return this.totalHt();
      case 'cost_price.total_ttc_eur': return this.totalTtc();
      case 'cost_price.vat_eur': return this.totalVat();
      case 'cost_price.per_dwelling_ttc_eur': return div(this.totalTtc(), this.totalDwellings(), val);
      case 'cost_price.per_m2_shab_ttc_eur': return div(this.totalTtc(), this.totalShab(), val);
      case 'cost_price.per_m2_su_ttc_eur': return div(this.totalTtc(), this.totalSu(), val);
      case 'cost_price.land_ht_eur': return this.chapter('land');
      case 'cost_price.works_ht_eur': return this.chapter('building');
      case 'cost_price.fees_ht_eur': return this.chapter('fees');
      case 'cost_price.misc_ht_eur': return this.chapter('misc');
      case 'cost_price.financial_ht_eur': return this.chapter('financial');
      case 'cost_price.construction_works_ht_eur': { const w = this.lineOf('works'); return w ? this.costLine(w) : undefined; }
      case 'financing.total_eur': return this.finTotal('uses');
      case 'financing.subsidies_eur': return this.finTotal('subsidies');
      case 'financing.loans_eur': return this.finTotal('loans');
      case 'financing.equity_eur': return this.finTotal('equity');
      case 'financing.equity_pct': return pct(this.finTotal('equity'), this.finTotal('uses'), val);
      case 'financing.subsidies_pct': return pct(this.finTotal('subsidies'), this.finTotal('uses'), val);
      case 'financing.loans_pct': return pct(this.finTotal('loans'), this.finTotal('uses'), val);
      case 'financing.cdc_loans_pct': return pct(this.finTotal('cdc'), this.finTotal('uses'), val);
      case 'financing.balanced': return this.node(name, 'financing_balanced', 'all', val, 'bool', this.rentalLots().map((l) => {
        const f = this.lotFin(l.index)!;
        const adv = this.advancesLot(l);
        const src = this.node(`financing.${l.id}.sources_eur`, 'lot_sources', 'sum', f.subsidiesEur.plus(f.equityEur).plus(f.advancesEur).plus(f.loansEur), 'eur', [this.finLot(l, 'subsidies'), this.finLot(l, 'equity'), ...(adv ? [adv] : []), this.finLot(l, 'loans')], { args: { lot: l.id } });
        return this.node(`financing.${l.id}.balanced`, 'lot_financing_balanced', 'eq', f.gapEur.isZero(), 'bool', [src, this.borneTtc(l)], { args: { lot: l.id } });
      }));
      case 'operation.balance_eur': return this.balance();
      case 'operation.balanced': return this.node(name, 'operation_balanced', 'gte', val, 'bool', [this.balance(), this.constant(0, 'eur')]);
      case 'rental.year1_rent_eur': return this.node(name, 'year1_rent', 'sum', val, 'eur', ev.rental!.lots.map((l) => this.lotYear1Rent(m.lots[l.lotIndex]!.id)));
      case 'rental.rent_to_cost_pct': {
        const y1 = this.build('rental.year1_rent_eur')!;
        const cost = this.node('rental.cost_ttc_eur', 'rental_cost_ttc', 'sum', sum(ev.rental!.lots.map((l) => this.borne(m.lots[l.lotIndex]!).ttcEur)), 'eur', ev.rental!.lots.map((l) => this.borneTtc(m.lots[l.lotIndex]!)));
        return pct({ ...y1, id: 'rental.year1_rent_eur' }, cost, val);
      }
      case 'rental.min_cumulative_cash_flow_eur': return this.minCumulative(null);
      case 'rental.min_cumulative_year': return this.node(name, 'min_cumulative_year', 'argmin', val, 'year', this.testYearsList(ev.rental!.total).map((y) => this.cumulative(null, y)), { rule: 'circ. 97-51 annexe IV' });
      case 'rental.balanced': return this.node(name, 'rental_balanced', 'gte', val, 'bool', [this.minCumulative(null), this.constant(0, 'eur')], { rule: 'circ. 97-51 annexe IV' });
      case 'rental.deficit_years': return this.deficit(null, name);
      case 'rental.test_years': return this.testYears(null);
      case 'rental.horizon_years': return this.horizon();
      case 'rental.equity_recovery_year': return this.recovery(null, name);
      case 'rental.npv_equity_eur': return this.npv(name);
      case 'rental.irr_equity_pct': return this.irr(name);
      case 'rental.break_even_rent_eur_per_m2_su_month': return this.breakEvenRent(null);
      case 'rental.annuities_year1_eur': return this.node(name, 'annuities_year1', 'sum', val, 'eur', ev.rental!.lots.map((l) => this.lotAnnuities1(l)));
      case 'sale.revenue_ht_eur': return this.node(name, 'sale_revenue', 'sum', val, 'eur', ev.sales!.lots.map((s) => this.saleRevenue(m.lots[s.lotIndex]!.id)));
      case 'sale.margin_eur': return this.node(name, 'sale_margin', 'sum', val, 'eur', ev.sales!.lots.map((s) => this.saleMargin(m.lots[s.lotIndex]!.id)));
      case 'sale.margin_pct': return val === null ? undefined : pct(this.build('sale.margin_eur')!, this.build('sale.revenue_ht_eur')!, val);
      case 'sensitivity.max_construction_inflation_pct': return this.inflation(name, val);
      case 'sale.average_discount_vs_market_pct': {
        // Σ discount × SHAB ÷ Σ SHAB over the lots with a market price
        const withMarket = ev.sales!.lots.filter((x) => x.discountVsMarketPct !== null).map((x) => m.lots[x.lotIndex]!);
        const terms = withMarket.map((l) => { const d = this.build(`sale.${l.id}.discount_vs_market_pct`)!; return this.node(`sale.${l.id}.discount_weighted`, 'discount_weighted', 'product', this.saleLotAt(l.index)!.discountVsMarketPct!.div(100).times(l.shabM2), 'm2', [{ ...d, id: `sale.${l.id}.discount_vs_market_pct` }, this.lotShab(l)], { args: { lot: l.id } }); });
        const shab = this.node('sale.market_shab_m2', 'market_shab', 'sum', sum(withMarket.map((l) => l.shabM2)), 'm2', withMarket.map((l) => this.lotShab(l)));
        return this.node(name, 'average_discount', 'pct_of', val, 'pct', [this.node('sale.discount_weighted', 'discount_weighted_total', 'sum', sum(terms.map((x) => x.value as Dec)), 'm2', terms), shab]);
      }
      case 'sale.residual_land_charge_eur': return this.node(name, 'residual_land_total', 'sum', val, 'eur', ev.sales!.lots.map((x) => this.residual(m.lots[x.lotIndex]!.id)));
    }
    const parts = name.split('.');
    const [fam, id, what] = [parts[0]!, parts.slice(1, -1).join('.'), parts[parts.length - 1]!];
    if (fam === 'owner' && this.ev.owners) return this.ownerPart(id, what);
    if (fam === 'ofs' && this.ev.owners?.ofs.some((g) => g.id === id)) return this.ofsGroupMetric(id, what, name, val);
    const lot = lotBy(id);
    if (!lot) return undefined;
    if (fam === 'vefa') return this.vefaMetric(lot, what, name, val);
    if (fam === 'lots') return what === 'dwellings' ? this.lotDwellings(lot) : what === 'shab_m2' ? this.lotShab(lot) : what === 'su_m2' ? this.lotSu(lot) : undefined;
    if (fam === 'cost_price') {
      if (what === 'total_ht_eur') return this.lotHt(lot);
      if (what === 'total_ttc_eur') return this.lotTtc(lot);
      if (what === 'per_dwelling_ttc_eur') return div(this.lotTtc(lot), this.lotDwellings(lot), val);
      if (what === 'per_m2_shab_ttc_eur') return div(this.lotTtc(lot), this.lotShab(lot), val);
      if (what === 'per_m2_su_ttc_eur') return div(this.lotTtc(lot), this.lotSu(lot), val);
    }
    if (fam === 'financing') {
      if (what === 'subsidies_eur') return this.finLot(lot, 'subsidies');
      if (what === 'equity_eur') return this.finLot(lot, 'equity');
      if (what === 'loans_eur') return this.finLot(lot, 'loans');
      if (what === 'cdc_loans_pct') return pct(this.finLot(lot, 'cdc'), this.borneTtc(lot), val);
    }
    if (fam === 'rental') {
      const acc = this.lotRental(id)!.account;
      if (what === 'structure_coefficient') return this.structureCoefficient(id);
      if (what === 'max_rent_eur_per_m2_su_month') return this.maxRent(id);
      if (what === 'rent_eur_per_m2_su_month') return this.lotRent(id);
      if (what === 'break_even_rent_eur_per_m2_su_month') return this.breakEvenRent(id);
      if (what === 'year1_rent_eur') return this.lotYear1Rent(id);
      if (what === 'min_cumulative_cash_flow_eur') return this.minCumulative(id);
      if (what === 'balanced') return this.node(name, 'rental_balanced', 'gte', acc.balanced, 'bool', [this.minCumulative(id), this.constant(0, 'eur')], { args: { lot: id }, rule: 'circ. 97-51 annexe IV' });
      if (what === 'deficit_years') return this.deficit(id, name);
      if (what === 'equity_recovery_year') return this.recovery(id, name);
      if (what === 'tfpb_exemption_years') {
        const a = m.input.assumptions?.tfpb_exemption_years;
        return a !== undefined ? this.input(['assumptions', 'tfpb_exemption_years'], a, 'years') : { ...this.param(`tfpb.${lot.info.key}.exemption_years`, 'years'), rule: 'CGI art. 1384 A' };
      }
    }
    if (fam === 'coop') {
      const rent = this.lotRent(id);
      if (what === 'redevance_eur_per_m2_su_month') return this.node(name, 'coop_redevance', 'same', val, 'eur_per_m2_su_month', [rent], { args: { lot: id } });
      const cas = this.givenOr(['lots', lot.index, 'coop', 'current_account_share_pct'], lot.input.coop?.current_account_share_pct, 'coop.current_account_share_pct');
      const keep = this.node(`coop.${id}.rent_share`, 'one_minus', 'one_minus', ONE.minus((cas.value as Dec).div(100)), 'ratio', [cas]);
      const perM2 = this.node(`coop.${id}.monthly_payment_eur_per_m2_su`, 'coop_payment', 'quotient', (rent.value as Dec).div(keep.value as Dec), 'eur_per_m2_su_month', [rent, keep], { args: { lot: id } });
      if (what === 'monthly_payment_eur_per_m2_su') return perM2;
      if (what === 'monthly_payment_eur_per_dwelling') {
        const tot = this.node(`coop.${id}.monthly_payment_eur`, 'coop_payment_total', 'product', (perM2.value as Dec).times(lot.suM2), 'eur', [perM2, this.lotSu(lot)], { args: { lot: id } });
        return div(tot, this.lotDwellings(lot), val);
      }
    }
    if (fam === 'sale') {
      const s = this.saleLot(id)!;
      if (what === 'margin_eur') return this.saleMargin(id);
      if (what === 'revenue_ht_eur') return this.saleRevenue(id);
      if (what === 'margin_pct') return val === null ? undefined : pct(this.saleMargin(id), this.saleRevenue(id), val);
      if (what === 'price_ttc_eur_per_m2_shab') {
        const inp = lot.input.sale?.price_eur_per_m2_shab_ttc;
        if (inp !== undefined) return this.input(['lots', lot.index, 'sale', 'price_eur_per_m2_shab_ttc'], D(inp), 'eur', 'sale_price_ttc', { lot: id });
        return this.node(name, 'sale_price_ttc', 'product', val, 'eur', [this.salePriceHtShab(id), this.node(`lots.${id}.vat_factor`, 'one_plus', 'one_plus', ONE.plus(lot.vatRate), 'ratio', [this.lotVatRate(lot)])], { args: { lot: id } });
      }
      if (what === 'price_ht_eur_per_m2_su') {
        const su = lot.suRegulatoryM2.eq(lot.suM2) ? this.lotSu(lot) : this.lotSuRegulatory(lot);
        return div(this.node(`sale.${id}.contract_revenue_ht_eur`, 'contract_revenue', 'product', s.contractRevenueHtEur, 'eur', [this.salePriceHtShab(id), this.lotShab(lot)], { args: { lot: id } }), su, val);
      }
      if (what === 'price_ttc_eur_per_dwelling') {
        const ttc = this.build(`sale.${id}.price_ttc_eur_per_m2_shab`)!;
        const rev = this.node(`sale.${id}.contract_revenue_ttc_eur`, 'contract_revenue_ttc', 'product', s.priceTtcPerM2Shab.times(lot.shabM2), 'eur', [{ ...ttc, id: `sale.${id}.price_ttc_eur_per_m2_shab` }, this.lotShab(lot)], { args: { lot: id } });
        return div(rev, this.lotDwellings(lot), val);
      }
      if (what === 'target_margin_pct') return this.givenOr(['lots', lot.index, 'sale', 'target_margin_pct'], lot.input.sale?.target_margin_pct, lot.tenure !== 'libre' ? 'sale.target_margin_pct.social' : 'sale.target_margin_pct.libre');
      if (what === 'discount_vs_market_pct' && val !== null) {
        const ttc = this.build(`sale.${id}.price_ttc_eur_per_m2_shab`)!;
        return this.node(name, 'discount_vs_market', 'gap_pct', val, 'pct', [{ ...ttc, id: `sale.${id}.price_ttc_eur_per_m2_shab` }, this.input(['lots', lot.index, 'sale', 'market_price_eur_per_m2_shab'], s.marketPriceTtcPerM2Shab, 'eur')], { args: { lot: id } });
      }
      if (what === 'headroom_vs_ceiling_pct' && val !== null) {
        const su = this.build(`sale.${id}.price_ht_eur_per_m2_su`)!;
        return this.node(name, 'headroom_vs_ceiling', 'gap_pct', val, 'pct', [{ ...su, id: `sale.${id}.price_ht_eur_per_m2_su` }, this.param(`psla.price_ceiling.${m.zoneAbcKey}`, 'eur')], { args: { lot: id }, rule: 'arrêté du 26 mars 2004, art. 3' });
      }
    }
    if (fam === 'sale' && what === 'residual_land_charge_eur') return this.residual(id);
    if (fam === 'sale' && val === null && (what === 'discount_vs_market_pct' || what === 'headroom_vs_ceiling_pct')) {
      // undefined: no market price in the file, or no regulatory ceiling for this tenure
      return what === 'discount_vs_market_pct'
        ? this.node(name, 'no_market_price', 'leaf', null, 'pct', [], { args: { lot: id }, origin: { kind: 'input', path: ['lots', lot.index], ...(this.ctx.locate(['lots', lot.index]) ?? {}) } })
        : this.node(name, 'no_ceiling', 'leaf', null, 'pct', [], { args: { lot: id, tenure: lot.tenure }, origin: { kind: 'input', path: ['lots', lot.index, 'tenure'], ...(this.ctx.locate(['lots', lot.index, 'tenure']) ?? {}) } });
    }
    if (fam === 'psla') {
      const s = this.saleLot(id)!;
      if (what === 'carrying_cost_eur') return this.pslaCarrying(id);
      if (what === 'price_factor_at_option') return this.pslaFactor(id);
      if (what === 'revenue_at_risk_ht_eur') return this.node(name, 'revenue_at_risk', 'product', val, 'eur', [this.saleRevenue(id), this.givenOr(['lots', lot.index, 'psla', 'non_exercise_pct'], lot.input.psla?.non_exercise_pct, 'psla.non_exercise_pct')], { args: { lot: id } });
      void s;
    }
    if (fam === 'brs') return this.ofsMetric(lot, what, name, val);
    if (fam === 'sensitivity' && what === 'balancing_price_ttc_eur_per_m2_shab') return this.balancingPrice(lot, name, val);
    return undefined;
  }


  /** The OFS of a BRS lot: its Gaïa loan = land − OFS equity; its lowest cumulative over the loan's life. */
  private ofsMetric(lot: LotModel, what: string, name: string, val: ExplainValue): ExplainNode | undefined {
    const s = this.saleLot(lot.id)!, o = s.ofs!, b = lot.input.brs ?? {};
    const land = b.ofs_land_eur !== undefined ? this.input(['lots', lot.index, 'brs', 'ofs_land_eur'], D(b.ofs_land_eur), 'eur', 'ofs_land') : this.borneLand(lot);
    const equity = b.ofs_equity_eur !== undefined ? this.input(['lots', lot.index, 'brs', 'ofs_equity_eur'], D(b.ofs_equity_eur), 'eur', 'ofs_equity') : this.constant(0, 'eur');
    const loan = this.node(`brs.${lot.id}.ofs_loan_eur`, 'ofs_loan', 'max', o.loanEur, 'eur', [this.node(`brs.${lot.id}.land_less_equity_eur`, 'ofs_land_less_equity', 'diff', o.landEur.minus(o.equityEur), 'eur', [land, equity], { args: { lot: lot.id } }), this.constant(0, 'eur')], { args: { lot: lot.id }, rule: 'CCH L.255-1 ss.; CDC Gaïa long terme' });
    if (what === 'ofs_loan_eur') return loan;
    const id = lot.id, m = this.model, a = m.input.assumptions ?? {};
    const redevance = b.redevance_eur_per_m2_su_month !== undefined ? this.input(['lots', lot.index, 'brs', 'redevance_eur_per_m2_su_month'], D(b.redevance_eur_per_m2_su_month), 'eur_per_m2_su_month', 'ofs_redevance') : this.givenOr(['lots', lot.index, 'brs', 'redevance_eur_per_m2_su_month'], undefined, 'brs.redevance_eur_per_m2_su_month');
    const su = lot.suRegulatoryM2.eq(lot.suM2) ? this.lotSu(lot) : this.lotSuRegulatory(lot);
    const red1 = this.once(`ofsred1.${id}`, () => this.node(`brs.${id}.redevance_year1_eur`, 'ofs_redevance_year1', 'product', o.redevanceEurPerM2.times(lot.suRegulatoryM2).times(12), 'eur', [redevance, su, this.constant(12, 'months')], { args: { lot: id } }));
    const mgmtIn = b.ofs_management_eur_per_dwelling !== undefined ? this.input(['lots', lot.index, 'brs', 'ofs_management_eur_per_dwelling'], D(b.ofs_management_eur_per_dwelling), 'eur', 'ofs_management') : this.givenOr(['lots', lot.index, 'brs', 'ofs_management_eur_per_dwelling'], undefined, 'brs.ofs_management_eur_per_dwelling');
    const terms = (): ExplainNode[] => this.once(`ofsterms.${id}`, () => {
      const la0 = a.livret_a_pct !== undefined ? this.input(['assumptions', 'livret_a_pct'], D(a.livret_a_pct), 'pct', 'livret_a') : this.param('livret_a.rate_pct', 'pct');
      const margin = this.param('loan.gaia_lt.land.margin_pct', 'pct');
      const dur = b.loan_duration_years !== undefined ? this.input(['lots', lot.index, 'brs', 'loan_duration_years'], b.loan_duration_years, 'years', 'loan_duration') : { ...this.param('loan.gaia_lt.land.duration_years', 'years'), value: o.loanYears };
      const prog = a.progressivity_pct !== undefined ? this.input(['assumptions', 'progressivity_pct'], D(a.progressivity_pct), 'pct', 'progressivity') : this.param('loan.default.progressivity_pct', 'pct');
      return this.node(`brs.${id}.loan_terms`, 'loan_terms', 'search', null, 'text', [loan, this.node(`brs.${id}.loan_rate_pct`, 'loan_rate', 'sum', (la0.value as Dec).plus(margin.value as Dec), 'pct', [la0, margin], { args: { product: 'gaia_lt' } }), dur, prog]);
    }).children;
    const cf = (y: number): ExplainNode => this.once(`ofscf.${id}.${y}`, () => {
      const r = o.rows[y - 1]!, args = { lot: id, year: y };
      const kids = [this.node(`brs.${id}.rows.${y}.redevance_eur`, 'ofs_row_redevance', 'product', r.redevanceEur, 'eur', [red1, this.rentIndex(y)], { args })];
      if (!r.annuityEur.isZero()) kids.push(this.node(`brs.${id}.rows.${y}.annuity_eur`, 'loan_annuity', 'schedule', r.annuityEur, 'eur', terms(), { args: { ...args, product: 'gaia_lt' } }));
      if (!r.managementEur.isZero()) kids.push(this.node(`brs.${id}.rows.${y}.management_eur`, 'ofs_row_management', 'product', r.managementEur, 'eur', [mgmtIn, this.lotDwellings(lot), this.chargeIndex(y)], { args }));
      return this.node(`brs.${id}.rows.${y}.cash_flow_eur`, 'ofs_row_cash_flow', 'diff', r.cashFlowEur, 'eur', kids, { args });
    });
    const cum = (y: number): ExplainNode => this.once(`ofscum.${id}.${y}`, () => {
      const r = o.rows[y - 1]!, args = { lot: id, year: y };
      return y === 1 ? this.node(`brs.${id}.rows.1.cumulative_eur`, 'ofs_row_cumulative', 'same', r.cumulativeEur, 'eur', [cf(1)], { args })
        : this.node(`brs.${id}.rows.${y}.cumulative_eur`, 'ofs_row_cumulative', 'sum', r.cumulativeEur, 'eur', [cum(y - 1), cf(y)], { args });
    });
    const rows = o.rows.map((r) => cum(r.year));
    const min = this.once(`ofsmin.${lot.id}`, () => rows.length ? this.node(`brs.${lot.id}.ofs_min_cumulative_eur`, 'ofs_min_cumulative', 'min', o.minCumulativeEur, 'eur', rows, { args: { lot: lot.id }, rule: 'ofs_cumulative' }) : this.computed(`brs.${lot.id}.ofs_min_cumulative_eur`, 'ofs_min_cumulative', o.minCumulativeEur, 'eur', `ofs:${lot.id}`, { lot: lot.id }));
    if (what === 'ofs_break_even_redevance_eur_per_m2_su_month') {
      let check: { metric: string; value: ExplainValue; unit: string } | null = null;
      if (o.breakEvenRedevance !== null) {
        const inp = structuredClone(m.input);
        const li = inp.lots[lot.index]!;
        li.brs = { ...(li.brs ?? {}), redevance_eur_per_m2_su_month: o.breakEvenRedevance.toNumber() };
        const e = evalInput(inp, m.file);
        const at = e?.sales?.lots.find((x) => x.lotIndex === lot.index)?.ofs;
        if (at) check = { metric: `brs.${id}.ofs_min_cumulative_eur`, value: at.minCumulativeEur, unit: 'eur' };
      }
      return this.node(name, 'ofs_break_even_redevance', 'search', val, 'eur_per_m2_su_month', [redevance, min], { args: { lot: id }, search: { solves: `brs.${id}.ofs_min_cumulative_eur`, target: 0, moves: `lots[${lot.index}].brs.redevance_eur_per_m2_su_month`, bounds: [0, Infinity], status: o.breakEvenRedevance === null ? 'unreachable' : 'found', answer: o.breakEvenRedevance, check } });
    }
    if (what === 'ofs_min_cumulative_eur') return min;
    if (what === 'land') return land;
    if (what.startsWith('rows.')) return cf(Number(what.slice(5)));
    if (what === 'ofs_balanced') return this.node(name, 'ofs_balanced', 'gte', val, 'bool', [min, this.constant(0, 'eur')], { args: { lot: lot.id } });
    return undefined;
  }
  private deficit(id: string | null, name: string): ExplainNode {
    const { acc } = this.accountOf(id);
    const kids = acc.cashFlows.map((_, i) => this.node(`${name}.${i + 1}`, 'deficit_year', 'lt', acc.cashFlows[i]!.isNegative(), 'bool', [this.cashFlow(id, i + 1), this.constant(0, 'eur')], { args: { year: i + 1 } }));
    return this.node(name, 'deficit_years', 'count', acc.deficitYears, 'count', kids, id ? { args: { lot: id } } : {});
  }
  private recovery(id: string | null, name: string): ExplainNode {
    const { acc, key } = this.accountOf(id);
    const y = acc.equityRecoveryYear;
    const eq = id ? this.finLot(this.model.lots.find((x) => x.id === id)!, 'equity') : this.finTotal('equity');
    const kids = y !== null ? [this.cumulative(id, y), eq] : [eq];
    return this.node(name, 'equity_recovery_year', 'search', y, 'year', kids, {
      ...(id ? { args: { lot: id } } : {}),
      search: { solves: `${key}.rows[y].cumulative_eur`, target: acc.equityEur.toNumber(), moves: 'year', bounds: [1, acc.cumulative.length], status: y === null ? 'unreachable' : 'found', answer: y, check: y !== null ? { metric: `${key}.rows.${y}.cumulative_eur`, value: acc.cumulative[y - 1]!, unit: 'eur' } : null },
    });
  }
  private discountRate(): ExplainNode { const a = this.model.input.assumptions ?? {}; return this.givenOr(['assumptions', 'discount_rate_pct'], a.discount_rate_pct, 'assumptions.discount_rate_pct' as DefaultKey, 'pct'); }
  private npv(name: string): ExplainNode {
    const acc = this.ev.rental!.total;
    const eq = this.finTotal('equity');
    return this.node(name, 'npv', 'npv', acc.npvEquityEur, 'eur', [eq, this.discountRate(), ...acc.cashFlows.map((_, i) => this.cashFlow(null, i + 1))]);
  }
  private irr(name: string): ExplainNode {
    const acc = this.ev.rental!.total;
    const v = this.ev.metrics.get(name)!.value as Dec | null;
    const eq = this.finTotal('equity');
    let check: { metric: string; value: ExplainValue; unit: string } | null = null;
    if (v !== null) {
      const r = v.div(100);
      let npv = acc.equityEur.neg(), d = ONE;
      for (const cf of acc.cashFlows) { d = d.div(ONE.plus(r)); npv = npv.plus(cf.times(d)); }
      check = { metric: 'rental.npv_equity_eur', value: npv, unit: 'eur' };
    }
    return this.node(name, 'irr', 'search', v, 'pct', [eq, ...acc.cashFlows.map((_, i) => this.cashFlow(null, i + 1))], {
      search: { solves: 'rental.npv_equity_eur', target: 0, moves: 'assumptions.discount_rate_pct', bounds: null, status: v === null ? 'unreachable' : 'found', answer: v, check },
    });
  }
  private inflation(name: string, val: ExplainValue): ExplainNode {
    const v = val as Dec | null;
    let check: { metric: string; value: ExplainValue; unit: string } | null = null;
    if (v !== null) {
      const at = applyLever(this.model.input, this.ev, 'construction', v.toNumber());
      const e = at ? evalInput(at, this.model.file) : null;
      if (e) check = { metric: 'operation.balance_eur', value: e.operation.balanceEur, unit: 'eur' };
    }
    return this.node(name, 'max_inflation', 'search', v, 'pct', [this.input(['construction', 'cost_eur_per_m2_shab'], D(this.model.input.construction.cost_eur_per_m2_shab), 'eur_per_m2_shab', 'construction_cost'), this.balance()], {
      search: { solves: 'operation.balance_eur', target: 0, moves: 'construction.cost_eur_per_m2_shab', bounds: [-50, 100], status: v === null ? (this.ev.operation.balanced ? 'beyond' : 'unreachable') : 'found', answer: v, check },
    });
  }
  private balancingPrice(lot: LotModel, name: string, val: ExplainValue): ExplainNode {
    const v = val as Dec | null;
    let check: { metric: string; value: ExplainValue; unit: string } | null = null;
    if (v !== null) {
      const e = evalInput(withSalePrice(freeze(this.model.input, this.ev), lot.index, v.toNumber()), this.model.file);
      if (e) check = { metric: 'operation.balance_eur', value: e.operation.balanceEur, unit: 'eur' };
    }
    return this.node(name, 'balancing_price', 'search', v, 'eur_per_m2_shab', [{ ...this.build(`sale.${lot.id}.price_ttc_eur_per_m2_shab`)!, id: `sale.${lot.id}.price_ttc_eur_per_m2_shab` }, this.balance()], {
      args: { lot: lot.id },
      search: { solves: 'operation.balance_eur', target: 0, moves: `lots[${lot.index}].sale.price_eur_per_m2_shab_ttc`, bounds: [0, 100000], status: v === null ? 'none' : 'found', answer: v, check },
    });
  }
}

function plainNum(v: ExplainValue): number { return v === null || typeof v === 'boolean' ? 0 : Number(v); }

function pathText(path: readonly (string | number)[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}
export { pathText };
