// What init learns about a project beyond its files' text: the files themselves, the tag prefix in
// use, where the schema is for this user, the versioning policy the current version needs.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { git } from '../git/git.js';
import { findGitTop } from '../git/workspace.js';
import { kindOf, type SourceConfig } from '../sources/index.js';
import { readTomlTree } from '../sources/toml.js';
import { distributionIn } from './names.js';
import { isSemverShaped } from '../version/policy.js';
import { loadScheme } from '../version/scheme.js';

const SKIP = new Set(['node_modules', 'venv', '.venv', 'env', 'build', 'dist', 'site-packages', '__pycache__', 'tests', 'test', 'docs', 'examples']);

/** Files up to three directories deep, sorted, without hidden, dependency, build, test and docs directories. */
export function projectFiles(root: string, dir = '', depth = 0): string[] {
  if (depth > 3) return [];
  let entries;
  try {
    entries = readdirSync(path.join(root, dir), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => {
      const rel = dir ? `${dir}/${e.name}` : e.name;
      if (e.isDirectory()) return e.name.startsWith('.') || SKIP.has(e.name) ? [] : projectFiles(root, rel, depth + 1);
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
    const m = /^(.*?)\d+\.\d+(?:\.\d+)*(?:[-.+]?[0-9A-Za-z.]+)?$/.exec(t);
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

/** "pep440" when the current version is a PEP 440 version that is not SemVer-shaped (1.0.post1, 2.0); else the default. */
export async function policyFor(primary: SourceConfig, value: string | undefined): Promise<'pep440' | undefined> {
  if (value === undefined || kindOf(primary.type).scheme === 'semver') return undefined;
  const meaning = (await loadScheme('pep440')).parse(value);
  return meaning && !isSemverShaped(meaning) ? 'pep440' : undefined;
}
