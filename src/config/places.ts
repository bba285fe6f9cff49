// Where a configuration may be in a directory, and how each place is read. The data places and
// their order are those of cosmiconfig's default search for the module name "heimdall", which this
// replaced: found configurations are data, so places holding code are named, never loaded.
import { lstatSync, readdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../core/errors.js';
import { isInside, readRegular } from '../git/workspace.js';
import { decodeLenient } from '../core/text.js';
import { PYPROJECT, TABLE } from './pyproject.js';

export type Format = 'json' | 'yaml' | 'package' | 'pyproject' | 'code';

const RC = '.heimdallrc';
export const JSON_RC = `${RC}.json`;
/** package.json holds the configuration under this key. */
export const PACKAGE_KEY = 'heimdall';

const DATA_PLACES: readonly [string, Format][] = [
  ['package.json', 'package'],
  [RC, 'yaml'],
  [JSON_RC, 'json'],
  [`${RC}.yaml`, 'yaml'],
  [`${RC}.yml`, 'yaml'],
  ['.config/heimdallrc', 'yaml'],
  ['.config/heimdallrc.json', 'json'],
  ['.config/heimdallrc.yaml', 'yaml'],
  ['.config/heimdallrc.yml', 'yaml'],
  [PYPROJECT, 'pyproject'],
];
const CODE_PLACES = ['js', 'ts', 'cjs', 'mjs'].flatMap((ext) => [`${RC}.${ext}`, `.config/heimdallrc.${ext}`, `heimdall.config.${ext}`]);

/** The format of a file named with --config, by its name; undefined when it has none heimdall-version reads. */
export function formatOf(file: string): Format | undefined {
  const base = path.basename(file);
  if (base === 'package.json') return 'package';
  if (base === PYPROJECT) return 'pyproject';
  const ext = path.extname(base);
  if (ext === '.json') return 'json';
  if (ext === '.yaml' || ext === '.yml' || ext === '') return 'yaml';
  if (['.js', '.cjs', '.mjs'].includes(ext)) return 'code';
  return undefined;
}

export interface Place {
  /** Relative to the directory, '/'-separated, as the user sees it. */
  place: string;
  file: string;
  format: Format;
}

/** The places of a directory that exist (package.json and pyproject.toml only as candidates: whether they hold a configuration is read later). */
export function placesIn(dir: string): Place[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  let inConfig: string[] = [];
  if (entries.includes('.config')) {
    try {
      inConfig = readdirSync(path.join(dir, '.config')).map((e) => `.config/${e}`);
    } catch {
      // .config is no directory (or unreadable): it holds no place.
    }
  }
  return placesAmong(new Set([...entries, ...inConfig]), (place) => path.join(dir, place));
}

/** Every place a directory may hold, data places first ('/'-separated, relative to the directory). */
export const ALL_PLACES: readonly string[] = [...DATA_PLACES.map(([p]) => p), ...CODE_PLACES];

/** The places among the names a directory holds (`.config/x` for its .config directory's), in the order of the search. */
export function placesAmong(present: ReadonlySet<string>, fileOf: (place: string) => string): Place[] {
  const data = DATA_PLACES.filter(([p]) => present.has(p)).map(([place, format]) => ({ place, file: fileOf(place), format }));
  const code = CODE_PLACES.filter((p) => present.has(p)).map((place) => ({ place, file: fileOf(place), format: 'code' as const }));
  return [...data, ...code];
}

/** The text of a configuration file, which must stay inside `root` (unless named, root undefined): a link leading out, a FIFO or a directory is refused with why. */
export function readConfigText(root: string | undefined, file: string, shown: string): string {
  let real: string;
  try {
    real = realpathSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && isLink(file)) throw new UserError(`${shown}: cannot read the configuration: it is a link that leads nowhere`);
    throw new UserError(`${shown}: cannot read the configuration (${code === 'ENOENT' ? 'it does not exist' : (code ?? (e as Error).message)})`);
  }
  if (root !== undefined && !isInside(realpathSync(root), real))
    throw new UserError(
      `${shown}: cannot read the configuration: it leads outside the project (to ${real}); a configuration is read only from inside the project`,
    );
  let read: ReturnType<typeof readRegular>;
  try {
    read = readRegular(real);
  } catch (e) {
    throw new UserError(`${shown}: cannot read the configuration (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  if ('missing' in read) throw new UserError(`${shown}: cannot read the configuration: it ${read.missing}`);
  return decodeLenient(read.bytes);
}

function isLink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

/** The text of package.json or pyproject.toml when it may hold a configuration: they are sources too, so
 *  one that cannot be read from inside the project (a link out, a FIFO) holds none here, and its
 *  reading as a source says why. */
export function readCandidateText(root: string, place: Place): string | undefined {
  let text: string;
  try {
    text = readConfigText(root, place.file, place.place);
  } catch {
    return undefined;
  }
  // Most of them never mention the tool: no parse for those.
  return text.includes(place.format === 'package' ? `"${PACKAGE_KEY}"` : TABLE.split('.')[1]!) ? text : undefined;
}

/** Refuses a configuration written as code that was only found: running it is the user's decision. */
export function refuseFoundCode(place: Place, shown: string): never {
  if (place.place.endsWith('.ts'))
    throw new UserError(`${shown} is a configuration written as code (TypeScript), which heimdall-version does not run; write ${JSON_RC} instead`);
  throw new UserError(
    `${shown} is a configuration written as code, which heimdall-version does not run when it only finds it; to use it, name it: --config ${shown} (or write ${JSON_RC} instead)`,
  );
}
