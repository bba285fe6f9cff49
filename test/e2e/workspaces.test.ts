// Workspaces with the built CLI: the nearest package is the project, a workspace root checks every
// member by its own layout and tags, fixed groups and pins between siblings are checked, and every
// bad workspace configuration is a located error (exit 2). Fixtures: test/fixtures/workspaces/.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT, run } from '../helpers/cli.js';
import { cleanupTempDirs, tempDir, tempRepo, type TempRepo } from '../helpers/repo.js';
import { needs, testEnv } from '../helpers/env.js';

afterAll(cleanupTempDirs);

/** A committed repository holding a copy of test/fixtures/workspaces/<name>. */
function fixture(name: string): TempRepo {
  const repo = tempRepo();
  cpSync(path.join(PROJECT, 'test/fixtures/workspaces', name), repo.dir, { recursive: true });
  return repo.commit('init');
}

const json = (stdout: string) => JSON.parse(stdout);

const PY = process.env.HEIMDALL_TEST_PYTHON ?? '/usr/bin/python3';

/** Builds a member's wheel (Debian's setuptools, offline) and returns the version in its file name. */
function wheelVersion(dir: string): string {
  const out = tempDir('hv-wheel-');
  const res = spawnSync(PY, ['-m', 'build', '--wheel', '--no-isolation', '--skip-dependency-check', '--outdir', out, dir], {
    encoding: 'utf8',
    env: testEnv({ PIP_NO_INDEX: '1' }),
  });
  expect(res.status, res.stderr + res.stdout).toBe(0);
  return readdirSync(out)
    .find((f) => f.endsWith('.whl'))!
    .split('-')[1]!;
}

const canBuild = () =>
  needs(
    spawnSync(PY, ['-c', 'import setuptools, build']).status === 0,
    `the wheel proof of the workspace fixtures (workspaces.test.ts): setuptools or build is not installed for ${PY}`,
    'apt-get install python3-build python3-setuptools',
  );

describe("each member's wheel carries the version show prints for it", () => {
  it('the lockstep SDK and the Python member of the polyglot pair, built with their build backend', () => {
    if (!canBuild()) return;
    for (const name of ['lockstep-sdk', 'polyglot']) {
      const repo = fixture(name);
      const shown = json(run(['show', '--json'], repo.dir).stdout) as { packages: { path: string; kind: string; version: string }[] };
      const python = shown.packages.filter((p) => p.kind === 'python');
      expect(python.length).toBeGreaterThan(0);
      for (const p of python) expect(`${p.path} ${wheelVersion(repo.path(p.path))}`).toBe(`${p.path} ${p.version}`);
    }
  });
});

