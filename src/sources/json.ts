// JSON: a small scanner finds where the value sits (and where malformed JSON breaks); JSON.parse double-checks validity.
import { text } from '../config/fields.js';
import { defineKind } from './kind.js';
import type { Located, Locator, SourceProblem } from './types.js';

/** A value at the key path: start/end include the quotes of a string; `value` is set only for strings. */
interface Found {
  start: number;
  end: number;
  value?: string;
}

interface Scan {
  found: Found[];
  /** The first key on the path that appears twice in one object. */
  duplicate?: { key: string; offset: number };
}

interface SyntaxProblem {
  message: string;
  offset: number;
}

export const locateJsonVersion: Locator<{ key?: string }> = (text, options) => {
  const label = options.key ?? 'version';
  const none = (problem: SourceProblem): Located => ({ hits: [], lookups: [], problems: [problem], label });
  const scan = scanJson(text, label.split('.'));
  if ('message' in scan) return none({ kind: 'parse-error', message: `invalid JSON: ${scan.message}`, offset: scan.offset });
  try {
    JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    return none({ kind: 'parse-error', message: `invalid JSON: ${(e as Error).message}` });
  }
  const { duplicate } = scan;
  if (duplicate) {
    const message = `"${duplicate.key}" appears more than once in the same object; keep one (none is checked until then)`;
    return none({ kind: 'ambiguous', message, offset: duplicate.offset });
  }
  const found = scan.found[0];
  if (!found) return none({ kind: 'not-found', message: `no "${label}" key` });
  if (found.value === undefined) {
    const raw = text.slice(found.start, found.end);
    const shown = raw.startsWith('{') ? 'an object' : raw.startsWith('[') ? 'an array' : raw;
    return none({ kind: 'not-found', message: `"${label}" must be a string, not ${shown}`, offset: found.start });
  }
  return { hits: [{ value: found.value, start: found.start + 1, end: found.end - 1 }], lookups: [], problems: [], label };
};

/** Where and why a JSON text is malformed, or undefined when it is valid. */
export function jsonSyntaxError(text: string): SyntaxProblem | undefined {
  const scan = scanJson(text, []);
  return 'message' in scan ? scan : undefined;
}

const LITERAL = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;

class Stop extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

interface Frame {
  array: boolean;
  start: number;
  /** How many path segments lead to this container; undefined when it is off the path. */
  depth?: number;
  /** Whether this object already had the next path key. */
  seen: boolean;
}

/** Scans the whole document without recursion (deep nesting cannot overflow) and collects the values at `path`. */
function scanJson(text: string, path: string[]): Scan | SyntaxProblem {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const scan: Scan = { found: [] };
  const stack: Frame[] = [];
  let depth: number | undefined = path.length ? 0 : undefined;
  const fail = (message: string, at = i): never => {
    throw new Stop(message, at);
  };
  const next = () => (i < text.length ? `found ${JSON.stringify(text[i])}` : 'found the end of the text');
  const space = () => {
    for (let c = text[i]; c === ' ' || c === '\t' || c === '\n' || c === '\r'; c = text[++i]);
  };
  const string = (): string => {
    const start = i++;
    for (let c = text.charCodeAt(i); c !== 0x22; c = text.charCodeAt(i)) {
      if (Number.isNaN(c) || c === 0x0a || c === 0x0d) fail('unterminated string', start);
      if (c < 0x20) fail('control character in a string; escape it');
      if (c === 0x5c) {
        const e = text[i + 1] ?? '';
        if (e === 'u' ? !/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6)) : !e || !'"\\/bfnrt'.includes(e)) fail('invalid escape in a string');
        i += e === 'u' ? 6 : 2;
      } else i++;
    }
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const record = (at: number | undefined, start: number, value?: string) => {
    if (at !== undefined && at === path.length) scan.found.push({ start, end: i, value });
  };
  const key = (frame: Frame) => {
    space();
    if (text[i] !== '"') fail(`expected a key in double quotes, ${next()}`);
    const start = i;
    const name = string();
    space();
    if (text[i] !== ':') fail(`expected ":" after a key, ${next()}`);
    i++;
    const d = frame.depth;
    depth = d !== undefined && d < path.length && path[d] === name ? d + 1 : undefined;
    if (depth === undefined) return;
    if (frame.seen) scan.duplicate ??= { key: path.slice(0, depth).join('.'), offset: start };
    frame.seen = true;
  };
  try {
    for (;;) {
      space();
      const start = i;
      const c = text[i];
      if (c === '{' || c === '[') {
        const frame: Frame = { array: c === '[', start, depth, seen: false };
        i++;
        space();
        if (text[i] !== (frame.array ? ']' : '}')) {
          stack.push(frame);
          if (frame.array) depth = undefined;
          else key(frame);
          continue;
        }
        i++;
        record(frame.depth, start);
      } else if (c === '"') {
        const value = string();
        record(depth, start, value);
      } else {
        LITERAL.lastIndex = i;
        const m = LITERAL.exec(text);
        if (!m) fail(`expected a value, ${next()}`);
        i += m![0].length;
        record(depth, start);
      }
      // After a value: a comma leads to the next value; closing brackets end their containers.
      for (;;) {
        space();
        const frame = stack.at(-1);
        if (!frame) {
          if (i < text.length) fail(`unexpected text after the document, ${next()}`);
          return scan;
        }
        const close = frame.array ? ']' : '}';
        if (text[i] === ',') {
          i++;
          if (frame.array) depth = undefined;
          else key(frame);
          break;
        }
        if (text[i] !== close) fail(`expected "," or "${close}", ${next()}`);
        i++;
        stack.pop();
        record(frame.depth, frame.start);
      }
    }
  } catch (e) {
    return e instanceof Stop ? { message: e.message, offset: e.offset } : { message: String(e), offset: i };
  }
}

export const jsonSource = defineKind({
  type: 'json',
  scheme: 'semver',
  description: 'A string at a dotted key path of a JSON file (package.json).',
  options: {
    key: text().describe('json: dotted key path (default version).'),
  },
  label: (o) => o.key ?? 'version',
  locate: locateJsonVersion,
  detect: ({ read }) => {
    const pkg = read('package.json');
    const hit = pkg === undefined ? undefined : locateJsonVersion(pkg, { key: 'version' }).hits[0];
    return hit ? [{ source: { file: 'package.json', type: 'json' as const, key: 'version' }, value: hit.value, mayBePrimary: true }] : [];
  },
});
