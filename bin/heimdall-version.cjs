#!/usr/bin/env node
'use strict';
require('../dist/cli.cjs')
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
    // Nothing is left to do: leave now rather than wait for Node's teardown, unless output is still queued.
    if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit(code);
  });
