// A yaml source end to end: CITATION.cff checked, located, and bumped byte-exact with the rest.
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.js';
import { cleanupTempDirs, tempRepo } from '../helpers/repo.js';

afterAll(cleanupTempDirs);

const CFF = `cff-version: 1.2.0
message: "If you use this software, please cite it as below."
authors:
  - family-names: Druskat
    given-names: Stephan
title: "My Research Software"
version: 2.0.4 # keep in step
date-released: 2017-12-18
`;

describe('yaml sources', () => {
  it('reports a drifted CITATION.cff at its line and column, and bump rewrites only the version', () => {
    const repo = tempRepo({
      'pyproject.toml': '[project]\nname = "demo"\nversion = "2.0.4"\n',
      'CITATION.cff': CFF.replace('2.0.4', '2.0.3'),
      '.heimdallrc.json': JSON.stringify({
        sources: [
          { file: 'pyproject.toml', type: 'toml', primary: true },
          { file: 'CITATION.cff', type: 'yaml' },
        ],
      }),
    });
    const res = run(['check'], repo.dir);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('CITATION.cff:7:10  error  version is 2.0.3 but pyproject.toml says 2.0.4  version-mismatch');
    repo.write('CITATION.cff', CFF).commit();
    expect(run(['bump', 'minor'], repo.dir).code).toBe(0);
    expect(repo.read('CITATION.cff')).toBe(CFF.replace('version: 2.0.4', 'version: 2.1.0'));
  });

  it('locates a YAML syntax error', () => {
    const repo = tempRepo({
      'pyproject.toml': '[project]\nname = "demo"\nversion = "2.0.4"\n',
      'CITATION.cff': 'version: [2.0.4\n',
      '.heimdallrc.json': JSON.stringify({
        sources: [
          { file: 'pyproject.toml', type: 'toml' },
          { file: 'CITATION.cff', type: 'yaml' },
        ],
      }),
    });
    const out = JSON.parse(run(['check', '--format', 'json'], repo.dir).stdout);
    expect(out.diagnostics[0]).toMatchObject({ rule: 'source-missing', file: 'CITATION.cff', line: expect.any(Number) });
    expect(out.diagnostics[0].message).toMatch(/^invalid YAML: /);
  });
});
