// The project's build output: removing it before the build, listing what the build made. Clean
// never follows a link: not at the path's last component (the link itself goes), nor on the way.
import { lstatSync, readdirSync, realpathSync, rmSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { isInside } from '../git/workspace.js';

/** Removes the configured paths and globs (a `*` within one path segment), never outside the root, never through a link. */
export function cleanOutputs(projectRoot: string, patterns: string[]): string[] {
  const root = realpathSync(projectRoot);
  const removed: string[] = [];
  for (const pattern of patterns) {
    for (const rel of expand(root, pattern.split('/').filter(Boolean))) {
      const full = path.join(root, rel);
      // Asked again just before removing: a directory on the way may have become a link since.
      if (!isInside(root, full) || full === root || !realDirectoriesOnTheWay(root, rel)) continue;
      rmSync(full, { recursive: true, force: true });
      removed.push(rel);
    }
  }
  return removed;
}

/** The paths under `root` the segments match; only real directories (no links) are descended into. */
function expand(root: string, segments: string[], prefix = ''): string[] {
  if (segments.length === 0) return prefix ? [prefix] : [];
  const [head, ...rest] = segments as [string, ...string[]];
  let entries: Dirent[];
  try {
    entries = readdirSync(path.join(root, prefix), { withFileTypes: true });
  } catch {
    return [];
  }
  const re = new RegExp(`^${head.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  return entries
    .filter((e) => re.test(e.name) && e.name !== '.git' && (rest.length === 0 || e.isDirectory()))
    .flatMap((e) => expand(root, rest, prefix ? `${prefix}/${e.name}` : e.name));
}

/** Whether every directory between the root and `rel`'s last component is a real directory, not a link. */
function realDirectoriesOnTheWay(root: string, rel: string): boolean {
  const parts = rel.split('/').slice(0, -1);
  return parts.every((_, i) => {
    try {
      return lstatSync(path.join(root, ...parts.slice(0, i + 1))).isDirectory();
    } catch {
      return false;
    }
  });
}

/** The wheels and sdists in a directory, sorted by name. */
export function distFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.whl') || f.endsWith('.tar.gz'))
      .sort();
  } catch {
    return [];
  }
}
