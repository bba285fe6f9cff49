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

/** The newest of several valid versions (each parsed once). */
export function newestVersion<T>(items: T[], version: (item: T) => string): T | undefined {
  let best: { item: T; parsed: Parsed } | undefined;
  for (const item of items) {
    const parsed = parseVersion(version(item));
    if (!best || compareParsed(parsed, best.parsed) > 0) best = { item, parsed };
  }
  return best?.item;
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

