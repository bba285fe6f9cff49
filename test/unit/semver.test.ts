import { describe, expect, it } from 'vitest';
import inc from 'semver/functions/inc.js';
import { nextVersion as next } from '../../src/version/next-version.js';
import fc from 'fast-check';
import semver from 'semver';
import { compareVersions, isSemver, newerCorePattern, newestTag, tagVersion } from '../../src/version/semver.js';

describe('isSemver', () => {
  it.each(['0.2.0', '1.0.0-rc.1', '1.0.0+build.5', '1.0.0-alpha-1.2+x.y', '10.20.30'])('accepts %s', (v) => expect(isSemver(v)).toBe(true));
  it.each(['0.2', 'v0.2.0', '01.2.3', '1.2.3-', '1.2.3.4', '1.0.0rc1', ' 1.2.3', '1.2.3-01'])('rejects %s', (v) => expect(isSemver(v)).toBe(false));
});

const nextVersion = (...args: [string, string, { preid?: string; force?: boolean }?]) => next(inc, ...args);

describe('nextVersion', () => {
  it.each([
    ['0.2.0', 'major', undefined, '1.0.0'],
    ['0.2.0', 'minor', undefined, '0.3.0'],
    ['0.2.0', 'patch', undefined, '0.2.1'],
    ['0.2.0', 'preminor', 'rc', '0.3.0-rc.0'],
    ['0.3.0-rc.0', 'prerelease', 'rc', '0.3.0-rc.1'],
    ['0.3.0-rc.1', 'patch', undefined, '0.3.0'],
    ['0.2.0', 'prerelease', undefined, '0.2.1-0'],
    ['0.2.0', 'v0.4.0', undefined, '0.4.0'],
  ])('%s %s (preid %s) → %s', (from, spec, preid, to) => {
    expect(nextVersion(from, spec, { preid })).toEqual({ version: to });
  });

  it('rejects what is neither a level nor a version with exit 2', () => {
    expect(nextVersion('0.2.0', 'mayor')).toMatchObject({ exitCode: 2 });
    expect(nextVersion('0.2.0', '1.0')).toMatchObject({ exitCode: 2 });
    expect(nextVersion('0.2.0', 'minor', { preid: 'r c' })).toMatchObject({ exitCode: 2 });
  });

  it('refuses a version that is not newer with exit 1, unless forced', () => {
    expect(nextVersion('0.2.0', '0.2.0')).toMatchObject({ exitCode: 1 });
    expect(nextVersion('0.2.0', '0.1.0', { force: true })).toEqual({ version: '0.1.0' });
  });
});

describe('tagVersion', () => {
  it('reads the version after the prefix and ignores other tags', () => {
    expect(tagVersion('v0.2.0', 'v')).toBe('0.2.0');
    expect(tagVersion('0.2.0', '')).toBe('0.2.0');
    expect(tagVersion('v0.2', 'v')).toBeUndefined();
    expect(tagVersion('latest', 'v')).toBeUndefined();
    expect(tagVersion('heimdall-mcp-1.0.0', 'heimdall-mcp-')).toBe('1.0.0');
  });
});

describe('compareVersions', () => {
  it('orders by SemVer precedence, the example of the specification included', () => {
    const ordered = ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0', '1.0.1', '1.1.0', '1.10.0', '2.0.0'];
    for (let i = 0; i < ordered.length; i++)
      for (let j = 0; j < ordered.length; j++) expect(Math.sign(compareVersions(ordered[i]!, ordered[j]!)), `${ordered[i]} vs ${ordered[j]}`).toBe(Math.sign(i - j));
    expect(compareVersions('1.0.0+build.1', '1.0.0+build.2')).toBe(0);
  });
});

describe('property: ordering agrees with the semver package', () => {
  const ident = fc.oneof(fc.nat(20).map(String), fc.constantFrom('alpha', 'beta', 'rc', 'x-1', '0a'));
  const version = fc
    .tuple(fc.nat(12), fc.nat(12), fc.nat(12), fc.option(fc.array(ident, { minLength: 1, maxLength: 3 })))
    .map(([a, b, c, pre]) => `${a}.${b}.${c}${pre ? `-${pre.join('.')}` : ''}`);

  it('compareVersions matches semver.compare', () => {
    fc.assert(fc.property(version, version, (a, b) => Math.sign(compareVersions(a, b)) === semver.compare(a, b)));
  });

  it('newestTag finds the semver maximum among tag names and ignores the rest', () => {
    fc.assert(
      fc.property(fc.array(version, { minLength: 1, maxLength: 30 }), fc.array(fc.constantFrom('latest', 'v1.2', 'v01.2.3', 'x1.0.0', 'v1.0.0.0'), { maxLength: 5 }), (versions, junk) => {
        const newest = newestTag([...junk, ...versions.map((v) => `v${v}`)], 'v');
        expect(newest && semver.compare(newest.version, semver.sort([...versions]).at(-1)!)).toBe(0);
      }),
    );
  });
});

describe('property: newerCorePattern matches exactly the cores above the version', () => {
  const num = fc.oneof(fc.nat(12), fc.nat(100_000));
  const core = fc.tuple(num, num, num).map(([a, b, c]) => `${a}.${b}.${c}`);
  it('agrees with compareVersions on the core', () => {
    fc.assert(
      fc.property(core, core, fc.constantFrom('', '-rc.1', '+build'), (current, other, suffix) => {
        const matches = new RegExp(`^${newerCorePattern(current + suffix)}$`).test(other);
        return matches === compareVersions(other, current) > 0;
      }),
      { numRuns: 2000 },
    );
  });
});
