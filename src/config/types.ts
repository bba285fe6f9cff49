import type { SourceOptions, SourceType } from '../sources/types.js';

export type Severity = 'error' | 'warn' | 'off';

export const RULE_IDS = [
  'source-missing',
  'invalid-semver',
  'version-mismatch',
  'tag-mismatch',
  'tag-ahead',
  'runtime-lookup',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export interface SourceConfig extends SourceOptions {
  file: string;
  type: SourceType;
  primary?: boolean;
  /** Shown in reports; defaults to the file's base name without extension. */
  name?: string;
}

export interface ReleaseConfig {
  python: string;
  validate?: string[];
  build: string[];
  check: string[];
  upload: string[];
  repositories: { testpypi: string; pypi: string };
  clean: string[];
  branch?: string;
  remote: string;
}

export interface BumpConfig {
  /** Commit message; {old} and {new} are replaced. */
  message: string;
  /** Annotated tag message; {old}, {new} and {tag} are replaced. */
  tagMessage: string;
}

export interface Config {
  sources: SourceConfig[];
  tags: { prefix: string };
  rules: Partial<Record<RuleId, Severity>>;
  bump: BumpConfig;
  release: ReleaseConfig;
}

export interface LoadedConfig {
  config: Config;
  /** Absolute path of the project root: where the config is, else the git top level, else the start directory. */
  root: string;
  /** Absolute path of the config file, or undefined when the built-in heimdall-mcp default is used. */
  file?: string;
  /** Absolute path of the git work tree's top level, if inside one. */
  gitTop?: string;
}
