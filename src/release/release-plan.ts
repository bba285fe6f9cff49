// The release's steps, in order, built once from the configuration: the dry run prints this list
// and the real run executes it (plan.ts). Gates first; nothing is built unless every gate passes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defaultRelease } from '../config/defaults.js';
import type { LoadedConfig, ReleaseConfig } from '../config/types.js';
import type { CheckResult } from '../core/inspect.js';
import { UserError } from '../core/errors.js';
import { createTag, pushRefs } from '../git/git.js';
import { spawnSync } from 'node:child_process';
import { artifactProblems, sdistMetadata, wheelMetadata } from './artifacts.js';
import { buildArgv, explainBuild, explainTwine } from './diagnose.js';
import { howToRepair } from '../report/advice.js';
import { cleanOutputs, distFiles } from './clean.js';
import { branchGate, cleanTreeGate, githubRefGate, tagGate, toolsGate, toolsNeeded, type GateResult } from './gates.js';
import { withoutCredentials } from './environment.js';
import { indexStep, installedSteps, type InstalledContext, type InstalledState } from './installed-steps.js';
import { StepFailed, type Stage, type Step } from './plan.js';
import type { Scratch } from './scratch.js';
import { runCommand, type CommandContext, type StepIo } from './steps.js';

export type Mode = 'no-upload' | 'test-upload' | 'upload';

export interface ReleaseContext {
  loaded: LoadedConfig;
  release: ReleaseConfig;
  mode: Mode;
  allowDirty: boolean;
  push: boolean;
  /** The check of the work tree; `version` is the primary source's, `pep440` its Python form. */
  result: CheckResult;
  formatReport: () => string;
  version?: string;
  pep440?: string;
  primaryFile: string;
  tag: string;
  tagMessage: string;
  /** Without credential variables: every step but the upload. */
  env: NodeJS.ProcessEnv;
  /** The upload's environment: with the credentials (and those a repository URL carried). */
  uploadEnv: NodeJS.ProcessEnv;
  secrets: string[];
  io: StepIo;
  say: (s: string) => void;
  /** [project] name, and the python sources with the variable each states the version in. */
  distribution?: string;
  pythonSources: { file: string; variable: string }[];
  requireSmoke: boolean;
  scratch: Scratch;
  /** Whether to ask before an upload to PyPI (not with --yes), and how (absent when stdin is no terminal: nobody to ask). */
  askFirst: boolean;
  confirm?: (question: string) => Promise<boolean>;
}

