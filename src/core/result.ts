// What a check finds, as the reports (src/report/) and the API consumers see it: plain data.
import type { RuleId } from '../rules/index.js';
import type { Finding } from '../rules/types.js';

export type { MessageData } from '../rules/types.js';

/** One finding of one rule, in words, at its severity; `messageId` and `data` are what json consumers should match on. */
export type Diagnostic = Finding<RuleId>;

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
  /** The rules that ran (those not off), so a report says only what was checked. */
  rules?: string[];
}
