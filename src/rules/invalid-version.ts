import { POLICY_WORDS, policyBreach } from '../version/policy.js';
import { defineRule, type Report } from './types.js';

const EXAMPLES = { pep440: '1.2.0, 1.2.0rc1 or 1.2.0.post1', semver: '1.2.0 or 1.2.0-rc.1' };

export const invalidVersion = defineRule({
  meta: {
    id: 'invalid-version',
    description: 'Every version is valid in its scheme (PEP 440 in Python files, SemVer 2.0 in JSON and JavaScript) and allowed by the "versioning" policy.',
    defaultSeverity: 'error',
    messages: {
      notPython: '{label} is "{version}", which is not a valid PEP 440 version (e.g. {examples}); Python\'s build tools refuse it',
      notSemver: '{label} is "{version}", which is not a valid SemVer 2.0 version (e.g. {examples})',
      notShort: '{label} is "{version}", but this source is configured "short": true, which states only MAJOR.MINOR (e.g. 1.2)',
      policy: '{label} is "{version}", which the "{versioning}" versioning policy does not allow ({allowed}): {nearest}or set "versioning": "pep440" in the configuration',
    },
    options: {},
  },
  check: ({ sources, versioning }) =>
    sources.flatMap((source) =>
      source.hits.flatMap((hit): Report<'notPython' | 'notSemver' | 'notShort' | 'policy'>[] => {
        const { scheme } = source;
        const where = { file: source.file, line: hit.line, column: hit.column };
        const data = { label: source.label, version: hit.value };
        // The short X.Y form is not a version of its own: the policy is the full version's.
        if (scheme.short) return scheme.valid(hit.value) ? [] : [{ ...where, messageId: 'notShort', data }];
        if (!scheme.valid(hit.value)) return [{ ...where, messageId: scheme.name === 'pep440' ? 'notPython' : 'notSemver', data: { ...data, examples: EXAMPLES[scheme.name] } }];
        const breach = policyBreach(scheme, hit.value, versioning);
        if (!breach) return [];
        const nearest = breach.nearest ? `the nearest allowed version is ${breach.nearest}; ` : '';
        return [{ ...where, messageId: 'policy', data: { ...data, versioning, allowed: POLICY_WORDS[versioning], nearest } }];
      }),
    ),
});
