// bump's plan in a workspace: the package --package names (or every member of the fixed group --group
// names) set to its next version in every one of its sources, and every exact pin on it in its
// siblings' manifests, as one change over many files; each package tagged with its own template.
// Checked first (the bumped packages, their groups and the packages that pin them), refused before a byte is written.
import path from 'node:path';
import { refuseTagLayout } from '../config/layout.js';
import type { LoadedConfig, PackageDecl } from '../config/types.js';
import { changesOver, planBump, spellingsFor, type Edit } from '../change/plan.js';
import { workTreeReader, type FileReader } from '../git/workspace.js';
import { howToRepair } from '../report/advice.js';
import { verdict } from '../rules/pin-mismatch.js';
import { nextVersion } from '../version/next-version.js';
import { readableSchemes, versioningOf } from '../version/schemes.js';
import { sameVersion } from '../version/same.js';
import { gitActions, type PlannedBump } from './bump-plan.js';
import { bumpTarget } from './bump-select.js';
import { sourcesOnly, wrongSources } from './change.js';
import type { BumpEvent, BumpOptions } from './change-types.js';
import { UserError } from './errors.js';
import { inspect } from './inspect.js';
import { siblingFacts } from './inspect-workspace.js';
import { pinEdits, type BumpedSibling } from './pin-edits.js';
import { dependencyPins } from './pins.js';
import { loadProject, type Package } from './project.js';
import { normalizeDistribution } from './names.js';

export async function planWorkspaceBump(loaded: LoadedConfig, options: BumpOptions, emit: (e: BumpEvent) => void): Promise<PlannedBump> {
  const workspace = loaded.workspace!;
  const target = bumpTarget(workspace, options.package, options.group);
  const decls = target.packages.map((n) => workspace.packages.find((p) => p.name === n)!);
  for (const d of decls) refuseTagLayout(d.layout, `bump ${d.name}`);
  const reader = workTreeReader(loaded.root);
  const dependents = await dependentsOf(workspace.packages, decls, reader);
  const { project, result } = await inspect(loaded, false, false, [...target.packages, ...dependents]);
  if (!result.ok) {
    emit({ type: 'check-failed', result });
    throw new UserError(`the check found errors (above), so nothing was bumped; ${howToRepair(result.diagnostics)}`, 1);
  }
  const bumped = target.packages.map((n) => project.packages.find((p) => p.name === n)!);
  const lead = bumped[0]!;
  for (const pkg of bumped)
    if (pkg.version === undefined) throw new UserError(`${at(pkg, pkg.primary.file)} states no version literal to bump (${pkg.primary.label})`, 1);
  const from = lead.version!;
  const apart = bumped.filter((p) => !sameVersion({ scheme: p.scheme, value: p.version! }, { scheme: lead.scheme, value: from }));
  if (apart.length)
    throw new UserError(
      `the fixed group "${target.name}" has no one version (${bumped.map((p) => `${p.name} ${p.version}`).join(', ')}); set them alike first`,
      1,
    );
  const versioning = versioningOf(loaded.config.versioning);
  const others = (await readableSchemes(versioning)).filter((s) => s.name !== lead.scheme.name);
  const next = nextVersion(lead.scheme, from, options.spec, {
    preid: options.preid,
    force: options.force ?? false,
    policy: versioning.declaration.policy(versioning.options),
    others,
    now: options.now ?? new Date(),
  });
  if ('error' in next) throw new UserError(next.error, next.exitCode);

  const edits: Edit[] = [];
  const siblings: BumpedSibling[] = [];
  const problems: string[] = [];
  for (const pkg of bumped) {
    const { spellings, problems: unspellable } = spellingsFor(pkg, next.meaning);
    problems.push(...unspellable.map((p) => `${pkg.name}: ${p}`));
    edits.push(...planBump(pkg, spellings).map((e) => ({ ...e, file: at(pkg, e.file) })));
    const own = pkg.scheme.spell(next.meaning);
    if ('none' in own) problems.push(`${pkg.name} is read as ${pkg.scheme.title}, which cannot state ${next.version}: ${own.none}`);
    else siblings.push({ facts: siblingFacts(pkg), to: own.version });
  }
  if (problems.length) throw new UserError(`cannot bump to ${next.version}: ${problems.join('; ')}`, 2);
  const pins = pinEdits(project.packages, siblings);
  if (pins.problems.length) throw new UserError(`cannot bump ${target.name} to ${next.version}; nothing was changed:\n  ${pins.problems.join('\n  ')}`, 1);
  edits.push(...pins.edits);
  const changes = changesOver((file) => textAt(project.packages, file), edits);
  const files = changes.map((c) => c.file);
  const gitFiles = loaded.gitTop ? files.map((f) => path.relative(loaded.gitTop!, path.join(loaded.root, f))) : [];
  const versions = bumped.map((p, i) => ({ name: p.name, from: p.version!, to: siblings[i]!.to }));
  const tags = options.tag ? tagsOf(decls, bumped, versions) : [];
  const actions = await gitActions(loaded, options, { from, to: next.version, files, gitFiles, tags, name: target.name, packages: versions });
  const plan = { from, to: next.version, changes, actions };
  const wrongAfter = () =>
    wrongAfterWrite(
      loaded,
      bumped,
      siblings,
      pins.edits.map((e) => e.file),
    );
  return { plan, project, gitFiles, wrongAfter };
}

