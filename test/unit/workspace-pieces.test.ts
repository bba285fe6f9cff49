// The pieces of workspaces that are plain functions: member globs, PEP 508 requirements, the
// constraint syntaxes of pins, where pins are in a manifest, tag templates, and the configuration's
// packages and groups as validation reads them.
import { describe, expect, it } from 'vitest';
import { matchesGlob } from '../../src/config/members.js';
import { templateProblem } from '../../src/config/packages.js';
import { validateConfig } from '../../src/config/schema.js';
import { templatePrefix } from '../../src/config/workspace.js';
import { packageJsonPins, parseRequirement, pyprojectPins } from '../../src/core/pins.js';
import { npmVerdict, pep440Verdict, poetryVerdict } from '../../src/version/ranges.js';

describe('member globs', () => {
  it.each([
    ['packages/*', 'packages/core', true],
    ['packages/*', 'packages/core/sub', false],
    ['packages/**', 'packages/core/sub', true],
    ['libs/lib-?', 'libs/lib-a', true],
    ['libs/lib-[ab]', 'libs/lib-c', false],
    ['./python', 'python', true],
    ['packages/seeds', 'packages/seeds', true],
  ])('%s matches %s: %s', (glob, dir, expected) => expect(matchesGlob(glob, dir)).toBe(expected));
});

describe('PEP 508 requirements', () => {
  it.each([
    ['sdk-core==2.0.0', { name: 'sdk-core', specifier: '==2.0.0', offset: 8 }],
    ['sdk-core[cli,http] >=1,<2', { name: 'sdk-core', specifier: '>=1,<2', offset: 19 }],
    ["Sdk_Core (==2.0.0) ; python_version >= '3.10'", { name: 'Sdk_Core', specifier: '==2.0.0', offset: 10 }],
    ['sdk-core', { name: 'sdk-core', specifier: '', offset: 8 }],
  ])('%s', (requirement, expected) => expect(parseRequirement(requirement)).toEqual(expected));

  it('a URL requirement names no version', () => expect(parseRequirement('sdk-core @ https://example.invalid/sdk.whl')).toBeUndefined());
});

describe('pin verdicts', () => {
  it.each([
    ['2.0.0', '==2.0.0', { exact: true, satisfied: true }],
    ['2.0.0', '==2.0.0a3', { exact: true, satisfied: false }],
    ['2.0.0a3', '== 2.0.0-alpha.3', { exact: true, satisfied: true }],
    ['2.0.0', '===2.0', { exact: true, satisfied: false }],
    ['2.0.0a3', '>=1.9,<3', { exact: false, satisfied: true }],
    ['2.0.0', '>=1,<2', { exact: false, satisfied: false }],
    ['2.0.0', '~=2.0', { exact: false, satisfied: true }],
    ['2.1.0', '==2.0.*', { exact: false, satisfied: false }],
  ])('PEP 440: %s against %s', (version, spec, expected) => expect(pep440Verdict(version, spec)).toEqual(expected));

  it.each([
    ['1.9.0', '1.9.0', { exact: true, satisfied: true }],
    ['2.0.0', '1.9.0', { exact: true, satisfied: false }],
    ['1.5.0', '^1.2', { exact: false, satisfied: true }],
    ['2.0.0', '^1.2', { exact: false, satisfied: false }],
    ['0.3.1', '^0.2', { exact: false, satisfied: false }],
    ['1.2.9', '~1.2', { exact: false, satisfied: true }],
  ])('Poetry: %s against %s', (version, spec, expected) => expect(poetryVerdict(version, spec)).toEqual(expected));

  it.each([
    ['1.3.0', '1.2.0', { exact: true, satisfied: false }],
    ['1.3.0', '^1.2.0', { exact: false, satisfied: true }],
    ['1.3.0', 'workspace:~1.2.0', { exact: false, satisfied: false }],
    ['1.3.0', '>=1.0.0 <1.3.0 || 2.x', { exact: false, satisfied: false }],
    ['2.4.0', '>=1.0.0 <1.3.0 || 2.x', { exact: false, satisfied: true }],
    ['1.3.0', '1.0.0 - 1.3.0', { exact: false, satisfied: true }],
  ])('npm: %s against %s', (version, spec, expected) => expect(npmVerdict(version, spec)).toEqual(expected));

  it('npm: the workspace protocol with no range names the sibling itself', () => expect(npmVerdict('1.3.0', 'workspace:*')).toBeUndefined());
});

