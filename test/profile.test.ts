/**
 * The management profile (issue 17, first piece): a profile file's assumptions and parameters reach
 * the evaluation under the operation file's, key by key, through a chain of base profiles; each
 * value's origin is shown; problems of a profile are positioned in the profile file.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import Ajv from 'ajv';
import { parse as parseYaml } from 'yaml';
import { runText } from '../src/pipeline';
import { D } from '../src/domain/money';
import { profileJsonSchema } from '../src/schema/profile-json-schema';
import { reportJson } from '../src/report/json';
import { ROOT, runCli } from './helpers/cli';

const VALID = fs.readFileSync(path.join(ROOT, 'test/fixtures/diagnostics/_valid.yaml'), 'utf8');
const DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'equilibre-profile-'));
afterAll(() => fs.rmSync(DIR, { recursive: true, force: true }));

/** Write files under a fresh folder of DIR; returns the folder. */
let n = 0;
function files(spec: Record<string, string>): string {
  const dir = path.join(DIR, String(n++));
  for (const [f, text] of Object.entries(spec)) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), text);
  }
  return dir;
}
/** The valid operation naming `profile`, with `extra` appended (an `assumptions:` block…). */
const op = (profile: string | undefined, extra = '') => VALID.replace('format: equilibre/v1\n', `format: equilibre/v1\n${profile ? `profile: ${profile}\n` : ''}`) + extra;
function run(dir: string, file = 'op.yaml') {
  const p = path.join(dir, file);
  return runText(p, fs.readFileSync(p, 'utf8'));
}
const rows = (r: ReturnType<typeof run>) => r.evaluation!.rental!.total.rows;

