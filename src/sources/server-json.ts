// The MCP Registry's server.json (src/mcp/server-json.ts reads it): the top-level version and the
// version of every package entry that is this distribution (pypi by [project] name, npm by
// package.json's name, oci by the image tag); entries of other distributions are left alone.
import { oneOf } from '../config/fields.js';
import { isOwnPackage, packageVersion, readServerJson } from '../mcp/server-json.js';
import { defineKind } from './kind.js';
import type { Located, Locator, VersionHit } from './types.js';

const FILE = 'server.json';

export const locateServerJsonVersion: Locator<object> = (text, _options, context = {}) => {
  const label = 'version';
  const read = readServerJson(text);
  if ('error' in read)
    return {
      hits: [],
      lookups: [],
      problems: [{ kind: 'parse-error', code: read.error.code, message: `invalid JSON: ${read.error.message}`, offset: read.error.offset }],
      label,
    };
  if (read.duplicate) {
    const message = `"${read.duplicate.key}" appears more than once in the same object; keep one (none is checked until then)`;
    return { hits: [], lookups: [], problems: [{ kind: 'ambiguous', message, offset: read.duplicate.offset }], label };
  }
  const hits: VersionHit[] = [];
  if (read.version) hits.push({ ...read.version, label: 'version' });
  for (const entry of read.packages) {
    const version = packageVersion(entry);
    if (!version || !isOwnPackage(entry, { pypi: context.distribution, npm: context.npmName })) continue;
    const where = `packages[${entry.index}]`;
    hits.push({ ...version, label: entry.version ? `${where}.version (${entry.registryType} ${entry.identifier!.value})` : `${where}.identifier's image tag` });
  }
  const located: Located = { hits, lookups: [], problems: [], label };
  if (!read.version) located.problems.push({ kind: 'not-found', message: 'no top-level "version" key' });
  return located;
};

export const serverJsonSource = defineKind({
  type: 'server-json',
  scheme: 'primary',
  description:
    "The MCP Registry's server.json: its version and the packages[] entries that are this distribution (pypi, npm, the oci image tag), in either schema spelling.",
  options: {
    follows: oneOf(['release', 'primary'] as const).describe(
      'server-json: "release" (default): between releases (a development version) it may name the newest release tag, and bump writes it only for a version that is no development release; "primary": it always states the primary version.',
    ),
  },
  label: () => 'version',
  alsoReads: ['package.json'],
  namesRelease: (o) => o.follows !== 'primary',
  locate: locateServerJsonVersion,
  detect: ({ read }) => {
    const text = read(FILE);
    if (text === undefined) return [];
    const value = locateServerJsonVersion(text, {}).hits[0]?.value;
    return [{ source: { file: FILE, type: 'server-json' as const }, ...(value ? { value } : {}), keep: "the MCP Registry's server.json" }];
  },
});
