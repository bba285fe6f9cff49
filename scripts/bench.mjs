// npm run bench: heimdall-version's speed against its baselines, measured side by side.
// Each case runs ours and its baseline interleaved, after a warm-up, and prints medians and
// the ratio ours / baseline. Figures depend on the machine; the ratios are what to compare.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Node reads the certificates NODE_EXTRA_CA_CERTS names at every start, before any script runs (a
// whole CA bundle costs tens of milliseconds). No command measured here opens a connection, and the
// baselines differ in whether they pay it (node -e 0 does, bumpversion does not): every run is
// measured without it, so that the ratios compare the tools rather than this machine's settings.
const extraCerts = process.env.NODE_EXTRA_CA_CERTS;
delete process.env.NODE_EXTRA_CA_CERTS;

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bin/heimdall-version.cjs');
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const WARMUP = 3;
const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'b',
  GIT_AUTHOR_EMAIL: 'b@example.invalid',
  GIT_COMMITTER_NAME: 'b',
  GIT_COMMITTER_EMAIL: 'b@example.invalid',
};
const root = mkdtempSync(path.join(os.tmpdir(), 'hv-bench-'));
process.on('exit', () => rmSync(root, { recursive: true, force: true }));

const git = (cwd, ...args) => execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8', maxBuffer: 1 << 28 });
const write = (dir, file, text) => {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), text);
};

/** A heimdall-mcp-shaped repository at 1.0.0 whose history carries `tags` older version tags. */
function fixture(name, { tags = 0, sources = 0, pyprojectBytes = 0 } = {}) {
  const dir = path.join(root, name);
  mkdirSync(dir);
  git(dir, 'init', '-q', '-b', 'main');
  const padding = pyprojectBytes
    ? `\n[tool.padding]\n${Array.from({ length: Math.ceil(pyprojectBytes / 40) }, (_, i) => `key_${i} = "value ${'x'.repeat(20)}"`).join('\n')}\n`
    : '';
  write(dir, 'pyproject.toml', `[project]\nname = "heimdall-mcp"\nversion = "0.0.0"\n${padding}`);
  write(dir, 'cognitive_memory/core/version.py', `try:\n    SYSTEM_VERSION = version("heimdall-mcp")\nexcept Exception:\n    SYSTEM_VERSION = "0.0.0"\n`);
  if (sources) {
    const list = [
      { file: 'pyproject.toml', type: 'toml', primary: true },
      { file: 'cognitive_memory/core/version.py', type: 'python' },
    ];
    for (let i = 0; i < sources - 2; i++) {
      write(dir, `pkg${i}/__init__.py`, `"""Package ${i}."""\n__version__ = "0.0.0"\n`);
      list.push({ file: `pkg${i}/__init__.py`, type: 'python' });
    }
    write(dir, '.heimdallrc.json', JSON.stringify({ sources: list }));
  }
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'old');
  const old = git(dir, 'rev-parse', 'HEAD').trim();
  if (tags) {
    const refs = Array.from({ length: tags }, (_, i) => `create refs/tags/v0.${Math.floor(i / 1000)}.${i % 1000} ${old}\n`).join('');
    execFileSync('git', ['update-ref', '--stdin'], { cwd: dir, input: refs });
    git(dir, 'pack-refs', '--all'); // as after a clone or gc
  }
  for (const f of [
    'pyproject.toml',
    'cognitive_memory/core/version.py',
    ...Array.from({ length: Math.max(0, sources - 2) }, (_, i) => `pkg${i}/__init__.py`),
  ]) {
    const file = path.join(dir, f);
    writeFileSync(file, readFileSync(file, 'utf8').replace('"0.0.0"', '"1.0.0"'));
  }
  git(dir, 'commit', '-q', '-am', 'current');
  return dir;
}

