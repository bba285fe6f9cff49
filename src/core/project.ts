// Loads every configured source through its adapter into one plain state object.
import path from 'node:path';
import type { LoadedConfig, SourceConfig } from '../config/types.js';
import { kindOf, locatorFor, type SourceType } from '../sources/index.js';
import { readTomlString } from '../sources/toml.js';
import type { Locator, ProblemKind, VersionHit } from '../sources/types.js';
import { decodeUtf8, lineIndex, type Position } from './text.js';
import type { FileReader, ReadResult } from '../git/workspace.js';
import { readTags } from '../git/git.js';
import { loadScheme, type SchemeName, type VersionScheme } from '../version/scheme.js';
import { shortForm } from '../version/short.js';
import { TagReader } from '../version/tags.js';
import { normalizeDistribution } from '../rules/runtime-lookup.js';

export type Placed<T> = T & Position;

export interface SourceProblemAt {
  kind: ProblemKind | 'unreadable';
  message: string;
  line?: number;
  column?: number;
}

export interface LoadedSource {
  name: string;
  file: string;
  config: SourceConfig;
  primary: boolean;
  /** The scheme its versions are read in: PEP 440 for Python files, SemVer for JSON and JavaScript. */
  scheme: VersionScheme;
  /** The key, variable, export or pattern the version was looked for under. */
  label: string;
  /** The decoded text, when the file could be read. */
  text?: string;
  hits: Placed<VersionHit>[];
  lookups: Placed<{ distribution: string; start: number; end: number }>[];
  problems: SourceProblemAt[];
}

export interface Project extends LoadedConfig {
  sources: LoadedSource[];
  primary: LoadedSource;
  /** The primary source's version, if it has exactly one. */
  version?: string;
  /** The primary source's scheme: the project's order and spelling of versions. */
  scheme: VersionScheme;
  /** Reads version tags in the project's scheme. */
  tagReader: TagReader;
  /** The distribution name from pyproject.toml ([project] name or [tool.poetry] name). */
  distribution?: string;
  /** The changelog, read when the changelog-entry rule is on. */
  changelog?: Changelog;
}

export interface Changelog {
  file: string;
  text?: string;
  /** Why there is no text ("does not exist", …). */
  missing?: string;
  dateFormat: string;
}

/** The changelog-entry rule's file and date format, when the configuration turns the rule on. */
function changelogSetting(loaded: LoadedConfig): Omit<Changelog, 'text' | 'missing'> | undefined {
  const setting = (loaded.config.rules as Record<string, unknown>)['changelog-entry'];
  const severity = Array.isArray(setting) ? setting[0] : setting;
  if (severity === undefined || severity === 'off') return undefined;
  const options = (Array.isArray(setting) ? setting[1] : undefined) as { file?: string; dateFormat?: string } | undefined;
  return { file: options?.file ?? 'CHANGELOG.md', dateFormat: options?.dateFormat ?? 'YYYY-MM-DD' };
}

const PYPROJECT = 'pyproject.toml';

