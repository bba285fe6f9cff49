#!/usr/bin/env node
'use strict';
// Starts dist/cli.cjs from V8's code cache (dist/cli.cjs.cache) so that a pre-commit hook does not
// pay to compile the CLI again on every commit. The build writes the cache; when it is missing, was
// made for another dist/cli.cjs, or this Node rejects it (another V8), the CLI is compiled as usual
// and the cache is written anew after the run, if dist/ is writable. NODE_DISABLE_COMPILE_CACHE=1
// turns it off (as it does Node's own compile cache); so does deleting the file.
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { createRequire } = require('node:module');

const file = path.join(__dirname, '..', 'dist', 'cli.cjs');
const cacheFile = `${file}.cache`;
const useCache = !process.env.NODE_DISABLE_COMPILE_CACHE;
const code = fs.readFileSync(file, 'utf8');
// V8 checks only the length of the source it is given: the cache names the exact file it was made
// from (size and modification time), so that an edited bundle, even of the same length, never runs
// stale code.
const stat = fs.statSync(file);
const stamp = Buffer.from(`heimdall-version code cache ${stat.size} ${stat.mtimeMs}\n`);

let cachedData;
if (useCache) {
  try {
    const cache = fs.readFileSync(cacheFile);
    if (cache.subarray(0, stamp.length).equals(stamp)) cachedData = cache.subarray(stamp.length);
  } catch {}
}
// The same wrapper Node gives a CommonJS module.
const source = `(function (exports, require, module, __filename, __dirname) { ${code}\n});`;
const script = new vm.Script(source, { filename: file, cachedData });
const cli = { exports: {} };
script.runInThisContext()(cli.exports, createRequire(file), cli, file, path.dirname(file));

const argv = process.argv.slice(2);
cli.exports.main(argv).then((exitCode) => {
  const stale = cachedData === undefined || script.cachedDataRejected;
  // Not after --version or --help: too little was compiled to be worth keeping.
  if (useCache && stale && !/^(-V|--version|-h|--help)$/.test(argv[0] ?? '')) saveCache();
  process.exitCode = exitCode;
  // Nothing is left to do: leave now rather than wait for Node's teardown, unless output is still queued.
  if (cli.exports.drained()) process.exit(exitCode);
});

/** Best effort and atomic: a cache that cannot be written only costs the next run a compile. */
function saveCache() {
  const temp = `${cacheFile}.${process.pid}.tmp`;
  try {
    fs.accessSync(path.dirname(cacheFile), fs.constants.W_OK); // a read-only install: do not even serialise
    fs.writeFileSync(temp, Buffer.concat([stamp, script.createCachedData()]));
    fs.renameSync(temp, cacheFile);
  } catch {
    try {
      fs.unlinkSync(temp);
    } catch {}
  }
}
