// The benchmark's fixtures: throwaway repositories in the layout of heimdall-mcp, made once per run
// (memoised by name) under the bench's temp directory.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const GIT_ENV = {
  ...process.env,
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'b',
  GIT_AUTHOR_EMAIL: 'b@example.invalid',
  GIT_COMMITTER_NAME: 'b',
  GIT_COMMITTER_EMAIL: 'b@example.invalid',
};

export const git = (cwd, ...args) => execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8', maxBuffer: 1 << 28 });

export const write = (dir, file, text) => {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), text);
};

/** Fixtures by name under `root`, each made on first use. */
export function fixtures(root) {
  const made = new Map();
  return (name, make) => {
    if (!made.has(name)) {
      const dir = path.join(root, name);
      mkdirSync(dir);
      make(dir);
      made.set(name, dir);
    }
    return made.get(name);
  };
}

/** Extra sources of a kind, each in its own file, as config entries (the file is written too). */
const EXTRA = {
  python: (dir, i) => (write(dir, `pkg${i}/__init__.py`, `"""Package ${i}."""\n__version__ = "0.0.0"\n`), { file: `pkg${i}/__init__.py`, type: 'python' }),
  regex: (dir, i) => (
    write(dir, `docs/page${i}.md`, `# Page ${i}\n\nInstall with \`pip install heimdall-mcp==0.0.0\`.\n`),
    { file: `docs/page${i}.md`, type: 'regex', pattern: 'heimdall-mcp==(?<version>[0-9][0-9A-Za-z.+-]*)' }
  ),
  json: (dir, i) => (
    write(dir, `web${i}/package.json`, `${JSON.stringify({ name: `web${i}`, version: '0.0.0', private: true }, null, 2)}\n`),
    { file: `web${i}/package.json`, type: 'json', key: 'version' }
  ),
};

/**
 * A heimdall-mcp-shaped repository at 1.0.0 whose history carries `tags` older version tags (packed,
 * as after a clone, unless `loose`), `sources` sources in all (the extra ones of `kinds`, in turn),
 * and a pyproject padded to about `pyprojectBytes`.
 */
export function heimdall(dir, { tags = 0, loose = false, sources = 0, kinds = ['python'], pyprojectBytes = 0 } = {}) {
  git(dir, 'init', '-q', '-b', 'main');
  const padding = pyprojectBytes
    ? `\n[tool.padding]\n${Array.from({ length: Math.ceil(pyprojectBytes / 40) }, (_, i) => `key_${i} = "value ${'x'.repeat(20)}"`).join('\n')}\n`
    : '';
  write(dir, 'pyproject.toml', `[project]\nname = "heimdall-mcp"\nversion = "0.0.0"\n${padding}`);
  write(dir, 'cognitive_memory/core/version.py', `try:\n    SYSTEM_VERSION = version("heimdall-mcp")\nexcept Exception:\n    SYSTEM_VERSION = "0.0.0"\n`);
  const files = ['pyproject.toml', 'cognitive_memory/core/version.py'];
  if (sources) {
    const list = [
      { file: 'pyproject.toml', type: 'toml', primary: true },
      { file: 'cognitive_memory/core/version.py', type: 'python' },
    ];
    for (let i = 0; i < sources - 2; i++) list.push(EXTRA[kinds[i % kinds.length]](dir, i));
    files.push(...list.slice(2).map((s) => s.file));
    write(dir, '.heimdallrc.json', JSON.stringify({ sources: list }));
  }
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'old');
  const old = git(dir, 'rev-parse', 'HEAD').trim();
  if (tags) {
    const refs = Array.from({ length: tags }, (_, i) => `create refs/tags/v0.${Math.floor(i / 1000)}.${i % 1000} ${old}\n`).join('');
    execFileSync('git', ['update-ref', '--stdin'], { cwd: dir, env: GIT_ENV, input: refs });
    if (!loose) git(dir, 'pack-refs', '--all'); // as after a clone or gc
  }
  for (const f of files) {
    const file = path.join(dir, f);
    writeFileSync(file, readFileSync(file, 'utf8').replaceAll('0.0.0', '1.0.0'));
  }
  git(dir, 'commit', '-q', '-am', 'current');
  return dir;
}

/** The heimdall layout with a bump2version / bump-my-version configuration for its two sources. */
export function bumpversionConfigured(dir, file = '.bumpversion.cfg') {
  heimdall(dir);
  const sections =
    file === '.bumpversion.cfg'
      ? ['[bumpversion]', 'current_version = 1.0.0', '', '[bumpversion:file:pyproject.toml]']
      : ['[tool.bumpversion]', 'current_version = "1.0.0"', '', '[[tool.bumpversion.files]]', 'filename = "pyproject.toml"'];
  const search = (s, r) => (file === '.bumpversion.cfg' ? [`search = ${s}`, `replace = ${r}`, ''] : [`search = '${s}'`, `replace = '${r}'`, '']);
  const text = [
    ...sections,
    ...search('version = "{current_version}"', 'version = "{new_version}"'),
    ...(file === '.bumpversion.cfg'
      ? ['[bumpversion:file:cognitive_memory/core/version.py]']
      : ['[[tool.bumpversion.files]]', 'filename = "cognitive_memory/core/version.py"']),
    ...search('SYSTEM_VERSION = "{current_version}"', 'SYSTEM_VERSION = "{new_version}"'),
  ].join('\n');
  write(dir, file, text);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'bumpversion config');
  return dir;
}

/** A small hatchling project with its wheel and sdist built into dist/ (offline, by /usr/bin/python3). */
export function builtProject(dir, python) {
  write(
    dir,
    'pyproject.toml',
    `[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n\n[project]\nname = "bench-pkg"\nversion = "1.0.0"\n\n[tool.hatch.build.targets.wheel]\npackages = ["bench_pkg"]\n`,
  );
  write(dir, 'bench_pkg/__init__.py', '__version__ = "1.0.0"\n');
  execFileSync(python, ['-m', 'build', '--no-isolation', '--skip-dependency-check', '--outdir', 'dist', '.'], { cwd: dir, stdio: 'ignore' });
  return dir;
}
