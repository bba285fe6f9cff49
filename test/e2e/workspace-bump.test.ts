// bump in a workspace with the built CLI: --package and --group change every source and every exact pin
// as one all-or-nothing change (recover gives all old or all new), tag each package by its own template,
// and a bump that names nothing where several packages are versioned apart is a usage error. Members with a
// build backend Debian packages are built before and after, to prove each wheel gets the version show prints.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT, run } from '../helpers/cli.js';
import { needs } from '../helpers/env.js';
import { runWithFault } from '../helpers/faults.js';
import { cleanupTempDirs, tempDir, tempRepo, type TempRepo } from '../helpers/repo.js';

afterAll(cleanupTempDirs);

const ENV = {
  NO_COLOR: '1',
  GIT_AUTHOR_NAME: 'T',
  GIT_AUTHOR_EMAIL: 't@example.invalid',
  GIT_COMMITTER_NAME: 'T',
  GIT_COMMITTER_EMAIL: 't@example.invalid',
};
const PY = '/usr/bin/python3';
const canBuild = spawnSync(PY, ['-c', 'import build, setuptools, wheel']).status === 0;

function fixture(name: string): TempRepo {
  const repo = tempRepo();
  cpSync(path.join(PROJECT, 'test/fixtures/workspaces', name), repo.dir, { recursive: true });
  return repo.commit('init');
}

/** Every file of the fixture copy, path → bytes as text (git's own files left out). */
function snapshot(repo: TempRepo): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const e of readdirSync(repo.path(rel), { withFileTypes: true })) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.name === '.git' || e.name === 'dist' || e.name === 'build' || e.name.endsWith('.egg-info')) continue;
      if (e.isDirectory()) walk(p);
      else out[p] = repo.read(p);
    }
  };
  walk('');
  return out;
}

/** The version of the one wheel `python -m build --wheel` makes in a member's directory. */
function builtWheelVersion(repo: TempRepo, member: string): string {
  const out = tempDir('hv-dist-');
  execFileSync(PY, ['-m', 'build', '--no-isolation', '--wheel', '--outdir', out], { cwd: repo.path(member), stdio: 'ignore' });
  const [wheel] = readdirSync(out).filter((f) => f.endsWith('.whl'));
  return wheel!.split('-')[1]!;
}

const LOCKSTEP_FILES = [
  'packages/core/pyproject.toml',
  'packages/core/src/acme_sdk_core/version.py',
  'packages/tools/pyproject.toml',
  'packages/tools/src/acme_sdk_tools/version.py',
  'packages/cli/pyproject.toml',
  'packages/cli/src/acme_sdk_cli/version.py',
];

/** The lockstep fixture with 2.0.0a3 replaced by `to` in exactly the bytes that state it. */
function lockstepAt(before: Record<string, string>, to: string): Record<string, string> {
  return Object.fromEntries(Object.entries(before).map(([f, t]) => [f, LOCKSTEP_FILES.includes(f) ? t.replaceAll('2.0.0a3', to) : t]));
}

