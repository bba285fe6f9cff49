// mcpb-python, as a table run in-process: the Python an MCP bundle admits against requires-python.
import { describe, expect, it } from 'vitest';
import { lowestPython, mcpbPython } from '../../../src/rules/mcpb-python.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const pyproject = (extra = '', deps = '"mcp>=1.9"') =>
  `[project]\nname = "demo-mcp"\nversion = "1.2.0"\nreadme = "README.md"\nrequires-python = ">=3.10"\ndependencies = [${deps}]\n${extra}\n[project.scripts]\ndemo-mcp = "demo.server:main"\n`;
const SOURCES = { sources: [{ file: 'pyproject.toml', type: 'toml', primary: true }] };

const manifest = (python: string) =>
  `{\n  "manifest_version": "0.3",\n  "version": "1.2.0",\n  "compatibility": { "runtimes": { "python": "${python}" } }\n}\n`;

ruleTester(mcpbPython, {
  valid: [
    { name: 'the same lower bound', config: SOURCES, files: { 'pyproject.toml': pyproject(), 'manifest.json': manifest('>=3.10') } },
    { name: 'a narrower range', config: SOURCES, files: { 'pyproject.toml': pyproject(), 'manifest.json': manifest('>=3.11,<4.0') } },
    { name: 'no manifest', config: SOURCES, files: { 'pyproject.toml': pyproject() } },
    { name: 'a manifest.json that is no bundle', config: SOURCES, files: { 'pyproject.toml': pyproject(), 'manifest.json': '{"python":">=2"}' } },
  ],
  invalid: [
    {
      name: 'the bundle admits an older Python than requires-python',
      config: SOURCES,
      files: { 'pyproject.toml': pyproject(), 'manifest.json': manifest('>=3.8') },
      errors: [{ messageId: 'admitsOlder', file: 'manifest.json', line: 4, column: 47, data: { lowest: '3.8', required: '>=3.10' } }],
    },
  ],
});

describe('version ranges', () => {
  it.each([
    ['>=3.10', [3, 10, 0]],
    ['>3.9', [3, 9, 1]],
    ['>=3.8,<4.0', [3, 8, 0]],
    ['~=3.11', [3, 11, 0]],
    ['<4', undefined],
  ])('the lowest Python of %j', (range, lowest) => expect(lowestPython(range)).toEqual(lowest));
});
