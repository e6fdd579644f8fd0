/**
 * `equilibre check FILE|GLOB…`: evaluate each file, run the built-in checks and the file's own
 * assertions. Exit 0 all passed · 1 a check failed (errors; warnings too with --strict) ·
 * 2 a file could not be evaluated (it is reported, the others still run; 2 wins).
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import { diag, type Diagnostic } from '../../domain/diagnostic';
import { assertionMismatch, BUILTIN_CHECKS, evalAssertion, parseAssertion, suggestMetric, type CheckResult } from '../../checks/checks';
import { spanOf } from '../../load/load';
import { addSensitivityMetrics } from '../../report/sensitivity';
import { renderDiagnostic, diagnosticJson } from '../../report/diagnostics';
import { toJsonText } from '../../report/json';
import type { Lang } from '../../report/format';
import { JSON_SCHEMA_VERSION, TOOL_NAME, TOOL_VERSION } from '../../version';
import { EXIT_ERROR, EXIT_FAILED, EXIT_OK, type Io } from '../io';
import { emit, writeOut } from '../main';
import { runFile } from '../load-file';
import { expandGlob, hasMagic } from '../glob';
import { extraCommands } from './registry';
import { mapShares, workerCount } from '../parallel';

interface CheckOptions {
  format: 'text' | 'json';
  lang: Lang;
  junit?: string;
  strict?: boolean;
  only: string[];
  skip: string[];
  set: string[];
  output?: string;
  quiet?: boolean;
  jobs?: string;
}

export interface FileCheck {
  file: string;
  evaluated: boolean;
  results: CheckResult[];
  /** Problems of the file itself (could not evaluate, unknown metric, bad assertion) and evaluation warnings. */
  diagnostics: Diagnostic[];
  text?: string;
  /** Parameter set the file was evaluated with (product.md: every output names the vintage). */
  parameters?: { year: number; vintage: string };
}

const collect = (v: string, prev: string[]) => [...prev, ...v.split(',').map((s) => s.trim()).filter(Boolean)];

export function checkOne(io: Io, file: string, opts: Pick<CheckOptions, 'only' | 'skip' | 'set'>): FileCheck {
  const run = runFile(io, file, opts.set);
  if (!run.evaluated || !run.evaluation) return { file, evaluated: false, results: [], diagnostics: run.diagnostics, ...(run.text !== undefined ? { text: run.text } : {}) };
  const ev = run.evaluation;
  const keep = (code: string) => (opts.only.length === 0 || opts.only.includes(code)) && !opts.skip.includes(code);
  const results: CheckResult[] = [];
  for (const c of BUILTIN_CHECKS) if (keep(c.code)) for (const r of c.run(ev)) {
    // A position is shown only for a failure: look it up only then.
    const span = r.passed ? undefined : spanOf(run.load.source, r.path);
    results.push(span ? { ...r, span } : r);
  }
  const fileDiags: Diagnostic[] = [];
  if (keep('ASSERTION')) {
    (run.load.input?.checks ?? []).forEach((input, i) => {
      const span = spanOf(run.load.source, ['checks', i]);
      const a = parseAssertion(input, i);
      if ('error' in a) { fileDiags.push({ ...diag('ASSERTION_SYNTAX', 'error', ['checks', i], { detail: a.error, text: typeof input === 'string' ? input : JSON.stringify(input) }), file, ...(span ? { span } : {}) }); return; }
      if (a.metric.startsWith('sensitivity.')) addSensitivityMetrics(ev, a.metric !== 'sensitivity.max_construction_inflation_pct');
      const m = ev.metrics.get(a.metric);
      if (!m) {
        const s = suggestMetric(a.metric, ev.metrics);
        fileDiags.push({ ...diag('UNKNOWN_METRIC', 'error', ['checks', i], { metric: a.metric, ...(s ? { suggestion: s } : {}) }), file, ...(span ? { span } : {}) });
        return;
      }
      const mismatch = assertionMismatch(a, m);
      if (mismatch) { fileDiags.push({ ...diag('ASSERTION_SYNTAX', 'error', ['checks', i], { detail: mismatch, text: a.text }), file, ...(span ? { span } : {}) }); return; }
      const r = evalAssertion(a, m);
      results.push(span ? { ...r, span } : r);
    });
  }
  // Evaluation warnings that no built-in check already reports.
  const covered = new Set(['ANNEXES_RULE', 'RENT_ABOVE_MAXIMUM', 'PRICE_ABOVE_CEILING', 'SALE_MARGIN_BELOW_TARGET', 'CDC_LOANS_BELOW_HALF', 'FINANCING_UNBALANCED', 'FINANCING_SURPLUS']);
  const evalDiags = ev.diagnostics.filter((d) => !covered.has(d.code));
  const diagnostics = [...fileDiags, ...evalDiags];
  // The text is kept only to show source lines: not for a file with nothing to show (many files, little memory).
  const show = diagnostics.length > 0 || results.some((r) => !r.passed);
  return { file, evaluated: true, results, diagnostics, parameters: { year: ev.model.paramYear, vintage: ev.model.vintage }, ...(show && run.text !== undefined ? { text: run.text } : {}) };
}