describe("uv's documented workspace (albatross, bird-feeder, seeds excluded)", () => {
  it('checks every member by its own layout at the root, and leaves the excluded one out', () => {
    const res = run(['check'], fixture('uv-docs').dir);
    expect(res.stdout).toBe('albatross 0.1.0 ✔\npackages/bird-feeder 1.0.0 ✔\n\n✔ 2 packages checked\n');
    expect(res.code).toBe(0);
  });

  it("inside a member (or --cwd there) checks the member's own pyproject.toml, not the workspace root's", () => {
    const repo = fixture('uv-docs');
    const expected = '✔ 1.0.0: pyproject.toml, src/bird_feeder/__init__.py agree\n';
    expect(run(['check'], repo.path('packages/bird-feeder'))).toMatchObject({ code: 0, stdout: expected });
    expect(run(['check', '--cwd', 'packages/bird-feeder'], repo.dir)).toMatchObject({ code: 0, stdout: expected });
    expect(run(['show'], repo.path('packages/bird-feeder/src'))).toMatchObject({ code: 0, stdout: '1.0.0\n' });
  });

  it('locates drift in a member relative to the workspace root and summarises each package', () => {
    const repo = fixture('uv-docs');
    repo.write('packages/bird-feeder/src/bird_feeder/__init__.py', '"""Feeds birds."""\n\n__version__ = "0.9.0"\n');
    const res = run(['check'], repo.dir);
    expect(res.stdout).toBe(
      [
        'packages/bird-feeder/src/bird_feeder/__init__.py:3:16  error  __version__ is 0.9.0 but pyproject.toml says 1.0.0  version-mismatch',
        '',
        'albatross 0.1.0 ✔',
        'packages/bird-feeder ✖ 1 error',
        '',
        '✖ 1 error in 1 of 2 packages',
        '',
      ].join('\n'),
    );
    expect(res.code).toBe(1);
    const report = json(run(['check', '--format', 'json'], repo.dir).stdout);
    expect(report.diagnostics).toEqual([
      expect.objectContaining({ package: 'bird-feeder', rule: 'version-mismatch', file: 'packages/bird-feeder/src/bird_feeder/__init__.py', line: 3 }),
    ]);
    expect(report.packages.map((p: { name: string; errors: number }) => [p.name, p.errors])).toEqual([
      ['albatross', 0],
      ['bird-feeder', 1],
    ]);
    expect(run(['check', '--format', 'github'], repo.dir).stdout).toBe(
      '::error file=packages/bird-feeder/src/bird_feeder/__init__.py,line=3,col=16,title=version-mismatch (bird-feeder)::__version__ is 0.9.0 but pyproject.toml says 1.0.0\n',
    );
    const sarif = json(run(['check', '--format', 'sarif'], repo.dir).stdout);
    expect(sarif.runs[0].results[0].properties).toEqual({ package: 'bird-feeder' });
  });

  it('--package narrows the check to the packages named (by name or path); an unknown one is a usage error listing them', () => {
    const repo = fixture('uv-docs');
    repo.write('packages/bird-feeder/src/bird_feeder/__init__.py', '__version__ = "0.9.0"\n');
    expect(run(['check', '--package', 'albatross'], repo.dir)).toMatchObject({ code: 0, stdout: 'albatross 0.1.0 ✔\n\n✔ 1 package checked\n' });
    expect(run(['check', '--package', 'packages/bird-feeder'], repo.dir).code).toBe(1);
    const res = run(['check', '--package', 'seeds'], repo.dir);
    expect(res).toMatchObject({ code: 2, stdout: '' });
    expect(res.stderr).toBe('heimdall-version: --package: no package is named "seeds" (the packages: albatross, bird-feeder)\n');
  });

  it('check --staged checks only the packages with staged files', () => {
    const repo = fixture('uv-docs');
    repo.write('packages/bird-feeder/src/bird_feeder/__init__.py', '__version__ = "0.9.0"\n');
    repo.write('pyproject.toml', repo.read('pyproject.toml').replace('version = "0.1.0"', 'version = "0.2.0"'));
    repo.git('add', 'pyproject.toml');
    expect(run(['check', '--staged'], repo.dir)).toMatchObject({ code: 0, stdout: 'albatross 0.2.0 ✔\n\n✔ 1 package checked\n' });
    repo.git('add', '-A');
    expect(run(['check', '--staged'], repo.dir).stdout).toContain('packages/bird-feeder ✖ 1 error');
  });

  it('check --staged learns which packages have staged files from the index and loose objects, starting no git', () => {
    const repo = fixture('uv-docs');
    repo.commit('as it is');
    repo.write('packages/bird-feeder/src/bird_feeder/__init__.py', '__version__ = "0.9.0"\n');
    repo.git('add', '-A');
    // PATH without git: the index and the objects must answer (node itself is started by its full path).
    const noGit = { PATH: path.dirname(process.execPath) === '/usr/bin' ? '/nonexistent' : path.dirname(process.execPath) };
    const res = run(['check', '--staged'], repo.dir, noGit);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('packages/bird-feeder ✖ 1 error');
    expect(res.stdout).toContain('✖ 1 error in 1 of 1 package');
    expect(res.stdout).not.toContain('albatross');
  });

  it('show --json lists the packages, their layouts and why, and the groups', () => {
    const shown = json(run(['show', '--json'], fixture('uv-docs').dir).stdout);
    expect(shown.workspace).toBe('[tool.uv.workspace] in pyproject.toml');
    expect(shown.groups).toEqual([]);
    expect(shown.packages).toEqual([
      expect.objectContaining({
        name: 'albatross',
        path: '',
        version: '0.1.0',
        layout: { id: 'static', reason: '[project] version is set in pyproject.toml' },
      }),
      expect.objectContaining({ name: 'bird-feeder', path: 'packages/bird-feeder', version: '1.0.0', tagTemplate: '{name}-v{version}' }),
    ]);
    expect(shown.sources.map((s: { package: string; file: string }) => `${s.package} ${s.file}`)).toEqual([
      'albatross pyproject.toml',
      'bird-feeder packages/bird-feeder/pyproject.toml',
      'bird-feeder packages/bird-feeder/src/bird_feeder/__init__.py',
    ]);
  });

  it('init --cwd <member> writes the configuration in the member', () => {
    const repo = fixture('uv-docs');
    const res = run(['init', '--cwd', 'packages/bird-feeder'], repo.dir);
    expect(res.code).toBe(0);
    expect(existsSync(repo.path('.heimdallrc.json'))).toBe(false);
    const written = JSON.parse(repo.read('packages/bird-feeder/.heimdallrc.json'));
    expect(written.sources.map((s: { file: string }) => s.file)).toEqual(['pyproject.toml', 'src/bird_feeder/__init__.py']);
  });
});

