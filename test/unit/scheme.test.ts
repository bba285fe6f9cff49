import { describe, expect, it } from 'vitest';
import { pep440 } from '../../src/version/pep440.js';
import { semver } from '../../src/version/semver.js';
import { canonical, type VersionScheme } from '../../src/version/scheme.js';
import { sameVersion } from '../../src/version/same.js';
import { leadingShort, shortForm } from '../../src/version/short.js';

const spelled = (scheme: VersionScheme, from: VersionScheme, v: string) => {
  const m = from.parse(v);
  return m && scheme.spell(m);
};

describe('the PEP 440 scheme', () => {
  it.each([
    ['0.3.0rc1', '0.3.0rc1'],
    ['0.3.0-rc.1', '0.3.0rc1'],
    ['0.3.0-rc1', '0.3.0rc1'],
    ['1.0.0-alpha.2', '1.0.0a2'],
    ['1.0.0-beta', '1.0.0b0'],
    ['1.0-1', '1.0.post1'],
    ['1.0.POST1', '1.0.post1'],
    ['2.0.0.dev3', '2.0.0.dev3'],
    ['1!2.0', '1!2.0'],
    ['v1.0', '1.0'],
    [' 1.0 ', '1.0'],
    ['01.02', '1.2'],
    ['1.0+AbC-01_x', '1.0+abc.1.x'],
    ['1.0+0x1', '1.0+0x1'],
  ])('spells %s canonically as %s', (v, c) => expect(canonical(pep440, v)).toBe(c));

  it('refuses what is no PEP 440 version', () => {
    for (const v of ['1.0.0-foo', '', 'latest', '1.0+', '1..0', '1.0-rc.1.2']) expect(pep440.valid(v)).toBe(false);
  });

  it('orders dev < a < b < rc < final < post, epochs first, local after public', () => {
    const order = ['1.0.dev0', '1.0a1', '1.0a2.dev1', '1.0a2', '1.0b1', '1.0rc1', '1.0', '1.0+local', '1.0.post1.dev0', '1.0.post1', '1.0.1', '1!0.1'];
    for (let i = 1; i < order.length; i++) expect(pep440.compare(order[i - 1]!, order[i]!)).toBe(-1);
    expect(pep440.compare('1.0', '1.0.0')).toBe(0);
    expect(pep440.compare('1.0.0.post1', '1.0.0')).toBe(1);
    expect(pep440.compare('1.0.1.dev0', '1.0.1b1')).toBe(-1);
  });
});

describe('spellings across the schemes', () => {
  it('gives SemVer spellings where a mapping exists', () => {
    expect(spelled(semver, pep440, '0.3.0rc1')).toEqual({ version: '0.3.0-rc.1' });
    expect(spelled(semver, pep440, '1.0a1')).toEqual({ version: '1.0.0-alpha.1' });
    expect(spelled(semver, pep440, '1.0.0.dev2')).toEqual({ version: '1.0.0-dev.2' });
    expect(spelled(semver, pep440, '1.0+abc.5')).toEqual({ version: '1.0.0+abc.5' });
  });

  it('says precisely why no mapping exists', () => {
    expect(spelled(semver, pep440, '1.0.0.post1')).toEqual({ none: expect.stringContaining('no post-releases') });
    expect(spelled(semver, pep440, '1!1.0')).toEqual({ none: expect.stringContaining('epoch') });
    expect(spelled(semver, pep440, '1.0.0.1')).toEqual({ none: expect.stringContaining('three release numbers') });
    expect(semver.parse('1.0.0-foo.1')).toBeUndefined();
  });

  it('compares by meaning once PEP 440 is involved', () => {
    const p = (value: string) => ({ scheme: pep440, value });
    const s = (value: string) => ({ scheme: semver, value });
    expect(sameVersion(p('0.3.0rc1'), s('0.3.0-rc.1'))).toBe(true);
    expect(sameVersion(p('0.3.0rc1'), s('0.3.0-rc1'))).toBe(true);
    expect(sameVersion(p('1.0'), p('1.0.0'))).toBe(true);
    expect(sameVersion(p('1.0+abc'), s('1.0.0+ABC'))).toBe(true);
    expect(sameVersion(p('0.3.0rc1'), s('0.3.0-rc.2'))).toBe(false);
    expect(sameVersion(p('1.0.0.post1'), s('1.0.0-post.1'))).toBe(false);
    expect(sameVersion(s('1.0.0-rc.1'), s('1.0.0-rc1'))).toBe(false);
  });
});

