// Two projects: `unit` (in-process, no build needed: the inner loop, npm run test:unit) and `e2e`
// (spawns the built CLI, so it refuses a dist/ older than src/). npm test runs both after a build.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], globalSetup: ['test/helpers/fresh-build.ts'] } },
    ],
  },
});
