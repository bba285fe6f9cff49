import { hugeNumber, MAX_NUMBER_DIGITS, MAX_VERSION_LENGTH, tooLong } from '../version/limits.js';
import { policyBreach } from '../version/policy.js';
import { policyOf, versioningFor } from '../version/schemes.js';
import { defineRule, type Report } from './types.js';

export const invalidVersion = defineRule({
  meta: {
    id: 'invalid-version',
    description: 'Every version is valid in its scheme (PEP 440 in Python files, SemVer 2.0 in JSON and JavaScript) and allowed by the "versioning" policy.',
    defaultSeverity: 'error',
    messages: {
      tooLong: '{label} is {length} characters long; no version is longer than {max} ("{start}…")',
      hugeNumber: '{label} is "{version}", whose number {number} has more digits than any version\'s ({max})',
      notValid: '{label} is "{version}", which is not a valid {scheme} version (e.g. {examples}){note}',
      notShort: '{label} is "{version}", but this source is configured "short": true, which states only MAJOR.MINOR (e.g. 1.2)',
      policy:
        '{label} is "{version}", which the "{versioning}" versioning policy does not allow ({allowed}): {nearest}or set "versioning": "{other}" in the configuration',
    },
    options: {},
  },
  check: ({ sources, versioning }) => {
    const policy = policyOf(versioning);
    return sources.flatMap((source) =>
      source.hits.flatMap((hit): Report<'tooLong' | 'hugeNumber' | 'notValid' | 'notShort' | 'policy'>[] => {
        const { scheme } = source;
        const where = { file: source.file, line: hit.line, column: hit.column };
        // Not repeated whole: it may be kilobytes long.
        if (tooLong(hit.value))
          return [
            { ...where, messageId: 'tooLong', data: { label: source.label, length: hit.value.length, max: MAX_VERSION_LENGTH, start: hit.value.slice(0, 20) } },
          ];
        const huge = hugeNumber(hit.value);
        if (huge) return [{ ...where, messageId: 'hugeNumber', data: { label: source.label, version: hit.value, number: huge, max: MAX_NUMBER_DIGITS } }];
        const data = { label: source.label, version: hit.value };
        // The short X.Y form is not a version of its own: the policy is the full version's.
        if (scheme.short) return scheme.valid(hit.value) ? [] : [{ ...where, messageId: 'notShort', data }];
        if (!scheme.valid(hit.value))
          return [{ ...where, messageId: 'notValid', data: { ...data, scheme: scheme.title, examples: scheme.examples, note: scheme.invalidNote ?? '' } }];
        const breach = policyBreach(scheme, hit.value, policy);
        if (!breach) return [];
        const nearest = breach.nearest ? `the nearest allowed version is ${breach.nearest}; ` : '';
        // Some registered policy allows every valid version (PEP 440's).
        const other = versioningFor(scheme.parse(hit.value), policy.name)!;
        return [{ ...where, messageId: 'policy', data: { ...data, versioning: policy.name, allowed: policy.words, nearest, other } }];
      }),
    );
  },
});
