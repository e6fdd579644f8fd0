/** The README's promises: its example file evaluates and passes its own checks; its commands exist. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli';

const readme = readFileSync('README.md', 'utf8');

describe('README', () => {
  it('the example operation passes its own checks', async () => {
    const yaml = /```yaml\n(format: equilibre\/v1[\s\S]*?)```/.exec(readme)![1]!;
    const r = await runCli(['check', 'readme.yaml'], { files: { 'readme.yaml': yaml } });
    expect(r.stdout + r.stderr).toMatch(/\d+ passed, 0 failed/);
    expect(r.code).toBe(0);
  });
  it('every command of the command table answers --help', async () => {
    for (const cmd of ['report', 'check', 'sensitivity', 'risk', 'compare', 'loan', 'params', 'schema', 'init']) {
      expect(readme).toContain(`equilibre ${cmd}`);
      const r = await runCli([cmd, '--help']);
      expect(r.code, cmd).toBe(0);
    }
  });
  it('states the test command CI runs', () => {
    expect(readme).toContain('npm test');
    expect(readFileSync('.ci/run', 'utf8')).toMatch(/npm ci\s*\nnpm test/);
  });
});
