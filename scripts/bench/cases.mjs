// The benchmark's cases, one entry each. A case names what it measures, the command (ours: the copy
// installed from the packed tarball), the baseline it is timed against, interleaved, and the target
// for the ratio ours / baseline (none: measured and printed only). Adding a case is adding an entry.
//
//   name      what the row says
//   command   (ctx) => { argv, cwd }: usually ctx.hv(dir, ...args), the installed CLI
//   baseline  (ctx) => { argv, cwd }
//   target    the highest acceptable ratio, or undefined
//   rssMiB    optional: the highest acceptable peak RSS of the command, in MiB
//   prepare   optional: (ctx) => void, run before every timed run of either side (e.g. a reset)
//   skip      optional: (ctx) => a reason to skip the case (printed), or undefined
//   runs      optional: timed rounds for a slow case (default BENCH_RUNS, 15)
//
// ctx: hv(cwd, ...args), node(cwd, ...args), fixture(name, (dir) => …) (made once, memoised),
// python (the interpreter for the release cases), has(program) and the fixture builders below.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bumpversionConfigured, builtProject, git, heimdall } from './fixtures.mjs';
import { AUDIT_CASES } from './audit-cases.mjs';
import { WORKSPACE_CASES } from './workspace-cases.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const tagged = (ctx, tags, loose = false) => ctx.fixture(`tags-${tags}${loose ? '-loose' : ''}`, (d) => heimdall(d, { tags, loose }));
const plain = (ctx) => ctx.fixture('heimdall', (d) => heimdall(d));
const nodeE0 = (ctx) => ctx.node(plain(ctx), '-e', '0');
const resetWorkTree = (dir) => git(dir, 'checkout', '-q', '--', '.');
const bumpFixture = (ctx) => ctx.fixture('bump-ours', (d) => heimdall(d));
const bumpversionFixture = (ctx) => ctx.fixture('bump-bumpversion', (d) => bumpversionConfigured(d));
const bumpversionPatch = (ctx) => ({ argv: ['bumpversion', '--allow-dirty', 'patch'], cwd: bumpversionFixture(ctx) });
const needsBumpversion = (ctx) =>
  ctx.has('bumpversion') ? undefined : 'bumpversion is not installed (Debian: apt-get install bumpversion; the bench installs it when run as root)';

/** The steps of `verify --dist` done by hand with the same tools: two environments, pip, the sdist's wheel built, each asked its version. */
const PLAIN_VERIFY = `
set -e
py="$1"; dist="$2"; t="$(mktemp -d)"; trap 'rm -rf "$t"' EXIT
ask='import importlib.metadata as m, bench_pkg; assert m.version("bench-pkg") == bench_pkg.__version__ == "1.0.0"'
"$py" -m venv --without-pip "$t/a"
"$py" -I -m pip --python "$t/a/bin/python" --disable-pip-version-check --no-input install --no-deps --no-index --no-cache-dir --quiet "$dist"/*.whl
"$t/a/bin/python" -I -c "$ask"
mkdir "$t/src"; tar -xzf "$dist"/*.tar.gz -C "$t/src"
"$py" -m build --wheel --no-isolation --skip-dependency-check --outdir "$t/w" "$t"/src/* >/dev/null
"$py" -m venv --without-pip "$t/b"
"$py" -I -m pip --python "$t/b/bin/python" --disable-pip-version-check --no-input install --no-deps --no-index --no-cache-dir --quiet "$t"/w/*.whl
"$t/b/bin/python" -I -c "$ask"
`;

