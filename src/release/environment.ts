// Throwaway Python environments: create one with the release interpreter, install into it, and
// ask the installed package its version (probe.ts). Every process gets argv, never a shell.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { throwawayEnv, type Environment, type StepContext } from './context.js';
import { PROBE, probeFindings, type Findings, type ProbeExpectation, type ProbeReport } from './probe.js';
import { execute } from './run-command.js';
import { StepFailed } from './outcome.js';
export type { Environment } from './context.js';

const PIP_OPTIONS = ['--disable-pip-version-check', '--no-input', 'install'];

/** Runs a part of a step; a non-zero exit is a finding (StepFailed), not a crash. */
export async function part(ctx: StepContext, name: string, argv: string[], cwd: string, failure: string, shown?: string): Promise<void> {
  const res = await execute(ctx, name, argv, { cwd, env: throwawayEnv(ctx), part: true, ...(shown ? { shown } : {}) });
  if (res.spawnError) throw new StepFailed('part-not-started', `${failure}: ${argv[0]} could not start (${res.spawnError})`);
  if (res.code !== 0) throw new StepFailed('part-failed', `${failure} (exit code ${res.code}; its output is above)`);
}

/**
 * A fresh venv without pip (instant); pip comes from the release interpreter, run by the
 * environment's own interpreter through pip's runner (what `pip --python` does after relaunching
 * itself: pip 22.3 and later), or, when that has none, is put into the environment with ensurepip.
 */
export async function createEnvironment(ctx: StepContext, purpose: string): Promise<Environment> {
  const home = ctx.scratch.make(purpose);
  const dir = path.join(home, 'env');
  await part(ctx, 'venv', [ctx.release.python, '-m', 'venv', '--without-pip', dir], home, `${ctx.release.python} -m venv could not create an environment`);
  const bin = path.join(dir, process.platform === 'win32' ? 'Scripts' : 'bin');
  const python = path.join(bin, process.platform === 'win32' ? 'python.exe' : 'python');
  const runner = outerPipRunner(ctx.release.python);
  if (runner) return { home, python, bin, pip: [python, '-I', runner, ...PIP_OPTIONS] };
  await part(ctx, 'ensurepip', [python, '-I', '-m', 'ensurepip', '--default-pip'], home, 'pip could not be put into the environment');
  return { home, python, bin, pip: [python, '-I', '-m', 'pip', ...PIP_OPTIONS] };
}

// biome-ignore lint/complexity/noUselessStringRaw: a Python program; raw, so a backslash added to it stays Python's
const PIP_RUNNER = String.raw`
import os, pip, sys
runner = os.path.join(os.path.dirname(os.path.realpath(pip.__file__)), "__pip-runner__.py")
if tuple(map(int, pip.__version__.split(".")[:2])) < (22, 3) or not os.path.isfile(runner):
    sys.exit(1)
print(runner)
`;

const outerPip = new Map<string, string | undefined>();
/** The interpreter's own pip as a script another interpreter of its version runs (pip >= 22.3), or undefined. */
function outerPipRunner(python: string): string | undefined {
  if (!outerPip.has(python)) {
    const res = spawnSync(python, ['-I', '-c', PIP_RUNNER], { encoding: 'utf8' });
    outerPip.set(python, res.status === 0 && res.stdout.trim() ? res.stdout.trim() : undefined);
  }
  return outerPip.get(python);
}

/** Installs one wheel file with nothing else: no dependencies, no index (works offline). */
export async function installWheelOffline(ctx: StepContext, env: Environment, wheel: string): Promise<void> {
  const argv = [...env.pip, '--no-deps', '--no-index', '--no-cache-dir', '--quiet', wheel];
  await part(ctx, 'pip install', argv, env.home, `pip could not install ${path.basename(wheel)}`);
}

/**
 * Installs one wheel with the fresh wheels of its siblings (a group release), from no index: with its
 * dependencies when they are all siblings (pip resolves the pins among them), else without.
 */
export async function installWithSiblings(ctx: StepContext, env: Environment, wheel: string, siblings: string[], resolve: boolean): Promise<void> {
  const argv = [...env.pip, ...(resolve ? [] : ['--no-deps']), '--no-index', '--no-cache-dir', '--quiet', wheel, ...siblings];
  await part(ctx, 'pip install', argv, env.home, `pip could not install ${path.basename(wheel)} with its siblings' fresh wheels`);
}

/** Installs `requirement` from an index; returns false when pip fails (the index may not have it yet). */
export async function pipInstallFromIndex(ctx: StepContext, env: Environment, requirement: string, index: string, extra: string): Promise<boolean> {
  const argv = [...env.pip, '--no-cache-dir', '--retries', '1', '--index-url', index, '--extra-index-url', extra, requirement];
  const res = await execute(ctx, 'pip install', argv, { cwd: env.home, env: throwawayEnv(ctx), part: true });
  if (res.spawnError) throw new StepFailed('part-not-started', `pip could not start (${res.spawnError})`);
  return res.code === 0;
}

