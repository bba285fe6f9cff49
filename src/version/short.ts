// The short X.Y form of a version, as Sphinx's `version` in docs/conf.py states it beside the full
// `release`: MAJOR.MINOR of the release and nothing else. A source read in it is compared with the
// primary's first two release numbers (0.3 agrees with 0.3.0, 0.3.1, 0.3.0rc1 and 1!0.3.0) and
// bumped to them.
import { beyondLimits } from './limits.js';
import type { Meaning, Stated, VersionScheme } from './scheme.js';

const SHORT = /^\s*(\d+)\.(\d+)\s*$/;

const forms = new Map<VersionScheme, VersionScheme>();

/** The short form over a scheme. Never a primary's, so it orders and scans no tags of its own. */
export function shortForm(base: VersionScheme): VersionScheme {
  let form = forms.get(base);
  if (!form) {
    form = {
      name: base.name,
      title: 'the short X.Y form',
      examples: '1.2',
      ...(base.normalForm ? { normalForm: base.normalForm } : {}),
      short: true,
      valid: (version) => !beyondLimits(version) && SHORT.test(version),
      parse,
      spell: (m) => ({ version: base.shortSpelling?.(m.release[0]!, m.release[1] ?? 0) ?? spell(m).version }),
      compare: (a, b) => base.compare(spellShort(a), spellShort(b)),
      newerPattern: (version) => base.newerPattern(spellShort(version)),
    };
    forms.set(base, form);
  }
  return form;
}

function parse(version: string): Meaning | undefined {
  const m = beyondLimits(version) ? null : SHORT.exec(version);
  return m ? { epoch: 0, release: [Number(m[1]), Number(m[2])] } : undefined;
}

/** MAJOR.MINOR of any meaning: the epoch, pre-, post-, dev and local parts are not part of the short form. */
function spell(m: Meaning): { version: string } {
  return { version: `${m.release[0]}.${m.release[1] ?? 0}` };
}

const spellShort = (version: string): string => {
  const m = parse(version);
  return m ? `${m.release[0]}.${m.release[1]}` : version;
};

/**
 * The short form of a stated version: through its meaning, or, for a valid version that has none
 * in common with PEP 440 (a SemVer 1.2.3-foo), its leading numbers.
 */
export function shortOf(stated: Stated): string | undefined {
  const meaning = stated.scheme.parse(stated.value);
  if (meaning) return `${meaning.release[0]}.${meaning.release[1] ?? 0}`;
  return stated.scheme.valid(stated.value) ? leadingShort(stated.value) : undefined;
}

/** The X.Y a version's spelling starts with, for a quick comparison before any scheme is loaded (init). */
export function leadingShort(version: string): string | undefined {
  const m = /^\s*(\d+)(?:\.(\d+))?/.exec(version);
  return m ? `${Number(m[1])}.${Number(m[2] ?? 0)}` : undefined;
}