describe('a lockstep SDK: one fixed group, exact pins, a version.py per package', () => {
  it('passes while every package, version file and pin says 2.0.0a3', () => {
    const res = run(['check'], fixture('lockstep-sdk').dir);
    expect(res).toMatchObject({ code: 0, stdout: 'packages/cli 2.0.0a3 ✔\npackages/core 2.0.0a3 ✔\npackages/tools 2.0.0a3 ✔\n\n✔ 3 packages checked\n' });
  });

  it('an alpha whose version.py files and pins still hold the previous one: every stale file is located', () => {
    const repo = fixture('lockstep-sdk');
    for (const p of ['core', 'tools'])
      repo.write(`packages/${p}/pyproject.toml`, repo.read(`packages/${p}/pyproject.toml`).replace('version = "2.0.0a3"', 'version = "2.0.0a4"'));
    const res = run(['check', '--format', 'json'], repo.dir);
    expect(res.code).toBe(1);
    const found = json(res.stdout).diagnostics.map(
      (d: { package: string; rule: string; file: string; line: number }) => `${d.package} ${d.rule} ${d.file}:${d.line}`,
    );
    expect(found).toEqual([
      'acme-sdk-cli group-mismatch packages/cli/pyproject.toml:7',
      'acme-sdk-cli pin-mismatch packages/cli/pyproject.toml:8',
      'acme-sdk-cli pin-mismatch packages/cli/pyproject.toml:8',
      'acme-sdk-core version-mismatch packages/core/src/acme_sdk_core/version.py:3',
      'acme-sdk-tools pin-mismatch packages/tools/pyproject.toml:8',
      'acme-sdk-tools version-mismatch packages/tools/src/acme_sdk_tools/version.py:3',
    ]);
  });

  it('check --staged with one member staged checks the fixed group it is in', () => {
    const repo = fixture('lockstep-sdk');
    repo.write('packages/cli/pyproject.toml', repo.read('packages/cli/pyproject.toml').replace('version = "2.0.0a3"', 'version = "2.0.0a4"'));
    repo.git('add', 'packages/cli/pyproject.toml');
    const res = run(['check', '--staged', '--format', 'json'], repo.dir);
    expect(res.code).toBe(1);
    const report = json(res.stdout);
    expect(report.packages.map((p: { name: string }) => p.name)).toEqual(['acme-sdk-cli', 'acme-sdk-core', 'acme-sdk-tools']);
    expect(report.diagnostics.map((d: { rule: string; file: string }) => `${d.rule} ${d.file}`)).toContain('group-mismatch packages/cli/pyproject.toml');
  });

  it("--group checks the group's packages; an unknown group is a usage error naming the groups", () => {
    const repo = fixture('lockstep-sdk');
    expect(run(['check', '--group', 'sdk'], repo.dir).stdout).toContain('✔ 3 packages checked');
    expect(run(['show', '--group', 'sdk'], repo.dir)).toMatchObject({ code: 0, stdout: '2.0.0a3\n' });
    expect(run(['check', '--group', 'cli'], repo.dir)).toMatchObject({
      code: 2,
      stderr: 'heimdall-version: --group: no group is named "cli" (the groups: sdk)\n',
    });
  });

  it('--package checks the fixed group the package is in', () => {
    const res = run(['check', '--package', 'acme-sdk-core'], fixture('lockstep-sdk').dir);
    expect(res.stdout).toContain('✔ 3 packages checked');
  });
});

