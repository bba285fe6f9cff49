// hook install never rewrites bytes it does not own (issue #11).
import { chmodSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.js';
import { cleanupTempDirs, layoutRepo, tempDir } from '../helpers/repo.js';

afterAll(cleanupTempDirs);

describe('hook install', () => {
  it('chains a binary hook, byte for byte, instead of editing it', () => {
    const repo = layoutRepo().commit();
    const binary = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0xff, 0xfe, 0x0a, 0x23, 0x21]);
    const hook = repo.path('.git/hooks/pre-commit');
    writeFileSync(hook, binary);
    chmodSync(hook, 0o755);
    const res = run(['hook', 'install'], repo.dir);
    expect(res.code, res.stderr).toBe(0);
    expect(readFileSync(`${hook}.heimdall-chained`).equals(binary)).toBe(true);
    expect(readFileSync(hook, 'utf8')).toContain('heimdall-version check --staged');
    expect(statSync(hook).mode & 0o111).not.toBe(0);
  });

  it('refuses a hook that is a link leading outside the hooks directory, leaving its target alone', () => {
    const outside = path.join(tempDir(), 'shared-hook');
    writeFileSync(outside, '#!/bin/sh\necho shared\n');
    const repo = layoutRepo().commit();
    symlinkSync(outside, repo.path('.git/hooks/pre-commit'));
    const res = run(['hook', 'install'], repo.dir);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('outside the hooks directory');
    expect(readFileSync(outside, 'utf8')).toBe('#!/bin/sh\necho shared\n');
  });

  it('never overwrites a hook a former install chained: refuses, both hooks byte for byte as they were', () => {
    const repo = layoutRepo().commit();
    const hook = repo.path('.git/hooks/pre-commit');
    const chained = `${hook}.heimdall-chained`;
    writeFileSync(hook, `#!${process.execPath}\nconsole.log('node hook');\n`);
    writeFileSync(chained, '#!/bin/sh\necho the hook chained before\n');
    chmodSync(hook, 0o755);
    const res = run(['hook', 'install'], repo.dir);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('pre-commit.heimdall-chained exists already');
    expect(readFileSync(hook, 'utf8')).toBe(`#!${process.execPath}\nconsole.log('node hook');\n`);
    expect(readFileSync(chained, 'utf8')).toBe('#!/bin/sh\necho the hook chained before\n');
  });
});
