// JSON: JSON.parse says whether the document is valid; a small scanner finds where the value sits.
import type { Locator, SourceProblem } from './types.js';

interface Found {
  start: number;
  end: number;
  value: unknown;
  raw: string;
}

export const locateJsonVersion: Locator = (text, options) => {
  const label = options.key ?? 'version';
  const none = (problem: SourceProblem) => ({ hits: [], lookups: [], problems: [problem], label });
  const path = label.split('.');
  let scanned: Found[];
  try {
    scanned = scanJson(text, path);
  } catch (e) {
    const err = e as Error & { offset?: number };
    return none({ kind: 'parse-error', message: `invalid JSON: ${err.message}`, offset: err.offset });
  }
  if (scanned.length === 0) return none({ kind: 'not-found', message: `no "${label}" key` });
  if (scanned.length > 1) return none({ kind: 'ambiguous', message: `"${label}" appears ${scanned.length} times; keep one` });
  const found = scanned[0]!;
  if (typeof found.value !== 'string') return none({ kind: 'not-found', message: `"${label}" must be a string, not ${found.raw}`, offset: found.start });
  return { hits: [{ value: found.value, start: found.start + 1, end: found.end - 1 }], lookups: [], problems: [], label };
};

/** Where and why a JSON text is malformed, or undefined when it is valid. */
export function jsonSyntaxError(text: string): { message: string; offset?: number } | undefined {
  try {
    scanJson(text, []);
    return undefined;
  } catch (e) {
    return { message: (e as Error).message, offset: (e as Error & { offset?: number }).offset };
  }
}

/** Scans the whole document (so malformed JSON is reported with its offset) and collects the values at `path`. */
function scanJson(text: string, path: string[]): Found[] {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const found: Found[] = [];
  const fail = (what: string): never => {
    throw Object.assign(new Error(what), { offset: i });
  };
  const space = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i]!)) i++;
  };
  const string = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i++;
      else if (text.charCodeAt(i) < 0x20) fail('control character in a string');
      i++;
    }
    if (i >= text.length) ((i = start), fail('unterminated string'));
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (at: string[] | undefined): void => {
    space();
    const start = i;
    const c = text[i];
    if (c === '{') {
      i++;
      space();
      if (text[i] === '}') return void i++;
      for (;;) {
        space();
        if (text[i] !== '"') fail('expected a key');
        const key = string();
        space();
        if (text[i] !== ':') fail('expected ":"');
        i++;
        const deeper = at && at.length < path.length && path[at.length] === key ? [...at, key] : undefined;
        value(deeper);
        space();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else fail('expected "," or "}"');
      }
    }
    if (c === '[') {
      i++;
      space();
      if (text[i] === ']') return void i++;
      for (;;) {
        value(undefined);
        space();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else fail('expected "," or "]"');
      }
    }
    if (c === '"') string();
    else {
      const m = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 64));
      if (!m) fail('unexpected character');
      i += m![0].length;
    }
    if (at && at.length === path.length) {
      const raw = text.slice(start, i);
      found.push({ start, end: i, value: JSON.parse(raw), raw });
    }
  };
  value(path.length ? [] : undefined);
  space();
  if (i < text.length) fail('unexpected text after the document');
  return found;
}
