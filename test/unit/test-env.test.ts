// The skip helper every test goes through: a missing tool skips loudly on a developer's machine and
// fails the run under CI (HEIMDALL_TEST_ALL=1), so CI can never pass by skipping.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { needs } from '../helpers/env.js';

describe('needs()', () => {
  const saved = process.env.HEIMDALL_TEST_ALL;
  afterEach(() => {
    if (saved === undefined) delete process.env.HEIMDALL_TEST_ALL;
    else process.env.HEIMDALL_TEST_ALL = saved;
    vi.restoreAllMocks();
  });

  it('lets a test run when the tool is there, and says nothing', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    process.env.HEIMDALL_TEST_ALL = '1';
    expect(needs(true, 'the tool tests', 'apt-get install tool')).toBe(true);
    expect(warn).not.toHaveBeenCalled();
  });

  it('skips loudly, naming what to install, outside CI', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    delete process.env.HEIMDALL_TEST_ALL;
    expect(needs(false, 'the tool tests', 'apt-get install tool')).toBe(false);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('SKIPPED the tool tests: apt-get install tool'));
  });

  it('fails under CI (HEIMDALL_TEST_ALL=1) instead of skipping', () => {
    process.env.HEIMDALL_TEST_ALL = '1';
    expect(() => needs(false, 'the tool tests', 'apt-get install tool')).toThrow(
      'SKIPPED the tool tests: apt-get install tool (HEIMDALL_TEST_ALL=1: nothing may be skipped)',
    );
  });
});