export const CASES = [
  {
    name: 'check / node -e 0',
    command: (ctx) => ctx.hv(tagged(ctx, 1000), 'check'),
    baseline: nodeE0,
    target: 1.25,
  },
  {
    name: 'check --staged (the hook) / node -e 0',
    command: (ctx) => ctx.hv(tagged(ctx, 1000), 'check', '--staged'),
    baseline: nodeE0,
    target: 1.35,
  },
  {
    // The floor for a hook that asks git anything: Node plus one git process.
    name: 'node starting one git / node -e 0',
    command: (ctx) => ctx.node(tagged(ctx, 1000), '-e', "require('child_process').spawnSync('git', ['rev-parse', '--git-dir'])"),
    baseline: nodeE0,
  },
  {
    name: 'check, 10,000 loose tag refs / 10',
    command: (ctx) => ctx.hv(tagged(ctx, 10000, true), 'check'),
    baseline: (ctx) => ctx.hv(tagged(ctx, 10, true), 'check'),
    target: 1.5,
  },
  {
    // Its floor: Node opening the 10,000 files the exact answer is in, and nothing else.
    name: 'node reading 10,000 ref files / check, 10',
    command: (ctx) => ctx.node(tagged(ctx, 10000, true), path.join(HERE, 'ref-files-floor.cjs')),
    baseline: (ctx) => ctx.hv(tagged(ctx, 10, true), 'check'),
  },
  {
    name: 'check, 10,000 packed tags / 10',
    command: (ctx) => ctx.hv(tagged(ctx, 10000), 'check'),
    baseline: (ctx) => ctx.hv(tagged(ctx, 10), 'check'),
    target: 1.2,
  },
  {
    name: 'check, 500 / 4 sources (regex, json)',
    command: (ctx) =>
      ctx.hv(
        ctx.fixture('sources-500-regex-json', (d) => heimdall(d, { sources: 500, kinds: ['regex', 'json'] })),
        'check',
      ),
    baseline: (ctx) =>
      ctx.hv(
        ctx.fixture('sources-4-regex-json', (d) => heimdall(d, { sources: 4, kinds: ['regex', 'json'] })),
        'check',
      ),
    target: 2,
  },
  {
    // Decision 4: missed, and accepted; measured to see it move.
    name: 'check, 500 / 3 sources (python)',
    command: (ctx) =>
      ctx.hv(
        ctx.fixture('sources-500-python', (d) => heimdall(d, { sources: 500 })),
        'check',
      ),
    baseline: (ctx) =>
      ctx.hv(
        ctx.fixture('sources-3-python', (d) => heimdall(d, { sources: 3 })),
        'check',
      ),
  },
  {
    name: 'check, 5 MB pyproject / heimdall',
    command: (ctx) =>
      ctx.hv(
        ctx.fixture('pyproject-5mb', (d) => heimdall(d, { pyprojectBytes: 5_000_000 })),
        'check',
      ),
    baseline: (ctx) => ctx.hv(plain(ctx), 'check'),
    target: 12,
    rssMiB: 120,
  },
  {
    // What the code cache pays: a read-only install never writes one.
    name: 'check, no code cache (read-only) / with',
    command: (ctx) => ctx.hvReadOnly(tagged(ctx, 1000), 'check'),
    baseline: (ctx) => ctx.hv(tagged(ctx, 1000), 'check'),
  },
  {
    name: 'bump patch --dry-run / bumpversion --dry-run',
    skip: needsBumpversion,
    command: (ctx) => ctx.hv(bumpFixture(ctx), 'bump', 'patch', '--dry-run'),
    baseline: (ctx) => ({
      argv: ['bumpversion', '--dry-run', '--allow-dirty', 'patch'],
      cwd: bumpversionFixture(ctx),
    }),
    target: 1,
  },
  {
    name: 'bump patch / bumpversion patch',
    skip: needsBumpversion,
    command: (ctx) => ctx.hv(bumpFixture(ctx), 'bump', 'patch'),
    baseline: bumpversionPatch,
    prepare: (ctx) => {
      resetWorkTree(bumpFixture(ctx));
      resetWorkTree(bumpversionFixture(ctx));
    },
    target: 0.5,
  },
  {
    // Its floor: Node's own start against the same bumpversion run.
    name: 'node -e 0 / bumpversion patch',
    skip: needsBumpversion,
    command: (ctx) => ctx.node(bumpFixture(ctx), '-e', '0'),
    baseline: bumpversionPatch,
    prepare: (ctx) => resetWorkTree(bumpversionFixture(ctx)),
  },
  {
    name: 'bump patch / bump-my-version bump patch',
    skip: (ctx) =>
      ctx.has('bump-my-version')
        ? undefined
        : 'bump-my-version is not installed (pip install bump-my-version; it is not in the local package index and PyPI is not reachable here)',
    command: (ctx) => ctx.hv(bumpFixture(ctx), 'bump', 'patch'),
    baseline: (ctx) => ({
      argv: ['bump-my-version', 'bump', '--allow-dirty', 'patch'],
      cwd: ctx.fixture('bump-bump-my-version', (d) => bumpversionConfigured(d, '.bumpversion.toml')),
    }),
    prepare: (ctx) => {
      resetWorkTree(bumpFixture(ctx));
      resetWorkTree(ctx.fixture('bump-bump-my-version', (d) => bumpversionConfigured(d, '.bumpversion.toml')));
    },
    target: 0.5,
  },
  {
    name: 'verify --dist / the same steps by hand',
    skip: (ctx) => {
      try {
        execFileSync(ctx.python, ['-c', 'import build, hatchling, pip, venv'], { stdio: 'ignore' });
        return undefined;
      } catch {
        return `${ctx.python} lacks build, hatchling, pip or venv (Debian: apt-get install python3-build python3-hatchling python3-pip python3-venv)`;
      }
    },
    command: (ctx) =>
      ctx.hv(
        ctx.fixture('built', (d) => builtProject(d, ctx.python)),
        'verify',
        '--dist',
        'dist',
        '--python',
        ctx.python,
      ),
    baseline: (ctx) => ({ argv: ['sh', '-c', PLAIN_VERIFY, 'sh', ctx.python, 'dist'], cwd: ctx.fixture('built', (d) => builtProject(d, ctx.python)) }),
    target: 0.8,
    runs: 5,
  },
  ...AUDIT_CASES,
  ...WORKSPACE_CASES,
];