/** Runs the probe in the environment and reads its report into findings. */
export async function probe(ctx: StepContext, env: Environment, want: ProbeExpectation, sources: { file: string; variable: string }[]): Promise<Findings> {
  const reportFile = path.join(env.home, 'probe.json');
  const args = [want.distribution, reportFile, JSON.stringify(sources.map((s) => [s.file, s.variable]))];
  await part(
    ctx,
    'ask the installed package',
    [env.python, '-I', '-c', PROBE, ...args],
    env.home,
    'the version probe failed',
    `${env.python} -I -c <probe> ${args.join(' ')}`,
  );
  return probeFindings(JSON.parse(readFileSync(reportFile, 'utf8')) as ProbeReport, want);
}

/** Extracts an sdist (refusing paths that leave the directory) and builds a wheel from it, offline, without isolation. */
// biome-ignore lint/complexity/noUselessStringRaw: a Python program; raw, so a backslash added to it stays Python's
export const EXTRACT = String.raw`
import os, sys, tarfile
archive, dest = sys.argv[1], os.path.realpath(sys.argv[2])
with tarfile.open(archive) as tar:
    for member in tar.getmembers():
        target = os.path.realpath(os.path.join(dest, member.name))
        if not (target == dest or target.startswith(dest + os.sep)) or member.issym() or member.islnk() or member.isdev():
            sys.exit("refusing %s in %s" % (member.name, archive))
    tar.extractall(dest)
`;

/**
 * PEP 517's build_wheel, called in this process as a frontend's hook runner calls it: in the source
 * tree, with the backend `[build-system]` names (setuptools' legacy one when none), its backend-path
 * first on sys.path and inside the tree. The project is otherwise never on sys.path, whatever the
 * Python version (3.11 and newer: PYTHONSAFEPATH already keeps the working directory off).
 */
// biome-ignore lint/complexity/noUselessStringRaw: a Python program; raw, so a backslash added to it stays Python's
export const BUILD_WHEEL = String.raw`
import importlib, os, sys
sys.path[:] = [p for p in sys.path if p not in ("", ".")]
src, out = os.path.realpath(sys.argv[1]), os.path.realpath(sys.argv[2])
try:
    import tomllib
except ImportError:
    import tomli as tomllib
os.chdir(src)
system = {}
if os.path.exists("pyproject.toml"):
    with open("pyproject.toml", "rb") as f:
        system = tomllib.load(f).get("build-system", {})
spec = system.get("build-backend") or "setuptools.build_meta:__legacy__"
paths = [os.path.realpath(os.path.join(src, p)) for p in system.get("backend-path", [])]
for p in paths:
    if not (p == src or p.startswith(src + os.sep)):
        sys.exit("backend-path %s leads outside the source tree" % p)
sys.path[:0] = paths
name, _, attrs = spec.partition(":")
backend = importlib.import_module(name.strip())
where = os.path.realpath(getattr(backend, "__file__", None) or "")
if paths and not any(where == p or where.startswith(p + os.sep) for p in paths):
    sys.exit("the build backend %s was not loaded from its backend-path" % spec)
for attr in filter(None, attrs.strip().split(".")):
    backend = getattr(backend, attr)
os.makedirs(out, exist_ok=True)
print(backend.build_wheel(out))
`;

export async function wheelFromSdist(ctx: StepContext, sdist: string): Promise<string> {
  const home = ctx.scratch.make('sdist');
  const src = path.join(home, 'src');
  const out = path.join(home, 'wheel');
  await part(
    ctx,
    'extract',
    [ctx.release.python, '-I', '-c', EXTRACT, sdist, src],
    home,
    `${path.basename(sdist)} could not be extracted`,
    `${ctx.release.python} -I -c <extract> ${sdist} ${src}`,
  );
  const top = readdirSync(src);
  if (top.length !== 1) throw new StepFailed('sdist-layout', `${path.basename(sdist)} should hold one top-level directory, but holds ${top.length}`);
  // Offline, without isolation, and without build's check of the backend's own dependencies (a distribution's
  // backend may declare some it does not package: Debian's hatchling: editables, used only for editable installs).
  // The backend's build_wheel hook is called in one process, as the build frontend's hook runner would call it.
  await part(
    ctx,
    'build wheel from sdist',
    [ctx.release.python, '-c', BUILD_WHEEL, path.join(src, top[0]!), out],
    home,
    `building a wheel from ${path.basename(sdist)} failed (it runs offline without isolation: the build backend must be importable by ${ctx.release.python})`,
    `${ctx.release.python} -c <the build backend's build_wheel> ${path.join(src, top[0]!)} ${out}`,
  );
  const wheel = existsSync(out) ? readdirSync(out).find((f) => f.endsWith('.whl')) : undefined;
  if (!wheel) throw new StepFailed('no-wheel', `building from ${path.basename(sdist)} made no wheel`);
  return path.join(out, wheel);
}

/** The environment's variables for commands run "inside" it, as an activated venv would set them. */
export function activated(env: Environment, base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...base, PATH: `${env.bin}${path.delimiter}${base.PATH ?? ''}`, VIRTUAL_ENV: path.dirname(env.bin) };
}
