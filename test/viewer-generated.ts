/**
 * A seeded, generated service graph for the viewer's scale tests: `tiers`
 * tiers of `perTier` components, each depending on two of the next tier (some
 * soft, some as anyOf groups), placed in the zones of two regions.
 */
export function generatedManifest(perTier = 250, tiers = 8, seed = 1): string {
  let s = seed;
  const rand = (): number => (s = (1664525 * s + 1013904223) % 4294967296) / 4294967296;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const zones = ['r1-a', 'r1-b', 'r1-c', 'r2-a', 'r2-b', 'r2-c'];
  const lines = [
    'apiVersion: faultline/v1',
    `name: generated-${perTier * tiers}`,
    'components:',
    '  cloud: { kind: provider }',
    '  region-1: { kind: region, in: cloud }',
    '  region-2: { kind: region, in: cloud }',
    ...zones.map((z) => `  ${z}: { kind: zone, in: region-${z[1]} }`),
  ];
  const kinds = ['service', 'service', 'service', 'api', 'worker', 'queue', 'cache', 'database'];
  for (let t = 0; t < tiers; t++) {
    for (let i = 0; i < perTier; i++) {
      const id = `t${t}-c${i}`;
      const region = rand() < 0.45 ? ['r1'] : rand() < 0.8 ? ['r2'] : ['r1', 'r2'];
      const placed = zones.filter((z) => region.includes(z.slice(0, 2)) && rand() < 0.6);
      const placements = placed.length > 0 ? placed : [`${region[0]}-a`];
      const deps: string[] = [];
      if (t + 1 < tiers) {
        const a = `t${t + 1}-c${Math.floor(rand() * perTier)}`;
        const b = `t${t + 1}-c${Math.floor(rand() * perTier)}`;
        const r = rand();
        if (r < 0.6) deps.push(a, `{ target: ${b}, mode: soft, timeoutMs: 200 }`);
        else if (a !== b) deps.push(`{ anyOf: [${a}, ${b}] }`);
        else deps.push(a);
        if (t + 2 < tiers && rand() < 0.3) deps.push(`t${t + 2}-c${Math.floor(rand() * perTier)}`);
      }
      const critical = t === 0 && rand() < 0.3 ? ', critical: true' : '';
      lines.push(`  ${id}: { kind: ${pick(kinds.slice(Math.min(t, 5)))}, in: [${placements.join(', ')}]${critical}${deps.length ? `, dependsOn: [${deps.join(', ')}]` : ''} }`);
    }
  }
  return `${lines.join('\n')}\n`;
}
