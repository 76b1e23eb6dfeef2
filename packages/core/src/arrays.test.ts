import { describe, expect, it } from 'vitest';
import { append, maxOf, minOf } from './arrays.js';

describe('array helpers at any size', () => {
  const big = Array.from({ length: 500_000 }, (_, i) => i);
  it('append where push(...items) would overflow the stack', () => {
    expect(() => [].push(...(big as never[]))).toThrow(RangeError);
    const into = [-1];
    expect(append(into, big)).toBe(into);
    expect(into).toHaveLength(500_001);
    expect(into.at(-1)).toBe(499_999);
  });
  it('maxOf and minOf where Math.max(...items) would', () => {
    expect(maxOf(big)).toBe(499_999);
    expect(minOf(big)).toBe(0);
    expect(maxOf([], 1)).toBe(1);
    expect(maxOf([3, 7, 5], 1)).toBe(7);
    expect(minOf([], 0)).toBe(0);
  });
});
