// Hostile version strings, in process: a version longer than any real one (256 characters) is invalid
// at once in every scheme, and what reads, orders and scans versions and tag names grows with them
// no faster than their length (the results are asserted; a super-linear step shows as a crash, a
// pattern of quadratic size, or a run that does not end).
import { describe, expect, it } from 'vitest';
import { nextVersion } from '../../src/version/next-version.js';
import { pep440 } from '../../src/version/pep440.js';
import { canonical, type VersionScheme } from '../../src/version/scheme.js';
import { sameVersion } from '../../src/version/same.js';
import { loadScheme, policyOf, versioningOf } from '../../src/version/schemes.js';
import { semver } from '../../src/version/semver.js';
import { shortForm } from '../../src/version/short.js';
import { TagReader } from '../../src/version/tags.js';

const HOSTILE: Record<string, string> = {
  '"1." * 5000': '1.'.repeat(5000),
  '"1." * 5000 + "1" (10 KB)': `${'1.'.repeat(5000)}1`,
  '40 KB of release numbers': `${'1.'.repeat(20000)}1`,
  'a 40 KB number': '9'.repeat(40000),
  'a 40 KB pre-release': `1.0.0-${'a.'.repeat(20000)}a`,
  'a 40 KB local part': `1.0+${'a.'.repeat(20000)}a`,
  'a 40 KB CalVer counter': `2026.${'1'.repeat(40000)}`,
  '257 characters': `${'1.'.repeat(128)}1`,
  'a number of 250 digits in 256 characters': `1.0.${'9'.repeat(250)}`,
  'a number of 16 digits': '1.0.1234567890123456',
};
/** The longest versions allowed: 256 characters. */
const LONGEST = { pep440: `${'1.'.repeat(127)}10`, semver: `1.0.0-${'a'.repeat(250)}` };

const schemes = async (): Promise<[string, VersionScheme][]> => [
  ['PEP 440', pep440],
  ['SemVer', semver],
  ['CalVer YYYY.N', await loadScheme('calver', versioningOf(['calver', { format: 'YYYY.N' }]))],
  ['the short X.Y form', shortForm(pep440)],
];

describe('a version longer than 256 characters', () => {
  it('is invalid at once in every scheme: no meaning, no spelling', async () => {
    for (const [title, scheme] of await schemes()) {
      for (const [what, version] of Object.entries(HOSTILE)) {
        expect({ title, what, valid: scheme.valid(version), parse: scheme.parse(version), canonical: canonical(scheme, version) }).toEqual({
          title,
          what,
          valid: false,
          parse: undefined,
          canonical: undefined,
        });
        expect(scheme.valid(` ${version}`)).toBe(false);
      }
    }
  });

  it('is no version one scheme shares with another', () => {
    for (const version of Object.values(HOSTILE)) {
      expect(sameVersion({ scheme: pep440, value: version }, { scheme: semver, value: version })).toBe(false);
      expect(sameVersion({ scheme: pep440, value: version }, { scheme: pep440, value: `${version}.0` })).toBe(false);
    }
  });

  it('is no version bump can set, and no current version it can bump', () => {
    const policy = policyOf('pep440');
    for (const version of Object.values(HOSTILE)) {
      expect(nextVersion(pep440, '1.0.0', version, { policy, others: [semver], now: new Date() })).toMatchObject({ exitCode: 2 });
      expect(nextVersion(pep440, version, 'patch', { policy, now: new Date() })).toMatchObject({ exitCode: 2 });
    }
  });

  it('ends where the longest real versions are still read', () => {
    expect([pep440.valid(LONGEST.pep440), semver.valid(LONGEST.semver)]).toEqual([true, true]);
    expect([LONGEST.pep440.length, LONGEST.semver.length]).toEqual([256, 256]);
    expect([pep440.valid(`${LONGEST.pep440}0`), semver.valid(`${LONGEST.semver}a`)]).toEqual([false, false]);
    expect(pep440.compare(LONGEST.pep440, `${'1.'.repeat(127)}9`)).toBe(1);
  });
});

describe('tags with hostile names', () => {
  const hostileTags = Object.values(HOSTILE).map((v) => `v${v}`);

  it('are no version tags, among 10,000 that are', () => {
    const names = [...Array.from({ length: 10000 }, (_, i) => `v1.${i % 100}.${Math.floor(i / 100)}`), ...hostileTags];
    for (const scheme of [pep440, semver]) {
      const tags = new TagReader('v', scheme, scheme === pep440 ? semver : pep440);
      expect(hostileTags.map((t) => tags.version(t))).toEqual(hostileTags.map(() => undefined));
      expect(hostileTags.some((t) => tags.isNewer(t, '1.0.0'))).toBe(false);
      expect(tags.newest(names)).toEqual({ name: 'v1.99.99', version: '1.99.99' });
    }
  });

  it("meet a scanning pattern that grows with the version's length, not faster", async () => {
    const calver = await loadScheme('calver', versioningOf(['calver', { format: 'YYYY.N' }]));
    const cases: [VersionScheme, VersionScheme | undefined, string, string][] = [
      [pep440, undefined, LONGEST.pep440, `${'1.'.repeat(127)}11`],
      [pep440, semver, `1.0.${'9'.repeat(15)}`, `1.1.0`],
      [pep440, undefined, `1${'0'.repeat(14)}`, `1${'0'.repeat(13)}1`],
      [semver, undefined, LONGEST.semver, `1.0.1`],
      [semver, pep440, `1.0.0-rc.${'9'.repeat(15)}`, `1.0.0`],
      [semver, undefined, `1.0.${'9'.repeat(15)}`, `1.1.0`],
      [calver, undefined, '2026.1', '2026.2'],
    ];
    for (const [scheme, other, version, newer] of cases) {
      const tags = new TagReader('v', scheme, other ? [other] : []);
      const pattern = tags.newerPattern(version)!;
      expect({ version, size: pattern.length <= 100 * version.length + 1000 }).toEqual({ version, size: true });
      const re = new RegExp(`^${pattern}$`);
      expect([re.test(newer), tags.isNewer(`v${newer}`, version)]).toEqual([true, true]);
      // A tag name of 40 KB is scanned and refused.
      for (const name of hostileTags) expect(tags.isNewer(name, version)).toBe(false);
      expect(re.test(`${version}${'.1'.repeat(20000)}x`)).toBeTypeOf('boolean');
    }
  });
});
