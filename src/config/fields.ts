// A small declaration language for configuration: one field declares its TypeScript type, its
// validation (problems named by JSON path, e.g. "sources[1].type: must be one of …"), its default
// and its JSON Schema. Sources and rules declare their options with it too.

export type Json = { [key: string]: unknown };
export type Issue = (where: string, what: string) => void;
type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : `a ${typeof v}`);
/** A key's path as problems name it; a key that is no plain name is quoted, so a line break or an escape in it stays visible and inert. */
export const keyPath = (at: string, key: string) => {
  const name = /^[\w$-]+$/.test(key) ? key : JSON.stringify(key);
  return at ? `${at}.${name}` : name;
};
const join = keyPath;

/** A field of type T; `Opt` is true while an absent value stays absent (no default, not required). */
export class Field<T, Opt extends boolean = true> {
  declare readonly _opt: Opt;
  constructor(
    /** Returns the value, or undefined after reporting what is wrong with it. */
    readonly parse: (value: unknown, at: string, issue: Issue) => T | undefined,
    readonly schema: () => Json,
    readonly presence: {
      required?: string;
      /** A value, or a function of the values read so far in the same object. */
      default?: T | ((parent: Obj) => T);
      /** Absent: read as if `{}` was given (a section whose fields all have defaults). */
      fill?: boolean;
      description?: string;
    } = {},
  ) {}

  describe(description: string): Field<T, Opt> {
    return new Field<T, Opt>(this.parse, this.schema, { ...this.presence, description });
  }
  required(message = 'is required'): Field<T, false> {
    return new Field<T, false>(this.parse, this.schema, { ...this.presence, required: message });
  }
  default(value: T | ((parent: Obj) => T)): Field<T, false> {
    return new Field<T, false>(this.parse, this.schema, { ...this.presence, default: value });
  }
  /** A check of the whole value once its parts are read (cross-field rules). */
  refine(check: (value: T, at: string, issue: Issue) => void): Field<T, Opt> {
    const parse = (v: unknown, at: string, issue: Issue) => {
      const value = this.parse(v, at, issue);
      if (value !== undefined) check(value, at, issue);
      return value;
    };
    return new Field<T, Opt>(parse, this.schema, this.presence);
  }
  /** The JSON Schema of this field, with its description and (constant) default. */
  jsonSchema(): Json {
    const { description, default: d } = this.presence;
    return { ...this.schema(), ...(d !== undefined && typeof d !== 'function' ? { default: d } : {}), ...(description ? { description } : {}) };
  }
}

export type Shape = Record<string, Field<unknown, boolean>>;
type ValueOf<F> = F extends Field<infer T, boolean> ? T : never;
export type Flatten<T> = { [K in keyof T]: T[K] };
export type Output<S extends Shape> = Flatten<
  { -readonly [K in keyof S as S[K] extends Field<unknown, false> ? K : never]: ValueOf<S[K]> } & {
    -readonly [K in keyof S as S[K] extends Field<unknown, false> ? never : K]?: ValueOf<S[K]>;
  }
>;
export type Infer<F> = F extends Field<infer T, boolean> ? T : never;

/** A string; empty only when `allowEmpty`. `check` names a further problem, `transform` normalises. */
export function text(
  options: { allowEmpty?: boolean; pattern?: [string, string]; check?: (v: string) => string | undefined; transform?: (v: string) => string } = {},
) {
  const { allowEmpty, pattern, check, transform } = options;
  return new Field<string>(
    (v, at, issue) => {
      if (typeof v !== 'string' || (!allowEmpty && v === ''))
        return void issue(at, allowEmpty ? `must be a string, not ${kind(v)}` : `must be a non-empty string, not ${kind(v)}`);
      const problem = pattern && !new RegExp(pattern[0]).test(v) ? pattern[1] : check?.(v);
      if (problem) return void issue(at, problem);
      return transform ? transform(v) : v;
    },
    () => ({ type: 'string', ...(allowEmpty ? {} : { minLength: 1 }), ...(pattern ? { pattern: pattern[0] } : {}) }),
  );
}

export function flag() {
  return new Field<boolean>(
    (v, at, issue) => (typeof v === 'boolean' ? v : void issue(at, `must be true or false, not ${kind(v)}`)),
    () => ({ type: 'boolean' }),
  );
}

/** A number between `min` and `max` (inclusive). */
export function number(options: { min: number; max: number }) {
  const { min, max } = options;
  return new Field<number>(
    (v, at, issue) =>
      typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max
        ? v
        : void issue(at, `must be a number from ${min} to ${max}, not ${typeof v === 'number' ? v : kind(v)}`),
    () => ({ type: 'number', minimum: min, maximum: max }),
  );
}

export function oneOf<const V extends readonly string[]>(values: V) {
  return new Field<V[number]>(
    (v, at, issue) => ((values as readonly unknown[]).includes(v) ? (v as V[number]) : void issue(at, `must be one of ${values.join(', ')}`)),
    () => ({ enum: [...values] }),
  );
}

