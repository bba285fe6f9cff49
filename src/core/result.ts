// What a check finds, as the reports (src/report/) and the API consumers see it: plain data.
import type { RuleId } from '../rules/index.js';
import type { Finding } from '../rules/types.js';
import type { LoadedSource } from './package.js';

export type { MessageData } from '../rules/types.js';

/** One finding of one rule, in words, at its severity; `messageId` and `data` are what json consumers should match on. */
export type Diagnostic = Finding<RuleId> & {
  /** In a workspace: the package it is about (its file is relative to the workspace root). */
  package?: string;
};

export interface SourceSummary {
  /** In a workspace: the package the source belongs to. */
  package?: string;
  name: string;
  file: string;
  primary: boolean;
  version: string | null;
  line: number | null;
  column: number | null;
  /** A source that states the version in several named places (server.json, an MCPB manifest): each of them. */
  fields?: { label: string; version: string; line: number; column: number }[];
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
  /** In a workspace: each package checked, with its verdict. */
  packages?: PackageSummary[];
  /** In a workspace: its groups. */
  groups?: { name: string; policy: string; packages: string[] }[];
}

/** One package of a workspace as the reports show it. */
export interface PackageSummary {
  name: string;
  /** Its directory relative to the workspace root ('' for the root). */
  path: string;
  kind: 'python' | 'npm';
  version: string | null;
  /** How its sources were found (its layout), when no configuration gave them. */
  layout?: { id: string; reason: string; fromTags?: string };
  /** Its version tags' template. */
  tagTemplate?: string;
  errors: number;
  warnings: number;
}

/** A loaded source as the result lists it: where its version is, and each place when it states it in several (server.json). */
export function sourceSummary(s: LoadedSource): Omit<SourceSummary, 'package'> {
  return {
    name: s.name,
    file: s.file,
    primary: s.primary,
    version: s.hits[0]?.value ?? null,
    line: s.hits[0]?.line ?? null,
    column: s.hits[0]?.column ?? null,
    ...(s.hits.some((h) => h.label) ? { fields: s.hits.map((h) => ({ label: h.label ?? s.label, version: h.value, line: h.line, column: h.column })) } : {}),
  };
}
