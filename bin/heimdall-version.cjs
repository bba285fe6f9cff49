#!/usr/bin/env node
'use strict';
// Starts the CLI from V8's code cache so that a pre-commit hook does not pay to compile it again on
// every commit. check and show (what a hook runs) start from dist/check.cjs, which holds only them;
// every other command from dist/cli.cjs. A bundle's cache is keyed on the build id in its first line
// (a hash of the bundle, made by the build; a bundle without one has no cache): an installed copy
// writes it after a run, when its dist/ is writable, and never when it is read-only. V8 itself
// rejects a cache made by another Node or with other flags; then the CLI compiles as usual and the
// cache is written anew.
// NODE_DISABLE_COMPILE_CACHE=1 turns it off (as it does Node's own compile cache).
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const root = path.join(__dirname, '..');
const argv = process.argv.slice(2);
// The CLI's own rule (src/cli/main.ts): no command named is a check.
const checkBundle = argv[0] === undefined || argv[0] === 'check' || argv[0] === 'show' || argv[0].startsWith('-');
const file = path.join(root, 'dist', checkBundle ? 'check.cjs' : 'cli.cjs');
// dist/check.cjs has one cache; dist/cli.cjs one for each command, made by its own first run (a
// command's cache holds the code it ran: another's would hold little of it).
const cacheFile = checkBundle ? `${file}.cache` : /^[a-z]+$/.test(argv[0]) ? `${file}.${argv[0]}.cache` : undefined;
const cacheWanted = !process.env.NODE_DISABLE_COMPILE_CACHE && cacheFile !== undefined;
// After the stamp, one byte says which runs made the cache: C a check, S a check --staged (what a hook
// runs), B both (a cache made after loading another holds the code of both runs), D a --dry-run of
// another command, O another run.
const CHECK = 0x43;
const STAGED = 0x53;
const BOTH = 0x42;
const DRY = 0x44;
const OTHER = 0x4f;

let bundle;
try {
  bundle = readBundle();
} catch (e) {
  if (e.code !== 'ENOENT') throw e;
  // A copy installed from git whose build never ran (npm runs no prepare script for it): build now.
  buildFromSource().then(() => start(readBundle()), fail);
  return;
}
start(bundle);

/** The bundle's text, and when its file last changed (ctime: a write always moves it, nothing can set it back). */
function readBundle() {
  const fd = fs.openSync(file, 'r');
  try {
    return { code: fs.readFileSync(fd, 'utf8'), changed: fs.fstatSync(fd).ctimeMs };
  } finally {
    fs.closeSync(fd);
  }
}

function start({ code, changed }) {
  const buildLine = code.slice(0, code.indexOf('\n') + 1);
  // The bundle is written as the function Node wraps a CommonJS module in (scripts/bundle-cli.cjs); one
  // built before that (a checkout whose dist/ was not rebuilt) is wrapped here as Node would wrap it.
  const wrapped = code.startsWith('(function (exports, require, module, __filename, __dirname) {', buildLine.length);
  const source = wrapped ? code : `(function (exports, require, module, __filename, __dirname) { ${code}\n});`;
  // V8 checks a cache against the source's length only: one made for the bundle as written must never
  // meet the same bundle wrapped here (of the same length), so the stamp says which it was made for;
  // nor one made before the bundle was patched in place (a one-character fix keeps its length and its
  // build id), so the stamp holds when the bundle's file last changed.
  const stamp = Buffer.from(`heimdall-version code cache ${buildLine}${wrapped ? '' : 'wrapped by the bin\n'}changed ${changed}\n`);
  // A bundle without a build id (built by hand) has nothing that tells it from another of the same length: no cache.
  const useCache = cacheWanted && /^\/\/ heimdall-version build [0-9a-f]+\n$/.test(buildLine);
  let cachedData;
  let madeBy = OTHER;
  if (useCache) {
    try {
      const cache = fs.readFileSync(cacheFile);
      if (cache.subarray(0, stamp.length).equals(stamp)) {
        madeBy = [CHECK, STAGED, BOTH, DRY].includes(cache[stamp.length]) ? cache[stamp.length] : OTHER;
        cachedData = cache.subarray(stamp.length + 1);
      }
    } catch {}
  }
  const script = new vm.Script(source, { filename: file, cachedData });
  const cli = { exports: {} };
  // This file's own require: dist/ and bin/ resolve packages alike, and createRequire would load node:module.
  script.runInThisContext()(cli.exports, require, cli, file, path.dirname(file));

  cli.exports.main(argv).then((exitCode) => {
    const stale = cachedData === undefined || script.cachedDataRejected;
    // In dist/check.cjs a check's cache is kept (what a hook runs on every commit), so that it holds
    // check's code: show makes one only where there is none, and the next check replaces it. --help,
    // --version, help and a usage error compile too little to be worth keeping.
    const check = checkBundle && argv[0] !== 'show';
    const kind = check ? (argv.includes('--staged') ? STAGED : CHECK) : argv.includes('--dry-run') ? DRY : OTHER;
    // Another command's run that failed may have stopped before most of its code (a check that finds
    // problems has run all of its own).
    const worth = (check ? exitCode < 2 : exitCode === 0) && argv[0] !== 'help' && !argv.some((a) => /^(-V|--version|-h|--help)$/.test(a));
    // A check and a check --staged each compile code the other does not run: the first of each kind
    // adds its code to the cache the other made (a cache made after loading one holds the code of both).
    // So does the first run of a command that writes to the cache its --dry-run made, which lacks the writing.
    const adds = check ? madeBy !== kind && madeBy !== BOTH : madeBy === DRY && kind === OTHER;
    const next = !check || stale || madeBy === OTHER ? kind : BOTH;
    if (useCache && worth && (stale || adds)) saveCache(Buffer.concat([stamp, Buffer.from([next])]), script);
    process.exitCode = exitCode;
    // Nothing is left to do: leave now rather than wait for Node's teardown, unless output is still queued.
    if (cli.exports.drained()) process.exit(exitCode);
  });
}

/** Best effort and atomic, and only into a dist/ this user may write and that is not marked read-only. */
function saveCache(stamp, script) {
  const dir = path.dirname(cacheFile);
  const temp = `${cacheFile}.${process.pid}.tmp`;
  try {
    // A root user passes access() everywhere: the mode bits say whether the install was made read-only.
    if ((fs.statSync(dir).mode & 0o222) === 0) return;
    fs.accessSync(dir, fs.constants.W_OK);
    fs.writeFileSync(temp, Buffer.concat([stamp, script.createCachedData()]), { flag: 'wx' });
    fs.renameSync(temp, cacheFile);
  } catch {
    try {
      fs.unlinkSync(temp);
    } catch {}
  }
}

async function buildFromSource() {
  let esbuild;
  try {
    esbuild = require('esbuild');
  } catch {
    throw new Error(`${file} is missing and esbuild is not installed to build it: this copy was installed from git without running its build.\nInstall esbuild next to it (npm install --global --install-links <git URL> esbuild@${require('../package.json').devDependencies.esbuild.replace(/^\^/, '')}), or install from a packed tarball.`);
  }
  await require('../scripts/bundle-cli.cjs').bundleCli(root, esbuild);
}

function fail(e) {
  process.stderr.write(`heimdall-version: ${e.message}\n`);
  process.exitCode = 2;
}
