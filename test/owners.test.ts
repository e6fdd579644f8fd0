/**
 * Owners, VEFA between owners, declared péréquation, one OFS for several BRS lots (docs/owners.md).
 * Each owner's balance is derived here from its lots' metrics and the file's declarations, read
 * from the YAML itself (not from the engine's owner code); the VEFA figures are worked by hand.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { D, type Dec } from '../src/domain/money';
import { runText } from '../src/pipeline';
import type { MetricValue } from '../src/engine/evaluate';
import { ROOT, runCli } from './helpers/cli';

const read = (rel: string) => fs.readFileSync(path.join(ROOT, rel), 'utf8');
const cents = (x: Dec) => x.toFixed(2);

function evaluate(rel: string, text = read(rel)) {
  const r = runText(rel, text);
  expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code), rel).toEqual([]);
  const e = r.evaluation!;
  const metric = (name: string): MetricValue => {
    const m = e.metrics.get(name);
    if (m === undefined) throw new Error(`no metric ${name}`);
    return m.value;
  };
  const dec = (name: string): Dec => metric(name) as Dec;
  const decOr0 = (name: string): Dec => (e.metrics.has(name) ? (metric(name) as Dec) : D(0));
  return { e, metric, dec, decOr0 };
}

interface FileOwner { id: string; partners?: { owner: string; share_pct: number }[] }
interface FileLot { id: string; tenure: string; owner: string; vefa?: { seller: string }; brs?: { ofs?: string } }
interface FileTransfer { from: string; to: string; amount_eur?: number; share_of_margin_pct?: number }

/**
 * Each owner's balance from the metrics of its lots: its sale margins, its rental lots' lowest
 * cumulative when negative, its OFS's consolidated lowest cumulative when negative, and the seller's
 * margin of the VEFA lots it sells; then the transfers and the pooling the file declares.
 */
function derive(rel: string, text = read(rel)) {
  const file = parseYaml(text) as { owners: FileOwner[]; lots: FileLot[]; transfers?: FileTransfer[] };
  const { dec, decOr0, e } = evaluate(rel, text);
  const neg = (x: Dec) => (x.isNegative() ? x : D(0));
  const own = new Map<string, Dec>();
  const margins = new Map<string, Dec>();
  for (const o of file.owners) {
    const lots = file.lots.filter((l) => l.owner === o.id);
    let sale = D(0), need = D(0);
    for (const l of lots) {
      sale = sale.plus(decOr0(`sale.${l.id}.margin_eur`));
      if (e.metrics.has(`rental.${l.id}.min_cumulative_cash_flow_eur`)) need = need.plus(neg(dec(`rental.${l.id}.min_cumulative_cash_flow_eur`)));
    }
    const ofsLots = file.lots.filter((l) => l.tenure === 'BRS' && (l.brs?.ofs ?? l.owner) === o.id);
    if (ofsLots.length > 0) need = need.plus(neg(dec(`ofs.${o.id}.min_cumulative_eur`)));
    const vefa = file.lots.filter((l) => l.vefa?.seller === o.id).reduce((s, l) => s.plus(dec(`vefa.${l.id}.seller_margin_eur`)), D(0));
    own.set(o.id, sale.plus(need).plus(vefa));
    margins.set(o.id, sale.plus(vefa));
  }
  const after = new Map(own);
  for (const t of file.transfers ?? []) {
    const amount = t.amount_eur !== undefined ? D(t.amount_eur) : D(Math.max(0, margins.get(t.from)!.toNumber())).times(t.share_of_margin_pct!).div(100).toDecimalPlaces(2);
    after.set(t.from, after.get(t.from)!.minus(amount));
    after.set(t.to, after.get(t.to)!.plus(amount));
  }
  for (const o of file.owners) {
    if (!o.partners) continue;
    const result = after.get(o.id)!;
    after.set(o.id, D(0));
    let left = result;
    o.partners.forEach((p, k) => {
      const part = k === o.partners!.length - 1 ? left : result.times(p.share_pct).div(100).toDecimalPlaces(2);
      left = left.minus(part);
      after.set(p.owner, after.get(p.owner)!.plus(part));
    });
  }
  return { file, own, after, dec, e };
}

const OWNER_FILES = ['fixtures/bayonne-prisse-owners.yaml', 'fixtures/grandola-sccv.yaml', 'fixtures/petit-bayonne-rehabilitation.yaml', 'examples/sccv.yaml',
  // issue 17's résidence sociale bought in VEFA
  'fixtures/residence-sociale-vefa.yaml'];

