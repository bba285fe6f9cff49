// The pins a workspace bump rewrites (syncpack's one model: what pin-mismatch reports is what bump
// changes): every exact pin on a bumped sibling that names its old version gets its new one, in the
// pin's own syntax; a range that would exclude the new version is refused before anything is written.
// Templated pins and dependencies uv takes from elsewhere are left alone. Pure: packages in, edits out.
import type { Edit } from '../change/plan.js';
import { siblingOf, templated, verdict } from '../rules/pin-mismatch.js';
import type { SiblingFacts } from '../rules/types.js';
import { dependencyPins, type Pin } from './pins.js';
import type { Package } from './package.js';

/** A bumped package: its facts before, and its new version in its own primary scheme's spelling. */
export interface BumpedSibling {
  facts: SiblingFacts;
  to: string;
}

export interface PinEdits {
  /** Edits with files relative to the workspace root. */
  edits: Edit[];
  /** Ranges that would exclude a new version, located, in words. */
  problems: string[];
}

/** The part of an exact pin that is the version: "==2.0.0a3" → "2.0.0a3", "workspace:=1.2.0" → "1.2.0". */
export function exactVersionPart(specifier: string): { start: number; end: number } | undefined {
  const m = /^(?:workspace:)?(?:===?|=)?\s*v?/.exec(specifier);
  const start = m ? m[0].length : 0;
  const end = specifier.trimEnd().length;
  return start < end ? { start, end } : undefined;
}

/** The edits to the dependents' manifests, and why a range among them cannot take the new version. */
export function pinEdits(dependents: Package[], bumped: BumpedSibling[]): PinEdits {
  const edits: Edit[] = [];
  const problems: string[] = [];
  const facts = bumped.map((b) => b.facts);
  for (const pkg of dependents) {
    for (const pin of dependencyPins(pkg)) {
      if (pin.uvSource === 'other' || pin.specifier === '' || templated(pin.specifier)) continue;
      const sibling = siblingOf(pin, facts, pkg.name);
      const target = sibling && bumped.find((b) => b.facts === sibling);
      if (!sibling?.version || !target) continue;
      const before = verdict(pin, sibling.version);
      if (!before?.satisfied) continue; // pin-mismatch's to report, not bump's to guess at
      const file = inDir(pkg.path, pin.file);
      if (!before.exact) {
        if (!verdict(pin, target.to)?.satisfied)
          problems.push(`${file}:${pin.line}:${pin.column}: ${pin.where} requires ${pin.name} ${pin.specifier}, which excludes ${target.to}; widen it first`);
        continue;
      }
      const edit = rewrite(pkg, pin, target.to);
      if (edit) edits.push({ ...edit, file });
      else problems.push(`${file}:${pin.line}:${pin.column}: cannot locate the pin ${pin.name} ${pin.specifier} in the text to rewrite it; set it by hand`);
    }
  }
  return { edits, problems };
}

/** The edit setting an exact pin's version, when the specifier stands in the text as written. */
function rewrite(pkg: Package, pin: Pin, to: string): Omit<Edit, 'file'> | undefined {
  const text = pkg.read(pin.file);
  if (!('text' in text) || pin.offset === undefined) return undefined;
  if (text.text.slice(pin.offset, pin.offset + pin.specifier.length) !== pin.specifier) return undefined;
  const part = exactVersionPart(pin.specifier);
  if (!part) return undefined;
  const start = pin.offset + part.start;
  const end = pin.offset + part.end;
  return { start, end, line: pin.line, old: text.text.slice(start, end), new: to };
}

const inDir = (dir: string, file: string) => (dir === '' ? file : `${dir}/${file}`);
