// The pre-commit hook text: pure functions that add or remove our marked block in a hook script.

export const BEGIN = '# >>> heimdall-version >>>';
export const END = '# <<< heimdall-version <<<';
export const CHAINED_SUFFIX = '.heimdall-chained';

/** The heimdall-version that ran `hook install`, by absolute paths: the hook's last resort. */
export interface InstalledBy {
  node: string;
  bin: string;
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * The shell lines that run the staged check, finding the binary locally first, then on PATH, then
 * (like pre-commit's own hook, which records its interpreter) where the installing copy was.
 */
export function hookBlock(cwdArg: string | undefined, installedBy?: InstalledBy): string {
  const args = `check --staged${cwdArg ? ` --cwd ${quote(cwdArg)}` : ''}`;
  return [
    BEGIN,
    'if [ -x ./node_modules/.bin/heimdall-version ]; then',
    `  ./node_modules/.bin/heimdall-version ${args} || exit 1`,
    'elif command -v heimdall-version >/dev/null 2>&1; then',
    `  heimdall-version ${args} || exit 1`,
    ...(installedBy
      ? [
          `elif [ -x ${quote(installedBy.node)} ] && [ -f ${quote(installedBy.bin)} ]; then`,
          `  ${quote(installedBy.node)} ${quote(installedBy.bin)} ${args} || exit 1`,
        ]
      : []),
    'else',
    '  echo "heimdall-version is not installed where this hook looks (node_modules/.bin, PATH, or where hook install ran from): install it (see its README), or commit with --no-verify" >&2',
    '  exit 1',
    'fi',
    END,
  ].join('\n');
}

export const hasBlock = (script: string) => script.includes(BEGIN);

/** A shell script runs our block; anything else (python, node, a binary) must be chained instead. */
export function isShellScript(script: string): boolean {
  const first = script.split('\n', 1)[0] ?? '';
  return !first.startsWith('#!') || /\b(sh|bash|dash|zsh|ksh)\b/.test(first);
}

/** Puts the block after the shebang, so an `exit 0` at the end of a foreign hook cannot skip it. */
export function insertBlock(script: string, block: string): string {
  if (script === '') return `#!/bin/sh\n${block}\n`;
  if (!script.startsWith('#!')) return `${block}\n${script}`;
  const eol = script.indexOf('\n');
  return eol === -1 ? `${script}\n${block}\n` : `${script.slice(0, eol + 1)}${block}\n${script.slice(eol + 1)}`;
}

/** Appends the block (husky's hook files are plain lists of commands). */
export function appendBlock(script: string, block: string): string {
  return `${script}${script === '' || script.endsWith('\n') ? '' : '\n'}${block}\n`;
}

/** A wrapper that runs our block, then the foreign hook that was moved aside. */
export function chainWrapper(block: string, chainedName: string): string {
  return `#!/bin/sh\n${block}\nexec "$(dirname "$0")/${chainedName}" "$@"\n`;
}

/** The script without our block (and without the exec line of a wrapper). */
export function removeBlock(script: string): string {
  const start = script.indexOf(BEGIN);
  const end = script.indexOf(END);
  if (start === -1 || end === -1) return script;
  const after = script.slice(end + END.length).replace(/^\n/, '');
  return script.slice(0, start) + after.replace(/^exec "\$\(dirname "\$0"\)\/[^"]+\.heimdall-chained" "\$@"\n/, '');
}

/** True when nothing but a shebang and blank lines is left. */
export const isEmptyScript = (script: string) => script.replace(/^#!.*/, '').trim() === '';