describe('each owner balances (or not) on its own and with the declared péréquation', () => {
  it.each(OWNER_FILES)('%s: owner.<id>.balance_eur and balance_after_transfers_eur, derived from the lots', (rel) => {
    const { file, own, after, dec, e } = derive(rel);
    for (const o of file.owners) {
      expect(cents(dec(`owner.${o.id}.balance_eur`)), o.id).toBe(cents(own.get(o.id)!));
      expect(e.metrics.get(`owner.${o.id}.balanced`)!.value, o.id).toBe(own.get(o.id)!.gte(0));
      expect(cents(dec(`owner.${o.id}.balance_after_transfers_eur`)), o.id).toBe(cents(after.get(o.id)!));
      expect(e.metrics.get(`owner.${o.id}.balanced_after_transfers`)!.value, o.id).toBe(after.get(o.id)!.gte(0));
    }
  });

  it.each(OWNER_FILES)('%s: the owners add up to the operation; VEFA flows, transfers and pooling add up to zero', (rel) => {
    const { file, dec } = derive(rel);
    const total = (k: string) => file.owners.reduce((s, o) => s.plus(dec(`owner.${o.id}.${k}`)), D(0));
    expect(cents(total('balance_eur'))).toBe(cents(dec('operation.balance_eur')));
    expect(cents(total('balance_after_transfers_eur'))).toBe(cents(dec('operation.balance_eur')));
    expect(cents(total('vefa_flow_eur'))).toBe('0.00');
    expect(cents(total('transfers_eur'))).toBe('0.00');
    expect(cents(total('pooling_eur'))).toBe('0.00');
  });

  it('a file without owners: no owner, VEFA or OFS metric (it means what it meant)', () => {
    for (const f of fs.readdirSync(path.join(ROOT, 'fixtures')).filter((x) => x.endsWith('.yaml') && !OWNER_FILES.includes(`fixtures/${x}`))) {
      const { e } = evaluate(`fixtures/${f}`);
      expect([...e.metrics.keys()].filter((k) => /^(owner|vefa|ofs)\./.test(k)), f).toEqual([]);
      expect(e.owners).toBeUndefined();
    }
  });
});

describe('VEFA between owners: a cost for the buyer, a sale for the seller, at the same price', () => {
  // Bayonne Prissé, PLUS lot: 3 234 m² SHAB + 323.4 m² annexes → SU = 3 234 + 323.4 / 2 = 3 395.7 m²;
  // 2 550 € HT/m² SU → 8 659 035.00 € HT; VAT of a PLUS 10 % (CGI 278 sexies) → 865 903.50 €;
  // the bailleur's fees 2 % → 173 180.70 €; its cost price TTC 8 659 035 + 865 903.50 + 173 180.70 = 9 698 119.20 €.
  const { dec, e } = derive('fixtures/bayonne-prisse-owners.yaml');

  it('the price, VAT, fees and the buyer\'s cost price, worked by hand', () => {
    expect(cents(dec('lots.plus.su_m2'))).toBe('3395.70');
    expect(cents(dec('vefa.plus.price_ht_eur'))).toBe('8659035.00');
    expect(cents(dec('vefa.plus.price_ttc_eur'))).toBe('9524938.50');
    expect(cents(dec('vefa.plus.buyer_fees_eur'))).toBe('173180.70');
    expect(cents(dec('vefa.plus.buyer_cost_ttc_eur'))).toBe('9698119.20');
  });

  it('the buyer finances the lot like any lot of its tenure: sources = its cost price TTC, to the cent', () => {
    const f = e.financing.rental.find((x) => e.model.lots[x.lotIndex]!.id === 'plus')!;
    expect(cents(f.usesEur)).toBe('9698119.20');
    expect(cents(f.subsidiesEur.plus(f.equityEur).plus(f.loansEur))).toBe('9698119.20');
    // equity 15 % of the cost (the file), then CDC loans for the rest
    expect(cents(dec('financing.plus.equity_eur'))).toBe(cents(D('9698119.20').times(0.15).toDecimalPlaces(2)));
  });

  it('the seller sells at the same price HT against its own cost (the operation\'s cost price of the lot)', () => {
    for (const id of ['plus', 'plai']) {
      const price = dec(`vefa.${id}.price_ht_eur`);
      expect(cents(dec(`vefa.${id}.seller_cost_ht_eur`))).toBe(cents(dec(`cost_price.${id}.total_ht_eur`)));
      expect(cents(dec(`vefa.${id}.seller_margin_eur`))).toBe(cents(price.minus(dec(`cost_price.${id}.total_ht_eur`))));
      // the buyer's purchase and the seller's sale are the same amount
      expect(cents(dec(`vefa.${id}.buyer_cost_ht_eur`).minus(dec(`vefa.${id}.buyer_fees_eur`)))).toBe(cents(price));
    }
    // the promoter sells both lots, the bailleur buys both: its flow is minus the promoter's
    const both = dec('vefa.plus.price_ht_eur').plus(dec('vefa.plai.price_ht_eur'));
    expect(cents(dec('owner.alday.vefa_flow_eur'))).toBe(cents(both));
    expect(cents(dec('owner.hsa.vefa_flow_eur'))).toBe(cents(both.neg()));
  });

  it('a price given TTC per m² SHAB is brought back to HT at the buyer\'s VAT', () => {
    const text = read('fixtures/bayonne-prisse-owners.yaml').replace(/price_eur_per_m2_su_ht: 2550 .*\n/, 'price_eur_per_m2_shab_ttc: 2200\n');
    const r = evaluate('x.yaml', text);
    // 2 200 × 3 234 m² = 7 114 800 € TTC; / 1.10 = 6 468 000.00 € HT
    expect(cents(r.dec('vefa.plus.price_ht_eur'))).toBe('6468000.00');
    expect(cents(r.dec('vefa.plus.price_ttc_eur'))).toBe('7114800.00');
  });

  it('checks the price against a cap per m² SU when the file gives one', () => {
    const text = read('fixtures/bayonne-prisse-owners.yaml').replace('fees_pct: 2 ', 'cap_eur_per_m2_su_ht: 2180\n      fees_pct: 2 ');
    const r = evaluate('x.yaml', text);
    expect(r.metric('vefa.plus.within_cap')).toBe(false); // 2 550 > 2 180
    expect(r.metric('vefa.plai.within_cap')).toBe(null); // only the first lot got the cap
    // and the report warns, at the price of that lot
    const w = runText('x.yaml', text).diagnostics.filter((d) => d.code === 'VEFA_PRICE_ABOVE_CAP');
    expect(w.map((d) => [d.severity, d.path.join('.')])).toEqual([['warning', 'lots.0.vefa.price_eur_per_m2_su_ht']]);
  });
});

