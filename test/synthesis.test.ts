/**
 * The synthesis (« SYNTHÈSE », issue 11 §1–2): it opens every report, in the table, markdown and
 * JSON formats; each of its verdicts is derived here from the report's metrics (not read back from
 * the synthesis), and its levers are checked by their definition — re-evaluating the operation at
 * the proposed value gives a balance of 0 ± 1 € — on the rehabilitation BRS operation that does
 * not balance (fixtures/petit-bayonne-brs.yaml).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runText } from '../src/pipeline';
import { D } from '../src/domain/money';
import { evalInput, freeze, PRICE_SEARCH_MAX, withSalePrice } from '../src/engine/sensitivity';
import { buildSynthesis } from '../src/engine/synthesis';
import { fmtEur, fmtPct } from '../src/report/format';
import type { OperationFile } from '../src/schema/operation';
import { ROOT, runCli } from './helpers/cli';

vi.setConfig({ testTimeout: 60_000 });

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON documents are walked freely in assertions
type Json = Record<string, any>;

const INPUTS = [
  ...fs.readdirSync(path.join(ROOT, 'fixtures')).filter((f) => f.endsWith('.yaml')).sort().map((f) => `fixtures/${f}`),
  'examples/exemple.yaml',
];
const PB = 'fixtures/petit-bayonne-brs.yaml';

async function run(args: string[]): Promise<string> {
  const r = await runCli(args);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

/** The lines of the synthesis section of a table report. */
function synthesisLines(text: string): { lines: string[]; start: number; end: number } {
  const all = text.split('\n');
  const start = all.indexOf('SYNTHÈSE');
  let end = start + 2;
  while (end < all.length && all[end] !== '') end++;
  return { lines: all.slice(start + 2, end), start, end };
}

