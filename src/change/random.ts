// Random hex for names nobody can guess ahead of time, from the kernel's random device: loading
// node:crypto for eight bytes costs a bump's start about 2.5 ms. Web Crypto where there is no device.
import { closeSync, openSync, readSync } from 'node:fs';

export function randomHex(bytes: number): string {
  const buffer = Buffer.alloc(bytes);
  try {
    const fd = openSync('/dev/urandom', 'r');
    try {
      if (readSync(fd, buffer, 0, bytes, null) === bytes) return buffer.toString('hex');
    } finally {
      closeSync(fd);
    }
  } catch {
    // No such device (Windows): Web Crypto below.
  }
  globalThis.crypto.getRandomValues(buffer);
  return buffer.toString('hex');
}
