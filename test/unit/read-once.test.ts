// A read command reads each file from the disk once: the readers of one file share its bytes, and so
// its decoded text; a file replaced or rewritten since it was read is read anew.
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeUtf8 } from '../../src/core/text.js';
import { rememberReads } from '../../src/git/read-once.js';
import { readRegular } from '../../src/git/workspace.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'hv-read-once-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const bytesOf = (file: string) => {
  const read = readRegular(file);
  if (!('bytes' in read)) throw new Error(read.missing);
  return read.bytes;
};

describe('reading a file once per run', () => {
  it('reads anew each time until remembering is on, then gives every reader the same bytes and text', () => {
    const file = path.join(dir, 'pyproject.toml');
    writeFileSync(file, '[project]\nversion = "1.0.0"\n');
    expect(bytesOf(file)).not.toBe(bytesOf(file));
    rememberReads();
    const first = bytesOf(file);
    expect(bytesOf(file)).toBe(first);
    expect(decodeUtf8(bytesOf(file))).toBe(decodeUtf8(first));
  });

  it('reads a file again once it was replaced (same size) or rewritten in place (another size)', () => {
    rememberReads();
    const file = path.join(dir, 'version.py');
    writeFileSync(file, '__version__ = "1.0.0"\n');
    expect(bytesOf(file).toString()).toBe('__version__ = "1.0.0"\n');
    writeFileSync(`${file}.new`, '__version__ = "2.0.0"\n');
    renameSync(`${file}.new`, file);
    expect(bytesOf(file).toString()).toBe('__version__ = "2.0.0"\n');
    writeFileSync(file, '__version__ = "2.0.10"\n');
    expect(bytesOf(file).toString()).toBe('__version__ = "2.0.10"\n');
  });

  it('still names what is no regular file', () => {
    rememberReads();
    expect(readRegular(dir)).toEqual({ missing: 'is not a regular file (a directory)' });
  });
});
