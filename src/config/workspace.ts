// A workspace's packages and groups: configured (`packages`, `groups`), or with no configuration
// the members a uv workspace or package.json's "workspaces" declares, each with its own layout.
// What the declaration alone cannot judge is judged here, once every package's name is known:
// a member directory that is missing, two packages of one name, a group naming no package, a
// package in two fixed groups, two tag templates that can read the same tag. Each is a located
// configuration error (exit 2).
import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../core/errors.js';
import { normalizeDistribution } from '../core/names.js';
import { isInside } from '../git/workspace.js';
import { declared, type Declared } from './declares.js';
import { detectLayout, type ReadFile } from './layout.js';
import type { ListDirs } from './own-version.js';
import { expandMembers } from './members.js';
import { rootDirLister } from './root-dirs.js';
import type { Config, GroupDecl, Layout, PackageDecl, WorkspaceDecl } from './types.js';
import { rootFileReader } from './root-files.js';

/** The tag template of a package no configuration gives one. */
export const DEFAULT_TEMPLATE = '{name}-v{version}';

/** The prefix a template gives a package: {name} filled in, {version} taken off the end. */
export const templatePrefix = (template: string, name: string) => template.slice(0, -'{version}'.length).replaceAll('{name}', name);

/**
 * The workspace at `root`, or undefined when it is one package as before: configured packages, or
 * (with no configuration, or a configuration of groups only) the members its files declare.
 * `where` names the configuration in messages.
 */
export function workspaceAt(
  root: string,
  config: Config,
  configured: boolean,
  where: string,
  /** The error for the problems found; by default one naming `where`. */
  invalid: (where: string, problems: string[]) => UserError = invalidIn,
): WorkspaceDecl | undefined {
  const problems: string[] = [];
  let packages: PackageDecl[];
  let reason: string;
  if (config.packages) {
    reason = `packages in ${where}`;
    packages = config.packages.flatMap((p, i) => configuredPackage(root, p, `packages[${i}]`, problems));
  } else {
    if (configured && !config.groups) return undefined;
    const rootRead = rootFileReader(root);
    const rootDeclares = declared(rootRead);
    if (!rootDeclares.workspace) {
      if (config.groups) throw invalid(where, ['groups: group packages that are declared: give packages, or run at a uv workspace root']);
      return undefined;
    }
    reason = rootDeclares.workspace.map((w) => w.reason).join(' and ');
    packages = declaredMembers(root, rootRead, rootDeclares);
  }
  uniqueNames(packages, problems);
  const groups = (config.groups ?? []).map((g, i) => resolveGroup(g, i, packages, problems));
  fixedOnce(groups, problems);
  sharedTags(packages, groups, problems);
  if (problems.length) throw invalid(where, problems);
  return { reason, packages, groups };
}

const invalidIn = (where: string, problems: string[]) => new UserError(`${where}: invalid configuration\n${problems.map((p) => `  ${p}`).join('\n')}`);

function configuredPackage(root: string, p: NonNullable<Config['packages']>[number], at: string, problems: string[]): PackageDecl[] {
  const dir = path.join(root, p.path);
  const missing = directoryProblem(root, dir);
  if (missing) return (problems.push(`${at}.path: "${p.path || '.'}" ${missing}`), []);
  const read = rootFileReader(dir);
  const found = declared(read);
  const name = p.name ?? found.python?.name ?? found.npm?.name ?? path.basename(realpathSync(dir));
  const template = p.tags.template ?? DEFAULT_TEMPLATE;
  const tags = { template, prefix: templatePrefix(template, name) };
  if (p.sources) return [{ path: p.path, name, kind: found.python || !found.npm ? 'python' : 'npm', sources: p.sources, tags, from: at }];
  const kind = kindOf(found);
  if (!kind) {
    problems.push(`${at}: "${p.path || '.'}" declares no package (no pyproject.toml, setup.cfg or setup.py, no package.json with a version); give its sources`);
    return [];
  }
  return [lazyLayout({ path: p.path, name, kind, tags, from: at }, () => memberOf(read, rootDirLister(dir), found)!)];
}

const kindOf = (found: Declared): PackageDecl['kind'] | undefined => (found.python ? 'python' : found.npm ? 'npm' : undefined);

/** A member whose layout is detected when first asked for: a check narrowed to a few packages (--package, --staged) reads no other member's files. */
function lazyLayout(decl: Omit<PackageDecl, 'sources' | 'layout'>, detect: () => Pick<PackageDecl, 'sources' | 'layout'>): PackageDecl {
  let detected: Pick<PackageDecl, 'sources' | 'layout'> | undefined;
  const get = () => {
    detected ??= detect();
    return detected;
  };
  return Object.defineProperties(decl as PackageDecl, {
    sources: { get: () => get().sources, enumerable: true },
    layout: { get: () => get().layout, enumerable: true },
  });
}

