// git's object store through one long-lived `git cat-file --batch`, started as every read command
// starts git (READ_ONLY, readEnv: no hook, fsmonitor, pager or lazy fetch): raw objects only, so no
// filter or textconv the repository configures can run. Requests are pipelined, answers read in order.
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { childProcess, READ_ONLY, readEnv } from '../git/git.js';
import { UserError } from '../core/errors.js';

export type GitObject = { oid: string; type: string; bytes: Buffer } | { missing: true };

interface Pending {
  resolve: (o: GitObject) => void;
  reject: (e: Error) => void;
}

export class ObjectStore {
  private readonly pending: Pending[] = [];
  private readonly queued: string[] = [];
  private buffer: Buffer = Buffer.alloc(0);
  private failure: Error | undefined;
  private stderr = '';
  /** Objects handed out. */
  reads = 0;

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.on('data', (chunk: Buffer) => this.take(chunk));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (this.stderr = (this.stderr + s).slice(-2000)));
    child.on('error', (e) => this.fail(e));
    child.on('close', (code) => this.fail(new UserError(`reading git objects (git cat-file) failed: ${this.stderr.trim() || `git exited with ${code}`}`, 1)));
    child.stdin.on('error', () => {}); // a git that died is reported through 'close'
  }

  static async open(gitTop: string): Promise<ObjectStore> {
    const cp = await childProcess();
    const child = cp.spawn('git', [...READ_ONLY, 'cat-file', '--batch'], { cwd: gitTop, env: readEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    return new ObjectStore(child);
  }

  /** One object by name (an oid, or `<rev>:<path>`); a name holding a line break cannot be asked and is missing. */
  read(name: string): Promise<GitObject> {
    if (this.failure) return Promise.reject(this.failure);
    if (name.includes('\n') || name === '') return Promise.resolve({ missing: true });
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
      // The names asked in one tick go to git in one write.
      if (this.queued.length === 0) process.nextTick(() => this.child.stdin.write(this.queued.splice(0).join('')));
      this.queued.push(`${name}\n`);
    });
  }

  close(): void {
    this.child.stdin.end();
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const p of this.pending.splice(0)) p.reject(this.failure);
  }

  /** Answers: "<oid> <type> <size>\n<bytes>\n", or "<name> missing\n" / "<name> ambiguous\n". */
  private take(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (;;) {
      const nl = this.buffer.indexOf(10);
      if (nl === -1) return;
      const header = this.buffer.subarray(0, nl).toString('utf8');
      const m = /^([0-9a-f]{40,64}) (\w+) (\d+)$/.exec(header);
      if (!m) {
        this.buffer = this.buffer.subarray(nl + 1);
        this.pending.shift()?.resolve({ missing: true });
        continue;
      }
      const size = Number(m[3]);
      if (this.buffer.length < nl + 1 + size + 1) return;
      // A copy: the chunk it came in is not kept alive by one small object.
      const bytes = Buffer.from(this.buffer.subarray(nl + 1, nl + 1 + size));
      this.buffer = this.buffer.subarray(nl + 1 + size + 1);
      this.reads++;
      this.pending.shift()?.resolve({ oid: m[1]!, type: m[2]!, bytes });
    }
  }
}
