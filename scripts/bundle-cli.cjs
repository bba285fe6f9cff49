// The CLI bundle, dist/cli.cjs: one CommonJS file (Node starts a CommonJS entry measurably faster
// than an ESM one) whose first line names its build, a hash of the rest; the code cache is keyed on
// it. Used by the build and by bin/heimdall-version.cjs when a copy installed from git has no dist/.
'use strict';
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { smolTomlPatch } = require('./patches/smol-toml.cjs');

const BUILD_LINE = '// heimdall-version build ';

/** What both bundles share. Heavy dependencies stay in node_modules, required only when used. */
const COMMON = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  external: ['@babel/parser', 'typescript', 'yaml'],
  minify: true,
  keepNames: true,
  logLevel: 'warning',
  // smol-toml's parse without an empty object per key (scripts/patches/smol-toml.cjs).
  plugins: [smolTomlPatch],
  // Not read from tsconfig.json, so that a copy without it bundles the same bytes.
  tsconfigRaw: { compilerOptions: { target: 'ES2022', useDefineForClassFields: true, verbatimModuleSyntax: false } },
};

/** Bundles src/cli/main.ts of the package at `root` into dist/cli.cjs (written atomically); returns the build id. */
async function bundleCli(root, esbuild) {
  const result = await esbuild.build({
    ...COMMON,
    absWorkingDir: root,
    entryPoints: [path.join(root, 'src', 'cli', 'main.ts')],
    format: 'cjs',
    write: false,
    outfile: path.join(root, 'dist', 'cli.cjs'),
    // import() becomes require(): CommonJS all the way, the other commands initialised lazily.
    supported: { 'dynamic-import': false },
    // No __name() call for each of its 1,200 functions at every start (about 4 % of a check's CPU
    // time); nothing in the CLI reads a function's name, and errors name themselves.
    keepNames: false,
  });
  const code = result.outputFiles[0].text;
  const id = createHash('sha256').update(code).digest('hex').slice(0, 16);
  const file = path.join(root, 'dist', 'cli.cjs');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${BUILD_LINE}${id}\n${code}`);
  fs.renameSync(temp, file);
  return id;
}

module.exports = { BUILD_LINE, COMMON, bundleCli };
