import { describe, expect, it } from 'vitest';
import { buildArgv, explainBuild, explainTwine, missingDependencies } from '../../src/release/diagnose.js';

const BUILD = ['/usr/bin/python3', '-m', 'build'];
const TWINE_4 = `Checking dist/p-1.0-py3-none-any.whl: ERROR    InvalidDistribution: Metadata is missing required fields: Name,
         Version.
         Make sure the distribution includes the files where those fields are
         specified, and is using a supported Metadata-Version: 1.0, 1.1, 1.2,
         2.0, 2.1, 2.2.
`;

describe('release diagnoses', () => {
  it('adds --no-isolation to python -m build only', () => {
    expect(buildArgv(BUILD, false)).toEqual([...BUILD, '--no-isolation']);
    expect(buildArgv(BUILD, true)).toEqual(BUILD);
    expect(buildArgv([...BUILD, '--no-isolation'], false)).toEqual([...BUILD, '--no-isolation']);
    expect(buildArgv(['make', 'dist'], false)).toEqual(['make', 'dist']);
  });

  it('explains an offline isolated build, and a backend missing without isolation', () => {
    const offline =
      'ERROR: Could not find a version that satisfies the requirement setuptools>=61.0 (from versions: none)\nERROR: No matching distribution found for setuptools>=61.0\nTraceback …\nERROR Command … returned non-zero exit status 1.\n';
    expect(explainBuild(offline, BUILD)).toBe(
      'the isolated build could not install its build requirements (pip: no matching distribution found for setuptools>=61.0); offline, build with the backend installed in /usr/bin/python3: set "release": { "isolation": false } in the configuration, or pass --no-isolation',
    );
    expect(explainBuild('ERROR Missing dependencies:\n\thatchling\n', [...BUILD, '--no-isolation'])).toBe(
      '/usr/bin/python3 lacks the build backend (hatchling) that a build without isolation uses: install it there, or build isolated (release.isolation: true)',
    );
    expect(explainBuild('all fine until\n', BUILD)).toBeUndefined();
  });

  it('tells an installed backend that lacks one of its own dependencies from a missing backend', () => {
    const output = 'ERROR Missing dependencies:\n\thatchling\n\teditables>=0.3\n';
    const build = [...BUILD, '--no-isolation'];
    expect(missingDependencies(output)).toEqual(['hatchling', 'editables>=0.3']);
    expect(missingDependencies('ERROR Missing dependencies:\n\tfoo\n\tfoo -> bar>=1\n')).toEqual(['foo', 'bar>=1']);
    expect(
      explainBuild(
        output,
        build,
        new Map([
          ['hatchling', '1.12.2'],
          ['editables>=0.3', undefined],
        ]),
      ),
    ).toBe(
      "/usr/bin/python3 has hatchling 1.12.2, but not editables>=0.3, which hatchling requires; python -m build checks the backend's own dependencies too: install editables>=0.3 into /usr/bin/python3, or skip that check with --skip-dependency-check in release.build",
    );
    expect(
      explainBuild(
        output,
        build,
        new Map([
          ['hatchling', undefined],
          ['editables>=0.3', undefined],
        ]),
      ),
    ).toContain('lacks the build backend (hatchling, editables>=0.3)');
  });

  it('explains an old twine against a newer Metadata-Version, with both ways out', () => {
    const artifacts = [
      { name: 'p-1.0-py3-none-any.whl', metadataVersion: '2.4' },
      { name: 'p-1.0.tar.gz', metadataVersion: '2.4' },
    ];
    const check = ['/usr/bin/python3', '-m', 'twine', 'check'];
    expect(explainTwine(TWINE_4, artifacts, '4.0.2', check, true)).toBe(
      'twine 4.0.2 (/usr/bin/python3 -m twine check) reads Metadata-Version 1.0 to 2.2 only, but p-1.0-py3-none-any.whl, p-1.0.tar.gz carry Metadata-Version 2.4 (a current build backend writes it); ' +
        'either build with the backend installed in /usr/bin/python3, which writes an older Metadata-Version: set "release": { "isolation": false } in the configuration, or pass --no-isolation; ' +
        'or use twine 6.1 or newer, which reads Metadata-Version 2.4 (/usr/bin/python3 -m pip install --upgrade "twine>=6.1", or name an interpreter that has it with --python or release.python)',
    );
    expect(explainTwine(TWINE_4, artifacts, '4.0.2', check, false)).not.toContain('isolation');
    expect(explainTwine(TWINE_4, [{ name: 'p.whl', metadataVersion: '2.1' }], '4.0.2', check, true)).toBeUndefined();
    expect(explainTwine('some other failure', artifacts, '4.0.2', check, true)).toBeUndefined();
  });
});
