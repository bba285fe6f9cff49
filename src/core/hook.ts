// hook install | uninstall as use cases: where the staged check goes (husky, git's own hook, or the
// pre-commit framework's configuration) and the one change made there, as a result and events.
import { existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import path from 'node:path';
import { loadConfig } from '../config/load.js';
import { UserError } from './errors.js';
import { gitOrFail } from '../git/git.js';
import { isInside } from '../git/workspace.js';
import {
  appendBlock,
  CHAINED_SUFFIX,
  chainWrapper,
  hasBlock,
  hookBlock,
  insertBlock,
  isEmptyScript,
  isShellScript,
  removeBlock,
  type InstalledBy,
} from '../git/hook-script.js';
import { frameworkInstall, frameworkUninstall, usesFramework } from './hook-framework.js';
import { createWhole, replaceWhole, shownPath } from './whole-files.js';

export type { InstalledBy } from '../git/hook-script.js';

/** Who runs the hook: git itself, husky (.husky/pre-commit), or the pre-commit framework (.pre-commit-config.yaml). */
export type HookManager = 'git' | 'husky' | 'pre-commit';

/** What install or uninstall did to the file. */
export type HookOutcome =
  | 'created' // a new hook file
  | 'inserted' // into an existing shell hook, after its first line
  | 'appended' // to husky's hook, or as an entry of the framework's repos: list
  | 'chained' // a foreign hook moved aside and run after the check
  | 'already-installed'
  | 'restored' // uninstall: the chained hook put back
  | 'deleted' // uninstall: the hook held only the check
  | 'removed' // uninstall: the check taken out, the rest kept
  | 'not-installed';

export interface HookResult {
  action: 'install' | 'uninstall';
  manager: HookManager;
  /** The file changed or looked at (absolute). */
  file: string;
  outcome: HookOutcome;
  /** Where a foreign hook was moved to (chained). */
  chained?: string;
}

export type HookEvent = { type: 'target'; manager: HookManager; file: string } | ({ type: 'done' } & HookResult);

export interface HookOptions {
  cwd?: string;
  configFile?: string;
  /** The heimdall-version that runs this, by absolute paths: the hook's last resort (see hookBlock). */
  installedBy?: InstalledBy;
  /** Where the framework's local hook looks for heimdall-version (PATH); default process.env. */
  env?: NodeJS.ProcessEnv;
  onEvent?: (event: HookEvent) => void;
}

export const installHook = (options: HookOptions = {}) => runHook('install', options);
export const uninstallHook = (options: HookOptions = {}) => runHook('uninstall', options);

async function runHook(action: 'install' | 'uninstall', options: HookOptions): Promise<HookResult> {
  const loaded = await loadConfig({ cwd: options.cwd, configFile: options.configFile });
  const gitTop = loaded.gitTop;
  if (!gitTop) throw new UserError('hook install needs a git repository (run git init first)');
  const target = await hookTarget(gitTop);
  const real = writtenThrough(target.file);
  const bytes = existsSync(target.file) ? readFileSync(target.file) : undefined;
  const current = bytes?.toString('utf8');
  const manager: HookManager = target.husky ? 'husky' : usesFramework(gitTop, current) ? 'pre-commit' : 'git';
  const file = manager === 'pre-commit' ? path.join(gitTop, '.pre-commit-config.yaml') : target.file;
  options.onEvent?.({ type: 'target', manager, file });
  const done = (outcome: HookOutcome, chained?: string): HookResult => {
    const result: HookResult = { action, manager, file, outcome, ...(chained ? { chained } : {}) };
    options.onEvent?.({ type: 'done', ...result });
    return result;
  };
  if (manager === 'pre-commit') return done(action === 'install' ? frameworkInstall(gitTop, options.env ?? process.env) : frameworkUninstall(gitTop));
  const cwdArg = path.relative(gitTop, loaded.root).split(path.sep).join('/') || undefined;
  const hook = { path: target.file, real };
  return action === 'install' ? install(hook, bytes, manager, hookBlock(cwdArg, options.installedBy), done) : uninstall(hook, current, done);
}

/** The hook's path, and the file its text is edited in: a link inside the hooks directory is followed. */
type HookFile = { path: string; real: string };

function install(
  hook: HookFile,
  bytes: Buffer | undefined,
  manager: HookManager,
  block: string,
  done: (o: HookOutcome, chained?: string) => HookResult,
): HookResult {
  const current = bytes?.toString('utf8');
  if (current !== undefined && hasBlock(current)) return done('already-installed');
  mkdirSync(path.dirname(hook.real), { recursive: true });
  if (current === undefined) {
    createWhole(hook.real, manager === 'husky' ? appendBlock('', block) : insertBlock('', block), 0o755);
    return done('created');
  }
  if (manager === 'husky') return (replaceWhole(hook.real, appendBlock(current, block), 0o111), done('appended'));
  // Bytes that are not text (a compiled hook) are never edited: such a hook is chained instead.
  const binary = bytes!.includes(0) || !isUtf8(bytes!);
  if (!binary && isShellScript(current)) return (replaceWhole(hook.real, insertBlock(current, block), 0o111), done('inserted'));
  // The hook itself (a link too) is moved aside beside it, where the wrapper's exec finds it.
  const chained = `${hook.path}${CHAINED_SUFFIX}`;
  if (lstatSync(chained, { throwIfNoEntry: false }))
    throw new UserError(`${shownPath(chained)} exists already (a hook a former install chained); move it away, then run hook install again`);
  renameSync(hook.path, chained);
  try {
    createWhole(hook.path, chainWrapper(block, path.basename(chained)), 0o755);
  } catch (e) {
    renameSync(chained, hook.path);
    throw e;
  }
  return done('chained', chained);
}

function uninstall(hook: HookFile, current: string | undefined, done: (o: HookOutcome) => HookResult): HookResult {
  if (current === undefined || !hasBlock(current)) return done('not-installed');
  const rest = removeBlock(current);
  const chained = `${hook.path}${CHAINED_SUFFIX}`;
  if (lstatSync(chained, { throwIfNoEntry: false })) return (renameSync(chained, hook.path), done('restored'));
  if (isEmptyScript(rest)) return (rmSync(hook.path), done('deleted'));
  replaceWhole(hook.real, rest);
  return done('removed');
}

/** The file a hook's text lives in: itself, or where its link leads; a link leading out of the hooks directory belongs to someone else and is refused. */
function writtenThrough(file: string): string {
  if (!lstatSync(file, { throwIfNoEntry: false })?.isSymbolicLink()) return file;
  let target: string;
  try {
    target = realpathSync(file);
  } catch {
    target = path.resolve(path.dirname(file), readlinkSync(file)); // a dangling link: the file it would create
  }
  if (!isInside(realpathSync(path.dirname(file)), target))
    throw new UserError(
      `${shownPath(file)} is a link to ${target}, outside the hooks directory; heimdall-version does not edit files elsewhere: replace the link with a hook of its own, or add \`heimdall-version check --staged\` to ${target} yourself`,
      1,
    );
  return target;
}

/** husky's .husky/pre-commit when the repository uses husky, else git's own hooks directory (core.hooksPath honoured). */
async function hookTarget(gitTop: string): Promise<{ file: string; husky: boolean }> {
  const huskyDir = path.join(gitTop, '.husky');
  if (existsSync(huskyDir) && statSync(huskyDir).isDirectory()) return { file: path.join(huskyDir, 'pre-commit'), husky: true };
  const hooks = (await gitOrFail(gitTop, ['rev-parse', '--git-path', 'hooks'], 'finding the hooks directory')).trim();
  return { file: path.resolve(gitTop, hooks, 'pre-commit'), husky: false };
}
