// What init writes: the layout's sources first, then the files other tools' configurations name,
// then what the source kinds detect. Drift is never hidden: the package's own version file is kept
// and its drift shown; only subpackages and vendored code are left out (with the --include hint).
import { MARKETPLACE, PLUGIN_MANIFESTS } from '../../mcp/manifests.js';
import { kindOf, type SourceConfig } from '../../sources/index.js';
import type { Located } from '../../sources/types.js';
import { importName } from '../../core/names.js';
import { isOwnVersionFile, isVendored, ownPackageDirs, topPackagesIn } from '../own-version.js';
import type { Layout, ReadFile } from '../layout.js';
import { sourceFor, type Imported } from './translate.js';

export interface Candidate {
  source: SourceConfig;
  value?: string;
  lookup?: string;
  /** Why it is in the configuration, or why not (then `keep` is false). */
  why: string;
  keep: boolean;
}

const label = (s: SourceConfig) => kindOf(s.type).label(s as never);
// One source per file and kind; only regex sources (a pattern each) and python ones (a variable each) may read one file several ways.
const same = (a: SourceConfig, b: SourceConfig) =>
  a.file === b.file && a.type === b.type && ((a.type !== 'regex' && a.type !== 'python') || label(a) === label(b));

export function locateIn(read: ReadFile, source: SourceConfig): Located | undefined {
  const text = read(source.file);
  const locate = kindOf(source.type).locate;
  return text === undefined || !locate ? undefined : (locate as (t: string, o: SourceConfig) => Located)(text, source);
}

/** The distribution's own package directories, by the rule zero configuration uses (own-version.ts). */
function ownDirsIn(files: string[], dist: string | undefined): string[] {
  const listed = new Set(files);
  const exists = (file: string) => listed.has(file);
  const dirs = (dir: string) => {
    const prefix = dir ? `${dir}/` : '';
    const below = files.filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length).split('/'));
    return [...new Set(below.filter((parts) => parts.length > 1).map((parts) => parts[0]!))];
  };
  return ownPackageDirs(dist, () => topPackagesIn(dirs, exists), exists);
}

/** Why a source finds no version in the file as it is now, or undefined when it finds one (or its kind is not judged here). */
function findsNothing(read: ReadFile, c: Candidate): string | undefined {
  if (c.value !== undefined || c.lookup !== undefined) return undefined;
  if (read(c.source.file) === undefined) return `${c.source.file} does not exist`;
  const located = locateIn(read, c.source);
  return located && (located.problems[0]?.message ?? `no version found in ${c.source.file}`);
}

export function planInit(input: {
  layout: Layout;
  imported: Imported[];
  detected: { source: SourceConfig; value?: string; lookup?: string; keep?: string }[];
  read: ReadFile;
  files: string[];
  dist?: string;
  include: Set<string>;
}): { candidates: Candidate[]; problems: string[]; primaryValue?: string } {
  const { layout, imported, detected, read, files, dist, include } = input;
  const candidates: Candidate[] = [];
  const problems: string[] = [];
  const add = (source: SourceConfig, why: string, keepAlways: boolean): Candidate | undefined => {
    if (candidates.some((c) => same(c.source, source))) return undefined;
    const located = locateIn(read, source);
    const value = located?.hits[0]?.value;
    const lookup = located?.lookups[0]?.distribution;
    // A python source is written with the variable it was found under, as the user would.
    const named = source.type === 'python' && !source.variable && !source.call && located ? { ...source, variable: located.label } : source;
    const candidate = { source: named, value, lookup, why, keep: keepAlways };
    candidates.push(candidate);
    return candidate;
  };
  for (const s of layout.sources) add(s, s.primary ? `primary: ${layout.reason}` : roleOf(s), true);
  for (const config of imported) {
    for (const f of config.files) {
      const t = sourceFor(f);
      if (!('source' in t)) {
        problems.push(`${config.tool}: ${t.problem}`);
        continue;
      }
      // A source that finds no version now would fail check at once: it is left out, and said why.
      const added = add(t.source, `from ${config.from}`, true);
      const none = added && findsNothing(read, added);
      if (added && none) (added.keep = false), problems.push(`${config.tool}: ${f.file} (from ${config.from}) was left out: ${none}`);
    }
  }
  const single = dist && [`${importName(dist)}.py`, `src/${importName(dist)}.py`].find((f) => files.includes(f));
  const extra: typeof detected = single ? [{ source: { file: single, type: 'python' as const } as SourceConfig }] : [];
  const configured = new Set(candidates.map((c) => c.source.file));
  for (const d of [...detected, ...extra]) {
    // The layout decided pyproject's part; a file another tool configured keeps that tool's reading.
    if (configured.has(d.source.file) || (d.source.type === 'toml' && d.source.file === 'pyproject.toml')) continue;
    add({ ...d.source, primary: undefined } as SourceConfig, d.keep ?? '', d.keep !== undefined);
  }
  const primaryValue = candidates.find((c) => c.source.primary)?.value;
  const ownDirs = ownDirsIn(files, dist);
  for (const c of candidates) {
    if (c.keep) continue;
    if (c.value === undefined && c.lookup === undefined) c.why = 'states no version';
    else if (include.has(c.source.file)) (c.keep = true), (c.why = 'named with --include');
    else if (c.lookup !== undefined) (c.keep = true), (c.why = 'a runtime lookup');
    else if (isOwnVersionFile(c.source.file, ownDirs, dist)) (c.keep = true), (c.why = "the package's own version");
    else if (c.value === primaryValue) (c.keep = true), (c.why = 'agrees');
    else c.why = `${isVendored(c.source.file) ? 'vendored code' : 'a subpackage'}'s own version, left out (add it with --include ${c.source.file})`;
  }
  return { candidates: candidates.filter((c) => c.keep || c.value !== undefined || c.lookup !== undefined), problems, primaryValue };
}

/** What a source the layout found is to the project, in init's words. */
function roleOf(source: SourceConfig): string {
  if (source.type === 'server-json') return "the MCP Registry's entry";
  if (source.type === 'mcpb') return "the MCP bundle's manifest";
  if (PLUGIN_MANIFESTS.includes(source.file) || source.file === MARKETPLACE) return 'a plugin manifest';
  return 'the runtime copy';
}