describe('newer-tag patterns', () => {
  const newer = (scheme: VersionScheme, version: string, tags: string[]) => {
    const re = new RegExp(`^${scheme.newerPattern(version)}$`);
    return tags.filter((t) => re.test(t));
  };
  it('match every newer PEP 440 version, including short, padded and epoch forms', () => {
    const tags = ['1.2.4', '1.3', '2', '01.3.0', '1!0.1', '1.2.3.1', '1.2.3.post1', '1.2.3+x', '10.0.0', '1.10'];
    expect(newer(pep440, '1.2.3', tags)).toEqual(tags);
    expect(newer(pep440, '1.2.3', ['1.1.9', '0.9', '1.2.2.post9', '0.10.0'])).toEqual([]);
    // The same release numbers are candidates, compared in full.
    expect(newer(pep440, '1.2.3', ['1.2', '1.2.3rc1'])).toEqual(['1.2', '1.2.3rc1']);
  });
});

describe('the Python meaning of SemVer pre-releases (what release builds)', () => {
  it.each([
    ['0.2.0', '0.2.0'],
    ['0.3.0-rc.1', '0.3.0rc1'],
    ['1.0.0-alpha.2', '1.0.0a2'],
    ['1.0.0-beta', '1.0.0b0'],
    ['1.0.0-dev.3', '1.0.0.dev3'],
    ['1.0.0+Local-Build.2', '1.0.0+local.build.2'],
  ])('%s → %s', (v, python) => expect(spelled(pep440, semver, v)).toEqual({ version: python }));

  it('has none for pre-releases Python cannot express, nor for a SemVer "post" (a pre-release there)', () => {
    for (const v of ['1.0.0-foo.1', '1.0.0-rc.1.2', '1.0.0-post.1']) expect(semver.parse(v)).toBeUndefined();
  });
});

describe('the short X.Y form (Sphinx’s version)', () => {
  const short = shortForm(pep440);
  it.each([
    ['0.3', '0.3.0', true],
    ['0.3', '0.3.1', true],
    ['0.3', '0.3.0rc1', true],
    ['0.3', '0.3', true],
    ['0.03', '0.3.2', true],
    ['0.3', '0.30.0', false],
    ['0.3', '0.4.0', false],
    ['1.0', '1', true],
    ['0.3', '1!0.3.0', true],
    ['0.3', '1!0.4.0', false],
  ])('%s agrees with %s: %s', (s, full, same) => {
    expect(sameVersion({ scheme: short, value: s }, { scheme: pep440, value: full })).toBe(same);
    expect(sameVersion({ scheme: pep440, value: full }, { scheme: short, value: s })).toBe(same);
  });

  it('agrees with a SemVer version by its MAJOR.MINOR too', () => {
    expect(sameVersion({ scheme: short, value: '2.1' }, { scheme: semver, value: '2.1.0-rc.1' })).toBe(true);
    expect(sameVersion({ scheme: short, value: '2.1' }, { scheme: semver, value: '2.2.0' })).toBe(false);
    // A SemVer pre-release with no PEP 440 meaning still has a MAJOR.MINOR.
    expect(sameVersion({ scheme: short, value: '2.1' }, { scheme: semver, value: '2.1.0-foo' })).toBe(true);
    expect(sameVersion({ scheme: short, value: '2.1' }, { scheme: semver, value: 'x.1.0' })).toBe(false);
  });

  it('states only MAJOR.MINOR, and refuses what has more or less', () => {
    for (const v of ['0.3', ' 1.20 ']) expect(short.valid(v)).toBe(true);
    for (const v of ['0.3.0', '1', '0.3rc1', 'v0.3', '']) expect(short.valid(v)).toBe(false);
    expect(spelled(short, pep440, '4.5.6.post2')).toEqual({ version: '4.5' });
    expect(spelled(short, pep440, '1!4.5.6')).toEqual({ version: '4.5' });
  });

  it('reads the leading X.Y of a spelling for init', () => {
    expect(['0.3.0rc1', '01.002', '7', 'v1.0'].map(leadingShort)).toEqual(['0.3', '1.2', '7.0', undefined]);
  });
});
