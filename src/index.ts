// The programmatic API.
import { RULES as REGISTRY } from './rules/index.js';

export { check, type CheckOptions, type CheckResult, type SourceSummary } from './core/inspect.js';
export { loadConfig, type LoadConfigOptions } from './config/load.js';
export { validateConfig } from './config/schema.js';
export type { Config, LoadedConfig, SourceConfig, RuleId, Severity } from './config/types.js';
export type { Diagnostic } from './core/result.js';

/** Every rule: its meta and check, with id, description and default severity also at the top (as before meta). */
export const RULES = REGISTRY.map((rule) => ({ id: rule.meta.id, description: rule.meta.description, defaultSeverity: rule.meta.defaultSeverity, ...rule }));
export { UserError } from './core/errors.js';
export { VERSION } from './core/tool-version.js';
export { bump } from './core/bump.js';
export { fix } from './core/fix.js';
export { recover } from './core/recover.js';
export type {
  BumpAction,
  BumpEvent,
  BumpOptions,
  BumpPlan,
  BumpResult,
  ChangeOptions,
  Edit,
  FileChange,
  FixEvent,
  FixOptions,
  FixResult,
  NoticeEvent,
  RecoverOptions,
  RecoverResult,
} from './core/change-types.js';
export { init, type InitOptions, type InitResult, type InitEvent, type InitCandidate, type InitConfig } from './core/init.js';
export {
  installHook,
  uninstallHook,
  type HookOptions,
  type HookResult,
  type HookEvent,
  type HookManager,
  type HookOutcome,
  type InstalledBy,
} from './core/hook.js';
export { release, type ReleaseOptions, type ReleaseResult, type Mode } from './core/release.js';
export { verify, type VerifyOptions, type VerifyResult } from './core/verify.js';
export type { RunOptions } from './release/prepare.js';
export type { StepEvent } from './release/events.js';
export type { Clock } from './release/clock.js';
export type { PlannedStep, StepRecord, RunResult } from './release/runner.js';
export type { Status, Stage } from './release/step.js';
