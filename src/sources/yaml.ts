// YAML (CITATION.cff `version:`): the yaml library parses and keeps each node's source range, so the
// version's bytes are found exactly; it is loaded only when a yaml source is read.
import { text as textField } from '../config/fields.js';
import { defineKind } from './kind.js';
import type { Located, Locator, SourceProblem } from './types.js';

type YamlLib = typeof import('yaml');

function locateYamlVersion(yaml: YamlLib, text: string, options: { key?: string }): Located {
  const key = options.key ?? 'version';
  const none = (problem: SourceProblem): Located => ({ hits: [], lookups: [], problems: [problem], label: key });
  const doc = yaml.parseDocument(text, { uniqueKeys: true });
  const error = doc.errors[0];
  if (error) {
    const duplicate = error.code === 'DUPLICATE_KEY';
    // The yaml library reports its own stack running out (collections nested thousands deep) as an error.
    const words = error.message.split('\n')[0]!.replace(/^Maximum call stack size exceeded/, 'nested too deeply to read');
    return none({ kind: duplicate ? 'ambiguous' : 'parse-error', message: `${duplicate ? '' : 'invalid YAML: '}${words}`, offset: error.pos[0] });
  }
  const node = doc.getIn(key.split('.'), true);
  if (node === undefined || node === null) return none({ kind: 'not-found', message: `no "${key}" key` });
  if (!yaml.isScalar(node) || !node.range) return none({ kind: 'not-found', message: `"${key}" must be a plain or quoted string` });
  const [start, end] = node.range;
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
  const from = quoted ? start + 1 : start;
  const to = quoted ? end - 1 : end;
  const value = text.slice(from, to);
  if (node.type !== 'PLAIN' && !quoted)
    return none({ kind: 'uncheckable', message: `"${key}" is a block scalar; write the version on its line`, offset: start });
  if (value.includes('\\') || value.includes("''") || value.includes('\n'))
    return none({ kind: 'uncheckable', message: `"${key}" has an escape or spans lines; write it plainly`, offset: start });
  return { hits: [{ value, start: from, end: to }], lookups: [], problems: [], label: key };
}

export const yamlSource = defineKind({
  type: 'yaml',
  scheme: 'primary',
  description: 'A string at a dotted key of a YAML file (CITATION.cff version).',
  options: {
    key: textField().describe('yaml: dotted key (default version).'),
  },
  label: (o) => o.key ?? 'version',
  load: async (): Promise<Locator<{ key?: string }>> => {
    const yaml = await import('yaml');
    return (text, options) => locateYamlVersion(yaml, text, options);
  },
});
