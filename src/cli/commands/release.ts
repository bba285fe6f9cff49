// release: parses the flags, runs the release use case and renders its events; --dry-run prints its plan.
import { defineCommand, type CommandValues, type Flags, type Io } from '../command.js';
import { UserError } from '../../core/errors.js';
import { release, type Mode } from '../../core/release.js';
import { releaseGroup } from '../../core/release-group.js';
import { renderGroupRelease } from '../render-group.js';
import { formatStylish } from '../../report/stylish.js';
import { interruptions, planText, renderSteps } from '../render-steps.js';

const MODES: Mode[] = ['no-upload', 'test-upload', 'upload'];

const RELEASE_FLAGS = {
  package: {
    type: 'string',
    arg: 'NAME',
    help: 'in a workspace: release this package (its name or path), built in its directory with its own gates and tag',
    example: 'release --package weather-client --no-upload',
  },
  group: {
    type: 'string',
    arg: 'NAME',
    help: "in a workspace: release every package of this fixed group, siblings before dependents, each in its directory with its own gates and tag; every package's gates and build pass before the first upload",
    example: 'release --group sdk --no-upload',
  },
  'no-upload': { type: 'boolean', help: 'gates, build, artifact checks and twine check, without uploading (the default)', example: 'release --no-upload' },
  'test-upload': { type: 'boolean', help: 'also upload to TestPyPI (release.repositories.testpypi); not tagged', example: 'release --test-upload' },
  upload: { type: 'boolean', help: 'upload to PyPI, then tag the release; asks first on a terminal', example: 'release --upload' },
  yes: { type: 'boolean', short: 'y', help: 'do not ask for confirmation before uploading', example: 'release --upload --yes' },
  'dry-run': { type: 'boolean', help: 'print every step a real run takes, in order; run none of them', example: 'release --upload --dry-run' },
  'allow-dirty': { type: 'boolean', help: 'release from a work tree with uncommitted changes', example: 'release --allow-dirty' },
  'require-smoke': {
    type: 'boolean',
    help: 'fail, instead of warning, when the smoke commands cannot run (no index to install dependencies from)',
    example: 'release --require-smoke',
  },
  'require-mcp': {
    type: 'boolean',
    help: 'fail, instead of warning, when the MCP server cannot be asked its version (no index to install its dependencies from)',
    example: 'release --require-mcp',
  },
  push: { type: 'boolean', help: 'after tagging, push the tag to release.remote', example: 'release --upload --push' },
  'no-isolation': {
    type: 'boolean',
    help: 'build with the backend installed in the interpreter (python -m build --no-isolation), as release.isolation: false does',
    example: 'release --no-upload --no-isolation',
  },
  python: {
    type: 'string',
    arg: 'PATH',
    help: 'the Python interpreter that runs build and twine (default: release.python)',
    example: 'release --python /usr/bin/python3',
  },
} as const satisfies Flags;

export const releaseCommand = defineCommand({
  name: 'release',
  summary: 'gate, build, check, upload and tag a release',
  options: RELEASE_FLAGS,
  examples: ['release --dry-run', 'release --no-upload', 'release --test-upload', 'release --upload --push', 'release --group sdk --upload'],
  run: (v, _p, io) => runRelease(v, io),
});

async function runRelease(v: CommandValues<typeof RELEASE_FLAGS>, io: Io): Promise<number> {
  const chosen = MODES.filter((m) => v[m]);
  if (chosen.length > 1) throw new UserError(`choose one of --${MODES.join(', --')}`);
  const mode = chosen[0] ?? 'no-upload';
  if (v.package && v.group) throw new UserError('release takes --package or --group, not both');
  const render = renderSteps(io, io.color && !process.env.CI);
  const signals = interruptions();
  try {
    const options = {
      ...(v.cwd ? { cwd: v.cwd } : {}),
      ...(v.config ? { configFile: v.config } : {}),
      mode,
      dryRun: v['dry-run'],
      allowDirty: v['allow-dirty'],
      push: v.push,
      requireSmoke: v['require-smoke'],
      requireMcp: v['require-mcp'],
      ...(v['no-isolation'] ? { isolation: false } : {}),
      ...(v.python ? { python: v.python } : {}),
      yes: v.yes,
      ...(io.confirm ? { confirm: io.confirm } : {}),
      signal: signals.signal,
      onEvent: render,
    };
    if (v.group) return renderGroupRelease(await releaseGroup({ ...options, group: v.group }), io);
    const result = await release({ ...options, ...(v.package ? { package: v.package } : {}) });
    if (result.dryRun) {
      io.out(`dry run: release ${result.version ?? '(no version)'} would take these steps, in order (none was run):\n${planText(result.plan)}`);
      if (mode !== 'upload') io.out('no tag: only an upload to PyPI is tagged\n');
      if (!result.stopped) return 0;
      if (result.stopped.code === 'check-errors') io.out(formatStylish(result.check, { color: io.color }));
      io.out(`✖ ${result.stopped.step}: ${result.stopped.detail}; ${result.stopped.message}\n`);
      return 1;
    }
    if (result.stopped) throw new UserError(result.stopped.message, 1);
    if (mode === 'no-upload') io.out(`built ${result.version} without uploading (--no-upload)\n`);
    else if (mode === 'test-upload') io.out(`uploaded ${result.version} to TestPyPI; not tagged (only an upload to PyPI is tagged)\n`);
    else io.out(`released ${result.version}\n`);
    return 0;
  } finally {
    render.close();
    signals.release();
  }
}
