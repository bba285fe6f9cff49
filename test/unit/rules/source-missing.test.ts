// source-missing, as a table run in-process: the projects it passes, and the id and position of each report it makes.
import { sourceMissing } from '../../../src/rules/source-missing.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { pyproject, TWO_SOURCES, versionPy } from '../../helpers/rule-fixtures.js';

const hatch =
  '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n\n[project]\nname = "demo"\ndynamic = ["version"]\n\n[tool.hatch.version]\npath = "demo/__about__.py"\n';

ruleTester(sourceMissing, {
  valid: [
    { name: 'every source holds its version', config: TWO_SOURCES, files: { 'pyproject.toml': pyproject('1.2.0'), 'demo/__init__.py': versionPy('1.2.0') } },
    {
      name: 'a runtime lookup with a literal fallback beside a literal primary',
      config: TWO_SOURCES,
      files: {
        'pyproject.toml': pyproject('1.2.0'),
        'demo/__init__.py': 'from importlib.metadata import version\ntry:\n    __version__ = version("demo")\nexcept Exception:\n    __version__ = "1.2.0"\n',
      },
    },
    {
      name: 'a runtime lookup alone, in a source that is not the primary',
      config: TWO_SOURCES,
      files: { 'pyproject.toml': pyproject('1.2.0'), 'demo/__init__.py': 'from importlib.metadata import version\n__version__ = version("demo")\n' },
    },
    { name: 'zero configuration: the file the layout names is there', files: { 'pyproject.toml': hatch, 'demo/__about__.py': versionPy('1.2.0') } },
  ],
  invalid: [
    {
      name: 'a configured file that does not exist',
      config: TWO_SOURCES,
      files: { 'pyproject.toml': pyproject('1.2.0') },
      errors: [{ messageId: 'unreadable', file: 'demo/__init__.py' }],
    },
    {
      name: 'a file that is not UTF-8, at its first bad byte',
      config: TWO_SOURCES,
      files: { 'pyproject.toml': pyproject('1.2.0'), 'demo/__init__.py': Buffer.concat([Buffer.from('__version__ = "1.2.0"\n# '), Buffer.from([0xff])]) },
      errors: [{ messageId: 'unreadable', file: 'demo/__init__.py', line: 2, column: 3 }],
    },
    {
      name: 'zero configuration: the file the layout names is absent',
      files: { 'pyproject.toml': hatch },
      errors: [{ messageId: 'unreadableInLayout', file: 'demo/__about__.py', data: { layout: '[tool.hatch.version] path = "demo/__about__.py"' } }],
    },
    {
      name: 'a source without its variable',
      config: TWO_SOURCES,
      files: { 'pyproject.toml': pyproject('1.2.0'), 'demo/__init__.py': 'x = 1\n' },
      errors: [{ messageId: 'problem', file: 'demo/__init__.py', data: { kind: 'not-found' } }],
    },
    {
      name: 'the primary without its key',
      config: TWO_SOURCES,
      files: { 'pyproject.toml': '[project]\nname = "demo"\n', 'demo/__init__.py': versionPy('1.2.0') },
      errors: [{ messageId: 'primaryProblem', file: 'pyproject.toml', data: { kind: 'not-found' } }],
    },
    {
      name: 'a version assigned from a call that is no metadata lookup is a warning at the call',
      config: TWO_SOURCES,
      files: { 'pyproject.toml': pyproject('1.2.0'), 'demo/__init__.py': 'import os\n__version__ = os.environ["V"]\n' },
      errors: [{ messageId: 'uncheckable', file: 'demo/__init__.py', line: 2, column: 1, severity: 'warn' }],
    },
    {
      name: 'a primary that only looks the version up at runtime, at the lookup',
      config: { sources: [{ file: 'demo/__init__.py', type: 'python', primary: true }] },
      files: { 'pyproject.toml': pyproject('1.2.0'), 'demo/__init__.py': 'from importlib.metadata import version\n__version__ = version("demo")\n' },
      errors: [{ messageId: 'runtimeOnly', file: 'demo/__init__.py', line: 2, column: 24 }],
    },
  ],
});
