// Key paths into JSON: the syntax (quoting, selectors, errors said where) and what a json source finds with one.
import { describe, expect, it } from 'vitest';
import { parseKeyPath } from '../../src/formats/key-path.js';
import { locateJsonVersion } from '../../src/sources/json.js';
import { validateConfig } from '../../src/config/schema.js';

const MARKETPLACE = `{
  "name": "heimdall-tools",
  "plugins": [
    { "name": "other", "version": "9.9.9" },
    { "name": "heimdall", "source": "./", "version": "0.3.7" },
    { "name": "my plugin", "version": "1.0.0" }
  ]
}
`;
const at = (text: string, key: string) => {
  const located = locateJsonVersion(text, { key });
  return { values: located.hits.map((h) => text.slice(h.start, h.end)), problems: located.problems };
};

describe('parseKeyPath', () => {
  it.each([
    ['version', [{ name: 'version', selectors: [] }]],
    [
      'tool.version',
      [
        { name: 'tool', selectors: [] },
        { name: 'version', selectors: [] },
      ],
    ],
    [
      'plugins[name=heimdall].version',
      [
        { name: 'plugins', selectors: [{ field: 'name', equals: 'heimdall' }] },
        { name: 'version', selectors: [] },
      ],
    ],
    ['a[0][2]', [{ name: 'a', selectors: [{ index: 0 }, { index: 2 }] }]],
    [
      '"a.b"."c[d]"',
      [
        { name: 'a.b', selectors: [] },
        { name: 'c[d]', selectors: [] },
      ],
    ],
    ['plugins["na=me"="my \\"x\\" plugin"]', [{ name: 'plugins', selectors: [{ field: 'na=me', equals: 'my "x" plugin' }] }]],
    [
      'packages[identifier=heimdall-mcp].version',
      [
        { name: 'packages', selectors: [{ field: 'identifier', equals: 'heimdall-mcp' }] },
        { name: 'version', selectors: [] },
      ],
    ],
  ])('reads %s', (text, path) => expect(parseKeyPath(text)).toEqual({ path }));

  it.each([
    ['', 'a key is missing at character 1'],
    ['a.', 'a key is missing at character 3'],
    ['a..b', 'expected a key, found "." at character 3'],
    ['a[', 'a field name is missing at character 3'],
    ['a[name]', 'expected "=" after the field name (write [field=value] or [index]) at character 7'],
    ['a[name=x', 'expected "]" at character 9'],
    ['a[name=]', 'expected a value, found "]" at character 8'],
    ['"a', 'an unterminated quoted key at character 1'],
    ['"a\\q"', 'an invalid escape in the quoted key at character 1'],
    ['a]b', 'expected "." or "[", found "]" at character 2'],
    ['a[99999999999]', 'an index too large at character 3'],
  ])('says where %j breaks', (text, error) => expect(parseKeyPath(text)).toEqual({ error: `${error} of ${JSON.stringify(text)}` }));
});

describe('a json source with an element selector', () => {
  it('finds the version of the element whose field has the value', () => {
    expect(at(MARKETPLACE, 'plugins[name=heimdall].version')).toEqual({ values: ['0.3.7'], problems: [] });
    expect(at(MARKETPLACE, 'plugins[name="my plugin"].version')).toEqual({ values: ['1.0.0'], problems: [] });
    expect(at(MARKETPLACE, 'plugins[1].version')).toEqual({ values: ['0.3.7'], problems: [] });
  });

  it('reports no element that matches, located at the array', () => {
    const { problems } = at(MARKETPLACE, 'plugins[name=heimdal].version');
    expect(problems).toEqual([{ kind: 'not-found', message: '"plugins" has no element whose "name" is "heimdal"', offset: MARKETPLACE.indexOf('[') }]);
    expect(at(MARKETPLACE, 'plugins[7].version').problems[0]).toMatchObject({ message: '"plugins" has no element 7 (it has 3)' });
  });

  it('reports an element without the key after it as a missing key, named by the path', () => {
    expect(at(MARKETPLACE, 'plugins[name=heimdall].tag').problems).toEqual([{ kind: 'not-found', message: 'no "plugins[name=heimdall].tag" key' }]);
  });

  it('reports two matching elements as ambiguous, at the second', () => {
    const text = '{"plugins":[{"name":"a","version":"1"},{"name":"a","version":"2"}]}';
    expect(at(text, 'plugins[name=a].version').problems).toEqual([
      { kind: 'ambiguous', message: 'plugins[name=a] selects 2 elements; make it select one (none is checked until then)', offset: 39 },
    ]);
  });

  it('reports a selector on something that is not an array', () => {
    expect(at('{"plugins":{"name":"a"}}', 'plugins[name=a].version').problems).toEqual([
      { kind: 'not-found', message: '"plugins" must be an array to select plugins[name=a]', offset: 11 },
    ]);
  });

  it('reports a repeated key on the way, named by the path up to it', () => {
    const text = '{"plugins":[{"name":"a","version":"1","version":"2"}]}';
    expect(at(text, 'plugins[name=a].version').problems[0]).toMatchObject({
      kind: 'ambiguous',
      message: expect.stringContaining('"plugins[name=a].version" appears more than once'),
    });
  });

  it('compares only string values, exactly', () => {
    expect(at('{"p":[{"n":1,"version":"1"},{"n":"1","version":"2"}]}', 'p[n=1].version').values).toEqual(['2']);
    expect(at('{"p":[{"n":"A","version":"1"}]}', 'p[n=a].version').problems[0]).toMatchObject({ kind: 'not-found' });
  });

  it('reads quoted keys that hold dots', () => {
    expect(at('{"a.b":{"version":"1.0.0"},"a":{"b":{"version":"2.0.0"}}}', '"a.b".version').values).toEqual(['1.0.0']);
  });
});

describe('a key path that does not parse in the configuration', () => {
  it('is refused at the source key that holds it, with an example of quoting', () => {
    const result = validateConfig({
      sources: [
        { file: 'pyproject.toml', type: 'toml', key: 'project.version' },
        { file: 'm.json', type: 'json', key: 'plugins[name].version' },
      ],
    });
    expect(result).toEqual({
      problems: [
        'sources[1].key: not a key path: expected "=" after the field name (write [field=value] or [index]) at character 13 of "plugins[name].version"; names holding . [ ] = or " go in double quotes, e.g. plugins[name="heimdall.mcp"].version',
      ],
    });
  });
});
