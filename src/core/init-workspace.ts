// init at a workspace root: the members it declares, each with the tag template its existing tags
// use, and the fixed groups the members form (those sharing a version that pin each other exactly),
// proposed, checked as a configuration would be, then written to .heimdallrc.json.
import path from 'node:path';
import type { LoadedConfig, WorkspaceDecl } from '../config/types.js';
import { validateConfig } from '../config/schema.js';
import { DEFAULT_TEMPLATE, templatePrefix, workspaceAt } from '../config/workspace.js';
import { readGit } from '../git/git.js';
import { workTreeReader } from '../git/workspace.js';
import { pep440Verdict, npmVerdict, poetryVerdict } from '../version/ranges.js';
import { dependencyPins } from './pins.js';
import { normalizeDistribution } from './names.js';
import { loadProject, type Package } from './project.js';

/** The templates init recognises in existing tags, most specific first. */
export const TEMPLATES = ['{name}-v{version}', '{name}@{version}', '{name}=={version}', '{name}_{version}', '{name}-{version}'];
/** A fixed group's shared template. */
export const GROUP_TEMPLATE = 'v{version}';

export interface ProposedPackage {
  path: string;
  name: string;
  version?: string;
  layout?: string;
  template: string;
  /** How many existing tags the template reads. */
  tagged: number;
}

export interface WorkspaceProposal {
  reason: string;
  packages: ProposedPackage[];
  groups: { name: string; packages: string[]; version: string }[];
  config: {
    $schema?: string;
    packages: { path: string; tags: { template: string } }[];
    groups?: { name: string; packages: string[] }[];
  };
}

/** The proposal for a workspace root with no configuration; `tags` are the repository's tag names. */
export async function proposeWorkspace(loaded: LoadedConfig, tags: string[], schema: string | undefined): Promise<WorkspaceProposal> {
  const workspace = loaded.workspace!;
  const project = await loadProject(loaded, workTreeReader(loaded.root), async () => []);
  const groups = fixedGroups(project.packages);
  const grouped = new Set(groups.flatMap((g) => g.packages));
  const packages = project.packages.map((pkg): ProposedPackage => {
    const { template, tagged } = templateFor(pkg, tags, grouped.has(pkg.name));
    return {
      path: pkg.path,
      name: pkg.name,
      ...(pkg.version ? { version: pkg.version } : {}),
      ...(pkg.layout ? { layout: pkg.layout.id } : {}),
      template,
      tagged,
    };
  });
  const config: WorkspaceProposal['config'] = {
    ...(schema ? { $schema: schema } : {}),
    packages: packages.map((p) => ({ path: p.path || '.', tags: { template: p.template } })),
    ...(groups.length ? { groups: groups.map((g) => ({ name: g.name, packages: g.packages })) } : {}),
  };
  validated(loaded.root, config);
  return { reason: workspace.reason, packages, groups, config };
}

/** The proposal must load as the written file will: the same validation, the same judgement of the packages. */
function validated(root: string, config: WorkspaceProposal['config']): WorkspaceDecl | undefined {
  const result = validateConfig(config);
  if ('problems' in result) throw new Error(`init proposed an invalid configuration: ${result.problems.join('; ')}`);
  return workspaceAt(root, result.config, true, '.heimdallrc.json (as init would write it)');
}

/** The template most of the package's existing tags use; a member of a fixed group takes the group's "v{version}" tags when it has none of its own. */
function templateFor(pkg: Package, tags: string[], grouped: boolean): { template: string; tagged: number } {
  const count = (template: string) => {
    const prefix = templatePrefix(template, pkg.name);
    return tags.filter((t) => t.startsWith(prefix) && /^\d/.test(t.slice(prefix.length)) && pkg.tagReader.scheme.valid(t.slice(prefix.length))).length;
  };
  const best = TEMPLATES.map((template) => ({ template, tagged: count(template) })).sort((a, b) => b.tagged - a.tagged)[0]!;
  if (best.tagged > 0) return best;
  if (grouped) {
    const shared = count(GROUP_TEMPLATE);
    if (shared > 0) return { template: GROUP_TEMPLATE, tagged: shared };
  }
  return { template: DEFAULT_TEMPLATE, tagged: 0 };
}

/** Members that share a version and pin each other exactly, as connected groups of two or more. */
export function fixedGroups(packages: Package[]): { name: string; packages: string[]; version: string }[] {
  const byName = new Map(packages.map((p) => [normalizeDistribution(p.distribution ?? p.name), p]));
  const links = new Map<string, Set<string>>(packages.map((p) => [p.name, new Set<string>()]));
  for (const pkg of packages) {
    if (pkg.version === undefined) continue;
    for (const pin of dependencyPins(pkg)) {
      const sibling = pin.syntax === 'npm' ? packages.find((p) => p.kind === 'npm' && p.name === pin.name) : byName.get(normalizeDistribution(pin.name));
      if (!sibling || sibling === pkg || sibling.version !== pkg.version) continue;
      const verdict =
        pin.syntax === 'npm'
          ? npmVerdict(pkg.version, pin.specifier)
          : pin.syntax === 'poetry'
            ? poetryVerdict(pkg.version, pin.specifier)
            : pep440Verdict(pkg.version, pin.specifier);
      if (!verdict?.exact || !verdict.satisfied) continue;
      links.get(pkg.name)!.add(sibling.name);
      links.get(sibling.name)!.add(pkg.name);
    }
  }
  const seen = new Set<string>();
  const groups: { name: string; packages: string[]; version: string }[] = [];
  for (const pkg of packages) {
    if (seen.has(pkg.name) || links.get(pkg.name)!.size === 0) continue;
    const members: string[] = [];
    const queue = [pkg.name];
    while (queue.length) {
      const name = queue.shift()!;
      if (seen.has(name)) continue;
      seen.add(name);
      members.push(name);
      queue.push(...links.get(name)!);
    }
    const ordered = packages.filter((p) => members.includes(p.name)).map((p) => p.name);
    groups.push({ name: groupName(ordered), packages: ordered, version: pkg.version! });
  }
  return groups;
}

/** The members' common name ("acme-sdk" of acme-sdk-core and acme-sdk-cli), else the first member's. */
function groupName(names: string[]): string {
  let common = names[0]!;
  for (const n of names) while (!n.startsWith(common)) common = common.slice(0, -1);
  common = common.replace(/[-_.@/]+$/, '');
  return common.length >= 2 ? common : path.basename(names[0]!);
}

/** Every tag's name (init may start git: it writes, and is no read-only command). */
export async function repositoryTags(gitTop: string | undefined): Promise<string[]> {
  if (!gitTop) return [];
  const res = await readGit(gitTop, ['for-each-ref', '--format=%(refname:strip=2)', 'refs/tags']);
  return res.code === 0 ? res.stdout.split('\n').filter(Boolean) : [];
}
