// release: gates first, then validate → clean → build → verify → twine check → upload → tag → push.
import { readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { refuseUnfinished } from './change.js';
import { defineCommand, type CommandValues, type Flags, type Io } from '../command.js';
import { loadConfig } from '../../config/load.js';
import { defaultRelease } from '../../config/defaults.js';
import type { LoadedConfig, ReleaseConfig } from '../../config/types.js';
import { UserError } from '../../core/errors.js';
import { createTag, pushRefs } from '../../git/git.js';
import { formatStylish } from '../../report/stylish.js';
import { artifactProblems } from '../../release/artifacts.js';
import { branchGate, cleanTreeGate, githubRefGate, tagGate, toolsGate, type GateResult } from '../../release/gates.js';
import { maskText, secretsFrom } from '../../release/mask.js';
import { runStep } from '../../release/steps.js';
import { toPep440 } from '../../version/pep440.js';
import { isInside } from '../../git/workspace.js';
import { inspect } from '../../core/inspect.js';

type Mode = 'no-upload' | 'test-upload' | 'upload';
const MODES: Mode[] = ['no-upload', 'test-upload', 'upload'];

const RELEASE_FLAGS = {
  'no-upload': { type: 'boolean', help: 'gates, build, artifact checks and twine check, without uploading (the default)', example: 'release --no-upload' },
  'test-upload': { type: 'boolean', help: 'also upload to TestPyPI (release.repositories.testpypi); not tagged', example: 'release --test-upload' },
  upload: { type: 'boolean', help: 'upload to PyPI, then tag the release; asks first on a terminal', example: 'release --upload' },
  yes: { type: 'boolean', short: 'y', help: 'do not ask for confirmation before uploading', example: 'release --upload --yes' },
  'dry-run': { type: 'boolean', help: 'run the gates and print the plan; build and upload nothing', example: 'release --upload --dry-run' },
  'allow-dirty': { type: 'boolean', help: 'release from a work tree with uncommitted changes', example: 'release --allow-dirty' },
  push: { type: 'boolean', help: 'after tagging, push the tag to release.remote', example: 'release --upload --push' },
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
  refuseUnfinished(loaded);
  const release = withPython(loaded.config.release, v.python);
  const secrets = secretsFrom(process.env, readPypirc());
  const say = (s: string) => io.out(maskText(s, secrets));

  // Gates: nothing is built or uploaded unless every one passes.
  const { project, result } = await inspect(loaded, false);
  const version = project.version;
  const tag = `${loaded.config.tags.prefix}${version}`;
  const gate = async (name: string, run: () => GateResult | undefined | Promise<GateResult | undefined>) => {
    const outcome = await run();
    if (!outcome) return;
    say(`${outcome.ok ? '✔' : '✖'} ${name}: ${outcome.detail}\n`);
    if (!outcome.ok) throw new UserError(`release stopped at the gate "${name}"; nothing was built or uploaded`, 1);
  };
  const upload = mode === 'no-upload' ? undefined : uploadArgv(release, mode);
  const uploadStep = `upload (${mode === 'upload' ? 'PyPI' : 'TestPyPI'})`;
  const steps = [release.build, release.check, ...(upload ? [upload] : [])];
  await gate('versions consistent', () => {
    if (!result.ok) io.out(formatStylish(result, { color: io.color }));
    if (result.ok && version === undefined) return { ok: false, detail: `${project.primary.file} states no version literal` };
    return { ok: result.ok, detail: result.ok ? `${version} everywhere` : 'heimdall-version check found errors (above)' };
  });
  const pep440 = toPep440(version!);
  await gate('version usable by Python', () => pep440 ? undefined : { ok: false, detail: `${version} has no PEP 440 form (use -a.N, -b.N, -rc.N, -dev.N or -post.N prereleases)` });
  await gate('tools present', () => toolsGate(release, [...(release.validate ? [release.validate] : []), ...steps]));
  const gitTop = loaded.gitTop;
  if (!gitTop && mode !== 'no-upload') await gate('git repository', () => ({ ok: false, detail: 'an upload is tagged afterwards, so it needs a git repository' }));
  if (gitTop) {
    if (!v['allow-dirty']) await gate('work tree clean', () => cleanTreeGate(gitTop));
    if (release.branch) await gate('release branch', () => branchGate(gitTop, release.branch!));
    await gate('tag free', () => tagGate(gitTop, tag));
  }
  await gate('GitHub tag', () => githubRefGate(process.env, tag));

  const plan: [string, string[]][] = [
    ...(release.validate ? [['validate', release.validate] as [string, string[]]] : []),
    ['build', release.build],
    ['twine check', [...release.check, 'dist/*']],
    ...(upload ? [[uploadStep, [...upload, 'dist/*']] as [string, string[]]] : []),
  ];
  if (v['dry-run']) {
    say(`dry run: would clean ${release.clean.join(' ')}, then run:\n`);
    for (const [name, argv] of plan) say(`  ${name}: ${argv.join(' ')}\n`);
    say(mode === 'upload' ? `  then tag ${tag}${v.push ? ` and push it to ${release.remote}` : ''}\n` : '  no tag (only an upload to PyPI is tagged)\n');
    return 0;
  }

  const step = async (name: string, argv: string[]) => {
    say(`→ ${name}: ${argv.join(' ')}\n`);
    const started = Date.now();
    const res = await runStep(name, argv, { cwd: loaded.root, env: process.env, secrets, io: { out: io.out, err: io.err, progress: io.color && !process.env.CI } });
    if (res.interrupted) throw new UserError(`interrupted during ${name}; the release stopped and no tag was created`, 1);
    if (res.spawnError) throw new UserError(`step ${name} could not start: ${res.spawnError}`, 1);
    if (res.code !== 0) throw new UserError(`step ${name} failed with exit code ${res.code}; the release stopped${mode === 'upload' ? ' and no tag was created' : ''}`, 1);
    say(`✔ ${name} (${((Date.now() - started) / 1000).toFixed(1)}s)\n`);
  };
  if (release.validate) await step('validate', release.validate);
  say(`→ clean: ${clean(loaded, release.clean).join(' ') || 'nothing to remove'}\n`);
  await step('build', release.build);
  const files = distFiles(loaded.root);
  const problems = artifactProblems(files.map((f) => ({ name: f, bytes: readFileSync(path.join(loaded.root, 'dist', f)) })), pep440!);
  if (problems.length) throw new UserError(`the built artifacts do not carry ${pep440}:\n  ${problems.join('\n  ')}`, 1);
  say(`✔ artifacts carry ${pep440}: ${files.join(', ')}\n`);
  const dist = files.map((f) => `dist/${f}`);
  await step('twine check', [...release.check, ...dist]);
  if (!upload) {
    say(`built ${version} without uploading (--no-upload)\n`);
    return 0;
  }
  await step(uploadStep, [...upload, ...dist]);
  if (mode !== 'upload') {
    say(`uploaded ${version} to TestPyPI; not tagged (only an upload to PyPI is tagged)\n`);
    return 0;
  }
  if ((await tagGate(gitTop!, tag)).detail.includes('already tags HEAD')) say(`${tag} already tags HEAD\n`);
  else {
    const message = loaded.config.bump.tagMessage.replaceAll('{tag}', tag).replaceAll('{new}', version!).replaceAll('{old}', version!);
    try {
      await createTag(gitTop!, tag, message);
    } catch (e) {
      throw new UserError(`${version} was uploaded, but ${(e as Error).message}\ntag it by hand: git tag -a ${tag} -m "${message}"`, 1);
    }
    say(`✔ tagged ${tag}\n`);
  }
  if (v.push) {
    await pushRefs(gitTop!, release.remote, [`refs/tags/${tag}`]);
    say(`✔ pushed ${tag} to ${release.remote}\n`);
  }
  say(`released ${version}\n`);
  return 0;
}

/** --python replaces the interpreter wherever the configuration used the configured one. */
function withPython(release: ReleaseConfig, python: string | undefined): ReleaseConfig {
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

/** The default repositories go by twine's names, so ~/.pypirc credentials apply; others by URL. */
function uploadArgv(release: ReleaseConfig, mode: Exclude<Mode, 'no-upload'>): string[] {
  const key = mode === 'upload' ? 'pypi' : 'testpypi';
  const url = release.repositories[key];
  const target = url === defaultRelease().repositories[key] ? ['--repository', key] : ['--repository-url', url];
  return [...release.upload, ...target, '--non-interactive'];
}

/** Removes the configured paths and globs (a `*` within one path segment), never outside the root. */
function clean(loaded: LoadedConfig, patterns: string[]): string[] {
  const root = realpathSync(loaded.root);
  const removed: string[] = [];
  for (const pattern of patterns) {
    for (const rel of expand(root, pattern.split('/').filter(Boolean))) {
      const full = path.join(root, rel);
      if (!isInside(root, full) || full === root) continue;
      rmSync(full, { recursive: true, force: true });
      removed.push(rel);
    }
  }
  return removed;
}

function expand(root: string, segments: string[], prefix = ''): string[] {
  if (segments.length === 0) return prefix ? [prefix] : [];
  const [head, ...rest] = segments as [string, ...string[]];
  let names: string[];
  try {
    names = readdirSync(path.join(root, prefix));
  } catch {
    return [];
  }
  const re = new RegExp(`^${head.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  return names.filter((n) => re.test(n) && n !== '.git').flatMap((n) => expand(root, rest, prefix ? `${prefix}/${n}` : n));
}

function distFiles(root: string): string[] {
  try {
    return readdirSync(path.join(root, 'dist')).filter((f) => f.endsWith('.whl') || f.endsWith('.tar.gz')).sort();
  } catch {
    return [];
  }
}

function readPypirc(): string | undefined {
  try {
    return readFileSync(path.join(os.homedir(), '.pypirc'), 'utf8');
  } catch {
    return undefined;
  }
}
