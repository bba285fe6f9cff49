// Whether a version satisfies a dependency's constraint, in the three syntaxes a workspace's pins
// are written in: PEP 440 specifiers (@renovatebot/pep440, as pip reads them), Poetry's constraints
// (^, ~, a bare version is exact), and npm ranges (^, ~, x-ranges, hyphens, ||). A sibling at a
// pre-release is the only version the workspace offers, so pre-releases count (as pip then does).
import { satisfies, validRange } from '@renovatebot/pep440';
import { compareVersions, isSemver } from './semver.js';
import { pep440 } from './pep440.js';

export type Verdict = { exact: boolean; satisfied: boolean } | undefined;

/** A PEP 440 specifier: undefined when it does not parse; exact for == (no wildcard) and ===. */
export function pep440Verdict(version: string, specifier: string): Verdict {
  const spec = specifier.trim();
  if (spec === '') return undefined;
  const arbitrary = /^===\s*(\S+)$/.exec(spec);
  if (arbitrary) return { exact: true, satisfied: arbitrary[1] === version };
  // The common pin, ==X, compared by the project's own PEP 440 reading (the library's specifier parse costs more).
  const pinned = /^==\s*([^\s,*;]+)$/.exec(spec)?.[1];
  if (pinned !== undefined && pep440.valid(pinned) && pep440.valid(version)) {
    const publicPart = pinned.includes('+') ? version : version.split('+')[0]!;
    return { exact: true, satisfied: pep440.compare(pinned, publicPart) === 0 };
  }
  if (!validRange(spec)) return undefined;
  return { exact: /^==\s*[^\s,*]+$/.test(spec), satisfied: satisfies(version, spec, { prereleases: true }) };
}

/** Poetry's constraint, read as the PEP 440 specifier it means. */
export function poetryVerdict(version: string, constraint: string): Verdict {
  const parts = constraint.split(',').map((p) => p.trim());
  if (parts.some((p) => p === '' || p.includes('||') || p.includes('|'))) return undefined;
  if (parts.length === 1 && (parts[0] === '*' || parts[0] === '')) return undefined;
  const exact = parts.length === 1 && /^(?:==)?\s*\d[\w.!+-]*$/.test(parts[0]!) && !parts[0]!.includes('*');
  const spec = parts.map(poetryPart).join(', ');
  if (spec.includes('undefined')) return undefined;
  const verdict = pep440Verdict(version, spec);
  return verdict && { exact, satisfied: verdict.satisfied };
}

function poetryPart(part: string): string {
  const caret = /^\^\s*(\d+(?:\.\d+)*)$/.exec(part);
  if (caret) return `>=${caret[1]}, <${bumpAt(caret[1]!, caretIndex(caret[1]!))}`;
  const tilde = /^~(?!=)\s*(\d+(?:\.\d+)*)$/.exec(part);
  if (tilde) return `>=${tilde[1]}, <${bumpAt(tilde[1]!, tilde[1]!.split('.').length > 1 ? 1 : 0)}`;
  if (/^\d/.test(part)) return `==${part}`;
  return part;
}

const caretIndex = (v: string) => {
  const nums = v.split('.').map(Number);
  const first = nums.findIndex((n) => n !== 0);
  return first === -1 ? nums.length - 1 : first;
};

/** The release numbers up to index i, the last one plus one ("1.2.3", 1 → "1.3"). */
function bumpAt(v: string, i: number): string {
  const nums = v.split('.').map(Number);
  return [...nums.slice(0, i), (nums[i] ?? 0) + 1].join('.');
}

/** An npm range (the workspace: protocol included); undefined when it is not one this reads, or names no version (workspace:*). */
export function npmVerdict(version: string, range: string): Verdict {
  let r = range.trim();
  if (r.startsWith('workspace:')) r = r.slice('workspace:'.length);
  if (['', '*', '^', '~', 'x', 'latest'].includes(r) || !isSemver(version)) return undefined;
  const alternatives = r.split('||').map((a) => comparators(a.trim()));
  if (alternatives.some((a) => a === undefined)) return undefined;
  const exact = alternatives.length === 1 && /^=?v?\d+\.\d+\.\d+(?:-[\w.-]+)?(?:\+[\w.-]+)?$/.test(r);
  return { exact, satisfied: alternatives.some((a) => a!.every(([op, v]) => test(compareVersions(version, v), op))) };
}

type Op = '>=' | '>' | '<=' | '<' | '=';
const test = (c: number, op: Op) => (op === '>=' ? c >= 0 : op === '>' ? c > 0 : op === '<=' ? c <= 0 : op === '<' ? c < 0 : c === 0);

function comparators(set: string): [Op, string][] | undefined {
  const hyphen = /^(\S+)\s+-\s+(\S+)$/.exec(set);
  if (hyphen) {
    const [lo, hi] = [partial(hyphen[1]!), partial(hyphen[2]!)];
    if (!lo || !hi) return undefined;
    return [['>=', lo.low], hi.full ? ['<=', hi.low] : ['<', hi.next]];
  }
  const out: [Op, string][] = [];
  for (const c of set.split(/\s+/).filter(Boolean)) {
    const m = /^(\^|~|>=|<=|>|<|=)?\s*v?(.+)$/.exec(c);
    const p = m && partial(m[2]!);
    if (!m || !p) return undefined;
    const op = m[1];
    if (op === '^') out.push(['>=', p.low], ['<', caretNext(p)]);
    else if (op === '~') out.push(['>=', p.low], ['<', p.parts.length >= 2 ? `${p.parts[0]}.${p.parts[1]! + 1}.0-0` : `${p.parts[0]! + 1}.0.0-0`]);
    else if (op === undefined || op === '=')
      out.push(...(p.full ? [['=', p.low] as [Op, string]] : [['>=', p.low] as [Op, string], ['<', p.next] as [Op, string]]));
    else out.push([op as Op, op === '<' || op === '>=' || p.full ? p.low : p.next]);
  }
  return out;
}

/** A version that may be partial (1, 1.2, 1.2.x): its lowest version, the next one past it, and whether it was whole. */
function partial(v: string): { low: string; next: string; full: boolean; parts: number[] } | undefined {
  if (isSemver(v)) return { low: v, next: v, full: true, parts: v.split(/[.+-]/).slice(0, 3).map(Number) };
  const parts = v.split('.');
  const nums: number[] = [];
  for (const p of parts) {
    if (/^[xX*]$/.test(p)) break;
    if (!/^\d+$/.test(p)) return undefined;
    nums.push(Number(p));
  }
  if (nums.length === 0 || nums.length > 2) return nums.length === 0 ? undefined : { low: nums.join('.'), next: nums.join('.'), full: true, parts: nums };
  const low = [...nums, 0, 0].slice(0, 3).join('.');
  const next = nums.length === 1 ? `${nums[0]! + 1}.0.0-0` : `${nums[0]}.${nums[1]! + 1}.0-0`;
  return { low, next, full: false, parts: nums };
}

function caretNext(p: { parts: number[] }): string {
  const [a = 0, b = 0, c = 0] = p.parts;
  if (a > 0 || p.parts.length === 1) return `${a + 1}.0.0-0`;
  if (b > 0 || p.parts.length === 2) return `0.${b + 1}.0-0`;
  return `0.0.${c + 1}-0`;
}
