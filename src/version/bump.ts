// Bump levels over a version's meaning (PEP 440's model, which SemVer-shaped versions fit).
import type { Bumped, Meaning, PreLabel } from './scheme.js';

export const LEVELS = ['major', 'minor', 'patch', 'premajor', 'preminor', 'prepatch', 'prerelease', 'post', 'dev', 'release'] as const;
export type Level = (typeof LEVELS)[number];
export const isLevel = (spec: string): spec is Level => (LEVELS as readonly string[]).includes(spec);

const PREIDS: Record<string, PreLabel> = { a: 'a', alpha: 'a', b: 'b', beta: 'b', c: 'rc', rc: 'rc', pre: 'rc', preview: 'rc' };
const RANK: Record<PreLabel, number> = { a: 0, b: 1, rc: 2 };

/** The pre-release label --preid names (alpha → a, beta → b), or undefined when PEP 440 has no such label. */
export const preLabel = (preid: string): PreLabel | undefined => PREIDS[preid.toLowerCase()];

/** `m` with release number `index` raised by one and the numbers after it zero; nothing else. */
function raise(m: Meaning, index: number): Meaning {
  const release = Array.from({ length: Math.max(m.release.length, index + 1) }, (_, i) =>
    i < index ? (m.release[i] ?? 0) : i === index ? (m.release[i] ?? 0) + 1 : 0,
  );
  return { epoch: m.epoch, release };
}

const isPre = (m: Meaning) => (m.pre !== undefined || m.dev !== undefined) && m.post === undefined;
const final = (m: Meaning): Meaning => ({ epoch: m.epoch, release: m.release });

/** A level applied to a version. `preid` is a PEP 440 label (a, b, rc) for the pre* levels. */
export function bumpMeaning(m: Meaning, level: Level, preid: PreLabel | undefined): Bumped {
  const index = { major: 0, minor: 1, patch: 2 } as Record<string, number>;
  switch (level) {
    case 'major':
    case 'minor':
    case 'patch': {
      const i = index[level]!;
      // A pre-release of exactly this level's release is finished rather than skipped (0.3.0rc1 → minor → 0.3.0).
      const finishes = isPre(m) && m.release.slice(i + 1).every((n) => n === 0);
      return { meaning: finishes ? final(m) : raise(m, i) };
    }
    case 'premajor':
    case 'preminor':
    case 'prepatch':
      return { meaning: { ...raise(m, index[level.slice(3)]!), pre: [preid ?? 'a', 0] } };
    case 'prerelease': {
      if (!m.pre || m.post !== undefined) return { meaning: { ...raise(m, 2), pre: [preid ?? 'a', 0] } };
      const [label, n] = m.pre;
      const wanted = preid ?? label;
      if (RANK[wanted] < RANK[label])
        return { error: `--preid ${wanted} comes before the current ${label} pre-release: a pre-release never goes back to a lower phase` };
      // rc1.dev2 is a step towards rc1 itself.
      const next: [PreLabel, number] = wanted !== label ? [wanted, 0] : m.dev !== undefined ? [label, n] : [label, n + 1];
      return { meaning: { ...final(m), pre: next } };
    }
    case 'post':
      if (m.dev !== undefined) return { error: 'a development release has no post-release; bump release or dev instead' };
      return { meaning: { ...final(m), ...(m.pre ? { pre: m.pre } : {}), post: m.post === undefined ? 0 : m.post + 1 } };
    case 'dev': {
      if (m.dev !== undefined) return { meaning: { ...m, local: undefined, dev: m.dev + 1 } };
      if (m.post !== undefined) return { meaning: { ...final(m), ...(m.pre ? { pre: m.pre } : {}), post: m.post + 1, dev: 0 } };
      if (m.pre) return { meaning: { ...final(m), pre: [m.pre[0], m.pre[1] + 1], dev: 0 } };
      return { meaning: { ...raise(m, 2), dev: 0 } };
    }
    case 'release':
      if (!isPre(m))
        return { error: 'it is not a pre-release or development release (release drops those parts; a post-release is already after its release)' };
      return { meaning: final(m) };
  }
}
