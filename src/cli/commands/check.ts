// check and show as the command line runs them: options in, report out, exit code back.
import { configPlace, defineCommand, type CommandValues, type Flags, type GlobalValues, type Io } from '../command.js';
import { UserError } from '../../core/errors.js';
import { FORMATS, formatResult, type Format } from '../../report/index.js';
import { inertJson } from '../../report/printable.js';
import { loadConfig } from '../../config/load.js';
import { rememberReads } from '../../git/read-once.js';
import { inspect } from '../../core/inspect.js';
import { refuseUnfinished } from '../../change/state.js';
import { packagesOfGroups } from '../../core/groups.js';
import type { LoadedConfig } from '../../config/types.js';
import type { VersionScheme } from '../../version/scheme.js';

const PACKAGE_FLAG = {
  package: {
    type: 'string',
    arg: 'NAME',
    multiple: true,
    help: 'in a workspace: only this package (its name or path; repeatable), with the fixed groups it is in',
    example: 'check --package lib/core',
  },
  group: {
    type: 'string',
    arg: 'NAME',
    multiple: true,
    help: "in a workspace: only this group's packages (repeatable)",
    example: 'check --group sdk',
  },
} as const satisfies Flags;

const CHECK_FLAGS = {
  ...PACKAGE_FLAG,
  staged: {
    type: 'boolean',
    help: 'read the source files from the git index (what the next commit holds), as a pre-commit hook does',
    example: 'check --staged',
  },
  format: { type: 'string', arg: 'FORMAT', help: `the report's format: ${FORMATS.join(', ')}`, example: 'check --format json' },
  fix: { type: 'boolean', help: 'set every drifted version literal to the primary version (not runtime lookups)', example: 'check --fix' },
  'dry-run': { type: 'boolean', help: 'with --fix: print the diff, write nothing', example: 'check --fix --dry-run' },
  'allow-foreign-owner': {
    type: 'boolean',
    help: 'with --fix: write even where a directory on the way belongs to another user or others may write it (they could redirect the writes)',
    example: 'check --fix --allow-foreign-owner',
  },
} as const satisfies Flags;
export type CheckValues = CommandValues<typeof CHECK_FLAGS>;

export const checkCommand = defineCommand({
  name: 'check',
  summary: 'check that every version source agrees (the default command)',
  options: CHECK_FLAGS,
  examples: ['check', 'check --staged', 'check --format github', 'check --fix --dry-run'],
  run: (v, _p, io) => runCheck(v, io),
});

export const showCommand = defineCommand({
  name: 'show',
  summary: 'print the current version (--json: every source)',
  options: {
    json: {
      type: 'boolean',
      help: 'print every source with its version and position, as JSON (in a workspace: its packages and groups too)',
      example: 'show --json',
    },
    ...PACKAGE_FLAG,
  },
  examples: ['show', 'show --json'],
  run: (v, _p, io) => runShow(v, io),
});

const isFormat = (f: string): f is Format => (FORMATS as readonly string[]).includes(f);

async function runCheck(v: CheckValues, io: Io): Promise<number> {
  const format = v.format ?? 'stylish';
  if (!isFormat(format)) throw new UserError(`--format must be one of ${FORMATS.join(', ')}, not "${format}"`);
  // The writing machinery (journal, lock, node:crypto) is loaded only for --fix.
  if (v.fix) return (await import('./fix.js')).runFix(v, format, io);
  if (v['dry-run']) throw new UserError('--dry-run goes with --fix');
  if (v['allow-foreign-owner']) throw new UserError('--allow-foreign-owner goes with --fix');
  // A read command: each file is read from the disk once, however many parts of the run ask for it.
  rememberReads();
  const loaded = await loadConfig(configPlace(v));
  if (!v.staged) await refuseUnfinished(loaded);
  const { result } = await inspect(loaded, v.staged, false, named(loaded, v));
  io.out(formatResult(result, format, io.color));
  return result.ok ? 0 : 1;
}

/** The packages --package and --group name (none: every package). */
const named = (loaded: LoadedConfig, v: { package?: string[]; group?: string[] }) => [...(v.package ?? []), ...packagesOfGroups(loaded, v.group)];

async function runShow(v: GlobalValues & { json: boolean; package?: string[]; group?: string[] }, io: Io): Promise<number> {
  rememberReads();
  const loaded = await loadConfig(configPlace(v));
  await refuseUnfinished(loaded);
  const wanted = named(loaded, v);
  const { project, result } = await inspect(loaded, false, false, wanted);
  if (v.json) {
    const { version, layout, packages, groups, sources } = result;
    const workspace = packages ? { workspace: loaded.workspace!.reason, packages, groups } : {};
    io.out(`${inertJson(JSON.stringify({ version, ...(layout ? { layout } : {}), ...workspace, sources }, null, 2))}\n`);
    return result.version === null && !packages ? 1 : 0;
  }
  if (result.packages) {
    // --package names what to show; check adds the fixed groups it is in, show does not.
    const chosen = wanted.length ? result.packages.filter((p) => wanted.includes(p.name) || wanted.includes(p.path)) : result.packages;
    const versions = new Set(chosen.map((p) => p.version));
    if (versions.size !== 1) {
      const listed = chosen.map((p) => `  ${p.name} ${p.version ?? '(no version)'}`).join('\n');
      throw new UserError(`the packages of this workspace have different versions; name one with --package, or see them all with show --json:\n${listed}`);
    }
    const pkg = project.packages.find((p) => p.name === chosen[0]!.name)!;
    return showVersion(chosen[0]!.version, pkg.scheme, pkg.primary.file, io);
  }
  const primary = result.sources.find((s) => s.primary)?.file;
  if (result.version === null) {
    const why = result.diagnostics.find((d) => d.rule === 'source-missing' && d.file === primary);
    throw new UserError(`no version: ${why?.message ?? 'the primary source has no single version'}`, 1);
  }
  return showVersion(result.version, project.scheme, primary, io);
}

function showVersion(version: string | null, scheme: VersionScheme, primary: string | undefined, io: Io): number {
  if (version === null) throw new UserError(`no version: ${primary ?? 'the primary source'} has no single version`, 1);
  // `VERSION=$(heimdall-version show)` and `>> $GITHUB_ENV` take the output as it is: only a version, on one line.
  if (!scheme.valid(version) || !/^[!-~]+$/.test(version))
    throw new UserError(`no version: ${primary ?? 'the primary source'} states ${JSON.stringify(version)}, which is not a valid ${scheme.title} version`, 1);
  io.out(`${version}\n`);
  return 0;
}