describe('a profile reaches the evaluation', () => {
  it('a profile IRL revalues year-2 rents by exactly that rate (hand-worked: rent₂ = rent₁ × 1.03)', () => {
    const dir = files({
      'op.yaml': op('profils/p.yaml'),
      'profils/p.yaml': 'name: Bailleur test\nvintage: "2026"\nassumptions:\n  irl_pct: 3\n  vacancy_pct: 0\n  bad_debt_pct: 0\n',
    });
    const r = run(dir);
    expect(r.evaluated, JSON.stringify(r.diagnostics)).toBe(true);
    const [y1, y2, y3] = rows(r);
    expect(y2!.rentEur.toString()).toBe(y1!.rentEur.times(D('1.03')).toString());
    expect(y3!.rentEur.toString()).toBe(y1!.rentEur.times(D('1.03')).times(D('1.03')).toString());
    // and without the profile, the default IRL (1.8 %) applies: the profile did change the rents
    const plain = files({ 'op.yaml': op(undefined) });
    const [p1, p2] = rows(run(plain));
    expect(p1!.rentEur.toString()).toBe(y1!.rentEur.toString());
    expect(p2!.rentEur.toString()).toBe(p1!.rentEur.times(D('1.018')).toString());
  });

  it('the operation file wins key by key: same evaluation as the merged values written in the file', () => {
    const dir = files({
      'op.yaml': op('p.yaml', 'assumptions:\n  vacancy_pct: 1\n'),
      'p.yaml': 'name: Bailleur test\nassumptions:\n  irl_pct: 3\n  vacancy_pct: 5\n  tfpb_eur_per_dwelling: 400\nparameters:\n  livret_a.rate_pct: 2.4\n',
      'inline.yaml': op(undefined, 'assumptions:\n  irl_pct: 3\n  vacancy_pct: 1\n  tfpb_eur_per_dwelling: 400\nparameters:\n  livret_a.rate_pct: 2.4\n'),
    });
    const viaProfile = run(dir);
    const inline = run(dir, 'inline.yaml');
    expect(viaProfile.evaluated).toBe(true);
    // vacancy 1 % (the operation's), not 5 % (the profile's): losses of year 1 = 1 % of year-1 rents + bad debt
    const m = (r: typeof inline) => Object.fromEntries([...r.evaluation!.metrics].map(([k, v]) => [k, String(v.value)]));
    expect(m(viaProfile)).toEqual(m(inline));
    // the origins: profile for the profile's values, file for the operation's own
    const used = viaProfile.model!.used;
    expect(used.get('assumptions.irl_pct')).toMatchObject({ origin: 'profile', profile: 'Bailleur test', value: '3' });
    expect(used.get('assumptions.tfpb_eur_per_dwelling')).toMatchObject({ origin: 'profile', value: '400' });
    expect(used.get('assumptions.vacancy_pct')).toMatchObject({ origin: 'file', value: '1' });
    expect(used.get('livret_a.rate_pct')).toMatchObject({ origin: 'profile', value: '2.4' });
    // without a profile, the file's own assumptions are not listed (the output of every existing file is unchanged)
    expect(inline.model!.used.has('assumptions.irl_pct')).toBe(false);
    expect(inline.model!.used.get('livret_a.rate_pct')?.origin).toBe('file');
  });

  it('a chain: the profile over its base, key by key; an operation key of an « at most one of » pair drops the profile’s sibling', () => {
    const dir = files({
      'op.yaml': op('profils/her-2026.yaml', 'assumptions:\n  irl_pct: 2\n'),
      'profils/her-2026.yaml': 'name: HER\nvintage: 2026\nprofile: base/her-2025.yaml\nassumptions:\n  charges_indexation_pct: 2.5\n',
      'profils/base/her-2025.yaml': 'name: HER\nvintage: 2025\nassumptions:\n  charges_indexation_pct: 1\n  irl_path_pct: [1, 1.5]\n  management_eur_per_dwelling: 300\n',
    });
    const r = run(dir);
    expect(r.evaluated, JSON.stringify(r.diagnostics)).toBe(true);
    const used = r.model!.used;
    expect(used.get('assumptions.charges_indexation_pct')).toMatchObject({ origin: 'profile', profile: 'HER 2026', value: '2.5' });
    expect(used.get('assumptions.management_eur_per_dwelling')).toMatchObject({ origin: 'profile', profile: 'HER 2025', value: '300' });
    expect(used.get('assumptions.irl_pct')).toMatchObject({ origin: 'file', value: '2' });
    expect(used.has('assumptions.irl_path_pct')).toBe(false);
    const [y1, y2] = rows(r);
    expect(y2!.rentEur.toString()).toBe(y1!.rentEur.times(D('1.02')).toString());
    const json = reportJson(r.evaluation!, 'fr');
    expect(json.profile).toEqual({
      name: 'HER', vintage: '2026', label: 'HER 2026', file: path.join(dir, 'profils/her-2026.yaml'),
      chain: [{ name: 'HER', vintage: '2026', file: path.join(dir, 'profils/her-2026.yaml') }, { name: 'HER', vintage: '2025', file: path.join(dir, 'profils/base/her-2025.yaml') }],
    });
    // a file without a profile has no `profile` key (existing JSON unchanged)
    expect('profile' in reportJson(run(files({ 'op.yaml': op(undefined) })).evaluation!, 'fr')).toBe(false);
  });

  it('--set changes the merged value, and is the operation’s', () => {
    const dir = files({ 'op.yaml': op('p.yaml'), 'p.yaml': 'name: P\nassumptions:\n  irl_pct: 3\n' });
    const p = path.join(dir, 'op.yaml');
    const r = runText(p, fs.readFileSync(p, 'utf8'), [{ path: ['assumptions', 'irl_pct'], value: 4, expr: 'assumptions.irl_pct=4' }]);
    expect(r.model!.used.get('assumptions.irl_pct')).toMatchObject({ origin: 'file', value: '4' });
  });

  it('--set profile=… names another profile (read before the merge)', () => {
    const dir = files({ 'op.yaml': op('p.yaml'), 'p.yaml': 'name: P\nassumptions:\n  irl_pct: 3\n', 'q.yaml': 'name: Q\nassumptions:\n  irl_pct: 2.5\n' });
    const p = path.join(dir, 'op.yaml');
    const r = runText(p, fs.readFileSync(p, 'utf8'), [{ path: ['profile'], value: 'q.yaml', expr: 'profile=q.yaml' }]);
    expect(r.model!.used.get('assumptions.irl_pct')).toMatchObject({ origin: 'profile', profile: 'Q', value: '2.5' });
  });

  it('a profile value’s provenance names the profile: its parameters as overrides (paramOverrides), its assumptions in the resolved Livret A', () => {
    // the embedded 2026 rate is not 2.7 nor 2.9: the value used can only come from the profile or the --set
    const dir = files({ 'op.yaml': op('p.yaml'), 'p.yaml': 'name: P\nvintage: "2026"\nparameters:\n  livret_a.rate_pct: 2.7\n' });
    const p = path.join(dir, 'op.yaml');
    const r = runText(p, fs.readFileSync(p, 'utf8'));
    expect(r.model!.paramOverrides['livret_a.rate_pct']).toMatchObject({ origin: 'profile', profile: 'P 2026', path: 'parameters.livret_a.rate_pct' });
    expect(r.model!.livretA.la0From).toEqual({ origin: 'profile', profile: 'P 2026', path: 'parameters.livret_a.rate_pct', key: 'livret_a.rate_pct' });
    expect(r.model!.livretA.la0.toString()).toBe('0.027');
    // a rate given without a path is held flat, from the profile as from the file
    expect(r.model!.livretA.pathFrom).toBeNull();
    const u = r.model!.used.get('livret_a.rate_pct')!;
    expect(u).toMatchObject({ origin: 'profile', profile: 'P 2026', path: 'parameters.livret_a.rate_pct', value: '2.7' });
    const embedded = runText(p, op(undefined)).model!.params['livret_a.rate_pct']!.value;
    expect(['2.7', '2.9']).not.toContain(embedded);
    expect(u.embedded).toBe(embedded);
    // --set wins over the profile, and says so
    const set = runText(p, fs.readFileSync(p, 'utf8'), [{ path: ['parameters', 'livret_a.rate_pct'], value: 2.9, expr: 'parameters.livret_a.rate_pct=2.9' }]);
    expect(set.model!.paramOverrides['livret_a.rate_pct']).toMatchObject({ origin: 'override' });
    expect(set.model!.livretA.la0.toString()).toBe('0.029');
    // an `assumptions:` rate of the profile: the resolved LA₀ comes from the profile, at its input path
    const dir2 = files({ 'op.yaml': op('p.yaml'), 'p.yaml': 'name: P\nassumptions:\n  livret_a_pct: 2.7\n' });
    const r2 = run(dir2);
    expect(r2.model!.livretA.la0From).toEqual({ origin: 'profile', profile: 'P', path: 'assumptions.livret_a_pct' });
  });
});