describe('bump --group of a lockstep SDK (exact pins, a version.py per package)', () => {
  it('sets every member, every version.py and every pin among them, and nothing else', () => {
    const repo = fixture('lockstep-sdk');
    const before = snapshot(repo);
    const res = run(['bump', 'prerelease', '--group', 'sdk'], repo.dir, ENV);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain('bumped acme-sdk-core 2.0.0a3 → 2.0.0a4, acme-sdk-tools 2.0.0a3 → 2.0.0a4, acme-sdk-cli 2.0.0a3 → 2.0.0a4: ');
    expect(snapshot(repo)).toEqual(lockstepAt(before, '2.0.0a4'));
    expect(repo.read('packages/cli/pyproject.toml')).toContain(
      'dependencies = ["acme-sdk-core==2.0.0a4", "acme-sdk-tools[rich]==2.0.0a4 ; python_version >= \'3.10\'"]',
    );
    expect(run(['check'], repo.dir).code).toBe(0);
  });

  it.skipIf(!needs(canBuild, 'building the fixtures', 'apt install python3-build python3-setuptools python3-wheel'))(
    "each member's wheel has the version show prints, before and after the bump",
    () => {
      const repo = fixture('lockstep-sdk');
      const members = ['packages/core', 'packages/tools', 'packages/cli'];
      for (const m of members) expect(builtWheelVersion(repo, m)).toBe(run(['show', '--cwd', m], repo.dir).stdout.trim());
      expect(run(['bump', 'minor', '--group', 'sdk'], repo.dir, ENV).code).toBe(0);
      for (const m of members) {
        expect(run(['show', '--cwd', m], repo.dir).stdout).toBe('2.0.0\n');
        expect(builtWheelVersion(repo, m)).toBe('2.0.0');
      }
    },
    120_000,
  );

  it('--dry-run prints the plan and the diff and writes nothing', () => {
    const repo = fixture('lockstep-sdk');
    const before = snapshot(repo);
    const res = run(['bump', 'patch', '--group', 'sdk', '--dry-run', '--tag'], repo.dir, ENV);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain('+dependencies = ["acme-sdk-core==2.0.0"]');
    expect(res.stdout).toContain(
      'dry run: would bump acme-sdk-core 2.0.0a3 → 2.0.0, acme-sdk-tools 2.0.0a3 → 2.0.0, acme-sdk-cli 2.0.0a3 → 2.0.0 in packages/core/pyproject.toml',
    );
    expect(res.stdout).toContain(
      'commit "Bump version: 2.0.0a3 → 2.0.0", tag acme-sdk-core-v2.0.0, tag acme-sdk-tools-v2.0.0, tag acme-sdk-cli-v2.0.0; nothing was written',
    );
    expect(snapshot(repo)).toEqual(before);
    expect(repo.git('status', '--porcelain')).toBe('');
  });

  it('--commit --tag makes one commit and tags each member by its template', () => {
    const repo = fixture('lockstep-sdk');
    const res = run(['bump', 'patch', '--group', 'sdk', '--tag'], repo.dir, ENV);
    expect(res.code, res.stderr).toBe(0);
    expect(repo.git('tag', '--points-at', 'HEAD').split('\n').filter(Boolean)).toEqual([
      'acme-sdk-cli-v2.0.0',
      'acme-sdk-core-v2.0.0',
      'acme-sdk-tools-v2.0.0',
    ]);
    expect(repo.git('log', '--format=%s').split('\n').filter(Boolean)).toEqual(['Bump version: 2.0.0a3 → 2.0.0', 'init']);
    expect(repo.git('status', '--porcelain')).toBe('');
    expect(run(['check'], repo.dir).code).toBe(0);
  });

  it('--package of a member of a fixed group, a misspelt name, and --package with --group are usage errors', () => {
    const repo = fixture('lockstep-sdk');
    expect(run(['bump', 'patch', '--package', 'acme-sdk-core'], repo.dir, ENV)).toMatchObject({
      code: 2,
      stderr:
        'heimdall-version: --package: acme-sdk-core is in the fixed group "sdk" (acme-sdk-core, acme-sdk-tools, acme-sdk-cli), which has one version: bump --group sdk\n',
    });
    expect(run(['bump', 'patch', '--group', 'sdj'], repo.dir, ENV)).toMatchObject({
      code: 2,
      stderr:
        'heimdall-version: --group: no group is named "sdj"; did you mean "sdk"? (the packages: acme-sdk-cli, acme-sdk-core, acme-sdk-tools; the groups: sdk)\n',
    });
    expect(run(['bump', 'patch', '--group', 'sdk', '--package', 'acme-sdk-cli'], repo.dir, ENV).code).toBe(2);
    expect(repo.git('status', '--porcelain')).toBe('');
  });

  it('a range on a member that the new version would leave is refused before a byte is written', () => {
    const repo = fixture('lockstep-sdk');
    repo.write('packages/tools/pyproject.toml', repo.read('packages/tools/pyproject.toml').replace('acme-sdk-core==2.0.0a3', 'acme-sdk-core>=2.0.0a1,<2.1'));
    repo.commit('range');
    const before = snapshot(repo);
    const res = run(['bump', '2.1.0', '--group', 'sdk'], repo.dir, ENV);
    expect(res).toMatchObject({ code: 1 });
    expect(res.stderr).toBe(
      'heimdall-version: cannot bump sdk to 2.1.0; nothing was changed:\n  packages/tools/pyproject.toml:8:31: [project] dependencies requires acme-sdk-core >=2.0.0a1,<2.1, which excludes 2.1.0; widen it first\n',
    );
    expect(snapshot(repo)).toEqual(before);
  });
});

