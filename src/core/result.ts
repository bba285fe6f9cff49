// What a check finds, as the reports (src/report/) and the API consumers see it: plain data.
import type { RuleId } from '../rules/index.js';

/** Values a message is made of: `{name}` in a message template is replaced by data.name. */
export type MessageData = Record<string, string | number>;

export interface Diagnostic {
  rule: RuleId;
  severity: 'error' | 'warn';
  /** Stable across releases, unlike the words: what json consumers should match on. */
  messageId: string;
  message: string;
  data?: MessageData;
  file?: string;
  line?: number;
  column?: number;
}

export interface SourceSummary {
  name: string;
  file: string;
  primary: boolean;
  version: string | null;
  line: number | null;
  column: number | null;
}

export interface CheckResult {
  ok: boolean;
  /** With no configuration file: the layout recognised and why. */
  layout?: { id: string; reason: string; fromTags?: string };
  version: string | null;
  root: string;
  sources: SourceSummary[];
  diagnostics: Diagnostic[];
}
