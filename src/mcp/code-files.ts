// Which files of a package may construct its MCP server, found from what the project declares:
// only when it depends on an MCP SDK (mcp, fastmcp; @modelcontextprotocol/* in package.json), the
// modules its [project.scripts] run, the package's server-like modules, package.json's bin, main,
// module and exports (their TypeScript sources), what those import from the package itself, a few
// levels deep, and the TypeScript modules of the src/ tree (listed without following a link).
import { listedFiles, listingKey } from '../core/listing.js';
import { importName, normalizeDistribution, distributionIn } from '../core/names.js';
import { pyprojectPins } from '../core/pins.js';
import { visitJson } from '../formats/json.js';
import { importedModules } from './python-servers.js';
import { readTomlTree } from '../sources/toml.js';

type Read = (file: string) => string | undefined;
type Tree = Record<string, unknown>;
const obj = (v: unknown): Tree => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Tree) : {});

/** Python distributions that are MCP SDKs. */
export const PYTHON_SDKS = ['mcp', 'fastmcp'];
/** At most this many code files are read, however many the imports name. */
const MAX_FILES = 48;
/** A code file longer than this is not read as a server's code (a bundle, generated data). */
const MAX_CHARS = 512 * 1024;
/** The tree whose TypeScript modules are read after what the entries reach. */
const SCRIPT_TREE = 'src';
/** Script modules of the tree that are sources of the package (not declarations, tests or fixtures). */
const treeModule = (file: string) =>
  /\.(?:[cm]?ts|tsx|[cm]?js|jsx)$/.test(file) &&
  !/\.d\.[cm]?ts$/.test(file) &&
  !/(?:^|\/)(?:__tests__|__mocks__|fixtures?)\/|\.(?:test|spec)\.[^/]+$/.test(file);
const ROOTS = ['', 'src/'];

/** A path that stays inside the package: relative, no `..`, no control character. */
const safe = (file: string) =>
  file !== '' && !file.startsWith('/') && !/^[A-Za-z]:/.test(file) && !file.split(/[\\/]/).includes('..') && ![...file].some((c) => c < ' ');

/** Whether pyproject.toml declares a dependency on an MCP SDK. */
export function dependsOnPythonSdk(pyproject: string | undefined): boolean {
  return pyproject !== undefined && pyprojectPins(pyproject).some((p) => PYTHON_SDKS.includes(normalizeDistribution(p.name)));
}

/** package.json's top-level strings and maps the discovery reads: its entries (bin, main, module, the files exports names) and dependencies. */
function packageJson(text: string): { entries: string[]; deps: string[] } {
  const out: { entries: string[]; deps: string[] } = { entries: [], deps: [] };
  visitJson(text, {
    value: (path, _s, _e, value) => {
      if (value === undefined) return;
      if (path[0] === 'bin' && path.length <= 2) out.entries.push(value);
      if (path.length === 1 && (path[0] === 'main' || path[0] === 'module')) out.entries.push(value);
      // exports: a path, or conditions and subpaths down to paths; patterns (*) name no one file.
      if (
        path[0] === 'exports' &&
        path.length <= 4 &&
        /^\.\/[^*]*\.(?:[cm]?js|[cm]?ts)$/.test(value) &&
        !/\.d\.[cm]?ts$/.test(value) &&
        out.entries.length < 64
      )
        out.entries.push(value);
      if (path.length === 2 && /^(?:dev|peer|optional)?[dD]ependencies$/.test(String(path[0]))) out.deps.push(String(path[1]));
    },
  });
  return out;
}

/** The Python modules a dotted module name may be. */
const moduleFiles = (module: string) => {
  const rel = module.split('.').join('/');
  return ROOTS.flatMap((r) => [`${r}${rel}.py`, `${r}${rel}/__init__.py`]);
};

/** Modules of the same top-level packages a Python module imports (absolute or relative), as the files they may be. */
function pythonImports(file: string, text: string, tops: Set<string>): string[] {
  const dir = file.split('/').slice(0, -1);
  const out: string[] = [];
  for (const { level, module, names } of importedModules(text)) {
    const parts = module ? module.split('.') : [];
    if (level === 0 && !tops.has(parts[0] ?? '')) continue;
    // A relative import climbs from the module's package: one dot is the package itself.
    const stems =
      level > 0
        ? level - 1 <= dir.length
          ? [[...dir.slice(0, dir.length - (level - 1)), ...parts].join('/')]
          : []
        : ROOTS.map((r) => `${r}${parts.join('/')}`);
    for (const stem of stems) {
      out.push(`${stem}.py`, `${stem}/__init__.py`);
      // `from pkg import module` imports a module as often as a name.
      for (const name of names) out.push(`${stem}/${name}.py`);
    }
  }
  return out;
}

