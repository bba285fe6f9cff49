#!/usr/bin/env node
'use strict';
// Starts dist/cli.cjs from V8's code cache (dist/cli.cjs.cache) so that a pre-commit hook does not
// pay to compile the CLI again on every commit. The build writes the cache; when this Node rejects
// it (another V8 version) or it is missing, the CLI is compiled as usual and the cache is written
// anew after the run, if dist/ is writable. NODE_DISABLE_COMPILE_CACHE=1 turns the cache off.
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { createRequire } = require('node:module');

const file = path.join(__dirname, '..', 'dist', 'cli.cjs');
const cacheFile = `${file}.cache`;
const useCache = !process.env.NODE_DISABLE_COMPILE_CACHE;

let cachedData;
if (useCache) {
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {}
}
// The same wrapper Node gives a CommonJS module.
const source = `(function (exports, require, module, __filename, __dirname) { ${fs.readFileSync(file, 'utf8')}\n});`;
const script = new vm.Script(source, { filename: file, cachedData });
const cli = { exports: {} };
script.runInThisContext()(cli.exports, createRequire(file), cli, file, path.dirname(file));

const argv = process.argv.slice(2);
cli.exports.main(argv).then((code) => {
  // A run that only printed --version or --help compiled too little to be worth caching.
  if (useCache && (cachedData === undefined || script.cachedDataRejected) && !/^(-V|--version|-h|--help)$/.test(argv[0] ?? '')) saveCache();
  process.exitCode = code;
  // Nothing is left to do: leave now rather than wait for Node's teardown, unless output is still queued.
  if (cli.exports.drained()) process.exit(code);
});

/** Best effort and atomic: a cache that cannot be written only costs the next run a compile. */
function saveCache() {
  const temp = `${cacheFile}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temp, script.createCachedData());
    fs.renameSync(temp, cacheFile);
  } catch {
    try {
      fs.unlinkSync(temp);
    } catch {}
  }
}
