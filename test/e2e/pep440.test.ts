// PEP 440 end to end: every bump level, spellings across toml/python/json sources, tags in both
// spellings, tag-ahead with post/dev/rc tags, sentinel fallbacks. Every byte of every file is checked.
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.js';
import { cleanupTempDirs, pyproject, tempRepo, versionPy, VPY, type TempRepo } from '../helpers/repo.js';

afterAll(cleanupTempDirs);

const packageJson = (version: string) => `{\n  "name": "heimdall-mcp",\n  "version": "${version}"\n}\n`;
const SOURCES = [
  { file: 'pyproject.toml', type: 'toml', primary: true },
  { file: VPY, type: 'python' },
];
const config = (extra: object = {}, sources: object[] = SOURCES) => `${JSON.stringify({ sources, ...extra }, null, 2)}\n`;

/** pyproject.toml and version.py at `version` under the "pep440" policy, committed. */
const pep440Repo = (version: string) =>
  tempRepo({ 'pyproject.toml': pyproject(version), [VPY]: versionPy(version), '.heimdallrc.json': config({ versioning: 'pep440' }) }).commit('initial');

/** The same with a package.json beside them (SemVer), default policy. */
const polyglotRepo = (python: string, json: string, extra: object = {}) =>
  tempRepo({
    'pyproject.toml': pyproject(python),
    [VPY]: versionPy(python),
    'package.json': packageJson(json),
    '.heimdallrc.json': config(extra, [...SOURCES, { file: 'package.json', type: 'json' }]),
  }).commit('initial');

const json = (stdout: string) => JSON.parse(stdout) as { ok: boolean; diagnostics: { rule: string; severity: string; message: string }[] };
const rules = (repo: TempRepo) => json(run(['check', '--format', 'json'], repo.dir).stdout).diagnostics.map((d) => d.rule);

describe('bump levels on PEP 440 (the README table)', () => {
  const cases: [string, string[], string][] = [
    ['1.0.0', ['major'], '2.0.0'],
    ['1.2', ['minor'], '1.3'],
    ['1.2.3', ['patch'], '1.2.4'],
    ['0.3.0rc1', ['patch'], '0.3.0'],
    ['1.2.0rc1', ['minor'], '1.2.0'],
    ['1.0', ['premajor'], '2.0a0'],
    ['0.2.0', ['preminor', '--preid', 'rc'], '0.3.0rc0'],
    ['1.0.0', ['prepatch', '--preid', 'beta'], '1.0.1b0'],
    ['0.3.0rc0', ['prerelease'], '0.3.0rc1'],
    ['0.3.0b2', ['prerelease', '--preid', 'rc'], '0.3.0rc0'],
    ['1.0.0', ['post'], '1.0.0.post0'],
    ['1.0.0.post0', ['post'], '1.0.0.post1'],
    ['1.0.0', ['dev'], '1.0.1.dev0'],
    ['1.0.1.dev0', ['dev'], '1.0.1.dev1'],
    ['1.0.0rc1', ['release'], '1.0.0'],
    ['1.0.1.dev1', ['release'], '1.0.1'],
    ['0.2.0', ['0.4.0-rc.1'], '0.4.0rc1'],
    ['0.2.0', ['v1!2.0'], '1!2.0'],
  ];
  for (const [from, args, to] of cases) {
    it(`${args.join(' ')} takes ${from} to ${to}`, () => {
      const repo = pep440Repo(from);
      const res = run(['bump', ...args], repo.dir);
      expect(res.stderr).toBe('');
      expect(res.code).toBe(0);
      expect(res.stdout).toContain(`bumped ${from} → ${to}`);
      expect(repo.read('pyproject.toml')).toBe(pyproject(to));
      expect(repo.read(VPY)).toBe(versionPy(to));
    });
  }

  const refused: [string, string[], string, string][] = [
    ['0.3.0b2', ['prerelease', '--preid', 'a'], 'pep440', '--preid a comes before the current b pre-release'],
    ['1.0.0', ['release'], 'pep440', 'cannot bump release from 1.0.0: it is not a pre-release'],
    ['1.0.0', ['prepatch', '--preid', 'foo'], 'pep440', '--preid must be a, b or rc'],
    ['1.0.1.dev0', ['post'], 'pep440', 'a development release has no post-release'],
    ['1.0.0', ['post'], 'semver', 'the "semver" versioning policy has no post releases'],
    ['1.0.0', ['dev'], 'semver', 'the "semver" versioning policy has no dev releases'],
    ['1.0.0', ['1.0.0.post1'], 'semver', '1.0.0.post1 is not allowed by the "semver" versioning policy'],
  ];
  for (const [from, args, versioning, message] of refused) {
    it(`refuses ${args.join(' ')} from ${from} under "${versioning}" with exit 2, writing nothing`, () => {
      const repo = tempRepo({ 'pyproject.toml': pyproject(from), [VPY]: versionPy(from), '.heimdallrc.json': config({ versioning }) }).commit('initial');
      const res = run(['bump', ...args], repo.dir);
      expect(res.stderr).toContain(message);
      expect(res.code).toBe(2);
      expect(repo.read('pyproject.toml')).toBe(pyproject(from));
      expect(repo.read(VPY)).toBe(versionPy(from));
    });
  }
});

