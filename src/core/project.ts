// Loading: the configuration's package (one today) with every source read through its adapter,
// and the files its rules declared they read, into plain objects the rules and use cases share.
import path from 'node:path';
import type { GroupDecl, LoadedConfig, PackageDecl, SourceConfig } from '../config/types.js';
import { kindOf, type LocateAll, locateAllFor, type SourceType } from '../sources/index.js';
import { readTomlTree } from '../sources/toml.js';
import type { LocateContext, Located } from '../sources/types.js';
import { visitJson } from '../formats/json.js';
import { decodeUtf8, lineIndex } from './text.js';
import { listedDir } from './listing.js';
import type { FileReader, ReadResult } from '../git/workspace.js';
import { readTags } from '../git/git.js';
import type { VersionScheme } from '../version/scheme.js';
import { DEFAULT_VERSIONING, loadScheme, PYTHON_SCHEME, readingName, versioningOf } from '../version/schemes.js';
import { shortForm } from '../version/short.js';
import { TagReader } from '../version/tags.js';
import { distributionIn, normalizeDistribution } from './names.js';
import { discoveringRules, filesRulesRead } from '../rules/index.js';
import type { FileText, LoadedSource, Package } from './package.js';
import type { Rule } from '../rules/types.js';

export type { FileText, LoadedSource, Package, PackageLayout, Placed, SourceProblemAt } from './package.js';

/**
 * The loaded configuration and its packages. Today a repository is one package, whose fields are
 * also the project's own, so the single-package commands read `project.version`, `project.sources`….
 */
export interface Project extends LoadedConfig, Omit<Package, 'layout'> {
  /** The packages loaded: the one of the root, or a workspace's (those asked for, when narrowed). */
  packages: Package[];
  /** A workspace's groups (names of packages); none for one package. */
  groups: GroupDecl[];
}

/** Names of the tags reachable from HEAD that start with a prefix: from git, or from a table in a unit test. */
export type ReachableTags = (prefix: string) => Promise<string[]>;

const PYPROJECT = 'pyproject.toml';
const PACKAGE_JSON = 'package.json';

/** package.json's top-level "name", if it is a string. */
export function packageName(text: string): string | undefined {
  let name: string | undefined;
  visitJson(text, {
    value: (path, _start, _end, value) => {
      if (path.length === 1 && path[0] === 'name' && name === undefined) name = value;
    },
  });
  return name;
}

/** Files come through `read` (the work tree, the git index, a map); tags, when only tags state the version, through `reachableTags`. */
export async function loadProject(
  loaded: LoadedConfig,
  read: FileReader,
  reachableTags: ReachableTags = gitReachableTags(loaded.gitTop),
  /** In a workspace: the packages to load (by name); default every one. */
  only?: ReadonlySet<string>,
): Promise<Project> {
  const { workspace } = loaded;
  if (workspace) {
    const decls = workspace.packages.filter((d) => !only || only.has(d.name));
    const packages = await Promise.all(decls.map((d) => loadPackage(memberConfig(loaded, d), memberReader(read, d.path), reachableTags, d)));
    const { layout: _found, ...facts } = packages[0] ?? (await loadPackage(loaded, read, reachableTags));
    return { ...facts, ...loaded, packages, groups: workspace.groups };
  }
  const pkg = await loadPackage(loaded, read, reachableTags);
  // The project's layout is the configuration's (with the sources it gave); the package keeps how they were found.
  const { layout: _found, ...facts } = pkg;
  return { ...facts, ...loaded, packages: [pkg], groups: [] };
}

/** A member as if it were a project of its own: its directory, sources, layout and tag prefix. */
function memberConfig(loaded: LoadedConfig, decl: PackageDecl): LoadedConfig {
  const { workspace: _all, ...rest } = loaded;
  const config = { ...loaded.config, sources: decl.sources, tags: { prefix: decl.tags.prefix } };
  return { ...rest, root: path.join(loaded.root, decl.path), config, layout: decl.layout };
}

/** The workspace root's reader, seen from a member's directory. */
function memberReader(read: FileReader, dir: string): FileReader {
  if (dir === '') return read;
  const member: FileReader = async (files) => {
    const got = await read(files.map((f) => `${dir}/${f}`));
    return new Map(files.map((f) => [f, got.get(`${dir}/${f}`)!]));
  };
  const { list } = read;
  if (list) member.list = async (sub) => (await list(`${dir}/${sub}`)).map((f) => f.slice(dir.length + 1));
  return member;
}