describe('the synthesis opens the report, in every format', () => {
  for (const file of INPUTS) {
    it(`${file}: within the first 30 lines (table, markdown, JSON), and each verdict agrees with the metrics`, async () => {
      // at the default width (100) for the place of the synthesis, unwrapped (very wide) for its words
      const table = await run(['report', file]);
      const { start, end } = synthesisLines(table);
      const { lines } = synthesisLines(await run(['report', file, '--width', '1000']));
      expect(start).toBeGreaterThan(0);
      expect(start).toBeLessThan(10);
      // the whole synthesis is on the first screen
      expect(end).toBeLessThanOrEqual(30);
      // and it comes before every detailed section, in today's order
      expect(table.indexOf('SYNTHÈSE')).toBeLessThan(table.indexOf('SURFACES'));

      const md = (await run(['report', file, '--format', 'markdown'])).split('\n');
      const mdStart = md.indexOf('## Synthèse');
      expect(mdStart).toBeGreaterThan(0);
      const mdNext = md.findIndex((l) => l.startsWith('## ') && l !== '## Synthèse');
      expect(mdNext).toBeGreaterThan(mdStart);
      // the whole synthesis within the first 30 lines (its last line is followed by a blank line)
      expect(mdNext - 1).toBeLessThanOrEqual(30);
      expect(md.findIndex((l) => l.startsWith('Opération après péréquation'))).toBeGreaterThan(mdStart);

      const jsonText = await run(['report', file, '--format', 'json']);
      const jl = jsonText.split('\n');
      expect(jl.findIndex((l) => l.startsWith('  "synthesis": {'))).toBeLessThan(30);
      const doc = JSON.parse(jsonText) as Json;
      const m = doc.metrics as Json;
      const syn = doc.synthesis as Json;
      const text = lines.join('\n');

      // the operation in one line: dwellings, cost price TTC (metrics)
      expect(syn.operation.dwellings).toBe(m['dwellings']);
      // (an operation of logements-foyers only says so: « 52 logements-foyers »)
      const word = syn.operation.foyer_units === m['dwellings'] ? `logement${m['dwellings'] > 1 ? 's' : ''}-foyer${m['dwellings'] > 1 ? 's' : ''}` : `logement${m['dwellings'] > 1 ? 's' : ''}`;
      expect(text).toContain(`Opération : ${m['dwellings']} ${word} (`);
      expect(text).toContain(`Prix de revient : ${fmtEur(D(m['cost_price.total_ttc_eur']), 'fr')} TTC`);

      // each rental account's regulatory test, from rental.<lot>.balanced
      const rentalLots = (doc.rental?.lots ?? []) as Json[];
      for (const l of rentalLots) {
        const passes = m[`rental.${l.id}.balanced`] as boolean;
        const line = lines.find((x) => x.startsWith(`  ${l.id} (`))!;
        expect(line, l.id).toBeDefined();
        expect(line).toContain(passes ? ' : respecté' : ' : non respecté');
        expect(line).toContain(fmtEur(D(m[`rental.${l.id}.min_cumulative_cash_flow_eur`]), 'fr'));
        expect(syn.rental_tests.find((a: Json) => a.lot === l.id).passes).toBe(passes);
      }
      if (rentalLots.length === 0) expect(text).not.toContain('Test réglementaire');

      // each sale lot: discount from its metric, target met when margin ≥ target
      for (const l of (doc.sales?.lots ?? []) as Json[]) {
        const line = lines.find((x) => x.startsWith(`  ${l.id} (`))!;
        expect(line, l.id).toBeDefined();
        const discount = m[`sale.${l.id}.discount_vs_market_pct`];
        if (discount !== null && discount >= 0) expect(line).toContain(`décote ${fmtPct(D(discount), 'fr')}`);
        const met = m[`sale.${l.id}.margin_pct`] === null || m[`sale.${l.id}.margin_pct`] >= m[`sale.${l.id}.target_margin_pct`] - 1e-6;
        expect(line).toContain(met ? ' atteinte' : ' non atteinte');
      }

      // with owners (docs/owners.md): an OFS is an owner, and each owner's balance on its own and with
      // the declared transfers is on one line, from owner.<id>.*
      if (doc.owners) {
        const oLine = text.slice(text.indexOf('Propriétaires — solde seul / avec les transferts déclarés'));
        for (const o of doc.owners.owners as Json[]) {
          const yes = (b: boolean) => (b ? 'oui' : 'non');
          expect(oLine).toContain(`${o.id} ${fmtEur(D(m[`owner.${o.id}.balance_eur`]), 'fr')} / ${fmtEur(D(m[`owner.${o.id}.balance_after_transfers_eur`]), 'fr')} (${yes(m[`owner.${o.id}.balanced`])} / ${yes(m[`owner.${o.id}.balanced_after_transfers`])})`);
        }
      }
      // each OFS, from brs.<lot>.ofs_balanced
      for (const l of ((doc.sales?.lots ?? []) as Json[]).filter((x) => x.ofs && !doc.owners)) {
        const ok = m[`brs.${l.id}.ofs_balanced`] as boolean;
        expect(lines.find((x) => x.startsWith(`OFS ${l.id} — `))).toContain(ok ? ' : oui' : ' : non');
      }

      // the operation after péréquation, from operation.balance_eur; its condition from the tranches
      const bal = D(m['operation.balance_eur']);
      const opLine = lines.findIndex((x) => x.startsWith('Opération après péréquation'));
      expect(lines[opLine]).toContain(bal.gte(0) ? `excédent de ${fmtEur(bal, 'fr')}` : `déficit de ${fmtEur(bal.abs(), 'fr')}`);
      const tranches = doc.operation_balance.tranches as Json[];
      const needs = tranches.some((x) => x.contribution_eur < 0);
      if (doc.owners) {
        // between owners: who funds whom, from owner.<id>.balance_eur
        const short = (doc.owners.owners as Json[]).filter((o) => !m[`owner.${o.id}.balanced`]);
        if (short.length === 0) expect(lines[opLine]).toContain('sans péréquation entre propriétaires');
        else if (bal.gte(0)) expect(lines[opLine]).toMatch(/, à condition que (la marge des ventes \(.+\) finance le besoin de|les transferts déclarés financent) /);
      } else {
        if (bal.gte(0) && needs) expect(lines[opLine]).toMatch(/, à condition que la marge des ventes \(.+\) finance /);
        if (bal.gte(0) && !needs) expect(lines[opLine]).toContain('sans péréquation');
      }

      // the break-even construction inflation: a rise when ≥ 0, a cut when < 0
      const be = m['sensitivity.max_construction_inflation_pct'];
      const cLine = lines.find((x) => x.startsWith('Coût de construction'))!;
      if (be !== null && be >= 0) expect(cLine).toContain(`hausse jusqu'à ${fmtPct(D(be), 'fr', 2)}`);
      else if (be !== null) expect(cLine).toContain('il faudrait une baisse de');
      expect(cLine).not.toMatch(/reste équilibrée/);

      // the alerts, counted from the diagnostics
      const diags = doc.diagnostics as Json[];
      const errors = diags.filter((d) => d.severity === 'error').length, warnings = diags.filter((d) => d.severity === 'warning').length;
      expect(syn.alerts.errors).toBe(errors);
      expect(syn.alerts.warnings).toBe(warnings);
      const aLine = lines.find((x) => x.startsWith('Alertes'))!;
      if (errors + warnings === 0) expect(aLine).toBe('Alertes : aucune.');
      else for (const d of diags.filter((x) => x.severity !== 'info')) expect(aLine).toContain(d.code);

      // never a bare « équilibrée »: every verdict names its question
      expect(table).not.toMatch(/[ (]équilibrée?s?(?!\p{L})/u);
    });
  }
});

describe('petit-bayonne-brs: a rehabilitation BRS operation that does not balance, and what would', () => {
  const text = fs.readFileSync(path.join(ROOT, PB), 'utf8');
  const r = runText(PB, text);
  const base = r.evaluation!;
  const input = r.load.input!;
  const brsIdx = input.lots.findIndex((l) => l.tenure === 'BRS');
  const at = (mod: OperationFile) => evalInput(mod, PB)!;
  let doc: Json;
  const synthesis = async () => (doc ??= JSON.parse(await run(['report', PB, '--format', 'json'])) as Json).synthesis as Json;

  it('does not balance: the operation after péréquation, the OFS and the sale margin (metrics)', () => {
    expect(base.operation.balanced).toBe(false);
    expect(base.metrics.get('brs.brs.ofs_balanced')!.value).toBe(false);
    expect((base.metrics.get('sale.brs.margin_pct')!.value as ReturnType<typeof D>).lt(0)).toBe(true);
  });

  it('the construction-cost cut: re-evaluated at the proposed cost per m² (--set), the balance is 0 ± 1 €', async () => {
    const syn = await synthesis();
    const c = syn.construction.balancing;
    expect(c.change_pct).toBeLessThan(0);
    // the same cut as the break-even metric, which stops at the hundredth of a percent
    expect(Math.abs(c.change_pct - doc.metrics['sensitivity.max_construction_inflation_pct'])).toBeLessThan(0.01 + 1e-9);
    const out = JSON.parse(await run(['report', PB, '--format', 'json', '--set', `construction.cost_eur_per_m2_shab=${c.cost_eur_per_m2_shab}`])) as Json;
    expect(Math.abs(out.metrics['operation.balance_eur'])).toBeLessThanOrEqual(1);
    // and the synthesis says it in the right direction
    const table = await run(['report', PB]);
    expect(table).toContain(`il faudrait une baisse de ${fmtPct(D(-c.change_pct), 'fr')} du coût de construction`);
  });

  it('the balancing price of each BRS lot is above today\'s price, and balances the operation to 0 ± 1 €', async () => {
    const syn = await synthesis();
    for (const l of syn.sales as Json[]) {
      const today = doc.metrics[`sale.${l.lot}.price_ttc_eur_per_m2_shab`];
      const p = doc.metrics[`sensitivity.${l.lot}.balancing_price_ttc_eur_per_m2_shab`];
      expect(l.balancing_price.price_ttc_eur_per_m2_shab).toBe(p);
      expect(p).toBeGreaterThan(today);
      const mod = structuredClone(input);
      const sale = mod.lots[brsIdx]!.sale!;
      delete sale.price_eur_per_m2_su_ttc;
      sale.price_eur_per_m2_shab_ttc = p;
      expect(Math.abs(at(mod).operation.balanceEur.toNumber())).toBeLessThanOrEqual(1);
      // its discount against the market, worked from the price: 1 − p / market
      expect(l.balancing_price.discount_vs_market_pct).toBeCloseTo((1 - p / sale.market_price_eur_per_m2_shab!) * 100, 3);
      // separate from the price for the target margin, which stays lower here (the OFS also needs funding)
      const table = await run(['sensitivity', PB, '--no-tornado']);
      expect(table).toMatch(/prix pour la marge cible/);
      expect(table).toMatch(/prix qui équilibre l'opération/);
    }
  });

  it('the OFS redevance and the OFS equity that balance the OFS: re-evaluated, its lowest cumulative is 0 ± 1 €', async () => {
    const syn = await synthesis();
    const f = (syn.ofs as Json[])[0]!;
    expect(f.balanced).toBe(false);
    const ofsMin = (mod: OperationFile) => at(mod).sales!.lots[0]!.ofs!.minCumulativeEur.toNumber();
    const withRedevance = structuredClone(input);
    withRedevance.lots[brsIdx]!.brs = { ...withRedevance.lots[brsIdx]!.brs, redevance_eur_per_m2_su_month: f.balancing_redevance_eur_per_m2_su_month };
    expect(Math.abs(ofsMin(withRedevance))).toBeLessThanOrEqual(1);
    expect(f.balancing_redevance_eur_per_m2_su_month).toBeGreaterThan(f.redevance_eur_per_m2_su_month);
    const withEquity = structuredClone(input);
    withEquity.lots[brsIdx]!.brs = { ...withEquity.lots[brsIdx]!.brs, ofs_equity_eur: f.balancing_equity.equity_eur };
    const v = ofsMin(withEquity);
    expect(v).toBeGreaterThanOrEqual(0);
    expect(v).toBeLessThanOrEqual(1);
    // a euro less equity and the OFS no longer holds
    withEquity.lots[brsIdx]!.brs!.ofs_equity_eur = f.balancing_equity.equity_eur - 1;
    expect(ofsMin(withEquity)).toBeLessThan(0);
  });

  it('sensitivity says what it takes, never « reste équilibrée » at a negative inflation', async () => {
    const table = await run(['sensitivity', PB, '--no-tornado']);
    expect(table).not.toContain('reste équilibrée');
    expect(table).toContain('Il faudrait une baisse de');
    expect(table).toContain("OFS du lot brs : cumul au plus bas");
    const j = JSON.parse(await run(['sensitivity', PB, '--no-tornado', '--format', 'json'])) as Json;
    expect(j.metrics['sensitivity.brs.balancing_price_ttc_eur_per_m2_shab']).toBeGreaterThan(j.goal_seek.target_prices[0].price_ttc_eur_per_m2_shab);
    expect(j.goal_seek.ofs[0].balancing_equity.status).toBe('found');
    expect(j.break_even.balancing_construction.change_pct).toBeLessThan(0);
  });
});

describe('every fixture: each lever, re-evaluated at its value, gives what it claims', () => {
  for (const file of INPUTS) {
    it(`${file}: balancing prices and the balancing construction cost give a balance of 0 ± 1 €; OFS equity balances the OFS`, async () => {
      const r = runText(file, fs.readFileSync(path.join(ROOT, file), 'utf8'));
      const input = r.load.input!;
      const syn = buildSynthesis(r.evaluation!);
      for (const l of syn.sales) {
        if ('none' in l.balancingPrice) {
          // no price balances it: at a zero price the balance is ≥ 0 (not needed), or < 0 at the search bound
          const i = input.lots.findIndex((x) => x.id === l.lot);
          const mod = withSalePrice(input, i, l.balancingPrice.none === 'not_needed' ? 0 : PRICE_SEARCH_MAX);
          const b = evalInput(mod, file)!.operation.balanceEur;
          if (l.balancingPrice.none === 'not_needed') expect(b.gte(0), l.lot).toBe(true);
          else expect(b.lt(0), l.lot).toBe(true);
          continue;
        }
        const i = input.lots.findIndex((x) => x.id === l.lot);
        // the 4 decimals published in JSON (every other price of the lot removed: its own and its types')
        const mod = withSalePrice(input, i, l.balancingPrice.priceTtcPerM2Shab.toDecimalPlaces(4).toNumber());
        expect(Math.abs(evalInput(mod, file)!.operation.balanceEur.toNumber()), `${file} ${l.lot}`).toBeLessThanOrEqual(1);
        // above today's price exactly when the operation does not balance today
        expect(l.balancingPrice.priceTtcPerM2Shab.gt(l.priceTtcPerM2Shab)).toBe(!r.evaluation!.operation.balanced);
      }
      const c = syn.construction.balancing;
      expect(c !== null).toBe(!r.evaluation!.operation.balanced && syn.construction.status === 'found');
      if (c && input.lots.every((l) => l.cost_eur_per_m2_shab === undefined) && !(input.construction.common_spaces ?? []).some((x) => x.cost_eur_per_m2_shab !== undefined)) {
        // derived sale prices and coop redevances held at their base, as every search holds them
        const mod = freeze(input, r.evaluation!);
        mod.construction.cost_eur_per_m2_shab = c.costEurPerM2Shab.toDecimalPlaces(4).toNumber();
        expect(Math.abs(evalInput(mod, file)!.operation.balanceEur.toNumber())).toBeLessThanOrEqual(1);
      }
      for (const f of syn.ofs) {
        expect('none' in f.balancingEquity && f.balancingEquity.none === 'not_needed').toBe(f.balanced);
        if ('equityEur' in f.balancingEquity) {
          const i = input.lots.findIndex((x) => x.id === f.lot);
          const mod = structuredClone(input);
          mod.lots[i]!.brs = { ...mod.lots[i]!.brs, ofs_equity_eur: f.balancingEquity.equityEur.toNumber() };
          expect(evalInput(mod, file)!.sales!.lots.find((x) => x.lotIndex === i)!.ofs!.balanced).toBe(true);
        }
      }
    });
  }
});

describe('the extra subsidy or equity of each rental account', () => {
  it('on every file with several rental lots: with the amount on the lot (or spread over all) its test passes, with 1 € less it does not', () => {
    for (const file of INPUTS) {
      const r = runText(file, fs.readFileSync(path.join(ROOT, file), 'utf8'));
      const ev = r.evaluation!;
      if (!ev.rental || ev.rental.lots.length < 2) continue;
      const syn = buildSynthesis(ev);
      for (const a of syn.rental!.accounts) {
        const x = a.extraSubsidyOrEquity;
        if (a.lot === null) {
          // all rental lots: spread pro rata SU over the rental tenures, the consolidated test
          expect('none' in x && x.none === 'not_needed').toBe(ev.metrics.get('rental.balanced')!.value as boolean);
          if (!('eur' in x)) continue;
          const tenures = [...new Set(ev.rental.lots.map((l) => ev.model.lots[l.lotIndex]!.tenure))];
          const total = (amount: number) => {
            const mod = freeze(r.load.input!, ev);
            mod.subsidies = [...(mod.subsidies ?? []), { source: 'test', amount_eur: amount, tenures }];
            return evalInput(mod, file)!.rental!.total.balanced;
          };
          expect(total(x.eur.toNumber()), file).toBe(true);
          expect(total(x.eur.toNumber() - 1), file).toBe(false);
          continue;
        }
        // derived from the metric, not from the synthesis: a lot that passes needs nothing
        expect('none' in x && x.none === 'not_needed', `${file} ${a.lot}`).toBe(ev.metrics.get(`rental.${a.lot}.balanced`)!.value as boolean);
        if (!('eur' in x)) continue;
        const i = ev.model.lots.findIndex((l) => l.id === a.lot);
        const passes = (amount: number) => {
          const mod = freeze(r.load.input!, ev);
          mod.subsidies = [...(mod.subsidies ?? []), { source: 'test', amount_eur: amount, lots: [a.lot!] }];
          return evalInput(mod, file)!.rental!.lots.find((l) => l.lotIndex === i)!.account.balanced;
        };
        expect(passes(x.eur.toNumber()), `${file} ${a.lot}`).toBe(true);
        expect(passes(x.eur.toNumber() - 1), `${file} ${a.lot}`).toBe(false);
      }
    }
  });
});

describe('the synthesis in English', () => {
  it('--lang en: SUMMARY first, the same questions, in English', async () => {
    const en = await run(['report', 'examples/exemple.yaml', '--lang', 'en']);
    const all = en.split('\n');
    const start = all.indexOf('SUMMARY');
    expect(start).toBeGreaterThan(0);
    expect(start).toBeLessThan(all.indexOf('SURFACES'));
    const syn = all.slice(start, all.indexOf('SURFACES')).join('\n');
    for (const w of ['Regulatory test of the rental account (circ. 97-51', 'more subsidy or equity', 'Operation after cross-subsidy: surplus of €', 'provided the sale margin (psla) funds', 'Construction cost: the operation bears a rise of up to']) expect(syn).toContain(w);
    for (const w of ['respecté', 'excédent', 'Opération', 'logements', 'à condition']) expect(syn).not.toContain(w);
  });
});

describe('report --sections', () => {
  it('synthese,ventes: only those two sections, in report order; the English aliases select the same', async () => {
    const fr = await run(['report', 'examples/exemple.yaml', '--sections', 'ventes,synthese']);
    const titles = fr.split('\n').filter((l, i, a) => /^─+$/.test(a[i + 1] ?? '') && l !== '');
    expect(titles).toEqual(['SYNTHÈSE', 'VENTES']);
    const en = await run(['report', 'examples/exemple.yaml', '--sections', 'synthesis,sales']);
    expect(en).toBe(fr);
  });

  it('ventes alone: no synthesis', async () => {
    const out = await run(['report', 'examples/exemple.yaml', '--sections', 'ventes']);
    expect(out.split('\n').filter((l, i, a) => /^─+$/.test(a[i + 1] ?? '') && l !== '')).toEqual(['VENTES']);
  });

  it('JSON: the header, the metrics and the selected sections only', async () => {
    const j = JSON.parse(await run(['report', 'examples/exemple.yaml', '--format', 'json', '--sections', 'synthese'])) as Json;
    expect(Object.keys(j)).toEqual(['schema_version', 'tool', 'file', 'operation', 'parameters', 'synthesis', 'metrics']);
  });

  it('an unknown section: exit 2, USAGE with a suggestion, no stack trace', async () => {
    const r = await runCli(['report', 'examples/exemple.yaml', '--sections', 'synthse']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('erreur[USAGE]');
    expect(r.stderr).toContain('« synthese »');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('searches run once (the `sensitivity` command hands its own to the synthesis)', () => {
  it('buildSynthesis takes the break-even, the rental gap and the bearable land it is given instead of searching again', () => {
    const file = 'fixtures/roubaix-esperance-plus-30.yaml';
    const ev = runText(file, fs.readFileSync(path.join(ROOT, file), 'utf8')).evaluation!;
    const searched = buildSynthesis(ev);
    // outcomes no search could give (values off the searched grid), as if already found
    const given = buildSynthesis(ev, {
      breakEven: { kind: 'found', value: -12.34, exact: ev },
      rentalGap: { kind: 'found', value: 4321, exact: ev },
      land: { kind: 'found', value: 98765, exact: ev },
    });
    expect(given.construction.maxInflationPct!.toString()).toBe('-12.34');
    expect(given.rental!.extraSubsidyOrEquity).toEqual({ eur: D(4321) });
    expect('eur' in given.bearableLand && given.bearableLand.eur.toString()).toBe('98765');
    // and the searches' own answers differ from them (the test would see a search run again)
    expect(searched.construction.maxInflationPct?.toString()).not.toBe('-12.34');
    expect('eur' in searched.bearableLand && searched.bearableLand.eur.toString()).not.toBe('98765');
  });
});
