// SemVer 2.0 held strictly (no "v", no loose forms): recognising and ordering versions.
// Small on purpose: `check` runs this on every commit and must not pay for loading `semver`.

// The regular expression published with the SemVer 2.0 specification.
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

// Most versions are plain MAJOR.MINOR.PATCH: a much cheaper pattern settles those.
const PLAIN = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

export function isSemver(version: string): boolean {
  return PLAIN.test(version) || SEMVER.test(version);
}

/** Orders two valid versions by SemVer precedence (build metadata ignored). */
export function compareVersions(a: string, b: string): number {
  return compareParsed(parseVersion(a), parseVersion(b));
}

type Parsed = [number, number, number, string[] | undefined];

export function parseVersion(v: string): Parsed {
  const m = PLAIN.exec(v) ?? SEMVER.exec(v);
  if (!m) throw new Error(`not SemVer: ${v}`);
  return [Number(m[1]), Number(m[2]), Number(m[3]), m[4]?.split('.')];
}

/** The newest version tag among tag names: one pass, plain versions parsed without a regex (there may be thousands). */
export function newestTag(names: string[], prefix: string): { name: string; version: string } | undefined {
  let best: { name: string; version: string; parsed: Parsed } | undefined;
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const version = name.slice(prefix.length);
    const parsed = parsePlain(version) ?? (SEMVER.test(version) ? parseVersion(version) : undefined);
    if (parsed && (!best || compareParsed(parsed, best.parsed) > 0)) best = { name, version, parsed };
  }
  return best && { name: best.name, version: best.version };
}

/** MAJOR.MINOR.PATCH by hand, or undefined for anything else (prereleases go to the full pattern). */
function parsePlain(v: string): Parsed | undefined {
  const parts: number[] = [];
  let start = 0;
  for (let i = 0; i <= v.length; i++) {
    const c = i < v.length ? v.charCodeAt(i) : 46;
    if (c === 46) {
      if (i === start || (v.charCodeAt(start) === 48 && i - start > 1) || parts.length === 3) return undefined;
      parts.push(Number(v.slice(start, i)));
      start = i + 1;
    } else if (c < 48 || c > 57) return undefined;
  }
  return parts.length === 3 ? [parts[0]!, parts[1]!, parts[2]!, undefined] : undefined;
}

function compareParsed(x: Parsed, y: Parsed): number {
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return (x[i] as number) < (y[i] as number) ? -1 : 1;
  const [p, q] = [x[3], y[3]];
  if (!p || !q) return p === q ? 0 : p ? -1 : 1;
  for (let i = 0; i < Math.max(p.length, q.length); i++) {
    const c = compareIdentifier(p[i], q[i]);
    if (c) return c;
  }
  return 0;
}

function compareIdentifier(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  const [na, nb] = [/^\d+$/.test(a), /^\d+$/.test(b)];
  if (na && nb) return Number(a) < Number(b) ? -1 : 1;
  if (na !== nb) return na ? -1 : 1;
  return a < b ? -1 : 1;
}

/** A tag name's version after the prefix, or undefined when the tag is not a version tag. */
export function tagVersion(tag: string, prefix: string): string | undefined {
  if (!tag.startsWith(prefix)) return undefined;
  const rest = tag.slice(prefix.length);
  return isSemver(rest) ? rest : undefined;
}


/**
 * A regular expression source matching every MAJOR.MINOR.PATCH whose core is above `version`'s, for
 * scanning thousands of tag names in one native pass. It may match more than that (leading zeros),
 * never less. Versions with the same core are left to compareVersions.
 */
export function newerCorePattern(version: string): string {
  const [major, minor, patch] = parseVersion(version).map(String) as [string, string, string];
  const n = '\\d+';
  return `(?:${above(major)}\\.${n}\\.${n}|${major}\\.${above(minor)}\\.${n}|${major}\\.${minor}\\.${above(patch)})`;
}

/** Decimal numbers above n (given without leading zeros): longer ones, or the same length with a higher digit. */
function above(n: string): string {
  const alternatives = [`[1-9]\\d{${n.length},}`];
  for (let i = 0; i < n.length; i++) {
    const digit = n.charCodeAt(i) - 48;
    if (digit < 9) alternatives.push(`${n.slice(0, i)}[${digit + 1}-9]\\d{${n.length - i - 1}}`);
  }
  return `(?:${alternatives.join('|')})`;
}
