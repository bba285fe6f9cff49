// release: builds the plan of steps once; --dry-run prints it, otherwise it runs.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { refuseUnfinished } from '../../change/state.js';
import { defineCommand, type CommandValues, type Flags, type Io } from '../command.js';
import { refuseTagLayout } from '../../config/layout.js';
import { loadConfig } from '../../config/load.js';
import { UserError } from '../../core/errors.js';
import { formatStylish } from '../../report/stylish.js';
import { maskText, secretsFrom } from '../../release/mask.js';
import { credentialValues, splitUrlCredentials, uploadEnvironment, withoutCredentials } from '../../release/credentials.js';
import type { ReleaseConfig } from '../../config/types.js';
import { planText, runPlan } from '../../release/plan.js';
import { scratchDirs } from '../../release/scratch.js';
import { releasePlan, type Mode } from '../../release/release-plan.js';
import { pythonSpelling } from '../../version/scheme.js';
import { inspect } from '../../core/inspect.js';
import type { Project } from '../../core/project.js';

const MODES: Mode[] = ['no-upload', 'test-upload', 'upload'];

const RELEASE_FLAGS = {
  'no-upload': { type: 'boolean', help: 'gates, build, artifact checks and twine check, without uploading (the default)', example: 'release --no-upload' },
  'test-upload': { type: 'boolean', help: 'also upload to TestPyPI (release.repositories.testpypi); not tagged', example: 'release --test-upload' },
  upload: { type: 'boolean', help: 'upload to PyPI, then tag the release; asks first on a terminal', example: 'release --upload' },
  yes: { type: 'boolean', short: 'y', help: 'do not ask for confirmation before uploading', example: 'release --upload --yes' },
  'dry-run': { type: 'boolean', help: 'print every step a real run takes, in order; run none of them', example: 'release --upload --dry-run' },
  'allow-dirty': { type: 'boolean', help: 'release from a work tree with uncommitted changes', example: 'release --allow-dirty' },
  'require-smoke': { type: 'boolean', help: 'fail, instead of warning, when the smoke commands cannot run (no index to install dependencies from)', example: 'release --require-smoke' },
  push: { type: 'boolean', help: 'after tagging, push the tag to release.remote', example: 'release --upload --push' },
  'no-isolation': {
    type: 'boolean',
    help: 'build with the backend installed in the interpreter (python -m build --no-isolation), as release.isolation: false does',
    example: 'release --no-upload --no-isolation',
  },
  python: { type: 'string', arg: 'PATH', help: 'the Python interpreter that runs build and twine (default: release.python)', example: 'release --python /usr/bin/python3' },
} as const satisfies Flags;
type ReleaseValues = CommandValues<typeof RELEASE_FLAGS>;

export const releaseCommand = defineCommand({
  name: 'release',
  summary: 'gate, build, check, upload and tag a release',
  options: RELEASE_FLAGS,
  examples: ['release --dry-run', 'release --no-upload', 'release --test-upload', 'release --upload --push'],
  run: (v, _p, io) => runRelease(v, io),
});

async function runRelease(v: ReleaseValues, io: Io): Promise<number> {
  const chosen = MODES.filter((m) => v[m]);
  if (chosen.length > 1) throw new UserError(`choose one of --${MODES.join(', --')}`);
  const mode = chosen[0] ?? 'no-upload';
  const loaded = await loadConfig({ cwd: v.cwd, configFile: v.config });
  await refuseUnfinished(loaded);
  const configured = withPython(loaded.config.release, v.python);
  // Credentials in a repository URL travel in twine's environment, never on its command line.
  const urls = { pypi: splitUrlCredentials(configured.repositories.pypi), testpypi: splitUrlCredentials(configured.repositories.testpypi) };
  const isolation = v['no-isolation'] ? { isolation: false } : {};
  const release = { ...configured, ...isolation, repositories: { pypi: urls.pypi.url, testpypi: urls.testpypi.url } };
  const inUrls = [urls.pypi.password, urls.testpypi.password].filter((p): p is string => p !== undefined);
  const secrets = secretsFrom([...credentialValues(process.env), ...inUrls], readPypirc());
  const say = (s: string) => io.out(maskText(s, secrets));
  refuseTagLayout(loaded.layout, 'release');
  const { project, result } = await inspect(loaded, false, true);
  const version = project.version;
  const tag = `${loaded.config.tags.prefix}${version}`;
  const scratch = scratchDirs();
  // The artifacts carry the normalized PEP 440 spelling of the version's meaning, whatever the primary's scheme.
  const pep440 = await pythonSpelling(project.scheme, version);
  const steps = releasePlan({
    loaded,
    release,
    mode,
    allowDirty: v['allow-dirty'] === true,
    push: v.push === true,
    result,
    formatReport: () => formatStylish(result, { color: io.color }),
    version,
    pep440,
    primaryFile: project.primary.file,
    tag,
    tagMessage: loaded.config.bump.tagMessage.replaceAll('{tag}', tag).replaceAll('{new}', version ?? '').replaceAll('{old}', version ?? ''),
    // Only the upload gets credentials: build, validate, check and the installed-version steps run without them.
    env: withoutCredentials(process.env),
    uploadEnv: uploadEnvironment(process.env, mode === 'upload' ? urls.pypi : urls.testpypi),
    secrets,
    io: { out: io.out, err: io.err, progress: io.color && !process.env.CI },
    say,
    distribution: project.distribution,
    pythonSources: pythonSources(project),
    requireSmoke: v['require-smoke'] === true,
    scratch,
    askFirst: !v.yes,
    ...(io.confirm ? { confirm: io.confirm } : {}),
  });
  if (v['dry-run'] === true) {
    say(`dry run: release ${version ?? '(no version)'} would take these steps, in order (none was run):\n${planText(steps)}`);
    if (mode !== 'upload') say('no tag: only an upload to PyPI is tagged\n');
    // The check was read without running anything: when it fails, so would the real run's first step.
    if (result.ok) return 0;
    say(`${formatStylish(result, { color: io.color })}✖ versions consistent: heimdall-version check found errors (above); a real run stops at step 1\n`);
    return 1;
  }
  await runPlan(steps, say, scratch.removeAll);
  if (mode === 'no-upload') say(`built ${version} without uploading (--no-upload)\n`);
  else if (mode === 'test-upload') say(`uploaded ${version} to TestPyPI; not tagged (only an upload to PyPI is tagged)\n`);
  else say(`released ${version}\n`);
  return 0;
}

/** The python sources and the variable each states the version in: what the installed package is asked. */
export function pythonSources(project: Project): { file: string; variable: string }[] {
  return project.sources.filter((s) => s.config.type === 'python').map((s) => ({ file: s.file, variable: s.label }));
}

/** --python replaces the interpreter wherever the configuration used the configured one. */
export function withPython(release: ReleaseConfig, python: string | undefined): ReleaseConfig {
  if (!python) return release;
  const swap = (argv: string[]) => (argv[0] === release.python ? [python, ...argv.slice(1)] : argv);
  return {
    ...release,
    python,
    build: swap(release.build),
    check: swap(release.check),
    upload: swap(release.upload),
    validate: release.validate && swap(release.validate),
  };
}

export function readPypirc(): string | undefined {
  try {
    return readFileSync(path.join(os.homedir(), '.pypirc'), 'utf8');
  } catch {
    return undefined;
  }
}
