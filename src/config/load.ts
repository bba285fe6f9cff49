// Finds and loads the configuration: .heimdallrc.json read directly (the common, fast case),
// [tool.heimdall-version] in pyproject.toml, every other cosmiconfig place (module name "heimdall")
// through cosmiconfig; else the layout the build backend declares (layout.ts).
import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../core/errors.js';
import { firstDuplicateKey, jsonSyntaxError } from '../formats/json.js';
import { decodeUtf8, lineIndex } from '../core/text.js';
import { findGitTop, isInside, readRegular } from '../git/workspace.js';
import { defaultConfig } from './defaults.js';
import { detectLayout, type ReadFile } from './layout.js';
import { validateConfig } from './schema.js';
import { PYPROJECT, readPyprojectTable, TABLE, validatePyprojectTable } from './pyproject.js';
import type { LoadedConfig } from './types.js';

const MODULE = 'heimdall';
const FAST = `.${MODULE}rc.json`;
// Data only: a configuration that is code runs only when the user names it (--config).
const DATA_PLACES = [
  'package.json', `.${MODULE}rc`, `.${MODULE}rc.json`, `.${MODULE}rc.yaml`, `.${MODULE}rc.yml`,
  `.config/${MODULE}rc`, `.config/${MODULE}rc.json`, `.config/${MODULE}rc.yaml`, `.config/${MODULE}rc.yml`,
];
const CODE_PLACES = ['js', 'ts', 'cjs', 'mjs'].flatMap((ext) => [`.${MODULE}rc.${ext}`, `${MODULE}.config.${ext}`, `.config/${MODULE}rc.${ext}`]);
const OTHER_PLACES = new Set([`.${MODULE}rc`, `.${MODULE}rc.yaml`, `.${MODULE}rc.yml`, ...CODE_PLACES.filter((p) => !p.includes('/'))]);

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
    return { ...(await loadFile(file)), root: path.dirname(file), file, gitTop: findGitTop(path.dirname(file)) };
  }
  const gitTop = findGitTop(start);
  // Never above the git top level; outside a repository, only the start directory.
  for (let dir = start; ; dir = path.dirname(dir)) {
    const found = await searchDir(dir);
    if (found) return { ...found, root: dir, gitTop };
    if (!gitTop || dir === gitTop || path.dirname(dir) === dir) break;
  }
  const root = gitTop ?? start;
  const layout = detectLayout(rootFileReader(root));
  return { config: { ...defaultConfig(), sources: layout.sources }, root, gitTop, layout };
}

/** Reads root-relative files for layout detection: absent is undefined; present but unusable (a link
 *  out of the root, bad UTF-8) is empty text, so the source is still listed and its reader says why. */
export function rootFileReader(root: string): ReadFile {
  const realRoot = realpathSync(root);
  return (file) => {
    let real: string;
    try {
      real = realpathSync(path.join(realRoot, file));
    } catch {
      return lstatExists(path.join(realRoot, file)) ? '' : undefined;
    }
    if (!isInside(realRoot, real)) return '';
    try {
      const read = readRegular(real);
      const decoded = 'bytes' in read ? decodeUtf8(read.bytes) : { error: read.missing };
      return 'text' in decoded ? decoded.text : '';
    } catch {
      return '';
    }
  };
}

function lstatExists(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

type Found = { config: LoadedConfig['config']; file: string };

/** The configuration of a directory: a .heimdallrc.json (or another cosmiconfig place), or [tool.heimdall-version]; never both. */
async function searchDir(dir: string): Promise<Found | undefined> {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return undefined;
  }
  const pyprojectFile = path.join(dir, PYPROJECT);
  const table = entries.includes(PYPROJECT) ? readPyprojectTable(pyprojectFile, shown(pyprojectFile)) : undefined;
  const other = await searchOther(dir, entries);
  if (table && other)
    throw new UserError(`two configurations apply here: ${shown(other.file)} and [${TABLE}] in ${shown(pyprojectFile)}; keep one of them`);
  return other ?? (table && { config: validatePyprojectTable(table.table, table.text, shown(pyprojectFile)), file: pyprojectFile });
}

