// Validates a raw configuration object into a Config; every problem is named by its JSON path.
// Keep in step with schema/heimdallrc.schema.json (a unit test compares the two).
import path from 'node:path';
import { defaultConfig, defaultRelease } from './defaults.js';
import { RULE_IDS, type Config, type SourceConfig } from './types.js';

export const SOURCE_TYPES = ['toml', 'python', 'json', 'js', 'regex'] as const;
export const SEVERITIES = ['error', 'warn', 'off'] as const;
export const TOP_KEYS = ['$schema', 'sources', 'tags', 'rules', 'bump', 'release'];
export const SOURCE_KEYS = ['file', 'type', 'primary', 'name', 'key', 'variable', 'export', 'pattern'];
export const TAG_KEYS = ['prefix'];
export const BUMP_KEYS = ['message', 'tagMessage'];
export const RELEASE_KEYS = ['python', 'validate', 'build', 'check', 'upload', 'repositories', 'clean', 'branch', 'remote'];
const ARGV_KEYS = ['validate', 'build', 'check', 'upload'];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : `a ${typeof v}`);

/** Returns the config, or the list of problems ("sources[1].type: must be one of …"). */
export function validateConfig(raw: unknown): { config: Config } | { problems: string[] } {
  const problems: string[] = [];
  const at = (where: string, what: string) => problems.push(`${where}: ${what}`);
  const config = defaultConfig();
  if (!isObj(raw)) return { problems: [`the configuration must be an object, not ${kind(raw)}`] };

  const only = (obj: Obj, keys: string[], where: string) => {
    for (const k of Object.keys(obj)) if (!keys.includes(k)) at(where ? `${where}.${k}` : k, `unknown key (known: ${keys.join(', ')})`);
  };
  const str = (obj: Obj, key: string, where: string, required = false): string | undefined => {
    const v = obj[key];
    if (v === undefined) {
      if (required) at(`${where}.${key}`, 'is required');
      return undefined;
    }
    if (typeof v !== 'string' || v === '') return void at(`${where}.${key}`, `must be a non-empty string, not ${kind(v)}`);
    return v;
  };
  const section = (key: string): Obj | undefined => {
    const v = raw[key];
    if (v === undefined) return undefined;
    if (!isObj(v)) return void at(key, `must be an object, not ${kind(v)}`);
    return v;
  };

  only(raw, TOP_KEYS, '');
  if (raw.sources !== undefined) {
    if (!Array.isArray(raw.sources) || raw.sources.length === 0) at('sources', 'must be a non-empty array of sources');
    else config.sources = raw.sources.map((s, i) => validateSource(s, `sources[${i}]`, at, only, str));
    const primaries = config.sources.filter((s) => s.primary).length;
    if (primaries > 1) at('sources', `only one source may be primary (${primaries} are)`);
  }
  const tags = section('tags');
  if (tags) {
    only(tags, TAG_KEYS, 'tags');
    if (tags.prefix !== undefined) {
      if (typeof tags.prefix !== 'string') at('tags.prefix', `must be a string, not ${kind(tags.prefix)}`);
      else config.tags.prefix = tags.prefix;
    }
  }
  const rules = section('rules');
  if (rules) {
    for (const [id, sev] of Object.entries(rules)) {
      if (!(RULE_IDS as readonly string[]).includes(id)) at(`rules.${id}`, `unknown rule (known: ${RULE_IDS.join(', ')})`);
      else if (!(SEVERITIES as readonly unknown[]).includes(sev)) at(`rules.${id}`, `must be one of ${SEVERITIES.join(', ')}`);
      else config.rules[id as (typeof RULE_IDS)[number]] = sev as (typeof SEVERITIES)[number];
    }
  }
  const bump = section('bump');
  if (bump) {
    only(bump, BUMP_KEYS, 'bump');
    config.bump.message = str(bump, 'message', 'bump') ?? config.bump.message;
    config.bump.tagMessage = str(bump, 'tagMessage', 'bump') ?? config.bump.tagMessage;
  }
  const release = section('release');
  if (release) {
    only(release, RELEASE_KEYS, 'release');
    const python = str(release, 'python', 'release');
    if (python) config.release = defaultRelease(python);
    for (const key of ARGV_KEYS) {
      const v = release[key];
      if (v === undefined) continue;
      if (!Array.isArray(v) || v.length === 0 || !v.every((a) => typeof a === 'string' && a !== ''))
        at(`release.${key}`, 'must be a non-empty array of non-empty strings (an argv, run without a shell)');
      else (config.release as unknown as Obj)[key] = v;
    }
    if (release.clean !== undefined) {
      const v = release.clean;
      if (!Array.isArray(v) || !v.every((a) => typeof a === 'string' && a !== '')) at('release.clean', 'must be an array of non-empty strings');
      else {
        v.forEach((p, i) => {
          const bad = outsideRoot(p);
          if (bad) at(`release.clean[${i}]`, bad);
        });
        config.release.clean = v;
      }
    }
    if (release.repositories !== undefined) {
      const repos = release.repositories;
      if (!isObj(repos)) at('release.repositories', `must be an object, not ${kind(repos)}`);
      else {
        only(repos, ['testpypi', 'pypi'], 'release.repositories');
        for (const k of ['testpypi', 'pypi'] as const) {
          const url = str(repos, k, 'release.repositories');
          if (url && !/^https?:\/\//.test(url)) at(`release.repositories.${k}`, 'must be an http(s) URL');
          else if (url) config.release.repositories[k] = url;
        }
      }
    }
    config.release.branch = str(release, 'branch', 'release') ?? config.release.branch;
    config.release.remote = str(release, 'remote', 'release') ?? config.release.remote;
  }
  return problems.length ? { problems } : { config };
}

function validateSource(
  raw: unknown,
  where: string,
  at: (where: string, what: string) => void,
  only: (obj: Obj, keys: string[], where: string) => void,
  str: (obj: Obj, key: string, where: string, required?: boolean) => string | undefined,
): SourceConfig {
  if (!isObj(raw)) {
    at(where, `must be an object, not ${kind(raw)}`);
    return { file: '', type: 'toml' };
  }
  only(raw, SOURCE_KEYS, where);
  const file = str(raw, 'file', where, true) ?? '';
  const bad = file && outsideRoot(file);
  if (bad) at(`${where}.file`, bad);
  const type = raw.type;
  if (type === undefined) at(`${where}.type`, `is required (one of ${SOURCE_TYPES.join(', ')})`);
  else if (!(SOURCE_TYPES as readonly unknown[]).includes(type)) at(`${where}.type`, `must be one of ${SOURCE_TYPES.join(', ')}`);
  const source: SourceConfig = { file: file.replace(/\\/g, '/'), type: (type as SourceConfig['type']) ?? 'toml' };
  for (const key of ['name', 'key', 'variable', 'export', 'pattern'] as const) {
    const v = str(raw, key, where);
    if (v !== undefined) source[key] = v;
  }
  if (raw.primary !== undefined) {
    if (typeof raw.primary !== 'boolean') at(`${where}.primary`, `must be true or false, not ${kind(raw.primary)}`);
    else source.primary = raw.primary;
  }
  const allowed: Record<string, string | undefined> = { toml: 'key', json: 'key', python: 'variable', js: 'export', regex: 'pattern' };
  for (const key of ['key', 'variable', 'export', 'pattern'] as const) {
    if (source[key] !== undefined && allowed[source.type] !== key && typeof type === 'string')
      at(`${where}.${key}`, `does not apply to a "${source.type}" source (it takes "${allowed[source.type]}")`);
  }
  if (source.type === 'regex') {
    if (source.pattern === undefined) at(`${where}.pattern`, 'is required for a regex source');
    else {
      const problem = patternProblem(source.pattern);
      if (problem) at(`${where}.pattern`, problem);
    }
  }
  return source;
}

function patternProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern, 'gmd');
  } catch (e) {
    return `is not a valid regular expression: ${(e as Error).message}`;
  }
  if (!pattern.includes('(?<version>')) return 'must have a named group (?<version>…) around the version';
  return undefined;
}

/** A reason why a configured path may leave the project root, or undefined if it stays inside. */
export function outsideRoot(p: string): string | undefined {
  if (path.posix.isAbsolute(p) || path.win32.isAbsolute(p)) return `must be relative to the project root, not absolute ("${p}")`;
  if (p.split(/[\\/]/).includes('..')) return `must stay inside the project root ("${p}" contains "..")`;
  return undefined;
}
