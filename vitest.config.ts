import { defineConfig } from 'vitest/config';

// One runner for the whole repository; each workspace is a project so `npm test` runs everything.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'protocol', include: ['packages/protocol/src/**/*.test.ts'] } },
      { test: { name: 'storage', include: ['packages/storage/src/**/*.test.ts'], testTimeout: 20_000 } },
      { test: { name: 'client', include: ['packages/client/src/**/*.test.ts'] } },
      { test: { name: 'sfu', include: ['packages/sfu/src/**/*.test.ts'], testTimeout: 30_000 } },
      {
        test: {
          name: 'server',
          include: ['apps/server/src/**/*.test.ts', 'apps/server/tests/**/*.test.ts'],
          testTimeout: 30_000,
        },
      },
      { test: { name: 'web', include: ['apps/web/src/**/*.test.ts'] } },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          testTimeout: 90_000,
          hookTimeout: 90_000,
          // Browsers are heavy on two cores: one e2e file at a time.
          fileParallelism: false,
        },
      },
    ],
  },
});
