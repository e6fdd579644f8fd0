/**
 * `equilibre check FILE|GLOB…`: evaluate each file, run the built-in checks and the file's own
 * assertions. Exit 0 all passed · 1 a check failed (errors; warnings too with --strict) ·
 * 2 a file could not be evaluated (it is reported, the others still run; 2 wins).
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import { diag, type Diagnostic, type Span } from '../../domain/diagnostic';
import { assertionMismatch, BUILTIN_CHECKS, RULE_WARNING_CODES, evalAssertion, parseAssertion, resultArgs, suggestMetric, type CheckResult } from '../../checks/checks';
import { spanOf } from '../../load/load';
import { addSensitivityMetrics } from '../../report/sensitivity';
import { addRiskMetrics } from '../../risk/run';
import { renderDiagnostic, diagnosticJson } from '../../report/diagnostics';
import { toJsonText } from '../../report/json';
import type { Lang } from '../../report/format';
import { JSON_SCHEMA_VERSION, TOOL_NAME, TOOL_VERSION } from '../../version';
import { EXIT_ERROR, EXIT_FAILED, EXIT_OK, type Io } from '../io';
import { emit, openSink } from '../common';
import { langOption, outputWidth, widthOption } from '../help';
import { wrapLines } from '../../report/render';
import { runFile } from '../load-file';
import { expandGlob, hasMagic } from '../glob';
import { extraCommands } from './registry';
import { streamShares, workerCount } from '../parallel';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDec } from '../../domain/money';
import { failureDiagnostic, isContainable } from '../contain';
import { checkJobs, checkValues, usageError } from '../options';
import { refuseOutputOverInput, type OutputWriter } from '../output';
import { JUNIT_HEAD, JUNIT_TAIL, junitSuite } from '../junit';

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
  width?: number;
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
      const spanAt = () => spanOf(run.load.source, ['checks', i]);
      const a = parseAssertion(input, i);
      if ('error' in a) { const span = spanAt(); fileDiags.push({ ...diag('ASSERTION_SYNTAX', 'error', ['checks', i], { detail: a.error, text: typeof input === 'string' ? input : JSON.stringify(input) }), file, ...(span ? { span } : {}) }); return; }
      if (a.metric.startsWith('sensitivity.')) addSensitivityMetrics(ev, a.metric !== 'sensitivity.max_construction_inflation_pct');
      if (a.metric.startsWith('risk.')) addRiskMetrics(ev);
      const m = ev.metrics.get(a.metric);
      if (!m) {
        const span = spanAt();
        const s = suggestMetric(a.metric, ev.metrics);
        fileDiags.push({ ...diag('UNKNOWN_METRIC', 'error', ['checks', i], { metric: a.metric, ...(s ? { suggestion: s } : {}) }), file, ...(span ? { span } : {}) });
        return;
      }
      const mismatch = assertionMismatch(a, m);
      if (mismatch) { const span = spanAt(); fileDiags.push({ ...diag('ASSERTION_SYNTAX', 'error', ['checks', i], { detail: mismatch, text: a.text }), file, ...(span ? { span } : {}) }); return; }
      const r = evalAssertion(a, m);
      // A passed assertion's position is printed only by --format json: looked up when read (a
      // file read by fast-yaml.ts is parsed again by the yaml package only to give positions).
      if (!r.passed) { const span = spanAt(); results.push(span ? { ...r, span } : r); return; }
      let at: Span | undefined | null = null;
      results.push(Object.defineProperty({ ...r }, 'span', { get: () => (at === null ? (at = spanAt()) : at), enumerable: true }));
    });
  }
  // Evaluation warnings that no built-in check already reports (the rules' table says which).
  const evalDiags = ev.diagnostics.filter((d) => !RULE_WARNING_CODES.has(d.code));
  const diagnostics = [...fileDiags, ...evalDiags];
  // The text is kept only to show source lines: not for a file with nothing to show (many files, little memory).
  const show = diagnostics.length > 0 || results.some((r) => !r.passed);
  return { file, evaluated: true, results, diagnostics, parameters: { year: ev.model.paramYear, vintage: ev.model.vintage }, ...(show && run.text !== undefined ? { text: run.text } : {}) };
}

/** A failed result as a standard diagnostic (file:line:col, the line with a caret, expected/actual/difference). */
export function resultDiagnostic(file: string, r: CheckResult): Diagnostic {
  return {
    code: r.code, severity: r.severity, path: r.path, file, ...(r.span ? { span: r.span } : {}),
    args: resultArgs(r),
  };
}

