/** `check --jobs`: the files shared between worker threads give exactly the sequential output. */
import { describe, expect, it } from 'vitest';
import { ensureBuilt, runBin } from './helpers/cli';

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