describe('two packages of one repository with their own tag templates', () => {
  it('both tagged on the same commit: each is judged by its own tag only', () => {
    const repo = fixture('tag-prefixes').tag('weather-server-v0.4.0').tag('weather-client@1.2.0');
    expect(run(['check'], repo.dir)).toMatchObject({ code: 0, stdout: 'server 0.4.0 ✔\nclient 1.2.0 ✔\n\n✔ 2 packages checked\n' });
  });

  it("a tag of one package on HEAD that differs from its version is that package's error", () => {
    const repo = fixture('tag-prefixes').tag('weather-server-v0.4.0').tag('weather-client@1.3.0');
    const res = run(['check'], repo.dir);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('client/pyproject.toml:3:12  error  HEAD is tagged weather-client@1.3.0 but pyproject.toml says 1.2.0');
    expect(res.stdout).toContain('server 0.4.0 ✔\nclient ✖ 2 errors\n');
  });

  it('a template that matches none of the tags the repository has is a warning', () => {
    const res = run(['check'], fixture('tag-prefixes').tag('v1.0.0').dir);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain(
      "(weather-client)  warn   none of the repository's 1 tags matches the tag template {name}@{version}, so the tag rules see none of this package's releases; set its tags.template (init detects it)  tag-template",
    );
  });
});

describe('a member checked in its own directory', () => {
  it("is judged by the tag template the workspace gives it: another package's tags are not its own", () => {
    const repo = fixture('tag-prefixes').tag('weather-client@1.2.0').tag('v9.0.0');
    expect(run(['check', '--cwd', 'client'], repo.dir)).toMatchObject({ code: 0, stdout: '✔ 1.2.0: pyproject.toml\n' });
    repo.tag('weather-client@1.3.0');
    const res = run(['check'], repo.path('client'));
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('tag weather-client@1.3.0 (reachable from HEAD) is newer than 1.2.0 in pyproject.toml');
  });
});

describe('commands that act on one package', () => {
  it('refuse a workspace root (exit 2), naming its packages and how to pick one', () => {
    const repo = fixture('uv-docs');
    const expected =
      "acts on one package, and this workspace has 2 ([tool.uv.workspace] in pyproject.toml); run it in the package's directory, e.g. --cwd packages/bird-feeder:\n  albatross (.)\n  bird-feeder (packages/bird-feeder)\n";
    // bump names the package or group it changes (workspace-bump.test.ts).
    expect(run(['bump', 'patch', '--dry-run'], repo.dir)).toMatchObject({
      code: 2,
      stderr:
        'heimdall-version: this workspace has 2 independently versioned packages or groups; name what to bump with --package NAME or --group NAME (the packages: albatross, bird-feeder)\n',
    });
    expect(run(['check', '--fix'], repo.dir)).toMatchObject({ code: 2, stderr: `heimdall-version: check --fix ${expected}` });
    expect(run(['release', '--dry-run', '--no-upload'], repo.dir)).toMatchObject({ code: 2, stderr: `heimdall-version: release ${expected}` });
    expect(run(['bump', 'patch', '--dry-run', '--cwd', 'packages/bird-feeder'], repo.dir).code).toBe(0);
  });
});

