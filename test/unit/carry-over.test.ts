// When a file's new text is its old one with only the version literals replaced: the new values, or
// undefined for any other change (then the commit is read in full).
import { describe, expect, it } from 'vitest';
import { replacedValues, type Span } from '../../src/history/carry-over.js';

/** The spans of each `literal` in `text`, in order. */
function spansOf(text: string, ...literals: string[]): Span[] {
  let from = 0;
  return literals.map((literal) => {
    const start = text.indexOf(literal, from);
    from = start + literal.length;
    return { start, end: from, line: text.slice(0, start).split('\n').length, column: start - text.lastIndexOf('\n', start - 1) };
  });
}

describe('replacedValues', () => {
  const before = '[project]\nname = "x"\nversion = "1.0.0"\n';
  const spans = spansOf(before, '1.0.0');

  it('gives the new literals when nothing else changed, whatever their length', () => {
    const table: [string, string[] | undefined][] = [
      ['[project]\nname = "x"\nversion = "1.0.1"\n', ['1.0.1']],
      ['[project]\nname = "x"\nversion = "1.0.10"\n', ['1.0.10']],
      ['[project]\nname = "x"\nversion = "2"\n', ['2']],
      ['[project]\nname = "x"\nversion = "1.0.0-rc.1+local_2"\n', ['1.0.0-rc.1+local_2']],
      ['[project]\nname = "x"\nversion = "1.0.0"\n', ['1.0.0']],
    ];
    for (const [now, values] of table) expect(replacedValues(before, spans, now), now).toEqual(values);
  });

  it('refuses any other change: another byte, a quote or a space in the literal, a literal with no digit', () => {
    for (const now of [
      '[project]\nname = "y"\nversion = "1.0.1"\n',
      '[project]\nname = "x"\nversion = "1.0.1"\n\n',
      '[project]\nname = "x"\nversion = "1.0.1" \n',
      '[project]\nname = "x"\nversion = "1.0 1"\n',
      '[project]\nname = "x"\nversion = "1.0"1"\n',
      '[project]\nname = "x"\nversion = "{x}"\n',
      '[project]\nname = "x"\nversion = ""\n',
      '[project]\nname = "x"\nversion = "unknown"\n',
      '[project]\nname = "x"\nversion = \'1.0.1\'\n',
      '[project]\nname = "x"\n',
    ])
      expect(replacedValues(before, spans, now), now).toBeUndefined();
  });

  it('reads several literals, and refuses a literal whose neighbour is a version character (its end would be a guess)', () => {
    const two = '{"version": "1.0.0", "plugin": {"version": "1.0.0"}}';
    expect(replacedValues(two, spansOf(two, '1.0.0', '1.0.0'), '{"version": "1.0.10", "plugin": {"version": "2.0"}}')).toEqual(['1.0.10', '2.0']);
    const glued = 'version=v1.0.0\n';
    expect(replacedValues(glued, spansOf(glued, '1.0.0'), 'version=v1.0.1\n')).toBeUndefined();
    const whole = '1.0.0\n';
    expect(replacedValues(whole, spansOf(whole, '1.0.0'), '1.0.1\n')).toEqual(['1.0.1']);
  });
});
