// The pre-commit framework's .pre-commit-config.yaml: our hook added as one more `repos:` entry,
// by inserting text (every other byte, comments included, stays), or a reason why it cannot be.

export const CONFIG_FILE = '.pre-commit-config.yaml';

/** The `repos:` entry, as text at the given indentation of the list's dashes. */
export function hookEntry(entry: string, indent: string, eol: string): string {
  return [
    `${indent}# added by heimdall-version hook install`,
    `${indent}- repo: local`,
    `${indent}  hooks:`,
    `${indent}    - id: heimdall-version`,
    `${indent}      name: heimdall-version check`,
    `${indent}      entry: ${entry} check --staged`,
    `${indent}      language: system`,
    `${indent}      pass_filenames: false`,
    `${indent}      always_run: true`,
  ].join(eol) + eol;
}

export const hasHook = (text: string) => /^\s*-\s+id:\s*['"]?heimdall-version['"]?\s*$/m.test(text);

/** The config with our entry appended to the block-style `repos:` list, or why not (flow style, no list). */
export function addHook(text: string, entry: string): { text: string } | { problem: string } {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const raw = text.split('\n');
  const lines = raw.map((l) => l.replace(/\r$/, ''));
  const start = lines.findIndex((l) => /^repos:\s*(#.*)?$/.test(l));
  if (start === -1) return { problem: /^repos:/m.test(text) ? 'its repos: list is written inline' : 'it has no top-level repos: list' };
  // The list runs until the next top-level key; its items' dashes set the indentation.
  let indent: string | undefined;
  let last = start;
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^[^\s#-]/.test(line)) break;
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    indent ??= /^(\s*)-/.exec(line)?.[1];
    last = i;
  }
  if (indent === undefined) return { problem: 'its repos: list is empty' };
  // Byte offset just after the list's last line (its line ending included).
  const offset = raw.slice(0, last + 1).reduce((n, l) => n + l.length + 1, 0);
  if (offset > text.length) return { text: `${text}${eol}${hookEntry(entry, indent, eol)}` };
  return { text: text.slice(0, offset) + hookEntry(entry, indent, eol) + text.slice(offset) };
}

/** The config without the entry addHook added (whatever its indentation), or undefined when it is not there. */
export function removeHook(text: string): string | undefined {
  const re = /^[ \t]*# added by heimdall-version hook install\r?\n[ \t]*- repo: local\r?\n(?:[ \t]+.*\r?\n){7}/m;
  const match = re.exec(text);
  if (!match || !/always_run: true\r?\n$/.test(match[0])) return undefined;
  return text.slice(0, match.index) + text.slice(match.index + match[0].length);
}

/** What to paste when the file cannot be edited safely: the framework's own route first. */
export function snippet(): string {
  return [
    'repos:',
    '  - repo: https://github.com/OWNER/heimdall-version   # the git URL you install heimdall-version from',
    '    rev: v0.1.0   # a release tag of it; until one exists, the full SHA of a commit you reviewed',
    '    hooks:',
    '      - id: heimdall-version',
    '',
  ].join('\n');
}
