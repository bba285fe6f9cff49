// vitest global setup: the end-to-end tests run the built CLI, so a dist/ older than the sources
// would test old code. npm test builds first; a direct `npx vitest run` after an edit is refused.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { PROJECT } from './cli.js';

function newest(dir: string): number {
  return Math.max(
    0,
    ...readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).mtimeMs)),
  );
}

export default function setup(): void {
  let built: number;
  try {
    built = statSync(path.join(PROJECT, 'dist', 'cli.cjs')).mtimeMs;
  } catch {
    throw new Error('dist/ is missing: run `npm test` (it builds first) or `npm run build`');
  }
  const sources = Math.max(
    newest(path.join(PROJECT, 'src')),
    ...['build.mjs', 'bundle-cli.cjs'].map((f) => statSync(path.join(PROJECT, 'scripts', f)).mtimeMs),
  );
  if (sources > built) throw new Error('dist/ is older than src/: run `npm test` (it builds first) or `npm run build`');
}
