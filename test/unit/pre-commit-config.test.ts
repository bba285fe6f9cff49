import { describe, expect, it } from 'vitest';
import { addHook, hasHook, hookEntry, removeHook } from '../../src/git/pre-commit-config.js';

const HEIMDALL_MCP = `# heimdall-mcp's hooks
repos:
  - repo: https://github.com/astral-sh/ruff-pre-commit
    rev: v0.6.9 # pinned
    hooks:
      - id: ruff

  # type checks
  - repo: https://github.com/pre-commit/mirrors-mypy
    rev: v1.11.2
    hooks:
      - id: mypy
default_stages: [pre-commit]
`;

describe('adding our hook to .pre-commit-config.yaml', () => {
  it('appends an entry after the last item, every other byte kept', () => {
    const res = addHook(HEIMDALL_MCP, 'heimdall-version');
    if (!('text' in res)) throw new Error(res.problem);
    const cut = HEIMDALL_MCP.indexOf('default_stages');
    expect(res.text).toBe(HEIMDALL_MCP.slice(0, cut) + hookEntry('heimdall-version', '  ', '\n') + HEIMDALL_MCP.slice(cut));
    expect(hasHook(res.text)).toBe(true);
    expect(hasHook(HEIMDALL_MCP)).toBe(false);
  });

  it('follows the list indentation, CRLF line endings and a missing final newline', () => {
    const text = 'repos:\r\n- repo: local\r\n  hooks:\r\n  - id: x';
    const res = addHook(text, 'hv');
    expect(res).toEqual({ text: `${text}\r\n${hookEntry('hv', '', '\r\n')}` });
  });

  it('says why when it cannot edit safely', () => {
    expect(addHook('repos: []\n', 'hv')).toEqual({ problem: 'its repos: list is written inline' });
    expect(addHook('repos:\n# nothing yet\n', 'hv')).toEqual({ problem: 'its repos: list is empty' });
    expect(addHook('minimum_pre_commit_version: 3.0.0\n', 'hv')).toEqual({ problem: 'it has no top-level repos: list' });
  });
});

describe('removing it again', () => {
  it('gives back the original bytes', () => {
    const added = addHook(HEIMDALL_MCP, 'node_modules/.bin/heimdall-version');
    if (!('text' in added)) throw new Error(added.problem);
    expect(removeHook(added.text)).toBe(HEIMDALL_MCP);
    expect(removeHook(HEIMDALL_MCP)).toBeUndefined();
    const crlf = addHook('repos:\r\n- repo: local\r\n  hooks:\r\n  - id: x\r\n', 'hv');
    if (!('text' in crlf)) throw new Error(crlf.problem);
    expect(removeHook(crlf.text)).toBe('repos:\r\n- repo: local\r\n  hooks:\r\n  - id: x\r\n');
  });
});

describe('read as YAML, not as lines', () => {
  it('finds a quoted repos: key and a list whose last item ends in a block scalar', () => {
    const text = '"repos":\n- repo: local\n  hooks:\n  - id: x\n    entry: |\n      echo a\n\n      echo b\n# the end\n';
    const res = addHook(text, 'hv');
    const cut = text.indexOf('# the end');
    expect(res).toEqual({ text: text.slice(0, cut) + hookEntry('hv', '', '\n') + text.slice(cut) });
  });

  it("is not fooled by the hook id inside another hook's text", () => {
    const text = 'repos:\n  - repo: local\n    hooks:\n      - id: docs\n        entry: |\n          - id: heimdall-version\n        language: system\n';
    expect(hasHook(text)).toBe(false);
    expect(hasHook(`${text}  - repo: https://example.invalid/heimdall-version\n    rev: v0.1.0\n    hooks:\n      - id: heimdall-version\n`)).toBe(true);
  });

  it('says why when the file is not valid YAML, and leaves an entry someone edited in place', () => {
    const broken = addHook('repos:\n  - repo: local\n   hooks: [\n', 'hv');
    expect('problem' in broken && broken.problem).toMatch(/^it is not valid YAML \(/);
    const added = addHook(HEIMDALL_MCP, 'hv');
    if (!('text' in added)) throw new Error(added.problem);
    const edited = added.text.replace('        always_run: true\n', '        always_run: true\n        stages: [pre-push]\n');
    expect(removeHook(edited)).toBeUndefined();
  });
});
