// What release and verify share before any step runs: the project read, the interpreter chosen,
// the secrets collected, the environments every command gets, and the context the steps see.
import { notAWorkspace, refuseWorkspaceRoot } from '../core/one-package.js';
import { UserError } from '../core/errors.js';
import { didYouMean } from '../core/suggest.js';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { asPackage, loadConfig, type LoadConfigOptions } from '../config/load.js';
import { releaseInterpreter } from '../config/schema.js';
import type { LoadedConfig } from '../config/types.js';
import { inspect } from '../core/inspect.js';
import type { Project } from '../core/project.js';
import type { CheckResult } from '../core/result.js';
import { pythonSpelling } from '../version/python-spelling.js';
import { systemClock, type Clock } from './clock.js';
import type { Mode, ReleaseSettings, StepContext } from './context.js';
import { credentialValues, splitUrlCredentials, uploadEnvironment, withoutCredentials } from './credentials.js';
import type { Emit, StepEvent } from './events.js';
import { maskText, secretsFrom } from './mask.js';
import { mcpSettings } from './mcp-server.js';
import { scratchDirs } from './scratch.js';

/** What release and verify both take. */
export interface RunOptions extends LoadConfigOptions {
  /** The interpreter that runs build and twine and creates the environments (default: release.python). */
  python?: string;
  /** Fail, instead of warning, when the smoke commands cannot run. */
  requireSmoke?: boolean;
  /** Fail, instead of warning, when the MCP server cannot be asked its version (no index for its dependencies). */
  requireMcp?: boolean;
  /** The environment (default: process.env); credentials in it reach only the upload. */
  env?: NodeJS.ProcessEnv;
  /** Replaces the real clock (tests: the index wait without waiting). */
  clock?: Clock;
  /** Stops the run: the running command is interrupted and no later step runs. */
  signal?: AbortSignal;
  /** Progress, as data (masked). */
  onEvent?: Emit;
  /** In a workspace: the package to act on (its name or path), in its own directory with its own gates and tag. */
  package?: string;
}

export interface Prepared {
  loaded: LoadedConfig;
  project: Project;
  check: CheckResult;
  ctx: StepContext;
}

/** The workspace package --package names (by name or path), as a project of its own; a usage error listing them otherwise. */
async function member(loaded: LoadedConfig, ref: string): Promise<LoadedConfig> {
  const packages = loaded.workspace?.packages;
  if (!packages) throw notAWorkspace(loaded, '--package');
  const found = packages.find((p) => p.name === ref) ?? packages.find((p) => p.path === ref.replace(/^\.\/?|\/+$/g, ''));
  const names = packages.map((p) => p.name);
  if (!found) throw new UserError(`--package: no package is named "${ref}"${didYouMean(ref, names, (s) => `"${s}"`)} (the packages: ${names.join(', ')})`);
  if (found.kind !== 'python')
    throw new UserError(
      `--package: ${found.name} (${found.path}) is an npm package: heimdall-version releases and verifies Python packages (publish it with npm)`,
    );
  // The workspace root's own package (uv's albatross): the root's configuration is the workspace's.
  if (found.path === '') return asPackage(loaded, found, loaded.config, loaded.root);
  return loadConfig({ cwd: path.join(loaded.root, found.path) });
}

