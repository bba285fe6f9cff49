// What an audit finds, as its reports (stylish, json, sarif, html) and API consumers see it: plain
// data. Findings over past releases are check's rule findings plus the audit's own, made into words
// in one place (auditFinding) from a message id and its data.
import type { Finding, MessageData } from '../rules/types.js';
import { formatMessage } from '../rules/index.js';
import type { ConfigOrigin } from '../history/config-at.js';
import type { SourceAt } from '../history/judge.js';

export type { ConfigOrigin, SourceAt };

/** The audit's own findings: id → default severity and words. */
export const AUDIT_FINDINGS = {
  'tag-differs': { severity: 'error', message: 'tag {tag} names {tagVersion} but {file} at its commit says {version}' },
  'tags-disagree': { severity: 'error', message: 'commit {commit} carries tags of different versions: {tags}' },
  'off-branch': { severity: 'warn', message: 'tag {tag} is not on the history of {branch}' },
  unreadable: { severity: 'warn', message: '{what} could not be read: {why}' },
  gap: { severity: 'warn', message: '{from} → {to} skips a version (after {from} comes {expected})' },
  backwards: { severity: 'error', message: 'the version went backwards on {branch}: {from} → {to} at commit {commit}' },
  untagged: { severity: 'warn', message: 'the version changed to {version} at commit {commit} and no tag names it' },
  'served-untagged': { severity: 'warn', message: 'the index serves {version} but no tag names it' },
  'tag-not-served': { severity: 'warn', message: 'tag {tag} names {version}, which the index does not serve' },
  yanked: { severity: 'warn', message: '{file} ({version}) is yanked on the index{reason}' },
} as const satisfies Record<string, { severity: 'error' | 'warn'; message: string }>;

export type AuditFindingId = keyof typeof AUDIT_FINDINGS;

export interface AuditFinding extends Finding {
  /** The drift window this finding belongs to (an index into windows), when consecutive releases share it. */
  window?: number;
}

/** An audit finding in words, at its default severity. */
export function auditFinding(id: AuditFindingId, data: MessageData, where: { file?: string } = {}): AuditFinding {
  const { severity, message } = AUDIT_FINDINGS[id];
  return { rule: id, severity, messageId: id, message: formatMessage(message, data), data, ...where };
}

export interface AuditRelease {
  /** Its place in `releases` (ordered by version). */
  id: number;
  /** The version tag, or null for a version change no tag names (history mode). */
  tag: string | null;
  annotated?: boolean;
  /** The tag's version (in the package's scheme), else the version the files state. */
  version: string;
  commit: string;
  /** Committer date, ISO 8601. */
  date: string | null;
  /** HEAD reaches it; null when a shallow clone cannot tell. */
  reachable: boolean | null;
  /** Inside the range asked (--since); findings outside it do not decide the exit code. */
  inRange: boolean;
  /** The primary source's version at the commit. */
  filesVersion: string | null;
  sources: SourceAt[];
  config: ConfigOrigin | null;
  findings: AuditFinding[];
}

/** Consecutive releases sharing one finding: reported once, as a range. */
export interface DriftWindow {
  id: number;
  rule: string;
  messageId: string;
  severity: 'error' | 'warn';
  file?: string;
  /** Short words: "cognitive_memory/core/version.py reports 0.1.0 at run time". */
  summary: string;
  /** The first release's finding in full. */
  message: string;
  /** Release ids, first and last (inclusive), and how many releases it spans. */
  from: number;
  to: number;
  releases: number;
}

/** A finding about the sequence or the index rather than one release. */
export interface SequenceFinding extends AuditFinding {
  /** The release it concerns, if any. */
  release?: number;
  commit?: string;
  version?: string;
  inRange: boolean;
}

export interface AuditResult {
  ok: boolean;
  /** tags: every version tag is a release; history: every first-parent commit where the primary version changed is one too (few tags). */
  mode: 'tags' | 'history';
  modeReason: string;
  package: string;
  distribution: string | null;
  /** Absolute path of the package's directory. */
  root: string;
  tagPrefix: string;
  branch: string | null;
  since: string | null;
  history: {
    /** First-parent commits read. */
    commits: number;
    /** False in a shallow clone: what lies beyond was not read, and nothing is guessed about it. */
    complete: boolean;
    notes: string[];
  };
  /** The sources seen over the releases, by file, in order of first appearance. */
  sources: string[];
  releases: AuditRelease[];
  windows: DriftWindow[];
  findings: SequenceFinding[];
  index: { url: string; versions: string[] } | null;
}

export type AuditEvent = { type: 'started'; tags: number; commits: number } | { type: 'read'; done: number; total: number } | { type: 'index'; url: string };