/** Relative imports of a JavaScript or TypeScript module, as the files they may be. */
function scriptImports(file: string, text: string): string[] {
  const dir = file.replace(/\/?[^/]*$/, '');
  const out: string[] = [];
  for (const m of text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
    const parts = [...(dir ? dir.split('/') : []), ...m[1]!.split('/')];
    const resolved: string[] = [];
    for (const p of parts) {
      if (p === '..') resolved.pop();
      else if (p !== '.') resolved.push(p);
    }
    const stem = resolved.join('/').replace(/\.(?:js|mjs|cjs|ts|mts)$/, '');
    out.push(`${stem}.ts`, `${stem}.mts`, `${stem}.js`, `${stem}.mjs`, `${stem}/index.ts`);
  }
  return out;
}

/** The TypeScript source of a built entry: dist/index.js → src/index.ts. */
const scriptSources = (entry: string) => {
  const stem = entry.replace(/^\.\//, '').replace(/\.(?:js|mjs|cjs)$/, '');
  const inner = stem.replace(/^(?:dist|build|lib|out)\//, '');
  return [`${stem}.ts`, `src/${inner}.ts`, `${inner}.ts`, entry.replace(/^\.\//, '')];
};

/** The code files that may construct the package's MCP server, as far as the files read so far tell. */
export function serverCodeFiles(readAny: Read): string[] {
  // A path out of the package (`..`, absolute) is never read, whatever a declaration names; nor a file too long to be a module.
  const read: Read = (file) => {
    const text = safe(file) ? readAny(file) : undefined;
    return text !== undefined && text.length <= MAX_CHARS ? text : undefined;
  };
  const wanted: string[] = [];
  const pyproject = read('pyproject.toml');
  if (dependsOnPythonSdk(pyproject)) {
    const tree = readTomlTree(pyproject!) ?? {};
    const project = obj(tree.project);
    const entries = [...Object.values(obj(project.scripts)), ...Object.values(obj(project['gui-scripts']))].filter((v): v is string => typeof v === 'string');
    const modules = entries.map((e) => e.split(':')[0]!.trim()).filter((m) => /^[\w.]+$/.test(m));
    const dist = distributionIn(tree);
    const tops = new Set([...modules.map((m) => m.split('.')[0]!), ...(dist ? [importName(dist)] : [])]);
    for (const m of modules) wanted.push(...moduleFiles(m));
    for (const top of tops) for (const name of ['__main__', 'server', 'mcp_server', '__init__']) wanted.push(...moduleFiles(`${top}.${name}`));
    // What those modules import from the package itself, as far as read.
    for (let i = 0; i < wanted.length && wanted.length < MAX_FILES * 4; i++) {
      const text = read(wanted[i]!);
      if (text !== undefined) for (const f of pythonImports(wanted[i]!, text, tops)) if (!wanted.includes(f)) wanted.push(f);
    }
  }
  const pkgText = read('package.json');
  const pkg = pkgText === undefined ? undefined : packageJson(pkgText);
  if (pkg?.deps.some((d) => d.startsWith('@modelcontextprotocol/'))) {
    const entries = [...pkg.entries, 'src/index.ts', 'src/server.ts', 'index.ts'];
    const start = wanted.length;
    for (const e of entries) for (const f of scriptSources(e)) if (!wanted.includes(f)) wanted.push(f);
    for (let i = start; i < wanted.length && wanted.length < MAX_FILES * 4; i++) {
      const text = read(wanted[i]!);
      if (text !== undefined) for (const f of scriptImports(wanted[i]!, text)) if (!wanted.includes(f)) wanted.push(f);
    }
    // Then the tree's other modules, those named like a server first: a server built where no entry's imports lead.
    const tree = listedFiles(readAny(listingKey(SCRIPT_TREE)));
    if (tree === undefined) wanted.push(listingKey(SCRIPT_TREE));
    else {
      const likely = (f: string) => (/(?:server|mcp)[^/]*$/i.test(f) ? 0 : 1);
      const modules = tree.filter((f) => treeModule(f) && !wanted.includes(f)).sort((a, b) => likely(a) - likely(b));
      wanted.push(...modules.slice(0, MAX_FILES));
    }
  }
  // Candidates that do not exist cost a failed read; the ones that exist are bounded.
  const unique = [...new Set(wanted)].filter((f) => safe(f) || f === listingKey(SCRIPT_TREE));
  const existing = unique.filter((f) => read(f) !== undefined);
  const unknown = unique.filter((f) => read(f) === undefined);
  return [...existing.slice(0, MAX_FILES), ...unknown].slice(0, MAX_FILES * 4);
}