export async function prepare(command: StepContext['command'], mode: Mode, options: RunOptions): Promise<Prepared> {
  const atCwd = await loadConfig({ ...(options.cwd ? { cwd: options.cwd } : {}), ...(options.configFile ? { configFile: options.configFile } : {}) });
  const loaded = options.package === undefined ? atCwd : await member(atCwd, options.package);
  refuseWorkspaceRoot(loaded, command);
  const { project, result } = await inspect(loaded, false, command === 'release');
  const env = options.env ?? process.env;
  const configured = loaded.config.release;
  const release = withPython({ ...configured, python: releaseInterpreter(configured) }, options.python);
  // Credentials in a repository URL travel in twine's environment, never on its command line.
  const urls = { pypi: splitUrlCredentials(release.repositories.pypi), testpypi: splitUrlCredentials(release.repositories.testpypi) };
  const inUrls = [urls.pypi.password, urls.testpypi.password].filter((p): p is string => p !== undefined);
  const secrets = secretsFrom([...credentialValues(env), ...inUrls], readPypirc(env));
  const onEvent = options.onEvent ?? (() => {});
  const version = project.version;
  const prefix = loaded.config.tags.prefix;
  const tag = version === undefined ? undefined : `${prefix}${version}`;
  const tagMessage =
    tag === undefined ? '' : loaded.config.bump.tagMessage.replaceAll('{tag}', tag).replaceAll('{new}', version!).replaceAll('{old}', version!);
  const ctx: StepContext = {
    command,
    mode,
    root: loaded.root,
    ...(loaded.gitTop ? { gitTop: loaded.gitTop } : {}),
    release: { ...release, repositories: { pypi: urls.pypi.url, testpypi: urls.testpypi.url } },
    check: result,
    ...(version !== undefined ? { version } : {}),
    // The artifacts carry the normalized PEP 440 spelling of the version's meaning, whatever the primary's scheme.
    ...withDefined('pep440', await pythonSpelling(project.scheme, version)),
    primaryFile: project.primary.file,
    ...(tag !== undefined ? { tag } : {}),
    tagPrefix: prefix,
    tagMessage,
    ...withDefined('distribution', project.distribution),
    pythonSources: pythonSources(project),
    distShown: 'dist/',
    allowDirty: false,
    push: false,
    requireSmoke: options.requireSmoke === true,
    ...withDefined('mcp', mcpSettings(loaded.root, release.mcp, project.distribution)),
    requireMcp: options.requireMcp === true,
    askFirst: false,
    // Only the upload gets credentials: every other command runs without them.
    env: { ...withoutCredentials(env, secrets), ...SAFE_PATH },
    projectEnv: withoutCredentials(env, secrets),
    uploadEnv: { ...uploadEnvironment(env, mode === 'upload' ? urls.pypi : urls.testpypi), ...SAFE_PATH },
    secrets,
    scratch: scratchDirs(),
    clock: options.clock ?? systemClock,
    signal: options.signal ?? new AbortController().signal,
    emit: (event) => onEvent(masked(event, secrets)),
    state: { files: [], metadata: new Map() },
    step: '',
  };
  return { loaded, project, check: result, ctx };
}

/** Python 3.11+ then puts neither the working directory (-m, -c) nor a script's directory first on sys.path: a project's twine/ or build.py is never imported in place of the tool. */
const SAFE_PATH = { PYTHONSAFEPATH: '1' };

const withDefined = <K extends string, V>(key: K, value: V | undefined) => (value === undefined ? {} : ({ [key]: value } as Record<K, V>));

/** Every text of an event masked; a command's output is masked as a stream where it is read. */
function masked(event: StepEvent, secrets: string[]): StepEvent {
  if (event.type === 'output' || event.type === 'check-report') return event;
  const mask = (s: string) => maskText(s, secrets);
  switch (event.type) {
    case 'step':
      return event.status === 'started' ? { ...event, description: mask(event.description) } : { ...event, detail: mask(event.detail) };
    case 'command':
      return { ...event, shown: mask(event.shown) };
    case 'wait':
      return { ...event, reason: mask(event.reason) };
    default:
      return event;
  }
}

/** The python sources and the variable each states the version in: what the installed package is asked. */
export function pythonSources(project: Project): { file: string; variable: string }[] {
  return project.sources.filter((s) => s.config.type === 'python').map((s) => ({ file: s.file, variable: s.label }));
}

/** --python replaces the interpreter wherever the configuration used the configured one. */
export function withPython(release: ReleaseSettings, python: string | undefined): ReleaseSettings {
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

function readPypirc(env: NodeJS.ProcessEnv): string | undefined {
  try {
    return readFileSync(path.join(env.HOME || os.homedir(), '.pypirc'), 'utf8');
  } catch {
    return undefined;
  }
}
