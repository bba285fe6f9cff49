// Finds and loads the configuration. A found configuration is data: .heimdallrc.json, YAML
// (.heimdallrc, .heimdallrc.yaml/.yml, also under .config/), package.json's "heimdall" key or
// [tool.heimdall-version] in pyproject.toml; one per directory, read only from inside the project.
// Code runs only when the user names it with --config. With none, the build backend's layout (layout.ts).
import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../core/errors.js';
import { findGitTop } from '../git/workspace.js';
import { defaultConfig } from './defaults.js';
import { isObj } from './fields.js';
import { detectLayout } from './layout.js';
import { declared } from './declares.js';
import { workspaceAt } from './workspace.js';
import { rootFileReader } from './root-files.js';

export { rootFileReader } from './root-files.js';
import { rootDirLister } from './root-dirs.js';
import { parseJsonConfig, parseYamlConfig } from './parse.js';
import { formatOf, PACKAGE_KEY, placesIn, readCandidateText, readConfigText, refuseFoundCode, type Format, type Place } from './places.js';
import { pyprojectProblems, pyprojectTable, TABLE, validatePyprojectTable } from './pyproject.js';
import { validateConfig } from './schema.js';
import type { Config, LoadedConfig, PackageDecl } from './types.js';

export interface LoadConfigOptions {
  /** Where to start looking (default: process.cwd()). */
  cwd?: string;
  /** An explicit config file; the project root is then its directory. */
  configFile?: string;
}

export async function loadConfig(options: LoadConfigOptions = {}): Promise<LoadedConfig> {
  const given = path.resolve(options.cwd ?? process.cwd());
  if (!isDirectory(given)) throw new UserError(`--cwd: ${given} is not a directory`);
  // Real paths throughout, so the walk up stops at the git top level even under a symlinked directory.
  const start = realpathSync(given);
  if (options.configFile) {
    const file = path.resolve(options.configFile);
    return withWorkspace({ ...(await loadNamed(file)), root: path.dirname(file), file, gitTop: findGitTop(path.dirname(file)) }, true, shown(file));
  }
  const gitTop = findGitTop(start);
  // The nearest configuration or package declaration; never above the git top level; outside a repository, only the start directory.
  for (let dir = start; ; dir = path.dirname(dir)) {
    const found = await searchDir(dir);
    if (found) return withWorkspace({ ...found, root: dir, gitTop }, true, shown(found.file));
    const here = declared(rootFileReader(dir));
    if (here.python || here.workspace) return asMember(zeroConfig(dir, gitTop));
    if (!gitTop || dir === gitTop || path.dirname(dir) === dir) break;
  }
  return zeroConfig(gitTop ?? start, gitTop);
}

/** No configuration: the layout the build backend declares, or at a workspace root its members. */
function zeroConfig(root: string, gitTop: string | undefined): LoadedConfig {
  const layout = detectLayout(rootFileReader(root), rootDirLister(root));
  return withWorkspace({ config: { ...defaultConfig(), sources: layout.sources }, root, gitTop, layout }, false, shown(root));
}

/**
 * A package with no configuration of its own that is a member of an enclosing workspace is judged
 * as the workspace judges it: by its tag template (and its configured sources) and the workspace's
 * rules, bump and release settings, so that a check or a release in its directory and one from the
 * root agree. A workspace that cannot be read leaves it as it is.
 */
async function asMember(loaded: LoadedConfig): Promise<LoadedConfig> {
  const { root, gitTop } = loaded;
  if (loaded.workspace || !gitTop || root === gitTop) return loaded;
  try {
    for (let dir = path.dirname(root); ; dir = path.dirname(dir)) {
      const found = await searchDir(dir);
      const here = found ? undefined : declared(rootFileReader(dir));
      if (found || here?.workspace) {
        const workspace = workspaceAt(dir, found?.config ?? defaultConfig(), found !== undefined, shown(found?.file ?? dir));
        const rel = path.relative(dir, root).split(path.sep).join('/');
        const member = workspace?.packages.find((p) => p.path === rel);
        if (!member) return loaded;
        return asPackage(loaded, member, found?.config ?? loaded.config, dir);
      }
      if (here?.python || dir === gitTop || path.dirname(dir) === dir) return loaded;
    }
  } catch {
    return loaded;
  }
}

/**
 * One package of a workspace as a project of its own (`loaded` gives its root): its sources, layout
 * and tag prefix; the workspace's rules, versioning, bump and release settings apply to every package.
 */
export function asPackage(loaded: LoadedConfig, member: PackageDecl, workspaceConfig: Config, workspaceRoot: string): LoadedConfig {
  const { layout: _detected, workspace: _workspace, ...rest } = loaded;
  const { packages: _packages, groups: _groups, ...shared } = workspaceConfig;
  return {
    ...rest,
    workspaceRoot,
    ...(member.layout ? { layout: member.layout } : {}),
    config: { ...shared, sources: member.sources, tags: { prefix: member.tags.prefix } },
  };
}

