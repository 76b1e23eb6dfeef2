import { describe, expect, it } from 'vitest';
import { contrastRatio, middleTruncate, middleTruncateChars, parseColour } from './text.js';

describe('middleTruncate', () => {
  it('keeps text that fits', () => {
    expect(middleTruncateChars('cart', 10)).toBe('cart');
  });
  it('cuts in the middle, so ids that share a start stay distinct', () => {
    const a = middleTruncateChars('session-cache-use1', 12);
    const b = middleTruncateChars('session-cache-usw2', 12);
    expect(a).toBe('sessi…e-use1');
    expect(b).toBe('sessi…e-usw2');
    expect(a).not.toBe(b);
    expect(Array.from(a)).toHaveLength(12);
  });
  it('keeps at least the ellipsis, and takes the longest form that fits', () => {
    expect(middleTruncateChars('abcdef', 1)).toBe('…');
    expect(middleTruncateChars('abcdef', 5)).toBe('ab…ef');
    // a width-like measure: wide letters count double
    const width = (s: string): number => Array.from(s).reduce((n, c) => n + (c === 'w' ? 2 : 1), 0);
    expect(width(middleTruncate('wwwwabcdwwww', (s) => width(s) <= 9))).toBeLessThanOrEqual(9);
  });
  it('never splits a surrogate pair', () => {
    expect(middleTruncateChars('😀😀😀😀😀😀', 3)).toBe('😀…😀');
  });
});

describe('contrastRatio', () => {
  it('is the WCAG ratio', () => {
    expect(contrastRatio('#000', '#fff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#fff', '#fff')).toBeCloseTo(1, 5);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });
  it('composites a translucent colour on its background', () => {
    expect(contrastRatio('rgba(0, 0, 0, 0)', '#ffffff')).toBeCloseTo(1, 5);
    expect(contrastRatio('rgba(0, 0, 0, 1)', '#ffffff')).toBeCloseTo(21, 5);
    expect(parseColour('rgba(102, 112, 133, 0.42)')).toEqual([102, 112, 133, 0.42]);
    // minified CSS writes translucent colours as 8- or 4-digit hex
    expect(parseColour('#525c70bf')).toEqual([82, 92, 112, 191 / 255]);
    expect(parseColour('#fff8')).toEqual([255, 255, 255, 136 / 255]);
    expect(parseColour('#abc')).toEqual([170, 187, 204, 1]);
  });
});
