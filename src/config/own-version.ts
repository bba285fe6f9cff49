// The distribution's own version file: the one init keeps even when it drifts, and the one zero
// configuration checks beside the primary, decided by one rule so both check the same files.
// Pure: files come through `read`, a directory's subdirectories through `dirs`.
import { importName } from '../core/names.js';
import { locatePythonVersion } from '../sources/python/locate.js';
import type { SourceConfig } from './types.js';

export type ReadFile = (file: string) => string | undefined;
/** The names of a root-relative directory's subdirectories ('' is the root); none when it is absent. */
export type ListDirs = (dir: string) => string[];

/** The files of a package that may state its version. */
export const OWN_VERSION_FILES = ['__init__.py', '__about__.py', '__version__.py', 'version.py', '_version.py'];
const ROOTS = ['', 'src/'];
const VENDORED = /(^|\/)(_vendor|vendor|vendored|third_party|_vendored)\//;
/** Code of another project copied in: its versions are never the distribution's. */
export const isVendored = (file: string) => VENDORED.test(file);
/** Directories that hold no package of the distribution's own (dependencies, builds, tests, docs). */
export const NOT_PACKAGES = new Set([
  'node_modules',
  'venv',
  '.venv',
  'env',
  'build',
  'dist',
  'site-packages',
  '__pycache__',
  'tests',
  'test',
  'docs',
  'examples',
]);

/** Where the distribution's import package may be: a_b, and for a namespace package a/b (from a-b or a.b). */
export function packagePaths(dist: string): string[] {
  const nested = dist.toLowerCase().split(/[-.]+/).join('/');
  return [...new Set([importName(dist), nested])];
}

/**
 * The distribution's own package directories: those named after it (at the root or under src/), else every
 * top-level package (`topPackages`, listed only then: each member of a workspace would list two directories).
 */
export function ownPackageDirs(dist: string | undefined, topPackages: () => string[], exists: (file: string) => boolean): string[] {
  const named = dist ? ROOTS.flatMap((r) => packagePaths(dist).map((p) => `${r}${p}`)).filter((dir) => exists(`${dir}/__init__.py`)) : [];
  return named.length ? named : topPackages();
}

/** A single-module distribution's file: <name>.py at the root or under src/. */
export const singleModules = (dist: string | undefined): string[] => (dist ? ROOTS.map((r) => `${r}${importName(dist)}.py`) : []);

/** Whether `file` is the distribution's own version file (never vendored code, never a subpackage's). */
export function isOwnVersionFile(file: string, ownDirs: string[], dist: string | undefined): boolean {
  if (VENDORED.test(file)) return false;
  if (singleModules(dist).includes(file)) return true;
  const slash = file.lastIndexOf('/');
  return OWN_VERSION_FILES.includes(file.slice(slash + 1)) && ownDirs.includes(file.slice(0, slash));
}

/** Top-level packages (directories holding __init__.py) at the root and under src/, from a listing. */
export function topPackagesIn(dirs: ListDirs, exists: (file: string) => boolean): string[] {
  return ROOTS.flatMap((r) =>
    dirs(r.replace(/\/$/, ''))
      .filter((name) => !name.startsWith('.') && !NOT_PACKAGES.has(name) && exists(`${r}${name}/__init__.py`))
      .map((name) => `${r}${name}`),
  );
}

/**
 * The own version files that state a version or look one up, as python sources with the variable
 * found (a lower-case `version` only when none of the usual names is assigned, as init reads it).
 */
export function ownVersionSources(
  read: ReadFile,
  ownDirs: string[],
  dist: string | undefined,
  skip: (file: string) => boolean,
  names = OWN_VERSION_FILES,
): SourceConfig[] {
  const files = [...ownDirs.flatMap((dir) => names.map((f) => `${dir}/${f}`)), ...singleModules(dist)];
  return files.flatMap((file): SourceConfig[] => {
    if (skip(file) || VENDORED.test(file)) return [];
    const text = read(file);
    if (!text) return [];
    const found = locatePythonVersion(text, {});
    const located = found.hits.length || found.lookups.length ? found : locatePythonVersion(text, { variable: 'version' });
    return located.hits.length || located.lookups.length ? [{ file, type: 'python', variable: located.label }] : [];
  });
}
