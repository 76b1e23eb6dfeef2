/**
 * Synthetic manifests for the benchmark
 * =====================================
 *
 * A seeded (mulberry32) generator of realistic faultline manifests, written
 * as YAML text so that the loader is measured too. The shape follows the
 * published service graphs (docs/algorithms.md#scale-targets: ~4 dependencies per service,
 * heavy-tailed fan-in, tree-like call graphs):
 *
 * - one provider; regions (3 … 20) of three zones each;
 * - per region, hubs every service uses: DNS, service discovery and config
 *   (three replicas over the zones, minHealthy 2); one global IAM pinned to
 *   the first region (AWS 2021) and a globally pushed feature-flag file
 *   (Cloudflare 2025);
 * - databases as three-member quorum clusters (`need: 2`), one member per
 *   zone; caches as `anyOf` pairs in two zones;
 * - services in their home region, 2–3 zones with 1–3 replicas each;
 *   nine in ten survive losing any one zone (minHealthy ≤ the replicas
 *   outside the biggest zone), the rest need all but one replica (DEV341);
 *   3–5 dependencies: their region's DNS and
 *   discovery, sometimes IAM or config, a database quorum or a cache pair,
 *   and 1–2 calls to earlier services, preferring the oldest (hubs), some
 *   soft with timeouts;
 * - about one service in 700 also calls a later one that calls it back
 *   (hard or soft), which closes a few cycles; the newest 5% are critical
 *   entry points with weights.
 *
 * Components are split into files of 5,000, as teams would keep them.
 */
import { mulberry32 } from '../dist/analyses/availability-random.js';

/** mulberry32, the seeded PRNG core's Monte Carlo uses (public domain, Tommy Ettinger). */
export { mulberry32 };

/**
 * Generates a manifest of about `size` components.
 * @param {number} size
 * @param {number} [seed]
 * @returns {{ files: { path: string, text: string }[], components: number }}
 */
export function generate(size, seed = 1) {
  const random = mulberry32(seed);
  const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
  const pick = (list) => list[Math.floor(random() * list.length)];
  /** Skewed towards the start of the list: the oldest services are the hubs. */
  const skewed = (n) => Math.floor(random() ** 2.5 * n);
  const lines = [];
  const add = (id, fields) => lines.push(`  ${id}: { ${fields.filter(Boolean).join(', ')} }`);

  const regionCount = Math.min(20, Math.max(3, Math.ceil(size / 5000)));
  add('cloud', ['kind: provider']);
  const regions = [];
  for (let r = 0; r < regionCount; r++) {
    const region = `r${r}`;
    add(region, ['kind: region', 'in: cloud']);
    const zones = [0, 1, 2].map((z) => `${region}-az${z}`);
    for (const z of zones) add(z, ['kind: zone', `in: ${region}`]);
    for (const hub of ['dns', 'discovery', 'config']) {
      add(`${hub}-${region}`, [
        `kind: ${hub === 'discovery' ? 'service' : hub}`,
        'plane: control',
        `in: [${zones.join(', ')}]`,
        'minHealthy: 2',
        hub !== 'dns' ? `dependsOn: [dns-${region}]` : '',
      ]);
    }
    regions.push({ region, zones, services: [], dbs: [], caches: [] });
  }
  add('iam', ['kind: auth', 'plane: control', 'scope: global', `in: [${regions[0].zones.join(', ')}]`, 'minHealthy: 2', 'dependsOn: [dns-r0]']);
  add('feature-flags', ['kind: config', 'scope: global', 'dependsOn: [config-r0]']);

  const fixed = lines.length;
  const remaining = Math.max(0, size - fixed);
  const dbClusters = Math.floor((remaining * 0.09) / 3);
  const cachePairs = Math.floor((remaining * 0.08) / 2);
  const services = remaining - dbClusters * 3 - cachePairs * 2;

  for (let i = 0; i < dbClusters; i++) {
    const home = pick(regions);
    const members = [1, 2, 3].map((m) => `db${i}-${m}`);
    members.forEach((id, m) => add(id, ['kind: database', 'plane: data', `in: ${home.zones[m]}`, `dependsOn: [dns-${home.region}]`]));
    home.dbs.push(members);
  }
  for (let i = 0; i < cachePairs; i++) {
    const home = pick(regions);
    const members = ['a', 'b'].map((m) => `cache${i}-${m}`);
    const [z1, z2] = [int(0, 2), int(0, 2)];
    add(members[0], ['kind: cache', `in: ${home.zones[z1]}`]);
    add(members[1], ['kind: cache', `in: ${home.zones[z2 === z1 ? (z1 + 1) % 3 : z2]}`]);
    home.caches.push(members);
  }

  const all = [];
  const cycleEvery = 700;
  const callsBack = new Map();
  for (let i = 0; i < services; i++) {
    const home = pick(regions);
    const id = `svc${i}`;
    const zoneCount = int(2, 3);
    const zones = [...home.zones].sort(() => random() - 0.5).slice(0, zoneCount);
    const replicas = zones.map(() => int(1, 3));
    const total = replicas.reduce((a, b) => a + b, 0);
    const deps = [`dns-${home.region}`, `discovery-${home.region}`];
    if (random() < 0.25) deps.push('iam');
    if (random() < 0.15) deps.push('{ target: feature-flags, via: config, rollout: global }');
    if (random() < 0.6 && home.dbs.length > 0) deps.push(`{ anyOf: [${pick(home.dbs).join(', ')}], need: 2 }`);
    else if (home.caches.length > 0) deps.push(`{ anyOf: [${pick(home.caches).join(', ')}]${random() < 0.5 ? ', mode: soft' : ''} }`);
    const calls = Math.min(all.length, int(1, 2));
    const seen = new Set();
    for (let c = 0; c < calls; c++) {
      const target = all[skewed(all.length)];
      if (seen.has(target)) continue;
      seen.add(target);
      deps.push(random() < 0.3 ? `{ target: ${target}, mode: soft, timeoutMs: ${int(1, 20) * 50} }` : target);
    }
    const back = callsBack.get(i);
    if (back) deps.push(back);
    if (i % cycleEvery === cycleEvery - 1 && i + 5 < services) {
      const later = i + int(1, 5);
      deps.push(`svc${later}`);
      callsBack.set(later, random() < 0.5 ? id : `{ target: ${id}, mode: soft }`);
    }
    const critical = i >= services * 0.95;
    add(id, [
      'kind: service',
      `in: { ${zones.map((z, k) => `${z}: ${replicas[k]}`).join(', ')} }`,
      `minHealthy: ${random() < 0.9 ? Math.max(1, total - replicas.reduce((a, b) => Math.max(a, b), 0)) : Math.max(1, total - 1)}`,
      critical ? `critical: true, weight: ${int(1, 10)}` : '',
      `dependsOn: [${deps.join(', ')}]`,
    ]);
    all.push(id);
  }

  const files = [];
  const perFile = 5000;
  for (let f = 0; f * perFile < lines.length; f++) {
    const body = lines.slice(f * perFile, (f + 1) * perFile).join('\n');
    files.push({ path: `bench-${size}/part-${String(f).padStart(3, '0')}.yaml`, text: `apiVersion: faultline/v1\nname: bench-${size}\ncomponents:\n${body}\n` });
  }
  return { files, components: lines.length };
}
