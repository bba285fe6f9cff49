// What the writing use cases (bump, fix, recover) take, announce and return: plain data a caller renders.
import type { LoadConfigOptions } from '../config/load.js';
import type { FileChange } from '../change/plan.js';
import type { CheckResult } from './result.js';

export type { FileChange, Edit } from '../change/plan.js';

/** Said while a change runs, and worth showing: a stale lock taken over. */
export interface NoticeEvent {
  type: 'notice';
  message: string;
}

export interface ChangeOptions<E = NoticeEvent> extends LoadConfigOptions {
  /** Hears what happens as it happens (progress, notices); the result says how it ended. */
  onEvent?: (event: E) => void;
  /**
   * Write even where a directory on a file's path, or the file, belongs to another user than root and
   * the one running, or can be written by others: those users could then redirect the writes.
   */
  allowForeignOwner?: boolean;
}

/** One step of a bump, in the order a run takes them; a dry run prints exactly these. */
export type BumpAction =
  | {
      kind: 'write';
      from: string;
      to: string;
      files: string[] /** In a workspace: each package bumped. */;
      packages?: { name: string; from: string; to: string }[];
    }
  | { kind: 'commit'; message: string; files: string[] }
  | { kind: 'tag'; name: string; message: string }
  /** For showing: the remote's name (or, given as a URL, that URL) and its URL, with any credentials left out. */
  | { kind: 'push'; remote: string; url: string; refs: string[] };

export interface BumpPlan {
  from: string;
  to: string;
  /** Each file's bytes before and after, with the edits (for a diff). */
  changes: FileChange[];
  actions: BumpAction[];
}

export type BumpEvent =
  | NoticeEvent
  /** The check found errors, so nothing is changed (the use case then throws). */
  | { type: 'check-failed'; result: CheckResult }
  /** The plan, before any of it runs (and all a dry run does). */
  | { type: 'planned'; plan: BumpPlan; dryRun: boolean }
  | { type: 'done'; action: BumpAction };

export interface BumpOptions extends ChangeOptions<BumpEvent> {
  /** A bump level of the versioning policy (major, minor, patch, premajor, preminor, prepatch, prerelease, post, dev, release) or an explicit version. */
  spec: string;
  /** The pre-release phase the pre* levels use (a, b, rc; alpha and beta also do). */
  preid?: string;
  /** Set an explicit version even when it is not newer. */
  force?: boolean;
  /** Today, for a level that follows the calendar; the real date when absent. */
  now?: Date;
  /** Plan and announce, change nothing. */
  dryRun?: boolean;
  /** In a workspace: the package to bump (its name or path), with the exact pins on it in its siblings. */
  package?: string;
  /** In a workspace: the fixed group to bump, every member and every pin among them. */
  group?: string;
  commit?: boolean;
  /** Implies commit. */
  tag?: boolean;
  /** Implies commit: push HEAD (and the tag) to release.remote. */
  push?: boolean;
  /** Commit although other tracked files have changes (only the version files are committed). */
  allowDirty?: boolean;
  /** Asked before anything is changed when the plan pushes; false stops the bump. The core never asks a terminal. */
  confirmPush?: (plan: BumpPlan) => Promise<boolean>;
}

export interface BumpResult {
  plan: BumpPlan;
  /** False for a dry run: nothing was changed. */
  applied: boolean;
}

export type FixEvent =
  | NoticeEvent
  /** The literals to set, before any is written (and all a dry run does). */
  | { type: 'fix-planned'; version: string; changes: FileChange[]; dryRun: boolean };

export interface FixOptions extends ChangeOptions<FixEvent> {
  dryRun?: boolean;
}

export interface FixResult {
  /** The primary version the drifted literals were set to. */
  version: string | undefined;
  changes: FileChange[];
  /** False for a dry run, or when there was nothing to fix. */
  applied: boolean;
  /** The check after the fix (or as it stands, when nothing was written). */
  result: CheckResult;
}

export interface RecoverOptions extends ChangeOptions {
  /** Forget the journal without changing any file. */
  discard?: boolean;
}

export interface RecoverResult {
  /** What was done, in words ("restored pyproject.toml", "nothing to recover"). */
  summary: string;
}