/** A failed result as a standard diagnostic (file:line:col, the line with a caret, expected/actual/difference). */
export function resultDiagnostic(file: string, r: CheckResult): Diagnostic {
  return {
    code: r.code, severity: r.severity, path: r.path, file, ...(r.span ? { span: r.span } : {}),
    args: { subject: r.subject, expected: r.expected, actual: r.actual, difference: r.difference ?? '', note: r.note ?? '' },
  };
}

function fails(r: CheckResult, strict: boolean): boolean {
  return !r.passed && (r.severity === 'error' || strict);
}

export async function runCheck(io: Io, patterns: string[], opts: CheckOptions): Promise<number> {
  const files: string[] = [];
  const missing: string[] = [];
  for (const p of patterns) {
    if (hasMagic(p)) {
      const got = expandGlob(p, io.cwd);
      if (got.length === 0) missing.push(p);
      files.push(...got);
    } else files.push(p);
  }
  // Many files: one share per core (see parallel.ts); the results keep the order of the files.
  const shareOpts = { only: opts.only, skip: opts.skip, set: opts.set };
  const checks = await mapShares(files, workerCount(files.length, io.env, opts.jobs), shareOpts, io, (share) => share.map((f) => checkOne(io, f, shareOpts)));
  let passed = 0, failed = 0;
  let broken = missing.length > 0;
  for (const c of checks) {
    if (!c.evaluated || c.diagnostics.some((d) => d.severity === 'error')) broken = true;
    for (const r of c.results) { if (fails(r, Boolean(opts.strict))) failed++; else passed++; }
  }
  const code = broken ? EXIT_ERROR : failed > 0 ? EXIT_FAILED : EXIT_OK;

  if (opts.junit) writeOut(io, opts.junit, junit(checks, Boolean(opts.strict), opts.lang));
  if (opts.format === 'json') {
    emit(io, opts, toJsonText({
      schema_version: JSON_SCHEMA_VERSION, tool: { name: TOOL_NAME, version: TOOL_VERSION }, passed, failed, exit_code: code,
      unmatched_patterns: missing,
      files: checks.map((c) => ({
        file: c.file, evaluated: c.evaluated, parameters: c.parameters ?? null,
        passed: c.results.filter((r) => !fails(r, Boolean(opts.strict))).length,
        failed: c.results.filter((r) => fails(r, Boolean(opts.strict))).length,
        results: c.results.map((r) => ({ code: r.code, kind: r.kind, subject: r.subject, status: r.passed ? 'pass' : 'fail', severity: r.severity, expected: r.expected, actual: r.actual, difference: r.difference, note: r.note ?? null, line: r.span?.line ?? null, col: r.span?.col ?? null })),
        diagnostics: c.diagnostics.map((d) => diagnosticJson(d, opts.lang)),
      })),
    }));
    return code;
  }
  // stdout: the results (failed checks, warnings, one line per file, the totals), also with -o;
  // stderr: what kept a file from being evaluated or checked (exit 2), rendered as `report` does.
  const out: string[] = [];
  const err: string[] = [];
  const fr = opts.lang === 'fr';
  for (const p of missing) err.push(renderDiagnostic(diag('NO_FILE_MATCHES', 'error', [], { pattern: p }), opts.lang) + '\n\n');
  for (const c of checks) {
    for (const d of c.diagnostics) (d.severity === 'error' ? err : out).push(renderDiagnostic(d, opts.lang, c.text) + '\n\n');
    const errors = c.diagnostics.filter((d) => d.severity === 'error').length;
    if (errors > 0) {
      err.push(c.evaluated
        ? (fr ? `${c.file}: ${errors} erreur(s): les vérifications du fichier n'ont pas toutes pu être faites.\n` : `${c.file}: ${errors} error(s): not every check of the file could be run.\n`)
        : (fr ? `${c.file}: ${errors} erreur(s): le fichier n'a pas pu être évalué.\n` : `${c.file}: ${errors} error(s): the file could not be evaluated.\n`));
    }
    for (const r of c.results) {
      if (r.passed) continue;
      const d = resultDiagnostic(c.file, r);
      if (!fails(r, Boolean(opts.strict))) d.severity = 'warning';
      out.push(renderDiagnostic(d, opts.lang, c.text) + '\n\n');
    }
    if (!opts.quiet) {
      const p = c.results.filter((r) => !fails(r, Boolean(opts.strict))).length;
      const f = c.results.length - p;
      const vintage = c.parameters ? ` (${fr ? 'paramètres' : 'parameters'} ${c.parameters.vintage})` : '';
      out.push(c.evaluated ? `${c.file}: ${p} ${fr ? 'réussi(s)' : 'passed'}, ${f} ${fr ? 'échoué(s)' : 'failed'}${vintage}\n` : `${c.file}: ${fr ? 'non évalué' : 'not evaluated'}\n`);
    }
  }
  // The last line stays exactly `N passed, N failed`, in English whatever --lang: CI tools and
  // scripts read it (the README's CI recipe, test/readme.test.ts). Do not translate it.
  out.push(`${passed} passed, ${failed} failed\n`);
  if (err.length) io.stderr(err.join(''));
  emit(io, opts, out.join(''));
  return code;
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function junit(checks: FileCheck[], strict: boolean, lang: Lang): string {
  const suites = checks.map((c) => {
    const cases: string[] = [];
    if (!c.evaluated) {
      const msg = c.diagnostics.map((d) => renderDiagnostic(d, lang)).join('\n\n');
      cases.push(`    <testcase classname="${xml(c.file)}" name="evaluate"><error message="${xml(c.diagnostics[0]?.code ?? 'ERROR')}">${xml(msg)}</error></testcase>`);
    }
    for (const d of c.diagnostics.filter((x) => x.severity === 'error' && c.evaluated)) {
      cases.push(`    <testcase classname="${xml(c.file)}" name="${xml(d.code)}"><error message="${xml(d.code)}">${xml(renderDiagnostic(d, lang))}</error></testcase>`);
    }
    for (const r of c.results) {
      const name = `${r.code}: ${r.subject}`;
      if (fails(r, strict)) {
        const text = renderDiagnostic(resultDiagnostic(c.file, r), lang);
        cases.push(`    <testcase classname="${xml(c.file)}" name="${xml(name)}"><failure message="${xml(`attendu ${r.expected}, obtenu ${r.actual}`)}" type="${xml(r.code)}">${xml(text)}</failure></testcase>`);
      } else cases.push(`    <testcase classname="${xml(c.file)}" name="${xml(name)}"/>`);
    }
    const failures = c.results.filter((r) => fails(r, strict)).length;
    const errors = c.evaluated ? c.diagnostics.filter((d) => d.severity === 'error').length : 1;
    return `  <testsuite name="${xml(c.file)}" tests="${cases.length}" failures="${failures}" errors="${errors}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="equilibre check">\n${suites.join('\n')}\n</testsuites>\n`;
}

extraCommands.push((program: Command, io: Io, setCode: (c: number) => void) => {
  program
    .command('check')
    .description('évaluer des fichiers et vérifier les règles intégrées et les assertions `checks:` (codes de sortie 0/1/2)')
    .argument('<files...>', 'fichiers ou motifs (fixtures/*.yaml, scenarios/**/*.yaml)')
    .addOption(new Option('-f, --format <format>', 'format de sortie').choices(['text', 'json']).default('text'))
    .addOption(new Option('--lang <lang>', 'langue').choices(['fr', 'en']).default('fr'))
    .option('--junit <file>', 'écrire aussi un rapport JUnit XML (un cas par fichier × vérification)')
    .option('--strict', 'les avertissements font aussi échouer')
    .option('--only <codes>', 'ne lancer que ces vérifications (codes, séparés par des virgules; ASSERTION = les assertions du fichier)', collect, [] as string[])
    .option('--skip <codes>', 'ne pas lancer ces vérifications', collect, [] as string[])
    .option('--set <path=value>', 'remplacer une valeur dans chaque fichier (répétable)', (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option('-q, --quiet', 'ne pas afficher la ligne par fichier')
    .option('-j, --jobs <n>', 'vérifier les fichiers sur n cœurs (auto: un par cœur); par défaut deux à partir de 200 fichiers')
    .option('-o, --output <file>', 'écrire dans ce fichier')
    .action(async (files: string[], opts: CheckOptions) => setCode(await runCheck(io, files, opts)));
});
