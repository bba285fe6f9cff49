// A workspace's member globs ("packages/*", "libs/**", uv's and npm's), expanded to the directories
// they name under the root, minus the excluded ones; never through a link that leads out of the root.
import { readdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { isInside } from '../git/workspace.js';

const SKIPPED = new Set(['.git', 'node_modules', '.venv', '__pycache__']);

/** A glob's one path segment as a regular expression: `*` and `?` within the segment, `[…]` classes. */
function segmentPattern(segment: string): RegExp {
  let out = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i]!;
    if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const end = segment.indexOf(']', i + 1);
      if (end === -1) out += '\\[';
      else {
        out += `[${segment
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else out += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

/** Whether a root-relative '/'-separated path matches the glob. */
export function matchesGlob(glob: string, rel: string): boolean {
  const parts = normalize(glob).split('/');
  const names = rel === '' ? [] : rel.split('/');
  const match = (p: number, n: number): boolean => {
    if (p === parts.length) return n === names.length;
    if (parts[p] === '**') return match(p + 1, n) || (n < names.length && match(p, n + 1));
    return n < names.length && segmentPattern(parts[p]!).test(names[n]!) && match(p + 1, n + 1);
  };
  return match(0, 0);
}

const normalize = (glob: string) =>
  glob
    .replace(/\\/g, '/')
    .replace(/^\.\/+/, '')
    .replace(/\/+$/, '') || '.';

/** The directories the globs name (root-relative, sorted), minus those an exclude glob names. */
export function expandMembers(root: string, members: string[], exclude: string[]): string[] {
  const realRoot = realpathSync(root);
  const found = new Set<string>();
  for (const glob of members) {
    const g = normalize(glob);
    if (g === '.') found.add('');
    else if (!g.split('/').includes('..') && !path.isAbsolute(g)) walk(realRoot, '', g.split('/'), found);
  }
  return [...found].filter((dir) => !exclude.some((e) => matchesGlob(e, dir))).sort();
}

function walk(realRoot: string, rel: string, parts: string[], out: Set<string>): void {
  if (parts.length === 0) return void out.add(rel);
  const [head, ...rest] = parts as [string, ...string[]];
  if (head === '**') {
    walk(realRoot, rel, rest, out);
    for (const name of subdirs(realRoot, rel)) walk(realRoot, join(rel, name), parts, out);
    return;
  }
  if (!/[*?[]/.test(head)) {
    if (subdirs(realRoot, rel).includes(head)) walk(realRoot, join(rel, head), rest, out);
    return;
  }
  const pattern = segmentPattern(head);
  for (const name of subdirs(realRoot, rel)) if (pattern.test(name)) walk(realRoot, join(rel, name), rest, out);
}

const join = (rel: string, name: string) => (rel ? `${rel}/${name}` : name);

/** The directories in a root-relative directory that stay inside the root, hidden and dependency directories left out. */
function subdirs(realRoot: string, rel: string): string[] {
  try {
    const dir = path.join(realRoot, rel);
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => !SKIPPED.has(e.name) && (e.isDirectory() || (e.isSymbolicLink() && insideDir(realRoot, path.join(dir, e.name)))))
      .map((e) => e.name);
  } catch {
    return [];
  }
}

function insideDir(realRoot: string, p: string): boolean {
  try {
    const real = realpathSync(p);
    return isInside(realRoot, real) && readdirSync(real) !== undefined;
  } catch {
    return false;
  }
}
