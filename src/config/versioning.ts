// The "versioning" option, derived from the scheme registry: a scheme's name, or [name, options] for
// a scheme that declares options (checked against them, as a rule's [severity, options] is).
import { Field, object, type Json } from './fields.js';
import { DEFAULT_VERSIONING, needsOptions, SCHEMES, type VersioningSetting } from '../version/schemes.js';

const withOptions = SCHEMES.filter((s) => Object.keys(s.options).length > 0);
const plain = SCHEMES.filter((s) => !needsOptions(s)).map((s) => s.name);
const NAMES = SCHEMES.map((s) => s.name);

/** How a scheme is written in "versioning", for messages and the description. */
const written = (s: (typeof SCHEMES)[number]) => (needsOptions(s) ? `["${s.name}", { … }]` : `"${s.name}"`);

function parse(v: unknown, at: string, issue: (where: string, what: string) => void): VersioningSetting | undefined {
  const usage = `must be one of ${NAMES.join(', ')}${withOptions.length ? `, or [name, options] for ${withOptions.map((s) => s.name).join(', ')}` : ''}`;
  const name = Array.isArray(v) ? v[0] : v;
  const scheme = SCHEMES.find((s) => s.name === name);
  if (!scheme || (Array.isArray(v) && (v.length !== 2 || !Object.keys(scheme.options).length))) return void issue(at, usage);
  if (!Array.isArray(v)) return needsOptions(scheme) ? void issue(at, `"${scheme.name}" needs its options: ${written(scheme)}`) : scheme.name;
  const options = object(scheme.options).parse(v[1], `${at}[1]`, issue);
  return options ? [scheme.name, options] : undefined;
}

function schema(): Json {
  const names: Json = { enum: plain };
  if (!withOptions.length) return names;
  const tuples = withOptions.map((s) => ({ type: 'array', minItems: 2, maxItems: 2, items: [{ const: s.name }, object(s.options).jsonSchema()] }));
  return { anyOf: [names, ...tuples] };
}

const described = SCHEMES.map((s) => `${written(s)} (${s.description})`);

export const versioningSetting = () =>
  new Field<VersioningSetting>(parse, schema)
    .default(DEFAULT_VERSIONING)
    .describe(`Which versions are allowed: ${described.slice(0, -1).join(', ')} or ${described.at(-1)}.`);
