// A key path into a JSON document: dotted names, each optionally followed by selectors of array
// elements, `[2]` by index or `[name=heimdall]` by the value of a field. A name or a value that holds
// `.`, `[`, `]`, `=` or `"` is written in double quotes with JSON's escapes: `"a.b".version`,
// `plugins[name="heimdall.mcp"].version`. Pure: parses the text a configuration gives.

export type Selector = { index: number } | { field: string; equals: string };

export interface KeySegment {
  name: string;
  selectors: Selector[];
}

export type KeyPath = KeySegment[];

const SPECIAL = /[.[\]="\\]/;

/** Parses a key path, or says where and why it does not parse. */
export function parseKeyPath(text: string): { path: KeyPath } | { error: string } {
  let i = 0;
  const fail = (what: string) => ({ error: `${what} at character ${i + 1} of ${JSON.stringify(text)}` });
  /** A bare run up to a special character, or a quoted JSON string. */
  const word = (what: string): string | { error: string } => {
    if (text[i] === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (j >= text.length) return fail(`an unterminated quoted ${what}`);
      try {
        const value = JSON.parse(text.slice(i, j + 1)) as string;
        i = j + 1;
        return value;
      } catch {
        return fail(`an invalid escape in the quoted ${what}`);
      }
    }
    const start = i;
    while (i < text.length && !SPECIAL.test(text[i]!)) i++;
    if (i === start) return fail(text[i] === undefined ? `a ${what} is missing` : `expected a ${what}, found "${text[i]}"`);
    return text.slice(start, i);
  };
  const path: KeyPath = [];
  for (;;) {
    const name = word('key');
    if (typeof name !== 'string') return name;
    const segment: KeySegment = { name, selectors: [] };
    while (text[i] === '[') {
      i++;
      if (/^\d+\]/.test(text.slice(i))) {
        const digits = /^\d+/.exec(text.slice(i))![0];
        if (digits.length > 9) return fail('an index too large');
        segment.selectors.push({ index: Number(digits) });
        i += digits.length;
      } else {
        const field = word('field name');
        if (typeof field !== 'string') return field;
        if (text[i] !== '=') return fail('expected "=" after the field name (write [field=value] or [index])');
        i++;
        const equals = word('value');
        if (typeof equals !== 'string') return equals;
        segment.selectors.push({ field, equals });
      }
      if (text[i] !== ']') return fail('expected "]"');
      i++;
    }
    path.push(segment);
    if (i === text.length) return { path };
    if (text[i] !== '.') return fail(`expected "." or "[", found "${text[i]}"`);
    i++;
  }
}

/** A key path's problem for the configuration's message, or undefined when it parses. */
export const keyPathProblem = (text: string): string | undefined => {
  const parsed = parseKeyPath(text);
  return 'error' in parsed
    ? `not a key path: ${parsed.error}; names holding . [ ] = or " go in double quotes, e.g. plugins[name="heimdall.mcp"].version`
    : undefined;
};
