// verify: parses the flags, runs the verify use case and renders its events.
import { defineCommand, type CommandValues, type Flags, type Io } from '../command.js';
import { UserError } from '../../core/errors.js';
import { verify } from '../../core/verify.js';
import { interruptions, renderSteps } from '../render-steps.js';

const VERIFY_FLAGS = {
  dist: { type: 'string', arg: 'DIR', help: 'where the wheel and sdist are (default: dist/ in the project)', example: 'verify --dist artifacts/' },
  'index-url': {
    type: 'string',
    arg: 'URL',
    help: 'install <distribution>==<version> from this index (simple API) and check that instead',
    example: 'verify --index-url https://test.pypi.org/simple/',
  },
  'require-smoke': {
    type: 'boolean',
    help: 'fail, instead of warning, when the smoke commands cannot run (no index for the dependencies)',
    example: 'verify --require-smoke',
  },
  'require-mcp': {
    type: 'boolean',
    help: 'fail, instead of warning, when the MCP server cannot be asked its version (no index to install its dependencies from)',
    example: 'verify --require-mcp',
  },
  python: {
    type: 'string',
    arg: 'PATH',
    help: 'the Python interpreter that creates the environments (default: release.python)',
    example: 'verify --python /usr/bin/python3',
  },
} as const satisfies Flags;

export const verifyCommand = defineCommand({
  name: 'verify',
  summary: 'install the built wheel (or the release from an index) into a fresh environment and ask it its version',
  options: VERIFY_FLAGS,
  examples: ['verify', 'verify --dist artifacts/', 'verify --index-url https://test.pypi.org/simple/'],
  run: (v, _p, io) => runVerify(v, io),
});

async function runVerify(v: CommandValues<typeof VERIFY_FLAGS>, io: Io): Promise<number> {
  const render = renderSteps(io, io.color && !process.env.CI);
  const signals = interruptions();
  try {
    const result = await verify({
      ...(v.cwd ? { cwd: v.cwd } : {}),
      ...(v.config ? { configFile: v.config } : {}),
      ...(v.dist !== undefined ? { dist: v.dist } : {}),
      ...(v['index-url'] !== undefined ? { indexUrl: v['index-url'] } : {}),
      requireSmoke: v['require-smoke'],
      requireMcp: v['require-mcp'],
      ...(v.python ? { python: v.python } : {}),
      signal: signals.signal,
      onEvent: render,
    });
    if (result.stopped) throw new UserError(result.stopped.message, 1);
    io.out(`verified ${result.version}: the installed package reports it\n`);
    return 0;
  } finally {
    render.close();
    signals.release();
  }
}
