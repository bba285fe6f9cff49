// Builds dist/ for the two ways in:
// - the CLI as one CommonJS bundle, dist/cli.cjs (Node starts a CommonJS entry measurably faster
//   than an ESM one). The commands other than check are bundled as lazily initialised modules;
//   heavy dependencies stay in node_modules and are required only when used: cosmiconfig (configs
//   other than .heimdallrc.json), Babel (js sources), semver (bump), TypeScript (a .ts config);
// - the programmatic API as ESM, dist/index.js, with its .d.ts files.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  external: ['cosmiconfig', '@babel/parser', 'semver', 'typescript'],
  minify: true,
  keepNames: true,
  logLevel: 'warning',
};

rmSync('dist', { recursive: true, force: true });
await build({
  ...common,
  entryPoints: { cli: 'src/cli.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  // import() becomes require(): CommonJS all the way.
  supported: { 'dynamic-import': false },
});
await build({ ...common, entryPoints: { index: 'src/index.ts' }, outdir: 'dist', format: 'esm', splitting: true, chunkNames: 'api/[name]-[hash]' });
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
