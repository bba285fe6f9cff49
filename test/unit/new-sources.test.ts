// The ini, text and setup(version=…) adapters: where the version is, and exactly which bytes a bump replaces.
import { describe, expect, it } from 'vitest';
import { locateIniVersion } from '../../src/sources/ini.js';
import { locateCallArgument } from '../../src/sources/python/call.js';
import { locateTextVersion } from '../../src/sources/text.js';
import { yamlSource } from '../../src/sources/yaml.js';
import type { Located } from '../../src/sources/types.js';

/** The text with every hit replaced, as bump would write it. */
const bumped = (text: string, located: Located, to: string) =>
  [...located.hits].sort((a, b) => b.start - a.start).reduce((t, h) => t.slice(0, h.start) + to + t.slice(h.end), text);

describe('text: a VERSION file', () => {
  it('is its whole trimmed content, and a bump keeps the newline, BOM and CRLF', () => {
    const text = '\uFEFF 1.2.0\r\n';
    const located = locateTextVersion(text, {});
    expect(located.hits.map((h) => h.value)).toEqual(['1.2.0']);
    expect(bumped(text, located, '1.3.0')).toBe('\uFEFF 1.3.0\r\n');
  });

  it('refuses an empty file and a file with more than the version, located', () => {
    expect(locateTextVersion('\n \n', {}).problems[0]).toMatchObject({ kind: 'not-found', message: 'the file is empty; it should hold only the version' });
    expect(locateTextVersion('1.0.0\nrelease notes\n', {}).problems[0]).toMatchObject({ kind: 'parse-error', offset: 5 });
  });
});

describe('ini: setup.cfg [metadata] version', () => {
  const cfg = '[metadata]\nname = demo\n; a comment\nVersion : 0.4.1\n\n[options]\nversion = 9.9.9\n';
  it('finds the key case-insensitively in its section only, and bumps only its value', () => {
    const located = locateIniVersion(cfg, {});
    expect(located.hits.map((h) => h.value)).toEqual(['0.4.1']);
    expect(bumped(cfg, located, '0.5.0')).toBe(cfg.replace('0.4.1', '0.5.0'));
    expect(locateIniVersion(cfg, { section: 'options' }).hits[0]!.value).toBe('9.9.9');
  });

  it('keeps trailing spaces and CRLF outside the value', () => {
    const text = '[metadata]\r\nversion = 1.0.0  \r\n';
    expect(bumped(text, locateIniVersion(text, {}), '2.0.0')).toBe('[metadata]\r\nversion = 2.0.0  \r\n');
  });

  it('says where an attr:/file: directive points, and refuses duplicates and bad lines with offsets', () => {
    expect(locateIniVersion('[metadata]\nversion = attr: pkg.__version__\n', {}).problems[0]).toMatchObject({
      kind: 'dynamic',
      message: '[metadata] version is read from the attribute pkg.__version__; configure that source instead',
      offset: 21,
    });
    expect(locateIniVersion('[metadata]\nversion = 1\nversion = 2\n', {}).problems[0]).toMatchObject({ kind: 'ambiguous', offset: 33 });
    expect(locateIniVersion('[metadata]\njunk line\n', {}).problems[0]).toMatchObject({ kind: 'parse-error', offset: 11 });
    expect(locateIniVersion('[tool:pytest]\n', {}).problems[0]!.message).toBe('no [metadata] section');
    expect(locateIniVersion('[metadata]\nversion =\n  1.0\n', {}).problems[0]!.kind).toBe('uncheckable');
  });
});

describe('python: a keyword argument of setup()', () => {
  it('reads setup(version="…") and setuptools.setup(…) at module level, not in a function', () => {
    const text =
      'from setuptools import setup\n\ndef f():\n    setup(version="9.9.9")\n\nif __name__ == "__main__":\n    setup(\n        name="demo",\n        version=\'1.4.0\',  # here\n    )\n';
    const located = locateCallArgument(text, { call: 'setup' });
    expect(located.hits.map((h) => h.value)).toEqual(['1.4.0']);
    expect(bumped(text, located, '1.5.0')).toBe(text.replace("'1.4.0'", "'1.5.0'"));
    expect(locateCallArgument('import setuptools\nsetuptools.setup(version="2.0")\n', { call: 'setup' }).hits[0]!.value).toBe('2.0');
  });

  it('follows version=NAME to the module-level literal', () => {
    const text = '__version__ = "3.1.0"\nsetup(name="x", version=__version__)\n';
    expect(locateCallArgument(text, { call: 'setup' }).hits).toEqual([{ value: '3.1.0', start: 15, end: 20 }]);
  });

  it('reports what it cannot check and a missing argument', () => {
    expect(locateCallArgument('setup(version=get_version())\n', { call: 'setup' }).problems[0]).toMatchObject({ kind: 'uncheckable', offset: 6 });
    expect(locateCallArgument('setup(name="x")\n', { call: 'setup' }).problems[0]!.message).toBe('no module-level setup(…) call with a version= argument');
  });
});

describe('yaml: CITATION.cff version', () => {
  const load = async () => (await yamlSource.load!()) as (text: string, o: { key?: string }) => Located;
  it('finds a plain or quoted version, and a bump keeps quotes, comments and CRLF', async () => {
    const locate = await load();
    const cff = 'cff-version: 1.2.0\r\nmessage: "cite me"\r\nversion: 2.1.0 # the release\r\ntitle: demo\r\n';
    const plain = locate(cff, {});
    expect(plain.hits.map((h) => h.value)).toEqual(['2.1.0']);
    expect(bumped(cff, plain, '2.2.0')).toBe(cff.replace('2.1.0', '2.2.0'));
    const quoted = "version: '3.0.0'\n";
    expect(bumped(quoted, locate(quoted, {}), '3.0.1')).toBe("version: '3.0.1'\n");
    expect(locate('meta:\n  version: "4.0"\n', { key: 'meta.version' }).hits[0]!.value).toBe('4.0');
  });

  it('locates broken YAML, duplicate keys and a missing key', async () => {
    const locate = await load();
    expect(locate('version: 1.0.0\nversion: 1.0.1\n', {}).problems[0]).toMatchObject({ kind: 'ambiguous', offset: 15 });
    expect(locate('version: [1.0\n', {}).problems[0]!.kind).toBe('parse-error');
    expect(locate('title: x\n', {}).problems[0]!.message).toBe('no "version" key');
    expect(locate('version: |\n  1.0\n', {}).problems[0]!.kind).toBe('uncheckable');
  });
});
