import type { RuleId, Severity } from '../config/types.js';
import type { Project } from '../core/project.js';

export interface VersionTag {
  name: string;
  version: string;
}

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
}

export interface Report {
  message: string;
  file?: string;
  line?: number;
  column?: number;
  /** Reported as a warning even when the rule is set to error (a doubt, not a finding). */
  warnOnly?: boolean;
}

export interface Rule {
  id: RuleId;
  description: string;
  defaultSeverity: Exclude<Severity, 'off'>;
  check(context: RuleContext): Report[];
}

export interface Diagnostic {
  rule: RuleId;
  severity: 'error' | 'warn';
  message: string;
  file?: string;
  line?: number;
  column?: number;
}