function withWorkspace(loaded: LoadedConfig, configured: boolean, where: string): LoadedConfig {
  // In [tool.heimdall-version], each problem is located by the line of the table it is in, as validation's are.
  const inPyproject = loaded.file !== undefined && path.basename(loaded.file) === 'pyproject.toml';
  const invalid = inPyproject
    ? (shownAs: string, problems: string[]) => pyprojectProblems(readConfigText(undefined, loaded.file!, shownAs), shownAs, problems)
    : undefined;
  const workspace = workspaceAt(loaded.root, loaded.config, configured, where, invalid);
  return workspace ? { ...loaded, workspace } : loaded;
}

type Found = { config: LoadedConfig['config']; file: string };

/** The configuration of a directory: at most one place may hold one, and a found one is data. */
async function searchDir(dir: string): Promise<Found | undefined> {
  const held: Place[] = [];
  const texts = new Map<Place, string>();
  for (const place of placesIn(dir)) {
    if (place.format === 'package' || place.format === 'pyproject') {
      const text = readCandidateText(dir, place);
      if (text === undefined || !(place.format === 'package' ? packageConfig(text, shown(place.file)) : pyprojectTable(text, shown(place.file)))) continue;
      texts.set(place, text);
    }
    held.push(place);
  }
  if (held.length > 1) {
    const names = held.map(named);
    throw new UserError(
      `${held.length === 2 ? 'two' : held.length} configurations apply here: ${names.slice(0, -1).join(', ')} and ${names.at(-1)}; keep one of them`,
    );
  }
  const only = held[0];
  if (!only) return undefined;
  if (only.format === 'code') refuseFoundCode(only, shown(only.file));
  return { config: await readData(only.file, only.format, texts.get(only) ?? readConfigText(dir, only.file, shown(only.file))), file: only.file };
}

const named = (place: Place) =>
  place.format === 'package'
    ? `"${PACKAGE_KEY}" in ${shown(place.file)}`
    : place.format === 'pyproject'
      ? `[${TABLE}] in ${shown(place.file)}`
      : shown(place.file);

/** A file named with --config: any format heimdall-version reads, code included (naming it is the user's decision to run it). */
async function loadNamed(file: string): Promise<Found> {
  const format = formatOf(file);
  if (format === undefined) {
    const why = path.extname(file) === '.ts' ? 'a TypeScript configuration cannot be run; name a .js, .cjs or .mjs file, or' : 'name';
    throw new UserError(
      `${shown(file)}: not a configuration format heimdall-version reads; ${why} a .json, .yaml or .yml file, package.json or pyproject.toml`,
    );
  }
  if (format === 'code') {
    const exported = await runCode(file);
    try {
      return { config: validated(exported, shown(file)), file };
    } catch (e) {
      // Its getters run as it is read: what they throw is the configuration's failure too.
      throw e instanceof UserError ? e : failedToLoad(file, e);
    }
  }
  return { config: await readData(file, format, readConfigText(undefined, file, shown(file))), file };
}

/** Parses and validates one configuration file's text. */
const readData = (file: string, format: Exclude<Format, 'code'>, text: string) => parseConfigText(text, format, shown(file));

/** A configuration file's text as a validated configuration; `where` names it in messages. Data only: nothing is run. */
export async function parseConfigText(text: string, format: Exclude<Format, 'code'>, where: string): Promise<LoadedConfig['config']> {
  if (format === 'pyproject') {
    const table = pyprojectTable(text, where);
    if (!table) throw new UserError(`${where}: has no [${TABLE}] table`);
    return validatePyprojectTable(table.table, table.text, where);
  }
  if (format === 'package') {
    const config = packageConfig(text, where);
    if (!config) throw new UserError(`${where}: has no "${PACKAGE_KEY}" key`);
    return validated(config.value, where);
  }
  return validated(format === 'json' ? parseJsonConfig(text, where) : await parseYamlConfig(text, where), where);
}

/** package.json's "heimdall" value, or undefined when it has none. */
export function packageConfig(text: string, where: string): { value: unknown } | undefined {
  const pkg = parseJsonConfig(text, where, PACKAGE_KEY);
  return isObj(pkg) && Object.hasOwn(pkg, PACKAGE_KEY) ? { value: pkg[PACKAGE_KEY] } : undefined;
}

/** Runs a configuration written as code and takes what it exports. */
async function runCode(file: string): Promise<unknown> {
  const { createRequire } = await import('node:module');
  try {
    const exported: unknown = createRequire(file)(file);
    return isObj(exported) && exported.__esModule && 'default' in exported ? exported.default : exported;
  } catch (e) {
    throw failedToLoad(file, e);
  }
}

/** Code may throw anything, null included. */
const failedToLoad = (file: string, e: unknown) =>
  new UserError(`${shown(file)}: the configuration failed to load: ${String(isObj(e) && 'message' in e ? e.message : e).split('\n')[0]}`);

/** A path as the user would type it from here. */
const shown = (file: string) => {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
};

function validated(raw: unknown, where: string) {
  const result = validateConfig(raw);
  if ('problems' in result) {
    throw new UserError(`${where}: invalid configuration\n${result.problems.map((p) => `  ${p}`).join('\n')}`);
  }
  return result.config;
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
