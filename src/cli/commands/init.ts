// init: find a project's version sources, show them, write .heimdallrc.json.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { defineCommand, type CommandValues, type Flags, type Io } from '../command.js';
import type { SourceConfig } from '../../config/types.js';
import { UserError } from '../../core/errors.js';
import { git } from '../../git/git.js';
import { SOURCE_KINDS } from '../../sources/index.js';
import type { DetectContext, Detected } from '../../sources/kind.js';
import { decodeUtf8 } from '../../core/text.js';
import { findGitTop } from '../../git/workspace.js';

interface Candidate {
  source: SourceConfig;
  value?: string;
  lookup?: string;
}

const SKIP = new Set(['node_modules', 'venv', '.venv', 'env', 'build', 'dist', 'site-packages', '__pycache__', 'tests', 'test', 'docs', 'examples']);
const SCHEMA_URL = 'https://unpkg.com/heimdall-version/schema/heimdallrc.schema.json';

const INIT_FLAGS = {
  include: { type: 'string', arg: 'FILE', multiple: true, help: 'also configure this file that was found but left out (e.g. a README pin)', example: 'init --include README.md' },
  force: { type: 'boolean', help: 'replace an existing .heimdallrc.json', example: 'init --force' },
} as const satisfies Flags;

export const initCommand = defineCommand({
  name: 'init',
  summary: 'detect the version sources and write .heimdallrc.json',
  options: INIT_FLAGS,
  examples: ['init', 'init --include README.md', 'init --force'],
  run: (v, _p, io) => runInit(v, io),
});

async function runInit(v: CommandValues<typeof INIT_FLAGS>, io: Io): Promise<number> {
  const root = path.resolve(v.cwd ?? process.cwd());
  const target = path.join(root, '.heimdallrc.json');
  if (existsSync(target) && !v.force) throw new UserError(`${target} exists; pass --force to replace it`);
  const include = new Set(v.include);
  const found = detect(root);
  const primary = found.find((c) => c.source.primary);
  if (!primary) throw new UserError('found no static version in pyproject.toml or package.json; write .heimdallrc.json by hand (see the README)', 1);

  const chosen: SourceConfig[] = [];
  io.out('found:\n');
  for (const c of found) {
    const agrees = c.source.primary || c.value === primary.value || (c.value === undefined && c.lookup !== undefined) || include.has(c.source.file);
    const what = c.value !== undefined ? c.value : `runtime lookup of "${c.lookup}"`;
    const extra = c.value !== undefined && c.lookup !== undefined ? ` (fallback of a runtime lookup of "${c.lookup}")` : '';
    const keep = agrees || c.lookup !== undefined;
    io.out(`  ${keep ? '✔' : '·'} ${c.source.file}${'key' in c.source ? ` [${c.source.key}]` : 'variable' in c.source ? ` ${c.source.variable}` : ''}: ${what}${extra}${keep ? '' : ` — differs from ${primary.value}, left out (add it with --include ${c.source.file})`}\n`);
    if (keep) chosen.push(c.source);
  }
  const prefix = await tagPrefix(root);
  const schema = existsSync(path.join(root, 'node_modules/heimdall-version/schema/heimdallrc.schema.json'))
    ? './node_modules/heimdall-version/schema/heimdallrc.schema.json'
    : SCHEMA_URL;
  const config = { $schema: schema, sources: chosen, tags: { prefix } };
  writeFileSync(target, JSON.stringify(config, null, 2) + '\n');
  io.out(`  tags: prefix "${prefix}"\nwrote ${path.relative(process.cwd(), target) || target}; run heimdall-version check\n`);
  return 0;
}

/** What every source kind detects, in registry order; the first that may be primary and states a version is. */
function detect(root: string): Candidate[] {
  let files: string[] | undefined;
  const context: DetectContext = { read: (file) => read(path.join(root, file)), files: () => (files ??= projectFiles(root)) };
  const found = SOURCE_KINDS.flatMap((kind) => (kind.detect?.(context) ?? []) as Detected<SourceConfig>[]);
  const primary = found.find((c) => c.mayBePrimary && c.value !== undefined);
  return found.map(({ source, value, lookup, mayBePrimary }) => ({ source: mayBePrimary ? { ...source, primary: primary?.source === source } : source, value, lookup }));
}

/** Files up to three directories deep, sorted, without hidden, dependency, build, test and docs directories. */
function projectFiles(root: string, dir = '', depth = 0): string[] {
  if (depth > 3) return [];
  let entries;
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

async function tagPrefix(root: string): Promise<string> {
  const top = findGitTop(root);
  if (!top) return 'v';
  const tags = (await git(top, ['tag', '--list'])).stdout.split('\n').filter(Boolean);
  const plain = tags.filter((t) => /^\d+\.\d+\.\d+/.test(t)).length;
  const v = tags.filter((t) => /^v\d+\.\d+\.\d+/.test(t)).length;
  return plain > v ? '' : 'v';
}

function read(file: string): string | undefined {
  try {
    const decoded = decodeUtf8(readFileSync(file));
    return 'text' in decoded ? decoded.text : undefined;
  } catch {
    return undefined;
  }
}
