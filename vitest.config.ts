import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'views',
          include: ['test/views/**/*.test.ts'],
          // Pure renderings of Block Kit: no database, no app, no state that a test changes. Their
          // files share one module graph instead of importing src/ again each (about 4x faster).
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'app',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/views/**'],
          // One migrated database per run, copied by each test file (test/support/database.ts).
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
    ],
  },
});
