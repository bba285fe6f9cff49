// PEP 440 in the registry: the "pep440" versioning policy allows every version PEP 440 accepts. Its
// reading (pep440.ts) is a module of its own, loaded on first use: its library takes milliseconds
// to start, which a check of a project without PEP 440 sources does not pay.
import { bumpMeaning, LEVELS, type Level } from './bump.js';
import { defineScheme, type Policy } from './scheme.js';

const policy: Policy = {
  name: 'pep440',
  words: 'any version PEP 440 accepts',
  levels: LEVELS,
  allows: () => true,
  bump: (m, level, { preid }) => bumpMeaning(m, level as Level, preid),
};

export const pep440Scheme = defineScheme({
  name: 'pep440',
  description: 'anything PEP 440 accepts: post, dev, epoch and local parts too',
  options: {},
  levels: LEVELS,
  policy: () => policy,
  load: async () => (await import('./pep440.js')).pep440,
});
