import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// Tests run on the TypeScript sources of the workspace packages (the
// "@faultline/source" export condition); only test/ runs the built CLI.
const resolve = { conditions: ['@faultline/source', ...defaultServerConditions] };

export default defineConfig({
  ssr: { resolve: { conditions: resolve.conditions, externalConditions: ['@faultline/source'] } },
  resolve,
  test: {
    projects: [
      { extends: true, test: { name: 'core', include: ['packages/core/src/**/*.test.ts'] } },
      { extends: true, test: { name: 'cli', include: ['packages/cli/src/**/*.test.ts'] } },
      { extends: true, test: { name: 'e2e', include: ['test/**/*.test.ts'], testTimeout: 60_000, globalSetup: ['test/global-setup.ts'] } },
    ],
  },
});
