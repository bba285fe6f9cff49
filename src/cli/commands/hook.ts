// hook install | uninstall: parses the action, runs the use case (core/hook.ts), words its outcome.
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { defineCommand, type GlobalValues, type Io } from '../command.js';
import { UserError } from '../../core/errors.js';
import { installHook, uninstallHook, type HookResult, type InstalledBy } from '../../core/hook.js';

export const hookCommand = defineCommand({
  name: 'hook',
  summary: 'install (or uninstall) the pre-commit check in this git repository',
  args: [
    { name: 'install|uninstall', help: "install adds `heimdall-version check --staged` to the pre-commit hook (husky, or git's own); uninstall removes it" },
  ],
  options: {},
  examples: ['hook install', 'hook uninstall', 'hook install --cwd packages/api'],
  run: runHook,
});

async function runHook(v: GlobalValues, positionals: string[], io: Io): Promise<number> {
  const action = positionals[0];
  if ((action !== 'install' && action !== 'uninstall') || positionals.length !== 1) throw new UserError('usage: heimdall-version hook install|uninstall');
  const options = { cwd: v.cwd, configFile: v.config, installedBy: installedBy() };
  const result = action === 'install' ? await installHook(options) : await uninstallHook(options);
  io.out(`${hookMessage(result)}\n`);
  return 0;
}

/** The outcome in words, with paths as the user would type them from here. */
export function hookMessage(r: HookResult): string {
  const rel = path.relative(process.cwd(), r.file) || r.file;
  if (r.manager === 'pre-commit') {
    if (r.action === 'uninstall')
      return r.outcome === 'removed'
        ? `removed the heimdall-version hook from ${rel}`
        : `no heimdall-version hook added by hook install in ${rel}; nothing to remove`;
    if (r.outcome === 'already-installed') return `${rel} already runs the heimdall-version hook`;
    return `added the heimdall-version hook to ${rel} (this repository uses the pre-commit framework, whose pre-commit install replaces .git/hooks/pre-commit); run pre-commit install if you have not`;
  }
  switch (r.outcome) {
    case 'already-installed':
      return `the heimdall-version check is already in ${rel}`;
    case 'created':
      return r.manager === 'husky' ? `added the heimdall-version check to ${rel} (husky)` : `wrote ${rel}`;
    case 'appended':
      return `added the heimdall-version check to ${rel} (husky)`;
    case 'inserted':
      return `added the heimdall-version check to the existing ${rel}; its own commands still run after it`;
    case 'chained':
      return `moved the existing ${rel} to ${path.basename(r.chained!)} and chained it after the heimdall-version check`;
    case 'not-installed':
      return `no heimdall-version check in ${rel}; nothing to remove`;
    case 'restored':
      return `removed the heimdall-version check; restored the original ${rel}`;
    case 'deleted':
      return `removed ${rel} (it held only the heimdall-version check)`;
    case 'removed':
      return `removed the heimdall-version check from ${rel}`;
  }
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
