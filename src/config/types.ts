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

export interface LoadedConfig {
  config: Config;
  /** With no configuration file: the layout recognised, which gave the sources. */
  layout?: Layout;
  /** Absolute path of the project root: where the config is, else the git top level, else the start directory. */
  root: string;
  /** Absolute path of the config file, or undefined when the built-in heimdall-mcp default is used. */
  file?: string;
  /** Absolute path of the git work tree's top level, if inside one. */
  gitTop?: string;
}
