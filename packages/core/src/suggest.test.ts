/**
 * "Did you mean" is exact where it answers and bounded where input is
 * hostile: counted cells, never a time.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from './property-runs.test-support.js';
import { CELLS_PER_CALL, CELLS_PER_SUGGESTER, closest, distance, MAX_WORD, Suggester } from './suggest.js';

/** Plain Levenshtein, the whole table. */
function oracle(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j]!;
      row[j] = Math.min(up + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = up;
    }
  }
  return row[b.length]!;
}

describe('did you mean', () => {
  it('the banded distance is the edit distance, or max + 1 beyond max', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '-'), maxLength: 12 });
    fc.assert(
      fc.property(word, word, fc.nat(6), (a, b, max) => distance(a, b, max) === Math.min(oracle(a, b), max + 1)),
      propertyRuns(23, 3000),
    );
  });

  it('finds the nearest id, the first of equals, case aside', () => {
    expect(closest('iamm', ['iam', 'consul', 'iAm'])).toBe('iam');
    expect(closest('Checkout', ['cart', 'checkout'])).toBe('checkout');
    expect(closest('zzzzzz', ['iam', 'consul'])).toBeUndefined();
  });

  it('3,000 unknown ids among 5,000 similar ones stay within the cells allowed, and the first are still answered', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => `service-${String(i).padStart(5, '0')}`);
    const suggester = new Suggester(ids);
    const answers = ids.slice(0, 3000).map((id) => suggester.closest(`${id}x`));
    expect(suggester.cells).toBeLessThanOrEqual(CELLS_PER_SUGGESTER + 5000);
    expect(answers[0]).toBe('service-00000');
    expect(answers[1]).toBe('service-00001');
    // Cut short, an answer is one edit away or none at all.
    answers.forEach((a, i) => expect(a === undefined || a === ids[i]).toBe(true));
  });

  it('one call fills at most its own cells, and a huge word is not compared', () => {
    const ids = Array.from({ length: 20000 }, (_, i) => `svc-${String(i).padStart(6, '0')}-${'a'.repeat(40)}`);
    const suggester = new Suggester(ids);
    suggester.closest(`svc-999999-${'a'.repeat(39)}b`);
    expect(suggester.cells).toBeLessThanOrEqual(CELLS_PER_CALL + 100);
    const before = suggester.cells;
    expect(suggester.closest('x'.repeat(MAX_WORD + 1))).toBeUndefined();
    expect(suggester.cells).toBe(before);
  });

  it('answers a word it has seen without filling cells again', () => {
    const suggester = new Suggester(['alpha', 'beta']);
    expect(suggester.didYouMean('alpah')).toBe('did you mean "alpha"?');
    const cells = suggester.cells;
    expect(suggester.didYouMean('alpah')).toBe('did you mean "alpha"?');
    expect(suggester.cells).toBe(cells);
  });
});
