// A release step context with nothing behind it, for the runner's tests.
import type { StepContext } from '../../src/release/context.js';
import type { StepEvent } from '../../src/release/events.js';

/** A context with nothing behind it: enough for steps that touch nothing. */
export function fakeContext(emit: (e: StepEvent) => void): StepContext {
  return {
    command: 'release',
    mode: 'no-upload',
    root: '/nonexistent',
    primaryFile: 'pyproject.toml',
    tagPrefix: 'v',
    tagMessage: '',
    pythonSources: [],
    distShown: 'dist/',
    allowDirty: false,
    push: false,
    requireSmoke: false,
    requireMcp: false,
    askFirst: false,
    env: {},
    projectEnv: {},
    uploadEnv: {},
    secrets: [],
    scratch: { make: () => '/nonexistent', removeAll: () => {} },
    clock: { now: () => 0, sleep: async () => {} },
    signal: new AbortController().signal,
    emit,
    state: { files: [], metadata: new Map() },
    step: '',
    release: {} as StepContext['release'],
  };
}
