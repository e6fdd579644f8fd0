/**
 * `--format xlsx`: the workbook recalculated by a real spreadsheet. LibreOffice Calc (headless,
 * fresh profile set to recalculate xlsx files on load) opens workbooks whose every cached formula
 * result was replaced by a wrong value, recalculates and saves them; the recalculated loan rows,
 * operating-account rows, lowest cumulative, NPV and year-1 annuities must equal, to the cent,
 * the figures of `equilibre report --format json` (the engine's exact arithmetic), on the example
 * and on fixtures with different tenures and loans (test/fixtures/xlsx/loans.yaml has simple,
 * double and double-limited revisability, deferrals, progressivity of both signs, a fixed rate and
 * a rate floored at 0 %). Changing an input cell (the Livret A of year 1) must give what
 * `equilibre` gives with the same input changed in the file. One soffice call converts every
 * workbook (it is slow to start). In CI a missing LibreOffice is a failure, never a skip.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as ExcelJSNs from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runText } from '../src/pipeline';
import { loanSchedule } from '../src/engine/loan';
import type { LoanTerms } from '../src/engine/rental';
import { renderReportXlsx, renderCompareXlsx, type XlsxLayout } from '../src/report/xlsx/index';
import { ROOT, ensureBuilt, runBin, runCli } from './helpers/cli';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 240_000 });

const ExcelJS = ((ExcelJSNs as unknown as { default?: typeof ExcelJSNs }).default ?? ExcelJSNs) as typeof ExcelJSNs;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON documents are walked freely in assertions
type Json = Record<string, any>;

// The example, every fixture (PLUS/PLAI, LLI, SCIAPP, a coop's break-even redevance, operations
// without rental lots or without loans), the loan test file and the VAT per line file (its VAT row adds up the lines').
const CASES = ['examples/exemple.yaml', ...fs.readdirSync(path.join(ROOT, 'fixtures')).filter((f) => f.endsWith('.yaml')).sort().map((f) => `fixtures/${f}`), 'test/fixtures/xlsx/loans.yaml', 'test/fixtures/vat/vat-lines.yaml', 'test/fixtures/xlsx/calendar.yaml', 'test/fixtures/foyer/residence-sociale.yaml', 'test/fixtures/xlsx/lines.yaml'];
const LA_CHANGE = 'livret-a-year-1';
const CACHED = '-cached';
const OPTIONS = 'engine-options';
const engineOptions: LoanTerms[] = [];

/** soffice from PATH (scripts/system-deps.sh installs it), or $SOFFICE. */
function soffice(): string | null {
  const cands = [process.env.SOFFICE, '/usr/bin/soffice', '/usr/local/bin/soffice'].filter((x): x is string => Boolean(x));
  for (const c of cands) if (fs.existsSync(c)) return c;
  const w = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' });
  return w.status === 0 && w.stdout.trim() ? w.stdout.trim() : null;
}

/** A fresh LibreOffice profile that recalculates every xlsx (and ods) file when it loads it. */
function freshProfile(dir: string): string {
  fs.mkdirSync(path.join(dir, 'user'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'user', 'registrymodifications.xcu'), `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`);
  return pathToFileURL(dir).href;
}

let tmp: string;
const layouts = new Map<string, XlsxLayout>();
const jsons = new Map<string, Json>();
const recalculated = new Map<string, ExcelJSNs.Workbook>();
const written = new Map<string, ExcelJSNs.Workbook>();
const name = (f: string) => path.basename(f, '.yaml');

async function readBook(file: string): Promise<ExcelJSNs.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** The (recalculated) number of a cell: a formula's result or a plain number. */
function num(wb: ExcelJSNs.Workbook, sheet: string, a: string): number {
  const c = wb.getWorksheet(sheet)!.getCell(a);
  // (exceljs's `value` drops a formula result of 0; `result` keeps it)
  const x: unknown = c.formula ? c.result : c.value;
  if (typeof x !== 'number') throw new Error(`${sheet}!${a}: not a number: ${JSON.stringify(c.value)}`);
  return x;
}
function isFormula(wb: ExcelJSNs.Workbook, sheet: string, a: string): boolean {
  const v = wb.getWorksheet(sheet)!.getCell(a).value as unknown;
  return v !== null && typeof v === 'object' && 'formula' in (v as object);
}
const cell = (row: number, col: number) => `${String.fromCharCode(64 + col)}${row}`;