function time(argv, cwd, env = process.env) {
  const start = process.hrtime.bigint();
  const res = spawnSync(argv[0], argv.slice(1), { cwd, env, stdio: 'ignore' });
  if (res.error) throw res.error;
  // A command that fails fast would look fast: every measured run must succeed.
  if (res.status !== 0) throw new Error(`${argv.join(' ')} exited with ${res.status} in ${cwd}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Peak resident memory of a command in MB, from the kernel's accounting of finished children. */
function peakRss(argv, cwd) {
  const py = spawnSync(
    'python3',
    [
      '-c',
      'import resource,subprocess,sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)',
      ...argv,
    ],
    { cwd, encoding: 'utf8' },
  );
  return py.status === 0 ? Number(py.stdout.trim()) / 1024 : NaN;
}

/** npm pack of this checkout, installed globally under the bench's temp dir; returns its bin. */
function installFromTarball(name) {
  const dir = path.join(root, name);
  mkdirSync(dir);
  const tarball = execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', dir], {
    cwd: path.dirname(path.dirname(BIN)),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }).trim();
  execFileSync('npm', ['install', '--global', '--no-audit', '--no-fund', '--prefer-offline', path.join(dir, tarball)], {
    env: { ...process.env, NPM_CONFIG_PREFIX: path.join(dir, 'prefix') },
    stdio: 'ignore',
  });
  return path.join(dir, 'prefix', 'lib', 'node_modules', 'heimdall-version', 'bin', 'heimdall-version.cjs');
}

const rows = [];
function compare(name, ours, baseline, target, { prepare } = {}) {
  const a = [];
  const b = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    prepare?.();
    const x = time(ours.argv, ours.cwd);
    prepare?.();
    const y = time(baseline.argv, baseline.cwd);
    if (i >= WARMUP) a.push(x), b.push(y);
  }
  const ratio = median(a) / median(b);
  rows.push({ name, ours: median(a), baseline: median(b), ratio, target, ok: target === undefined ? '' : ratio <= target ? 'ok' : 'OVER' });
  printRow(rows.at(-1));
}

function printRow(r) {
  const target = r.target === undefined ? '' : `≤ ${r.target}`;
  console.log(
    `${r.name.padEnd(46)} ${r.ours.toFixed(1).padStart(8)} ${r.baseline.toFixed(1).padStart(9)} ${r.ratio.toFixed(2).padStart(6)} ${target.padStart(7)} ${r.ok}`,
  );
}

function ensureBumpversion() {
  if (spawnSync('bumpversion', ['--help'], { stdio: 'ignore' }).status === 0) return true;
  if (process.getuid?.() === 0) {
    console.log("installing Debian's bumpversion (bump2version) to compare with…");
    spawnSync('apt-get', ['install', '-y', '-qq', 'bumpversion'], { stdio: 'ignore' });
    if (spawnSync('bumpversion', ['--help'], { stdio: 'ignore' }).status === 0) return true;
  }
  console.log('bumpversion is missing (Debian: apt-get install bumpversion): the bump comparisons are skipped');
  return false;
}

function bumpversionFixture(name) {
  const dir = fixture(name);
  write(
    dir,
    '.bumpversion.cfg',
    [
      '[bumpversion]',
      'current_version = 1.0.0',
      '',
      '[bumpversion:file:pyproject.toml]',
      'search = version = "{current_version}"',
      'replace = version = "{new_version}"',
      '',
      '[bumpversion:file:cognitive_memory/core/version.py]',
      'search = SYSTEM_VERSION = "{current_version}"',
      'replace = SYSTEM_VERSION = "{new_version}"',
      '',
    ].join('\n'),
  );
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'bumpversion config');
  return dir;
}

console.log(`heimdall-version benchmark (${RUNS} runs after ${WARMUP} warm-up, medians in ms; node ${process.version}, ${os.cpus().length} cpus)`);
if (extraCerts) console.log(`NODE_EXTRA_CA_CERTS (${extraCerts}) is set here; every run is measured without it (it costs each Node start, not the tools)`);
console.log('');
console.log(`${'case'.padEnd(46)} ${'ours'.padStart(8)} ${'baseline'.padStart(9)} ${'ratio'.padStart(6)} ${'target'.padStart(7)}`);
const ours = (dir, ...args) => ({ argv: [process.execPath, BIN, ...args], cwd: dir });

const t1000 = fixture('tags-1000', { tags: 1000 });
compare('check, 1,000 tags / node -e 0', ours(t1000, 'check'), { argv: [process.execPath, '-e', '0'], cwd: t1000 }, 1.5);
// What a pre-commit hook runs: the sources come from the index, through one git process.
compare('check --staged (a hook), 1,000 tags / node -e 0', ours(t1000, 'check', '--staged'), { argv: [process.execPath, '-e', '0'], cwd: t1000 });
// As users get it: installed from the packed tarball (npm pack, npm install --global); its code
// cache is written by its first run. A read-only install never writes one: the ratio of the two is
// what the cache pays.
const installed = installFromTarball('installed');
const readOnly = installFromTarball('installed-read-only');
execFileSync('chmod', ['-R', 'a-w', path.dirname(path.dirname(readOnly))]);
process.on('exit', () => spawnSync('chmod', ['-R', 'u+w', path.dirname(path.dirname(readOnly))]));
const asInstalled = (bin, dir, ...args) => ({ argv: [process.execPath, bin, ...args], cwd: dir });
compare('check installed from the tarball / node -e 0', asInstalled(installed, t1000, 'check'), { argv: [process.execPath, '-e', '0'], cwd: t1000 }, 1.5);
compare('installed: no code cache (read-only) / with it', asInstalled(readOnly, t1000, 'check'), asInstalled(installed, t1000, 'check'));
const t10 = fixture('tags-10', { tags: 10 });
const t10000 = fixture('tags-10000', { tags: 10000 });
compare('check, 10,000 tags / 10 tags', ours(t10000, 'check'), ours(t10, 'check'), 1.2);
const s3 = fixture('sources-3', { sources: 3 });
const s500 = fixture('sources-500', { sources: 500 });
compare('check, 500 sources / 3 sources', ours(s500, 'check'), ours(s3, 'check'), 2);
const big = fixture('pyproject-5mb', { pyprojectBytes: 5_000_000 });
const half = fixture('pyproject-500kb', { pyprojectBytes: 500_000 });
compare('check, 5 MB pyproject / 500 kB (linear: ≤ 10)', ours(big, 'check'), ours(half, 'check'), 10);

if (ensureBumpversion()) {
  const mine = fixture('bump-ours');
  const theirs = bumpversionFixture('bump-bumpversion');
  compare(
    'bump patch --dry-run / bumpversion --dry-run',
    ours(mine, 'bump', 'patch', '--dry-run'),
    { argv: ['bumpversion', '--dry-run', '--allow-dirty', 'patch'], cwd: theirs },
    1,
  );
  const reset = () => {
    git(mine, 'checkout', '-q', '--', '.');
    git(theirs, 'checkout', '-q', '--', '.');
  };
  compare('bump patch / bumpversion patch', ours(mine, 'bump', 'patch'), { argv: ['bumpversion', '--allow-dirty', 'patch'], cwd: theirs }, 1, {
    prepare: reset,
  });
  reset();
}

const rss = peakRss([process.execPath, BIN, 'check'], t1000);
console.log(`\npeak RSS of check (1,000 tags): ${rss.toFixed(1)} MB (target < 80 MB)${rss < 80 ? '' : ' OVER'}`);
const over = rows.filter((r) => r.ok === 'OVER').length + (rss < 80 ? 0 : 1);
console.log(over ? `${over} target(s) missed` : 'every target met');
