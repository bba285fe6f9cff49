// A unified diff of line-preserving edits (a version never adds or removes a line).
import type { FileChange } from './plan.js';

const CONTEXT = 2;

export function unifiedDiff(change: FileChange): string {
  // The empty string after a final newline is no line of the file.
  const oldLines = change.oldText.replace(/\n$/, '').split('\n');
  const newLines = change.newText.replace(/\n$/, '').split('\n');
  const changed = [...new Set(change.edits.map((e) => e.line - 1))].sort((a, b) => a - b);
  const out = [`--- a/${change.file}`, `+++ b/${change.file}`];
  let i = 0;
  while (i < changed.length) {
    let j = i;
    while (j + 1 < changed.length && changed[j + 1]! - changed[j]! <= 2 * CONTEXT + 1) j++;
    const from = Math.max(0, changed[i]! - CONTEXT);
    const to = Math.min(oldLines.length - 1, changed[j]! + CONTEXT);
    const body: string[] = [];
    for (let n = from; n <= to; n++) {
      if (changed.slice(i, j + 1).includes(n)) body.push(`-${show(oldLines[n]!)}`, `+${show(newLines[n]!)}`);
      else body.push(` ${show(oldLines[n]!)}`);
    }
    const count = to - from + 1;
    out.push(`@@ -${from + 1},${count} +${from + 1},${count} @@`, ...body);
    i = j + 1;
  }
  return `${out.join('\n')}\n`;
}

/** The diff as a terminal shows it: headers bold, removals red, additions green, hunks cyan. */
export function colorDiff(diff: string): string {
  return diff.replace(/^(---|\+\+\+|@@|-|\+)(.*)$/gm, (line, mark: string) => {
    const code = mark === '---' || mark === '+++' ? 1 : mark === '@@' ? 36 : mark === '-' ? 31 : 32;
    return `\u001b[${code}m${line}\u001b[0m`;
  });
}

const show = (line: string) => line.replace(/^\uFEFF/, '').replace(/\r$/, '');
