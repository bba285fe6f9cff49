import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance, nearest } from '../../src/core/suggest.js';

describe('did you mean', () => {
  it('measures edit distance', () => {
    expect(editDistance('check', 'check')).toBe(0);
    expect(editDistance('chek', 'check')).toBe(1);
    expect(editDistance('pacth', 'patch')).toBe(2);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('suggests the nearest word only when it is near enough to be a typo', () => {
    expect(nearest('chek', ['check', 'show', 'bump'])).toBe('check');
    expect(nearest('--formt', ['--format', '--fix'])).toBe('--format');
    expect(nearest('frobnicate', ['check', 'show', 'bump'])).toBeUndefined();
    expect(nearest('x', ['check'])).toBeUndefined();
    expect(didYouMean('relase', ['release'], (n) => `"${n}"`)).toBe('; did you mean "release"?');
    expect(didYouMean('zzz', ['release'])).toBe('');
  });
});
