// The programmatic API.
export { check, type CheckOptions, type CheckResult, type SourceSummary } from './core/inspect.js';
export { loadConfig, type LoadConfigOptions } from './config/load.js';
export { validateConfig } from './config/schema.js';
export type { Config, LoadedConfig, SourceConfig, RuleId, Severity } from './config/types.js';
export type { Diagnostic } from './rules/types.js';
export { RULES } from './rules/index.js';
export { UserError } from './core/errors.js';
export { VERSION } from './core/tool-version.js';
