// The configuration, declared once: its TypeScript types (types.ts), its validation, its defaults
// and the JSON Schema shipped for editors (scripts/build.mjs writes schema/heimdallrc.schema.json).
import { flag, isObj, kind, list, number, object, strings, text, type Infer, type Json } from './fields.js';
import { versioningSetting } from './versioning.js';
import { ruleSettings } from './rules.js';
import { RULES } from '../rules/index.js';
import { outsideRoot, SOURCE } from './source.js';
import { GROUPS, PACKAGES } from './packages.js';
import { branchProblem, refPrefixProblem, remoteProblem } from '../git/ref-name.js';
import type { SourceConfig } from '../sources/index.js';
import type { Rule } from '../rules/types.js';

export { outsideRoot } from './source.js';

/** The sources of a configuration file that names none (zero configuration reads the layout instead, see layout.ts). */
export const HEIMDALL_SOURCES: SourceConfig[] = [
  { file: 'pyproject.toml', type: 'toml', key: 'project.version', primary: true },
  { file: 'cognitive_memory/core/version.py', type: 'python' },
];

const argv = () => strings({ minItems: 1, message: 'must be a non-empty array of non-empty strings (an argv, run without a shell)' });
const url = () => text({ pattern: ['^https?://', 'must be an http(s) URL'] });
/** The interpreter that `[python, "-m", "build", …]` names, if the build command is one. */
const namedByBuild = (build: unknown) =>
  Array.isArray(build) && build[1] === '-m' && build[2] === 'build' && typeof build[0] === 'string' ? build[0] : undefined;

/** The release interpreter: release.python, else the one the configured build command names, else python3. */
export const releaseInterpreter = (release: { python?: unknown; build?: unknown }): string =>
  typeof release.python === 'string' ? release.python : (namedByBuild(release.build) ?? 'python3');

