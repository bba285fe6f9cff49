// A configuration written as code, named with --config, that throws something that is no Error, or
// throws while its values are read: a configuration error (exit 2, located), never "unexpected error".
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.js';
import { cleanupTempDirs, layoutRepo } from '../helpers/repo.js';

afterAll(cleanupTempDirs);

const BODIES = [
  'throw null',
  'throw undefined',
  'module.exports = { get sources() { throw new Error("boom") } }',
  'module.exports = { get tags() { throw null } }',
];

describe('a named configuration written as code that throws', () => {
  for (const body of BODIES) {
    it(`${body}: exit 2 naming the file`, () => {
      const repo = layoutRepo('0.2.0').write('conf.cjs', `${body}\n`);
      const res = run(['check', '--config', 'conf.cjs'], repo.dir);
      expect(res.stderr).toMatch(/^heimdall-version: conf\.cjs: the configuration failed to load: /);
      expect(res.stderr).not.toContain('unexpected');
      expect(res.code).toBe(2);
    });
  }
});
