import { sameVersion } from '../version/same.js';
import { defineRule, type Report, type SiblingFacts } from './types.js';

/** The version most members of a group state (by meaning); a tie goes to the member listed first. */
function groupVersion(members: SiblingFacts[]): SiblingFacts | undefined {
  let best: { member: SiblingFacts; count: number } | undefined;
  for (const m of members) {
    const count = members.filter((o) => same(o, m)).length;
    if (!best || count > best.count) best = { member: m, count };
  }
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
    for (const group of workspace.groups) {
      if (group.policy !== 'fixed' || !group.packages.includes(name)) continue;
      const members = group.packages.flatMap((n) => workspace.packages.filter((p) => p.name === n && p.version !== undefined));
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
