// check and show at a workspace: the packages asked for (by --package, or those with staged files),
// with the fixed groups they are in, each checked by its own sources, tags and rules, and seen by
// its siblings' rules (group-mismatch, pin-mismatch). Diagnostics carry their package, and paths are
// relative to the workspace root.
import path from 'node:path';
import type { LoadedConfig, WorkspaceDecl } from '../config/types.js';
import { UserError } from './errors.js';
import type { FileReader } from '../git/workspace.js';
import { stagedFiles, tagSnapshot } from '../git/tag-names.js';
import { loadProject, type Package, type Project } from './project.js';
import { checkPackage } from './check-package.js';
import { RULES } from '../rules/index.js';
import { settingOf } from '../rules/settings.js';
import type { Rule, SiblingFacts, TagState, WorkspaceFacts } from '../rules/types.js';
import { type CheckResult, type Diagnostic, type PackageSummary, type SourceSummary, sourceSummary } from './result.js';
import { siblingsPinned } from './pins.js';

export async function inspectWorkspace(
  loaded: LoadedConfig,
  reader: FileReader,
  staged: boolean,
  releasing: boolean,
  named: string[] | undefined,
): Promise<{ project: Project; tags: TagState; result: CheckResult }> {
  const workspace = loaded.workspace!;
  const wanted = await selected(loaded, workspace, named, staged);
  const project = await loadProject(loaded, reader, undefined, wanted);
  // Siblings the checked packages pin are read for their versions, not checked.
  const loadedNames = new Set(project.packages.map((p) => p.name));
  const pinsChecked = RULES.some((rule) => rule.meta.id === 'pin-mismatch' && settingOf(rule as unknown as Rule, loaded.config.rules));
  // Only while pin-mismatch is on are the members' dependencies read.
  const names = workspace.packages.map((d) => d.name);
  const pinned = new Set(pinsChecked ? project.packages.flatMap((p) => siblingsPinned(p, names)).filter((n) => !loadedNames.has(n)) : []);
  const others = pinned.size ? (await loadProject(loaded, reader, undefined, pinned)).packages : [];
  const facts: WorkspaceFacts = { packages: [...project.packages, ...others].map(siblingFacts), groups: workspace.groups };
  const isVersionTag = (name: string) => project.packages.some((p) => p.tagReader.version(name) !== undefined);
  const tags = loaded.gitTop ? await tagSnapshot(loaded.gitTop, !staged, isVersionTag) : { names: [] };
  const checked = await Promise.all(project.packages.map((pkg) => checkPackage(loaded, pkg, staged, releasing, { workspace: facts, tags })));
  const diagnostics = project.packages.flatMap((pkg, i) => checked[i]!.diagnostics.map((d): Diagnostic => located(d, pkg)));
  const packages = project.packages.map((pkg, i): PackageSummary => {
    const errors = checked[i]!.diagnostics.filter((d) => d.severity === 'error').length;
    return {
      name: pkg.name,
      path: pkg.path,
      kind: pkg.kind,
      version: pkg.version ?? null,
      ...(pkg.layout ? { layout: pkg.layout } : {}),
      ...(pkg.tagTemplate ? { tagTemplate: pkg.tagTemplate } : {}),
      errors,
      warnings: checked[i]!.diagnostics.length - errors,
    };
  });
  const versions = new Set(packages.map((p) => p.version));
  const result: CheckResult = {
    ok: !diagnostics.some((d) => d.severity === 'error'),
    version: versions.size === 1 ? [...versions][0]! : null,
    root: project.root,
    sources: project.packages.flatMap((pkg) =>
      pkg.sources.map((s): SourceSummary => ({ package: pkg.name, ...sourceSummary(s), file: inPackage(pkg, s.file) })),
    ),
    diagnostics,
    rules: (RULES as unknown as readonly Rule[]).filter((rule) => settingOf(rule, loaded.config.rules)).map((rule) => rule.meta.id),
    packages,
    groups: workspace.groups.map((g) => ({ name: g.name, policy: g.policy, packages: g.packages })),
  };
  return { project, tags: checked[0]?.tags ?? { available: false, reason: 'no package was checked' }, result };
}

/** The packages to check: those named (by name or path), or with staged files, else every one; with the fixed groups they are in. */
async function selected(loaded: LoadedConfig, workspace: WorkspaceDecl, named: string[] | undefined, staged: boolean): Promise<Set<string>> {
  const all = workspace.packages;
  let names: string[];
  if (named?.length) {
    names = named.map((ref) => {
      const found = all.find((p) => p.name === ref) ?? all.find((p) => p.path === ref.replace(/^\.\/?|\/+$/g, ''));
      if (!found) throw new UserError(`--package: no package is named "${ref}" (the packages: ${all.map((p) => p.name).join(', ')})`);
      return found.name;
    });
  } else if (staged && loaded.gitTop) {
    const files = await stagedFiles(loaded.gitTop);
    if (files === undefined) names = all.map((p) => p.name);
    else {
      const base = path.relative(loaded.gitTop, loaded.root).split(path.sep).join('/');
      const inRoot = files.flatMap((f) => (base === '' ? [f] : f.startsWith(`${base}/`) ? [f.slice(base.length + 1)] : []));
      names = [...new Set(inRoot.flatMap((f) => owner(workspace, f) ?? []))];
    }
  } else names = all.map((p) => p.name);
  const set = new Set(names);
  for (const g of workspace.groups) if (g.policy === 'fixed' && g.packages.some((n) => set.has(n))) for (const n of g.packages) set.add(n);
  return set;
}

/** The package a root-relative file belongs to: the deepest package directory holding it. */
function owner(workspace: WorkspaceDecl, file: string): string | undefined {
  let best: { name: string; depth: number } | undefined;
  for (const p of workspace.packages) {
    if (p.path !== '' && !file.startsWith(`${p.path}/`)) continue;
    const depth = p.path === '' ? 0 : p.path.length;
    if (!best || depth > best.depth) best = { name: p.name, depth };
  }
  return best?.name;
}

const inPackage = (pkg: Package, file: string) => (pkg.path === '' || file.startsWith('tag ') || file === 'git tags' ? file : `${pkg.path}/${file}`);

export function located(d: Diagnostic, pkg: Package): Diagnostic {
  return { ...d, ...(d.file !== undefined ? { file: inPackage(pkg, d.file) } : {}), package: pkg.name };
}

export function siblingFacts(pkg: Package): SiblingFacts {
  const hit = pkg.primary.hits[0];
  return {
    name: pkg.name,
    path: pkg.path,
    kind: pkg.kind,
    ...(pkg.distribution ? { distribution: pkg.distribution } : {}),
    ...(pkg.version !== undefined ? { version: pkg.version } : {}),
    scheme: pkg.scheme,
    primary: { file: pkg.primary.file, ...(hit ? { line: hit.line, column: hit.column } : {}) },
  };
}
