// A yes/no question on the terminal: loaded only when a command must ask (bump --push, release --upload).
import { createInterface } from 'node:readline/promises';

export async function askYesNo(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${question} [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}