describe('bump --package where packages are versioned apart', () => {
  it('naming neither --package nor --group is a usage error listing them', () => {
    const repo = fixture('tag-prefixes');
    expect(run(['bump', 'patch'], repo.dir, ENV)).toMatchObject({
      code: 2,
      stdout: '',
      stderr:
        'heimdall-version: this workspace has 2 independently versioned packages or groups; name what to bump with --package NAME or --group NAME (the packages: weather-server, weather-client)\n',
    });
    expect(run(['bump', 'patch', '--package', 'weather-clinet'], repo.dir, ENV).stderr).toBe(
      'heimdall-version: --package: no package is named "weather-clinet"; did you mean "weather-client"? (the packages: weather-server, weather-client)\n',
    );
  });

  it('two packages tagged on one commit: --tag tags the one bumped by its own template, and both check', () => {
    const repo = fixture('tag-prefixes').tag('weather-server-v0.4.0').tag('weather-client@1.2.0');
    const res = run(['bump', 'minor', '--package', 'client', '--tag'], repo.dir, ENV);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain('tagged weather-client@1.3.0');
    expect(repo.read('client/pyproject.toml')).toBe('[project]\nname = "weather-client"\nversion = "1.3.0"\n');
    expect(repo.read('server/pyproject.toml')).toBe('[project]\nname = "weather-server"\nversion = "0.4.0"\n');
    expect(repo.git('tag', '--points-at', 'HEAD')).toBe('weather-client@1.3.0\n');
    expect(run(['bump', 'patch', '--package', 'weather-server', '--tag'], repo.dir, ENV).code).toBe(0);
    expect(repo.git('tag', '--points-at', 'HEAD')).toBe('weather-server-v0.4.1\n');
    expect(run(['check'], repo.dir)).toMatchObject({ code: 0, stdout: 'server 0.4.1 ✔\nclient 1.3.0 ✔\n\n✔ 2 packages checked\n' });
  });

  it('templated pins on the bumped package are left as they are', () => {
    const repo = fixture('templated-pins');
    const extras = repo.read('lib-extras/pyproject.toml');
    const res = run(['bump', 'patch', '--package', 'lib-core'], repo.dir, ENV);
    expect(res.code, res.stderr).toBe(0);
    expect(repo.read('lib-core/pyproject.toml')).toBe('[project]\nname = "lib-core"\nversion = "3.1.1"\n');
    expect(repo.read('lib-extras/pyproject.toml')).toBe(extras);
  });

  it('a member whose version comes from its tags is refused', () => {
    const repo = fixture('from-tags').tag('pkg-v1.2.0');
    const res = run(['bump', 'patch', '--package', 'pkg'], repo.dir, ENV);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('bump pkg: the version comes from git tags');
  });
});

describe('bump --group of a polyglot pair (a Python and an npm member)', () => {
  it("spells the version in each member's scheme and tags the shared template once, readable by both", () => {
    const repo = fixture('polyglot');
    const res = run(['bump', 'prerelease', '--group', 'weather', '--tag'], repo.dir, ENV);
    expect(res.code, res.stderr).toBe(0);
    expect(repo.read('npm/package.json')).toBe('{\n  "name": "@acme/weather-mcp",\n  "version": "1.3.0-rc.2",\n  "dependencies": {}\n}\n');
    expect(repo.read('python/src/weather_mcp/__init__.py')).toBe('__version__ = "1.3.0rc2"\n');
    expect(repo.git('tag', '--points-at', 'HEAD')).toBe('v1.3.0-rc.2\n');
    expect(run(['check'], repo.dir)).toMatchObject({ code: 0, stdout: 'python 1.3.0rc2 ✔\nnpm 1.3.0-rc.2 ✔\n\n✔ 2 packages checked\n' });
  });

  it.skipIf(!needs(canBuild, 'building the fixtures', 'apt install python3-build python3-setuptools python3-wheel'))(
    "the Python member's wheel has the version show prints, before and after",
    () => {
      const repo = fixture('polyglot');
      expect(builtWheelVersion(repo, 'python')).toBe('1.3.0rc1');
      expect(run(['bump', 'release', '--group', 'weather'], repo.dir, ENV).code).toBe(0);
      expect(run(['show', '--cwd', 'python'], repo.dir).stdout).toBe('1.3.0\n');
      expect(builtWheelVersion(repo, 'python')).toBe('1.3.0');
    },
    60_000,
  );
});