describe('spellings across toml, python and json sources', () => {
  it("writes each source in its own scheme's spelling, and tags in the primary's", () => {
    const repo = polyglotRepo('0.2.0', '0.2.0');
    const res = run(['bump', 'preminor', '--preid', 'rc', '--tag'], repo.dir);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(repo.read('pyproject.toml')).toBe(pyproject('0.3.0rc0'));
    expect(repo.read(VPY)).toBe(versionPy('0.3.0rc0'));
    expect(repo.read('package.json')).toBe(packageJson('0.3.0-rc.0'));
    expect(repo.git('tag', '--points-at', 'HEAD')).toBe('v0.3.0rc0\n');
    expect(run(['check'], repo.dir)).toMatchObject({ code: 0 });
    expect(rules(repo)).toEqual([]);
  });

  it('sees 0.3.0rc1 in pyproject and 0.3.0-rc.1 in package.json as one release, and a different one as a mismatch', () => {
    expect(rules(polyglotRepo('0.3.0rc1', '0.3.0-rc.1'))).toEqual([]);
    expect(rules(polyglotRepo('0.3.0rc1', '0.3.0-rc1'))).toEqual([]);
    const other = json(run(['check', '--format', 'json'], polyglotRepo('0.3.0rc1', '0.3.0-rc.2').dir).stdout);
    expect(other.diagnostics).toEqual([
      expect.objectContaining({ rule: 'version-mismatch', message: 'version is 0.3.0-rc.2 but pyproject.toml says 0.3.0rc1 (0.3.0-rc.1 in SemVer 2.0)' }),
    ]);
  });

  it('says precisely when a version has no SemVer spelling, and bump refuses it with exit 2', () => {
    const repo = polyglotRepo('1.0.0', '1.0.0', { versioning: 'pep440' });
    const res = run(['bump', 'post'], repo.dir);
    expect(res.stderr).toBe(
      'heimdall-version: cannot bump to 1.0.0.post0: package.json is read as SemVer 2.0, which cannot state it: SemVer has no post-releases (a SemVer "-post" is a pre-release, which comes before the release)\n',
    );
    expect(res.code).toBe(2);
    expect(repo.read('package.json')).toBe(packageJson('1.0.0'));
    const mirrored = polyglotRepo('1.0.0.post1', '1.0.0', { versioning: 'pep440' });
    expect(json(run(['check', '--format', 'json'], mirrored.dir).stdout).diagnostics).toEqual([
      expect.objectContaining({
        rule: 'version-mismatch',
        message: expect.stringContaining('says 1.0.0.post1, which cannot be stated in package.json: SemVer has no post-releases'),
      }),
    ]);
  });

  it('warns about a Python source not in normalized form, and check --fix normalizes only the Python sources', () => {
    const repo = polyglotRepo('0.3.0-rc.1', '0.3.0-rc.1');
    const before = json(run(['check', '--format', 'json'], repo.dir).stdout);
    expect(before.ok).toBe(true);
    expect(before.diagnostics.map((d) => [d.rule, d.severity])).toEqual([
      ['version-spelling', 'warn'],
      ['version-spelling', 'warn'],
    ]);
    expect(before.diagnostics[0]!.message).toBe(
      'project.version is "0.3.0-rc.1", which PEP 440 normalizes to 0.3.0rc1 (the spelling build gives the wheel); heimdall-version check --fix rewrites it',
    );
    const fixed = run(['check', '--fix'], repo.dir);
    expect(fixed.code).toBe(0);
    expect(repo.read('pyproject.toml')).toBe(pyproject('0.3.0rc1'));
    expect(repo.read(VPY)).toBe(versionPy('0.3.0rc1'));
    expect(repo.read('package.json')).toBe(packageJson('0.3.0-rc.1'));
    expect(rules(repo)).toEqual([]);
  });

  it('reads a regex source in the primary\'s scheme unless it says "scheme"', () => {
    const sources = [
      ...SOURCES,
      { file: 'README.md', type: 'regex', pattern: 'pip install heimdall-mcp==(?<version>\\S+)' },
      { file: 'README.md', type: 'regex', pattern: 'npx heimdall-mcp@(?<version>\\S+)', scheme: 'semver' },
    ];
    const readme = (python: string, js: string) => `pip install heimdall-mcp==${python}\nnpx heimdall-mcp@${js}\n`;
    const repo = tempRepo({
      'pyproject.toml': pyproject('0.2.0'),
      [VPY]: versionPy('0.2.0'),
      'README.md': readme('0.2.0', '0.2.0'),
      '.heimdallrc.json': config({}, sources),
    }).commit('initial');
    expect(run(['bump', 'prepatch', '--preid', 'b'], repo.dir)).toMatchObject({ code: 0, stderr: '' });
    expect(repo.read('README.md')).toBe(readme('0.2.1b0', '0.2.1-beta.0'));
  });
});

