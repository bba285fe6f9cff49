// JSON: the one JSON reader (src/formats/json.ts) says where the value at the key path sits and
// where malformed JSON breaks.
import { text } from '../config/fields.js';
import { visitJson } from '../formats/json.js';
import { excerpt } from './excerpt.js';
import { defineKind } from './kind.js';
import type { Located, Locator, SourceProblem } from './types.js';

export const locateJsonVersion: Locator<{ key?: string }> = (text, options) => {
  const label = options.key ?? 'version';
  const none = (problem: SourceProblem): Located => ({ hits: [], lookups: [], problems: [problem], label });
  const wanted = label.split('.');
  const onPath = (path: readonly (string | number)[], length: number) => path.length === length && path.every((p, i) => p === wanted[i]);
  let found: { start: number; end: number; value?: string } | undefined;
  let duplicate: { key: string; offset: number } | undefined;
  const error = visitJson(text, {
    key: (name, offset, path, repeated) => {
      if (repeated && !duplicate && onPath(path, path.length) && path.length < wanted.length && name === wanted[path.length])
        duplicate = { key: wanted.slice(0, path.length + 1).join('.'), offset };
    },
    value: (path, start, end, value) => {
      if (!found && onPath(path, wanted.length)) found = { start, end, value };
    },
  });
  if (error) return none({ kind: 'parse-error', code: error.code, message: `invalid JSON: ${error.message}`, offset: error.offset });
  if (duplicate) {
    const message = `"${duplicate.key}" appears more than once in the same object; keep one (none is checked until then)`;
    return none({ kind: 'ambiguous', message, offset: duplicate.offset });
  }
  if (!found) return none({ kind: 'not-found', message: `no "${label}" key` });
  if (found.value === undefined) {
    const raw = text.slice(found.start, found.end);
    const shown = raw.startsWith('{') ? 'an object' : raw.startsWith('[') ? 'an array' : excerpt(raw);
    return none({ kind: 'not-found', message: `"${label}" must be a string, not ${shown}`, offset: found.start });
  }
  return { hits: [{ value: found.value, start: found.start + 1, end: found.end - 1 }], lookups: [], problems: [], label };
};

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
