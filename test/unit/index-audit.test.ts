// What a package index's page says, read without the network: PEP 691 JSON and PEP 503 HTML (with
// PEP 592's yanked marks), and the version in a wheel's or an sdist's file name.
import { describe, expect, it } from 'vitest';
import { htmlFiles, jsonFiles, shownUrl, versionOfFile } from '../../src/history/index-audit.js';

describe('the index page', () => {
  it('reads PEP 691 JSON: file names and yanked (false, true or a reason)', () => {
    const body = JSON.stringify({
      meta: { 'api-version': '1.1' },
      files: [
        { filename: 'a-1.0.tar.gz', yanked: false },
        { filename: 'a-1.1.tar.gz', yanked: true },
        { filename: 'a-1.2.tar.gz', yanked: 'broken' },
        { filename: 7 },
      ],
    });
    expect(jsonFiles(body, 'x')).toEqual([
      { filename: 'a-1.0.tar.gz', yanked: false },
      { filename: 'a-1.1.tar.gz', yanked: true },
      { filename: 'a-1.2.tar.gz', yanked: 'broken' },
    ]);
    expect(() => jsonFiles('{', 'http://127.0.0.1/simple/a/')).toThrow('answered JSON that does not parse');
  });

  it('reads PEP 503 HTML anchors, their text unescaped, and data-yanked', () => {
    const body = `<a href="/f/a-1.0.tar.gz#sha256=00">a-1.0.tar.gz</a><br>
<a href="/f/a-1.1.tar.gz" data-yanked>a-1.1.tar.gz</a>
<a data-yanked="bad &amp; broken" href="/f/a-1.2.tar.gz">a-1.2.tar.gz</a>`;
    expect(htmlFiles(body)).toEqual([
      { filename: 'a-1.0.tar.gz', yanked: false },
      { filename: 'a-1.1.tar.gz', yanked: true },
      { filename: 'a-1.2.tar.gz', yanked: 'bad & broken' },
    ]);
  });

  it('takes the version from a wheel or an sdist, whatever the spelling of the name', () => {
    expect(versionOfFile('heimdall_mcp-0.3.4-py3-none-any.whl', 'heimdall-mcp')).toBe('0.3.4');
    expect(versionOfFile('heimdall-mcp-0.3.4.tar.gz', 'heimdall-mcp')).toBe('0.3.4');
    expect(versionOfFile('Heimdall.MCP-1.0rc1.zip', 'heimdall-mcp')).toBe('1.0rc1');
    expect(versionOfFile('other-1.0.tar.gz', 'heimdall-mcp')).toBeUndefined();
  });

  it('never says the credentials of an index URL', () => {
    expect(shownUrl('https://__token__:pypi-secret@example.invalid/simple/')).toBe('https://example.invalid/simple/');
  });
});
