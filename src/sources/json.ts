// JSON: the one JSON reader (src/formats/json.ts) says where the value at the key path sits and
// where malformed JSON breaks. A key path may select array elements (src/formats/key-path.ts):
// `plugins[name=heimdall].version`.
import { text } from '../config/fields.js';
import { type JsonPath, visitJson } from '../formats/json.js';
import { type KeyPath, keyPathProblem, parseKeyPath, type Selector } from '../formats/key-path.js';
import { pluginSources } from '../mcp/manifests.js';
import { distributionIn } from '../core/names.js';
import { readTomlTree } from './toml.js';
import { excerpt } from './excerpt.js';
import { defineKind } from './kind.js';
import type { Located, Locator, SourceProblem } from './types.js';

interface Seen {
  start: number;
  end: number;
  value?: string;
}

/** One level of the document a key path descends: a key, or an array element (by index, by a field's value). */
type Step = { key: string } | { selector: Selector; shown: string };

const stepsOf = (path: KeyPath, shownAt: (segment: number, selector: number) => string): Step[] =>
  path.flatMap((segment, s): Step[] => [{ key: segment.name }, ...segment.selectors.map((selector, k) => ({ selector, shown: shownAt(s, k) }))]);

/** Every element of a selected array is seen (the index is checked when resolving, so a miss can say how many there are). */
const matches = (step: Step, part: string | number) => ('key' in step ? part === step.key : typeof part === 'number');

/** Whether the value at `path` can matter: on the way down the steps, or the field an element selector compares. */
function relevant(steps: Step[], path: JsonPath): boolean {
  for (let k = 0; k < path.length; k++) {
    const step = steps[k];
    if (step && matches(step, path[k]!)) continue;
    const before = steps[k - 1];
    return k === path.length - 1 && before !== undefined && 'selector' in before && 'field' in before.selector && path[k] === before.selector.field;
  }
  return true;
}

export const locateJsonVersion: Locator<{ key?: string }> = (text, options) => {
  const label = options.key ?? 'version';
  const none = (problem: SourceProblem): Located => ({ hits: [], lookups: [], problems: [problem], label });
  const parsed = parseKeyPath(label);
  if ('error' in parsed) return none({ kind: 'not-found', message: keyPathProblem(label)! });
  // What each step is called in messages: the key path's text up to it.
  const shownUpTo = (segment: number, selector?: number) => shownPath(parsed.path, segment, selector);
  const steps = stepsOf(parsed.path, shownUpTo);
  const stepNames = parsed.path.flatMap((segment, s) => [shownUpTo(s), ...segment.selectors.map((_, k) => shownUpTo(s, k))]);
  const seen = new Map<string, Seen>();
  const elements = new Map<string, number[]>();
  const repeated = new Map<string, number>();
  const error = visitJson(text, {
    key: (name, offset, path, again) => {
      if (again && relevant(steps, [...path, name])) {
        const id = JSON.stringify([...path, name]);
        if (!repeated.has(id)) repeated.set(id, offset);
      }
    },
    value: (path, start, end, value) => {
      if (!relevant(steps, path)) return;
      const id = JSON.stringify(path);
      if (!seen.has(id)) seen.set(id, { start, end, ...(value === undefined ? {} : { value }) });
      const last = path.at(-1);
      if (typeof last === 'number') {
        const parent = JSON.stringify(path.slice(0, -1));
        elements.set(parent, [...(elements.get(parent) ?? []), last]);
      }
    },
  });
  if (error) return none({ kind: 'parse-error', code: error.code, message: `invalid JSON: ${error.message}`, offset: error.offset });
  let candidates: JsonPath[] = [[]];
  for (const [k, step] of steps.entries()) {
    const next: JsonPath[] = [];
    for (const at of candidates) {
      if ('key' in step) {
        const path = [...at, step.key];
        const twice = repeated.get(JSON.stringify(path));
        if (twice !== undefined) {
          const message = `"${stepNames[k]}" appears more than once in the same object; keep one (none is checked until then)`;
          return none({ kind: 'ambiguous', message, offset: twice });
        }
        if (seen.has(JSON.stringify(path))) next.push(path);
        continue;
      }
      const array = seen.get(JSON.stringify(at))!;
      if (text[array.start] !== '[')
        return none({ kind: 'not-found', message: `"${stepNames[k - 1]}" must be an array to select ${step.shown}`, offset: array.start });
      const indexes = elements.get(JSON.stringify(at)) ?? [];
      const { selector } = step;
      for (const i of indexes) {
        if ('index' in selector ? i === selector.index : seen.get(JSON.stringify([...at, i, selector.field]))?.value === selector.equals) next.push([...at, i]);
      }
      if (next.length === 0) {
        const which =
          'index' in selector
            ? `has no element ${selector.index} (it has ${indexes.length})`
            : `has no element whose "${selector.field}" is "${selector.equals}"`;
        return none({ kind: 'not-found', message: `"${stepNames[k - 1]}" ${which}`, offset: array.start });
      }
      if (next.length > 1) {
        const message = `${step.shown} selects ${next.length} elements; make it select one (none is checked until then)`;
        return none({ kind: 'ambiguous', message, offset: seen.get(JSON.stringify(next[1]))!.start });
      }
    }
    candidates = next;
    if (candidates.length === 0) return none({ kind: 'not-found', message: `no "${stepNames[k]}" key` });
  }
  const found = seen.get(JSON.stringify(candidates[0]))!;
  if (found.value === undefined) {
    const raw = text.slice(found.start, found.end);
    const shown = raw.startsWith('{') ? 'an object' : raw.startsWith('[') ? 'an array' : excerpt(raw);
    return none({ kind: 'not-found', message: `"${label}" must be a string, not ${shown}`, offset: found.start });
  }
  return { hits: [{ value: found.value, start: found.start + 1, end: found.end - 1 }], lookups: [], problems: [], label };
};