/** Equal to the cent: the recalculated double rounds to the JSON figure (a half-cent tie either way). */
function toTheCent(actual: number, expected: number, what: string): void {
  if (!(Math.abs(actual - expected) <= 0.005 + 1e-7)) throw new Error(`${what}: recalculated ${actual}, JSON ${expected}`);
}
/**
 * A published figure that foots (docs/json.md, « Published figures add up »): the JSON derives it from
 * rounded figures (a loan's principal = difference of two rounded outstandings, its interest = rounded
 * annuity − that principal; an account's lines are split largest-remainder so they add up to the
 * difference of two rounded cumulatives). Each rounding moves less than half a cent, so the published
 * cent is the exact figure's cent or its neighbour: the workbook's exact formula is within 1.5 cent.
 */
function toTheFootedCent(actual: number, expected: number, what: string, lines = 1): void {
  if (!(Math.abs(actual - expected) <= 0.005 + 0.01 * lines + 1e-7)) throw new Error(`${what}: recalculated ${actual}, JSON ${expected} (footed)`);
}
/** Account totals the JSON publishes as sums of footed lines: within a cent per line summed. */
const SUMMED_LINES: Record<string, number> = { collected_eur: 4, charges_eur: 8, equity_advance_repayment_eur: 2 };

async function jsonOf(file: string, extra: string[] = []): Promise<Json> {
  const r = await runCli(['report', file, '--format', 'json', ...extra]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Json;
}

beforeAll(async () => {
  const exe = soffice();
  // In CI LibreOffice is installed by scripts/system-deps.sh (npm pretest): its absence is a failure.
  if (!exe) throw new Error('LibreOffice (soffice) not found: run scripts/system-deps.sh (apt-get install libreoffice-calc-nogui)');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'equilibre-xlsx-'));
  const inDir = path.join(tmp, 'in'), outDir = path.join(tmp, 'out');
  fs.mkdirSync(inDir); fs.mkdirSync(outDir);
  for (const f of CASES) {
    const text = fs.readFileSync(path.join(ROOT, f), 'utf8');
    const res = runText(f, text);
    expect(res.evaluation, f).toBeTruthy();
    const json = await jsonOf(f);
    jsons.set(name(f), json);
    // Every cached result wrong: only a recalculation can give the JSON's figures.
    const { bytes, layout } = await renderReportXlsx(res.evaluation!, { lang: 'fr', json, poisonCache: true });
    layouts.set(name(f), layout);
    fs.writeFileSync(path.join(inDir, `${name(f)}.xlsx`), bytes);
  }
  // Two workbooks as the command writes them (cached results = the engine's figures), to check the
  // cached values against the recalculation.
  for (const f of ['examples/exemple.yaml', 'test/fixtures/xlsx/loans.yaml']) {
    const res = runText(f, fs.readFileSync(path.join(ROOT, f), 'utf8'));
    const { bytes } = await renderReportXlsx(res.evaluation!, { lang: 'fr', json: jsons.get(name(f))! });
    fs.writeFileSync(path.join(inDir, `${name(f)}${CACHED}.xlsx`), bytes);
  }
  // Options of the engine that no input file reaches today (loan.ts): a capitalised deferral and
  // a rate not floored at 0, on two loans of the loan test file, against loanSchedule itself.
  {
    const f = 'test/fixtures/xlsx/loans.yaml';
    const ev = runText(f, fs.readFileSync(path.join(ROOT, f), 'utf8')).evaluation!;
    for (const l of ev.rental!.loans) {
      if (l.line.id === 'loan_0_plus') l.spec = { ...l.spec, deferralMode: 'capitalised' };
      else if (l.line.id === 'cdc_plai_building_plai') l.spec = { ...l.spec, floorRateAtZero: false };
      else continue;
      l.schedule = loanSchedule(l.spec);
      engineOptions.push(l);
    }
    const { bytes, layout } = await renderReportXlsx(ev, { lang: 'fr', json: jsons.get('loans')!, poisonCache: true });
    layouts.set(OPTIONS, layout);
    fs.writeFileSync(path.join(inDir, `${OPTIONS}.xlsx`), bytes);
  }
  // The example with one input cell changed by hand: the Livret A of year 1, +1 point.
  const ex = await readBook(path.join(inDir, 'exemple.xlsx'));
  const lay = layouts.get('exemple')!;
  const hyp = ex.getWorksheet(lay.sheets.assumptions)!;
  const c = hyp.getCell(lay.hypotheses.yearFirstRow, lay.hypotheses.livretACol);
  c.value = (c.value as number) + 0.01;
  await ex.xlsx.writeFile(path.join(inDir, `${LA_CHANGE}.xlsx`));
  const files = fs.readdirSync(inDir).map((x) => path.join(inDir, x));
  const r = spawnSync(exe, [`-env:UserInstallation=${freshProfile(path.join(tmp, 'profile'))}`, '--headless', '--calc', '--convert-to', 'xlsx', '--outdir', outDir, ...files], { encoding: 'utf8', timeout: 200_000 });
  if (r.status !== 0) throw new Error(`soffice failed (${r.status}): ${r.stderr}`);
  for (const f of [...CASES.map(name), LA_CHANGE, `exemple${CACHED}`, `loans${CACHED}`, OPTIONS]) {
    const out = path.join(outDir, `${f}.xlsx`);
    if (!fs.existsSync(out)) throw new Error(`soffice did not write ${out}: ${r.stdout} ${r.stderr}`);
    recalculated.set(f, await readBook(out));
    if (f.endsWith(CACHED)) written.set(f, await readBook(path.join(inDir, `${f}.xlsx`)));
  }
});

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** Every loan row and every operating-account row of a recalculated workbook against a JSON report. */
function compareToJson(wb: ExcelJSNs.Workbook, layout: XlsxLayout, json: Json, label: string): { loanRows: number; accountRows: number } {
  toTheCent(num(wb, layout.sheets.cost, layout.cost.totalHt), json.cost_price.total_ht_eur, `${label} cost price HT`);
  toTheCent(num(wb, layout.sheets.cost, layout.cost.totalTtc), json.cost_price.total_ttc_eur, `${label} cost price TTC`);
  const rental = json.rental as Json | null;
  let loanRows = 0, accountRows = 0;
  if (!rental) {
    expect(layout.loans.length + layout.accounts.length, label).toBe(0);
    return { loanRows, accountRows };
  }
  const loans = rental.lots.flatMap((l: Json) => l.loans as Json[]) as Json[];
  expect(layout.loans.length, label).toBe(loans.length);
  for (const loan of loans) {
    const b = layout.loans.find((x) => x.id === loan.id && x.lot === loan.lot)!;
    expect(b, `${label} ${loan.id}`).toBeTruthy();
    for (const row of loan.schedule as Json[]) {
      const r = b.firstRow + row.year - 1;
      const S = layout.sheets.loans;
      const what = `${label} ${loan.id} year ${row.year}`;
      expect(isFormula(wb, S, cell(r, b.cols.annuity)), what).toBe(true);
      expect(Math.abs(num(wb, S, cell(r, b.cols.rate)) * 100 - row.rate_pct), `${what} rate`).toBeLessThan(5e-5 + 1e-9);
      expect(Math.abs(num(wb, S, cell(r, b.cols.progressivity)) * 100 - row.progressivity_pct), `${what} progressivity`).toBeLessThan(5e-5 + 1e-9);
      toTheCent(num(wb, S, cell(r, b.cols.annuity)), row.annuity_eur, `${what} annuity`);
      toTheFootedCent(num(wb, S, cell(r, b.cols.interest)), row.interest_eur, `${what} interest`);
      toTheFootedCent(num(wb, S, cell(r, b.cols.principal)), row.principal_eur, `${what} principal`);
      toTheCent(num(wb, S, cell(r, b.cols.outstanding)), row.outstanding_eur, `${what} outstanding`);
      loanRows++;
    }
  }
  const accounts: [string | null, Json][] = [...rental.lots.map((l: Json) => [l.id, l.account] as [string, Json])];
  if (rental.lots.length > 1) accounts.push([null, rental.total]);
  expect(layout.accounts.length, label).toBe(accounts.length);
  const S = layout.sheets.account;
  const KEYS: [keyof XlsxLayout['accounts'][number]['cols'], string][] = [
    ['rent', 'rent_eur'], ['annexRent', 'annex_rent_eur'], ['losses', 'losses_eur'], ['collected', 'collected_eur'], ['annuities', 'annuities_eur'],
    ['management', 'management_eur'], ['maintenance', 'maintenance_eur'], ['majorMaintenance', 'major_maintenance_eur'], ['tfpb', 'tfpb_eur'],
    ['insurance', 'insurance_eur'], ['contributions', 'contributions_eur'], ['charges', 'charges_eur'], ['cashFlow', 'cash_flow_eur'], ['cumulative', 'cumulative_eur'],
    // logements-foyers: the charges part of the redevances, where the operation has a foyer lot
    ...(rental.lots.some((l: Json) => l.rent.foyer) ? [['redevanceCharges', 'redevance_charges_eur'] as [keyof XlsxLayout['accounts'][number]['cols'], string]] : []),
  ];
  for (const [lot, acc] of accounts) {
    const b = layout.accounts.find((x) => x.lot === lot)!;
    const what = `${label} account ${lot ?? 'total'}`;
    expect(b, what).toBeTruthy();
    expect(acc.years.length).toBe(b.years);
    for (const y of acc.years as Json[]) {
      const r = b.firstRow + y.year - 1;
      for (const [c, k] of KEYS) {
        expect(isFormula(wb, S, cell(r, b.cols[c])), `${what} ${k}`).toBe(true);
        if (k === 'cumulative_eur') toTheCent(num(wb, S, cell(r, b.cols[c])), y[k], `${what} year ${y.year} ${k}`);
        else toTheFootedCent(num(wb, S, cell(r, b.cols[c])), y[k], `${what} year ${y.year} ${k}`, SUMMED_LINES[k] ?? 1);
      }
      // the columns a file may add (issue 17): equity advance repayments, constant euros
      const extra: [number | undefined, string][] = [[b.extra?.advance, 'equity_advance_repayment_eur'], [b.extra?.cashFlowConstant, 'cash_flow_constant_eur'], [b.extra?.cumulativeConstant, 'cumulative_constant_eur']];
      for (const [c, k] of extra) {
        expect(c === undefined, `${what} ${k} column`).toBe(y[k] === undefined);
        if (c === undefined) continue;
        expect(isFormula(wb, S, cell(r, c)), `${what} ${k}`).toBe(true);
        toTheFootedCent(num(wb, S, cell(r, c)), y[k], `${what} year ${y.year} ${k}`, SUMMED_LINES[k] ?? 1);
      }
      accountRows++;
    }
    toTheCent(num(wb, S, b.summary.minCumulative), acc.min_cumulative_cash_flow_eur, `${what} lowest cumulative`);
    expect(num(wb, S, b.summary.minYear), `${what} year of the lowest`).toBe(acc.min_cumulative_year);
    expect(wb.getWorksheet(S)!.getCell(b.summary.balanced).result, `${what} test`).toBe(acc.balanced ? 'oui' : 'non');
    toTheFootedCent(num(wb, S, b.summary.year1Annuities), acc.years[0].annuities_eur, `${what} year-1 annuities`);
    toTheCent(num(wb, S, b.summary.npv), acc.npv_equity_eur, `${what} NPV`);
  }
  return { loanRows, accountRows };
}

