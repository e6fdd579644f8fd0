/**
 * The shape of src/: no import cycle, and the layers point one way — the engine computes, the
 * report words, the CLI drives. Concretely:
 *   (a) no cycle among the modules of src/ (a cycle is named, module by module);
 *   (b) nothing under src/engine/ imports from src/report/ or src/cli/;
 *   (c) nothing under src/report/ imports from src/cli/.
 *
 * The imports are read with a small parser rather than a dependency: every relative specifier of
 * `import … from './x'`, `import './x'`, `export … from './x'` and `import('./x')`, resolved to
 * `x.ts` or `x/index.ts` (a `.js` suffix is dropped). Package imports (`decimal.js`, `node:fs`) are
 * outside src/ and cannot close a cycle.
 *
 * Type-only imports (`import type`, `{ type X }`) count like the others. They vanish from the
 * JavaScript, but they still tie one module's meaning to another's: an engine whose types are
 * declared in the CLI cannot be read, moved or tested without the CLI, and a type cycle is the
 * sign that a shared notion has no home of its own. Giving that notion a module is always possible
 * (src/report/section.ts, src/engine/sensitivity-run.ts, src/cli/common.ts are such homes).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import { D } from '../src/domain/money';
import { COMPUTED_NEED_SOURCE } from '../src/engine/sensitivity';
import { sourceLabel } from '../src/report/words';

const ROOT = path.resolve(__dirname, '..');
const SRC = path.join(ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(ts|mts|cts)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** Comments removed (so that an example in a comment is not an import), strings and code kept. */
export function stripComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const n = text[i + 1];
    if (c === '/' && n === '/') { while (i < text.length && text[i] !== '\n') i++; continue; }
    if (c === '/' && n === '*') { const end = text.indexOf('*/', i + 2); i = end < 0 ? text.length : end + 2; out += ' '; continue; }
    if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== c) { if (text[j] === '\\') j++; j++; }
      out += text.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

