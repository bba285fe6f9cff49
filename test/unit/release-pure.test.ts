import { describe, expect, it } from 'vitest';
import { maskedLines, maskText, secretsFrom } from '../../src/release/mask.js';
import { toPep440 } from '../../src/version/pep440.js';

describe('toPep440', () => {
  it.each([
    ['0.2.0', '0.2.0'],
    ['0.3.0-rc.1', '0.3.0rc1'],
    ['1.0.0-alpha.2', '1.0.0a2'],
    ['1.0.0-beta', '1.0.0b0'],
    ['1.0.0-dev.3', '1.0.0.dev3'],
    ['1.0.0-post.1', '1.0.0.post1'],
    ['1.0.0+Local-Build.2', '1.0.0+local.build.2'],
  ])('%s → %s', (semver, pep) => expect(toPep440(semver)).toBe(pep));

  it('has no form for prereleases Python cannot express', () => {
    expect(toPep440('1.0.0-foo.1')).toBeUndefined();
    expect(toPep440('1.0.0-rc.1.2')).toBeUndefined();
  });
});

describe('masking', () => {
  it('collects the twine password and ~/.pypirc passwords, ignoring trivial ones', () => {
    expect(secretsFrom({ TWINE_PASSWORD: 'pypi-abcdef' }, '[pypi]\nusername = __token__\npassword = pypi-xyz123\n')).toEqual(['pypi-abcdef', 'pypi-xyz123']);
    expect(secretsFrom({ TWINE_PASSWORD: 'x' })).toEqual([]);
  });

  it('hides secrets and URL credentials', () => {
    expect(maskText('token pypi-abcdef used', ['pypi-abcdef'])).toBe('token **** used');
    expect(maskText('https://user:hunter22@example.org/legacy/', [])).toBe('https://user:****@example.org/legacy/');
  });

  it('masks a secret split across chunks of output', () => {
    let out = '';
    const lines = maskedLines((s) => (out += s), ['pypi-abcdef']);
    lines.push('first pypi-ab');
    lines.push('cdef line\nsecond');
    lines.push(' pypi-abcdef');
    lines.end();
    expect(out).toBe('first **** line\nsecond ****');
  });
});