export function releasePlan(ctx: ReleaseContext): Step[] {
  const { loaded, release, mode, version, pep440, tag } = ctx;
  const gitTop = loaded.gitTop;
  const state: InstalledState = { files: [] };
  const dist = () => state.files.map((f) => `dist/${path.basename(f)}`);
  const installed: InstalledContext = { ...commandContext(ctx), env: withoutCredentials(ctx.env, ctx.secrets), python: release.python, scratch: ctx.scratch, root: loaded.root, distribution: ctx.distribution, version: pep440 ?? '', pythonSources: ctx.pythonSources, smoke: release.smoke ?? [], requireSmoke: ctx.requireSmoke, stage: 'built' };
  const upload = mode === 'no-upload' ? undefined : uploadArgv(release, mode);
  const build = buildArgv(release.build, release.isolation);
  const commands = [...(release.validate ? [release.validate] : []), build, release.check, ...(upload ? [upload] : [])];
  // The installed-version steps create environments and build a wheel from the sdist.
  const tools: [string, string[]][] = [[release.python, ['venv', 'build']]];
  const gate = (name: string, description: string, check: () => GateResult | Promise<GateResult>): Step => ({
    name,
    description,
    stage: 'gate',
    run: async () => {
      const outcome = await check();
      if (!outcome.ok) throw new StepFailed(outcome.detail);
      return outcome.detail;
    },
  });
  const command = (name: string, stage: Stage, argv: string[], files = false, options: { env?: NodeJS.ProcessEnv; explain?: (output: string) => string | undefined } = {}): Step => ({
    name,
    description: [...argv, ...(files ? ['dist/*'] : [])].join(' '),
    stage,
    run: () => runCommand(commandContext(ctx), name, [...argv, ...(files ? dist() : [])], options),
  });
  const metadataOf = () => state.files.map((f) => ({ name: path.basename(f), metadataVersion: metadataVersion(f) }));
  const github = githubRefGate(ctx.env, tag);

  const steps: Step[] = [
    gate('versions consistent', 'heimdall-version check finds no errors', () => {
      if (!ctx.result.ok) ctx.say(ctx.formatReport());
      if (ctx.result.ok && version === undefined) return { ok: false, detail: `${ctx.primaryFile} states no version literal` };
      return { ok: ctx.result.ok, detail: ctx.result.ok ? `${version} everywhere` : `heimdall-version check found errors (above); ${howToRepair(ctx.result.diagnostics)}` };
    }),
    gate('version usable by Python', 'the version has a PEP 440 meaning', () =>
      pep440
        ? { ok: true, detail: `built as ${pep440}` }
        : { ok: false, detail: `${version} has no PEP 440 meaning (a SemVer pre-release must be -alpha.N, -beta.N, -rc.N or -dev.N)` },
    ),
    gate('tools present', toolsNeeded(commands, tools).describe, () => toolsGate(commands, tools)),
  ];
  if (!gitTop && mode !== 'no-upload')
    steps.push(gate('git repository', 'an upload is tagged afterwards, so it needs a git repository', () => ({ ok: false, detail: 'this is not a git repository' })));
  if (gitTop) {
    if (!ctx.allowDirty) steps.push(gate('work tree clean', 'no uncommitted changes to tracked files', () => cleanTreeGate(gitTop)));
    if (release.branch) steps.push(gate('release branch', `HEAD is on ${release.branch}`, () => branchGate(gitTop, release.branch!)));
    steps.push(gate('tag free', `${tag} does not tag another commit`, () => tagGate(gitTop, tag)));
  }
  if (github) steps.push(gate('GitHub tag', `the workflow's tag is ${tag}`, () => github));
  if (release.validate) steps.push(command('validate', 'gate', release.validate));
  steps.push(
    {
      name: 'clean',
      description: `remove ${release.clean.join(' ')} (inside the project only)`,
      stage: 'gate',
      run: async () => `removed ${cleanOutputs(loaded.root, release.clean).join(' ') || 'nothing'}`,
    },
    command('build', 'gate', build, false, { explain: (output) => explainBuild(output, build) }),
    artifactsStep(path.join(loaded.root, 'dist'), pep440 ?? version ?? '', state, 'built'),
    ...installedSteps(installed, state),
    command('twine check', 'built', release.check, true, { explain: (output) => explainTwine(output, metadataOf(), twineVersion(release.check, ctx.env), release.check, release.isolation) }),
  );
  const confirm = ctx.confirm;
  if (mode === 'upload' && ctx.askFirst && confirm)
    steps.push({
      name: 'confirm',
      description: 'ask on the terminal before uploading to PyPI (--yes skips it; so does a stdin that is no terminal)',
      stage: 'built',
      run: async () => {
        const question = `upload ${state.files.map((f) => path.basename(f)).join(', ')} (${version}) to ${release.repositories.pypi}, then tag ${tag}${ctx.push ? ` and push it to ${release.remote}` : ''}? An upload cannot be undone.`;
        if (!(await confirm(question))) throw new StepFailed('not confirmed');
        return 'confirmed';
      },
    });
  if (upload) steps.push(command(`upload (${mode === 'upload' ? 'PyPI' : 'TestPyPI'})`, 'built', upload, true, { env: ctx.uploadEnv }));
  if (mode === 'test-upload') steps.push(indexStep({ ...installed, stage: 'uploaded' }, 'TestPyPI', release.indexes.testpypi, release.indexes.pypi));
  if (mode === 'upload') {
    steps.push({
      name: 'tag',
      description: `git tag -a ${tag} -m "${ctx.tagMessage}"`,
      stage: 'uploaded',
      run: async () => {
        if ((await tagGate(gitTop!, tag)).detail.includes('already tags HEAD')) return `${tag} already tags HEAD`;
        try {
          await createTag(gitTop!, tag, ctx.tagMessage);
        } catch (e) {
          throw new UserError(`${version} was uploaded, but ${(e as Error).message}\ntag it by hand: git tag -a ${tag} -m "${ctx.tagMessage}"`, 1);
        }
        return `tagged ${tag}`;
      },
    });
    if (ctx.push)
      steps.push({
        name: 'push',
        description: `git push ${release.remote} refs/tags/${tag}`,
        stage: 'uploaded',
        run: async () => {
          await pushRefs(gitTop!, release.remote, [`refs/tags/${tag}`]);
          return `pushed ${tag} to ${release.remote}`;
        },
      });
  }
  return steps;
}

/** The default repositories go by twine's names, so ~/.pypirc credentials apply; others by URL. */
/** Every wheel and sdist in `dir` must carry the version, in its file name and its metadata. */
export function artifactsStep(dir: string, version: string, state: InstalledState, stage: Stage): Step {
  return {
    name: 'artifacts',
    description: `every wheel and sdist in ${path.basename(dir)}/ carries ${version} (file name and metadata)`,
    stage,
    run: async () => {
      const names = distFiles(dir);
      state.files = names.map((f) => path.join(dir, f));
      const problems = artifactProblems(names.map((f) => ({ name: f, bytes: readFileSync(path.join(dir, f)) })), version);
      if (problems.length) throw new StepFailed(`the artifacts do not carry ${version}:\n  ${problems.join('\n  ')}`);
      return `${version} in ${names.join(', ')}`;
    },
  };
}

/** The version of the twine that `check` runs (`python -m twine …`), or undefined when it cannot be told. */
function twineVersion(check: string[], env: NodeJS.ProcessEnv): string | undefined {
  if (check[1] !== '-m' || check[2] !== 'twine') return undefined;
  const res = spawnSync(check[0]!, ['-m', 'twine', '--version'], { encoding: 'utf8', env, timeout: 30_000 });
  return /twine version (\S+)/.exec(res.stdout ?? '')?.[1];
}

/** An artifact's Metadata-Version, from its METADATA (wheel) or PKG-INFO (sdist). */
function metadataVersion(file: string): string | undefined {
  try {
    const bytes = readFileSync(file);
    const text = file.endsWith('.whl') ? wheelMetadata(bytes) : sdistMetadata(bytes);
    return text && /^Metadata-Version:[ \t]*(\S+)/m.exec(text)?.[1];
  } catch {
    return undefined;
  }
}

const commandContext = (ctx: ReleaseContext): CommandContext => ({ ...ctx, cwd: ctx.loaded.root, tagged: ctx.mode === 'upload' });

function uploadArgv(release: ReleaseConfig, mode: Exclude<Mode, 'no-upload'>): string[] {
  const key = mode === 'upload' ? 'pypi' : 'testpypi';
  const url = release.repositories[key];
  const target = url === defaultRelease().repositories[key] ? ['--repository', key] : ['--repository-url', url];
  return [...release.upload, ...target, '--non-interactive'];
}
