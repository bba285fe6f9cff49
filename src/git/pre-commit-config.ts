// The pre-commit framework's .pre-commit-config.yaml: our hook added as one more `repos:` entry by
// inserting text where the YAML parser places the list (every other byte, comments included,
// stays), or a reason why it cannot be; removed again only when its text is exactly what we added.
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node, type YAMLSeq } from 'yaml';

export const CONFIG_FILE = '.pre-commit-config.yaml';
const MARK = '# added by heimdall-version hook install';
const HOOK_ID = 'heimdall-version';

/** The `repos:` entry, as text at the given indentation of the list's dashes. */
export function hookEntry(entry: string, indent: string, eol: string): string {
  return (
    [
      `${indent}${MARK}`,
      `${indent}- repo: local`,
      `${indent}  hooks:`,
      `${indent}    - id: ${HOOK_ID}`,
      `${indent}      name: heimdall-version check`,
      `${indent}      entry: ${entry} check --staged`,
      `${indent}      language: system`,
      `${indent}      pass_filenames: false`,
      `${indent}      always_run: true`,
    ].join(eol) + eol
  );
}

type Repos = { seq: YAMLSeq<Node> } | { problem: string };

/** The block-style `repos:` list of the file's one document, or why there is none to edit. */
function reposList(doc: Document): Repos {
  if (doc.errors.length) return { problem: `it is not valid YAML (${doc.errors[0]!.message.split('\n')[0]})` };
  const repos: unknown = isMap(doc.contents) ? doc.contents.get('repos', true) : undefined;
  if (repos === undefined) return { problem: 'it has no top-level repos: list' };
  if (isSeq(repos))
    return repos.flow
      ? { problem: 'its repos: list is written inline' }
      : repos.items.length
        ? { seq: repos as YAMLSeq<Node> }
        : { problem: 'its repos: list is empty' };
  if (isScalar(repos) && repos.value === null) return { problem: 'its repos: list is empty' };
  return { problem: 'its repos: is not a list' };
}

/** Whether any `repos:` entry runs a hook with our id (added by us, or the repo: route). */
export function hasHook(text: string): boolean {
  const found = reposList(parseDocument(text));
  if (!('seq' in found)) return false;
  return found.seq.items.some((repo) => {
    const hooks = isMap(repo) ? repo.get('hooks', true) : undefined;
    return isSeq(hooks) && hooks.items.some((hook) => isMap(hook) && hook.get('id') === HOOK_ID);
  });
}

/** The config with our entry appended to the block-style `repos:` list, or why not. */
export function addHook(text: string, entry: string): { text: string } | { problem: string } {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const found = reposList(parseDocument(text));
  if (!('seq' in found)) return found;
  // The list's dash sets the indentation; the last item's node ends where the line after it starts.
  const dash = found.seq.range![0];
  const indent = text.slice(text.lastIndexOf('\n', dash - 1) + 1, dash);
  if (!/^[ \t]*$/.test(indent)) return { problem: 'its repos: list does not start on a line of its own' };
  const end = found.seq.items.at(-1)!.range?.[1] ?? found.seq.range![1];
  const before = text.slice(0, end);
  const separator = before === '' || before.endsWith('\n') ? '' : eol;
  return { text: `${before}${separator}${hookEntry(entry, indent, eol)}${text.slice(end)}` };
}

/** The config without the entry addHook added (byte for byte as added, whatever its indentation), or undefined when it is not there. */
export function removeHook(text: string): string | undefined {
  const found = reposList(parseDocument(text));
  if (!('seq' in found)) return undefined;
  for (const repo of found.seq.items) {
    if (!isMap(repo) || repo.get('repo') !== 'local' || !repo.range) continue;
    const hooks = repo.get('hooks', true);
    const hook = isSeq(hooks) && hooks.items.length === 1 ? hooks.items[0] : undefined;
    const command = isMap(hook) && hook.get('id') === HOOK_ID ? hook.get('entry') : undefined;
    if (typeof command !== 'string' || !command.endsWith(' check --staged')) continue;
    // From the mark's line to the end of the entry: exactly the text addHook inserted, or nothing is removed.
    const dashLine = text.lastIndexOf('\n', repo.range[0] - 1) + 1;
    const start = text.lastIndexOf('\n', dashLine - 2) + 1;
    const end = repo.range[1];
    const eol = text.slice(0, end).endsWith('\r\n') ? '\r\n' : '\n';
    const indent = /^[ \t]*/.exec(text.slice(dashLine))![0];
    if (dashLine > 0 && text.slice(start, end) === hookEntry(command.slice(0, -' check --staged'.length), indent, eol))
      return text.slice(0, start) + text.slice(end);
  }
  return undefined;
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
