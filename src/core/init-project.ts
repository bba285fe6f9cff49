// What init learns about a project beyond its files' text: the files themselves, the tag prefix in
// use, where the schema is for this user, the versioning policy the current version needs.
import { type Dirent, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { git } from '../git/git.js';
import { findGitTop } from '../git/workspace.js';
import { NOT_PACKAGES } from '../config/own-version.js';
import { kindOf, type SourceConfig } from '../sources/index.js';
import { readTomlTree } from '../sources/toml.js';
import { distributionIn } from './names.js';
import { DEFAULT_VERSIONING, loadScheme, policyOf, PYTHON_SCHEME, versioningFor } from '../version/schemes.js';
import { MAX_VERSION_LENGTH } from '../version/limits.js';

/** Files up to three directories deep, sorted, without hidden, dependency, build, test and docs directories. */
export function projectFiles(root: string, dir = '', depth = 0): string[] {
  if (depth > 3) return [];
  let entries: Dirent[];
  try {
    entries = readdirSync(path.join(root, dir), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => {
      const rel = dir ? `${dir}/${e.name}` : e.name;
      if (e.isDirectory()) return e.name.startsWith('.') || NOT_PACKAGES.has(e.name) ? [] : projectFiles(root, rel, depth + 1);
      return [rel];
    });
}

/** The prefix most of the existing version tags share ("v", "release-", "pkg-v", none), else "v". */
export async function tagPrefix(root: string): Promise<string> {
  const top = findGitTop(root);
  if (!top) return 'v';
  const tags = (await git(top, ['tag', '--list'])).stdout.split('\n').filter(Boolean);
  const counts = new Map<string, number>();
  for (const t of tags) {
    // A name longer than a prefix and any version is none; the pattern has no two ways to read a
    // version's tail, so a name that almost matches costs no more than its length squared.
    if (t.length > MAX_VERSION_LENGTH + 64) continue;
    const m = /^(.*?)\d+\.\d+(?:[0-9A-Za-z.]*|(?:\.\d+)*[-+][0-9A-Za-z.]+)$/.exec(t);
    if (m && !/\d$/.test(m[1]!)) counts.set(m[1]!, (counts.get(m[1]!) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length)[0]?.[0] ?? 'v';
}

/** Where the schema is for this user: the project's own node_modules, else the running package's own file; never a guessed URL. */
export function schemaReference(root: string, ownSchema: string | undefined): string | undefined {
  const local = 'node_modules/heimdall-version/schema/heimdallrc.schema.json';
  if (existsSync(path.join(root, local))) return `./${local}`;
  return ownSchema && existsSync(ownSchema) ? path.relative(root, ownSchema).split(path.sep).join('/') : undefined;
}

export function distributionName(pyproject: string | undefined): string | undefined {
  return pyproject === undefined ? undefined : distributionIn(readTomlTree(pyproject));
}

/** Another versioning policy when the default does not allow the current version (1.0.post1, 2.0 are no SemVer-shaped versions); else none. */
export async function policyFor(primary: SourceConfig, value: string | undefined): Promise<string | undefined> {
  const name = kindOf(primary.type).scheme;
  // A file read in the default policy's own scheme is left to it.
  if (value === undefined || name === DEFAULT_VERSIONING) return undefined;
  const meaning = (await loadScheme(name === 'primary' ? PYTHON_SCHEME : name)).parse(value);
  return meaning && !policyOf(DEFAULT_VERSIONING).allows(meaning) ? versioningFor(meaning) : undefined;
}

/** How the default policy reads in words ("MAJOR.MINOR.PATCH with …"), for saying why another was chosen. */
export const defaultPolicyWords = () => policyOf(DEFAULT_VERSIONING).words;
