import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// Tests run on the TypeScript sources of the workspace packages (the
// "@faultline/source" export condition); only test/ runs the built CLI.
const resolve = { conditions: ['@faultline/source', ...defaultServerConditions] };

// FAULTLINE_PROPERTY_RUNS=2000 runs every property test that many times (a deep
// local run); unset, each uses the size that keeps a loaded 2-core machine green.
const propertyRuns = Math.max(0, Math.floor(Number(process.env.FAULTLINE_PROPERTY_RUNS) || 0));

// Timeouts are explicit and generous: the suite must stay green on a busy
// 2-core CI machine, where a test that takes 1 s idle can take 5 s.
export default defineConfig({
  ssr: { resolve: { conditions: resolve.conditions, externalConditions: ['@faultline/source'] } },
  resolve,
  test: {
    provide: { propertyRuns },
    projects: [
      { extends: true, test: { name: 'core', include: ['packages/core/src/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 30_000 } },
      { extends: true, test: { name: 'cli', include: ['packages/cli/src/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 30_000 } },
      // The viewer's pure parts (scene, projection, providers, wording) in node; the page itself is tested in Chromium by e2e.
      { extends: true, test: { name: 'viewer', include: ['packages/viewer/src/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 30_000 } },
      {
        extends: true,
        test: { name: 'e2e', include: ['test/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000, globalSetup: ['test/global-setup.ts'] },
      },
    ],
  },
});
