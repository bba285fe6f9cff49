// The python source kind: a module-level assignment of a Python file, or a keyword argument of a
// module-level call. The reader lives in src/sources/python/ (tokenize → statements → bindings → classify → locate).
import { flag, text as textField } from '../config/fields.js';
import { defineKind } from './kind.js';
import { locateCallArgument } from './python/call.js';
import { locatePythonVersion } from './python/locate.js';
import { detectSphinx } from './python/sphinx.js';

/** Python files that usually hold a version (in a package, not at the root). */
const VERSION_FILES = new Set(['__init__.py', 'version.py', '_version.py', '__version__.py', '__about__.py']);

export const pythonSource = defineKind({
  type: 'python',
  scheme: 'pep440',
  description: 'A module-level assignment of a Python file: a string literal, or a runtime metadata lookup with its fallback.',
  options: {
    variable: textField().describe('python: the variable (default: __version__, SYSTEM_VERSION or VERSION).'),
    call: textField().describe('python: read a keyword argument of this module-level call (e.g. setup) instead of a variable.'),
    keyword: textField().describe('python with call: the keyword (default version).'),
    short: flag().describe(
      "python: the value is the short X.Y form of the version (Sphinx's `version` in docs/conf.py), compared with and bumped to the primary's MAJOR.MINOR; never the primary.",
    ),
  },
  conflict: (o) =>
    o.call && o.variable
      ? `"call" and "variable" are two ways to read a python source: give one (for both, configure two sources)`
      : !o.call && o.keyword
        ? '"keyword" goes with "call"'
        : undefined,
  label: (o) => (o.call ? `${o.call}(${o.keyword ?? 'version'}=…)` : (o.variable ?? '__version__')),
  plainHits: true,
  locate: (text, o) => (o.call ? locateCallArgument(text, { call: o.call, keyword: o.keyword }) : locatePythonVersion(text, o)),
  detect: ({ read, files }) => [
    ...files()
      .filter((file) => file.includes('/') && VERSION_FILES.has(file.slice(file.lastIndexOf('/') + 1)))
      .flatMap((file) => {
        const content = read(file);
        if (content === undefined) return [];
        // init also looks for a lower-case `version` (checking never guesses it: it is often an import).
        const found = locatePythonVersion(content, {});
        const located = found.hits.length || found.lookups.length ? found : locatePythonVersion(content, { variable: 'version' });
        const value = located.hits[0]?.value;
        const lookup = located.lookups[0]?.distribution;
        return value === undefined && lookup === undefined ? [] : [{ source: { file, type: 'python' as const, variable: located.label }, value, lookup }];
      }),
    ...detectSphinx(read),
  ],
});