/** An array of non-empty strings; `each` names a problem of one item (at "key[i]"). */
export function strings(options: { minItems?: number; message: string; each?: (v: string) => string | undefined }) {
  const { minItems = 0, message, each } = options;
  return new Field<string[]>(
    (v, at, issue) => {
      if (!Array.isArray(v) || v.length < minItems || !v.every((a) => typeof a === 'string' && a !== '')) return void issue(at, message);
      let ok = true;
      v.forEach((item: string, i) => {
        const problem = each?.(item);
        if (problem) (ok = false), issue(`${at}[${i}]`, problem);
      });
      return ok ? (v as string[]) : undefined;
    },
    () => ({ type: 'array', ...(minItems ? { minItems } : {}), items: { type: 'string', minLength: 1 } }),
  );
}

export function list<T>(item: Field<T, boolean>, options: { minItems?: number; message: string }) {
  const { minItems = 0, message } = options;
  return new Field<T[]>(
    (v, at, issue) => {
      if (!Array.isArray(v) || v.length < minItems) return void issue(at, message);
      const out = v.map((x, i) => item.parse(x, `${at}[${i}]`, issue));
      return out.every((x) => x !== undefined) ? (out as T[]) : undefined;
    },
    () => ({ type: 'array', ...(minItems ? { minItems } : {}), items: item.jsonSchema() }),
  );
}

/** An object of the declared fields; unknown keys are problems. Absent, it is read as `{}` (its defaults). */
export function object<S extends Shape>(shape: S) {
  const keys = Object.keys(shape);
  return new Field<Output<S>, false>(
    (v, at, issue) => {
      if (!isObj(v)) return void issue(at, `must be an object, not ${kind(v)}`);
      for (const k of Object.keys(v)) if (!Object.hasOwn(shape, k)) issue(join(at, k), `unknown key (known: ${keys.join(', ')})`);
      const out: Obj = {};
      let ok = true;
      for (const [key, field] of Object.entries(shape)) {
        const value = readField(field, v[key], join(at, key), issue, out);
        if (value === null) ok = false;
        else if (value !== undefined) out[key] = value;
      }
      return ok ? (out as Output<S>) : undefined;
    },
    () => ({
      type: 'object',
      ...(keys.some((k) => shape[k]!.presence.required) ? { required: keys.filter((k) => shape[k]!.presence.required) } : {}),
      additionalProperties: false,
      properties: Object.fromEntries(keys.map((k) => [k, shape[k]!.jsonSchema()])),
    }),
    { fill: true },
  );
}

/** An object keyed by the given names only (e.g. rule ids), each value read by `value(name)`; `aliases` are old names still read. */
export function record<K extends string, T>(names: readonly K[], value: (name: K) => Field<T, boolean>, unknown: string, aliases: Record<string, K> = {}) {
  return new Field<Partial<Record<K, T>>, false>(
    (v, at, issue) => {
      if (!isObj(v)) return void issue(at, `must be an object, not ${kind(v)}`);
      const out: Partial<Record<K, T>> = {};
      let ok = true;
      for (const [given, raw] of Object.entries(v)) {
        const k = Object.hasOwn(aliases, given) ? aliases[given]! : given;
        if (!(names as readonly string[]).includes(k)) (ok = false), issue(join(at, given), `${unknown} (known: ${names.join(', ')})`);
        else {
          const read = value(k as K).parse(raw, join(at, given), issue);
          if (read === undefined) ok = false;
          else out[k as K] = read;
        }
      }
      return ok ? out : undefined;
    },
    () => ({
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries([
        ...names.map((n) => [n, value(n).jsonSchema()]),
        ...Object.entries(aliases).map(([old, n]) => [old, { ...value(n).jsonSchema(), deprecated: true, description: `The old name of ${n}.` }]),
      ]),
    }),
    { fill: true },
  );
}

/** Either of two fields, told apart by `pick` (e.g. a severity or [severity, options]). */
export function either<A, B>(first: Field<A, boolean>, second: Field<B, boolean>, pick: (v: unknown) => boolean) {
  return new Field<A | B>(
    (v, at, issue) => (pick(v) ? first : second).parse(v, at, issue),
    () => ({ anyOf: [first.jsonSchema(), second.jsonSchema()] }),
  );
}

/** Reads one field of an object; undefined: absent and nothing to fill; null: a problem was reported. */
export function readField(field: Field<unknown, boolean>, raw: unknown, at: string, issue: Issue, parent: Obj): unknown {
  const { required, default: d, fill } = field.presence;
  if (raw === undefined) {
    if (required) return (issue(at, required), null);
    if (d !== undefined) return typeof d === 'function' ? (d as (p: Obj) => unknown)(parent) : structuredClone(d);
    return fill ? field.parse({}, at, issue) : undefined;
  }
  const value = field.parse(raw, at, issue);
  return value === undefined ? null : value;
}
