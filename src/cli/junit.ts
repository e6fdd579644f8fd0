/**
 * `check --junit`: one <testsuite> per file, one <testcase> per check. Written piece by piece
 * (head, one suite per file, tail) so that `check` keeps nothing per file (docs/performance.md).
 *
 * A check that failed with severity error is a <failure type="CODE">. A check of severity warning
 * that failed is a <failure type="warning"> under --strict; otherwise a test case with a
 * <system-out> saying it failed as a warning (it does not fail the run, but it is never a plain
 * pass). A file that could not be evaluated is an <error>.
 */
import { renderDiagnostic } from '../report/diagnostics';
import { xmlEscape as attr, xmlText as text } from '../report/escape';
import type { Lang } from '../report/format';
import type { CheckResult } from '../checks/checks';
import type { Diagnostic } from '../domain/diagnostic';

export const JUNIT_HEAD = `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="equilibre check">\n`;
export const JUNIT_TAIL = `</testsuites>\n`;

export interface JunitFile {
  file: string;
  evaluated: boolean;
  results: CheckResult[];
  diagnostics: Diagnostic[];
}

export function junitSuite(c: JunitFile, strict: boolean, lang: Lang, resultDiagnostic: (file: string, r: CheckResult) => Diagnostic): string {
  const fr = lang === 'fr';
  const cases: string[] = [];
  const cls = attr(c.file);
  if (!c.evaluated) {
    const msg = c.diagnostics.map((d) => renderDiagnostic(d, lang)).join('\n\n');
    cases.push(`    <testcase classname="${cls}" name="evaluate"><error message="${attr(c.diagnostics[0]?.code ?? 'ERROR')}">${text(msg)}</error></testcase>`);
  }
  for (const d of c.diagnostics.filter((x) => x.severity === 'error' && c.evaluated)) {
    cases.push(`    <testcase classname="${cls}" name="${attr(d.code)}"><error message="${attr(d.code)}">${text(renderDiagnostic(d, lang))}</error></testcase>`);
  }
  let failures = 0;
  for (const r of c.results) {
    const name = attr(`${r.code}: ${r.subject}`);
    if (r.passed) { cases.push(`    <testcase classname="${cls}" name="${name}"/>`); continue; }
    const body = renderDiagnostic(resultDiagnostic(c.file, r), lang);
    const message = attr(fr ? `attendu ${r.expected}, obtenu ${r.actual}` : `expected ${r.expected}, actual ${r.actual}`);
    if (r.severity === 'error') {
      failures++;
      cases.push(`    <testcase classname="${cls}" name="${name}"><failure message="${message}" type="${attr(r.code)}">${text(body)}</failure></testcase>`);
    } else if (strict) {
      failures++;
      cases.push(`    <testcase classname="${cls}" name="${name}"><failure message="${message}" type="warning">${text(body)}</failure></testcase>`);
    } else {
      const note = fr ? 'échec de gravité avertissement (ne fait échouer qu’avec --strict)' : 'failed with severity warning (fails the run only with --strict)';
      cases.push(`    <testcase classname="${cls}" name="${name}"><system-out>${text(`${note}\n${body}`)}</system-out></testcase>`);
    }
  }
  const errors = c.evaluated ? c.diagnostics.filter((d) => d.severity === 'error').length : 1;
  return `  <testsuite name="${cls}" tests="${cases.length}" failures="${failures}" errors="${errors}">\n${cases.join('\n')}\n  </testsuite>\n`;
}
