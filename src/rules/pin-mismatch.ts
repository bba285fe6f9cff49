import { dependencyPins, type Pin } from '../core/pins.js';
import { normalizeDistribution } from '../core/names.js';
import { npmVerdict, pep440Verdict, poetryVerdict, type Verdict } from '../version/ranges.js';
import { defineRule, type Report, type SiblingFacts } from './types.js';

/** A pin a build backend fills in at build time ("=={{ version }}", "${version}"): not a version yet. */
export const templated = (specifier: string) => /\{|\$\{|@VERSION@/.test(specifier);

/** The workspace package a dependency names: a Python sibling by its normalised distribution name, an npm sibling by its name. */
export function siblingOf(pin: Pin, siblings: SiblingFacts[], self: string): SiblingFacts | undefined {
  if (pin.syntax === 'npm') return siblings.find((s) => s.kind === 'npm' && s.name === pin.name && s.name !== self);
  const wanted = normalizeDistribution(pin.name);
  return siblings.find((s) => s.kind === 'python' && s.name !== self && normalizeDistribution(s.distribution ?? s.name) === wanted);
}

export function verdict(pin: Pin, version: string): Verdict {
  if (pin.syntax === 'npm') return npmVerdict(version, pin.specifier);
  return pin.syntax === 'poetry' ? poetryVerdict(version, pin.specifier) : pep440Verdict(version, pin.specifier);
}

export const pinMismatch = defineRule({
  meta: {
    id: 'pin-mismatch',
    description: "A dependency on a workspace sibling allows the sibling's version: an exact pin names it, a range includes it.",
    defaultSeverity: 'error',
    messages: {
      exact: '{where} pins {dependency} {specifier}, but {dependency} is {version} ({file}); pin {version}',
      range: "{where} requires {dependency} {specifier}, which excludes {dependency}'s version {version} ({file})",
    },
    options: {},
  },
  check: ({ name, workspace, read }) => {
    const self = workspace?.packages.find((p) => p.name === name);
    if (!workspace || !self || workspace.packages.length < 2) return [];
    const reports: Report<'exact' | 'range'>[] = [];
    for (const pin of dependencyPins({ kind: self.kind, read })) {
      // uv takes this dependency from elsewhere (a path, git, an index): not the member.
      if (pin.uvSource === 'other' || pin.specifier === '' || templated(pin.specifier)) continue;
      const sibling = siblingOf(pin, workspace.packages, name);
      if (!sibling?.version) continue;
      const judged = verdict(pin, sibling.version);
      if (!judged || judged.satisfied) continue;
      // A version from tags is named by its tag, which lies in no directory.
      const fromTag = sibling.primary.file.startsWith('tag ');
      const file = sibling.path && !fromTag ? `${sibling.path}/${sibling.primary.file}` : sibling.primary.file;
      reports.push({
        messageId: judged.exact ? 'exact' : 'range',
        data: { where: pin.where, dependency: pin.name, specifier: pin.specifier, version: sibling.version, file },
        file: pin.file,
        line: pin.line,
        column: pin.column,
      });
    }
    return reports;
  },
});
