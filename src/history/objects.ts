// git's object store through one long-lived `git cat-file --batch`, started as every read command
// starts git (READ_ONLY, readEnv: no hook, fsmonitor, pager or lazy fetch): raw objects only, so no
// filter or textconv the repository configures can run. Requests are pipelined, answers read in order;
// a batch of names is one write and one promise, however many objects it holds.
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { childProcess, READ_ONLY, readEnv } from '../git/git.js';
import { UserError } from '../core/errors.js';

export type GitObject = { oid: string; type: string; bytes: Buffer } | { missing: true };

const MISSING: GitObject = Object.freeze({ missing: true });

/** One write's answers, collected in order. */
interface Pending {
  objects: GitObject[];
  count: number;
  resolve: (o: GitObject[]) => void;
  reject: (e: Error) => void;
}

/** "<oid> <type> <size>": an answer's header. */
const HEADER = /^([0-9a-f]{40,64}) (\w+) (\d+)$/;

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
  async read(name: string): Promise<GitObject> {
    return (await this.readMany([name]))[0]!;
  }

  /** Objects by name, in the order asked. */
  readMany(names: readonly string[]): Promise<GitObject[]> {
    if (this.failure) return Promise.reject(this.failure);
    const askable = names.filter(canAsk);
    const asked =
      askable.length === 0
        ? Promise.resolve([])
        : new Promise<GitObject[]>((resolve, reject) => {
            this.pending.push({ objects: [], count: askable.length, resolve, reject });
            // The names asked in one tick go to git in one write.
            if (this.queued.length === 0) process.nextTick(() => this.child.stdin.write(this.queued.splice(0).join('')));
            this.queued.push(`${askable.join('\n')}\n`);
          });
    if (askable.length === names.length) return asked;
    return asked.then((objects) => {
      let next = 0;
      return names.map((name) => (canAsk(name) ? objects[next++]! : MISSING));
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
      const m = HEADER.exec(this.buffer.toString('latin1', 0, nl));
      if (!m) {
        this.buffer = this.buffer.subarray(nl + 1);
        this.answer(MISSING);
        continue;
      }
      const size = Number(m[3]);
      if (this.buffer.length < nl + 1 + size + 1) return;
      // A copy: the chunk it came in is not kept alive by one small object.
      const bytes = Buffer.from(this.buffer.subarray(nl + 1, nl + 1 + size));
      this.buffer = this.buffer.subarray(nl + 1 + size + 1);
      this.reads++;
      this.answer({ oid: m[1]!, type: m[2]!, bytes });
    }
  }

  private answer(object: GitObject): void {
    const head = this.pending[0];
    if (!head) return;
    head.objects.push(object);
    if (head.objects.length === head.count) {
      this.pending.shift();
      head.resolve(head.objects);
    }
  }
}

const canAsk = (name: string) => name !== '' && !name.includes('\n');
