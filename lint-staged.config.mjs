// Staged TypeScript is type-checked as a whole project (tsc cannot check single files with our config).
export default {
  '*.ts': () => 'tsc --noEmit -p .',
  // Lint and format-check the staged files (Biome's configuration says which files it covers).
  '*.{ts,mjs,cjs}': ['biome lint --error-on-warnings --no-errors-on-unmatched', 'biome format --no-errors-on-unmatched'],
  // The schemas are generated from src/config, src/sources and src/rules: a change there must ship them.
  '{src/**/*.ts,schema/*.json}': () => 'node scripts/schema.mjs --check',
  // So are the reference pages (and the layouts page from the layout fixtures).
  '{src/**/*.ts,docs/reference/*.md,test/fixtures/layouts/**}': () => 'node scripts/docs.mjs --check',
};