export async function loadProject(loaded: LoadedConfig, read: FileReader): Promise<Project> {
  const configs = loaded.config.sources;
  const log = changelogSetting(loaded);
  const files = [...new Set([...configs.map((s) => s.file), PYPROJECT, ...(log ? [log.file] : [])])];
  const contents = await read(files);
  // Locators are looked up once per type (Babel is loaded only for js), then every source is plain work.
  const locators = new Map<SourceType, Locator<SourceConfig>>();
  for (const type of new Set(configs.map((s) => s.type))) locators.set(type, await locatorFor(type));
  // Each scheme's module is loaded only when a source (or the policy) needs it. Tags of a Python build backend are PEP 440.
  const fromTags = loaded.layout?.fromTags;
  const primaryName = fromTags ? 'pep440' : schemeNameOf(configs.find((s) => s.primary) ?? configs[0]!, 'pep440');
  const names = new Set<SchemeName>([primaryName, ...configs.map((s) => schemeNameOf(s, primaryName))]);
  if (loaded.config.versioning === 'pep440') names.add('pep440');
  const schemes = new Map<SchemeName, VersionScheme>();
  for (const name of names) schemes.set(name, await loadScheme(name));
  const scheme = schemes.get(primaryName)!;
  const tagReader = new TagReader(loaded.config.tags.prefix, scheme, [...schemes.values()].find((s) => s !== scheme));
  const distribution = readDistribution(contents.get(PYPROJECT));
  const sources = configs.map((config) => {
    const own = schemes.get(schemeNameOf(config, primaryName))!;
    return loadSource(config, contents.get(config.file)!, locators.get(config.type)!, 'short' in config && config.short ? shortForm(own) : own, distribution);
  });
  const primary = fromTags ? await newestTagSource(loaded, fromTags, tagReader) : (sources.find((s) => s.primary) ?? sources[0]!);
  primary.primary = true;
  const values = [...new Set(primary.hits.map((h) => h.value))];
  return {
    ...loaded,
    sources,
    primary,
    version: values.length === 1 ? values[0] : undefined,
    scheme,
    tagReader,
    distribution,
    ...(log ? { changelog: readChangelog(log, contents.get(log.file)!) } : {}),
  };
}

/** The scheme a source's versions are read in: its kind's, or for a regex its own "scheme" or the primary's. */
function schemeNameOf(config: SourceConfig, primary: SchemeName): SchemeName {
  const declared = kindOf(config.type).scheme;
  if (declared !== 'primary') return declared;
  return ('scheme' in config && config.scheme) || primary;
}

function readChangelog(log: Omit<Changelog, 'text' | 'missing'>, content: ReadResult): Changelog {
  if ('missing' in content) return { ...log, missing: content.missing };
  const decoded = decodeUtf8(content.bytes);
  return 'text' in decoded ? { ...log, text: decoded.text } : { ...log, missing: `is ${decoded.error}` };
}

/** A version from git tags: the newest version tag reachable from HEAD stands in for the primary source. */
async function newestTagSource(loaded: LoadedConfig, tool: string, tags: TagReader): Promise<LoadedSource> {
  const info = loaded.gitTop ? await readTags(loaded.gitTop, tags.prefix, false) : undefined;
  const newest = info && tags.newest(info.newestReachable);
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

function loadSource(config: SourceConfig, content: ReadResult, locate: Locator<SourceConfig>, scheme: VersionScheme, distribution: string | undefined): LoadedSource {
  const source: LoadedSource = {
    name: config.name ?? path.posix.basename(config.file).replace(/\.[^.]*$/, ''),
    file: config.file,
    config,
    primary: config.primary === true,
    scheme,
    label: kindOf(config.type).label(config),
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
  const located = locate(decoded.text, config);
  const at = lineIndex(decoded.text);
  source.label = located.label;
  source.lookups = located.lookups.map((l) => ({ ...l, ...at(l.start) }));
  // Beside a lookup of this very distribution, a fallback that is no version at all ("unknown") is a sentinel, not drift.
  const ownLookup = distribution !== undefined && located.lookups.some((l) => normalizeDistribution(l.distribution) === normalizeDistribution(distribution));
  const sentinel = (value: string) => ownLookup && !/\d/.test(value) && !scheme.valid(value);
  source.hits = located.hits.filter((h) => !sentinel(h.value)).map((h) => ({ ...h, ...at(h.start) }));
  source.problems = located.problems.map((p) => ({ kind: p.kind, message: p.message, ...(p.offset === undefined ? {} : at(p.offset)) }));
  return source;
}

function readDistribution(content: ReadResult | undefined): string | undefined {
  if (!content || 'missing' in content) return undefined;
  const decoded = decodeUtf8(content.bytes);
  if ('error' in decoded) return undefined;
  return readTomlString(decoded.text, 'project.name') ?? readTomlString(decoded.text, 'tool.poetry.name');
}
