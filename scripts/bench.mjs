// npm run bench [-- NAME…]: heimdall-version's speed against its baselines, measured side by side
// on the copy installed from the packed tarball. The cases are a table (scripts/bench/cases.mjs);
// naming some runs only the cases whose names contain one of the words.
//
// Each case runs its command and its baseline in alternating order, round after round, after a
// warm-up; its ratio is the median of the rounds' ratios (ours / baseline). The noise is the
// spread of the baseline's own runs: their interquartile range over their median. A ratio above
// the target is "missed" (exit 1) only when it is above target × (1 + noise); between the two it
// is "within noise", which fails nothing but says to measure again on a quieter machine.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CASES } from './bench/cases.mjs';
import { fixtures, heimdall } from './bench/fixtures.mjs';

// Node reads the certificates NODE_EXTRA_CA_CERTS names at every start, before any script runs (a
// whole CA bundle costs tens of milliseconds). No command measured here opens a connection, and the
// baselines differ in whether they pay it (node -e 0 does, bumpversion does not): every run is
// measured without it, so that the ratios compare the tools rather than this machine's settings.
const extraCerts = process.env.NODE_EXTRA_CA_CERTS;
delete process.env.NODE_EXTRA_CA_CERTS;

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const WARMUP = 3;
const only = process.argv.slice(2);
const root = mkdtempSync(path.join(os.tmpdir(), 'hv-bench-'));
const cleanups = [() => rmSync(root, { recursive: true, force: true })];
process.on('exit', () => {
  for (const c of cleanups.reverse()) c();
});

/** npm pack of this checkout, installed globally under the bench's temp dir; returns its bin. */
function installFromTarball(name) {
  const dir = path.join(root, name);
  mkdirSync(dir);
  const tarball = execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', dir], {
    cwd: REPO,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }).trim();
  execFileSync('npm', ['install', '--global', '--no-audit', '--no-fund', '--prefer-offline', path.join(dir, tarball)], {
    env: { ...process.env, NPM_CONFIG_PREFIX: path.join(dir, 'prefix') },
    stdio: 'ignore',
  });
  return path.join(dir, 'prefix', 'lib', 'node_modules', 'heimdall-version', 'bin', 'heimdall-version.cjs');
}

const has = (program) => spawnSync(program, ['--help'], { stdio: 'ignore' }).status === 0;

function ensureBumpversion() {
  if (has('bumpversion') || process.getuid?.() !== 0) return;
  console.log("installing Debian's bumpversion (bump2version) to compare with…");
  spawnSync('apt-get', ['install', '-y', '-qq', 'bumpversion'], { stdio: 'ignore' });
}

