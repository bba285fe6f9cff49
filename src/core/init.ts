// init as a use case: the layout's sources, other tools' configurations and what the source kinds
// detect, decided (config/imports/plan.ts), then written to .heimdallrc.json; what it found, imported,
// could not carry and wrote is told as events and returned.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { LoadedConfig, SourceConfig } from '../config/types.js';
import { UserError } from './errors.js';
import { kindOf, SOURCE_KINDS } from '../sources/index.js';
import { detectLayout } from '../config/layout.js';
import { loadConfig, rootFileReader } from '../config/load.js';
import { JSON_RC, PACKAGE_KEY, placesIn, readCandidateText } from '../config/places.js';
import { planInit } from '../config/imports/plan.js';
import { readToolConfigs } from '../config/imports/tools.js';
import { PYPROJECT, pyprojectTable, TABLE } from '../config/pyproject.js';
import type { DetectContext, Detected } from '../sources/kind.js';
import { findGitTop } from '../git/workspace.js';
import { leadingShort } from '../version/short.js';
import { defaultPolicyWords, distributionName, policyFor, projectFiles, schemaReference, tagPrefix } from './init-project.js';
import { createWhole, replaceWhole, shownPath } from './whole-files.js';
import { proposeWorkspace, repositoryTags, type WorkspaceProposal } from './init-workspace.js';

const TARGET = JSON_RC;

export interface InitOptions {
  cwd?: string;
  /** Files found but left out (a subpackage's version, a README pin) to configure anyway. */
  include?: string[];
  /** Replace an existing .heimdallrc.json. */
  force?: boolean;
  /** This package's own schema file, the $schema written when the project has none in node_modules. */
  ownSchema?: string;
  onEvent?: (event: InitEvent) => void;
}

/** One source init considered: configured (`kept`) or left out, and why. */
export interface InitCandidate {
  source: SourceConfig;
  /** What the version is looked for under (key, variable, pattern). */
  label: string;
  value?: string;
  /** The distribution a runtime lookup names. */
  lookup?: string;
  kept: boolean;
  why: string;
  /** A kept source that disagrees with the primary now: check will report it. */
  drift?: { primary: string; short: boolean };
}

export interface InitConfig {
  $schema?: string;
  sources: SourceConfig[];
  versioning?: string;
  tags: { prefix: string };
  rules?: Record<string, string>;
  bump?: { message?: string; tagMessage?: string };
}

export type InitEvent =
  | { type: 'from-tags'; reason: string }
  | { type: 'found'; candidates: InitCandidate[] }
  | { type: 'imported'; tool: string; from: string }
  /** At a workspace root: the members, their tag templates and the fixed groups proposed, written to `file`. */
  | { type: 'workspace'; file: string; proposal: WorkspaceProposal }
  | { type: 'untranslated'; notes: string[] }
  | {
      type: 'written';
      file: string;
      config: InitConfig;
      primaryValue?: string /** Why another versioning policy: the default's words. */;
      defaultPolicy: string;
    };

export interface InitResult {
  /** The file written (absolute), or undefined when the version comes from tags and nothing was. */
  file?: string;
  config?: InitConfig;
  /** Why nothing was written: the version comes from git tags (the layout's reason). */
  fromTags?: string;
  candidates: InitCandidate[];
  imported: { tool: string; from: string }[];
  /** What could not be carried over, or was left out, in words. */
  untranslated: string[];
  /** At a workspace root: what was proposed and written. */
  workspace?: WorkspaceProposal;
}

