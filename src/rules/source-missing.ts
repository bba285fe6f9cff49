import { defineRule, type Report } from './types.js';

export const sourceMissing = defineRule({
  meta: {
    id: 'source-missing',
    description: 'Every configured source can be read and holds its version exactly where configured.',
    defaultSeverity: 'error',
    messages: {
      unreadable: '{problem}',
      // Without a configuration the layout decides the sources: say which, where it does not fit.
      unreadableInLayout:
        '{problem}; no configuration was found, and this is where the layout says the version is ({layout}; heimdall-version init writes a configuration)',
      problem: '{problem}',
      primaryProblem: '{problem} (this is the primary source)',
      uncheckable: '{problem}',
      runtimeOnly: '{label} is only looked up at runtime; the primary source must state the version as a literal',
    },
    options: {},
  },
  check: ({ sources, layout }) =>
    sources.flatMap((source) => {
      type Id = 'unreadable' | 'unreadableInLayout' | 'problem' | 'primaryProblem' | 'uncheckable' | 'runtimeOnly';
      const inLayout: Record<string, string> = layout ? { layout: layout.reason } : {};
      const reports: Report<Id>[] = source.problems.map((p) => ({
        messageId:
          p.kind === 'unreadable'
            ? layout
              ? 'unreadableInLayout'
              : 'unreadable'
            : p.kind === 'uncheckable'
              ? 'uncheckable'
              : source.primary
                ? 'primaryProblem'
                : 'problem',
        data: { problem: p.message, kind: p.kind, ...inLayout },
        file: source.file,
        line: p.line,
        column: p.column,
        warnOnly: p.kind === 'uncheckable',
      }));
      if (source.primary && source.problems.length === 0 && source.hits.length === 0)
        reports.push({
          messageId: 'runtimeOnly',
          data: { label: source.label },
          file: source.file,
          line: source.lookups[0]?.line,
          column: source.lookups[0]?.column,
        });
      return reports;
    }),
});