async function loadPackage(loaded: LoadedConfig, read: FileReader, reachableTags: ReachableTags, decl?: PackageDecl): Promise<Package> {
  const configs = loaded.config.sources;
  // A workspace member's manifests are what pin-mismatch reads its dependencies from.
  const manifests = decl ? [PYPROJECT, ...(decl.kind === 'npm' ? [PACKAGE_JSON] : [])] : [];
  const ruleFiles = [...filesRulesRead(loaded.config.rules), ...manifests];
  const companions = configs.flatMap((s) => kindOf(s.type).alsoReads ?? []);
  const discovering = discoveringRules(loaded.config.rules);
  // What discovering rules want before any file is read (server.json, package.json) joins the first batch: most projects need no second.
  const first = discovering.length ? [PACKAGE_JSON, ...discovering.flatMap((r) => r.meta.discover!(() => undefined))] : [];
  const files = [...new Set([...configs.map((s) => s.file), PYPROJECT, ...ruleFiles, ...companions, ...first])];
  const contents = await read(files);
  const discovered = await discoverFiles(discovering, contents, read);
  // Locators are looked up once per type (Babel is loaded only for js), then every source is plain work.
  const locators = new Map<SourceType, LocateAll>();
  for (const type of new Set(configs.map((s) => s.type))) locators.set(type, await locateAllFor(type));
  // Each scheme's module is loaded only when a source (or the policy) needs it. Tags of a Python build backend are read as Python's scheme.
  const versioning = versioningOf(loaded.config.versioning);
  const fromTags = loaded.layout?.fromTags;
  const primaryName = readingName(fromTags ? PYTHON_SCHEME : schemeNameOf(configs.find((s) => s.primary) ?? configs[0]!, PYTHON_SCHEME), versioning);
  const nameOf = (config: SourceConfig) => readingName(schemeNameOf(config, primaryName), versioning);
  const names = new Set<string>([primaryName, ...configs.map(nameOf)]);
  // A policy chosen on purpose may be spelled in tags (v1.0.0.post1 in a SemVer project).
  if (versioning.declaration.name !== DEFAULT_VERSIONING) names.add(versioning.declaration.name);
  const schemes = new Map<string, VersionScheme>();
  for (const name of names) schemes.set(name, await loadScheme(name, versioning));
  const scheme = schemes.get(primaryName)!;
  const tagReader = new TagReader(loaded.config.tags.prefix, scheme, [...schemes.values()]);
  const pyproject = textOf(contents.get(PYPROJECT)!);
  const distribution = 'text' in pyproject ? distributionIn(readTomlTree(pyproject.text)) : undefined;
  const npm = companions.includes(PACKAGE_JSON) ? textOf(contents.get(PACKAGE_JSON)!) : undefined;
  const context: LocateContext = { distribution, npmName: npm && 'text' in npm ? packageName(npm.text) : undefined };
  const sources = configs.map((config) => {
    const own = schemes.get(nameOf(config))!;
    return readSource(config, contents.get(config.file)!, 'short' in config && config.short ? shortForm(own) : own);
  });
  // Each kind locates all its sources in one call (a regex source's time bound is armed once).
  for (const [type, locateAll] of locators) {
    const readable = sources.filter((s) => s.config.type === type && s.text !== undefined);
    const located = locateAll(
      readable.map((s) => ({ text: s.text!, options: s.config })),
      context,
    );
    readable.forEach((s, i) => {
      placeLocated(s, located[i]!, distribution);
    });
  }
  const primary = fromTags ? await newestTagSource(fromTags, tagReader, reachableTags) : (sources.find((s) => s.primary) ?? sources[0]!);
  primary.primary = true;
  const values = [...new Set(primary.hits.map((h) => h.value))];
  const texts = new Map([...ruleFiles, ...discovered].map((file) => [file, textOf(contents.get(file)!)]));
  const { layout } = loaded;
  return {
    name: decl?.name ?? distribution ?? path.basename(loaded.root),
    path: decl?.path ?? '',
    kind: decl?.kind ?? 'python',
    ...(decl ? { tagTemplate: decl.tags.template } : {}),
    root: loaded.root,
    sources,
    primary,
    version: values.length === 1 ? values[0] : undefined,
    scheme,
    versioning: loaded.config.versioning,
    tagReader,
    distribution,
    ...(layout ? { layout: { id: layout.id, reason: layout.reason, ...(layout.fromTags ? { fromTags: layout.fromTags } : {}) } } : {}),
    read: (file) => {
      const text = texts.get(file);
      if (!text) throw new Error(`${file} was not read: only files a rule that is on names in meta.reads are`);
      return text;
    },
  };
}

