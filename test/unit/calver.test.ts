// CalVer in process: its formats, the spelling a format gives a version, the order of versions and
// tags, the policy, and `bump release` against an injected date (the command line uses today's).
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/config/schema.js';
import { nextVersion } from '../../src/version/next-version.js';
import { canonical, type VersionScheme } from '../../src/version/scheme.js';
import { sameVersion } from '../../src/version/same.js';
import { loadScheme, policyOf, versioningOf, type VersioningSetting } from '../../src/version/schemes.js';
import { semver } from '../../src/version/semver.js';
import { shortForm } from '../../src/version/short.js';
import { pep440 } from '../../src/version/pep440.js';
import { TagReader } from '../../src/version/tags.js';

const setting = (format: string): VersioningSetting => ['calver', { format }];
const calver = (format: string) => loadScheme('calver', versioningOf(setting(format)));
const day = (iso: string) => new Date(`${iso}T12:00:00Z`);

describe('CalVer versions', () => {
  it.each([
    [
      'YYYY.0M.0D',
      ['2026.01.05', '2026.12.31', '2024.02.29', '2026.1.5'],
      ['2026.13.01', '2026.02.29', '2026.00.10', '2026.01', '2026.01.05.1', '26.01.05', 'v2026.01.05', '2026.01.05rc1', ' 2026.01.05', '2026.1.a', ''],
    ],
    ['YYYY.N', ['2026.0', '2026.17', '2026.012'], ['2026', '2026.1.0', '999.1', '10000.1']],
    ['YY.0M.N', ['26.01.0', '26.1.3', '106.12.9'], ['2026.01.0', '26.13.0']],
    ['YYYY.MM', ['2026.1', '2026.12'], ['2026.13', '2026.1.1']],
  ])('%s accepts %j and refuses %j', async (format, good, bad) => {
    const scheme = await calver(format);
    expect(good.filter((v) => !scheme.valid(v))).toEqual([]);
    expect(bad.filter((v) => scheme.valid(v))).toEqual([]);
  });

  it.each([
    ['YYYY.0M.0D', '2026.1.5', '2026.01.05'],
    ['YYYY.0M.0D', '02026.01.05', '2026.01.05'],
    ['YYYY.MM.DD', '2026.01.05', '2026.1.5'],
    ['0Y.0M', '6.1', '06.01'],
    ['YY.MM.N', '26.01.007', '26.1.7'],
  ])('in %s, %s is spelled %s', async (format, version, spelled) => {
    expect(canonical(await calver(format), version)).toBe(spelled);
  });

  it('means what PEP 440 and SemVer mean by the same numbers', async () => {
    const scheme = await calver('YYYY.0M.0D');
    expect(sameVersion({ scheme, value: '2026.01.05' }, { scheme: semver, value: '2026.1.5' })).toBe(true);
    expect(sameVersion({ scheme, value: '2026.01.05' }, { scheme: pep440, value: '2026.1.5.0' })).toBe(true);
    expect(sameVersion({ scheme, value: '2026.1.5' }, { scheme, value: '2026.01.05' })).toBe(true);
    expect(sameVersion({ scheme, value: '2026.01.05' }, { scheme: semver, value: '2026.1.6' })).toBe(false);
    expect(scheme.spell(pep440.parse('2026.1.5rc1')!)).toEqual({ none: expect.stringContaining('no epoch, pre-, post-, dev- or local part') });
    expect(scheme.spell(pep440.parse('2026.2.30')!)).toEqual({ none: '2026-2 has no day 30' });
    // A format with fewer parts reads a SemVer spelling whose extra parts are zero.
    expect((await calver('YYYY.N')).spell(semver.parse('2026.3.0')!)).toEqual({ version: '2026.3' });
  });

  it("writes the short X.Y form (Sphinx's version) in the format's padding", async () => {
    const padded = shortForm(await calver('YYYY.0M.0D'));
    expect(padded.spell(pep440.parse('2026.1.5')!)).toEqual({ version: '2026.01' });
    expect(sameVersion({ scheme: padded, value: '2026.01' }, { scheme: pep440, value: '2026.1.5' })).toBe(true);
    expect(shortForm(await calver('YYYY.MM.DD')).spell(pep440.parse('2026.1.5')!)).toEqual({ version: '2026.1' });
    expect(shortForm(await calver('0Y.0M.N')).spell(pep440.parse('6.1.3')!)).toEqual({ version: '06.01' });
    expect(shortForm(pep440).spell(pep440.parse('2026.1.5')!)).toEqual({ version: '2026.1' });
  });

  it('orders versions by their numbers, whatever their padding', async () => {
    const scheme = await calver('YYYY.0M.0D');
    const order = ['2025.12.31', '2026.1.5', '2026.01.10', '2026.2.01', '2026.10.01'];
    for (let i = 1; i < order.length; i++) expect(scheme.compare(order[i - 1]!, order[i]!)).toBe(-1);
    expect(scheme.compare('2026.1.5', '2026.01.05')).toBe(0);
  });

  it('finds every newer tag with one pattern, padded or not, and no older one', async () => {
    const scheme = await calver('YYYY.0M.0D');
    const re = new RegExp(`^${scheme.newerPattern('2026.01.05')}$`);
    expect(['2026.01.06', '2026.1.6', '2026.02.01', '2027.01.01', '2026.010.01', '02027.1.1'].filter((t) => !re.test(t))).toEqual([]);
    expect(['2026.01.05', '2026.1.5', '2026.01.04', '2025.12.31', '2026.00.09'].filter((t) => re.test(t))).toEqual([]);
  });

  it("reads tags in its own spelling and in SemVer's", async () => {
    const scheme = await calver('YYYY.0M.0D');
    const tags = new TagReader('v', scheme, [semver]);
    expect(tags.newest(['v2026.01.05', 'v2026.1.9', 'v2026.02.01-rc.1', 'vlatest', 'v2026.13.01'])).toEqual({ name: 'v2026.1.9', version: '2026.1.9' });
    expect(tags.isNewer('v2026.2.1', '2026.01.31')).toBe(true);
  });
});

