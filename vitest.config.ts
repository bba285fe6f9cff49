// Two projects: `unit` (in-process, no build needed: the inner loop, npm run test:unit) and `e2e`
// (spawns the built CLI, so it refuses a dist/ older than src/). npm test runs both after a build.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      // Threads, not processes: the unit tests start nothing, and a worker thread costs less to start
      // (on the shared 2-core machine: 19 to 24 s instead of 26 to 32 s, 9.6 s of CPU instead of 11.3).
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], pool: 'threads' } },
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], globalSetup: ['test/helpers/fresh-build.ts'] } },
    ],
  },
});