export async function init(options: InitOptions = {}): Promise<InitResult> {
  const emit = options.onEvent ?? (() => {});
  const root = await projectRoot(options.cwd, options.force ?? false);
  const target = path.join(root, TARGET);
  refuseSecondConfiguration(root);
  if (existsSync(target) && !options.force) throw new UserError(`${target} exists; pass --force to replace it`);
  const atRoot = await loadConfig({ cwd: root }).catch(() => undefined);
  if (atRoot?.workspace && !atRoot.file) return initWorkspace(atRoot, target, schemaReference(root, options.ownSchema), emit);
  const read = rootFileReader(root);
  const layout = detectLayout(read);
  if (layout.fromTags) {
    emit({ type: 'from-tags', reason: layout.reason });
    return { fromTags: layout.reason, candidates: [], imported: [], untranslated: [] };
  }
  const files = projectFiles(root);
  const context: DetectContext = { read, files: () => files };
  const detected = SOURCE_KINDS.flatMap((kind) => (kind.detect?.(context) ?? []) as Detected<SourceConfig>[]);
  const imported = readToolConfigs(read);
  const {
    candidates: planned,
    problems,
    primaryValue,
  } = planInit({ layout, imported, detected, read, files, dist: distributionName(read(PYPROJECT)), include: new Set(options.include) });
  const candidates = planned.map((c): InitCandidate => {
    const short = 'short' in c.source && c.source.short === true;
    const agrees = primaryValue === undefined || c.value === (short ? leadingShort(primaryValue) : primaryValue);
    const drift = c.keep && !c.source.primary && c.value !== undefined && !agrees ? { primary: primaryValue!, short } : undefined;
    return {
      source: c.source,
      label: kindOf(c.source.type).label(c.source as never),
      value: c.value,
      lookup: c.lookup,
      kept: c.keep,
      why: c.why,
      ...(drift ? { drift } : {}),
    };
  });
  emit({ type: 'found', candidates });
  const tools = imported.map((i) => ({ tool: i.tool, from: i.from }));
  for (const t of tools) emit({ type: 'imported', ...t });
  const untranslated = [...problems, ...imported.flatMap((i) => i.untranslated.map((u) => `${i.tool}: ${u}`))];
  if (untranslated.length) emit({ type: 'untranslated', notes: untranslated });

  const primary = candidates.find((c) => c.kept && c.source.primary);
  const versioning = primary && (await policyFor(primary.source, primaryValue));
  const message = imported.find((i) => i.message)?.message;
  const tagMessage = imported.find((i) => i.tagMessage)?.tagMessage;
  const schema = schemaReference(root, options.ownSchema);
  const config: InitConfig = {
    ...(schema ? { $schema: schema } : {}),
    sources: candidates.filter((c) => c.kept).map((c) => c.source),
    ...(versioning ? { versioning } : {}),
    tags: { prefix: imported.find((i) => i.tagPrefix !== undefined)?.tagPrefix ?? (await tagPrefix(root)) },
    // A changelog that exists is kept in step: the rule is off unless a configuration turns it on.
    ...(read('CHANGELOG.md') !== undefined ? { rules: { 'changelog-entry': 'error' } } : {}),
    ...(message || tagMessage ? { bump: { ...(message ? { message } : {}), ...(tagMessage ? { tagMessage } : {}) } } : {}),
  };
  const text = `${JSON.stringify(config, null, 2)}\n`;
  if (existsSync(target)) replaceWhole(target, text);
  else createWhole(target, text, 0o644);
  emit({ type: 'written', file: target, config, ...(primaryValue !== undefined ? { primaryValue } : {}), defaultPolicy: defaultPolicyWords() });
  return { file: target, config, candidates, imported: tools, untranslated };
}

/** A workspace root: its members, their tag templates and fixed groups, written as packages and groups. */
async function initWorkspace(loaded: LoadedConfig, target: string, schema: string | undefined, emit: (event: InitEvent) => void): Promise<InitResult> {
  const proposal = await proposeWorkspace(loaded, await repositoryTags(loaded.gitTop), schema);
  const text = `${JSON.stringify(proposal.config, null, 2)}\n`;
  if (existsSync(target)) replaceWhole(target, text);
  else createWhole(target, text, 0o644);
  emit({ type: 'workspace', file: target, proposal });
  return { file: target, candidates: [], imported: [], untranslated: [], workspace: proposal };
}

/** Where every other command would take the project to be: an existing configuration's directory, else the git top level. */
async function projectRoot(cwd: string | undefined, force: boolean): Promise<string> {
  const start = path.resolve(cwd ?? process.cwd());
  try {
    return (await loadConfig({ cwd: start })).root;
  } catch (e) {
    if (!existsSync(start) || !force) throw e;
    return findGitTop(start) ?? start; // an unusable configuration: --force may replace a .heimdallrc.json, nothing else
  }
}

/** init writes .heimdallrc.json; any other configuration here would be shadowed by it, or make two. */
function refuseSecondConfiguration(root: string): void {
  const others = placesIn(root).flatMap((place) => {
    if (place.place === TARGET) return [];
    if (place.format === 'pyproject') {
      const text = readCandidateText(root, place);
      return text !== undefined && pyprojectTable(text, place.place) ? [`[${TABLE}] in ${PYPROJECT}`] : [];
    }
    if (place.format === 'package') return packageConfigures(readCandidateText(root, place)) ? [`package.json ("${PACKAGE_KEY}")`] : [];
    return [shownPath(place.file)];
  });
  if (others.length)
    throw new UserError(
      `${others.join(' and ')} already ${others.length > 1 ? 'hold' : 'holds'} the configuration; a ${TARGET} beside it would be a second one: edit it, or remove it and run init again`,
    );
}

function packageConfigures(text: string | undefined): boolean {
  try {
    const value: unknown = text === undefined ? undefined : JSON.parse(text);
    return typeof value === 'object' && value !== null && Object.hasOwn(value, PACKAGE_KEY);
  } catch {
    return false;
  }
}
