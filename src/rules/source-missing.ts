import type { Rule } from './types.js';

export const sourceMissing: Rule = {
  id: 'source-missing',
  description: 'Every configured source can be read and holds its version exactly where configured.',
  defaultSeverity: 'error',
  check: ({ project }) =>
    project.sources.flatMap((source) =>
      source.problems.map((p) => ({
        message: p.kind === 'unreadable' ? p.message : `${p.message}${source.primary && p.kind !== 'uncheckable' ? ' (this is the primary source)' : ''}`,
        file: source.file,
        line: p.line,
        column: p.column,
        warnOnly: p.kind === 'uncheckable',
      })),
    ),
};
