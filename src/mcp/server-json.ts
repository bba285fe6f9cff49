// The MCP Registry's server.json as a plain model: its name, its version and its packages, each
// string located in the text. Both spellings of the schema are read: camelCase (`registryType`,
// since the 2025-09-16 schema) and snake_case (`registry_type`, the 2025-07-09 schema). Pure.
import { type JsonPath, type JsonSyntaxError, visitJson } from '../formats/json.js';
import { normalizeDistribution } from '../core/names.js';

/** A string value and where its content lies (offsets into the text, quotes excluded). */
export interface JsonString {
  value: string;
  start: number;
  end: number;
}

export type ServerJsonSpelling = 'camelCase' | 'snake_case';

export interface ServerJsonPackage {
  /** Its index in `packages`. */
  index: number;
  /** Where the entry's `{` is. */
  offset: number;
  /** `registryType` or `registry_type`: npm, pypi, oci, nuget, mcpb, … */
  registryType?: string;
  /** The package name (npm, pypi, nuget), the image reference (oci) or the download URL (mcpb). */
  identifier?: JsonString;
  /** The entry's own `version` field. */
  version?: JsonString;
  /** oci: the image tag inside `identifier` (`ghcr.io/o/name:1.2.3` → `1.2.3`), a leading `v` left out. */
  tag?: JsonString;
}

export interface ServerJson {
  /** The schema's spelling, when a key says which (undefined when none of the spelled keys appears). */
  spelling?: ServerJsonSpelling;
  /** The server's registry name, `io.github.owner/name`. */
  name?: JsonString;
  /** The top-level `version` (or the first drafts' `version_detail.version`). */
  version?: JsonString;
  packages: ServerJsonPackage[];
  /** A key that appears twice in one object where the model reads (JSON.parse would keep the last without a word). */
  duplicate?: { key: string; offset: number };
}

/** Keys whose spelling differs between the two schemas. */
const SNAKE = new Set([
  'registry_type',
  'registry_base_url',
  'file_sha256',
  'runtime_hint',
  'runtime_arguments',
  'package_arguments',
  'environment_variables',
  'website_url',
]);
const CAMEL = new Set([
  'registryType',
  'registryBaseUrl',
  'fileSha256',
  'runtimeHint',
  'runtimeArguments',
  'packageArguments',
  'environmentVariables',
  'websiteUrl',
]);

/** Reads a server.json text; a malformed one gives its syntax error. */
export function readServerJson(text: string): ServerJson | { error: JsonSyntaxError } {
  const server: ServerJson = { packages: [] };
  const packages = new Map<number, ServerJsonPackage>();
  const entry = (index: number) => {
    const p = packages.get(index) ?? { index, offset: -1 };
    packages.set(index, p);
    return p;
  };
  const located = (start: number, end: number, value: string): JsonString => ({ value, start: start + 1, end: end - 1 });
  const error = visitJson(text, {
    key: (name, offset, path, repeated) => {
      if (!server.spelling && (SNAKE.has(name) || CAMEL.has(name))) server.spelling = SNAKE.has(name) ? 'snake_case' : 'camelCase';
      if (repeated && !server.duplicate && readsAt(path, name)) server.duplicate = { key: [...path, name].join('.'), offset };
    },
    value: (path, start, end, value) => {
      if (path.length === 1 && value !== undefined) {
        if (path[0] === 'name') server.name = located(start, end, value);
        if (path[0] === 'version') server.version = located(start, end, value);
      } else if (path.length === 2 && path[0] === 'version_detail' && path[1] === 'version' && value !== undefined) {
        server.version ??= located(start, end, value);
      } else if (path[0] === 'packages' && typeof path[1] === 'number') {
        const p = entry(path[1]);
        if (path.length === 2) p.offset = text[start] === '{' ? start : -1;
        else if (path.length === 3 && value !== undefined) {
          if (path[2] === 'registryType' || path[2] === 'registry_type') p.registryType = value;
          if (path[2] === 'identifier') p.identifier = located(start, end, value);
          if (path[2] === 'version') p.version = located(start, end, value);
        }
      }
    },
  });
  if (error) return { error };
  server.packages = [...packages.values()].filter((p) => p.offset >= 0).sort((a, b) => a.index - b.index);
  for (const p of server.packages) if (p.registryType === 'oci' && p.identifier) p.tag = imageTag(p.identifier);
  return server;
}

/** The places the model reads, where a repeated key would make the reading ambiguous. */
function readsAt(path: JsonPath, name: string): boolean {
  if (path.length === 0) return name === 'name' || name === 'version' || name === 'packages';
  return path.length === 2 && path[0] === 'packages' && ['registryType', 'registry_type', 'identifier', 'version'].includes(name);
}

/** An image reference's tag: after the last `:` of the last path segment, before any `@digest`; a leading `v` left out. */
export function imageTag(identifier: JsonString): JsonString | undefined {
  const ref = identifier.value.split('@')[0]!;
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  if (colon <= slash || colon === ref.length - 1) return undefined;
  // The value is the raw text only when it holds no escape; a located tag must be exactly its bytes.
  if (identifier.end - identifier.start !== identifier.value.length) return undefined;
  const from = colon + 1 + (/^v\d/.test(ref.slice(colon + 1)) ? 1 : 0);
  return { value: ref.slice(from), start: identifier.start + from, end: identifier.start + ref.length };
}

/** The image's name without registry, path and tag: `ghcr.io/owner/heimdall-mcp:1.2.3` → `heimdall-mcp`. */
export function imageName(identifier: string): string {
  const ref = identifier.split('@')[0]!;
  const last = ref.slice(ref.lastIndexOf('/') + 1);
  return last.includes(':') ? last.slice(0, last.indexOf(':')) : last;
}

/** The names under which a package entry is this distribution. */
export interface OwnNames {
  /** The Python distribution ([project] name). */
  pypi?: string;
  /** package.json's name. */
  npm?: string;
}

/**
 * Whether an entry is this distribution: pypi by the normalized distribution name (PEP 503), npm by
 * package.json's name, oci by an image named after either (its last path segment). Others (nuget,
 * mcpb, other distributions) never are: their versions are left alone.
 */
export function isOwnPackage(entry: ServerJsonPackage, own: OwnNames): boolean {
  const id = entry.identifier?.value;
  if (id === undefined) return false;
  if (entry.registryType === 'pypi') return own.pypi !== undefined && normalizeDistribution(id) === normalizeDistribution(own.pypi);
  if (entry.registryType === 'npm') return own.npm !== undefined && id === own.npm;
  if (entry.registryType === 'oci') {
    const image = normalizeDistribution(imageName(id));
    const names = [own.pypi, own.npm?.replace(/^@[^/]*\//, '')].filter((n): n is string => n !== undefined);
    return names.some((n) => normalizeDistribution(n) === image);
  }
  return false;
}

/** The version an entry states: its `version` field, else (oci) an image tag that is a version (not `latest`). */
export const packageVersion = (entry: ServerJsonPackage): JsonString | undefined =>
  entry.version ?? (entry.tag && /^\d/.test(entry.tag.value) ? entry.tag : undefined);
