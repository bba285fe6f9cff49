// npm's prepare. Outside CI, in a git checkout: install this repository's git hooks (husky), and
// build dist/ when it is missing, so that installing from a git checkout (as the pre-commit
// framework does for `language: node` hooks) yields a working binary.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (process.env.CI || !existsSync('.git')) process.exit(0);
if (!existsSync('dist/cli.cjs') && existsSync('node_modules/esbuild')) execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
if (!existsSync('node_modules/husky')) process.exit(0);
const husky = (await import('husky')).default;
const message = husky();
if (message) console.log(`husky: ${message}`);