function declaredMembers(root: string, rootRead: ReadFile, rootDeclares: Declared): PackageDecl[] {
  const packages: PackageDecl[] = [];
  const from = rootDeclares.workspace!.map((w) => w.reason).join(' and ');
  const dirs = new Set<string>();
  for (const w of rootDeclares.workspace ?? []) for (const dir of expandMembers(root, w.members, w.exclude)) dirs.add(dir);
  // A uv workspace's root may be a package itself (uv's own example: albatross); an npm root never is one here.
  if (rootDeclares.python) dirs.add('');
  for (const rel of [...dirs].sort()) {
    const dir = path.join(root, rel);
    const read = rel === '' ? rootRead : rootFileReader(dir);
    const found = rel === '' ? rootDeclares : declared(read);
    const kind = kindOf(found);
    if (!kind) continue;
    const name = found.python?.name ?? (found.python ? undefined : found.npm?.name) ?? path.basename(realpathSync(dir));
    const tags = { template: DEFAULT_TEMPLATE, prefix: templatePrefix(DEFAULT_TEMPLATE, name) };
    packages.push(lazyLayout({ path: rel, name, kind, tags, from }, () => memberOf(read, rootDirLister(dir), found)!));
  }
  return packages;
}

/** A member's kind and sources: a Python package by its build backend's layout, else an npm package by its package.json. Pure: files through `read`, subdirectories through `dirs`. */
export function memberOf(read: ReadFile, dirs: ListDirs | undefined, found: Declared): Pick<PackageDecl, 'kind' | 'sources' | 'layout'> | undefined {
  if (found.python) {
    const layout = detectLayout(read, dirs);
    return { kind: 'python', sources: layout.sources, layout };
  }
  if (found.npm) {
    const layout: Layout = {
      id: 'npm',
      reason: '"version" in package.json',
      sources: [{ file: 'package.json', type: 'json', key: 'version', primary: true }],
    };
    return { kind: 'npm', sources: layout.sources, layout };
  }
  return undefined;
}

function directoryProblem(root: string, dir: string): string | undefined {
  try {
    if (!statSync(dir).isDirectory()) return 'is not a directory';
    if (!isInside(realpathSync(root), realpathSync(dir))) return `leads outside the workspace root (to ${realpathSync(dir)})`;
    return undefined;
  } catch {
    return 'does not exist';
  }
}

function resolveGroup(g: NonNullable<Config['groups']>[number], i: number, packages: PackageDecl[], problems: string[]): GroupDecl {
  const members = g.packages.flatMap((ref, j) => {
    const found = packages.find((p) => p.name === ref) ?? packages.find((p) => p.path === ref.replace(/^\.\/?|\/+$/g, ''));
    if (found) return [found.name];
    problems.push(`groups[${i}].packages[${j}]: no package is named "${ref}" (the packages: ${packages.map((p) => p.name).join(', ') || 'none'})`);
    return [];
  });
  return { name: g.name, policy: g.policy, packages: [...new Set(members)] };
}

/** --package, groups and {name} in a template name a package: two may not share a name (as pip compares names). */
function uniqueNames(packages: PackageDecl[], problems: string[]): void {
  const seen = new Map<string, PackageDecl>();
  for (const p of packages) {
    const first = seen.get(normalizeDistribution(p.name));
    if (!first) seen.set(normalizeDistribution(p.name), p);
    else {
      const at = p.from.startsWith('packages[') ? `${p.from}.name: ` : '';
      problems.push(`${at}"${p.name}" names both ${first.path || '.'} and ${p.path || '.'}; give each package its own name ("name" in packages[])`);
    }
  }
}

/** A package has one version: it can be in one fixed group only. */
function fixedOnce(groups: GroupDecl[], problems: string[]): void {
  const owner = new Map<string, number>();
  groups.forEach((g, i) => {
    if (g.policy !== 'fixed') return;
    for (const name of g.packages) {
      const first = owner.get(name);
      if (first === undefined) owner.set(name, i);
      else
        problems.push(`groups[${i}].packages: "${name}" is in the fixed group "${groups[first]!.name}" (groups[${first}]) already; a package has one version`);
    }
  });
}

/** Two packages' templates can read the same tag, unless they are the same template of one fixed group (its shared tag, "v{version}"). */
function sharedTags(packages: PackageDecl[], groups: GroupDecl[], problems: string[]): void {
  const groupOf = (name: string) => groups.find((g) => g.policy === 'fixed' && g.packages.includes(name))?.name;
  for (const [i, a] of packages.entries())
    for (const b of packages.slice(i + 1)) {
      if (normalizeDistribution(a.name) === normalizeDistribution(b.name)) continue; // reported: one name for two packages
      const [short, long] = a.tags.prefix.length <= b.tags.prefix.length ? [a, b] : [b, a];
      if (!long.tags.prefix.startsWith(short.tags.prefix)) continue;
      const rest = long.tags.prefix.slice(short.tags.prefix.length);
      if (rest !== '' && !/^\d/.test(rest)) continue;
      if (rest === '' && groupOf(a.name) !== undefined && groupOf(a.name) === groupOf(b.name)) continue;
      const at = long.from.startsWith('packages[') ? `${long.from}.tags.template: ` : '';
      problems.push(
        `${at}the tag templates of "${a.name}" ("${a.tags.template}") and "${b.name}" ("${b.tags.template}") can both read the tag ${long.tags.prefix}1.0.0; give each its own (e.g. "{name}-v{version}"), or put both in one fixed group`,
      );
    }
}
