// The dependencies a package declares, with the text that constrains each and where it is: PEP 508
// strings in [project] dependencies, optional-dependencies and [dependency-groups], Poetry's
// [tool.poetry.dependencies] table, and package.json's dependency maps for an npm member; with
// uv's [tool.uv.sources] entry for each. Pure: texts in, plain data out.
import { lineIndex } from './text.js';
import { normalizeDistribution } from './names.js';
import type { FileText, Package } from './package.js';
import { readTomlTree } from '../sources/toml.js';

export interface Pin {
  /** The dependency's name as written. */
  name: string;
  /** The constraint as written: "==1.2.0", ">=1,<2", "^1.2" (Poetry, npm), "workspace:*"; '' when none. */
  specifier: string;
  /** How the constraint is read: PEP 440 specifiers, Poetry's constraints, or an npm range. */
  syntax: 'pep440' | 'poetry' | 'npm';
  /** Where it is declared, as the user would name it: "[project] dependencies", "[dependency-groups] dev". */
  where: string;
  file: string;
  line: number;
  column: number;
  /** The offset in the file's text where the specifier starts, when it was found there as written (bump rewrites it). */
  offset?: number;
  /** uv's [tool.uv.sources] entry for it: the workspace member, or another source (a path, git, an index). */
  uvSource?: 'workspace' | 'other';
}

type Tree = Record<string, unknown>;
const obj = (v: unknown): Tree => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Tree) : {});
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);

/** A PEP 508 requirement's name and version specifier (extras, a parenthesised specifier and markers understood); undefined for a URL requirement or none at all. */
export function parseRequirement(requirement: string): { name: string; specifier: string; offset: number } | undefined {
  const m = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[[^\]]*\]\s*)?/.exec(requirement);
  if (!m) return undefined;
  const rest = requirement.slice(m[0].length);
  if (rest.startsWith('@')) return undefined;
  const spec = /^\(?\s*([^;)]*?)\s*\)?\s*(?:;.*)?$/s.exec(rest);
  if (!spec) return undefined;
  return { name: m[1]!, specifier: spec[1]!, offset: m[0].length + rest.indexOf(spec[1]!) };
}

/** Every dependency of the package's manifests (pyproject.toml; package.json for an npm member). */
export function dependencyPins(pkg: Pick<Package, 'kind' | 'read'>): Pin[] {
  const pins: Pin[] = [];
  const pyproject = pkg.read('pyproject.toml');
  if ('text' in pyproject) pins.push(...pyprojectPins(pyproject.text));
  if (pkg.kind === 'npm') {
    const json: FileText = pkg.read('package.json');
    if ('text' in json) pins.push(...packageJsonPins(json.text));
  }
  return pins;
}

/** The last text's pins: the rules that read dependencies (pin-mismatch, mcp-sdk-bound, the MCP discovery) ask for the same text in turn. */
let last: { text: string; file: string; pins: readonly Pin[] } | undefined;

export function pyprojectPins(text: string, file = 'pyproject.toml'): Pin[] {
  if (last?.text === text && last.file === file) return [...last.pins];
  const pins = readPyprojectPins(text, file);
  last = { text, file, pins };
  return [...pins];
}

function readPyprojectPins(text: string, file: string): Pin[] {
  const tree = readTomlTree(text);
  if (!tree) return [];
  const at = lineIndex(text);
  const used = new Set<number>();
  const project = obj(tree.project);
  const sources = obj(obj(obj(tree.tool).uv).sources);
  const uvSource = (name: string): Pin['uvSource'] => {
    const entry = Object.entries(sources).find(([k]) => normalizeDistribution(k) === normalizeDistribution(name))?.[1];
    if (entry === undefined) return undefined;
    return obj(entry).workspace === true ? 'workspace' : 'other';
  };
  const pins: Pin[] = [];
  const requirements = (list: string[], where: string) => {
    for (const requirement of list) {
      const parsed = parseRequirement(requirement);
      if (!parsed) continue;
      const offset = findString(text, requirement, used);
      const start = offset === undefined ? undefined : offset + 1 + parsed.offset;
      const source = uvSource(parsed.name);
      pins.push({
        name: parsed.name,
        specifier: parsed.specifier,
        syntax: 'pep440',
        where,
        file,
        ...at(start ?? 0),
        ...(start === undefined ? {} : { offset: start }),
        ...(source ? { uvSource: source } : {}),
      });
    }
  };
  requirements(strings(project.dependencies), '[project] dependencies');
  for (const [extra, list] of Object.entries(obj(project['optional-dependencies']))) requirements(strings(list), `[project.optional-dependencies] ${extra}`);
  for (const [group, list] of Object.entries(obj(tree['dependency-groups']))) requirements(strings(list), `[dependency-groups] ${group}`);
  const poetry = obj(obj(obj(tree.tool).poetry).dependencies);
  for (const [name, value] of Object.entries(poetry)) {
    const specifier = typeof value === 'string' ? value : typeof obj(value).version === 'string' ? (obj(value).version as string) : undefined;
    if (specifier === undefined || name.toLowerCase() === 'python') continue;
    const offset = findString(text, specifier, used, new RegExp(`^\\s*["']?${escapeRegExp(name)}["']?\\s*=`, 'm'));
    const start = offset === undefined ? undefined : offset + 1;
    pins.push({
      name,
      specifier,
      syntax: 'poetry',
      where: '[tool.poetry.dependencies]',
      file,
      ...at(start ?? 0),
      ...(start === undefined ? {} : { offset: start }),
    });
  }
  return pins;
}

const NPM_MAPS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];

export function packageJsonPins(text: string, file = 'package.json'): Pin[] {
  let value: Tree;
  try {
    value = obj(JSON.parse(text.replace(/^\uFEFF/, '')));
  } catch {
    return [];
  }
  const at = lineIndex(text);
  const used = new Set<number>();
  return NPM_MAPS.flatMap((map) =>
    Object.entries(obj(value[map])).flatMap(([name, spec]): Pin[] => {
      if (typeof spec !== 'string') return [];
      const offset = findString(text, spec, used, new RegExp(`"${escapeRegExp(name)}"\\s*:\\s*$`));
      const start = offset === undefined ? undefined : offset + 1;
      return [
        { name, specifier: spec, syntax: 'npm', where: `package.json ${map}`, file, ...at(start ?? 0), ...(start === undefined ? {} : { offset: start }) },
      ];
    }),
  );
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The offset of the quote opening a string literal holding `value` (each found once), after a match of `after` when given. */
function findString(text: string, value: string, used: Set<number>, after?: RegExp): number | undefined {
  for (const quote of ['"', "'"]) {
    const needle = `${quote}${value}${quote}`;
    for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) {
      if (used.has(i)) continue;
      if (after && !after.test(text.slice(text.lastIndexOf('\n', i - 1) + 1, i)) && !after.test(text.slice(0, i))) continue;
      used.add(i);
      return i;
    }
  }
  return undefined;
}

/** Which of the workspace's package names this package depends on. */
export function siblingsPinned(pkg: Pick<Package, 'kind' | 'read' | 'name'>, packages: string[]): string[] {
  const names = new Set(dependencyPins(pkg).map((p) => normalizeDistribution(p.name)));
  return packages.filter((p) => p !== pkg.name && names.has(normalizeDistribution(p)));
}
