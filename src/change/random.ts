// Random hex for names nobody can guess ahead of time, from the kernel's random device: loading
// node:crypto for eight bytes costs a bump's start about 2.5 ms. Read 512 bytes at a time (a change of
// 100 files names 100 temp files: one read, not 100). Web Crypto where there is no device.
import { closeSync, openSync, readSync } from 'node:fs';

let pool: Buffer = Buffer.alloc(0);

export function randomHex(bytes: number): string {
  if (pool.length < bytes) pool = fromDevice(Math.max(512, bytes));
  const taken = pool.subarray(0, bytes);
  pool = pool.subarray(bytes);
  return taken.toString('hex');
}

function fromDevice(bytes: number): Buffer {
  const buffer = Buffer.alloc(bytes);
  try {
    const fd = openSync('/dev/urandom', 'r');
    try {
      if (readSync(fd, buffer, 0, bytes, null) === bytes) return buffer;
    } finally {
      closeSync(fd);
    }
  } catch {
    // No such device (Windows): Web Crypto below.
  }
  globalThis.crypto.getRandomValues(buffer);
  return buffer;
}
