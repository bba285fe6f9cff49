// A version.py whose literal agrees with pyproject.toml, but whose __version__ at import is another
// value through some other binding: check is never green without a word. It reports a mismatch
// (the binding is read as Python reads it) or warns that the source cannot be checked.
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.js';
import { needs } from '../helpers/env.js';
import { importedVersions, PYTHON, REBINDINGS } from '../helpers/python-rebindings.js';
import { cleanupTempDirs, layoutRepo, VPY } from '../helpers/repo.js';

afterAll(cleanupTempDirs);

interface Diagnostic {
  rule: string;
  severity: string;
  message: string;
  file?: string;
  line?: number;
}

describe('check of a version.py that rebinds __version__ after its literal', () => {
  it.runIf(needs(existsSync(PYTHON), 'the Python oracle', 'apt-get install python3'))('is a mismatch or a warning for every form, never a silent pass', () => {
    const effective = importedVersions(REBINDINGS.map(([, text]) => text));
    const repo = layoutRepo('1.0.0').commit();
    REBINDINGS.forEach(([what, text], i) => {
      expect([what, effective[i]]).not.toEqual([what, '1.0.0']);
      repo.write(VPY, text);
      const res = run(['check', '--format', 'json'], repo.dir);
      const diagnostics = (JSON.parse(res.stdout) as { diagnostics: Diagnostic[] }).diagnostics.filter((d) => d.file === VPY);
      const mismatch = res.code === 1 && diagnostics.some((d) => d.rule === 'version-mismatch' && d.severity === 'error');
      const warned = diagnostics.some((d) => d.rule === 'source-missing' && d.severity === 'warn' && /cannot be checked/.test(d.message));
      expect([what, res.stderr, mismatch || warned]).toEqual([what, '', true]);
      // The stylish report says it too: no green line alone.
      const stylish = run(['check'], repo.dir);
      expect([what, / {2}(warn|error) {2}/.test(stylish.stdout)]).toEqual([what, true]);
    });
  });

  it('an uncheckable rebinding is a warning with its line, and exit 0 (the literal still agrees)', () => {
    const repo = layoutRepo('1.0.0').write(VPY, '__version__ = "1.0.0"\n__version__ += ".post1"\n').commit();
    const res = run(['check'], repo.dir);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain(
      `${VPY}:2:1  warn   __version__ is also bound by an augmented assignment (+=) at line 2, so its value at import cannot be checked`,
    );
    expect(res.stdout).toContain('(1 warning)');
  });

  it('an NFKC-equivalent name is the same variable: its literal is checked and bumped', () => {
    const text = '__version__ = "1.0.0"\n__ｖersion__ = "1.0.0"\n';
    const repo = layoutRepo('1.0.0').write(VPY, text).commit();
    expect(run(['check'], repo.dir).code).toBe(0);
    expect(run(['bump', 'patch'], repo.dir).code).toBe(0);
    expect(repo.read(VPY)).toBe(text.replaceAll('1.0.0', '1.0.1'));
  });
});
