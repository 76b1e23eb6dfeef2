/**
 * Observed dependencies cost memory in proportion to the pairs of services,
 * not to the file: parsing a Jaeger export into a tree with positions first
 * took about 95 times its size (43 MB → 4 GB). The readers now walk the
 * text and sum each pair as they meet it. Asserted on the process's peak
 * memory while reading a generated 10 MB export (in a file of its own, so
 * no other test's peak hides it), never on time.
 */
import { describe, expect, it } from 'vitest';
import { readObserved } from './read.js';

function jaegerExport(bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const link = `  {"parent": "service-${(i * 7919) % 300}", "child": "service-${(i * 104_729 + 13) % 301}", "callCount": ${(i * 31) % 5000}, "source": "jaeger"}`;
    parts.push(link);
    size += link.length + 2;
  }
  return `{"data": [\n${parts.join(',\n')}\n]}\n`;
}

describe('observed dependencies in bounded memory', () => {
  it('reads a 10 MB Jaeger export in a few times its size, one entry per pair', () => {
    const text = jaegerExport(10_000_000);
    const before = process.resourceUsage().maxRSS * 1024;
    const read = readObserved({ path: 'big.json', text });
    const grown = process.resourceUsage().maxRSS * 1024 - before;
    expect(read.graph!.calls.length).toBeLessThanOrEqual(300 * 301);
    expect(read.graph!.calls[0]!.at.line).toBeGreaterThan(1);
    // The tree took ~95 × 10 MB here; the walk needs little beyond the text, which the caller already holds.
    expect(grown).toBeLessThan(20 * text.length);
  });
});
