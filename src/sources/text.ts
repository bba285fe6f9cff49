// A plain text file that holds only the version (VERSION, version.txt): its whole content, trimmed.
import { excerpt } from './excerpt.js';
import { defineKind } from './kind.js';
import type { Locator } from './types.js';

export const locateTextVersion: Locator<object> = (text) => {
  const label = 'the whole file';
  const lead = /^\uFEFF?\s*/.exec(text)![0].length;
  const end = text.trimEnd().length;
  if (end <= lead) return { hits: [], lookups: [], problems: [{ kind: 'not-found', message: 'the file is empty; it should hold only the version' }], label };
  const value = text.slice(lead, end);
  const inner = /\s/.exec(value);
  if (inner) {
    return {
      hits: [],
      lookups: [],
      problems: [
        {
          kind: 'parse-error',
          message: `the file should hold only the version, but "${excerpt(value.slice(0, inner.index))}" is followed by more text`,
          offset: lead + inner.index,
        },
      ],
      label,
    };
  }
  return { hits: [{ value, start: lead, end }], lookups: [], problems: [], label };
};

export const textSource = defineKind({
  type: 'text',
  scheme: 'pep440',
  description: 'A file that holds only the version (VERSION): its whole content, trimmed.',
  options: {},
  label: () => 'the whole file',
  plainHits: true,
  locate: locateTextVersion,
});
