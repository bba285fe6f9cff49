// A yes/no question on the terminal: loaded only when a command must ask (bump --push, release --upload).
import { createInterface } from 'node:readline/promises';

/** True only for an explicit yes; an empty answer, end of input (Ctrl-D) or Ctrl-C is a no. */
export async function askYesNo(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const closed = new Promise<string>((resolve) => rl.once('close', () => resolve('')));
  rl.on('SIGINT', () => rl.close()); // Ctrl-C: a no (without a listener readline would only pause)
  try {
    const answer = await Promise.race([rl.question(`${question} [y/N] `), closed]);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}
