import { sameVersion } from '../version/same.js';
import { defineRule, type Report, type GroupFacts, type SiblingFacts, type WorkspaceFacts } from './types.js';

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

type GroupVersion = { members: SiblingFacts[]; expected: SiblingFacts | undefined; agreeing: string };

/** Each fixed group's members stating a version, and its version: found once for the workspace, not again for each member checked. */
const groupsKnown = new WeakMap<WorkspaceFacts, Map<GroupFacts, GroupVersion>>();

function groupsOf(workspace: WorkspaceFacts): Map<GroupFacts, GroupVersion> {
  const known = groupsKnown.get(workspace);
  if (known) return known;
  // Each package stating a version, by name: looked up for each member, not filtered for it.
  const withVersion = new Map<string, SiblingFacts[]>();
  for (const p of workspace.packages) if (p.version !== undefined) withVersion.set(p.name, [...(withVersion.get(p.name) ?? []), p]);
  const groups = new Map<GroupFacts, GroupVersion>();
  for (const group of workspace.groups) {
    if (group.policy !== 'fixed') continue;
    const members = group.packages.flatMap((n) => withVersion.get(n) ?? []);
    const expected = groupVersion(members);
    const agreeing = expected
      ? members
          .filter((m) => same(m, expected))
          .map((m) => m.name)
          .join(', ')
      : '';
    groups.set(group, { members, expected, agreeing });
  }
  groupsKnown.set(workspace, groups);
  return groups;
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
    for (const [group, { members, expected, agreeing }] of groupsOf(workspace)) {
      if (!group.packages.includes(name)) continue;
      const self = members.find((m) => m.name === name);
      if (!self || !expected || same(self, expected)) continue;
      const hit = primary.hits[0];
      reports.push({
        messageId: 'differs',
        data: { package: name, version, group: group.name, expected: expected.version!, members: agreeing },
        file: primary.file,
        line: hit?.line,
        column: hit?.column,
      });
    }
    return reports;
  },
});
