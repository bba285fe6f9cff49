// Project files held in memory, behind the same FileReader seam the work tree and the git index
// use: the core runs on them in-process, with no disk and no process.
import { defaultConfig } from '../../src/config/defaults.js';
import { detectLayout, type ReadFile } from '../../src/config/layout.js';
import { validateConfig } from '../../src/config/schema.js';
import type { LoadedConfig } from '../../src/config/types.js';
import type { FileReader, ReadResult } from '../../src/git/workspace.js';

/** Where an in-memory project pretends to be: never read, only named (its last part is the package's default name). */
export const ROOT = '/memory/demo';

/** Root-relative paths to contents; a string is stored as UTF-8, bytes as they are. */
export type MemoryFiles = Record<string, string | Uint8Array>;

const bytesOf = (content: string | Uint8Array) => Buffer.from(typeof content === 'string' ? Buffer.from(content, 'utf8') : content);

/** Reads like the work tree: an absent file "does not exist", with the work tree's words. */
export function memoryReader(files: MemoryFiles): FileReader {
  const reader: FileReader = async (wanted) =>
    new Map(wanted.map((file): [string, ReadResult] => [file, file in files ? { bytes: bytesOf(files[file]!) } : { missing: 'does not exist' }]));
  reader.list = async (dir) =>
    Object.keys(files)
      .filter((f) => f.startsWith(`${dir.replace(/\/$/, '')}/`))
      .sort();
  return reader;
}

/** The text view layout detection reads (zero configuration): absent is undefined. */
export function memoryText(files: MemoryFiles): ReadFile {
  return (file) => (file in files ? bytesOf(files[file]!).toString('utf8') : undefined);
}

/** The configuration loadConfig would give: `config` as .heimdallrc.json holds it, else the layout the files declare; `rules` added. */
export function memoryConfig(files: MemoryFiles, config?: Record<string, unknown>, rules: Record<string, unknown> = {}): LoadedConfig {
  const validated = validateConfig({ ...(config ?? {}), rules: { ...((config?.rules as object | undefined) ?? {}), ...rules } });
  if (!('config' in validated)) throw new Error(`the configuration does not validate: ${validated.problems.join('; ')}`);
  if (config) return { config: validated.config, root: ROOT, file: `${ROOT}/.heimdallrc.json` };
  const layout = detectLayout(memoryText(files));
  return { config: { ...defaultConfig(), rules: validated.config.rules, sources: layout.sources }, root: ROOT, layout };
}