describe('declared péréquation: transfers and pooling, worked by hand', () => {
  const base = read('fixtures/bayonne-prisse-owners.yaml');

  it('an amount and a share of a margin go from one owner to the other', () => {
    const text = `${base}\ntransfers:\n  - from: alday\n    to: hsa\n    amount_eur: 500000\n  - from: alday\n    to: ofs\n    share_of_margin_pct: 10\n`;
    const { dec } = derive('x.yaml', text);
    // 10 % of the promoter's margins: its sale margins + its VEFA margin
    const margins = dec('owner.alday.sale_margin_eur').plus(dec('owner.alday.vefa_margin_eur'));
    const share = margins.times(0.1).toDecimalPlaces(2);
    expect(cents(dec('owner.hsa.transfers_eur'))).toBe('500000.00');
    expect(cents(dec('owner.ofs.transfers_eur'))).toBe(cents(share));
    expect(cents(dec('owner.alday.transfers_eur'))).toBe(cents(share.plus(500000).neg()));
    expect(cents(dec('owner.hsa.balance_after_transfers_eur'))).toBe(cents(dec('owner.hsa.balance_eur').plus(500000)));
    // the owner's own balance does not move
    expect(cents(dec('owner.hsa.balance_eur'))).toBe(cents(derive('fixtures/bayonne-prisse-owners.yaml').dec('owner.hsa.balance_eur')));
  });

  it('a SCCV passes its whole result to its partners by shares, to the cent', () => {
    const { dec } = derive('fixtures/grandola-sccv.yaml');
    const result = dec('owner.sccv.balance_eur');
    expect(cents(dec('owner.sccv.pooling_eur'))).toBe(cents(result.neg()));
    const xl = result.times(30.56).div(100).toDecimalPlaces(2);
    expect(cents(dec('owner.xl.pooling_eur'))).toBe(cents(xl));
    expect(cents(dec('owner.col.pooling_eur'))).toBe(cents(result.minus(xl)));
  });
});

