// What every release and verify step sees: the project, the configuration, the environment the
// commands get, and the state the steps hand on (bumpp style: one plain object).
import { defaultRelease } from '../config/defaults.js';
import type { ReleaseConfig } from '../config/types.js';
import type { CheckResult } from '../core/result.js';
import type { ArtifactMetadata } from './artifact-metadata.js';
import type { Clock } from './clock.js';
import { buildArgv } from './diagnose.js';
import type { Emit } from './events.js';
import type { McpSettings } from './mcp-server.js';
import type { Scratch } from './scratch.js';

export type Mode = 'no-upload' | 'test-upload' | 'upload';

/** release.* with the interpreter decided: release.python, else the one release.build names, else python3. */
export type ReleaseSettings = ReleaseConfig & { python: string };

/** A throwaway Python environment (environment.ts makes them). */
export interface Environment {
  /** The scratch directory that holds the environment (also the working directory of what runs in it). */
  home: string;
  /** The environment's own interpreter. */
  python: string;
  /** Where its console scripts are. */
  bin: string;
  /** How to run pip for this environment: the release interpreter's pip aimed at it, or its own. */
  pip: string[];
}

/** What the steps hand on: the artifacts (absolute paths), their metadata, and the environments the later steps reuse. */
export interface ArtifactState {
  files: string[];
  metadata: Map<string, ArtifactMetadata>;
  wheelEnv?: Environment;
  /** Whether the wheel's dependencies went into wheelEnv (true), or why not; undefined until tried. */
  wheelDependencies?: true | string;
  /** The environment the release was installed into from an index (with its dependencies). */
  indexEnv?: Environment;
}

/** A wheel a group release built for one of its members: what its siblings install instead of asking an index. */
export interface FreshWheel {
  distribution: string;
  /** Its version, PEP 440. */
  version: string;
  /** Absolute path. */
  wheel: string;
  /** Its Requires-Dist entries. */
  requires: string[];
}

export interface StepContext {
  command: 'release' | 'verify';
  mode: Mode;
  root: string;
  gitTop?: string;
  /** The configuration after --python and --no-isolation, with the release interpreter resolved. */
  release: ReleaseSettings;
  /** The check of the work tree (release only). */
  check?: CheckResult;
  /** The primary source's version as written, and its PEP 440 spelling (what the artifacts carry). */
  version?: string;
  pep440?: string;
  primaryFile: string;
  /** The tag a release makes; undefined when the project states no version. */
  tag?: string;
  tagPrefix: string;
  tagMessage: string;
  /** [project] name, and the python sources with the variable each states the version in. */
  distribution?: string;
  pythonSources: { file: string; variable: string }[];
  /** Where the built artifacts are, and how to name that directory to people; undefined: nothing to check on disk. */
  dist?: string;
  distShown: string;
  /** An index to install the release from and ask it (after --test-upload, or verify --index-url). */
  index?: { label: string; url: string; extra: string };
  allowDirty: boolean;
  push: boolean;
  requireSmoke: boolean;
  /** An MCP server: how to start it, the probe's bound, the registry publish command (undefined: no MCP server). */
  mcp?: McpSettings;
  requireMcp: boolean;
  /** Whether to ask before an upload to PyPI, and how (absent: nobody to ask). */
  askFirst: boolean;
  confirm?: (question: string) => Promise<boolean>;
  /**
   * Without credential variables, with PYTHONSAFEPATH=1: every command but validate and the upload.
   * No Python the tool starts puts its working directory (the project) first on sys.path.
   */
  env: NodeJS.ProcessEnv;
  /** Without credential variables, as the user set the rest: validate, which is meant to import the project. */
  projectEnv: NodeJS.ProcessEnv;
  /** The upload's environment: with the credentials (and those a repository URL carried). */
  uploadEnv: NodeJS.ProcessEnv;
  secrets: string[];
  scratch: Scratch;
  clock: Clock;
  signal: AbortSignal;
  /**
   * Each command in a process group of its own, stopped whole: when it ends, or when it is stopped,
   * nothing it started outlives it (a step started early, which the run may stop before its turn).
   */
  processGroup?: boolean;
  emit: Emit;
  state: ArtifactState;
  /**
   * In a group release: the wheels its members built so far, by normalized distribution name (shared
   * by the members' contexts). A member's siblings are installed from these, never from an index.
   */
  fresh?: Map<string, FreshWheel>;
  /** The step now running (set by the runner): commands are reported under it. */
  step: string;
}

/**
 * The variables of what runs in a throwaway environment (venv, pip, the probe, the wheel from the
 * sdist, smoke): no PYTHONPATH or PYTHONHOME may put the project's tree in front of what was installed.
 */
export function throwawayEnv(ctx: StepContext, base: NodeJS.ProcessEnv = ctx.env): NodeJS.ProcessEnv {
  const { PYTHONPATH: _path, PYTHONHOME: _home, ...rest } = base;
  return rest;
}

/** The build command as run: with --no-isolation when isolation is off. */
export const buildCommand = (ctx: StepContext) => buildArgv(ctx.release.build, ctx.release.isolation);

/** The upload command; the default repositories go by twine's names, so ~/.pypirc credentials apply; others by URL. */
export function uploadCommand(ctx: StepContext): string[] | undefined {
  if (ctx.mode === 'no-upload') return undefined;
  const key = ctx.mode === 'upload' ? 'pypi' : 'testpypi';
  const url = ctx.release.repositories[key];
  const target = url === defaultRelease().repositories[key] ? ['--repository', key] : ['--repository-url', url];
  return [...ctx.release.upload, ...target, '--non-interactive'];
}

/** An upload to PyPI is tagged afterwards: failures say that no tag was created. */
export const tagged = (ctx: StepContext) => ctx.command === 'release' && ctx.mode === 'upload';

/** The tag, or what it would be, for the plan: never "vundefined". */
export const tagShown = (ctx: StepContext) => ctx.tag ?? `${ctx.tagPrefix}<version>`;