function fails(r: CheckResult, strict: boolean): boolean {
  return !r.passed && (r.severity === 'error' || strict);
}

/** What `check` renders per file: worked out where the file is checked (a worker, or this thread). */
export interface RenderOptions {
  only: string[];
  skip: string[];
  set: string[];
  lang: Lang;
  strict: boolean;
  quiet: boolean;
  format: 'text' | 'json';
  junit: boolean;
}

/**
 * A checked file, reduced to what the run still needs: its counts and its rendered pieces. The
 * results and the source text are dropped once rendered, so that memory stays flat in the
 * number of files (docs/performance.md).
 */
export interface FileSummary {
  evaluated: boolean;
  passed: number;
  failed: number;
  /** Diagnostics of severity error (the run exits 2). */
  errors: number;
  /** Text format: its part of standard output (failed checks, warnings, the per-file line) and of standard error. */
  out: string;
  err: string;
  /** JSON format: the file's entry of `files[]`, as JSON text. */
  json: string;
  /** With --junit: the file's <testsuite>. */
  junit: string;
}

export function summarize(c: FileCheck, o: RenderOptions): FileSummary {
  const strict = o.strict, fr = o.lang === 'fr';
  const passed = c.results.filter((r) => !fails(r, strict)).length;
  const failed = c.results.length - passed;
  const errors = c.diagnostics.filter((d) => d.severity === 'error').length;
  let out = '', err = '', json = '';
  if (o.format === 'json') {
    json = JSON.stringify({
      file: c.file, evaluated: c.evaluated, parameters: c.parameters ?? null, passed, failed,
      results: c.results.map((r) => ({ code: r.code, kind: r.kind, subject: r.subject, status: r.passed ? 'pass' : 'fail', severity: r.severity, expected: r.expected, actual: r.actual, difference: r.difference, note: r.note ?? null, line: r.span?.line ?? null, col: r.span?.col ?? null })),
      diagnostics: c.diagnostics.map((d) => diagnosticJson(d, o.lang)),
    }, (_k, v: unknown) => (isDec(v) ? v.toNumber() : v), 2);
  } else {
    // stdout: the results (failed checks, warnings, one line per file), also with -o;
    // stderr: what kept a file from being evaluated or checked (exit 2), rendered as `report` does.
    for (const d of c.diagnostics) {
      const t = renderDiagnostic(d, o.lang, c.text) + '\n\n';
      if (d.severity === 'error') err += t; else out += t;
    }
    if (errors > 0) {
      err += c.evaluated
        ? (fr ? `${c.file}: ${errors} erreur(s): les vérifications du fichier n'ont pas toutes pu être faites.\n` : `${c.file}: ${errors} error(s): not every check of the file could be run.\n`)
        : (fr ? `${c.file}: ${errors} erreur(s): le fichier n'a pas pu être évalué.\n` : `${c.file}: ${errors} error(s): the file could not be evaluated.\n`);
    }
    for (const r of c.results) {
      if (r.passed) continue;
      const d = resultDiagnostic(c.file, r);
      if (!fails(r, strict)) d.severity = 'warning';
      out += renderDiagnostic(d, o.lang, c.text) + '\n\n';
    }
    if (!o.quiet) {
      const vintage = c.parameters ? ` (${fr ? 'paramètres' : 'parameters'} ${c.parameters.vintage})` : '';
      out += c.evaluated ? `${c.file}: ${passed} ${fr ? 'réussi(s)' : 'passed'}, ${failed} ${fr ? 'échoué(s)' : 'failed'}${vintage}\n` : `${c.file}: ${fr ? 'non évalué' : 'not evaluated'}\n`;
    }
  }
  const junit = o.junit ? junitSuite(c, strict, o.lang, resultDiagnostic) : '';
  return { evaluated: c.evaluated, passed, failed, errors, out, err, json, junit };
}

