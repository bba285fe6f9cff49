// npm's prepare (a git checkout being installed, or npm ci here). Build dist/ when it is missing, so
// that a copy installed from git works (the bin builds it itself where npm runs no scripts); then,
// outside CI and in a git checkout, install this repository's git hooks (husky).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!(existsSync('dist/cli.cjs') && existsSync('dist/check.cjs')) && existsSync('node_modules/esbuild'))
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
if (process.env.CI || !existsSync('.git') || !existsSync('node_modules/husky')) process.exit(0);
const husky = (await import('husky')).default;
const message = husky();
if (message) console.log(`husky: ${message}`);