const at = (pkg: Pick<Package, 'path'>, file: string) => (pkg.path === '' ? file : `${pkg.path}/${file}`);

/** The text a root-relative file's edits were planned on: a source's, or a manifest a pin is in. */
function textAt(packages: Package[], file: string): string {
  const pkg = packages.filter((p) => p.path === '' || file.startsWith(`${p.path}/`)).sort((a, b) => b.path.length - a.path.length)[0]!;
  const rel = pkg.path === '' ? file : file.slice(pkg.path.length + 1);
  const source = pkg.sources.find((s) => s.file === rel && s.text !== undefined);
  if (source) return source.text!;
  const read = pkg.read(rel);
  if (!('text' in read)) throw new Error(`${file} was planned on but not read`);
  return read.text;
}

/**
 * Each package's tag by its template. Members of a fixed group that share a template share one tag,
 * spelled so that every one of them reads it (v1.3.0-rc.2 for a Python and an npm member), else as the first spells it.
 */
function tagsOf(decls: PackageDecl[], bumped: Package[], versions: { name: string; from: string; to: string }[]): { name: string; from: string; to: string }[] {
  const seen = new Set<string>();
  return decls.flatMap((d, i) => {
    if (seen.has(d.tags.prefix)) return [];
    seen.add(d.tags.prefix);
    const sharing = decls.flatMap((o, j) => (o.tags.prefix === d.tags.prefix ? [j] : []));
    const readByAll = sharing.map((j) => versions[j]!).find((v) => sharing.every((j) => bumped[j]!.scheme.valid(v.to)));
    const v = readByAll ?? versions[i]!;
    return [{ name: `${d.tags.prefix}${v.to}`, from: v.from, to: v.to }];
  });
}

/** The packages (names) whose manifests depend on a bumped one, read straight from their pyproject.toml / package.json. */
async function dependentsOf(all: PackageDecl[], bumped: PackageDecl[], reader: FileReader): Promise<string[]> {
  const wanted = new Set(bumped.map((d) => d.name));
  const pythonNames = new Set<string>();
  const npmNames = new Set<string>();
  for (const d of bumped) (d.kind === 'npm' ? npmNames : pythonNames).add(d.kind === 'npm' ? d.name : normalizeDistribution(d.name));
  const candidates = all.filter((d) => !wanted.has(d.name));
  const files = candidates.flatMap((d) => [at(d, 'pyproject.toml'), ...(d.kind === 'npm' ? [at(d, 'package.json')] : [])]);
  const contents = await reader(files);
  const text = (file: string) => {
    const got = contents.get(file);
    return got && 'bytes' in got ? { text: Buffer.from(got.bytes).toString('utf8') } : { missing: 'absent' };
  };
  return candidates
    .filter((d) =>
      dependencyPins({ kind: d.kind, read: (f) => text(at(d, f)) }).some((pin) =>
        pin.syntax === 'npm' ? npmNames.has(pin.name) : pythonNames.has(normalizeDistribution(pin.name)),
      ),
    )
    .map((d) => d.name);
}

/** After writing: every source of every bumped package means its new version, and every rewritten pin names it. */
async function wrongAfterWrite(loaded: LoadedConfig, bumped: Package[], siblings: BumpedSibling[], pinFiles: string[]): Promise<string[]> {
  const names = new Set(bumped.map((p) => p.name));
  const owners = loaded.workspace!.packages.filter((d) => pinFiles.some((f) => d.path === '' || f.startsWith(`${d.path}/`)));
  for (const d of owners) names.add(d.name);
  const after = await loadProject(sourcesOnly(loaded), workTreeReader(loaded.root), undefined, names);
  const wrong: string[] = [];
  for (const [i, pkg] of bumped.entries()) {
    const now = after.packages.find((p) => p.name === pkg.name)!;
    wrong.push(...wrongSources(now.sources, { scheme: now.scheme, value: siblings[i]!.to }, pkg.path));
  }
  const pinned = new Map(siblings.map((s) => [s.facts, s.to]));
  for (const pkg of after.packages)
    for (const pin of dependencyPins(pkg)) {
      const file = at(pkg, pin.file);
      if (!pinFiles.includes(file)) continue;
      const sibling = [...pinned.keys()].find((f) =>
        pin.syntax === 'npm' ? f.kind === 'npm' && f.name === pin.name : normalizeDistribution(f.distribution ?? f.name) === normalizeDistribution(pin.name),
      );
      const to = sibling && pinned.get(sibling);
      if (to === undefined || pin.uvSource === 'other') continue;
      const judged = verdict(pin, to);
      if (judged && !judged.satisfied) wrong.push(`${file}:${pin.line} pins ${pin.name} ${pin.specifier}`);
    }
  return wrong;
}
