import type { Report, Rule } from './types.js';

export const sourceMissing: Rule = {
  id: 'source-missing',
  description: 'Every configured source can be read and holds its version exactly where configured.',
  defaultSeverity: 'error',
  check: ({ project }) =>
    project.sources.flatMap((source): Report[] => {
      // Without a configuration the layout decides the sources: say which, where it does not fit.
      const hint = project.layout ? `; no configuration was found, and this is where the layout says the version is (${project.layout.reason}; heimdall-version init writes a configuration)` : '';
      const reports: Report[] = source.problems.map((p) => ({
        message: p.kind === 'unreadable' ? `${p.message}${hint}` : `${p.message}${source.primary && p.kind !== 'uncheckable' ? ' (this is the primary source)' : ''}`,
        file: source.file,
        line: p.line,
        column: p.column,
        warnOnly: p.kind === 'uncheckable',
      }));
      if (source.primary && source.problems.length === 0 && source.hits.length === 0)
        reports.push({ message: `${source.label} is only looked up at runtime; the primary source must state the version as a literal`, file: source.file, line: source.lookups[0]?.line, column: source.lookups[0]?.column });
      return reports;
    }),
};