/** The relative specifiers a module imports or re-exports, statically or dynamically. */
export function relativeSpecifiers(text: string): string[] {
  const code = stripComments(text);
  const specs: string[] = [];
  const staticRe = /(?:^|[;\n}])\s*(?:import|export)\s+(?:type\s+)?(?:[\w$*{}\s,]*?\s+from\s*)?(['"])(\.{1,2}\/[^'"]*)\1/g;
  const dynamicRe = /\bimport\s*\(\s*(['"])(\.{1,2}\/[^'"]*)\1\s*\)/g;
  for (const re of [staticRe, dynamicRe]) for (const m of code.matchAll(re)) specs.push(m[2]!);
  return specs;
}

function resolve(from: string, spec: string): string | null {
  const base = path.resolve(path.dirname(from), spec.replace(/\.js$/, ''));
  for (const c of [base, `${base}.ts`, path.join(base, 'index.ts')]) if (fs.existsSync(c) && fs.statSync(c).isFile()) return c;
  return null;
}

const rel = (f: string) => path.relative(ROOT, f).split(path.sep).join('/');

function importGraph(): { graph: Map<string, string[]>; unresolved: string[] } {
  const graph = new Map<string, string[]>();
  const unresolved: string[] = [];
  for (const f of sourceFiles(SRC).sort()) {
    const deps: string[] = [];
    for (const spec of relativeSpecifiers(fs.readFileSync(f, 'utf8'))) {
      const target = resolve(f, spec);
      if (target) { if (!deps.includes(rel(target))) deps.push(rel(target)); } else unresolved.push(`${rel(f)}: ${spec}`);
    }
    graph.set(rel(f), deps);
  }
  return { graph, unresolved };
}

/**
 * Strongly connected components of more than one module (or a module importing itself): each
 * with its modules and one concrete cycle through them (a shortest path from its first module back).
 */
export function cycles(graph: Map<string, string[]>): { cycle: string[]; modules: string[] }[] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next); low.set(v, next); next++;
    stack.push(v); onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) { visit(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)); } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const c: string[] = [];
      let w: string;
      do { w = stack.pop()!; onStack.delete(w); c.push(w); } while (w !== v);
      if (c.length > 1 || (graph.get(v) ?? []).includes(v)) components.push(c.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  // Name one concrete cycle per component: a shortest path back from its first module to itself.
  return components.map((c) => ({ cycle: oneCycle(c), modules: c }));
  function oneCycle(c: string[]): string[] {
    const inC = new Set(c);
    const start = c[0]!;
    const prev = new Map<string, string>();
    const queue = [start];
    const seen = new Set<string>();
    while (queue.length) {
      const v = queue.shift()!;
      for (const w of graph.get(v) ?? []) {
        if (!inC.has(w)) continue;
        if (w === start) {
          const pathBack = [v];
          while (pathBack[0] !== start) pathBack.unshift(prev.get(pathBack[0]!)!);
          return [...pathBack, start];
        }
        if (!seen.has(w)) { seen.add(w); prev.set(w, v); queue.push(w); }
      }
    }
    return [...c, start];
  }
}

const FORBIDDEN: { from: string; to: string[] }[] = [
  { from: 'src/engine/', to: ['src/report/', 'src/cli/'] },
  { from: 'src/report/', to: ['src/cli/'] },
];

describe('architecture of src/', () => {
  const { graph, unresolved } = importGraph();

  it('the parser sees the imports (guards the guard)', () => {
    expect(relativeSpecifiers(`import { a } from './a';\nimport type { B } from "../b";\nexport * from './c';\nimport './d';\nconst e = await import('./e');\nexport { f, type G } from './f.js';\n// import { x } from './commented';\n/* import './block'; */\nimport {\n  h,\n  type I,\n} from './h';`))
      .toEqual(['./a', '../b', './c', './d', './f.js', './h', './e']);
    expect(relativeSpecifiers(`import { Command } from 'commander';\nimport * as fs from 'node:fs';\nconst s = "import x from './not-code'";`)).toEqual([]);
    // The module graph is the real one: the CLI entry reaches the engine through the commands.
    expect(graph.size).toBeGreaterThan(50);
    expect(graph.get('src/cli/main.ts')).toContain('src/cli/commands/report.ts');
    expect(graph.get('src/report/document.ts')).toContain('src/engine/cost-price.ts');
  });

  it('every relative import resolves to a file of src/', () => {
    expect(unresolved).toEqual([]);
  });

  it('the cycle finder names a cycle (guards the guard)', () => {
    const g = new Map([['a', ['b']], ['b', ['c']], ['c', ['a', 'd']], ['d', []], ['e', ['e']]]);
    expect(cycles(g)).toEqual([{ cycle: ['a', 'b', 'c', 'a'], modules: ['a', 'b', 'c'] }, { cycle: ['e', 'e'], modules: ['e'] }]);
    expect(cycles(new Map([['a', ['b']], ['b', []]]))).toEqual([]);
  });

  it('has no import cycle', () => {
    const found = cycles(graph).map((c) => `${c.cycle.join(' → ')}  (${c.modules.length} modules in the knot: ${c.modules.join(', ')})`);
    expect(found, `import cycles:\n${found.join('\n')}`).toEqual([]);
  });

  it('imports only downwards: engine ↛ report, cli; report ↛ cli', () => {
    const wrong: string[] = [];
    for (const [from, deps] of graph) {
      for (const rule of FORBIDDEN) {
        if (!from.startsWith(rule.from)) continue;
        for (const d of deps) if (rule.to.some((t) => d.startsWith(t))) wrong.push(`${from} → ${d}`);
      }
    }
    expect(wrong, `imports against the layers:\n${wrong.join('\n')}`).toEqual([]);
  });
});

/**
 * (d) The engine holds facts, not prose: no string literal of src/engine/ (template pieces
 * included) is a French label or sentence. A literal is French when it has a French letter
 * (é, è, à, ç, œ…) or one of the small words a French label cannot do without (de, des, du, le,
 * la, les, et, au, par, pour, avec…, lower case) or a word of the domain's vocabulary (montant,
 * logements, travaux, prêt, fichier, mois, année, loyer, subvention…). The messages of internal
 * errors (`new Error(…)`, English, never shown as output) are not looked at. Parsed with the
 * TypeScript compiler, so comments are not literals.
 *
 * (The financing plan's lines are named by report/words.ts: sourceLabel, loanLabel.)
 * What is left is listed below, literal by literal, with where the words should go; an entry no
 * longer found fails too, so that the list only shrinks.
 */
const FRENCH_LETTER = /[À-ÖØ-öø-ÿŒœ]/;
const FRENCH_WORD = /\b(de|des|du|le|la|les|et|au|aux|par|pour|avec|sur|sans|une?|montant|logements?|travaux|prêts?|fichier|mois|ans|année|taux|loyers?|réparti|donné|besoin|calculé|subventions?|fonds|propres|valeur|coût|vente|charge)\b/;

export function frenchLiterals(file: string, text: string): { line: number; text: string }[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: { line: number; text: string }[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isNewExpression(n) && /^(Error|RangeError|TypeError)$/.test(n.expression.getText(sf))) return;
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateHead(n) || ts.isTemplateMiddle(n) || ts.isTemplateTail(n)) {
      // × and ÷ are in the Latin-1 range but are operators, not letters
      const t = n.text.replace(/[×÷]/g, '');
      if (FRENCH_LETTER.test(t) || FRENCH_WORD.test(t)) found.push({ line: sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1, text: n.text });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

/** French literals still in the engine: `file: literal` → where its words belong. */
const KNOWN_FRENCH: Record<string, string> = {};

describe('the engine holds facts, not prose', () => {
  it("a goal seek's added subsidy is an id in the engine, named by report/words.ts as before", () => {
    expect(COMPUTED_NEED_SOURCE).not.toMatch(FRENCH_LETTER);
    expect(sourceLabel({ kind: 'subsidy', concept: 'subsidy', name: COMPUTED_NEED_SOURCE, amountEur: D(1) })).toBe('Besoin calculé (subvention ou fonds propres)');
    expect(sourceLabel({ kind: 'subsidy', concept: 'subsidy', name: 'Région', amountEur: D(1) })).toBe('Région');
  });

  it('the detector finds French and only French (guards the guard)', () => {
    const src = [
      `const a = 'Travaux de construction';`, `const b = \`\${x} € × \${y} logements\`;`, `const c = 'Aléas';`,
      `const d = 'construction.fees_pct'; const e = 'per_m2'; const f = \`loan_\${k}_\${id}\`;`,
      `throw new Error(\`missing scalar parameter \${key}\`);`, `// « montant donné » in a comment`, `const g = 'Livret A'; const h = 'LA₀ × 2';`,
    ].join('\n');
    expect(frenchLiterals('x.ts', src).map((l) => l.text)).toEqual(['Travaux de construction', ' logements', 'Aléas']);
  });

  it('src/engine has no French label or sentence beyond the known, shrinking list', () => {
    const found = new Map<string, string>();
    for (const f of sourceFiles(path.join(SRC, 'engine')).sort()) {
      for (const l of frenchLiterals(f, fs.readFileSync(f, 'utf8'))) found.set(`${rel(f)}: ${l.text}`, `${rel(f)}:${l.line}`);
    }
    const unknown = [...found.keys()].filter((k) => !(k in KNOWN_FRENCH)).map((k) => `${found.get(k)}: ${JSON.stringify(k.slice(k.indexOf(': ') + 2))}`);
    expect(unknown, `French in src/engine (words belong in src/report/words.ts):\n${unknown.join('\n')}`).toEqual([]);
    const stale = Object.keys(KNOWN_FRENCH).filter((k) => !found.has(k));
    expect(stale, 'entries of KNOWN_FRENCH no longer in src/engine: remove them').toEqual([]);
    // the cost lines and the levers, done: no labelFr/basisFr/labelEn/basisEn anywhere in the engine
    const fields = sourceFiles(path.join(SRC, 'engine')).filter((f) => /\b(labelFr|labelEn|basisFr|basisEn)\b/.test(fs.readFileSync(f, 'utf8'))).map(rel);
    expect(fields).toEqual([]);
  });
});