/** The key path written out up to a segment (and one of its selectors), as a user would write it. */
function shownPath(path: KeyPath, segment: number, selector?: number): string {
  const word = (w: string) => (/^[^.[\]="\\]+$/.test(w) ? w : JSON.stringify(w));
  return path
    .slice(0, segment + 1)
    .map((s, i) => {
      const upTo = i < segment ? s.selectors.length : selector === undefined ? 0 : selector + 1;
      const selectors = s.selectors.slice(0, upTo).map((sel) => ('index' in sel ? `[${sel.index}]` : `[${word(sel.field)}=${word(sel.equals)}]`));
      return word(s.name) + selectors.join('');
    })
    .join('.');
}

export const jsonSource = defineKind({
  type: 'json',
  scheme: 'semver',
  description: 'A string at a key path of a JSON file (package.json); the path may select array elements: plugins[name=heimdall].version.',
  options: {
    key: text({ check: keyPathProblem }).describe(
      'json: the key path (default version): dotted keys, each optionally followed by [index] or [field=value] to select an array element, e.g. plugins[name=heimdall].version; a name holding . [ ] = or " goes in double quotes.',
    ),
  },
  label: (o) => o.key ?? 'version',
  plainHits: true,
  locate: locateJsonVersion,
  detect: ({ read }) => {
    const pkg = read('package.json');
    const hit = pkg === undefined ? undefined : locateJsonVersion(pkg, { key: 'version' }).hits[0];
    const pyproject = read('pyproject.toml');
    const plugins = pluginSources(read, pyproject === undefined ? undefined : distributionIn(readTomlTree(pyproject))).map(({ file, key, value }) => ({
      source: { file, type: 'json' as const, key },
      value,
      keep: 'a plugin manifest',
    }));
    return [...(hit ? [{ source: { file: 'package.json', type: 'json' as const, key: 'version' }, value: hit.value, mayBePrimary: true }] : []), ...plugins];
  },
});
