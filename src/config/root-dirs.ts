// The subdirectories zero configuration looks at for the package's own version file (the root's and
// src/'s), never through a link that leads out of the project.
import { readdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { isInside } from '../git/workspace.js';
import type { ListDirs } from './own-version.js';

export function rootDirLister(root: string): ListDirs {
  const realRoot = realpathSync.native(root);
  return (dir) => {
    try {
      const real = realpathSync.native(path.join(realRoot, dir));
      if (!isInside(realRoot, real)) return [];
      return readdirSync(real, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
        .sort();
    } catch {
      return [];
    }
  };
}
