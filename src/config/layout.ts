// Zero configuration: the source the build backend will take the version from is the primary.
// Pure: reads project files through `read` (root-relative path → text, or undefined if absent).
import { UserError } from '../core/errors.js';
import { readIni } from '../formats/ini.js';
import { readTomlTree } from '../sources/toml.js';
import type { Layout, SourceConfig } from './types.js';
import { distributionIn, importName } from '../core/names.js';
import { HEIMDALL_RUNTIME } from './defaults.js';
import { mcpSources } from '../mcp/manifests.js';
import { type ListDirs, OWN_VERSION_FILES, ownPackageDirs, ownVersionSources, topPackagesIn } from './own-version.js';

export type { Layout };

export type ReadFile = (file: string) => string | undefined;
type Tree = Record<string, unknown>;

const PYPROJECT = 'pyproject.toml';
// hatchling's default pattern for a version file, in JavaScript syntax.
const HATCH_DEFAULT = '(?:^|\\n)[ \\t]*(?:__version__|VERSION)[ \\t]*=[ \\t]*[\'"]v?(?<version>[^\'"\\n]+)[\'"]';
// Beside a version from tags, _version.py is usually what the tag tool generates.
const TAG_VERSION_FILES = OWN_VERSION_FILES.filter((f) => f !== '_version.py');

const obj = (v: unknown): Tree => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Tree) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** The layout's sources; given `dirs` (zero configuration), also the package's own version file init would keep. */
export function detectLayout(read: ReadFile, dirs?: ListDirs): Layout {
  const text = read(PYPROJECT);
  const tree = text === undefined ? undefined : readTomlTree(text);
  const layout = fromBackend(read, text, tree);
  // heimdall-mcp's runtime copy is checked whenever it exists, whatever the layout.
  if (read(HEIMDALL_RUNTIME) !== undefined && !layout.sources.some((s) => s.file === HEIMDALL_RUNTIME))
    layout.sources.push({ file: HEIMDALL_RUNTIME, type: 'python' });
  // An MCP server's registry, bundle and plugin manifests are checked whenever they exist (not beside tags: bump refuses there).
  if (!layout.fromTags) for (const s of mcpSources(read, distributionIn(tree))) if (!layout.sources.some((t) => t.file === s.file)) layout.sources.push(s);
  if (dirs && !layout.fromTags) {
    const dist = distributionIn(tree);
    const exists = (file: string) => read(file) !== undefined;
    const taken = new Set(layout.sources.map((s) => s.file));
    layout.sources.push(
      ...ownVersionSources(
        read,
        ownPackageDirs(dist, () => topPackagesIn(dirs, exists), exists),
        dist,
        (file) => taken.has(file),
      ),
    );
  }
  return layout;
}

