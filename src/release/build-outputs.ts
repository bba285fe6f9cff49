// The project's build output: removing it before the build, listing what the build made.
import { readdirSync, realpathSync, rmSync } from 'node:fs';
import path from 'node:path';
import { isInside } from '../git/workspace.js';

/** Removes the configured paths and globs (a `*` within one path segment), never outside the root. */
export function cleanOutputs(projectRoot: string, patterns: string[]): string[] {
  const root = realpathSync(projectRoot);
  const removed: string[] = [];
  for (const pattern of patterns) {
    for (const rel of expand(root, pattern.split('/').filter(Boolean))) {
      const full = path.join(root, rel);
      if (!isInside(root, full) || full === root) continue;
      rmSync(full, { recursive: true, force: true });
      removed.push(rel);
    }
  }
  return removed;
}

function expand(root: string, segments: string[], prefix = ''): string[] {
  if (segments.length === 0) return prefix ? [prefix] : [];
  const [head, ...rest] = segments as [string, ...string[]];
  let names: string[];
  try {
    names = readdirSync(path.join(root, prefix));
  } catch {
    return [];
  }
  const re = new RegExp(`^${head.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  return names.filter((n) => re.test(n) && n !== '.git').flatMap((n) => expand(root, rest, prefix ? `${prefix}/${n}` : n));
}

/** The wheels and sdists in a directory, sorted by name. */
export function distFiles(dir: string): string[] {
  try {
    return readdirSync(dir).filter((f) => f.endsWith('.whl') || f.endsWith('.tar.gz')).sort();
  } catch {
    return [];
  }
}
