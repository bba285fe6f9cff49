// The test build, .test-build/cli-with-faults.cjs: the CLI bundled as dist/cli.cjs is, except that
// src/change/fault.ts (each point a no-op) is replaced by test/helpers/fault-points.ts, which acts on them.
// It lives outside dist/ and outside package.json's files: npm never publishes it.
import { existsSync } from 'node:fs';
import path from 'node:path';

const NO_OP = path.resolve('src/change/fault.ts');
const LIVE = path.resolve('test/helpers/fault-points.ts');

/** Imports of the no-op module resolve to the live one. */
const liveFaults = {
  name: 'live-faults',
  setup(build) {
    build.onResolve({ filter: /fault\.js$/ }, (args) =>
      path.resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts')) === NO_OP ? { path: LIVE } : undefined,
    );
  },
};

/** Nothing to build in a copy without the tests (a checkout installed as a dependency may lack them). */
export async function buildTestCli(esbuild, common) {
  if (!existsSync(LIVE)) return;
  await esbuild.build({
    ...common,
    entryPoints: ['test/helpers/fault-cli.ts'],
    outfile: '.test-build/cli-with-faults.cjs',
    format: 'cjs',
    minify: false,
    supported: { 'dynamic-import': false },
    plugins: [...(common.plugins ?? []), liveFaults],
  });
}
