import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import semver from 'semver';
import { compareVersions, isSemver, newerCorePattern, semver as scheme } from '../../src/version/semver.js';
import { TagReader } from '../../src/version/tags.js';

describe('isSemver', () => {
  it.each(['0.2.0', '1.0.0-rc.1', '1.0.0+build.5', '1.0.0-alpha-1.2+x.y', '10.20.30'])('accepts %s', (v) => expect(isSemver(v)).toBe(true));
  it.each(['0.2', 'v0.2.0', '01.2.3', '1.2.3-', '1.2.3.4', '1.0.0rc1', ' 1.2.3', '1.2.3-01'])('rejects %s', (v) => expect(isSemver(v)).toBe(false));
});

describe('TagReader (SemVer)', () => {
  const reader = (prefix: string) => new TagReader(prefix, scheme);
  it('reads the version after the prefix and ignores other tags', () => {
    expect(reader('v').version('v0.2.0')).toBe('0.2.0');
    expect(reader('').version('0.2.0')).toBe('0.2.0');
    expect(reader('v').version('v0.2')).toBeUndefined();
    expect(reader('v').version('latest')).toBeUndefined();
    expect(reader('heimdall-mcp-').version('heimdall-mcp-1.0.0')).toBe('1.0.0');
  });
});

describe('compareVersions', () => {
  it('orders by SemVer precedence, the example of the specification included', () => {
    const ordered = [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.0.1',
      '1.1.0',
      '1.10.0',
      '2.0.0',
    ];
    for (let i = 0; i < ordered.length; i++)
      for (let j = 0; j < ordered.length; j++)
        expect(Math.sign(compareVersions(ordered[i]!, ordered[j]!)), `${ordered[i]} vs ${ordered[j]}`).toBe(Math.sign(i - j));
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

  it('TagReader.newest finds the semver maximum among tag names and ignores the rest', () => {
    fc.assert(
      fc.property(
        fc.array(version, { minLength: 1, maxLength: 30 }),
        fc.array(fc.constantFrom('latest', 'v1.2', 'v01.2.3', 'x1.0.0', 'v1.0.0.0'), { maxLength: 5 }),
        (versions, junk) => {
          const newest = new TagReader('v', scheme).newest([...junk, ...versions.map((v) => `v${v}`)]);
          expect(newest && semver.compare(newest.version, semver.sort([...versions]).at(-1)!)).toBe(0);
        },
      ),
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
