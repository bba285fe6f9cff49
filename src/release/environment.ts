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
 * A fresh venv without pip (instant); pip comes from the release interpreter (`pip --python`,
 * pip 22.3 and later), or, when that has none, is put into the environment with ensurepip.
 */
export async function createEnvironment(ctx: StepContext, purpose: string): Promise<Environment> {
  const home = ctx.scratch.make(purpose);
  const dir = path.join(home, 'env');
  await part(ctx, 'venv', [ctx.release.python, '-m', 'venv', '--without-pip', dir], home, `${ctx.release.python} -m venv could not create an environment`);
  const bin = path.join(dir, process.platform === 'win32' ? 'Scripts' : 'bin');
  const python = path.join(bin, process.platform === 'win32' ? 'python.exe' : 'python');
  if (outerPipWorks(ctx.release.python)) return { home, python, bin, pip: [ctx.release.python, '-I', '-m', 'pip', '--python', python, ...PIP_OPTIONS] };
  await part(ctx, 'ensurepip', [python, '-I', '-m', 'ensurepip', '--default-pip'], home, 'pip could not be put into the environment');
  return { home, python, bin, pip: [python, '-I', '-m', 'pip', ...PIP_OPTIONS] };
}

const outerPip = new Map<string, boolean>();
/** Whether the interpreter's own pip can install into another environment (pip >= 22.3). */
function outerPipWorks(python: string): boolean {
  if (!outerPip.has(python)) {
    const res = spawnSync(python, ['-I', '-c', 'import pip, sys; sys.exit(0 if tuple(map(int, pip.__version__.split(".")[:2])) >= (22, 3) else 1)']);
    outerPip.set(python, res.status === 0);
  }
  return outerPip.get(python)!;
}

/** Installs one wheel file with nothing else: no dependencies, no index (works offline). */
export async function installWheelOffline(ctx: StepContext, env: Environment, wheel: string): Promise<void> {
  const argv = [...env.pip, '--no-deps', '--no-index', '--no-cache-dir', '--quiet', wheel];
  await part(ctx, 'pip install', argv, env.home, `pip could not install ${path.basename(wheel)}`);
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
  // Offline, without isolation, and without build's check of the backend's own dependencies: a distribution's
  // backend may declare some it does not package (Debian's hatchling: editables, used only for editable installs).
  const build = [ctx.release.python, '-m', 'build', '--wheel', '--no-isolation', '--skip-dependency-check', '--outdir', out, path.join(src, top[0]!)];
  await part(
    ctx,
    'build wheel from sdist',
    build,
    home,
    `building a wheel from ${path.basename(sdist)} failed (it runs offline without isolation: the build backend must be importable by ${ctx.release.python})`,
  );
  const wheel = existsSync(out) ? readdirSync(out).find((f) => f.endsWith('.whl')) : undefined;
  if (!wheel) throw new StepFailed('no-wheel', `building from ${path.basename(sdist)} made no wheel`);
  return path.join(out, wheel);
}

/** The environment's variables for commands run "inside" it, as an activated venv would set them. */
export function activated(env: Environment, base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...base, PATH: `${env.bin}${path.delimiter}${base.PATH ?? ''}`, VIRTUAL_ENV: path.dirname(env.bin) };
}