describe('pins a build backend fills in, and a version from pkg-v* tags', () => {
  it('templated pins are not errors', () => {
    expect(run(['check'], fixture('templated-pins').dir).code).toBe(0);
  });

  it("a member's version comes from its own tags, and a sibling's range is judged against it", () => {
    const repo = fixture('from-tags').tag('pkg-v1.2.0').tag('v9.9.9');
    const shown = json(run(['show', '--json'], repo.dir).stdout);
    expect(shown.packages.find((p: { name: string }) => p.name === 'pkg')).toMatchObject({
      version: '1.2.0',
      layout: { id: 'hatch-vcs', fromTags: 'hatch-vcs' },
    });
    expect(run(['check'], repo.dir).code).toBe(0);
    repo.git('tag', '-d', 'pkg-v1.2.0');
    repo.tag('pkg-v1.1.0');
    const res = run(['check', '--format', 'json'], repo.dir);
    const pins = json(res.stdout).diagnostics.filter((d: { rule: string }) => d.rule === 'pin-mismatch');
    expect(pins).toEqual([
      expect.objectContaining({
        package: 'docs-site',
        messageId: 'range',
        message: "[project] dependencies requires pkg >=1.2, which excludes pkg's version 1.1.0 (tag pkg-v1.1.0)",
        file: 'docs-site/pyproject.toml',
        line: 4,
        column: 21,
      }),
    ]);
  });
});

describe('a polyglot pair: a Python member and an npm member in one fixed group', () => {
  it('agrees across schemes (1.3.0rc1 and 1.3.0-rc.1), and a lagging npm member is located', () => {
    const repo = fixture('polyglot');
    expect(run(['check'], repo.dir).code).toBe(0);
    repo.write('npm/package.json', readFileSync(repo.path('npm/package.json'), 'utf8').replace('1.3.0-rc.1', '1.2.0'));
    const res = run(['check'], repo.dir);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain(
      'npm/package.json:3:15  error  @acme/weather-mcp is 1.2.0 but the fixed group "weather" is at 1.3.0rc1 (weather-mcp); set 1.3.0rc1, or bump the group together  group-mismatch',
    );
  });
});

describe('a polyglot repository with no configuration: uv members and npm workspaces', () => {
  it('finds the Python member by its pyproject.toml and the npm member by its package.json', () => {
    const repo = fixture('polyglot');
    repo.git('rm', '-q', '.heimdallrc.json');
    repo.write('pyproject.toml', '[tool.uv.workspace]\nmembers = ["python"]\n');
    repo.write('package.json', '{ "private": true, "workspaces": ["npm"] }\n');
    repo.commit('zero configuration');
    expect(run(['check'], repo.dir)).toMatchObject({ code: 0, stdout: 'npm 1.3.0-rc.1 ✔\npython 1.3.0rc1 ✔\n\n✔ 2 packages checked\n' });
    const shown = json(run(['show', '--json'], repo.dir).stdout);
    expect(shown.workspace).toBe('[tool.uv.workspace] in pyproject.toml and "workspaces" in package.json');
    expect(shown.packages.map((p: { name: string; kind: string; layout: { id: string } }) => `${p.name} ${p.kind} ${p.layout.id}`)).toEqual([
      '@acme/weather-mcp npm npm',
      'weather-mcp python static',
    ]);
  });

  it('show prints the version only when every package has the same one', () => {
    const repo = fixture('polyglot');
    expect(run(['show'], repo.dir).code).toBe(2);
    expect(run(['show'], repo.dir).stderr).toBe(
      'heimdall-version: the packages of this workspace have different versions; name one with --package, or see them all with show --json:\n  weather-mcp 1.3.0rc1\n  @acme/weather-mcp 1.3.0-rc.1\n',
    );
    expect(run(['show', '--package', 'python'], repo.dir)).toMatchObject({ code: 0, stdout: '1.3.0rc1\n' });
    expect(run(['show'], fixture('lockstep-sdk').dir)).toMatchObject({ code: 0, stdout: '2.0.0a3\n' });
  });
});

