// What a rule is: one module with `meta` (id, description, default severity, messages by id,
// options, what it reads, whether --fix repairs it) and `check`, made with defineRule and
// registered with one line in rules/index.ts. A rule sees one package through a narrow context.
import type { Output, Shape } from '../config/fields.js';
import type { FileText, Package } from '../core/package.js';
import type { VersionTag } from '../version/tags.js';
import type { VersionScheme } from '../version/scheme.js';

export const SEVERITIES = ['error', 'warn', 'off'] as const;
export type Severity = (typeof SEVERITIES)[number];

export type { VersionTag };

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
      /** A workspace package whose tag template reads none of the repository's tags (it has some). */
      unmatched?: { template: string; tags: number };
    };

/** A package of the workspace as its siblings' rules see it. */
export interface SiblingFacts {
  name: string;
  /** Its directory relative to the workspace root ('' for the root). */
  path: string;
  kind: 'python' | 'npm';
  distribution?: string;
  version?: string;
  scheme: VersionScheme;
  /** Its primary source, relative to its directory, and where the version is in it. */
  primary: { file: string; line?: number; column?: number };
}

/** Packages tied by a policy ("fixed": one version), by name. */
export interface GroupFacts {
  name: string;
  policy: string;
  packages: string[];
}

/** The workspace around the package a rule checks: every package loaded (itself included) and the groups. */
export interface WorkspaceFacts {
  packages: SiblingFacts[];
  groups: GroupFacts[];
}

/** What a rule sees of the package it checks: no configuration, no file system. */
export type PackageFacts = Pick<Package, 'name' | 'sources' | 'primary' | 'version' | 'scheme' | 'versioning' | 'distribution' | 'layout'>;

export interface RuleContext extends PackageFacts {
  /** In a workspace: its packages (itself among them, by name) and groups; absent for a project of one package. */
  workspace?: WorkspaceFacts;
  tags: TagState;
  /** The version is being released now (release's check), not merely checked. */
  releasing: boolean;
  /** A file the rule declared in `meta.reads`, read with the sources (from the work tree or the index). */
  read(file: string): FileText;
}

/** Values a message is made of: `{name}` in a message template is replaced by data.name. */
export type MessageData = Record<string, string | number>;

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

/** A report made into words at its severity: what the engine returns. */
export interface Finding<R extends string = string> {
  rule: R;
  severity: 'error' | 'warn';
  /** Stable across releases, unlike the words: what json consumers should match on. */
  messageId: string;
  message: string;
  data?: MessageData;
  file?: string;
  line?: number;
  column?: number;
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
  /** Options that name a file the rule reads (relative to the package root); read only while the rule is on. */
  reads?: readonly (keyof S & string)[];
  /** `check --fix` repairs what it reports (sets the literal to its source's spelling of the primary version). */
  fixable?: boolean;
  /**
   * Files it reads that the project's own declarations name (the modules [project.scripts] run, the README
   * [project] readme names), found from the files read so far (`read` gives undefined for one not read or
   * absent); asked again after each batch until it names no new file. Read only while the rule is on.
   */
  discover?(read: (file: string) => string | undefined): string[];
  /** Loads what `check` needs for the files it discovered (a parser), before it runs. */
  prepare?(files: string[]): Promise<void>;
}

export interface Rule<Id extends string = string, M extends string = string, S extends Shape = Shape> {
  meta: RuleMeta<Id, M, S>;
  check(context: RuleContext, options: Output<S>): Report<M>[];
}

/** Declares a rule, its message ids and option types inferred from its meta. */
export const defineRule = <const Id extends string, M extends string, S extends Shape = Record<never, never>>(rule: Rule<Id, M, S>): Rule<Id, M, S> => rule;
