// Builds dist/ for the two ways in:
// - the CLI as one CommonJS bundle, dist/cli.cjs (Node starts a CommonJS entry measurably faster
//   than an ESM one). The commands other than check are bundled as lazily initialised modules, and
//   so is semver's `inc` (resolving it in node_modules cost more than the code). Heavy dependencies
//   stay in node_modules and are required only when used: cosmiconfig (configs other than
//   .heimdallrc.json), Babel (js sources), TypeScript (a .ts config). Then a check of the example
//   project writes V8's code cache, dist/cli.cjs.cache, which bin/heimdall-version.cjs starts from;
// - the programmatic API as ESM, dist/index.js, with its .d.ts files;
// - schema/heimdallrc.schema.json, from the configuration's declaration (scripts/schema.mjs).
import { build } from 'esbuild';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { writeConfigSchema } from './schema.mjs';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  external: ['cosmiconfig', '@babel/parser', 'typescript', 'yaml'],
  minify: true,
  keepNames: true,
  logLevel: 'warning',
};

rmSync('dist', { recursive: true, force: true });
await writeConfigSchema();
await build({
  ...common,
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  // import() becomes require(): CommonJS all the way.
  supported: { 'dynamic-import': false },
});
// The cache holds what this run compiled: the check of a heimdall-mcp layout, as a hook runs it.
spawnSync(process.execPath, ['bin/heimdall-version.cjs', 'check', '--cwd', 'examples/heimdall-mcp'], { stdio: 'ignore', env: { ...process.env, NODE_DISABLE_COMPILE_CACHE: '' } });
if (!existsSync('dist/cli.cjs.cache')) console.warn('build: no code cache was written; the CLI still works, only slower to start');
await build({ ...common, external: [...common.external, 'semver'], entryPoints: { index: 'src/index.ts' }, outdir: 'dist', format: 'esm', splitting: true, chunkNames: 'api/[name]-[hash]' });
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
