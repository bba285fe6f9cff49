// The configuration's types, derived from its one declaration in schema.ts.
import type { Infer } from './fields.js';
import type { CONFIG } from './schema.js';

export type { RuleId } from '../rules/index.js';
export type { Severity } from '../rules/types.js';

export type Config = Infer<typeof CONFIG>;
/** Which versions the project allows: a registered scheme's name, or [name, options] (src/version/schemes.ts). */
export type Versioning = Config['versioning'];
export type SourceConfig = Config['sources'][number];
export type ReleaseConfig = Config['release'];
export type BumpConfig = Config['bump'];

/** Zero configuration: the sources the build backend's declaration gives (detected in layout.ts). */
export interface Layout {
  /** What was recognised, e.g. "hatch-path", "setuptools-attr", "setuptools-scm". */
  id: string;
  /** Why: the declaration that decided it, as the user wrote it. */
  reason: string;
  /** The version comes from git tags (the tool named): no file holds it. */
  fromTags?: string;
  sources: SourceConfig[];
}

/** One package of a workspace, as configured or declared: where it is, what it is called, its sources and tags. */
export interface PackageDecl {
  /** Its directory, relative to the workspace root, '/'-separated; '' is the root itself. */
  path: string;
  /** What --package and groups call it, and {name} in its tag template. */
  name: string;
  /** A Python package, or an npm member of a polyglot workspace (its package.json "version"). */
  kind: 'python' | 'npm';
  /** Relative to its directory. */
  sources: SourceConfig[];
  /** With no sources configured: the layout its build backend declares. */
  layout?: Layout;
  /** Its version tags' template ("{name}-v{version}") and the prefix it gives (the template, name filled in, before {version}). */
  tags: { template: string; prefix: string };
  /** Where it was declared: "packages[2]" in the configuration, or the workspace declaration ("[tool.uv.workspace] in pyproject.toml"). */
  from: string;
}

/** Packages tied by a policy: "fixed", one version for every member. */
export interface GroupDecl {
  name: string;
  policy: 'fixed';
  /** The members' package names, in the order given. */
  packages: string[];
}

/** Every package of a repository and its groups, when it holds more than the one package of its root. */
export interface WorkspaceDecl {
  /** Why these packages: the configuration's packages, or the workspace declaration. */
  reason: string;
  packages: PackageDecl[];
  groups: GroupDecl[];
}

export interface LoadedConfig {
  /** A workspace: its packages and groups (then config.sources is unused: each package has its own). */
  workspace?: WorkspaceDecl;
  config: Config;
  /** With no configuration file: the layout recognised, which gave the sources. */
  layout?: Layout;
  /** Absolute path of the project root: where the config is, else the git top level, else the start directory. */
  root: string;
  /** Absolute path of the config file, or undefined when the built-in heimdall-mcp default is used. */
  file?: string;
  /** A member of a workspace loaded as a project of its own: the workspace root (absolute). */
  workspaceRoot?: string;
  /** Absolute path of the git work tree's top level, if inside one. */
  gitTop?: string;
}
