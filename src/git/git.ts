// Every git call of the tool. Plain `git` processes: no shell, output parsed here. Read commands
// call git through readGit: the repository's configuration can name programs for git to run, and
// a read must run none of them (docs/security.md lists what is neutralised and why).
import { UserError } from '../core/errors.js';
import { injectFault } from '../change/fault.js';

// Loading node:child_process costs a check more than the rest of its work: only a git call loads it.
export const childProcess = () => import('node:child_process');
export type ChildProcessModule = Awaited<ReturnType<typeof childProcess>>;

/**
 * Options of every git a read command starts. Reads use plumbing that runs no filter, textconv or
 * external diff driver (cat-file --batch, ls-files, for-each-ref, rev-parse, symbolic-ref); these
 * options cover what such commands would still do on the repository's say-so.
 */
export const READ_ONLY = [
  '--no-pager', // core.pager and pager.<command>
  '--literal-pathspecs', // a file name is a name, never a glob or a :(magic) pathspec
  '--no-optional-locks', // no opportunistic index refresh written by a read
  '-c',
  'core.fsmonitor=false', // the fsmonitor hook runs wherever the index is read
  '-c',
  'core.hooksPath=/dev/null', // no hook runs from a read, whatever git version adds one
];

/**
 * The environment of every git a read command starts. A repository that says it is a partial clone
 * makes git fetch a missing object from a remote it names, running that remote's programs (a local
 * remote's uploadpack, core.sshCommand): reads fetch nothing. GIT_ALLOW_PROTOCOL overrides every
 * protocol.*.allow the repository sets; no transport is named '(none)'. GIT_NO_LAZY_FETCH (git 2.44)
 * stops the fetch before it starts.
 */
export const readEnv = (): NodeJS.ProcessEnv => ({ ...process.env, GIT_ALLOW_PROTOCOL: '(none)', GIT_NO_LAZY_FETCH: '1' });

export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function git(cwd: string, args: string[], input?: string): Promise<GitResult> {
  return startGit(await childProcess(), cwd, args, input);
}

/** git as read commands run it (READ_ONLY). */
export async function readGit(cwd: string, args: string[], input?: string): Promise<GitResult> {
  return startReadGit(await childProcess(), cwd, args, input);
}

/** startGit as read commands run it (READ_ONLY, readEnv). */
export const startReadGit = (cp: ChildProcessModule, cwd: string, args: string[], input?: string) =>
  startGit(cp, cwd, [...READ_ONLY, ...args], input, readEnv());

