'use strict';
// smol-toml keeps, beside every key it parses, a record of what the key is (a table, an array of
// tables, a dotted key, a value) with a fresh object for the key's children, even for a key that
// holds a value and can have none. For a pyproject.toml of 125,000 keys those records were half of
// the parse's memory and a good part of its time. The bundles (scripts/bundle-cli.cjs) keep no
// record for a key that holds a value: a key present in its table without a record is one, and
// everything smol-toml refuses for such a key (defining it again, a key or table below it) it
// still refuses. test/unit/toml-patch.test.ts parses the same documents with the patched and the
// published parser and compares trees and errors. Each replacement must match exactly once, so a
// new smol-toml fails the build until this is looked at again (or dropped, once smol-toml does it).
const FILE = /[\\/]smol-toml[\\/]dist[\\/]parse\.js$/;

const REPLACEMENTS = [
  // A key already in its table that has no record holds a value: nothing may be defined in it or again.
  [
    'if ((hasOwn = Object.hasOwn(t, k)) && m[k]?.t === 0 /* Type.DOTTED */ && m[k]?.d) {',
    'if ((hasOwn = Object.hasOwn(t, k)) && (m[k] === undefined || (m[k].t === 0 /* Type.DOTTED */ && m[k].d))) {',
  ],
  // A new key that will hold a value (the last part of a key = value) gets no record.
  [
    '            m[k] = {\n                t: i < key.length - 1',
    '            if (type === 0 /* Type.DOTTED */ && i === key.length - 1)\n                return [k, t, undefined];\n            m[k] = {\n                t: i < key.length - 1',
  ],
];

/** parse.js with the replacements made; throws when one does not match exactly once. */
function patchSmolToml(source) {
  let out = source.replace(/\r\n/g, '\n');
  for (const [from, to] of REPLACEMENTS) {
    const at = out.indexOf(from);
    if (at === -1 || out.indexOf(from, at + 1) !== -1)
      throw new Error(`scripts/patches/smol-toml.cjs: smol-toml's parse.js changed (${JSON.stringify(from.trim())} is not there once); review the patch`);
    out = out.slice(0, at) + to + out.slice(at + from.length);
  }
  return out;
}

/** The esbuild plugin that applies it. */
const smolTomlPatch = {
  name: 'smol-toml-patch',
  setup(build) {
    const fs = require('node:fs');
    build.onLoad({ filter: FILE }, (args) => ({ contents: patchSmolToml(fs.readFileSync(args.path, 'utf8')), loader: 'js' }));
  },
};

module.exports = { patchSmolToml, smolTomlPatch };
