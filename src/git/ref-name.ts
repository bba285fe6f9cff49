// Names that become git arguments (tag prefixes, branches, remotes) are checked by git's own rules
// for ref names (git check-ref-format) before any git sees them, and may never be read as an option.

/** Why `name` cannot be the start of a ref name's last part (a tag prefix: `refs/tags/<prefix><version>`), or undefined. */
export function refPrefixProblem(prefix: string): string | undefined {
  return optionProblem(prefix) ?? charProblem(prefix) ?? partsProblem(prefix.split('/'), true);
}

/** Why `name` cannot be a branch name (`refs/heads/<name>`), or undefined. */
export function branchProblem(name: string): string | undefined {
  if (name === '@') return 'must be a branch name, not "@" (which git reads as HEAD)';
  return optionProblem(name) ?? charProblem(name) ?? partsProblem(name.split('/'), false) ?? (name.endsWith('.') ? 'must not end with "."' : undefined);
}

/** Why a remote (a name or a URL) could mislead git, or undefined: git itself judges the rest when it pushes. */
export function remoteProblem(remote: string): string | undefined {
  return optionProblem(remote) ?? (CONTROL.test(remote) ? `must not contain control characters (${shownControl(remote)})` : undefined);
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
const CONTROL = /[\u0000-\u001f\u007f]/;
const shownControl = (s: string) => `U+${s.match(CONTROL)![0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

function optionProblem(name: string): string | undefined {
  return name.startsWith('-') ? 'must not start with "-" (git would read it as an option)' : undefined;
}

function charProblem(name: string): string | undefined {
  if (CONTROL.test(name)) return `must not contain control characters (${shownControl(name)})`;
  const bad = /[ ~^:?*[\\]/.exec(name);
  if (bad) return `must not contain ${bad[0] === ' ' ? 'a space' : `"${bad[0]}"`} (git refuses it in a ref name)`;
  if (name.includes('..')) return 'must not contain ".." (git refuses it in a ref name)';
  if (name.includes('@{')) return 'must not contain "@{" (git refuses it in a ref name)';
  return undefined;
}

/** Every part between slashes is a whole component, except the last of a prefix, which the version completes. */
function partsProblem(parts: string[], prefix: boolean): string | undefined {
  for (const [i, part] of parts.entries()) {
    const whole = !prefix || i < parts.length - 1;
    if (part === '' && whole) return parts.length > 1 ? `must not ${prefix ? 'begin with "/"' : 'begin or end with "/"'} or hold "//"` : 'must not be empty';
    if (part.startsWith('.')) return 'no part between slashes may begin with "." (git refuses it in a ref name)';
    if (whole && part.endsWith('.lock')) return 'no part between slashes may end with ".lock" (git refuses it in a ref name)';
  }
  return undefined;
}
