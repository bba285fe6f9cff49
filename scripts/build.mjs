// Builds dist/ for the two ways in:
// - the CLI, dist/check.cjs (check and show) and dist/cli.cjs (every command), by scripts/bundle-cli.cjs;
//   their code caches are made by the first runs of each
//   installed copy (bin/heimdall-version.cjs), never shipped: it only fits the Node that made it;
// - the programmatic API as ESM, dist/index.js, with its .d.ts files;
// - schema/heimdallrc.schema.json, from the configuration's declaration (scripts/schema.mjs);
// - the test build with live fault points, outside dist/ and never published (scripts/test-build.mjs).
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { writeConfigSchema } from './schema.mjs';
import { buildTestCli } from './test-build.mjs';

const { COMMON, bundleCli } = createRequire(import.meta.url)('./bundle-cli.cjs');

rmSync('dist', { recursive: true, force: true });
await writeConfigSchema();
await bundleCli(process.cwd(), esbuild);
await esbuild.build({
  ...COMMON,
  external: COMMON.external,
  entryPoints: { index: 'src/index.ts' },
  outdir: 'dist',
  format: 'esm',
  splitting: true,
  chunkNames: 'api/[name]-[hash]',
});
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
await buildTestCli(esbuild, COMMON);