function time({ argv, cwd }) {
  const start = process.hrtime.bigint();
  const res = spawnSync(argv[0], argv.slice(1), { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  if (res.error) throw res.error;
  // A command that fails fast would look fast: every measured run must succeed.
  if (res.status !== 0) throw new Error(`${argv.join(' ')} exited with ${res.status} in ${cwd}:\n${res.stderr}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (at - lo);
}
const median = (xs) => quantile(xs, 0.5);

/** Peak resident memory of a command in MiB (the median of three), from the kernel's accounting of finished children. */
function peakRss({ argv, cwd }) {
  const runs = [1, 2, 3].map(() => {
    const py = spawnSync(
      'python3',
      [
        '-c',
        'import resource,subprocess,sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)',
        ...argv,
      ],
      { cwd, encoding: 'utf8' },
    );
    return py.status === 0 ? Number(py.stdout.trim()) / 1024 : Number.NaN;
  });
  return median(runs);
}

function measure(c, ctx) {
  const ours = c.command(ctx);
  const baseline = c.baseline(ctx);
  const runs = c.runs ?? RUNS;
  const a = [];
  const b = [];
  for (let i = 0; i < WARMUP + runs; i++) {
    // Alternating which goes first keeps an order effect (a cache the first warms) out of the ratio.
    const run = (spec) => (c.prepare?.(ctx), time(spec));
    let x;
    let y;
    if (i % 2) (y = run(baseline)), (x = run(ours));
    else (x = run(ours)), (y = run(baseline));
    if (i >= WARMUP) a.push(x), b.push(y);
  }
  const ratio = median(a.map((x, i) => x / b[i]));
  const noise = (quantile(b, 0.75) - quantile(b, 0.25)) / median(b);
  const rss = c.rssMiB === undefined ? undefined : peakRss(ours);
  let verdict = '';
  if (c.target !== undefined) verdict = ratio <= c.target ? 'met' : ratio <= c.target * (1 + noise) ? 'within noise' : 'MISSED';
  if (rss !== undefined && !(rss < c.rssMiB)) verdict = verdict === 'MISSED' ? 'MISSED (time and peak RSS)' : `MISSED (peak RSS; time ${verdict})`;
  return { ours: median(a), baseline: median(b), ratio, noise, rss, verdict };
}

const COLUMNS = [
  ['case', 46, (c) => c.name],
  ['ours ms', 8, (_, r) => r.ours.toFixed(1)],
  ['base ms', 8, (_, r) => r.baseline.toFixed(1)],
  ['ratio', 6, (_, r) => r.ratio.toFixed(2)],
  ['noise', 6, (_, r) => `±${Math.round(r.noise * 100)}%`],
  ['target', 7, (c) => (c.target === undefined ? '' : `≤ ${c.target}`)],
  ['peak RSS', 17, (c, r) => (r.rss === undefined ? '' : `${r.rss.toFixed(0)} MiB (< ${c.rssMiB})`)],
  ['verdict', 0, (_, r) => r.verdict],
];
const line = (cells) => cells.map((cell, i) => (i === 0 ? cell.padEnd(COLUMNS[i][1]) : cell.padStart(COLUMNS[i][1]))).join(' ');

const selected = CASES.filter((c) => only.length === 0 || only.some((word) => c.name.includes(word)));
if (selected.length === 0) {
  console.error(`no case matches ${only.join(', ')}; the cases:\n${CASES.map((c) => `  ${c.name}`).join('\n')}`);
  process.exit(2);
}
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
console.log(
  `heimdall-version benchmark: ${RUNS} rounds after ${WARMUP} warm-up, ours and baseline alternating; node ${process.version}, ${os.cpus().length} cpus`,
);
console.log(`load average at the start: ${load()}`);
if (extraCerts) console.log(`NODE_EXTRA_CA_CERTS (${extraCerts}) is set here; every run is measured without it (it costs each Node start, not the tools)`);
console.log("ratio: the median of the rounds' ours/baseline; noise: the interquartile range of the baseline's runs over their median;");
console.log('a ratio above target × (1 + noise) is MISSED (exit 1), above the target but within that is "within noise".\n');

if (selected.some((c) => c.name.includes('bumpversion'))) ensureBumpversion();
const installed = installFromTarball('installed');
let readOnly;
const ctx = {
  python: process.env.BENCH_PYTHON ?? '/usr/bin/python3',
  has,
  fixture: fixtures(path.join(root, 'fixtures')),
  hv: (cwd, ...args) => ({ argv: [process.execPath, installed, ...args], cwd }),
  node: (cwd, ...args) => ({ argv: [process.execPath, ...args], cwd }),
  // A second install made read-only: it never writes its code cache.
  hvReadOnly: (cwd, ...args) => {
    if (!readOnly) {
      readOnly = installFromTarball('installed-read-only');
      const top = path.dirname(path.dirname(readOnly));
      execFileSync('chmod', ['-R', 'a-w', top]);
      cleanups.push(() => spawnSync('chmod', ['-R', 'u+w', top]));
    }
    return { argv: [process.execPath, readOnly, ...args], cwd };
  },
};
mkdirSync(path.join(root, 'fixtures'));
// An installed copy writes its code cache after its first check (what a hook runs), and no other command
// writes it: one check first, so that every case measures the copy as it is after a user's first commit,
// whichever cases are selected (a bump measured alone ran without the cache, 25 ms more).
spawnSync(process.execPath, [installed, 'check'], { cwd: ctx.fixture('warm-up', (d) => heimdall(d)), stdio: 'ignore' });

console.log(line(COLUMNS.map(([title]) => title)));
const results = [];
for (const c of selected) {
  const why = c.skip?.(ctx);
  if (why) {
    console.log(line([c.name, '', '', '', '', c.target === undefined ? '' : `≤ ${c.target}`, '', `SKIPPED: ${why}`]));
    results.push({ verdict: 'skipped' });
    continue;
  }
  const r = measure(c, ctx);
  results.push(r);
  console.log(line(COLUMNS.map(([, , cell]) => cell(c, r))));
}
console.log(`\nload average at the end: ${load()}`);
const count = (v) => results.filter((r) => r.verdict === v).length;
const missed = results.filter((r) => r.verdict.startsWith('MISSED')).length;
console.log(
  `${count('met')} met, ${count('within noise')} within noise, ${missed} missed, ${count('skipped')} skipped, ${results.filter((r) => r.verdict === '').length} without a target`,
);
process.exitCode = missed ? 1 : 0;
