// verify: the installed-version checks on existing artifacts, or on a version installed from an index.
import path from 'node:path';
import { defineCommand, type CommandValues, type Flags, type Io } from '../command.js';
import { loadConfig } from '../../config/load.js';
import { inspect } from '../../core/inspect.js';
import { maskText, secretsFrom } from '../../release/mask.js';
import { credentialValues, withoutCredentials } from '../../release/credentials.js';
import { runPlan } from '../../release/plan.js';
import { scratchDirs } from '../../release/scratch.js';
import { verifyPlan } from '../../release/verify-plan.js';
import { pythonSpelling } from '../../version/scheme.js';
import { pythonSources, readPypirc, withPython } from './release.js';

const VERIFY_FLAGS = {
  dist: { type: 'string', arg: 'DIR', help: 'where the wheel and sdist are (default: dist/ in the project)', example: 'verify --dist artifacts/' },
  'index-url': { type: 'string', arg: 'URL', help: 'install <distribution>==<version> from this index (simple API) and check that instead', example: 'verify --index-url https://test.pypi.org/simple/' },
  'require-smoke': { type: 'boolean', help: 'fail, instead of warning, when the smoke commands cannot run (no index for the dependencies)', example: 'verify --require-smoke' },
  python: { type: 'string', arg: 'PATH', help: 'the Python interpreter that creates the environments (default: release.python)', example: 'verify --python /usr/bin/python3' },
} as const satisfies Flags;

export const verifyCommand = defineCommand({
  name: 'verify',
  summary: 'install the built wheel (or the release from an index) into a fresh environment and ask it its version',
  options: VERIFY_FLAGS,
  examples: ['verify', 'verify --dist artifacts/', 'verify --index-url https://test.pypi.org/simple/'],
  run: (v, _p, io) => runVerify(v, io),
});

async function runVerify(v: CommandValues<typeof VERIFY_FLAGS>, io: Io): Promise<number> {
  const loaded = await loadConfig({ cwd: v.cwd, configFile: v.config });
  const release = withPython(loaded.config.release, v.python);
  const { project } = await inspect(loaded, false);
  const secrets = secretsFrom(credentialValues(process.env), readPypirc());
  const say = (s: string) => io.out(maskText(s, secrets));
  const scratch = scratchDirs();
  const steps = verifyPlan({
    cwd: loaded.root,
    env: withoutCredentials(process.env),
    secrets,
    io: { out: io.out, err: io.err, progress: io.color && !process.env.CI },
    say,
    python: release.python,
    scratch,
    root: loaded.root,
    distribution: project.distribution,
    version: (await pythonSpelling(project.scheme, project.version)) ?? '',
    pythonSources: pythonSources(project),
    smoke: release.smoke ?? [],
    requireSmoke: v['require-smoke'],
    stage: 'verify',
    dist: v.dist ? path.resolve(v.dist) : path.join(loaded.root, 'dist'),
    indexUrl: v['index-url'],
    extraIndex: release.indexes.pypi,
  });
  await runPlan(steps, say, scratch.removeAll);
  say(`verified ${project.version}: the installed package reports it\n`);
  return 0;
}
