// check --format sarif: a SARIF 2.1.0 log that the official schema accepts, for GitHub code scanning.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT, run } from '../helpers/cli.js';
import { cleanupTempDirs, exampleRepo, layoutRepo, pyproject, tempRepo, versionPy, VPY } from '../helpers/repo.js';

afterAll(cleanupTempDirs);
// The SARIF schema, vendored as test data (its source: test/fixtures/README.md).
const schema = JSON.parse(readFileSync(path.join(PROJECT, 'test/fixtures/sarif-schema-2.1.0.json'), 'utf8'));
// ajv-draft-04 is CommonJS whose module.exports is the class: required, so that both tsc and vitest see the same value.
const Ajv = createRequire(import.meta.url)('ajv-draft-04') as typeof import('ajv-draft-04').default;
const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false }).compile(schema);

describe('check --format sarif', () => {
  it('reports the drift as a valid SARIF 2.1.0 log with located results', () => {
    const repo = exampleRepo('heimdall-mcp-drifted').commit();
    const res = run(['check', '--format', 'sarif'], repo.dir);
    expect(res.code).toBe(1);
    const log = JSON.parse(res.stdout);
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(log.version).toBe('2.1.0');
    const [runOf] = log.runs;
    expect(runOf.tool.driver.name).toBe('heimdall-version');
    const ids = runOf.tool.driver.rules.map((r: { id: string }) => r.id);
    expect(ids).toEqual(expect.arrayContaining(['runtime-lookup', 'version-mismatch', 'tag-ahead']));
    expect(runOf.results).toEqual([
      expect.objectContaining({
        ruleId: 'runtime-lookup',
        ruleIndex: ids.indexOf('runtime-lookup'),
        level: 'error',
        locations: [{ physicalLocation: { artifactLocation: { uri: VPY, uriBaseId: 'PROJECTROOT' }, region: { startLine: 6, startColumn: 31 } } }],
      }),
      expect.objectContaining({ ruleId: 'version-mismatch', level: 'error', message: { text: 'SYSTEM_VERSION is 0.1.0 but pyproject.toml says 0.2.0' } }),
    ]);
  });

  it('an agreeing project is a valid log without results; a warning is level "warning"', () => {
    const ok = run(['check', '--format', 'sarif'], layoutRepo('1.0.0').commit().dir);
    expect(ok.code).toBe(0);
    expect(validate(JSON.parse(ok.stdout))).toBe(true);
    expect(JSON.parse(ok.stdout).runs[0].results).toEqual([]);
    // Outside git the tag rules are skipped with a warning about the project as a whole: it points at the primary source.
    const outside = run(['check', '--format', 'sarif'], tempRepo({ 'pyproject.toml': pyproject('1.0.0'), [VPY]: versionPy('1.0.0') }, false).dir);
    const log = JSON.parse(outside.stdout);
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(log.runs[0].results).toEqual([
      expect.objectContaining({
        level: 'warning',
        locations: [{ physicalLocation: { artifactLocation: { uri: 'pyproject.toml', uriBaseId: 'PROJECTROOT' } } }],
      }),
    ]);
  });

  it('the schema check can fail: a log without a version is rejected', () => {
    const log = JSON.parse(run(['check', '--format', 'sarif'], layoutRepo('1.0.0').commit().dir).stdout);
    delete log.version;
    expect(validate(log)).toBe(false);
  });

  it('names a file by a percent-encoded relative URI that resolves to that file', () => {
    const names = ['a b#c?d%e.toml', 'c:x.toml', 'dir/ü & [x].toml'];
    const repo = layoutRepo('1.0.0');
    repo
      .write('.heimdallrc.json', JSON.stringify({ sources: [{ file: 'pyproject.toml', type: 'toml' }, ...names.map((file) => ({ file, type: 'toml' }))] }))
      .commit();
    const log = JSON.parse(run(['check', '--format', 'sarif'], repo.dir).stdout);
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const uris = log.runs[0].results.map(
      (r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0]!.physicalLocation.artifactLocation.uri,
    );
    expect(uris).toEqual(['a%20b%23c%3Fd%25e.toml', 'c%3Ax.toml', 'dir/%C3%BC%20%26%20%5Bx%5D.toml']);
    const base = log.runs[0].originalUriBaseIds.PROJECTROOT.uri;
    // RFC 3986: only unreserved characters, sub-delimiters, ":", "@", "/" and percent escapes in a path.
    for (const uri of uris) expect(uri).toMatch(/^(?:[A-Za-z0-9\-._~!$&'()*+,;=@/]|%[0-9A-F]{2})(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-F]{2})*$/);
    expect(uris.map((uri: string) => decodeURIComponent(new URL(uri, base).pathname.slice(new URL(base).pathname.length)))).toEqual(names);
  });

  it('a file name no URI can carry is a located error, not an unexpected one', () => {
    // Half of a surrogate pair, from a configuration: refused where it is configured.
    const lone = layoutRepo('1.0.0')
      .write('.heimdallrc.json', '{"sources": [{"file": "pyproject.toml", "type": "toml"}, {"file": "x\\ud800.toml", "type": "toml"}]}')
      .commit();
    const res = run(['check', '--format', 'sarif'], lone.dir);
    expect(res).toMatchObject({ code: 2, stdout: '' });
    expect(res.stderr).toContain('sources[1].file: must be valid Unicode');
    // Control characters, from the build backend's settings: SARIF says which file it cannot locate.
    const hatch = tempRepo({ 'pyproject.toml': '[project]\nname = "p"\ndynamic = ["version"]\n\n[tool.hatch.version]\npath = "src/a\\u001bb.py"\n' }).commit();
    const located = run(['check', '--format', 'sarif'], hatch.dir);
    expect(located).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'heimdall-version: src/a\\x1bb.py: SARIF cannot locate a file whose name holds control characters; rename it, or use another --format\n',
    });
  });
});
