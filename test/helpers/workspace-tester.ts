// The rule tester for a workspace: every package of an in-memory workspace loaded as check loads it,
// and one rule run on each package with its siblings and groups; reports pinned by package, message
// id and position (paths relative to the workspace root).
import { describe, expect, it } from 'vitest';
import { declared } from '../../src/config/declares.js';
import { defaultConfig } from '../../src/config/defaults.js';
import { memberOf, templatePrefix, DEFAULT_TEMPLATE } from '../../src/config/workspace.js';
import type { LoadedConfig, PackageDecl } from '../../src/config/types.js';
import { ruleContext, versionTags } from '../../src/core/inspect.js';
import { located, siblingFacts } from '../../src/core/inspect-workspace.js';
import { loadProject } from '../../src/core/project.js';
import { runRules } from '../../src/rules/index.js';
import type { Rule, TagState } from '../../src/rules/types.js';
import { memoryReader, memoryText, ROOT, type MemoryFiles } from './memory-reader.js';

export interface WorkspaceCase {
  name: string;
  /** Paths relative to the workspace root. */
  files: MemoryFiles;
  /** Its packages: the directory, and the name and tag template when configured. */
  packages: { path: string; name?: string; template?: string }[];
  groups?: { name: string; packages: string[] }[];
  /** Every tag of the repository (none reachable or on HEAD unless listed in `reachable`). */
  tags?: string[];
  reachable?: string[];
}

export interface WorkspaceExpected {
  package: string;
  messageId: string;
  file?: string;
  line?: number;
  column?: number;
  severity?: 'warn';
}

/** The packages of an in-memory workspace, declared as workspaceAt declares them on disk. */
export function memoryWorkspace(c: WorkspaceCase): LoadedConfig {
  const packages = c.packages.map((p): PackageDecl => {
    const prefix = p.path ? `${p.path}/` : '';
    const own = Object.fromEntries(Object.entries(c.files).flatMap(([f, v]) => (f.startsWith(prefix) ? [[f.slice(prefix.length), v]] : [])));
    const found = declared(memoryText(own));
    const member = memberOf(memoryText(own), undefined, found);
    if (!member) throw new Error(`${p.path} declares no package`);
    const name = p.name ?? found.python?.name ?? found.npm?.name ?? p.path;
    const template = p.template ?? DEFAULT_TEMPLATE;
    return { path: p.path, name, ...member, tags: { template, prefix: templatePrefix(template, name) }, from: 'test' };
  });
  const groups = (c.groups ?? []).map((g) => ({ name: g.name, policy: 'fixed' as const, packages: g.packages }));
  return { config: defaultConfig(), root: ROOT, workspace: { reason: 'test', packages, groups } };
}

/** Runs one rule (set to "error") on every package of the workspace. */
export async function runWorkspaceRule(rule: Rule, c: WorkspaceCase) {
  const loaded = memoryWorkspace(c);
  loaded.config.rules = { [rule.meta.id]: 'error' };
  const reachable = c.reachable ?? [];
  const project = await loadProject(loaded, memoryReader(c.files), async (prefix) => reachable.filter((t) => t.startsWith(prefix)));
  const workspace = { packages: project.packages.map(siblingFacts), groups: loaded.workspace!.groups };
  const all = c.tags ?? [];
  return project.packages.flatMap((pkg) => {
    const tags: TagState = {
      available: true,
      ...versionTags(pkg.tagReader, { newestReachable: reachable, onHead: [] }),
      shallow: false,
      changedSinceHead: false,
      staged: false,
      ...(all.length && !all.some((n) => pkg.tagReader.version(n) !== undefined) ? { unmatched: { template: pkg.tagTemplate!, tags: all.length } } : {}),
    };
    return runRules({ ...ruleContext(pkg, tags, false), workspace }, loaded.config.rules, [rule]).map((d) => located(d, pkg));
  });
}

export function workspaceRuleTester(rule: Rule, table: { valid: WorkspaceCase[]; invalid: (WorkspaceCase & { errors: WorkspaceExpected[] })[] }): void {
  describe(`${rule.meta.id} (workspace)`, () => {
    for (const c of table.valid) it(c.name, async () => expect(await runWorkspaceRule(rule, c)).toEqual([]));
    for (const c of table.invalid)
      it(c.name, async () => {
        const found = await runWorkspaceRule(rule, c);
        expect(
          found.map(({ package: pkg, messageId, file, line, column, severity }) =>
            JSON.parse(JSON.stringify({ package: pkg, messageId, file, line, column, ...(severity === 'warn' ? { severity } : {}) })),
          ),
        ).toEqual(c.errors);
      });
    it('has an invalid case for every message id', () => {
      const covered = new Set(table.invalid.flatMap((c) => c.errors.map((e) => e.messageId)));
      expect(Object.keys(rule.meta.messages).filter((id) => !covered.has(id))).toEqual([]);
    });
  });
}