describe('tags by meaning and in PEP 440 order', () => {
  it('matches a tag on HEAD spelled either way', () => {
    const repo = tempRepo({ 'pyproject.toml': pyproject('0.3.0rc1'), [VPY]: versionPy('0.3.0rc1') })
      .commit('initial')
      .tag('v0.3.0-rc.1');
    expect(rules(repo)).toEqual([]);
    repo.git('tag', '-d', 'v0.3.0-rc.1');
    repo.tag('v0.3.0-rc.0');
    expect(rules(repo)).toEqual(['tag-mismatch']);
  });

  for (const packed of [false, true]) {
    it(`orders post, dev and rc tags as PEP 440 does (${packed ? 'packed' : 'loose'} refs)`, () => {
      const repo = tempRepo({ 'pyproject.toml': pyproject('0.9.0'), [VPY]: versionPy('0.9.0'), '.heimdallrc.json': config({ versioning: 'pep440' }) }).commit(
        'old',
      );
      repo.tag('v1.0.0rc1').tag('v1.0.0.dev3').tag('v0.9.post2').tag('v1.0.0-rc.2');
      repo.write('pyproject.toml', pyproject('1.0.0')).write(VPY, versionPy('1.0.0')).commit('current');
      const check = () => {
        if (packed) repo.git('pack-refs', '--all');
        return json(run(['check', '--format', 'json'], repo.dir).stdout).diagnostics;
      };
      // SemVer would have called 1.0.0rc1 newer than 1.0.0.dev3 and 0.9.post2 a pre-release: here none is ahead.
      expect(check()).toEqual([]);
      repo.git('tag', 'v1.0.0.post1', 'HEAD~1');
      expect(check()).toEqual([
        expect.objectContaining({ rule: 'tag-ahead', message: expect.stringContaining('tag v1.0.0.post1 (reachable from HEAD) is newer than 1.0.0') }),
      ]);
      repo.git('tag', '-d', 'v1.0.0.post1');
      repo.write('pyproject.toml', pyproject('1.0.1b1')).write(VPY, versionPy('1.0.1b1')).commit('beta');
      repo.git('tag', 'v1.0.1.dev0', 'HEAD~1');
      expect(check()).toEqual([]);
      repo.git('tag', 'v1.0.1', 'HEAD~1');
      expect(check()).toEqual([expect.objectContaining({ rule: 'tag-ahead', message: expect.stringContaining('tag v1.0.1 ') })]);
    });
  }
});

describe('sentinel fallbacks', () => {
  const runtime = (fallback: string, dist = 'heimdall-mcp') =>
    `from importlib.metadata import version\n\ntry:\n    SYSTEM_VERSION = version("${dist}")\nexcept Exception:\n    SYSTEM_VERSION = "${fallback}"\n`;

  it('leaves "unknown" beside a lookup of the project itself alone: no diagnostic, not bumped', () => {
    const repo = tempRepo({ 'pyproject.toml': pyproject('0.2.0'), [VPY]: runtime('unknown') }).commit('initial');
    expect(json(run(['check', '--format', 'json'], repo.dir).stdout)).toMatchObject({ ok: true, diagnostics: [] });
    expect(run(['bump', 'patch'], repo.dir)).toMatchObject({ code: 0, stderr: '' });
    expect(repo.read('pyproject.toml')).toBe(pyproject('0.2.1'));
    expect(repo.read(VPY)).toBe(runtime('unknown'));
  });

  it('checks and bumps a fallback that is a version, as before', () => {
    const repo = tempRepo({ 'pyproject.toml': pyproject('0.2.0'), [VPY]: runtime('0.2.0') }).commit('initial');
    expect(run(['bump', 'patch'], repo.dir)).toMatchObject({ code: 0 });
    expect(repo.read(VPY)).toBe(runtime('0.2.1'));
  });
});

describe('configuration', () => {
  it('still reads the old rule id invalid-semver', () => {
    const repo = tempRepo({
      'pyproject.toml': pyproject('0.2'),
      [VPY]: versionPy('0.2'),
      '.heimdallrc.json': config({ rules: { 'invalid-semver': 'off' } }),
    }).commit('initial');
    expect(rules(repo)).toEqual([]);
    repo.write('.heimdallrc.json', config()).commit('default rules');
    expect(rules(repo)).toEqual(['invalid-version', 'invalid-version']);
  });

  it('init picks "versioning": "pep440" when the version is not SemVer-shaped, and leaves the default otherwise', () => {
    const repo = tempRepo({ 'pyproject.toml': pyproject('1.0.post1'), [VPY]: versionPy('1.0.post1') }).commit('initial');
    const res = run(['init'], repo.dir);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('versioning: "pep440" (1.0.post1 is not MAJOR.MINOR.PATCH');
    expect(JSON.parse(repo.read('.heimdallrc.json')).versioning).toBe('pep440');
    expect(rules(repo)).toEqual([]);
    const plain = tempRepo({ 'pyproject.toml': pyproject('0.3.0rc1'), [VPY]: versionPy('0.3.0rc1') }).commit('initial');
    expect(run(['init'], plain.dir).code).toBe(0);
    expect(JSON.parse(plain.read('.heimdallrc.json')).versioning).toBeUndefined();
  });
});