async function searchOther(dir: string, entries: string[]): Promise<Found | undefined> {
  if (entries.includes(FAST)) return loadFile(path.join(dir, FAST));
  const maybe =
    entries.some((e) => OTHER_PLACES.has(e)) ||
    (entries.includes('.config') && isDirectory(path.join(dir, '.config'))) ||
    (entries.includes('package.json') && packageJsonMentions(path.join(dir, 'package.json')));
  if (!maybe) return undefined;
  // cosmiconfig would block on a FIFO where a configuration could be.
  for (const place of DATA_PLACES) {
    const file = path.join(dir, place);
    if (lstatExists(file) && !isFile(file)) throw new UserError(`${shown(file)}: cannot read the configuration: it is not a regular file`);
  }
  const { cosmiconfig } = await loadCosmiconfig();
  try {
    const result = await cosmiconfig(MODULE, { searchStrategy: 'none', searchPlaces: DATA_PLACES, cache: false }).search(dir);
    if (!result) return refuseCode(dir);
    return { config: validated(result.config, result.filepath), file: result.filepath };
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(`configuration in ${dir}: ${(e as Error).message.split('\n')[0]}`);
  }
}

/** A configuration that is code is reported, never run: running it is the user's decision. */
function refuseCode(dir: string): undefined {
  const code = CODE_PLACES.map((p) => path.join(dir, p)).find((f) => isFile(f));
  if (code)
    throw new UserError(`${shown(code)} is a configuration written as code, which heimdall-version does not run when it only finds it; to use it, name it: --config ${shown(code)} (or write .heimdallrc.json instead)`);
  return undefined;
}

async function loadFile(file: string): Promise<{ config: LoadedConfig['config']; file: string }> {
  let text: string;
  try {
    const read = readRegular(file);
    if ('missing' in read) throw new UserError(`${shown(file)}: cannot read the configuration: it ${read.missing}`);
    text = read.bytes.toString('utf8');
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(`${shown(file)}: cannot read the configuration (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  if (path.basename(file) === PYPROJECT) {
    const table = readPyprojectTable(file, shown(file));
    if (!table) throw new UserError(`${shown(file)}: has no [${TABLE}] table`);
    return { config: validatePyprojectTable(table.table, table.text, shown(file)), file };
  }
  if (path.extname(file) !== '.json' && path.basename(file) !== FAST) {
    const { cosmiconfig } = await loadCosmiconfig();
    try {
      const result = await cosmiconfig(MODULE, { searchStrategy: 'none', cache: false }).load(file);
      return { config: validated(result?.config ?? {}, file), file };
    } catch (e) {
      if (e instanceof UserError) throw e;
      throw new UserError(`${shown(file)}: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  return { config: validated(parseJson(text, file), file), file };
}

function parseJson(text: string, file: string): unknown {
  try {
    const value: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
    const duplicate = firstDuplicateKey(text);
    if (duplicate) {
      const where = lineIndex(text)(duplicate.offset);
      throw new UserError(`${shown(file)}:${where.line}:${where.column}: "${duplicate.path}" appears twice; keep one (JSON would silently use the last)`);
    }
    return value;
  } catch (e) {
    if (e instanceof UserError) throw e;
    const located = jsonSyntaxError(text);
    const where = located?.offset !== undefined ? lineIndex(text)(located.offset) : undefined;
    throw new UserError(`${shown(file)}${where ? `:${where.line}:${where.column}` : ''}: invalid JSON: ${located?.message ?? (e as Error).message}`);
  }
}

/** A path as the user would type it from here. */
const shown = (file: string) => {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
};

function validated(raw: unknown, file: string) {
  const result = validateConfig(raw);
  if ('problems' in result) {
    throw new UserError(`${shown(file)}: invalid configuration\n${result.problems.map((p) => `  ${p}`).join('\n')}`);
  }
  return result.config;
}

// cosmiconfig is CommonJS: under ESM its named exports may sit on `default`.
async function loadCosmiconfig(): Promise<typeof import('cosmiconfig')> {
  const mod = (await import('cosmiconfig')) as typeof import('cosmiconfig') & { default?: typeof import('cosmiconfig') };
  return mod.default && !mod.cosmiconfig ? mod.default : mod;
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function packageJsonMentions(file: string): boolean {
  try {
    const read = readRegular(file);
    return 'bytes' in read && read.bytes.toString('utf8').includes(`"${MODULE}"`);
  } catch {
    return false;
  }
}