/**
 * Check and render one file; any failure while doing so (a defect on a case the engine does not
 * handle) becomes the file's EVALUATION_FAILED diagnostic, and the other files go on.
 */
export function checkAndSummarize(io: Io, file: string, o: RenderOptions): FileSummary {
  try {
    return summarize(checkOne(io, file, o), o);
  } catch (e) {
    if (!isContainable(e)) throw e;
    return summarize({ file, evaluated: false, results: [], diagnostics: [failureDiagnostic(io, file, e)] }, o);
  }
}

/** The codes `--only` and `--skip` accept: the built-in checks and ASSERTION (the file's own). */
export function checkCodes(): string[] {
  return [...BUILTIN_CHECKS.map((c) => c.code), 'ASSERTION'];
}

/**
 * The files to check, in the order given, each once (same real path), and the patterns that
 * matched nothing. A path that exists is taken literally, even with `*`, `?` or `[` in its name;
 * otherwise a pattern with those is expanded (glob.ts); a plain path that does not exist is kept,
 * to be reported as FILE_NOT_FOUND.
 */
export function resolveInputs(io: Io, patterns: readonly string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  const add = (f: string) => {
    const abs = path.resolve(io.cwd, f);
    let key = abs;
    try { key = fs.realpathSync(abs); } catch { /* not on disk: its path */ }
    if (seen.has(key)) return;
    seen.add(key);
    files.push(f);
  };
  for (const p of patterns) {
    if (hasMagic(p) && !io.exists(p)) {
      const got = expandGlob(p, io.cwd);
      if (got.length === 0) missing.push(p);
      got.forEach(add);
    } else add(p);
  }
  return { files, missing };
}

/**
 * The last line of the text output: `N passed, N failed`, and `, N not evaluated` when files could
 * not be evaluated. In English whatever --lang: CI tools and scripts read it (README, docs/json.md).
 */
export function lastLine(passed: number, failed: number, notEvaluated: number): string {
  return `${passed} passed, ${failed} failed${notEvaluated > 0 ? `, ${notEvaluated} not evaluated` : ''}\n`;
}

