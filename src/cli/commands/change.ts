// How a planned change looks on the command line: a unified diff, coloured on a terminal. Its lines
// come from the repository's files, so each is printed inert (report/printable.ts); a tab stays a tab.
import { colorDiff, unifiedDiff } from '../../change/diff.js';
import type { FileChange } from '../../change/plan.js';
import { printable } from '../../report/printable.js';

/** A diff line starts with "+", "-", " " or "@", so no line of it can begin a workflow command. */
const inertLine = (line: string) => line.split('\t').map(printable).join('\t');

export const showDiff = (changes: FileChange[], color = false) => {
  const diff = changes.map(unifiedDiff).join('').split('\n').map(inertLine).join('\n');
  return color ? colorDiff(diff) : diff;
};