/** Starts git at once (so that another may run beside it) and resolves when it ends. */
export function startGit(cp: ChildProcessModule, cwd: string, args: string[], input?: string, env?: NodeJS.ProcessEnv): Promise<GitResult> {
  return new Promise((resolve) => {
    const child = cp.execFile('git', args, { cwd, env, maxBuffer: 1 << 30, encoding: 'utf8' }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 127) : 0;
      resolve({ code, stdout, stderr: err && !stderr ? err.message : stderr });
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}

/** A read command's git run to completion with its input given at once: no streams to drive, which a hook's check would pay for. */
export function readGitSync(cp: ChildProcessModule, cwd: string, args: string[], input: string): { code: number; stdout: Buffer; stderr: string } {
  const res = cp.spawnSync('git', [...READ_ONLY, ...args], { cwd, input, env: readEnv(), maxBuffer: 1 << 30 });
  // git that refuses the repository exits before reading its input: EPIPE then, and git's own words in stderr.
  if (res.error && !((res.error as NodeJS.ErrnoException).code === 'EPIPE' && res.status)) throw res.error;
  return { code: res.status ?? 1, stdout: res.stdout, stderr: res.stderr.toString('utf8') };
}

export interface TagInfo {
  /** Names of the version tags reachable from HEAD (all of them: names that are no version may sort
   *  above any real one); the ref files (refs.ts) leave this empty when no tag is newer than the version. */
  newestReachable: string[];
  /** Names of the tags on HEAD itself (annotated ones peeled). */
  onHead: string[];
  /** git itself could not be started. */
  gitMissing?: boolean;
}

/** git refused or failed: an error quoting git, exit 2 when it cannot read the repository at all. */
export function gitFailure(gitTop: string, res: GitResult, what: string): UserError {
  const said = res.stderr.trim() || `git exited with ${res.code}`;
  const unreadable = /dubious ownership|not a git repository|unsafe repository|unknown repository format|bad config/i.test(said);
  return new UserError(`${unreadable ? `git cannot read this repository (${gitTop})` : `${what} failed`}: ${said}`, unreadable ? 2 : 1);
}

/** The tags that matter: the version tags reachable from HEAD, and (withHead) those on HEAD; git processes run side by side. */
export async function readTags(gitTop: string, prefix: string, withHead = true): Promise<TagInfo> {
  const pattern = `refs/tags/${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
  // Names only: asking for peeled objects (%(*objectname)) reads every tag object and is slow.
  const [merged, onHead] = await Promise.all([
    readGit(gitTop, ['for-each-ref', '--merged', 'HEAD', '--format=%(refname:strip=2)', pattern]),
    withHead ? readGit(gitTop, ['for-each-ref', '--points-at', 'HEAD', '--format=%(refname:strip=2)', 'refs/tags']) : undefined,
  ]);
  if (merged.code === 127) return { newestReachable: [], onHead: [], gitMissing: true };
  for (const res of [merged, onHead]) {
    if (!res || res.code === 0) continue;
    if (await isUnborn(gitTop)) return { newestReachable: [], onHead: [] };
    throw gitFailure(gitTop, res, 'reading the tags (git for-each-ref)');
  }
  const names = (res: GitResult) => res.stdout.split('\n').filter(Boolean);
  return { newestReachable: names(merged), onHead: onHead ? names(onHead) : [] };
}

/** HEAD names a branch that has no commit yet (a new repository): no tag is reachable, and that is no failure. */
async function isUnborn(gitTop: string): Promise<boolean> {
  const [resolved, symbolic] = await Promise.all([readGit(gitTop, ['rev-parse', '-q', '--verify', 'HEAD']), readGit(gitTop, ['symbolic-ref', '-q', 'HEAD'])]);
  return resolved.code === 1 && symbolic.code === 0;
}

/** Runs git and returns stdout, or throws a UserError (exit 1) that quotes git's own words. */
export async function gitOrFail(cwd: string, args: string[], what: string): Promise<string> {
  const res = await git(cwd, args);
  if (res.code !== 0) throw new UserError(`${what} failed: ${res.stderr.trim() || `git exited with ${res.code}`}`, 1);
  return res.stdout;
}

/** Tracked files with uncommitted changes (staged or not), as paths relative to the top level. */
export async function changedTrackedFiles(gitTop: string): Promise<string[]> {
  const out = await gitOrFail(gitTop, ['status', '--porcelain=v1', '-z', '--untracked-files=no'], 'git status');
  const entries = out.split('\0');
  const files: string[] = [];
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    if (entry.length < 4) continue;
    files.push(entry.slice(3));
    if (entry[0] === 'R' || entry[0] === 'C') i++; // a rename's second field is its old path
  }
  return files;
}

/** The commit a tag points at, or undefined when there is no such tag. */
export async function tagCommit(gitTop: string, tag: string): Promise<string | undefined> {
  const res = await git(gitTop, ['rev-parse', '-q', '--verify', `refs/tags/${tag}^{commit}`]);
  return res.code === 0 ? res.stdout.trim() : undefined;
}

export async function headCommit(gitTop: string): Promise<string | undefined> {
  const res = await git(gitTop, ['rev-parse', '-q', '--verify', 'HEAD^{commit}']);
  return res.code === 0 ? res.stdout.trim() : undefined;
}

export async function currentBranch(gitTop: string): Promise<string | undefined> {
  const res = await git(gitTop, ['symbolic-ref', '--short', '-q', 'HEAD']);
  return res.code === 0 ? res.stdout.trim() : undefined;
}

/** Commits exactly these files (their work-tree content), whatever else is staged. */
export async function commitFiles(gitTop: string, files: string[], message: string): Promise<void> {
  // Literal pathspecs: a source named "*" stages and commits itself, not every file.
  await gitOrFail(gitTop, ['--literal-pathspecs', 'add', '--', ...files], 'git add');
  injectFault('added');
  await gitOrFail(gitTop, ['--literal-pathspecs', 'commit', '-q', '-m', message, '--only', '--', ...files], 'git commit');
}

export async function createTag(gitTop: string, tag: string, message: string): Promise<void> {
  await gitOrFail(gitTop, ['tag', '-a', '-m', message, '--', tag], `git tag ${tag}`);
}

export async function pushRefs(gitTop: string, remote: string, refs: string[]): Promise<void> {
  await gitOrFail(gitTop, ['push', '--atomic', '--', remote, ...refs], `git push ${remote}`);
}

/** The URL a remote pushes to, or undefined when the repository has no such remote. */
export async function remotePushUrl(gitTop: string, remote: string): Promise<string | undefined> {
  const res = await git(gitTop, ['remote', 'get-url', '--push', remote]);
  return res.code === 0 ? res.stdout.trim() : undefined;
}