export const CONFIG = object({
  $schema: text({ allowEmpty: true }),
  sources: list(SOURCE, { minItems: 1, message: 'must be a non-empty array of sources' })
    .default(HEIMDALL_SOURCES)
    .describe('Where the version is stated. The primary source (or the first) is the truth the others follow.')
    .refine((sources, at, issue) => {
      const primaries = sources.filter((s) => s.primary).length;
      if (primaries > 1) issue(at, `only one source may be primary (${primaries} are)`);
      const primary = sources.find((s) => s.primary) ?? sources[0];
      if (primary && 'short' in primary && primary.short)
        issue(
          at,
          `${primary.file}: a source with "short": true states only X.Y and cannot be the primary source; make the source with the whole version primary`,
        );
    }),
  versioning: versioningSetting(),
  tags: object({
    prefix: text({ allowEmpty: true, check: refPrefixProblem })
      .default('v')
      .describe(
        'Version tags are <prefix><version>, e.g. v0.2.0. The prefix follows git\'s rules for ref names (no space, "..", "*", "?", "[", "~", "^", ":", "\\", "@{" or control characters) and may not start with "-".',
      ),
  }),
  packages: PACKAGES.refine((packages, at, issue) => {
    const seen = new Map<string, number>();
    packages.forEach((p, i) => {
      const first = seen.get(p.path);
      if (first !== undefined) issue(`${at}[${i}].path`, `"${p.path || '.'}" is packages[${first}] already`);
      else seen.set(p.path, i);
    });
  }),
  groups: GROUPS.refine((groups, at, issue) => {
    const seen = new Map<string, number>();
    groups.forEach((g, i) => {
      const first = seen.get(g.name);
      if (first !== undefined) issue(`${at}[${i}].name`, `"${g.name}" is the name of groups[${first}] already`);
      else seen.set(g.name, i);
    });
  }),
  rules: ruleSettings(RULES as unknown as Rule[]).describe(
    'Severity per rule, ESLint style: "error", "warn" or "off", or [severity, options] for a rule with options.',
  ),
  bump: object({
    message: text()
      .default('Bump version: {old} → {new}')
      .describe('Commit message of bump --commit; {old} and {new} are replaced, and in a workspace {name} (the package or group bumped).'),
    tagMessage: text().default('Release {tag}').describe('Message of the annotated tag; {old}, {new} and {tag} are replaced, and in a workspace {name}.'),
  }),
  release: object({
    python: text().describe(
      'The interpreter that has build and twine (Debian: /usr/bin/python3); default: the interpreter release.build names (["/opt/py/bin/python", "-m", "build"]), else python3.',
    ),
    validate: argv().describe('Optional command run before the build, e.g. ["python3", "-c", "import cognitive_memory, heimdall"].'),
    isolation: flag()
      .default(true)
      .describe(
        'false: python -m build --no-isolation, with the build backend installed in release.python (offline, or for a twine that cannot read a newer Metadata-Version).',
      ),
    build: argv()
      .default((r) => [releaseInterpreter(r), '-m', 'build'])
      .describe('A command as an argv array, run without a shell.'),
    check: argv()
      .default((r) => [releaseInterpreter(r), '-m', 'twine', 'check'])
      .describe('A command as an argv array, run without a shell.'),
    upload: argv()
      .default((r) => [releaseInterpreter(r), '-m', 'twine', 'upload'])
      .describe('A command as an argv array, run without a shell.'),
    repositories: object({
      testpypi: url().default('https://test.pypi.org/legacy/'),
      pypi: url().default('https://upload.pypi.org/legacy/'),
    }),
    clean: strings({ message: 'must be an array of non-empty strings', each: outsideRoot })
      .default(['build', 'dist', '*.egg-info'])
      .describe('Paths or globs inside the project root removed before the build.'),
    smoke: list(argv(), { message: 'must be an array of commands, each an argv array, e.g. [["heimdall", "--help"]]' }).describe(
      'Commands run inside the throwaway environment after installing the wheel with its dependencies, e.g. [["heimdall", "--help"]]; the exit code decides.',
    ),
    indexes: object({
      testpypi: url().default('https://test.pypi.org/simple/'),
      pypi: url().default('https://pypi.org/simple/'),
    }).describe('Package indexes (simple API) to install from: after --test-upload from testpypi, with pypi for the dependencies.'),
    mcp: object({
      probe: flag()
        .default(true)
        .describe(
          'false: no "announced version" gate. With true (the default) the gate runs when the project is an MCP server: release.mcp.command is set, a [project.scripts] entry has "mcp" in its name, or manifest.json (MCPB) or server.json exists.',
        ),
      command: argv().describe(
        'The MCP server, started over stdio in the throwaway environment (its bin/ first on PATH) to ask the version it announces, e.g. ["heimdall-mcp"]; default: the single [project.scripts] entry with "mcp" in its name, else manifest.json\'s server.mcp_config.',
      ),
      timeout: number({ min: 1, max: 600 })
        .default(20)
        .describe('Seconds one probe of the server may take, from its start to its answer; then everything it started is stopped.'),
      publish: argv().describe(
        'Run after a successful upload to PyPI, once the index serves the version, e.g. ["mcp-publisher", "publish"]; never run unless configured.',
      ),
    }).describe('MCP servers: the version the server announces (initialize / server/discover), and the MCP Registry.'),
    branch: text({ check: branchProblem }).describe('Releases are made only from this branch.'),
    remote: text({ check: remoteProblem }).default('origin').describe('Where --push sends the tag.'),
  }),
});

const LOADING_KEYS = ['$import', 'extends'];

/** Returns the config, or the list of problems ("sources[1].type: must be one of …"). */
export function validateConfig(raw: unknown): { config: Infer<typeof CONFIG> } | { problems: string[] } {
  if (!isObj(raw)) return { problems: [`the configuration must be an object, not ${kind(raw)}`] };
  const problems: string[] = [];
  // Keys other tools use to load more configuration, or code: said plainly, not as a mere unknown key.
  const own = { ...raw };
  for (const key of LOADING_KEYS)
    if (Object.hasOwn(own, key)) {
      problems.push(`${key}: a configuration is data: it cannot import or extend another file or run code; write the settings here`);
      delete own[key];
    }
  // A workspace's sources are each package's own: top-level ones would belong to no package.
  if (Object.hasOwn(own, 'packages') && Object.hasOwn(own, 'sources'))
    problems.push('sources: with packages, each package gives its own sources (packages[i].sources); move these to the package they belong to');
  const config = CONFIG.parse(own, '', (where, what) => problems.push(`${where}: ${what}`));
  return problems.length || !config ? { problems } : { config };
}

/** The JSON Schema of .heimdallrc.json, as shipped in schema/heimdallrc.schema.json. */
export function configJsonSchema(): Json {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://unpkg.com/heimdall-version/schema/heimdallrc.schema.json',
    title: 'heimdall-version configuration (.heimdallrc.json)',
    ...CONFIG.jsonSchema(),
  };
}
