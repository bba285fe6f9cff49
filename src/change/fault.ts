// Named points of a change (locked, journal, files:N, temp:N, written, added, commit, tag, finish, push) where a
// test can fail, crash or pause a run. Here each is a no-op: the test build alone (scripts/test-build.mjs) compiles
// in the module that acts on them, so nothing shipped can be made to fail or stop by its environment.

export function injectFault(_point: string): void {}