describe('pins in manifests', () => {
  it('every place a pyproject.toml declares dependencies, each located at its specifier, with its uv source', () => {
    const text = [
      '[project]',
      'dependencies = ["a==1", "b>=2"]',
      '[project.optional-dependencies]',
      'x = ["c==3"]',
      '[dependency-groups]',
      'dev = ["d==4"]',
      '[tool.poetry.dependencies]',
      'python = "^3.10"',
      'e = { version = "^5", develop = true }',
      '[tool.uv.sources]',
      'a = { workspace = true }',
      'b = { path = "../b" }',
    ].join('\n');
    expect(pyprojectPins(text).map((p) => `${p.name} ${p.specifier} ${p.syntax} ${p.where} ${p.line}:${p.column} ${p.uvSource ?? ''}`)).toEqual([
      'a ==1 pep440 [project] dependencies 2:19 workspace',
      'b >=2 pep440 [project] dependencies 2:27 other',
      'c ==3 pep440 [project.optional-dependencies] x 4:8 ',
      'd ==4 pep440 [dependency-groups] dev 6:10 ',
      'e ^5 poetry [tool.poetry.dependencies] 9:18 ',
    ]);
  });

  it("package.json's dependency maps", () => {
    const text = '{\n  "dependencies": { "@s/a": "1.0.0" },\n  "devDependencies": { "@s/b": "^2.0.0" }\n}\n';
    expect(packageJsonPins(text).map((p) => `${p.name} ${p.specifier} ${p.line}:${p.column}`)).toEqual(['@s/a 1.0.0 2:30', '@s/b ^2.0.0 3:33']);
  });
});

describe('tag templates', () => {
  it.each([
    ['{name}-v{version}', 'weather-server', 'weather-server-v'],
    ['{name}@{version}', '@acme/weather', '@acme/weather@'],
    ['v{version}', 'x', 'v'],
  ])('%s of %s reads tags after %s', (template, name, prefix) => expect(templatePrefix(template, name)).toBe(prefix));

  it.each([
    ['{name}-v{version}', undefined],
    ['{name}-{version}-final', 'must end with {version}, e.g. "{name}-v{version}"'],
    ['{version}{version}', 'must hold {version} once'],
    ['{pkg}-{version}', 'knows only {name} and {version}, not {pkg}'],
    ['{name} v{version}', 'with the name filled in, must not contain a space (git refuses it in a ref name)'],
  ])('%s: %s', (template, problem) => expect(templateProblem(template)).toBe(problem));
});

describe('packages and groups in the configuration', () => {
  const problems = (raw: unknown) => {
    const result = validateConfig(raw);
    return 'problems' in result ? result.problems : [];
  };

  it('reads packages and groups, the policy defaulting to fixed', () => {
    const result = validateConfig({
      packages: [{ path: './libs/core/' }, { path: 'libs/tools', name: 'tools' }],
      groups: [{ name: 'g', packages: ['libs/core', 'tools'] }],
    });
    expect('config' in result && result.config.packages).toEqual([
      { path: 'libs/core', tags: {} },
      { path: 'libs/tools', name: 'tools', tags: {} },
    ]);
    expect('config' in result && result.config.groups).toEqual([{ name: 'g', packages: ['libs/core', 'tools'], policy: 'fixed' }]);
  });

  it('names each problem by its path', () => {
    expect(
      problems({
        sources: [{ file: 'pyproject.toml', type: 'toml' }],
        packages: [{ path: 'a' }, { path: 'a/' }, { path: '../out' }],
        groups: [
          { name: 'g', packages: [] },
          { name: 'g', packages: ['a'], policy: 'linked' },
        ],
      }),
    ).toEqual([
      'sources: with packages, each package gives its own sources (packages[i].sources); move these to the package they belong to',
      'packages[2].path: must stay inside the project root ("../out" contains "..")',
      'groups[0].packages: must be a non-empty array of package names or paths',
      'groups[1].policy: must be one of fixed',
    ]);
    expect(problems({ packages: [{ path: 'a' }, { path: 'a/' }] })).toEqual(['packages[1].path: "a" is packages[0] already']);
    expect(
      problems({
        packages: [{ path: 'a' }],
        groups: [
          { name: 'g', packages: ['a'] },
          { name: 'g', packages: ['a'] },
        ],
      }),
    ).toEqual(['groups[1].name: "g" is the name of groups[0] already']);
  });
});
