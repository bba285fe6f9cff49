// Standard output and error, written straight to their file descriptors. Touching process.stdout
// makes Node load its whole stream machinery, which costs a pre-commit check more than its own
// work; a plain write does not. Should a descriptor refuse to block (EAGAIN), that descriptor
// switches to Node's stream for good, so that the order of the text is kept.
import { fstatSync, statSync, writeSync } from 'node:fs';

type Fd = 0 | 1 | 2;
const viaStream = new Set<Fd>();
const streamOf = (fd: Fd) => (fd === 1 ? process.stdout : process.stderr);

export function write(fd: Fd, text: string): void {
  if (viaStream.has(fd)) {
    streamOf(fd).write(text);
    return;
  }
  const bytes = Buffer.from(text, 'utf8');
  let done = 0;
  try {
    while (done < bytes.length) done += writeSync(fd, bytes, done);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EPIPE') return; // the reader has gone (| head): nothing more to say
    if (code !== 'EAGAIN') throw e;
    viaStream.add(fd);
    streamOf(fd).write(bytes.subarray(done));
  }
}

/** True when nothing is left queued in a stream (the process may exit at once). */
export const drained = (): boolean => [...viaStream].every((fd) => streamOf(fd).writableLength === 0);

/** Whether fd is a terminal. Pipes, files and /dev/null are told apart without loading node:tty. */
export async function isTerminal(fd: Fd): Promise<boolean> {
  try {
    const stat = fstatSync(fd);
    if (!stat.isCharacterDevice()) return false;
    if (process.platform !== 'win32' && stat.rdev === statSync('/dev/null').rdev) return false;
  } catch {
    return false;
  }
  return (await import('node:tty')).isatty(fd);
}