describe('bad workspace configurations are located errors (exit 2)', () => {
  const configured = (config: object, files: Record<string, string> = {}) => {
    const repo = tempRepo({
      'a/pyproject.toml': '[project]\nname = "a"\nversion = "1.0.0"\n',
      'b/pyproject.toml': '[project]\nname = "b"\nversion = "1.0.0"\n',
      '.heimdallrc.json': JSON.stringify(config),
      ...files,
    });
    return run(['check'], repo.dir);
  };
  const packages = [{ path: 'a' }, { path: 'b' }];

  it('a member path that does not exist', () => {
    expect(configured({ packages: [...packages, { path: 'libs/c' }] })).toMatchObject({
      code: 2,
      stderr: 'heimdall-version: .heimdallrc.json: invalid configuration\n  packages[2].path: "libs/c" does not exist\n',
    });
  });

  it('two packages of one name, configured or declared', () => {
    expect(
      configured({
        packages: [
          { path: 'a', name: 'x' },
          { path: 'b', name: 'x' },
        ],
      }),
    ).toMatchObject({
      code: 2,
      stderr:
        'heimdall-version: .heimdallrc.json: invalid configuration\n  packages[1].name: "x" names both a and b; give each package its own name ("name" in packages[])\n',
    });
    const repo = tempRepo({
      'pyproject.toml': '[tool.uv.workspace]\nmembers = ["a", "b"]\n',
      'a/pyproject.toml': '[project]\nname = "a"\nversion = "1.0.0"\n',
      'b/pyproject.toml': '[project]\nname = "A"\nversion = "1.0.0"\n',
    });
    expect(run(['check'], repo.dir).stderr).toContain('"A" names both a and b; give each package its own name');
  });

  it('a package in two fixed groups', () => {
    const groups = [
      { name: 'one', packages: ['a', 'b'] },
      { name: 'two', packages: ['b'] },
    ];
    expect(configured({ packages, groups })).toMatchObject({
      code: 2,
      stderr:
        'heimdall-version: .heimdallrc.json: invalid configuration\n  groups[1].packages: "b" is in the fixed group "one" (groups[0]) already; a package has one version\n',
    });
  });

  it('a group naming an unknown package', () => {
    expect(configured({ packages, groups: [{ name: 'g', packages: ['a', 'c'] }] })).toMatchObject({
      code: 2,
      stderr: 'heimdall-version: .heimdallrc.json: invalid configuration\n  groups[0].packages[1]: no package is named "c" (the packages: a, b)\n',
    });
  });

  it('two packages whose tag templates can read the same tag', () => {
    const res = configured({
      packages: [
        { path: 'a', tags: { template: 'v{version}' } },
        { path: 'b', tags: { template: 'v{version}' } },
      ],
    });
    expect(res).toMatchObject({
      code: 2,
      stderr:
        'heimdall-version: .heimdallrc.json: invalid configuration\n  packages[1].tags.template: the tag templates of "a" ("v{version}") and "b" ("v{version}") can both read the tag v1.0.0; give each its own (e.g. "{name}-v{version}"), or put both in one fixed group\n',
    });
    expect(
      configured({
        packages: [
          { path: 'a', tags: { template: 'v{version}' } },
          { path: 'b', tags: { template: 'v{version}' } },
        ],
        groups: [{ name: 'g', packages: ['a', 'b'] }],
      }).code,
    ).toBe(0);
  });

  it('a group naming an unknown package in [tool.heimdall-version], located by its line', () => {
    const repo = fixture('lockstep-sdk');
    repo.write('pyproject.toml', repo.read('pyproject.toml').replace('"acme-sdk-cli"]', '"acme-sdk-cly"]'));
    expect(run(['check'], repo.dir)).toMatchObject({
      code: 2,
      stderr:
        'heimdall-version: pyproject.toml: invalid configuration in [tool.heimdall-version]\n  line 4: tool.heimdall-version.groups[0].packages[2]: no package is named "acme-sdk-cly" (the packages: acme-sdk-cli, acme-sdk-core, acme-sdk-tools)\n',
    });
  });

  it('a template with no {version} at its end, in [tool.heimdall-version], located by its line', () => {
    const repo = tempRepo({
      'a/pyproject.toml': '[project]\nname = "a"\nversion = "1.0.0"\n',
      'pyproject.toml': '[tool.heimdall-version]\npackages = [{ path = "a", tags = { template = "{name}-{version}-final" } }]\n',
    });
    expect(run(['check'], repo.dir)).toMatchObject({
      code: 2,
      stderr:
        'heimdall-version: pyproject.toml: invalid configuration in [tool.heimdall-version]\n  line 1: tool.heimdall-version.packages[0].tags.template: must end with {version}, e.g. "{name}-v{version}"\n',
    });
  });
});

