/** A small Backstage catalog (web over api, recs and two caches) and three zones, shared by the annotation and overlay tests. */
export function entity(name: string, spec: string, annotations = ''): string {
  return `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
${annotations ? `  annotations:\n${annotations.replace(/^/gm, '    ')}\n` : ''}spec: { type: service${spec ? `, ${spec}` : ''} }
`;
}

export const ZONES = 'apiVersion: faultline/v1\ncomponents:\n  az1: { kind: zone }\n  az2: { kind: zone }\n  az3: { kind: zone }\n';
export const CATALOG = [
  entity('web', 'dependsOn: [component:api, component:recs, component:cache-a, component:cache-b]', 'faultline.dev/critical: "true"\nfaultline.dev/in: "{ az1: 2, az2: 1 }"'),
  entity('api', ''),
  entity('recs', ''),
  entity('cache-a', ''),
  entity('cache-b', ''),
].join('---\n');