describe('positioned errors of a profile', () => {
  const one = (r: ReturnType<typeof run>) => {
    expect(r.evaluated).toBe(false);
    return r.diagnostics.map((d) => ({ code: d.code, file: d.file, line: d.span?.line }));
  };

  it('a profile that includes itself through its chain: PROFILE_CYCLE at the profile: that leads back', () => {
    const dir = files({ 'op.yaml': op('a.yaml'), 'a.yaml': 'name: A\nprofile: b.yaml\n', 'b.yaml': 'name: B\n\nprofile: a.yaml\n' });
    expect(one(run(dir))).toEqual([{ code: 'PROFILE_CYCLE', file: path.join(dir, 'b.yaml'), line: 3 }]);
    const self = files({ 'op.yaml': op('a.yaml'), 'a.yaml': 'name: A\nprofile: ./a.yaml\n' });
    expect(one(run(self))).toEqual([{ code: 'PROFILE_CYCLE', file: path.join(self, 'a.yaml'), line: 2 }]);
  });

  it('a profile that cannot be read: missing, a folder, a FIFO, too large — PROFILE_NOT_READABLE at the operation’s profile:', () => {
    const dir = files({ 'op.yaml': op('absent.yaml'), 'dir.yaml': op('folder'), 'big.yaml': op('big-profile.yaml'), 'big-profile.yaml': 'name: B\n# ' + 'x'.repeat(10 * 1024 * 1024) + '\n' });
    fs.mkdirSync(path.join(dir, 'folder'));
    const reason = (r: ReturnType<typeof run>) => r.diagnostics.map((d) => [d.code, d.args.reason, d.file, d.span?.line]);
    expect(reason(run(dir))).toEqual([['PROFILE_NOT_READABLE', 'ENOENT', path.join(dir, 'op.yaml'), 3]]);
    expect(reason(run(dir, 'dir.yaml'))).toEqual([['PROFILE_NOT_READABLE', 'EISDIR', path.join(dir, 'dir.yaml'), 3]]);
    expect(reason(run(dir, 'big.yaml'))).toEqual([['PROFILE_NOT_READABLE', 'E2BIG', path.join(dir, 'big.yaml'), 3]]);
  });

  it.runIf(process.platform === 'linux')('a FIFO named as a profile is refused before it is opened (no hang)', async () => {
    const { execFileSync } = await import('node:child_process');
    const dir = files({ 'op.yaml': op('fifo.yaml') });
    execFileSync('mkfifo', [path.join(dir, 'fifo.yaml')]);
    expect(run(dir).diagnostics.map((d) => [d.code, d.args.reason])).toEqual([['PROFILE_NOT_READABLE', 'ENOTREG']]);
  });

  it('a key a profile may not hold, a wrong value, an unknown parameter: at the profile file’s line', () => {
    const dir = files({ 'op.yaml': op('p.yaml'), 'p.yaml': 'name: P\nlots: []\n' });
    expect(one(run(dir))).toEqual([{ code: 'PROFILE_KEY_NOT_ALLOWED', file: path.join(dir, 'p.yaml'), line: 2 }]);
    const bad = files({ 'op.yaml': op('p.yaml'), 'p.yaml': 'name: P\nassumptions:\n  irl_pct: abc\n' });
    expect(one(run(bad))).toEqual([{ code: 'WRONG_TYPE', file: path.join(bad, 'p.yaml'), line: 3 }]);
    const param = files({ 'op.yaml': op('p.yaml'), 'p.yaml': 'name: P\nparameters:\n  livret_a_rate_pct: 2\n' });
    expect(one(run(param))).toEqual([{ code: 'UNKNOWN_PARAMETER', file: path.join(param, 'p.yaml'), line: 3 }]);
  });

  it('the CLI shows a profile’s problem with the profile’s source line and exits 2', async () => {
    const dir = files({ 'op.yaml': op('p.yaml'), 'p.yaml': 'name: P\nassumptions:\n  vacancy_pct: 80\n' });
    const r = await runCli(['report', path.join(dir, 'op.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${path.join(dir, 'p.yaml')}:3:16`);
    expect(r.stderr).toMatch(/^ {2}3 \| {3}vacancy_pct: 80$/m);
  });
});

describe('commands', () => {
  it('profile show lists the values with the profile of the chain each comes from', async () => {
    const dir = files({
      'her-2026.yaml': 'name: HER\nvintage: 2026\nprofile: her-2025.yaml\nassumptions:\n  irl_pct: 1.1\n',
      'her-2025.yaml': 'name: HER\nvintage: 2025\nassumptions:\n  irl_pct: 3.5\n  vacancy_pct: 0.5\nparameters:\n  livret_a.rate_pct: 2.4\n',
    });
    const r = await runCli(['profile', 'show', path.join(dir, 'her-2026.yaml'), '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.profile.label).toBe('HER 2026');
    expect(j.values).toEqual({
      'assumptions.irl_pct': { value: 1.1, profile: 'HER 2026', file: path.join(dir, 'her-2026.yaml') },
      'assumptions.vacancy_pct': { value: 0.5, profile: 'HER 2025', file: path.join(dir, 'her-2025.yaml') },
      'parameters.livret_a.rate_pct': { value: 2.4, profile: 'HER 2025', file: path.join(dir, 'her-2025.yaml') },
    });
    const text = await runCli(['profile', 'show', path.join(dir, 'her-2026.yaml'), '--width', '200']);
    expect(text.stdout).toMatch(/assumptions\.vacancy_pct +│ +0\.5 │ profil HER 2025 \(her-2025\.yaml\)/);
    const missing = await runCli(['profile', 'show', path.join(dir, 'none.yaml')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('[PROFILE_NOT_READABLE]');
  });

  it('init --profile writes an operation file that names the profile (relative path) and runs with it', async () => {
    const r = await runCli(['init', 'test/fixtures/op.yaml', '--profile', 'fixtures/profils/bailleur-2026.yaml']);
    expect(r.code, r.stderr).toBe(0);
    const text = r.written['test/fixtures/op.yaml']!;
    expect(text).toMatch(/^format: equilibre\/v1\nprofile: "\.\.\/\.\.\/fixtures\/profils\/bailleur-2026\.yaml" /m);
    const dir = files({ 'profils/p.yaml': 'name: P\nassumptions:\n  irl_pct: 3\n' });
    const w = await runCli(['init', path.join(dir, 'op.yaml'), '--profile', path.join(dir, 'profils/p.yaml')]);
    fs.writeFileSync(path.join(dir, 'op.yaml'), w.written[path.join(dir, 'op.yaml')]!);
    const ran = run(dir);
    expect(ran.evaluated).toBe(true);
    expect(ran.model!.used.get('assumptions.irl_pct')).toMatchObject({ origin: 'profile', value: '3' });
    // with --example sccv: the SCCV template, naming the profile
    const sccv = await runCli(['init', path.join(dir, 'sccv.yaml'), '--example', 'sccv', '--profile', path.join(dir, 'profils/p.yaml')]);
    expect(sccv.code, sccv.stderr).toBe(0);
    const sccvText = sccv.written[path.join(dir, 'sccv.yaml')]!;
    expect(sccvText).toMatch(/^format: equilibre\/v1\nprofile: "profils\/p\.yaml" /m);
    expect(sccvText).toContain('kind: sccv');
    fs.writeFileSync(path.join(dir, 'sccv.yaml'), sccvText);
    const ranSccv = run(dir, 'sccv.yaml');
    expect(ranSccv.evaluated).toBe(true);
    expect(ranSccv.model!.used.get('assumptions.irl_pct')).toMatchObject({ origin: 'profile', profile: 'P', value: '3' });
    const bad = await runCli(['init', '--profile', path.join(dir, 'none.yaml')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('[PROFILE_NOT_READABLE]');
  });

  it('schema --profile: the fixture profile validates, a profile with lots: does not', async () => {
    const r = await runCli(['schema', '--profile']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(JSON.stringify(profileJsonSchema())));
    const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
    const validate = ajv.compile(JSON.parse(r.stdout));
    const fixture = parseYaml(fs.readFileSync(path.join(ROOT, 'fixtures/profils/bailleur-2026.yaml'), 'utf8'));
    expect(validate(fixture), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...fixture, lots: [] })).toBe(false);
    expect(validate({ vintage: '2026' })).toBe(false);
  });
});

describe('the fixture and its profile', () => {
  it('voisins-du-quai-profil differs from voisins-du-quai only by the profile: its values reach the account', () => {
    const read = (f: string) => runText(f, fs.readFileSync(path.join(ROOT, f), 'utf8'));
    const withP = read('fixtures/voisins-du-quai-profil.yaml');
    const without = read('fixtures/voisins-du-quai.yaml');
    expect(withP.evaluated).toBe(true);
    // cost price and financing: the profile holds only operating assumptions (same figures)
    const ttc = (r: typeof withP) => String(r.evaluation!.metrics.get('cost_price.total_ttc_eur')?.value);
    expect(ttc(withP)).not.toBe('undefined');
    expect(ttc(withP)).toBe(ttc(without));
    // year-2 rents: the profile's IRL path starts at 1.0 % (the default is 1.8 %)
    const [a1, a2] = withP.evaluation!.rental!.total.rows;
    expect(a2!.rentEur.toString()).toBe(a1!.rentEur.times(D('1.01')).toString());
    // TFPB after the exemption: 345 €/dwelling (the profile), 3 rental dwellings, indexed at 1.8 %/yr from year 1
    const rowsP = withP.evaluation!.rental!.total.rows;
    const first = rowsP.findIndex((r) => !r.tfpbEur.isZero());
    expect(first).toBeGreaterThan(0);
    expect(rowsP[first]!.tfpbEur.toDecimalPlaces(6).toString()).toBe(D(345).times(3).times(D('1.018').pow(first)).toDecimalPlaces(6).toString());
  });
});
