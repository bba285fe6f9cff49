import { sameVersion } from '../version/same.js';
import { defineRule, type Report, type SiblingFacts } from './types.js';

/**
 * The version most members of a group state (by meaning); a tie goes to the member listed first.
 * Each member is compared with one member of each version met so far, not with every member: a rule
 * run for each of a group's 50 members compared 125,000 pairs.
 */
function groupVersion(members: SiblingFacts[]): SiblingFacts | undefined {
  const versions: { member: SiblingFacts; count: number }[] = [];
  for (const m of members) {
    const met = versions.find((v) => same(v.member, m));
    if (met) met.count++;
    else versions.push({ member: m, count: 1 });
  }
  let best: (typeof versions)[number] | undefined;
  for (const v of versions) if (!best || v.count > best.count) best = v;
  return best?.member;
}

const same = (a: SiblingFacts, b: SiblingFacts) => sameVersion({ scheme: a.scheme, value: a.version! }, { scheme: b.scheme, value: b.version! });

export const groupMismatch = defineRule({
  meta: {
    id: 'group-mismatch',
    description: 'Every member of a fixed group has the version the group has.',
    defaultSeverity: 'error',
    messages: {
      differs: '{package} is {version} but the fixed group "{group}" is at {expected} ({members}); set {expected}, or bump the group together',
    },
    options: {},
  },
  check: ({ name, version, primary, workspace }) => {
    if (!workspace || version === undefined) return [];
    const reports: Report<'differs'>[] = [];
    // Each package stating a version, by name: looked up for each member, not filtered for it (50 members: 2,500 filters per package).
    const withVersion = new Map<string, SiblingFacts[]>();
    for (const p of workspace.packages) if (p.version !== undefined) withVersion.set(p.name, [...(withVersion.get(p.name) ?? []), p]);
    for (const group of workspace.groups) {
      if (group.policy !== 'fixed' || !group.packages.includes(name)) continue;
      const members = group.packages.flatMap((n) => withVersion.get(n) ?? []);
      const self = members.find((m) => m.name === name);
      const expected = groupVersion(members);
      if (!self || !expected || same(self, expected)) continue;
      const agreeing = members.filter((m) => same(m, expected)).map((m) => m.name);
      const hit = primary.hits[0];
      reports.push({
        messageId: 'differs',
        data: { package: name, version, group: group.name, expected: expected.version!, members: agreeing.join(', ') },
        file: primary.file,
        line: hit?.line,
        column: hit?.column,
      });
    }
    return reports;
  },
});
