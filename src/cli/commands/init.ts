// init: the layout's sources, other tools' configurations and what the source kinds detect, shown, then
// written to .heimdallrc.json (config/imports/plan.ts decides what is kept).
import { type Dirent, existsSync, readdirSync, realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { defineCommand, type CommandValues, type Flags, type Io } from '../command.js';
import type { SourceConfig } from '../../config/types.js';
import { UserError } from '../../core/errors.js';
import { git } from '../../git/git.js';
import { kindOf, SOURCE_KINDS } from '../../sources/index.js';
import { detectLayout } from '../../config/layout.js';
import { leadingShort } from '../../version/short.js';
import { rootFileReader } from '../../config/load.js';
import { planInit } from '../../config/imports/plan.js';
import { readToolConfigs } from '../../config/imports/tools.js';
import { PYPROJECT, readPyprojectTable, TABLE } from '../../config/pyproject.js';
import { readTomlTree } from '../../sources/toml.js';
import { distributionIn } from '../../core/names.js';
import type { DetectContext, Detected } from '../../sources/kind.js';
import { findGitTop } from '../../git/workspace.js';
import { loadConfig } from '../../config/load.js';
import { DEFAULT_VERSIONING, loadScheme, policyOf, PYTHON_SCHEME, versioningFor } from '../../version/schemes.js';

const SKIP = new Set(['node_modules', 'venv', '.venv', 'env', 'build', 'dist', 'site-packages', '__pycache__', 'tests', 'test', 'docs', 'examples']);

const INIT_FLAGS = {
  include: { type: 'string', arg: 'FILE', multiple: true, help: 'also configure this file that was found but left out (e.g. a README pin)', example: 'init --include README.md' },
  force: { type: 'boolean', help: 'replace an existing .heimdallrc.json', example: 'init --force' },
} as const satisfies Flags;

export const initCommand = defineCommand({
  name: 'init',
  summary: 'detect the version sources (and import bump-my-version, bump2version, tbump, commitizen or bumpver settings), write .heimdallrc.json',
  options: INIT_FLAGS,
  examples: ['init', 'init --include README.md', 'init --force'],
  run: (v, _p, io) => runInit(v, io),
});

/** Where every other command would take the project to be: an existing configuration's directory, else the git top level. */
async function projectRoot(cwd: string | undefined, force: boolean): Promise<string> {
  const start = path.resolve(cwd ?? process.cwd());
  try {
    return (await loadConfig({ cwd: start })).root;
  } catch (e) {
    if (!existsSync(start) || !force) throw e;
    return findGitTop(start) ?? start; // an unusable configuration: --force may replace it
  }
}

async function runInit(v: CommandValues<typeof INIT_FLAGS>, io: Io): Promise<number> {
  const root = await projectRoot(v.cwd, v.force);
  const target = path.join(root, '.heimdallrc.json');
  if (existsSync(target) && !v.force) throw new UserError(`${target} exists; pass --force to replace it`);
  const read = rootFileReader(root);
  if (read(PYPROJECT) !== undefined && readPyprojectTable(path.join(root, PYPROJECT), PYPROJECT))
    throw new UserError(`pyproject.toml already holds the configuration ([${TABLE}]); a .heimdallrc.json beside it would be a second one`);
  const layout = detectLayout(read);
  if (layout.fromTags) {
    io.out(`the version comes from git tags (${layout.reason}): no file holds it, and zero configuration already checks this layout; nothing was written\n`);
    return 0;
  }
  const files = projectFiles(root);
  const context: DetectContext = { read, files: () => files };
  const detected = SOURCE_KINDS.flatMap((kind) => (kind.detect?.(context) ?? []) as Detected<SourceConfig>[]);
  const imported = readToolConfigs(read);
  const dist = distributionName(read(PYPROJECT));
  const { candidates, problems, primaryValue } = planInit({ layout, imported, detected, read, files, dist, include: new Set(v.include) });

  io.out('found:\n');
  for (const c of candidates) {
    const what = c.value ?? (c.lookup !== undefined ? `runtime lookup of "${c.lookup}"` : 'no version');
    const extra = c.value !== undefined && c.lookup !== undefined ? ` (fallback of a runtime lookup of "${c.lookup}")` : '';
    const short = 'short' in c.source && c.source.short;
    const agrees = primaryValue === undefined || c.value === (short ? leadingShort(primaryValue) : primaryValue);
    const drift = c.keep && !c.source.primary && c.value !== undefined && !agrees ? ` — differs from ${primaryValue}${short ? ' (short X.Y form)' : ''}: check will report it` : '';
    io.out(`  ${c.keep ? '✔' : '·'} ${c.source.file} ${kindOf(c.source.type).label(c.source as never)}: ${what}${extra}${drift}${c.keep ? ` (${c.why})` : ` — ${c.why}`}\n`);
  }
  const prefix = imported.find((i) => i.tagPrefix !== undefined)?.tagPrefix ?? (await tagPrefix(root));
  const message = imported.find((i) => i.message)?.message;
  const tagMessage = imported.find((i) => i.tagMessage)?.tagMessage;
  const schema = schemaReference(root);
  const primary = candidates.find((c) => c.keep && c.source.primary);
  const versioning = primary && (await policyFor(primary.source, primaryValue));
  const config = {
    ...(schema ? { $schema: schema } : {}),
    sources: candidates.filter((c) => c.keep).map((c) => c.source),
    ...(versioning ? { versioning } : {}),
    tags: { prefix },
    // A changelog that exists is kept in step: the rule is off unless a configuration turns it on.
    ...(read('CHANGELOG.md') !== undefined ? { rules: { 'changelog-entry': 'error' } } : {}),
    ...(message || tagMessage ? { bump: { ...(message ? { message } : {}), ...(tagMessage ? { tagMessage } : {}) } } : {}),
  };
  for (const i of imported) io.out(`imported ${i.tool} (${i.from})\n`);
  const untranslated = [...problems, ...imported.flatMap((i) => i.untranslated.map((u) => `${i.tool}: ${u}`))];
  if (untranslated.length) io.out(`could not translate:\n${untranslated.map((u) => `  - ${u}\n`).join('')}`);
  writeFileSync(target, `${JSON.stringify(config, null, 2)}\n`);
  if (versioning) io.out(`  versioning: "${versioning}" (${primaryValue} is not ${policyOf(DEFAULT_VERSIONING).words})\n`);
  io.out(`  tags: prefix "${prefix}"\nwrote ${path.relative(process.cwd(), target) || target}; run heimdall-version check\n`);
  return 0;
}

/** Where the schema is for this user: the project's own node_modules, else this package's own file; never a guessed URL. */
function schemaReference(root: string): string | undefined {
  const local = 'node_modules/heimdall-version/schema/heimdallrc.schema.json';
  if (existsSync(path.join(root, local))) return `./${local}`;
  try {
    const own = path.resolve(path.dirname(realpathSync(process.argv[1]!)), '..', 'schema', 'heimdallrc.schema.json');
    return existsSync(own) ? path.relative(root, own).split(path.sep).join('/') : undefined;
  } catch {
    return undefined;
  }
}

function distributionName(pyproject: string | undefined): string | undefined {
  return pyproject === undefined ? undefined : distributionIn(readTomlTree(pyproject));
}

/** Files up to three directories deep, sorted, without hidden, dependency, build, test and docs directories. */
function projectFiles(root: string, dir = '', depth = 0): string[] {
  if (depth > 3) return [];
  let entries: Dirent[];
  try {
    entries = readdirSync(path.join(root, dir), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => {
      const rel = dir ? `${dir}/${e.name}` : e.name;
      if (e.isDirectory()) return e.name.startsWith('.') || SKIP.has(e.name) ? [] : projectFiles(root, rel, depth + 1);
      return [rel];
    });
}

/** The prefix most of the existing version tags share ("v", "release-", "pkg-v", none), else "v". */
async function tagPrefix(root: string): Promise<string> {
  const top = findGitTop(root);
  if (!top) return 'v';
  const tags = (await git(top, ['tag', '--list'])).stdout.split('\n').filter(Boolean);
  const counts = new Map<string, number>();
  for (const t of tags) {
    const m = /^(.*?)\d+\.\d+(?:\.\d+)*(?:[-.+]?[0-9A-Za-z.]+)?$/.exec(t);
    if (m && !/\d$/.test(m[1]!)) counts.set(m[1]!, (counts.get(m[1]!) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length)[0]?.[0] ?? 'v';
}

/** Another versioning policy when the default does not allow the current version (1.0.post1, 2.0 are no SemVer-shaped versions); else none. */
async function policyFor(primary: SourceConfig, value: string | undefined): Promise<string | undefined> {
  const name = kindOf(primary.type).scheme;
  // A file read in the default policy's own scheme is left to it.
  if (value === undefined || name === DEFAULT_VERSIONING) return undefined;
  const meaning = (await loadScheme(name === 'primary' ? PYTHON_SCHEME : name)).parse(value);
  return meaning && !policyOf(DEFAULT_VERSIONING).allows(meaning) ? versioningFor(meaning) : undefined;
}
