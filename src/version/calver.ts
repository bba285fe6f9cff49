// CalVer (calver.org): versions that are dates in a configured format, such as YYYY.0M.0D or YYYY.N.
// Every CalVer version is a PEP 440 version, so CalVer refines PEP 440: as the project's versioning
// it reads the files PEP 440 reads. Each part is a number (2026.1.5 means 2026.01.05): versions are
// compared by their numbers and written as the format spells them (0M and 0D zero-padded).
import { text } from '../config/fields.js';
import { defineScheme, type Bumped, type Meaning, type Policy, type Spelled, type VersionScheme } from './scheme.js';
import { beyondLimits } from './limits.js';
import { above } from './semver.js';

const FORMAT = '^(?:YYYY|YY|0Y)(?:\\.(?:MM|0M)(?:\\.(?:DD|0D))?)?(?:\\.N)?$';
const FORMAT_WORDS =
  'must be a CalVer format: a year (YYYY, YY or 0Y), then optionally a month (MM or 0M) and a day (DD or 0D), then optionally a counter N, separated by dots, e.g. "YYYY.0M.0D" or "YYYY.N"';
const NUMBER = /^\d+$/;
const EXAMPLE_DATE = new Date(Date.UTC(2026, 0, 5));

/** A format's reading and policy, made once per format. */
const made = new Map<string, { scheme: VersionScheme; policy: Policy }>();

function calver(format: string): { scheme: VersionScheme; policy: Policy } {
  let done = made.get(format);
  if (done) return done;
  const tokens = format.split('.');
  const counted = tokens.at(-1) === 'N';
  const dated = counted ? tokens.slice(0, -1) : tokens;

  /** Why these numbers are no version of the format, or undefined when they are one. */
  const unfit = (r: number[]): string | undefined => {
    if (r.length !== tokens.length) return `the format ${format} has ${tokens.length} parts`;
    const year = tokens[0] === 'YYYY' ? r[0]! : 2000 + r[0]!;
    if (tokens[0] === 'YYYY' ? year < 1000 || year > 9999 : year > 2999) return `${r[0]} is no ${tokens[0]} year`;
    if (dated.length > 1 && (r[1]! < 1 || r[1]! > 12)) return `${r[1]} is no month`;
    if (dated.length > 2 && (r[2]! < 1 || r[2]! > new Date(Date.UTC(year, r[1]!, 0)).getUTCDate())) return `${year}-${r[1]} has no day ${r[2]}`;
    return undefined;
  };
  /** The release numbers of a version, leading zeros or not; undefined when it has another shape. */
  const numbers = (version: string): number[] | undefined => {
    if (beyondLimits(version)) return undefined;
    const parts = version.split('.', tokens.length + 1);
    if (parts.length !== tokens.length || !parts.every((p) => NUMBER.test(p))) return undefined;
    const r = parts.map(Number);
    return unfit(r) === undefined ? r : undefined;
  };
  const write = (r: number[]) => tokens.map((t, i) => (t.startsWith('0') ? String(r[i]).padStart(2, '0') : String(r[i]))).join('.');

  function spell(m: Meaning): Spelled {
    if (m.epoch || m.pre || m.post !== undefined || m.dev !== undefined || m.local !== undefined)
      return { none: `the CalVer format ${format} has no epoch, pre-, post-, dev- or local part` };
    // PEP 440's meaning: trailing zeros do not count (2026.3 ≡ 2026.3.0).
    const r = m.release.slice(0, tokens.length);
    if (m.release.slice(tokens.length).some((n) => n !== 0)) return { none: `the format ${format} has ${tokens.length} parts` };
    while (r.length < tokens.length) r.push(0);
    const why = unfit(r);
    return why ? { none: why } : { version: write(r) };
  }

  const compareNumbers = (a: number[], b: number[]) => {
    for (let i = 0; i < Math.max(a.length, b.length); i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) < (b[i] ?? 0) ? -1 : 1;
    return 0;
  };

  /** Tag texts that may be newer: a number above the version's at some part, the parts before it the same (leading zeros allowed). */
  function newerPattern(version: string): string {
    const r = numbers(version)!;
    return `(?:${r
      .map(
        (n, i) =>
          `${r
            .slice(0, i)
            .map((p) => `0*${p}\\.`)
            .join('')}0*${above(String(n))}(?![0-9])\\S*`,
      )
      .join('|')})`;
  }

  /** Today's date parts in the format (UTC, so that a laptop and CI agree on the day). */
  const today = (now: Date): number[] =>
    dated.map((t) =>
      t.endsWith('Y') ? (t === 'YYYY' ? now.getUTCFullYear() : now.getUTCFullYear() - 2000) : t.endsWith('M') ? now.getUTCMonth() + 1 : now.getUTCDate(),
    );

  function bump(m: Meaning, _level: string, { now }: { now: Date }): Bumped {
    const spelled = spell(m);
    if ('none' in spelled) return { error: spelled.none };
    const current = numbers(spelled.version)!;
    const date = today(now);
    const day = now.toISOString().slice(0, 10);
    const order = compareNumbers(date, current.slice(0, date.length));
    if (order < 0) return { error: `its date is after today (${day}, UTC)` };
    if (!counted && order === 0) return { error: `it is today's version already (${day}, UTC), and the format ${format} has no counter N for another release` };
    const next = counted ? [...date, order === 0 ? current.at(-1)! + 1 : 0] : date;
    const why = unfit(next);
    return why ? { error: why } : { meaning: { epoch: 0, release: next } };
  }

  const example = write([...today(EXAMPLE_DATE), ...(counted ? [2] : [])]);
  const scheme: VersionScheme = {
    name: 'calver',
    title: `CalVer ${format}`,
    examples: example,
    normalForm: { spells: `the format ${format} writes as`, because: '' },
    valid: (version) => numbers(version) !== undefined,
    parse: (version) => {
      const r = numbers(version);
      return r && { epoch: 0, release: r };
    },
    spell,
    shortSpelling: (major, minor) => write([major, minor]).split('.').slice(0, 2).join('.'),
    compare: (a, b) => compareNumbers(numbers(a)!, numbers(b)!),
    newerPattern,
  };
  const policy: Policy = {
    name: 'calver',
    words: `versions of the format ${format}, e.g. ${example}`,
    levels: ['release'],
    allows: (m) => m !== undefined && 'version' in spell(m),
    bump,
  };
  done = { scheme, policy };
  made.set(format, done);
  return done;
}

export const calverScheme = defineScheme({
  name: 'calver',
  description:
    'versions that are dates, in the format given: YYYY, YY or 0Y for the year, MM or 0M for the month, DD or 0D for the day, N for a counter within them, e.g. ["calver", { "format": "YYYY.0M.0D" }]; bump release sets today\'s date (UTC)',
  options: {
    format: text({ pattern: [FORMAT, FORMAT_WORDS] })
      .required('is required: the CalVer format, e.g. "YYYY.0M.0D" or "YYYY.N"')
      .describe(
        'calver: the format, e.g. "YYYY.0M.0D" (2026.01.05), "YYYY.MM.DD" (2026.1.5), "YYYY.N" (2026.0, 2026.1, … from 0 again each year) or "YY.0M.N".',
      ),
  },
  levels: ['release'],
  refines: 'pep440',
  policy: ({ format }) => calver(format).policy,
  load: ({ format }) => calver(format).scheme,
});
