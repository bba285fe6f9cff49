// GitHub Actions workflow commands: annotations on the pull request's files. Data and properties
// are escaped as the workflow-command spec says, after the text is made printable, so that every
// command printed is one heimdall-version meant.
import type { CheckResult } from '../core/result.js';
import { printable } from './printable.js';

const escapeData = (s: string) => printable(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function formatGithub(result: CheckResult): string {
  return result.diagnostics
    .map((d) => {
      const props = [
        d.file && `file=${escapeProperty(d.file)}`,
        d.line && `line=${d.line}`,
        d.column && `col=${d.column}`,
        `title=${escapeProperty(d.package !== undefined ? `${d.rule} (${d.package})` : d.rule)}`,
      ].filter(Boolean);
      return `::${d.severity === 'error' ? 'error' : 'warning'} ${props.join(',')}::${escapeData(d.message)}\n`;
    })
    .join('');
}
