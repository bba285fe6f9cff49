// TOML: smol-toml decides what the document means; a small TOML-aware scanner finds where the
// value sits, so comments, strings, other tables and inline tables can never be mistaken for it.
import { parse } from 'smol-toml';
import { text } from '../config/fields.js';
import { defineKind } from './kind.js';
import type { Located, Locator, SourceProblem, VersionHit } from './types.js';

type Tree = Record<string, unknown>;

type Parsed = { tree: Tree } | { problem: SourceProblem };

/**
 * The documents parsed, kept: a run reads pyproject.toml for its configuration, its layout, the
 * distribution's name and its version source, and parses it once (a workspace: each member's once).
 * Keyed by the text itself, so a file read from the work tree and the same file read from the index
 * share a parse only when equal. Nothing changes a parsed tree.
 */
const parsed = new Map<string, Parsed>();
const KEPT = 256;

function parseToml(text: string): Parsed {
  const known = parsed.get(text);
  if (known) return known;
  if (parsed.size >= KEPT) parsed.delete(parsed.keys().next().value!);
  const fresh = parseUncached(text);
  parsed.set(text, fresh);
  return fresh;
}

function parseUncached(text: string): Parsed {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  try {
    return { tree: parse(bom ? text.slice(1) : text) as Tree };
  } catch (e) {
    const err = e as Error & { line?: number; column?: number };
    const first = err.message.split('\n')[0]!.replace(/^Invalid TOML document: /, '');
    return { problem: { kind: 'parse-error', message: `invalid TOML: ${first}`, offset: offsetOf(text, err.line, err.column) } };
  }
}

function offsetOf(text: string, line?: number, column?: number): number | undefined {
  if (!line) return undefined;
  let at = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', at);
    if (nl === -1) return undefined;
    at = nl + 1;
  }
  return Math.min(text.length, at + Math.max(0, (column ?? 1) - 1));
}

const get = (tree: Tree, path: string[]): unknown =>
  path.reduce<unknown>((node, k) => (node && typeof node === 'object' && !Array.isArray(node) ? (node as Tree)[k] : undefined), tree);

/** The parsed document, or undefined when it does not parse. */
export function readTomlTree(text: string): Tree | undefined {
  const parsed = parseToml(text);
  return 'tree' in parsed ? parsed.tree : undefined;
}

/** The string at a dotted key, or undefined (also when the document does not parse). */
export function readTomlString(text: string, key: string): string | undefined {
  const parsed = parseToml(text);
  if (!('tree' in parsed)) return undefined;
  const value = get(parsed.tree, key.split('.'));
  return typeof value === 'string' ? value : undefined;
}

export const locateTomlVersion: Locator<{ key?: string }> = (text, options) => {
  const key = options.key ?? 'project.version';
  const none = (problem: SourceProblem): Located => ({ hits: [], lookups: [], problems: [problem], label: key });
  const parsed = parseToml(text);
  if (!('tree' in parsed)) return none(parsed.problem);
  const path = key.split('.');
  const value = get(parsed.tree, path);
  if (value === undefined) {
    const dynamic = get(parsed.tree, ['project', 'dynamic']);
    if (key === 'project.version' && Array.isArray(dynamic) && dynamic.includes('version'))
      return none({
        kind: 'dynamic',
        message:
          'the version is dynamic ([project] dynamic = ["version"]) and has no static value; set [project] version, or configure the source that holds it',
      });
    const table = path.slice(0, -1).join('.');
    return none({ kind: 'not-found', message: `no "${path.at(-1)}" key${table ? ` in [${table}]` : ''}` });
  }
  const found = scanToml(text, path);
  if (typeof value !== 'string')
    return none({ kind: 'not-found', message: `"${key}" must be a string, not ${Array.isArray(value) ? 'an array' : typeof value}`, offset: found[0]?.start });
  const hit = found[0];
  if (!hit || hit.quote === undefined || found.length > 1)
    return none({ kind: 'not-found', message: `the value of "${key}" could not be located in the text` });
  const hitValue: VersionHit = { value, start: hit.start, end: hit.end };
  return { hits: [hitValue], lookups: [], problems: [], label: key };
};

interface ScannedValue {
  path: string[];
  /** Content range for strings (inside the quotes), the whole value otherwise. */
  start: number;
  end: number;
  quote?: string;
}

/** What readKey gives for a key it passed over. */
const PASSED_OVER: string[] = [];
const SPACE = 0x20;
const TAB = 0x09;
const CR = 0x0d;
const LF = 0x0a;

/**
 * Every key/value in the document at the key path `want` (a large document holds many others); values of arrays of tables are left out.
 * One pass over the text that allocates nothing for the keys and values of other tables.
 */
