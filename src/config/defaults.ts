import type { Config, ReleaseConfig, SourceConfig } from './types.js';

/** The heimdall-mcp layout: what zero-configuration means. */
export const HEIMDALL_SOURCES: SourceConfig[] = [
  { file: 'pyproject.toml', type: 'toml', key: 'project.version', primary: true },
  { file: 'cognitive_memory/core/version.py', type: 'python' },
];

export function defaultRelease(python = 'python3'): ReleaseConfig {
  return {
    python,
    build: [python, '-m', 'build'],
    check: [python, '-m', 'twine', 'check'],
    upload: [python, '-m', 'twine', 'upload'],
    repositories: { testpypi: 'https://test.pypi.org/legacy/', pypi: 'https://upload.pypi.org/legacy/' },
    clean: ['build', 'dist', '*.egg-info'],
    remote: 'origin',
  };
}

export function defaultConfig(): Config {
  return {
    sources: HEIMDALL_SOURCES.map((s) => ({ ...s })),
    tags: { prefix: 'v' },
    rules: {},
    bump: { message: 'Bump version: {old} → {new}', tagMessage: 'Release {tag}' },
    release: defaultRelease(),
  };
}
