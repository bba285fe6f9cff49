// The CLI bundles, each one CommonJS file (Node starts a CommonJS entry measurably faster than an ESM
// one) whose first line names its build, a hash of the rest, on which the code cache is keyed:
// - dist/check.cjs: check and show (and the general help and version), what a pre-commit hook runs
//   on every commit. It holds no other command, so a hook reads, loads and caches about half as much.
// - dist/cli.cjs: every command. bin/heimdall-version.cjs starts it for the others.
// Each is written as the function Node wraps a CommonJS module in, so that the bin compiles the file
// as it is, without building a second copy of it. Used by the build, and by the bin when a copy
// installed from git has no dist/.
'use strict';
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { smolTomlPatch } = require('./patches/smol-toml.cjs');

const BUILD_LINE = '// heimdall-version build ';
const WRAPPER = '(function (exports, require, module, __filename, __dirname) {';

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

/** The commands dist/check.cjs holds; main.ts's other command modules are left out of it. */
const CHECK_BUNDLE_COMMANDS = ['check', 'show'];

/** In dist/check.cjs, each other command's module is one that says it is not there (the bin never asks it for one). */
const checkOnly = {
  name: 'check-only',
  setup(build) {
    build.onResolve({ filter: /^\.\/commands\/[a-z-]+\.js$/ }, (args) =>
      /[\\/]src[\\/]cli[\\/]main\.ts$/.test(args.importer) && args.path !== './commands/check.js'
        ? { path: args.path, namespace: 'not-in-check-bundle' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'not-in-check-bundle' }, (args) => ({
      contents: `throw new Error(${JSON.stringify(`${args.path} is not in dist/check.cjs, which holds ${CHECK_BUNDLE_COMMANDS.join(' and ')}: run the command through bin/heimdall-version.cjs`)});`,
      loader: 'js',
    }));
  },
};

/** Bundles src/cli/main.ts of the package at `root` into dist/cli.cjs and dist/check.cjs (each written atomically). */
async function bundleCli(root, esbuild) {
  await Promise.all([bundle(root, esbuild, 'cli.cjs', []), bundle(root, esbuild, 'check.cjs', [checkOnly])]);
}

async function bundle(root, esbuild, name, plugins) {
  const result = await esbuild.build({
    ...COMMON,
    absWorkingDir: root,
    entryPoints: [path.join(root, 'src', 'cli', 'main.ts')],
    format: 'cjs',
    write: false,
    outfile: path.join(root, 'dist', name),
    plugins: [...COMMON.plugins, ...plugins],
    // import() becomes require(): CommonJS all the way, the other commands initialised lazily.
    supported: { 'dynamic-import': false },
    // No __name() call for each of its 1,200 functions at every start (about 4 % of a check's CPU
    // time); nothing in the CLI reads a function's name, and errors name themselves.
    keepNames: false,
  });
  const code = `${WRAPPER}${result.outputFiles[0].text}\n});\n`;
  const id = createHash('sha256').update(code).digest('hex').slice(0, 16);
  const file = path.join(root, 'dist', name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${BUILD_LINE}${id}\n${code}`);
  fs.renameSync(temp, file);
  return id;
}

module.exports = { BUILD_LINE, CHECK_BUNDLE_COMMANDS, COMMON, bundleCli };
