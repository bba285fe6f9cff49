// hook install | uninstall: the staged check in the repository's pre-commit hook.
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import path from 'node:path';
import { defineCommand, type GlobalValues, type Io } from '../command.js';
import { loadConfig } from '../../config/load.js';
import { UserError } from '../../core/errors.js';
import { gitOrFail } from '../../git/git.js';
import { isInside } from '../../git/workspace.js';
import { appendBlock, CHAINED_SUFFIX, chainWrapper, hasBlock, hookBlock, insertBlock, isEmptyScript, isShellScript, removeBlock, type InstalledBy } from '../../git/hook-script.js';
import { frameworkHook, usesFramework } from './hook-framework.js';

export const hookCommand = defineCommand({
  name: 'hook',
  summary: 'install (or uninstall) the pre-commit check in this git repository',
  args: [{ name: 'install|uninstall', help: 'install adds `heimdall-version check --staged` to the pre-commit hook (husky, or git\'s own); uninstall removes it' }],
  options: {},
  examples: ['hook install', 'hook uninstall', 'hook install --cwd packages/api'],
  run: runHook,
});

async function runHook(v: GlobalValues, positionals: string[], io: Io): Promise<number> {
  const action = positionals[0];
  if ((action !== 'install' && action !== 'uninstall') || positionals.length !== 1) throw new UserError('usage: heimdall-version hook install|uninstall');
  const loaded = await loadConfig({ cwd: v.cwd, configFile: v.config });
  const gitTop = loaded.gitTop;
  if (!gitTop) throw new UserError('hook install needs a git repository (run git init first)');
  const target = await hookTarget(gitTop);
  const rel = path.relative(process.cwd(), target.file) || target.file;
  const cwdArg = path.relative(gitTop, loaded.root).split(path.sep).join('/') || undefined;
  refuseOutsideLink(target.file, rel);
  const bytes = existsSync(target.file) ? readFileSync(target.file) : undefined;
  // Bytes that are not text (a compiled hook) are never edited: such a hook is chained instead.
  const binary = bytes !== undefined && (bytes.includes(0) || !isUtf8(bytes));
  const current = bytes?.toString('utf8');
  const chained = `${target.file}${CHAINED_SUFFIX}`;
  if (!target.husky && usesFramework(gitTop, current)) return frameworkHook(action, gitTop, io);

  if (action === 'uninstall') {
    if (current === undefined || !hasBlock(current)) return (io.out(`no heimdall-version check in ${rel}; nothing to remove\n`), 0);
    const rest = removeBlock(current);
    if (existsSync(chained)) {
      renameSync(chained, target.file);
      io.out(`removed the heimdall-version check; restored the original ${rel}\n`);
    } else if (isEmptyScript(rest)) {
      rmSync(target.file);
      io.out(`removed ${rel} (it held only the heimdall-version check)\n`);
    } else {
      writeFileSync(target.file, rest);
      io.out(`removed the heimdall-version check from ${rel}\n`);
    }
    return 0;
  }

  if (current !== undefined && hasBlock(current)) return (io.out(`the heimdall-version check is already in ${rel}\n`), 0);
  mkdirSync(path.dirname(target.file), { recursive: true });
  const block = hookBlock(cwdArg, installedBy());
  if (target.husky) {
    writeFileSync(target.file, appendBlock(current ?? '', block));
    io.out(`added the heimdall-version check to ${rel} (husky)\n`);
  } else if (current === undefined) {
    writeFileSync(target.file, insertBlock('', block), { mode: 0o755 });
    io.out(`wrote ${rel}\n`);
  } else if (!binary && isShellScript(current)) {
    writeFileSync(target.file, insertBlock(current, block));
    io.out(`added the heimdall-version check to the existing ${rel}; its own commands still run after it\n`);
  } else {
    renameSync(target.file, chained);
    writeFileSync(target.file, chainWrapper(block, path.basename(chained)), { mode: 0o755 });
    io.out(`moved the existing ${rel} to ${path.basename(chained)} and chained it after the heimdall-version check\n`);
  }
  chmodSync(target.file, statSync(target.file).mode | 0o111);
  return 0;
}

/** This very heimdall-version, by absolute paths (node and the bin that started it), if it was started from its bin. */
function installedBy(): InstalledBy | undefined {
  const started = process.argv[1];
  if (!started || !/heimdall-version(\.cjs)?$/.test(started)) return undefined;
  try {
    return { node: process.execPath, bin: realpathSync(started) };
  } catch {
    return undefined;
  }
}

/** A hook that is a link leading out of its directory belongs to someone else: never written through. */
function refuseOutsideLink(file: string, rel: string): void {
  if (!lstatSync(file, { throwIfNoEntry: false })?.isSymbolicLink()) return;
  const dir = realpathSync(path.dirname(file));
  let target: string;
  try {
    target = realpathSync(file);
  } catch {
    target = path.resolve(path.dirname(file), readlinkSync(file));
  }
  if (!isInside(dir, target))
    throw new UserError(`${rel} is a link to ${target}, outside the hooks directory; heimdall-version does not edit files elsewhere: replace the link with a hook of its own, or add \`heimdall-version check --staged\` to ${target} yourself`, 1);
}

/** husky's .husky/pre-commit when the repository uses husky, else git's own hooks directory (core.hooksPath honoured). */
async function hookTarget(gitTop: string): Promise<{ file: string; husky: boolean }> {
  const huskyDir = path.join(gitTop, '.husky');
  if (existsSync(huskyDir) && statSync(huskyDir).isDirectory()) return { file: path.join(huskyDir, 'pre-commit'), husky: true };
  const hooks = (await gitOrFail(gitTop, ['rev-parse', '--git-path', 'hooks'], 'finding the hooks directory')).trim();
  return { file: path.resolve(gitTop, hooks, 'pre-commit'), husky: false };
}
