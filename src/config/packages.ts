// The workspace's configuration, declared once: `packages` (each its path, name, sources and tag
// template) and `groups` (packages that share one version). What needs the packages' names (a
// group naming an unknown package, templates that read the same tag) is judged once they are known (workspace/resolve.ts).
import { list, object, oneOf, strings, text } from './fields.js';
import { outsideRoot, SOURCE } from './source.js';
import { refPrefixProblem } from '../git/ref-name.js';

/** The group policies: "fixed" is one version for every member (changesets' fixed groups). */
export const GROUP_POLICIES = ['fixed'] as const;

/** Why a tag template cannot be one, or undefined: {version} ends it, {name} may be in it, the rest follows git's rules for ref names. */
export function templateProblem(template: string): string | undefined {
  if (!template.endsWith('{version}')) return 'must end with {version}, e.g. "{name}-v{version}"';
  const prefix = template.slice(0, -'{version}'.length);
  if (prefix.includes('{version}')) return 'must hold {version} once';
  const unknown = /\{(?!name\})[^}]*\}/.exec(prefix);
  if (unknown) return `knows only {name} and {version}, not ${unknown[0]}`;
  const problem = refPrefixProblem(prefix.replaceAll('{name}', 'x'));
  return problem && `with the name filled in, ${problem}`;
}

const PACKAGE = object({
  path: text({ check: (p) => outsideRoot(p), transform: (p) => p.replace(/\\/g, '/').replace(/^\.\/?|\/+$/g, '') })
    .required()
    .describe('The package\'s directory, relative to the workspace root ("." for the root itself).'),
  name: text().describe(
    'The name --package and groups use, and {name} in its tag template; default: its distribution name ([project] name, package.json name).',
  ),
  sources: list(SOURCE, { minItems: 1, message: 'must be a non-empty array of sources' }).describe(
    "The package's version sources, relative to its directory; default: those its build backend declares (as with no configuration).",
  ),
  tags: object({
    template: text({ check: templateProblem }).describe(
      'Its version tags: "{name}-v{version}" (the default), "{name}@{version}", "{name}=={version}", "{name}_{version}", or "v{version}" for every member of a fixed group.',
    ),
  }),
});

const GROUP = object({
  name: text().required().describe('The name --group uses.'),
  packages: strings({ minItems: 1, message: 'must be a non-empty array of package names or paths' }).required(),
  policy: oneOf(GROUP_POLICIES).default('fixed').describe('"fixed": every member has one version.'),
});

export const PACKAGES = list(PACKAGE, { minItems: 1, message: 'must be a non-empty array of packages' }).describe(
  "The packages of a workspace, each checked by its own sources and tags; default: a uv workspace's members ([tool.uv.workspace]) or package.json's workspaces.",
);

export const GROUPS = list(GROUP, { message: 'must be an array of groups' }).describe('Packages that share one version (policy "fixed").');
