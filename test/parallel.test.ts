/** `check --jobs`: the files shared between worker threads give exactly the sequential output. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_SHARES, PARALLEL_MIN_FILES, workerCount } from '../src/cli/parallel';
import { ROOT, ensureBuilt, runBin } from './helpers/cli';

describe('check --jobs', () => {
  it('two workers: same stdout, same stderr, same exit code as one', () => {
    ensureBuilt();
    const one = runBin(['check', 'fixtures/*.yaml', '--jobs', '1']);
    const two = runBin(['check', 'fixtures/*.yaml', '--jobs', '2']);
    expect(two.code).toBe(one.code);
    expect(two.stdout).toBe(one.stdout);
    expect(two.stderr).toBe(one.stderr);
    expect(one.stdout).toMatch(/^\d+ passed, 0 failed$/m);
  }, 60_000);
  it('JSON output is identical too, and a failing file still fails', () => {
    const args = ['check', 'fixtures/*.yaml', 'test/fixtures/diagnostics/ASSERTION.yaml', '--format', 'json'];
    const one = runBin([...args, '--jobs', '1']);
    const three = runBin([...args, '--jobs', '3']);
    expect(three.code).toBe(one.code);
    expect(JSON.parse(three.stdout)).toEqual(JSON.parse(one.stdout));
  }, 60_000);
});

describe('workers start whatever flags the parent was given', () => {
  it('a parent run with --input-type=module (as `node -e` with an import) still gets its workers', () => {
    ensureBuilt();
    const bin = path.join(ROOT, 'bin', 'equilibre.js');
    const probe = `process.argv = [process.argv[0], 'x', 'check', 'fixtures/*.yaml', '-q', '--jobs', '2']; await import(${JSON.stringify(pathToFileURL(bin).href)});`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.stderr).not.toContain('parallèle indisponible');
    expect(r.stdout).toMatch(/^\d+ passed, 0 failed$/m);
    expect(r.status).toBe(0);
  }, 60_000);
});

describe('check shares many files by default', () => {
  it('default: from PARALLEL_MIN_FILES files, one share per core up to DEFAULT_MAX_SHARES (memory); auto: up to 8; --jobs and EQUILIBRE_WORKERS win', () => {
    expect(workerCount(PARALLEL_MIN_FILES - 1, {}, undefined, 4)).toBe(1);
    expect(workerCount(PARALLEL_MIN_FILES, {}, undefined, 4)).toBe(2);
    expect(workerCount(1000, {}, undefined, 16)).toBe(DEFAULT_MAX_SHARES);
    expect(workerCount(1000, {}, undefined, 1)).toBe(1);
    expect(workerCount(PARALLEL_MIN_FILES - 1, {}, 'auto', 4)).toBe(1);
    expect(workerCount(1000, {}, 'auto', 4)).toBe(4);
    expect(workerCount(100_000, {}, 'auto', 64)).toBe(8);
    expect(workerCount(1000, {}, '1', 4)).toBe(1);
    expect(workerCount(10, {}, '3', 4)).toBe(3);
    expect(workerCount(1000, { EQUILIBRE_WORKERS: '1' }, undefined, 4)).toBe(1);
    expect(workerCount(1000, { EQUILIBRE_WORKERS: 'auto' }, undefined, 4)).toBe(4);
    expect(workerCount(1000, { EQUILIBRE_WORKERS: '1' }, 'auto', 4)).toBe(4);
  });

  it(`${PARALLEL_MIN_FILES} files without --jobs: the same output as --jobs 1`, () => {
    ensureBuilt();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'equilibre-many-'));
    try {
      const seeds = fs.readdirSync('fixtures').filter((f) => f.endsWith('.yaml'));
      for (let i = 0; i < PARALLEL_MIN_FILES; i++) fs.copyFileSync(path.join('fixtures', seeds[i % seeds.length]!), path.join(dir, `op-${String(i).padStart(3, '0')}.yaml`));
      fs.copyFileSync('test/fixtures/diagnostics/ASSERTION.yaml', path.join(dir, 'zz-failing.yaml'));
      fs.cpSync('fixtures/profils', path.join(dir, 'profils'), { recursive: true }); // the profiles the copies name
      const args = ['check', path.join(dir, '*.yaml')];
      const auto = runBin(args);
      const one = runBin([...args, '--jobs', '1']);
      expect(one.code).toBe(1);
      expect(auto.code).toBe(one.code);
      expect(auto.stdout).toBe(one.stdout);
      expect(one.stdout).toMatch(/^\d+ passed, 1 failed$/m);
      expect(one.stdout.match(/\(paramètres /g)).toHaveLength(PARALLEL_MIN_FILES + 1);
      expect(auto.stderr).toBe(one.stderr);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