export function scanToml(text: string, want: string[]): ScannedValue[] {
  const out: ScannedValue[] = [];
  const wanted = (path: string[] | undefined): path is string[] => path !== undefined && path.length === want.length;
  // A path is followed only while it may still lead to `want`: a key elsewhere is never a match, nor anything inside it.
  const extend = (path: string[] | undefined, key: string[]): string[] | undefined => {
    if (!path || path.length + key.length > want.length) return undefined;
    for (let k = 0; k < key.length; k++) if (key[k] !== want[path.length + k]) return undefined;
    return [...path, ...key];
  };
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let table: string[] | undefined = [];
  const n = text.length;

  const skipSpace = () => {
    for (let c = text.charCodeAt(i); c === SPACE || c === TAB; c = text.charCodeAt(++i));
  };
  const skipLine = () => {
    const nl = text.indexOf('\n', i);
    i = nl === -1 ? n : nl;
  };
  const skipBlank = () => {
    for (;;) {
      for (let c = text.charCodeAt(i); c === SPACE || c === TAB || c === CR || c === LF; c = text.charCodeAt(++i));
      if (text.charCodeAt(i) === 0x23 /* # */) skipLine();
      else return;
    }
  };
  // The string read last: its content's range and its quote (", ', """ or '''); read without allocating.
  let strStart = 0;
  let strEnd = 0;
  let strQuote = '';
  const readString = (): boolean => {
    const q = text[i]!;
    const qc = text.charCodeAt(i);
    const triple = text.charCodeAt(i + 1) === qc && text.charCodeAt(i + 2) === qc;
    const quote = triple ? (qc === 0x22 ? '"""' : "'''") : q;
    const start = i + quote.length;
    let j = start;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === 0x5c /* \\ */ && qc === 0x22 /* " */) j += 2;
      else if (c === qc && (!triple || (text.charCodeAt(j + 1) === qc && text.charCodeAt(j + 2) === qc))) break;
      else if (!triple && c === LF) return false;
      else j++;
    }
    if (j >= n) return false;
    let end = j;
    if (triple) while (text[end + 3] === q && end + 3 < n) end++; // up to two quotes may end the content
    i = end + quote.length;
    strStart = start;
    strEnd = end;
    strQuote = quote;
    return true;
  };
  const isBare = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x2d;
  /** A dotted key; its parts only when `keep` (a key that cannot lead to `want` is passed over); undefined when it is no key. */
  const readKey = (keep: boolean): string[] | undefined => {
    const parts: string[] = keep ? [] : PASSED_OVER;
    for (;;) {
      skipSpace();
      const c = text[i];
      if (c === '"' || c === "'") {
        if (!readString() || strQuote.length === 3) return undefined;
        if (keep) {
          const raw = text.slice(strStart, strEnd);
          parts.push(c === '"' ? decodeBasic(raw) : raw);
        }
      } else {
        const start = i;
        while (isBare(text.charCodeAt(i))) i++;
        if (i === start) return undefined;
        if (keep) parts.push(text.slice(start, i));
      }
      skipSpace();
      if (text[i] !== '.') return parts;
      i++;
    }
  };
  // A bare value (number, date, boolean) ends at white space (Unicode's too), a comma, a bracket or brace, or a comment.
  const endsBare = (c: number) => c === 0x2c || c === 0x5d || c === 0x7d || c === 0x23 || ((c <= SPACE || c >= 0x7f) && /\s/.test(String.fromCharCode(c)));
  const readValue = (path: string[] | undefined): boolean => {
    skipSpace();
    const c = text[i];
    if (c === '"' || c === "'") {
      if (!readString()) return false;
      if (wanted(path)) out.push({ path, start: strStart, end: strEnd, quote: strQuote });
      return true;
    }
    if (c === '[') {
      i++;
      for (;;) {
        skipBlank();
        if (text[i] === ']') return (i++, true);
        if (!readValue(undefined)) return false;
        skipBlank();
        if (text[i] === ',') i++;
      }
    }
    if (c === '{') {
      i++;
      for (;;) {
        skipSpace();
        if (text[i] === '}') return (i++, true);
        const key = readKey(path !== undefined);
        if (!key || text[i] !== '=') return false;
        i++;
        if (!readValue(extend(path, key))) return false;
        skipSpace();
        if (text[i] === ',') i++;
      }
    }
    const start = i;
    while (i < n && !endsBare(text.charCodeAt(i))) i++;
    if (wanted(path) && i > start) out.push({ path, start, end: i });
    return i > start;
  };

  while (i < n) {
    skipBlank();
    if (i >= n) break;
    if (text[i] === '[') {
      const array = text[i + 1] === '[';
      i += array ? 2 : 1;
      const key = readKey(true);
      // A table that cannot hold `want` is followed no further, as an array of tables.
      table = array || !key ? undefined : extend([], key);
      skipLine();
      continue;
    }
    const key = readKey(table !== undefined);
    if (!key || text[i] !== '=') {
      skipLine();
      continue;
    }
    i++;
    if (!readValue(extend(table, key))) skipLine();
  }
  return out;
}

function decodeBasic(raw: string): string {
  return raw.replace(/\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)/g, (_, e: string) => {
    if (e.length > 1) return String.fromCodePoint(parseInt(e.slice(1), 16));
    return ({ b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\' } as Record<string, string>)[e] ?? e;
  });
}

export const tomlSource = defineKind({
  type: 'toml',
  scheme: 'pep440',
  description: 'A string at a dotted key of a TOML file (pyproject.toml).',
  options: {
    key: text().describe('toml: dotted key (default project.version; tool.poetry.version for Poetry).'),
  },
  label: (o) => o.key ?? 'project.version',
  plainHits: true,
  locate: locateTomlVersion,
  detect: ({ read }) => {
    const pyproject = read('pyproject.toml');
    if (pyproject === undefined) return [];
    return ['project.version', 'tool.poetry.version'].flatMap((key) => {
      const hit = locateTomlVersion(pyproject, { key }).hits[0];
      return hit ? [{ source: { file: 'pyproject.toml', type: 'toml' as const, key }, value: hit.value, mayBePrimary: true }] : [];
    });
  },
});
