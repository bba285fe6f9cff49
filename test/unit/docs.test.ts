// The reference pages in docs/ are generated from the code: a change to a rule, a source kind, a
// layout, the configuration or a command must ship the regenerated pages (npm run docs).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules/index.js';

describe('docs/reference', () => {
  it('is exactly what scripts/docs.mjs generates from the code', async () => {
    // @ts-expect-error: a plain .mjs build script without type declarations
    const { stalePages } = await import('../../scripts/docs.mjs');
    expect(await stalePages()).toEqual([]);
  });

  it('documents every rule with its default severity and every message id', () => {
    const page = readFileSync('docs/reference/rules.md', 'utf8');
    for (const { meta } of RULES) {
      expect(page).toContain(`## ${meta.id}\n`);
      expect(page).toContain(`| [\`${meta.id}\`](#${meta.id}) | ${meta.defaultSeverity} | ${meta.fixable ? 'yes' : ''} |`);
      for (const id of Object.keys(meta.messages)) expect(page).toContain(`| \`${id}\` |`);
    }
  });
});