describe('a crash during bump --group --commit --tag', () => {
  const points: [string, 'old' | 'new'][] = [
    ['journal', 'old'],
    ['files:3', 'old'],
    ['written', 'old'],
    ['commit', 'old'],
    ['tag', 'new'],
    ['finish', 'new'],
  ];
  for (const [point, side] of points) {
    it(`at ${point}: recover gives all ${side}`, () => {
      const repo = fixture('lockstep-sdk');
      const before = snapshot(repo);
      const start = repo.git('rev-parse', 'HEAD').trim();
      const crashed = runWithFault(['bump', 'patch', '--group', 'sdk', '--tag'], repo.dir, `crash-at:${point}`, ENV);
      expect(crashed.code).not.toBe(0);
      expect(run(['recover'], repo.dir, ENV).code).toBe(0);
      expect(repo.git('status', '--porcelain')).toBe('');
      const tags = repo.git('tag', '--list').split('\n').filter(Boolean);
      if (side === 'old') {
        expect(repo.git('rev-parse', 'HEAD').trim()).toBe(start);
        expect({ files: snapshot(repo), tags }).toEqual({ files: before, tags: [] });
      } else {
        expect(repo.git('rev-parse', 'HEAD^').trim()).toBe(start);
        expect({ files: snapshot(repo), tags }).toEqual({
          files: lockstepAt(before, '2.0.0'),
          tags: ['acme-sdk-cli-v2.0.0', 'acme-sdk-core-v2.0.0', 'acme-sdk-tools-v2.0.0'],
        });
      }
      expect(run(['check'], repo.dir).code).toBe(0);
    });
  }

  it('a failure writing the fifth file leaves every file of the workspace as it was', () => {
    const repo = fixture('lockstep-sdk');
    const before = snapshot(repo);
    const res = runWithFault(['bump', 'patch', '--group', 'sdk'], repo.dir, 'fail-at:files:4', ENV);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('every file is as it was');
    expect(snapshot(repo)).toEqual(before);
  });
});

describe('release --package', () => {
  it("plans in the package's directory with its own tag, and a misspelt name is a usage error", () => {
    const repo = fixture('tag-prefixes');
    const res = run(['release', '--package', 'client', '--dry-run', '--upload'], repo.dir, ENV);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain('dry run: release 1.2.0 would take these steps');
    expect(res.stdout).toContain('tag: git tag -a weather-client@1.2.0 -m "Release weather-client@1.2.0"');
    expect(run(['release', '--package', 'weather-clint', '--dry-run'], repo.dir, ENV)).toMatchObject({
      code: 2,
      stderr:
        'heimdall-version: --package: no package is named "weather-clint"; did you mean "weather-client"? (the packages: weather-server, weather-client)\n',
    });
  });

  it.skipIf(!needs(canBuild, 'building the fixtures', 'apt install python3-build python3-setuptools python3-wheel twine'))(
    "builds in the member's directory and installs its wheel in the installed-version gate",
    () => {
      const repo = fixture('lockstep-sdk');
      // twine check wants a long description.
      repo.write('packages/core/README.md', '# acme-sdk-core\n');
      repo.write(
        'packages/core/pyproject.toml',
        repo.read('packages/core/pyproject.toml').replace('version = "2.0.0a3"\n', 'version = "2.0.0a3"\nreadme = "README.md"\n'),
      );
      repo.commit('readme');
      const res = run(['release', '--package', 'acme-sdk-core', '--no-upload', '--no-isolation', '--python', PY], repo.dir, ENV);
      expect(res.code, res.stdout + res.stderr).toBe(0);
      expect(readdirSync(repo.path('packages/core/dist')).sort()).toEqual(['acme-sdk-core-2.0.0a3.tar.gz', 'acme_sdk_core-2.0.0a3-py3-none-any.whl']);
    },
    120_000,
  );
});
