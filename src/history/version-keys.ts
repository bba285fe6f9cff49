// Versions of thousands of releases compared in bulk: a key per meaning, and each distinct version's rank.
import type { VersionScheme } from '../version/scheme.js';

/** Each version's place in the scheme's order (invalid ones last, by spelling): each distinct version is compared, not each release. */
export function rankVersions(scheme: VersionScheme, versions: string[]): Map<string, number> {
  const distinct = [...new Set(versions)];
  const valid = new Map(distinct.map((v) => [v, scheme.valid(v)]));
  distinct.sort((a, b) => {
    const [va, vb] = [valid.get(a)!, valid.get(b)!];
    if (va && vb) return scheme.compare(a, b);
    return va === vb ? a.localeCompare(b) : va ? -1 : 1;
  });
  return new Map(distinct.map((v, i) => [v, i]));
}

/** A key equal for two versions exactly when they mean the same release (trailing zeros do not count). */
export function versionKey(scheme: VersionScheme, version: string): string {
  const meaning = scheme.parse(version);
  if (!meaning) return `=${version}`;
  const release = [...meaning.release];
  while (release.length > 1 && release.at(-1) === 0) release.pop();
  return JSON.stringify({ ...meaning, release });
}
