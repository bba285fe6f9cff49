// The environment of every process the tests start: the caller's, minus whatever points git at
// another repository or configuration (a test run from inside a git hook inherits GIT_DIR and
// GIT_INDEX_FILE; GIT_CONFIG_COUNT injects settings), with git's global and system configuration
// off (a developer's core.hooksPath or tag.gpgSign cannot reach a test) and a fixed identity.
const LEAKS =
  /^GIT_(DIR|WORK_TREE|INDEX_FILE|OBJECT_DIRECTORY|ALTERNATE_OBJECT_DIRECTORIES|COMMON_DIR|NAMESPACE|PREFIX|CEILING_DIRECTORIES|DISCOVERY_ACROSS_FILESYSTEM|CONFIG|CONFIG_PARAMETERS|CONFIG_COUNT|CONFIG_KEY_\d+|CONFIG_VALUE_\d+)$/;

export const IDENTITY = {
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.invalid',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.invalid',
};

export const GIT_ISOLATION = { GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };

/** The caller's environment, isolated from git configuration and repositories, plus `extra` (undefined removes a variable). */
export function testEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !LEAKS.test(name)));
  Object.assign(env, IDENTITY, GIT_ISOLATION, { NO_COLOR: '1', GITHUB_ACTIONS: '', GITHUB_REF_TYPE: '' }, extra);
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete env[name];
  return env;
}

/**
 * The one way a test is skipped: a test that needs a tool (or root, or an index) says so loudly when
 * it is missing, and CI (HEIMDALL_TEST_ALL=1, set by .ci/run) fails instead of skipping. Use the result
 * in `describe.skipIf(!has)` / `it.skipIf(!has)` / `ctx.skip()`, never in a silent early return.
 */
export function needs(available: boolean, what: string, install: string): boolean {
  if (available) return true;
  const message = `SKIPPED ${what}: ${install}`;
  if (process.env.HEIMDALL_TEST_ALL === '1') throw new Error(`${message} (HEIMDALL_TEST_ALL=1: nothing may be skipped)`);
  console.warn(`\n*** ${message} ***\n`);
  return false;
}
