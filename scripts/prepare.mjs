// npm's prepare: install this repository's git hooks (husky), except in CI or outside a git checkout.
import { existsSync } from 'node:fs';

if (process.env.CI || !existsSync('.git')) process.exit(0);
const husky = (await import('husky')).default;
const message = husky();
if (message) console.log(`husky: ${message}`);
