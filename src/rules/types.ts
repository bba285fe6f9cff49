// What a rule is: one module with `meta` (id, description, default severity, messages by id,
// options) and `check`, made with defineRule and registered with one line in rules/index.ts.
import type { Output, Shape } from '../config/fields.js';
import type { Project } from '../core/project.js';
import type { MessageData } from '../core/result.js';

export const SEVERITIES = ['error', 'warn', 'off'] as const;
export type Severity = (typeof SEVERITIES)[number];

export type { VersionTag } from '../version/tags.js';
import type { VersionTag } from '../version/tags.js';

export type TagState =
  | { available: false; reason: string }
  | {
      available: true;
      /** The newest version tag reachable from HEAD. */
      newest?: VersionTag;
      /** Version tags on HEAD itself. */
      headTags: VersionTag[];
      shallow: boolean;
      /** The source files differ from HEAD's (the work tree or index is ahead of HEAD's tags). */
      changedSinceHead: boolean;
      /** Checking what is staged: the next commit, which carries no tag yet. */
      staged: boolean;
    };

export interface RuleContext {
  project: Project;
  tags: TagState;
  /** The version is being released now (release's check), not merely checked. */
  releasing?: boolean;
}


/** What a rule finds: a message id and its data; the engine turns them into words. */
export interface Report<M extends string = string> {
  messageId: M;
  data?: MessageData;
  file?: string;
  line?: number;
  column?: number;
  /** Reported as a warning even when the rule is set to error (a doubt, not a finding). */
  warnOnly?: boolean;
}

export interface RuleMeta<Id extends string, M extends string, S extends Shape> {
  id: Id;
  /** One line: what holds when the rule is satisfied. */
  description: string;
  /** 'off': the rule runs only where the configuration turns it on. */
  defaultSeverity: Severity;
  /** Message templates by id, with `{name}` placeholders for the report's data. */
  messages: Record<M, string>;
  /** Its options, set in the configuration as `"<id>": ["error", { … }]`; each may have a default. */
  options: S;
}

export interface Rule<Id extends string = string, M extends string = string, S extends Shape = Shape> {
  meta: RuleMeta<Id, M, S>;
  check(context: RuleContext, options: Output<S>): Report<M>[];
}

/** Declares a rule, its message ids and option types inferred from its meta. */
export const defineRule = <const Id extends string, M extends string, S extends Shape = Record<never, never>>(rule: Rule<Id, M, S>): Rule<Id, M, S> => rule;

export type { Diagnostic } from '../core/result.js';
