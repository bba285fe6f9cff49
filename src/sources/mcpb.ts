// An MCP bundle's manifest.json (MCPB, formerly DXT): its version, and the static copy of the
// handshake's serverInfo.version a host may answer with (`_meta.<platform>.static_responses.initialize`).
import { visitJson } from '../formats/json.js';
import { isMcpbManifest, MCPB_MANIFEST } from '../mcp/manifests.js';
import { defineKind } from './kind.js';
import type { Located, Locator, VersionHit } from './types.js';

const STATIC = ['static_responses', 'initialize', 'serverInfo', 'version'];

export const locateMcpbVersion: Locator<object> = (text) => {
  const label = 'version';
  let version: VersionHit | undefined;
  const copies: VersionHit[] = [];
  let duplicate: { key: string; offset: number } | undefined;
  const onPath = (path: readonly (string | number)[]) =>
    (path.length === 1 && path[0] === 'version') || (path.length === 6 && path[0] === '_meta' && STATIC.every((k, i) => path[i + 2] === k));
  const prefixOf = (path: readonly (string | number)[]) =>
    path.length === 0 || (path[0] === '_meta' && path.length <= 5 && path.slice(2).every((k, i) => k === STATIC[i]));
  const error = visitJson(text, {
    key: (name, offset, path, repeated) => {
      if (repeated && !duplicate && prefixOf(path) && (onPath([...path, name]) || prefixOf([...path, name])))
        duplicate = { key: [...path, name].join('.'), offset };
    },
    value: (path, start, end, value) => {
      if (value === undefined || !onPath(path)) return;
      const hit = { value, start: start + 1, end: end - 1 };
      if (path.length === 1) version ??= hit;
      else copies.push({ ...hit, label: `_meta.${JSON.stringify(path[1])}.static_responses.initialize.serverInfo.version` });
    },
  });
  if (error)
    return {
      hits: [],
      lookups: [],
      problems: [{ kind: 'parse-error', code: error.code, message: `invalid JSON: ${error.message}`, offset: error.offset }],
      label,
    };
  if (duplicate) {
    const message = `"${duplicate.key}" appears more than once in the same object; keep one (none is checked until then)`;
    return { hits: [], lookups: [], problems: [{ kind: 'ambiguous', message, offset: duplicate.offset }], label };
  }
  const located: Located = { hits: [...(version ? [{ ...version, label }] : []), ...copies], lookups: [], problems: [], label };
  if (!version) located.problems.push({ kind: 'not-found', message: 'no top-level "version" key' });
  return located;
};

export const mcpbSource = defineKind({
  type: 'mcpb',
  scheme: 'semver',
  description: "An MCP bundle's manifest.json (MCPB, or DXT before it): its version and the static serverInfo.version copies under _meta.",
  options: {},
  label: () => 'version',
  locate: locateMcpbVersion,
  detect: ({ read }) => {
    const text = read(MCPB_MANIFEST);
    if (text === undefined || !isMcpbManifest(text)) return [];
    const value = locateMcpbVersion(text, {}).hits[0]?.value;
    return [{ source: { file: MCPB_MANIFEST, type: 'mcpb' as const }, ...(value ? { value } : {}), keep: 'the MCP bundle manifest' }];
  },
});
