// How a planned change looks on the command line: a unified diff, coloured on a terminal.
import { colorDiff, unifiedDiff } from '../../change/diff.js';
import type { FileChange } from '../../change/plan.js';

export const showDiff = (changes: FileChange[], color = false) => {
  const diff = changes.map(unifiedDiff).join('');
  return color ? colorDiff(diff) : diff;
};
