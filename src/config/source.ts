// One source entry of the configuration, derived from the registry of source kinds: the keys every
// source has, then the options of its kind (an option of another kind "does not apply").
import path from 'node:path';
import { SOURCE_KINDS, SOURCE_TYPES, kindOf, type SourceConfig } from '../sources/index.js';
import { Field, flag, isObj, keyPath, kind, oneOf, readField, text, type Json } from './fields.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A reason why a configured path may leave the project root or cannot name a file, or undefined. */
export function outsideRoot(p: string): string | undefined {
  // A name with a line break or an escape sequence could forge output lines and break git's line protocols.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
  const control = /[\u0000-\u001f\u007f]/.exec(p);
  if (control) return `must not contain control characters (U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')})`;
  if (LONE_SURROGATE.test(p)) return 'must be valid Unicode (it holds half of a surrogate pair, which no file name on disk can)';
  if (path.posix.isAbsolute(p) || path.win32.isAbsolute(p)) return `must be relative to the project root, not absolute (${JSON.stringify(p)})`;
  if (p.split(/[\\/]/).includes('..')) return `must stay inside the project root (${JSON.stringify(p)} contains "..")`;
  return undefined;
}

const COMMON = {
  file: text({ check: outsideRoot, transform: (f) => f.replace(/\\/g, '/') })
    .required()
    .describe('Path relative to the project root; may not leave it.'),
  type: oneOf(SOURCE_TYPES).required(`is required (one of ${SOURCE_TYPES.join(', ')})`),
  primary: flag(),
  name: text(),
};
type AnyField = Field<unknown, boolean>;
/** Every option name, in registry order, with the kinds that take it. */
const OPTIONS = new Map<string, { field: AnyField; kinds: string[]; descriptions: string[] }>();
for (const k of SOURCE_KINDS) {
  for (const [name, field] of Object.entries(k.options as Record<string, AnyField>)) {
    const option = OPTIONS.get(name) ?? { field, kinds: [], descriptions: [] };
    option.kinds.push(k.type);
    if (field.presence.description) option.descriptions.push(field.presence.description);
    OPTIONS.set(name, option);
  }
}
const KNOWN = [...Object.keys(COMMON), ...OPTIONS.keys()];
const optionNames = (type: string) => Object.keys(kindOf(type).options);
const takes = (type: string) =>
  optionNames(type).length
    ? optionNames(type)
        .map((n) => `"${n}"`)
        .join(', ')
    : 'no options';

export const SOURCE = new Field<SourceConfig>(
  (v, at, issue) => {
    if (!isObj(v)) return void issue(at, `must be an object, not ${kind(v)}`);
    for (const k of Object.keys(v)) if (!KNOWN.includes(k)) issue(keyPath(at, k), `unknown key (known: ${KNOWN.join(', ')})`);
    const out: Record<string, unknown> = {};
    let ok = true;
    const read = (key: string, field: AnyField) => {
      const value = readField(field, v[key], `${at}.${key}`, issue, out);
      if (value === null) ok = false;
      else if (value !== undefined) out[key] = value;
    };
    for (const [key, field] of Object.entries(COMMON)) read(key, field as AnyField);
    const type = typeof out.type === 'string' ? out.type : undefined;
    for (const [name, option] of OPTIONS) {
      if (type === undefined) {
        if (v[name] !== undefined) read(name, option.field);
      } else if (!option.kinds.includes(type)) {
        // Reported, but the source is still whole: the checks across sources run on it.
        if (v[name] !== undefined) issue(`${at}.${name}`, `does not apply to a "${type}" source (it takes ${takes(type)})`);
      } else read(name, (kindOf(type).options as Record<string, AnyField>)[name]!);
    }
    const conflict = ok && type !== undefined ? (kindOf(type).conflict as ((o: unknown) => string | undefined) | undefined)?.(out) : undefined;
    if (conflict) issue(at, conflict);
    return ok ? (out as SourceConfig) : undefined;
  },
  () => ({
    type: 'object',
    required: ['file', 'type'],
    additionalProperties: false,
    properties: {
      ...Object.fromEntries(Object.entries(COMMON).map(([k, f]) => [k, f.jsonSchema()])),
      ...Object.fromEntries(
        [...OPTIONS].map(([name, o]) => [name, { ...o.field.schema(), ...(o.descriptions.length ? { description: o.descriptions.join(' ') } : {}) }]),
      ),
    },
    // Per kind: its required options, and no option of another kind.
    allOf: SOURCE_KINDS.map((k): Json => {
      const own = k.options as Record<string, AnyField>;
      const required = Object.keys(own).filter((n) => own[n]!.presence.required);
      const others = [...OPTIONS.keys()].filter((n) => !(n in own));
      return {
        if: { properties: { type: { const: k.type } }, required: ['type'] },
        // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then, not a thenable
        then: { ...(required.length ? { required } : {}), ...(others.length ? { properties: Object.fromEntries(others.map((n) => [n, false])) } : {}) },
      };
    }),
  }),
);
