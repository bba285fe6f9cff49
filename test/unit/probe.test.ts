import { describe, expect, it } from 'vitest';
import { probeFindings, samePep440, type ProbeReport } from '../../src/release/probe.js';

const want = { distribution: 'heimdall-mcp', version: '0.3.7', belongsToPackage: (f: string) => f.startsWith('cognitive_memory/') };
const source = (over: Partial<ProbeReport['sources'][number]>): ProbeReport['sources'][number] => ({
  file: 'cognitive_memory/core/version.py',
  variable: 'SYSTEM_VERSION',
  installed: 'cognitive_memory/core/version.py',
  failedLookups: [],
  ...over,
});

describe('probeFindings', () => {
  it('names the heimdall-mcp drift: the fallback, the expected version and the lookup that raised', () => {
    const report: ProbeReport = {
      version: '0.3.7',
      error: null,
      sources: [source({ value: '0.1.0', failedLookups: [{ name: 'heimdall-mcp-server', error: 'PackageNotFoundError' }] })],
    };
    expect(probeFindings(report, want)).toEqual({
      problems: [
        'installed `SYSTEM_VERSION` is 0.1.0, expected 0.3.7 — the lookup of "heimdall-mcp-server" raised PackageNotFoundError (cognitive_memory/core/version.py)',
      ],
      passed: ['importlib.metadata.version("heimdall-mcp") is 0.3.7'],
    });
  });

  it('passes a package that reports the version everywhere, in any PEP 440 spelling', () => {
    const report: ProbeReport = { version: '0.3.7', error: null, sources: [source({ value: '0.3.7.0' })] };
    expect(probeFindings(report, want).problems).toEqual([]);
  });

  it('a file missing from the package is a problem only when its directory is a package', () => {
    const report: ProbeReport = {
      version: '0.3.7',
      error: null,
      sources: [source({ installed: null }), source({ file: 'docs/conf.py', variable: 'release', installed: null })],
    };
    const found = probeFindings(report, want);
    expect(found.problems).toEqual([
      'cognitive_memory/core/version.py is not in the installed package: the artifact leaves it out, so `import` of it fails for users',
    ]);
    expect(found.passed).toContain('docs/conf.py is not part of the package (not checked)');
  });

  it('reports a distribution that is not installed, a file that raises, and a variable that is missing', () => {
    const report: ProbeReport = { version: null, error: 'PackageNotFoundError', sources: [source({ raised: 'ImportError: no' }), source({})] };
    expect(probeFindings(report, want).problems).toEqual([
      'importlib.metadata.version("heimdall-mcp") raised PackageNotFoundError: the package installs no distribution of that name',
      'running the installed cognitive_memory/core/version.py raised ImportError: no',
      'the installed cognitive_memory/core/version.py assigns no `SYSTEM_VERSION`',
    ]);
  });
});

describe('samePep440', () => {
  it.each([
    ['1.0', '1.0.0', true],
    ['0.3.0rc1', '0.3.0-rc.1', true],
    ['1.0.0.post1', '1.0.0-1', true],
    ['1.0.0a0', '1.0.0alpha', true],
    ['v1.2.3', '1.2.3', true],
    ['1.0.0.dev2', '1.0.0dev2', true],
    ['1.0.0+Local-1', '1.0.0+local.1', true],
    ['1.0.0', '1.0.1', false],
    ['1.0.0rc1', '1.0.0', false],
    ['1.0.0', '1.0.0+local', false],
    ['0.1.0', 'not a version', false],
  ])('%s and %s: %s', (a, b, same) => {
    expect(samePep440(a, b)).toBe(same);
  });
});