describe('init at a workspace root', () => {
  it('proposes the members, the fixed group they form (one version, exact pins) and the tags they use; check passes on what it wrote', () => {
    const repo = fixture('lockstep-sdk').tag('v2.0.0a2');
    repo.write('pyproject.toml', '[tool.uv.workspace]\nmembers = ["packages/*"]\n').commit('no configuration');
    const res = run(['init'], repo.dir);
    expect(res.stdout).toBe(
      [
        'found a workspace ([tool.uv.workspace] in pyproject.toml):',
        '  ✔ packages/cli acme-sdk-cli 2.0.0a3 (static), tags v{version} (1 tag read by it)',
        '  ✔ packages/core acme-sdk-core 2.0.0a3 (static), tags v{version} (1 tag read by it)',
        '  ✔ packages/tools acme-sdk-tools 2.0.0a3 (static), tags v{version} (1 tag read by it)',
        'fixed groups:',
        '  ✔ acme-sdk: acme-sdk-cli, acme-sdk-core, acme-sdk-tools (one version, 2.0.0a3, pinned exactly)',
        'wrote .heimdallrc.json; run heimdall-version check',
        '',
      ].join('\n'),
    );
    const written = JSON.parse(repo.read('.heimdallrc.json'));
    expect({ ...written, $schema: undefined }).toEqual({
      packages: ['cli', 'core', 'tools'].map((p) => ({ path: `packages/${p}`, tags: { template: 'v{version}' } })),
      groups: [{ name: 'acme-sdk', packages: ['acme-sdk-cli', 'acme-sdk-core', 'acme-sdk-tools'] }],
    });
    expect(run(['check'], repo.dir).code).toBe(0);
  });

  it("detects each package's own tag template from the tags of both, tagged on one commit", () => {
    const repo = fixture('tag-prefixes');
    repo.write('pyproject.toml', '[tool.uv.workspace]\nmembers = ["server", "client"]\n');
    repo.git('rm', '-q', '.heimdallrc.json');
    repo.commit('uv').tag('weather-server-v0.3.0').tag('weather-server-v0.4.0').tag('weather-client@1.2.0');
    expect(run(['init'], repo.dir).code).toBe(0);
    const written = JSON.parse(repo.read('.heimdallrc.json'));
    expect(written.packages).toEqual([
      { path: 'client', tags: { template: '{name}@{version}' } },
      { path: 'server', tags: { template: '{name}-v{version}' } },
    ]);
    expect(written.groups).toBeUndefined();
    expect(run(['check'], repo.dir)).toMatchObject({ code: 0, stdout: 'client 1.2.0 ✔\nserver 0.4.0 ✔\n\n✔ 2 packages checked\n' });
  });
});