describe('the "calver" versioning policy', () => {
  it('is chosen with its format, which the configuration checks', () => {
    const problems = (versioning: unknown) => {
      const result = validateConfig({ versioning });
      return 'problems' in result ? result.problems : [];
    };
    expect(problems(['calver', { format: 'YYYY.0M.0D' }])).toEqual([]);
    expect(problems('calver')).toEqual(['versioning: "calver" needs its options: ["calver", { … }]']);
    expect(problems(['calver', {}])).toEqual(['versioning[1].format: is required: the CalVer format, e.g. "YYYY.0M.0D" or "YYYY.N"']);
    expect(problems(['calver', { format: 'YYYY.WW' }])).toEqual([
      expect.stringMatching(/^versioning\[1\]\.format: must be a CalVer format: a year \(YYYY, YY or 0Y\)/),
    ]);
    expect(problems(['calver', { format: 'MM.YYYY' }])).toHaveLength(1);
    expect(problems(['semver', {}])).toEqual(['versioning: must be one of semver, pep440, calver, or [name, options] for calver']);
    expect(problems('zerover')).toEqual(['versioning: must be one of semver, pep440, calver, or [name, options] for calver']);
  });

  it('allows only versions of the format, through any scheme that reads them', () => {
    const policy = policyOf(setting('YYYY.0M.0D'));
    expect(policy.allows(semver.parse('2026.1.5'))).toBe(true);
    expect(policy.allows(semver.parse('2026.1.5-rc.1'))).toBe(false);
    expect(policy.allows(pep440.parse('1.2.3'))).toBe(false);
    expect(policy.levels).toEqual(['release']);
  });
});

describe('bump release under CalVer', () => {
  const bump = async (format: string, current: string, now: string, spec = 'release', reader?: VersionScheme) => {
    const scheme = reader ?? (await calver(format));
    const next = nextVersion(scheme, current, spec, { policy: policyOf(setting(format)), now: day(now) });
    return 'version' in next ? next.version : next.error;
  };

  it("sets today's date (UTC), spelled as the format says", async () => {
    expect(await bump('YYYY.0M.0D', '2026.01.05', '2026-03-09')).toBe('2026.03.09');
    expect(await bump('YYYY.MM.DD', '2026.1.5', '2026-03-09')).toBe('2026.3.9');
    expect(await bump('YY.0M', '25.12', '2026-01-01')).toBe('26.01');
    // The day is UTC's: 23:30 in New York on the 8th is the 9th.
    const next = nextVersion(await calver('YYYY.0M.0D'), '2026.01.05', 'release', {
      policy: policyOf(setting('YYYY.0M.0D')),
      now: new Date('2026-03-08T23:30:00-05:00'),
    });
    expect(next).toMatchObject({ version: '2026.03.09' });
  });

  it('counts N up within the period and starts again from 0 in the next one', async () => {
    expect(await bump('YYYY.N', '2026.3', '2026-12-31')).toBe('2026.4');
    expect(await bump('YYYY.N', '2026.3', '2027-01-01')).toBe('2027.0');
    expect(await bump('YYYY.0M.N', '2026.01.7', '2026-01-31')).toBe('2026.01.8');
    expect(await bump('YYYY.0M.N', '2026.01.7', '2026-02-01')).toBe('2026.02.0');
    expect(await bump('YYYY.0M.0D.N', '2026.03.09.0', '2026-03-09')).toBe('2026.03.09.1');
  });

  it('refuses a second release the same day when the format has no N, and a version dated after today', async () => {
    expect(await bump('YYYY.0M.0D', '2026.03.09', '2026-03-09')).toBe(
      "cannot bump release from 2026.03.09: it is today's version already (2026-03-09, UTC), and the format YYYY.0M.0D has no counter N for another release",
    );
    expect(await bump('YYYY.N', '2027.0', '2026-12-31')).toBe('cannot bump release from 2027.0: its date is after today (2026-12-31, UTC)');
  });

  it("bumps a SemVer-read primary (package.json) the same way, in SemVer's spelling", async () => {
    expect(await bump('YYYY.0M.0D', '2026.1.5', '2026-03-09', 'release', semver)).toBe('2026.3.9');
  });

  it('takes an explicit version in any spelling, and has no other level', async () => {
    expect(await bump('YYYY.0M.0D', '2026.01.05', '2026-03-09', '2026.2.1')).toBe('2026.02.01');
    expect(await bump('YYYY.0M.0D', '2026.01.05', '2026-03-09', 'v2026.02.01')).toBe('2026.02.01');
    expect(await bump('YYYY.0M.0D', '2026.01.05', '2026-03-09', '2026.1.4')).toBe(
      '2026.01.04 is not newer than the current version 2026.01.05; use --force to set it anyway',
    );
    expect(await bump('YYYY.0M.0D', '2026.01.05', '2026-03-09', 'patch')).toBe('the "calver" versioning policy has no patch releases; its levels are release');
    expect(await bump('YYYY.0M.0D', '2026.01.05', '2026-03-09', '2026.13.01')).toBe(
      '"2026.13.01" is neither a bump level (major, minor, patch, premajor, preminor, prepatch, prerelease, post, dev, release) nor a CalVer YYYY.0M.0D version',
    );
  });
});
