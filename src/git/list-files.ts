// Listing a directory of the project for the rules' discovery: regular files only, never through a
// link (a link is neither followed nor listed), no hidden or dependency directories, bounded in depth
// and count. From the work tree, or from the git index for a staged check.
import { readdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { childProcess, startReadGit } from './git.js';

/** At most this many files are listed, this many directories deep. */
export const LIST_BOUNDS = { files: 2000, depth: 8 };
const SKIPPED = new Set(['node_modules', '__pycache__']);
const skipped = (name: string) => name.startsWith('.') || SKIPPED.has(name);

/** The regular files under `dir` of the work tree, root-relative; [] when it is absent or leads out of the root. */
export function listWorkTree(realRoot: string, dir: string): string[] {
  let realDir: string;
  try {
    realDir = realpathSync.native(path.join(realRoot, dir));
  } catch {
    return [];
  }
  // The directory itself may be a link: what it leads to must be the same place, inside the root.
  if (path.relative(realRoot, realDir).split(path.sep).join('/') !== dir.replace(/\/$/, '')) return [];
  const out: string[] = [];
  const walk = (rel: string, depth: number) => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(path.join(realRoot, rel), { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (out.length >= LIST_BOUNDS.files) return;
      if (skipped(e.name)) continue;
      const child = `${rel}/${e.name}`;
      if (e.isFile()) out.push(child);
      else if (e.isDirectory() && depth < LIST_BOUNDS.depth) walk(child, depth + 1);
    }
  };
  walk(dir.replace(/\/$/, ''), 1);
  return out;
}

/** The regular files under `dir` in the git index (stage 0), root-relative: links and submodules left out. */
export async function listIndex(gitTop: string, prefix: string, dir: string): Promise<string[]> {
  const inRepo = prefix ? `${prefix}/${dir}` : dir;
  const listed = await startReadGit(await childProcess(), gitTop, ['ls-files', '-s', '-z', '--', inRepo.replace(/\/$/, '')]);
  if (listed.code !== 0) return [];
  const out: string[] = [];
  for (const record of listed.stdout.split('\0')) {
    const m = /^(100644|100755) [0-9a-f]+ 0\t(.*)$/s.exec(record);
    if (!m) continue;
    const rel = prefix ? m[2]!.slice(prefix.length + 1) : m[2]!;
    if (!rel.startsWith(`${dir.replace(/\/$/, '')}/`)) continue;
    const parts = rel.split('/');
    if (parts.length - dir.split('/').length > LIST_BOUNDS.depth || parts.some(skipped)) continue;
    out.push(rel);
    if (out.length >= LIST_BOUNDS.files) break;
  }
  return out;
}