describe('one OFS for several BRS lots', () => {
  const { dec, metric, e } = evaluate('fixtures/bayonne-prisse-owners.yaml');

  it('consolidates the Gaïa loans and the yearly cash of its lots; brs.<lot>.* stay', () => {
    expect(metric('ofs.ofs.lots')).toBe(2);
    expect(cents(dec('ofs.ofs.loan_eur'))).toBe(cents(dec('brs.brs.ofs_loan_eur').plus(dec('brs.brs_participatif.ofs_loan_eur'))));
    // the consolidated cumulative, recomputed from the two lots' yearly cash flows
    const rows = e.sales!.lots.filter((l) => l.ofs).map((l) => l.ofs!.rows);
    const years = Math.max(...rows.map((r) => r.length));
    let cum = D(0), low: Dec | null = null;
    for (let y = 0; y < years; y++) {
      cum = rows.reduce((s, r) => (r[y] ? s.plus(r[y]!.cashFlowEur) : s), cum);
      if (low === null || cum.lt(low)) low = cum;
    }
    expect(cents(dec('ofs.ofs.min_cumulative_eur'))).toBe(cents(low!));
    expect(metric('ofs.ofs.balanced')).toBe(low!.gte(0));
    expect(e.metrics.has('brs.brs.ofs_min_cumulative_eur') && e.metrics.has('brs.brs_participatif.ofs_min_cumulative_eur')).toBe(true);
  });

  it('is one tranche of the operation, at its first lot', () => {
    const ofs = e.operation.tranches.filter((t) => t.kind === 'ofs').map((t) => t.id);
    expect(ofs).toEqual(['ofs:ofs']);
  });
});

describe('bad input about owners: exit 2, file:line:col, what was expected', () => {
  it('a transfer between unknown owners', async () => {
    const text = `${read('fixtures/bayonne-prisse-owners.yaml')}\ntransfers:\n  - from: alday\n    to: bailleur\n    amount_eur: 1000\n`;
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l === '    to: bailleur') + 1;
    const r = await runCli(['report', 'op.yaml'], { files: { 'op.yaml': text } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`erreur[UNKNOWN_OWNER]: op.yaml:${line}:9: transfers[0].to`);
    expect(r.stderr).toContain('propriétaire « bailleur » inconnu');
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('an owner named without owners: is unknown, and said so', () => {
    const text = read('fixtures/bayonne-prisse.yaml').replace('    tenure: PLUS\n', '    tenure: PLUS\n    owner: hsa\n');
    const r = runText('x.yaml', text);
    const d = r.diagnostics.find((x) => x.code === 'UNKNOWN_OWNER')!;
    expect(d.path).toEqual(['lots', 0, 'owner']);
    expect(d.args.declared).toBe(false);
  });
});

describe('equilibre init --example sccv', () => {
  it('writes examples/sccv.yaml byte for byte: an annotated multi-owner file that evaluates and passes its checks', async () => {
    const r = await runCli(['init', '--example', 'sccv']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(read('examples/sccv.yaml'));
    const { e, dec } = derive('examples/sccv.yaml', r.stdout);
    expect(e.owners!.owners.map((o) => o.id)).toEqual(['sccv', 'bailleur', 'coop', 'ofs']);
    expect(e.vefa!.lots.length).toBe(1);
    expect(e.owners!.transfers.length).toBe(1);
    expect(dec('ofs.ofs.lots' as string) as unknown).toBe(2);
    const c = await runCli(['check', 'examples/sccv.yaml']);
    expect(c.code).toBe(0);
  });

  it('writes the file named, and an unknown example is a usage error', async () => {
    const w = await runCli(['init', 'op.yaml', '--example', 'sccv']);
    expect(w.code).toBe(0);
    expect(w.written['op.yaml']).toBe(read('examples/sccv.yaml'));
    const bad = await runCli(['init', '--example', 'bogus']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('USAGE');
  });
});

describe('the owners in the xlsx workbook', () => {
  it('a table of each owner\'s balance, with the values of owner.<id>.*', async () => {
    const ExcelJSNs = await import('exceljs');
    const ExcelJS = ((ExcelJSNs as unknown as { default?: typeof ExcelJSNs }).default ?? ExcelJSNs) as typeof ExcelJSNs;
    const { renderReportXlsx } = await import('../src/report/xlsx/index');
    const rel = 'fixtures/grandola-sccv.yaml';
    const json = JSON.parse((await runCli(['report', rel, '--format', 'json'])).stdout) as Record<string, unknown>;
    const { e, dec } = evaluate(rel);
    const { bytes } = await renderReportXlsx(e, { lang: 'fr', json });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    let found = 0;
    wb.eachSheet((ws) => ws.eachRow((row) => {
      const key = row.values as unknown[];
      const k = key.find((v) => v === 'balance_after_transfers_eur' || v === 'balance_eur');
      if (typeof k !== 'string' || key[1] === undefined || !String(key[1]).startsWith('Solde')) return;
      ['sccv', 'xl', 'col'].forEach((id, i) => expect(Number(key[2 + i]), `${k} ${id}`).toBeCloseTo(dec(`owner.${id}.${k}`).toNumber(), 2));
      found++;
    }));
    expect(found).toBe(2);
  }, 60_000);
});
