// Credentials and masking, pure (issue #11): what each step's environment holds, what the screen shows.
import { describe, expect, it } from 'vitest';
import { credentialValues, splitUrlCredentials, uploadEnvironment, withoutCredentials } from '../../src/release/credentials.js';
import { maskedStream, maskText, pypircPasswords, secretsFrom } from '../../src/release/mask.js';

describe('withoutCredentials', () => {
  it("drops twine's variables, tokens, passwords and OIDC request variables; keeps the rest", () => {
    const env = {
      PATH: '/bin',
      HOME: '/h',
      TWINE_USERNAME: 'u',
      TWINE_PASSWORD: 'p',
      PYPI_API_TOKEN: 't',
      GITHUB_TOKEN: 'g',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'o',
      ACTIONS_ID_TOKEN_REQUEST_URL: 'https://x',
      MY_SECRET: 's',
      TWINE_NON_INTERACTIVE: '1',
      TOKENIZERS_PARALLELISM: 'false',
    };
    expect(withoutCredentials(env)).toEqual({ PATH: '/bin', HOME: '/h', TWINE_NON_INTERACTIVE: '1', TOKENIZERS_PARALLELISM: 'false' });
    expect(credentialValues(env).sort()).toEqual(['g', 'o', 'p', 's', 't', 'u']);
  });
});

describe('splitUrlCredentials', () => {
  it('moves user:password out of the URL, percent-decoded', () => {
    const split = splitUrlCredentials('https://__token__:pypi-Ab%2Fc%40d@upload.example/legacy/');
    expect(split).toEqual({ url: 'https://upload.example/legacy/', username: '__token__', password: 'pypi-Ab/c@d' });
    expect(uploadEnvironment({ PATH: '/bin' }, split)).toEqual({ PATH: '/bin', TWINE_USERNAME: '__token__', TWINE_PASSWORD: 'pypi-Ab/c@d' });
  });

  it('leaves a URL without credentials alone', () => {
    expect(splitUrlCredentials('https://upload.pypi.org/legacy/')).toEqual({ url: 'https://upload.pypi.org/legacy/' });
  });
});

describe('secrets from .pypirc', () => {
  it('reads password keys in any case, multi-line values, and short ones', () => {
    const pypirc = '[pypi]\nusername = __token__\nPassword = pypi-line-one\n  line-two\n[testpypi]\npassword:abc\n';
    expect(pypircPasswords(pypirc)).toEqual(['pypi-line-one\nline-two', 'abc']);
    const secrets = secretsFrom([], pypirc);
    expect(secrets).toContain('pypi-line-one');
    expect(secrets).toContain('line-two');
    expect(maskText('x abc y pypi-line-one z line-two', secrets)).toBe('x **** y **** z ****');
  });
});

describe('maskedStream', () => {
  const collect = (secrets: string[], chunks: string[]) => {
    let out = '';
    const stream = maskedStream((s) => (out += s), secrets);
    for (const c of chunks) stream.push(c);
    stream.end();
    return out;
  };
  const token = `pypi-${'AgEIcHlwaS5vcmcCJGE4'.repeat(9)}`.slice(0, 184);

  it('masks a secret split across chunks', () => {
    const out = collect([token], ['uploading with ', token.slice(0, 50), token.slice(50, 51), `${token.slice(51)} done\n`]);
    expect(out).toBe('uploading with **** done\n');
  });

  it('masks a 184-character token a child wrapped over three lines', () => {
    const text = `Uploading to https://__token__:${token.slice(0, 60)}\n    ${token.slice(60, 130)}\n    ${token.slice(130)}@host/legacy/\n`;
    const out = collect([token], [text.slice(0, 70), text.slice(70)]);
    expect(out).not.toContain(token.slice(0, 20));
    expect(out).not.toContain(token.slice(130));
    expect(out).toContain('****');
  });

  it('passes text through whole when there is nothing to hide', () => {
    expect(collect([], ['a\n', 'b'])).toBe('a\nb');
  });
});
