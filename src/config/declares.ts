// What a directory declares, read from its files: a Python package (pyproject.toml with [project]
// or [tool.poetry], setup.cfg with [metadata], setup.py), an npm package, and a workspace's member
// globs (uv's [tool.uv.workspace], package.json's "workspaces"). Pure: files come through `read`.
import { readIni } from '../formats/ini.js';
import { readTomlTree } from '../sources/toml.js';
import type { ReadFile } from './layout.js';
import { distributionIn } from '../core/names.js';

type Tree = Record<string, unknown>;
const obj = (v: unknown): Tree => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Tree) : {});
const globs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((g): g is string => typeof g === 'string' && g !== '') : []);

export interface Declared {
  /** A Python package: why, as the user wrote it, and its distribution name if it states one. */
  python?: { reason: string; name?: string };
  /** package.json's name, when it has a name and a version. */
  npm?: { name: string };
  /** The workspace's member globs, and where they were declared. */
  workspace?: { members: string[]; exclude: string[]; reason: string; npm: boolean }[];
}

/** What the directory's files declare; a pyproject.toml that does not parse declares a package (its reading says why). */
export function declared(read: ReadFile): Declared {
  const out: Declared = {};
  const text = read('pyproject.toml');
  if (text !== undefined) {
    const tree = readTomlTree(text);
    const poetry = obj(obj(tree?.tool).poetry);
    const name = distributionIn(tree);
    if (!tree) out.python = { reason: 'pyproject.toml (which does not parse)' };
    else if (tree.project !== undefined) out.python = { reason: 'pyproject.toml has [project]', name };
    else if (poetry.name !== undefined || poetry.version !== undefined) out.python = { reason: 'pyproject.toml has [tool.poetry]', name };
    const uv = obj(obj(obj(tree?.tool).uv).workspace);
    if (globs(uv.members).length)
      out.workspace = [{ members: globs(uv.members), exclude: globs(uv.exclude), reason: '[tool.uv.workspace] in pyproject.toml', npm: false }];
  }
  if (!out.python) {
    const cfg = read('setup.cfg');
    if (cfg !== undefined && readIni(cfg).sections.some((s) => s.name === 'metadata')) {
      const name = readIni(cfg).options.find((o) => o.section === 'metadata' && o.key === 'name')?.value;
      out.python = { reason: 'setup.cfg has [metadata]', ...(name ? { name } : {}) };
    } else if (read('setup.py') !== undefined) out.python = { reason: 'setup.py' };
  }
  const pkg = read('package.json');
  if (pkg !== undefined) {
    let value: Tree = {};
    try {
      value = obj(JSON.parse(pkg.replace(/^\uFEFF/, '')));
    } catch {
      // An npm package that does not parse is no member; its workspaces are none either.
    }
    if (typeof value.name === 'string' && value.name !== '' && typeof value.version === 'string') out.npm = { name: value.name };
    const members = globs(Array.isArray(value.workspaces) ? value.workspaces : obj(value.workspaces).packages);
    if (members.length) out.workspace = [...(out.workspace ?? []), { members, exclude: [], reason: '"workspaces" in package.json', npm: true }];
  }
  return out;
}