export async function runCheck(io: Io, patterns: string[], opts: CheckOptions): Promise<number> {
  const codes = checkCodes();
  if (!checkValues(io, opts.lang, 'check', '--only', opts.only, codes) || !checkValues(io, opts.lang, 'check', '--skip', opts.skip, codes) || !checkJobs(io, opts.lang, 'check', opts.jobs)) return EXIT_ERROR;
  if (opts.output && opts.junit && path.resolve(io.cwd, opts.output) === path.resolve(io.cwd, opts.junit)) {
    usageError(io, opts.lang, 'check', opts.lang === 'fr' ? `-o et --junit désignent le même fichier (${opts.output}): l'un écraserait l'autre` : `-o and --junit name the same file (${opts.output}): one would overwrite the other`);
    return EXIT_ERROR;
  }
  const { files, missing } = resolveInputs(io, patterns);
  refuseOutputOverInput(io.cwd, files, [['-o', opts.output], ['--junit', opts.junit]]);
  const strict = Boolean(opts.strict);
  const ro: RenderOptions = { only: opts.only, skip: opts.skip, set: opts.set, lang: opts.lang, strict, quiet: Boolean(opts.quiet), format: opts.format, junit: Boolean(opts.junit) };

  // text lines within --width (the last line is short: it stays as it is)
  const width = outputWidth(opts, io.stdoutColumns);
  const fit = (text: string) => (opts.format === 'text' ? wrapLines(text.replace(/\n$/, '').split('\n'), width).join('\n') + '\n' : text);
  let passed = 0, failed = 0, notEvaluated = 0;
  let broken = missing.length > 0;
  const json: string[] = [];
  let junitOut: OutputWriter | undefined, out: OutputWriter | undefined;
  try {
    // Opened before any work (an output that cannot be written is said at once); both are
    // published at the end, or removed if anything fails (including opening the second).
    junitOut = opts.junit ? openSink(io, opts.junit) : undefined;
    out = opts.format === 'text' ? openSink(io, opts.output) : undefined;
    junitOut?.write(JUNIT_HEAD);
    if (opts.format === 'text') for (const p of missing) io.stderr(fit(renderDiagnostic(diag('NO_FILE_MATCHES', 'error', [], { pattern: p }), opts.lang) + '\n\n'));
    // Many files: one share per core (see parallel.ts); each file is passed on in order, and dropped.
    await streamShares(files, workerCount(files.length, io.env, opts.jobs), ro, io, (f) => checkAndSummarize(io, f, ro), (s) => {
      passed += s.passed;
      failed += s.failed;
      if (!s.evaluated) notEvaluated++;
      if (!s.evaluated || s.errors > 0) broken = true;
      if (s.err) io.stderr(fit(s.err));
      if (s.out) out?.write(fit(s.out));
      if (s.json) json.push(s.json);
      if (s.junit) junitOut?.write(s.junit);
    });
    const code = broken ? EXIT_ERROR : failed > 0 ? EXIT_FAILED : EXIT_OK;
    if (junitOut) { junitOut.write(JUNIT_TAIL); junitOut.commit(); }
    if (opts.format === 'json') {
      const head = toJsonText({
        schema_version: JSON_SCHEMA_VERSION, tool: { name: TOOL_NAME, version: TOOL_VERSION }, passed, failed, not_evaluated: notEvaluated, exit_code: code,
        unmatched_patterns: missing,
      }).replace(/\n\}\n$/, '');
      const body = json.length === 0 ? '[]' : `[\n${json.map((j) => j.replace(/^/gm, '    ')).join(',\n')}\n  ]`;
      emit(io, opts, `${head},\n  "files": ${body}\n}\n`);
      return code;
    }
    out!.write(lastLine(passed, failed, notEvaluated));
    out!.commit();
    return code;
  } catch (e) {
    junitOut?.abort();
    out?.abort();
    throw e;
  }
}

extraCommands.push((program: Command, io: Io, setCode: (c: number) => void) => {
  program
    .command('check')
    .description('évaluer des fichiers et vérifier les règles intégrées et les assertions `checks:` (codes de sortie 0/1/2)')
    .argument('<files...>', 'fichiers ou motifs (fixtures/*.yaml, scenarios/**/*.yaml)')
    .addOption(new Option('-f, --format <format>', 'format de sortie').choices(['text', 'json']).default('text'))
    .addOption(langOption())
    .option('--junit <file>', 'écrire aussi un rapport JUnit XML (un cas par fichier × vérification)')
    .option('--strict', 'les avertissements font aussi échouer')
    .option('--only <codes>', 'ne lancer que ces vérifications (codes, séparés par des virgules; ASSERTION = les assertions du fichier)', collect, [] as string[])
    .option('--skip <codes>', 'ne pas lancer ces vérifications', collect, [] as string[])
    .option('--set <path=value>', 'remplacer une valeur dans chaque fichier (répétable)', (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option('-q, --quiet', 'ne pas afficher la ligne par fichier')
    .option('-j, --jobs <n>', 'vérifier les fichiers sur n cœurs (auto: un par cœur); par défaut deux à partir de 200 fichiers')
    .option('-o, --output <file>', 'écrire dans ce fichier')
    .addOption(widthOption())
    .action(async (files: string[], opts: CheckOptions) => setCode(await runCheck(io, files, opts)));
});