/** Files the rules that are on find from the project's own declarations, read into `contents` round by round; their parsers loaded. */
async function discoverFiles(rules: Rule[], contents: Map<string, ReadResult>, read: FileReader): Promise<string[]> {
  if (rules.length === 0) return [];
  const known = async (files: string[]) => {
    const unread = files.filter((f) => !contents.has(f) && listedDir(f) === undefined);
    if (unread.length) for (const [f, r] of await read(unread)) contents.set(f, r);
    // A directory a rule asked to list: its files' names, as a text (the reader lists without following a link).
    for (const key of files.filter((f) => !contents.has(f) && listedDir(f) !== undefined)) {
      const names = read.list ? await read.list(listedDir(key)!) : undefined;
      contents.set(key, names ? { bytes: Buffer.from(names.join('\n'), 'utf8') } : { missing: 'cannot be listed from here' });
    }
  };
  const asked = new Set<string>();
  const textAt = (file: string) => {
    asked.add(file);
    const content = contents.get(file);
    const text = content && textOf(content);
    return text && 'text' in text ? text.text : undefined;
  };
  let wanted: string[] = [];
  // Each round may name files the previous one read (a module's imports, however deep the chain), until
  // a round names nothing new: the rules then see exactly the files they were read for. Every round but
  // the last reads a file not read before, and a rule names a bounded list, so this ends.
  for (;;) {
    asked.clear();
    wanted = [...new Set(rules.flatMap((rule) => rule.meta.discover!(textAt)))];
    if ([...wanted, ...asked].every((f) => contents.has(f))) break;
    await known([...new Set([...wanted, ...asked])]);
  }
  // A rule reads again what its discovery looked at on the way, not only the files it named.
  const found = [...new Set([PACKAGE_JSON, PYPROJECT, ...wanted, ...asked])];
  for (const rule of rules) await rule.meta.prepare?.(found.filter((f) => textAt(f) !== undefined));
  return found;
}

/** The scheme a source's versions are read in: its kind's, or for a regex its own "scheme" or the primary's. */
function schemeNameOf(config: SourceConfig, primary: string): string {
  const declared = kindOf(config.type).scheme;
  if (declared !== 'primary') return declared;
  return ('scheme' in config && config.scheme) || primary;
}

function textOf(content: ReadResult): FileText {
  if ('missing' in content) return { missing: content.missing };
  const decoded = decodeUtf8(content.bytes);
  return 'text' in decoded ? { text: decoded.text } : { missing: `is ${decoded.error}` };
}

/** A version from git tags: the newest version tag reachable from HEAD stands in for the primary source. */
async function newestTagSource(tool: string, tags: TagReader, reachableTags: ReachableTags): Promise<LoadedSource> {
  const newest = tags.newest(await reachableTags(tags.prefix));
  return {
    name: newest ? `tag ${newest.name}` : 'git tags',
    file: newest ? `tag ${newest.name}` : 'git tags',
    config: { file: '', type: 'text' },
    primary: true,
    scheme: tags.scheme,
    label: `the newest version tag (${tool})`,
    hits: newest ? [{ value: newest.version, start: 0, end: 0, line: 0, column: 0 }] : [],
    lookups: [],
    problems: [],
  };
}

/** Outside a git repository no tag is reachable. */
const gitReachableTags =
  (gitTop: string | undefined): ReachableTags =>
  async (prefix) =>
    gitTop ? (await readTags(gitTop, prefix, false)).newestReachable : [];

/** A source with its file's text, not yet located (or with why its file cannot be read). */
function readSource(config: SourceConfig, content: ReadResult, scheme: VersionScheme): LoadedSource {
  const source: LoadedSource = {
    name: config.name ?? path.posix.basename(config.file).replace(/\.[^.]*$/, ''),
    file: config.file,
    config,
    primary: config.primary === true,
    scheme,
    label: kindOf(config.type).label(config),
    ...(kindOf(config.type).namesRelease?.(config) ? { namesRelease: true } : {}),
    hits: [],
    lookups: [],
    problems: [],
  };
  if ('missing' in content) {
    source.problems.push({ kind: 'unreadable', message: `${config.file} ${content.missing}` });
    return source;
  }
  const decoded = decodeUtf8(content.bytes);
  if ('error' in decoded) {
    source.problems.push({ kind: 'unreadable', message: `${config.file} is ${decoded.error}`, line: decoded.line, column: decoded.column });
    return source;
  }
  source.text = decoded.text;
  return source;
}

/** What the kind located in a source's text, at lines and columns. */
function placeLocated(source: LoadedSource, located: Located, distribution: string | undefined): void {
  const { scheme } = source;
  const at = lineIndex(source.text!);
  source.label = located.label;
  source.lookups = located.lookups.map((l) => ({ ...l, ...at(l.start) }));
  // Beside a lookup of this very distribution, a fallback that is no version at all ("unknown") is a sentinel, not drift.
  const ownLookup = distribution !== undefined && located.lookups.some((l) => normalizeDistribution(l.distribution) === normalizeDistribution(distribution));
  const sentinel = (value: string) => ownLookup && !/\d/.test(value) && !scheme.valid(value);
  source.hits = located.hits.filter((h) => !sentinel(h.value)).map((h) => ({ ...h, ...at(h.start) }));
  source.problems = located.problems.map((p) => ({ kind: p.kind, message: p.message, ...(p.offset === undefined ? {} : at(p.offset)) }));
}