describe('xlsx workbook recalculated by LibreOffice', () => {
  it('LibreOffice recalculated on load: the wrong cached values were replaced', () => {
    const wb = recalculated.get('exemple')!;
    const lay = layouts.get('exemple')!;
    const b = lay.loans[0]!;
    // written as −987 654,32 (poisoned cache); a real annuity after the recalculation
    const a = num(wb, lay.sheets.loans, cell(b.firstRow, b.cols.annuity));
    expect(a).not.toBe(-987654.32);
    expect(a).toBeGreaterThan(0);
  });

  for (const f of CASES) {
    it(`${f}: loan schedules and operating accounts equal the JSON report to the cent`, () => {
      const json = jsons.get(name(f))!;
      const n = compareToJson(recalculated.get(name(f))!, layouts.get(name(f))!, json, f);
      const loans = json.rental ? (json.rental.lots as Json[]).reduce((s, l) => s + (l.loans as Json[]).reduce((a, x) => a + x.duration_years, 0), 0) : 0;
      expect(n.loanRows).toBe(loans);
      if (json.rental) expect(n.accountRows).toBeGreaterThan(0);
    });
  }

  for (const f of [`exemple${CACHED}`, `loans${CACHED}`]) {
    it(`${f}: every formula's cached result (the engine's figure) is what the spreadsheet recalculates`, () => {
      const before = written.get(f)!, after = recalculated.get(f)!;
      let formulas = 0;
      for (const ws of before.worksheets) {
        const ws2 = after.getWorksheet(ws.name)!;
        ws.eachRow((row) => row.eachCell((c) => {
          if (!c.formula) return;
          formulas++;
          const cached: unknown = c.result, now: unknown = ws2.getCell(c.address).result;
          const what = `${ws.name}!${c.address} =${c.formula}`;
          if (typeof cached === 'number') {
            expect(typeof now, what).toBe('number');
            // money is cached to the cent; rates, indices and counts to 10⁻¹⁰ or better
            const tol = String(c.numFmt ?? '').includes('€') || String(c.numFmt ?? '').includes('#,##0.00') ? 0.005 + 1e-7 : 1e-9 + 1e-9 * Math.abs(cached);
            expect(Math.abs((now as number) - cached), what).toBeLessThanOrEqual(tol);
          } else expect(now, what).toBe(cached);
        }));
      }
      expect(formulas).toBeGreaterThan(1000);
    });
  }

  it('a capitalised deferral and a rate not floored at 0 (engine options no file reaches) recalculate to loanSchedule', () => {
    const wb = recalculated.get(OPTIONS)!, lay = layouts.get(OPTIONS)!;
    expect(engineOptions.length).toBe(2);
    const S = lay.sheets.loans;
    for (const l of engineOptions) {
      const b = lay.loans.find((x) => x.id === l.line.id)!;
      const rows = l.schedule.rows;
      if (l.spec.deferralMode === 'capitalised') expect(rows[0]!.annuityEur.isZero() && rows[0]!.principalEur.isNegative()).toBe(true);
      else expect(rows.some((x) => x.rate.isNegative())).toBe(true);
      for (const x of rows) {
        const r = b.firstRow + x.year - 1, what = `${l.line.id} year ${x.year}`;
        expect(Math.abs(num(wb, S, cell(r, b.cols.rate)) - x.rate.toNumber()), `${what} rate`).toBeLessThan(1e-12);
        toTheCent(num(wb, S, cell(r, b.cols.annuity)), x.annuityEur.toDecimalPlaces(2).toNumber(), `${what} annuity`);
        toTheCent(num(wb, S, cell(r, b.cols.interest)), x.interestEur.toDecimalPlaces(2).toNumber(), `${what} interest`);
        toTheCent(num(wb, S, cell(r, b.cols.principal)), x.principalEur.toDecimalPlaces(2).toNumber(), `${what} principal`);
        toTheCent(num(wb, S, cell(r, b.cols.outstanding)), x.outstandingEur.toDecimalPlaces(2).toNumber(), `${what} outstanding`);
      }
    }
  });

  it('the test file has the loan kinds the formulas must reproduce', () => {
    const loans = (jsons.get('loans')!.rental.lots as Json[]).flatMap((l) => l.loans as Json[]);
    const kinds = new Set(loans.map((l) => l.revisability));
    for (const k of ['simple', 'double', 'double_limited', 'fixed']) expect(kinds).toContain(k);
    expect(loans.some((l) => l.deferral_years > 0)).toBe(true);
    expect(loans.some((l) => l.progressivity_pct > 0) && loans.some((l) => l.progressivity_pct < 0)).toBe(true);
    // a revised rate floored at 0 % (PLAI margin −0.20 with a Livret A of 0.10 %)
    expect(loans.some((l) => (l.schedule as Json[]).some((r) => r.rate_pct === 0))).toBe(true);
  });

  it('changing the Livret A of year 1 in Hypothèses gives what equilibre gives with that input changed', async () => {
    const base = jsons.get('exemple')!;
    const path0 = base.rental.livret_a.path_pct as number[];
    const changed = [Number((path0[0]! + 1).toFixed(4)), ...path0.slice(1)];
    const json = await jsonOf('examples/exemple.yaml', ['--set', `assumptions.livret_a_path_pct=[${changed.join(',')}]`]);
    // the input of year 1 changed the figures…
    expect(json.rental.total.years[0].annuities_eur).not.toBe(base.rental.total.years[0].annuities_eur);
    // …and the sheet recalculated to the same figures as the engine with the changed path
    const n = compareToJson(recalculated.get(LA_CHANGE)!, layouts.get('exemple')!, json, 'Livret A year 1 + 1 point');
    expect(n.loanRows).toBeGreaterThan(0);
  });
});