function fromBackend(read: ReadFile, text: string | undefined, tree: Tree | undefined): Layout {
  const project = obj(tree?.project);
  const tool = obj(tree?.tool);
  const buildSystem = obj(tree?.['build-system']);
  const backend = str(buildSystem['build-backend']) ?? '';
  const requires = Array.isArray(buildSystem.requires) ? buildSystem.requires.filter((r): r is string => typeof r === 'string') : [];
  const dynamic = Array.isArray(project.dynamic) && project.dynamic.includes('version');
  const primary = (s: SourceConfig): SourceConfig => ({ ...s, primary: true });
  const pyprojectKey = (key: string) => primary({ file: PYPROJECT, type: 'toml', key });

  if (text !== undefined && tree === undefined) return { id: 'pyproject', reason: 'pyproject.toml does not parse', sources: [pyprojectKey('project.version')] };
  if (str(project.version)) return { id: 'static', reason: '[project] version is set in pyproject.toml', sources: [pyprojectKey('project.version')] };

  const poetry = obj(tool.poetry);
  const dist = distributionIn(tree);
  const tags = tagTool(tool, requires, dynamic);
  if (tags) return { id: tags.id, reason: tags.reason, fromTags: tags.id, sources: literalsBesideTags(read, dist, tool) };
  if (str(poetry.version) && (dynamic || tree?.project === undefined))
    return { id: 'poetry', reason: '[tool.poetry] version is set in pyproject.toml', sources: [pyprojectKey('tool.poetry.version')] };

  if (dynamic) {
    const hatch = obj(obj(tool.hatch).version);
    const hatchPath = str(hatch.path);
    if (hatchPath) {
      const pattern = str(hatch.pattern);
      const source: SourceConfig = pattern
        ? { file: hatchPath, type: 'regex', pattern: pattern.replace(/\(\?P</g, '(?<') }
        : hatchPath.endsWith('.py')
          ? { file: hatchPath, type: 'python' }
          : { file: hatchPath, type: 'regex', pattern: HATCH_DEFAULT };
      return { id: 'hatch-path', reason: `[tool.hatch.version] path = "${hatchPath}"${pattern ? ' with its pattern' : ''}`, sources: [primary(source)] };
    }
    const setuptools = obj(tool.setuptools);
    const dyn = obj(obj(setuptools.dynamic).version);
    const roots = packageRoots(setuptools);
    const attr = str(dyn.attr);
    if (attr)
      return { id: 'setuptools-attr', reason: `[tool.setuptools.dynamic] version = { attr = "${attr}" }`, sources: [primary(attrSource(attr, read, roots))] };
    const file = str(dyn.file) ?? (Array.isArray(dyn.file) ? str(dyn.file[0]) : undefined);
    if (file) return { id: 'setuptools-file', reason: `[tool.setuptools.dynamic] version = { file = "${file}" }`, sources: [primary({ file, type: 'text' })] };
    const pdm = obj(obj(tool.pdm).version);
    if (pdm.source === 'file' && str(pdm.path))
      return {
        id: 'pdm-file',
        reason: `[tool.pdm.version] source = "file", path = "${pdm.path}"`,
        sources: [primary({ file: pdm.path as string, type: 'python', variable: '__version__' })],
      };
    if (backend.startsWith('flit_core') && dist) {
      const module = str(obj(obj(tool.flit).module).name) ?? importName(dist);
      const file = moduleFile(module, read, ['', 'src/']);
      return {
        id: 'flit',
        reason: `flit_core reads __version__ from the module ${module} (dynamic = ["version"])`,
        sources: [primary({ file, type: 'python', variable: '__version__' })],
      };
    }
  }
  const cfg = setupCfgLayout(read);
  if (cfg) return cfg;
  if (read('setup.py') !== undefined)
    return { id: 'setup.py', reason: 'setup.py passes version= to setup()', sources: [primary({ file: 'setup.py', type: 'python', call: 'setup' })] };
  const reason =
    text === undefined
      ? 'no pyproject.toml, setup.cfg or setup.py was found'
      : dynamic
        ? 'pyproject.toml declares the version dynamic, and no build backend configuration says where it is'
        : 'pyproject.toml states no version';
  return { id: 'pyproject', reason, sources: [pyprojectKey('project.version')] };
}

function tagTool(tool: Tree, requires: string[], dynamic: boolean): { id: string; reason: string } | undefined {
  if (obj(tool['poetry-dynamic-versioning']).enable === true)
    return { id: 'poetry-dynamic-versioning', reason: '[tool.poetry-dynamic-versioning] enable = true' };
  if (!dynamic) return undefined;
  if (obj(obj(tool.hatch).version).source === 'vcs') return { id: 'hatch-vcs', reason: '[tool.hatch.version] source = "vcs"' };
  if (obj(obj(tool.pdm).version).source === 'scm') return { id: 'pdm-scm', reason: '[tool.pdm.version] source = "scm"' };
  if (tool.setuptools_scm !== undefined) return { id: 'setuptools-scm', reason: '[tool.setuptools_scm] is configured' };
  if (requires.some((r) => /^setuptools[-_]scm\b/i.test(r)) && obj(obj(tool.setuptools).dynamic).version === undefined)
    return { id: 'setuptools-scm', reason: 'the build requires setuptools-scm' };
  return undefined;
}

/** A package's own version literal committed beside a tag-based version: it goes stale at the next tag. */
function literalsBesideTags(read: ReadFile, dist: string | undefined, tool: Tree): SourceConfig[] {
  const generated = new Set(
    [
      obj(tool.setuptools_scm).version_file,
      obj(tool.setuptools_scm).write_to,
      obj(obj(obj(tool.hatch).build).hooks).vcs && obj(obj(obj(obj(tool.hatch).build).hooks).vcs)['version-file'],
      obj(obj(tool.pdm).version).write_to,
    ].filter((f): f is string => typeof f === 'string'),
  );
  // Only a package named after the distribution: with tags as the truth, nothing else is guessed.
  const exists = (file: string) => read(file) !== undefined;
  return ownVersionSources(
    read,
    ownPackageDirs(dist, () => [], exists),
    dist,
    (file) => generated.has(file),
    TAG_VERSION_FILES,
  );
}

function setupCfgLayout(read: ReadFile): Layout | undefined {
  const text = read('setup.cfg');
  if (text === undefined) return undefined;
  const entry = readIni(text).options.find((e) => e.section === 'metadata' && e.key === 'version');
  if (!entry) return undefined;
  const value = text.slice(entry.start, entry.end);
  const attr = /^attr:\s*(\S+)/.exec(value)?.[1];
  if (attr)
    return {
      id: 'setup.cfg-attr',
      reason: `setup.cfg [metadata] version = attr: ${attr}`,
      sources: [{ ...attrSource(attr, read, ['', 'src/']), primary: true }],
    };
  const file = /^file:\s*([^,\s]+)/.exec(value)?.[1];
  if (file) return { id: 'setup.cfg-file', reason: `setup.cfg [metadata] version = file: ${file}`, sources: [{ file, type: 'text', primary: true }] };
  return {
    id: 'setup.cfg',
    reason: 'setup.cfg [metadata] version is set',
    sources: [{ file: 'setup.cfg', type: 'ini', section: 'metadata', key: 'version', primary: true }],
  };
}

/** `pkg.sub.__version__` → the module's file and the variable. */
function attrSource(attr: string, read: ReadFile, roots: string[]): SourceConfig {
  const parts = attr.split('.');
  const variable = parts.pop()!;
  return { file: moduleFile(parts.join('.'), read, roots), type: 'python', variable };
}

/** Where setuptools looks for top-level packages: [tool.setuptools.package-dir] "" = "src", else the root and src/. */
function packageRoots(setuptools: Tree): string[] {
  const root = str(obj(setuptools['package-dir'])['']);
  return root !== undefined ? [`${root.replace(/\/+$/, '')}/`] : ['', 'src/'];
}

/** The file of a dotted module: the first that exists of <root>/a/b/__init__.py and <root>/a/b.py, else the first candidate. */
function moduleFile(module: string, read: ReadFile, roots: string[]): string {
  const rel = module.split('.').join('/');
  const candidates = roots.flatMap((r) => [`${r}${rel}/__init__.py`, `${r}${rel}.py`]);
  return candidates.find((f) => read(f) !== undefined) ?? candidates[0]!;
}

/** bump and release write or tag a version a file holds; with a version from tags there is none. */
export function refuseTagLayout(layout: Layout | undefined, command: string): void {
  if (layout?.fromTags)
    throw new UserError(
      `${command}: the version comes from git tags (${layout.reason}), so no file holds it; tag the release with git instead, or configure the sources in .heimdallrc.json`,
    );
}