describe('xlsx from the command line', () => {
  beforeAll(() => ensureBuilt());

  it('report --format xlsx -o FILE writes a workbook with the nine sheets (French; English with --lang en)', async () => {
    const out = path.join(tmp, 'cli.xlsx'), outEn = path.join(tmp, 'cli-en.xlsx');
    const r = runBin(['report', 'examples/exemple.yaml', '--format', 'xlsx', '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    const wb = await readBook(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Synthèse', 'Surfaces', 'Prix de revient', 'Plan de financement', 'Emprunts', 'Exploitation', 'Ventes', 'Hypothèses', 'Alertes']);
    // cached results are the engine's figures (viewers that do not recalculate still show numbers)
    const json = jsons.get('exemple')!;
    const lay = layouts.get('exemple')!;
    const b = lay.accounts.find((x) => x.lot === null)!;
    expect(num(wb, 'Exploitation', b.summary.minCumulative)).toBe(json.rental.total.min_cumulative_cash_flow_eur);
    expect(wb.getWorksheet('Exploitation')!.views[0]).toMatchObject({ state: 'frozen' });
    expect(wb.getWorksheet('Emprunts')!.getCell(cell(lay.loans[0]!.firstRow, lay.loans[0]!.cols.annuity)).numFmt).toContain('€');
    const en = runBin(['report', 'examples/exemple.yaml', '--format', 'xlsx', '-o', outEn, '--lang', 'en']);
    expect(en.code, en.stderr).toBe(0);
    expect((await readBook(outEn)).worksheets.map((w) => w.name)).toEqual(['Summary', 'Areas', 'Cost price', 'Financing plan', 'Loans', 'Operating account', 'Sales', 'Assumptions', 'Warnings']);
  });

  it('the xlsx renderer is a separate file of the build, loaded only for --format xlsx', () => {
    const main = fs.readFileSync(path.join(ROOT, 'dist', 'equilibre.cjs'), 'utf8');
    expect(main).toContain('require("./xlsx.cjs")');
    expect(main).not.toMatch(/exceljs|JSZip|archiver/i);
    expect(fs.existsSync(path.join(ROOT, 'dist', 'xlsx.cjs'))).toBe(true);
    // which files a run requires: dist/xlsx.cjs only when the format is xlsx
    const loaded = (args: string[]) => {
      const code = "const { loadBundle } = require('./bin/load-bundle.cjs'); loadBundle().exports.run().then(() => process.stderr.write('XLSX:' + Object.keys(require.cache).some((k) => k.endsWith('xlsx.cjs'))));";
      const r = spawnSync(process.execPath, ['-e', code, 'node', ...args], { cwd: ROOT, encoding: 'utf8' });
      return /XLSX:(true|false)/.exec(r.stderr)?.[1];
    };
    expect(loaded(['report', 'examples/exemple.yaml', '--format', 'json'])).toBe('false');
    expect(loaded(['report', 'examples/exemple.yaml', '--format', 'xlsx', '-o', path.join(tmp, 'lazy.xlsx')])).toBe('true');
  });

  it('--format xlsx without -o is a usage error (exit 2), nothing on standard output', () => {
    const r = runBin(['report', 'examples/exemple.yaml', '--format', 'xlsx']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('erreur[USAGE]: --format xlsx écrit un classeur (fichier binaire): donnez le fichier avec -o, ex. -o rapport.xlsx\naide: equilibre report --help\n');
    const c = runBin(['compare', 'fixtures/roubaix-esperance.yaml', '--format', 'xlsx', '--lang', 'en']);
    expect(c.code).toBe(2);
    expect(c.stderr).toContain('error[USAGE]: --format xlsx writes a workbook');
  });

  it('an invalid file or an unwritable path: exit 2 with the diagnostics, no workbook written', () => {
    const bad = path.join(tmp, 'bad.yaml'), out = path.join(tmp, 'bad.xlsx');
    fs.writeFileSync(bad, 'format: equilibre/v1\noperation: { name: x }\n');
    const r = runBin(['report', bad, '--format', 'xlsx', '-o', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('erreur[MISSING_KEY]');
    expect(fs.existsSync(out)).toBe(false);
    const w = runBin(['report', 'examples/exemple.yaml', '--format', 'xlsx', '-o', path.join(tmp, 'no-such-folder', 'r.xlsx')]);
    expect(w.code).toBe(2);
    expect(w.stderr).toContain('erreur[OUTPUT_NOT_WRITABLE]');
  });

  it('compare --format xlsx: a comparison sheet, then one sheet per scenario', async () => {
    const out = path.join(tmp, 'compare.xlsx');
    const r = runBin(['compare', 'fixtures/roubaix-esperance-variants.yaml', '--format', 'xlsx', '-o', out, '--no-goal-seek']);
    expect(r.code, r.stderr).toBe(0);
    const wb = await readBook(out);
    const json = JSON.parse(runBin(['compare', 'fixtures/roubaix-esperance-variants.yaml', '--format', 'json', '--no-goal-seek']).stdout) as Json;
    expect(wb.worksheets.length).toBe(1 + json.scenarios.length);
    expect(wb.worksheets[0]!.name).toBe('Comparaison');
    // the balance row: values per scenario, and the difference to the first as a formula
    const ws = wb.worksheets[0]!;
    let row = 0;
    ws.eachRow((r, i) => { if (r.getCell(1).value === 'Solde de l’opération après péréquation') row = i; });
    expect(row).toBeGreaterThan(0);
    const n = json.scenarios.length;
    json.scenarios.forEach((s: Json, i: number) => expect(num(wb, ws.name, cell(row, 2 + i))).toBe(s.metrics['operation.balance_eur']));
    expect(isFormula(wb, ws.name, cell(row, 2 + n))).toBe(true);
    toTheCent(num(wb, ws.name, cell(row, 2 + n)), json.scenarios[1].difference_to_first['operation.balance_eur'], 'difference');
  });

  it('the renderer for compare makes unique, valid sheet names', async () => {
    const bytes = await renderCompareXlsx({
      lang: 'fr', rankMetric: 'x', rows: [['a', 'A', 'A']],
      scenarios: ['Les [Jardins]: 1/2', 'Les [Jardins]: 1/2', 'x'.repeat(40)].map((name, i) => ({ name, file: 'f.yaml', variant: null, vintage: '2026', rank: i + 1, metrics: [{ key: 'a', value: i, unit: 'eur' }], goalSeek: null })),
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const names = wb.worksheets.map((w) => w.name);
    expect(new Set(names.map((x) => x.toLowerCase())).size).toBe(names.length);
    for (const x of names) { expect(x.length).toBeLessThanOrEqual(31); expect(x).not.toMatch(/[[\]:*?/\\]/); }
  });
});
