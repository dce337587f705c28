import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two files at a time even on a 2-core machine (vitest's default there is one): much of a
    // file's time is spent waiting (PostgreSQL, the fake Slack, the app's pacing), so the suite
    // runs in about two thirds of the time (BENCHMARKS.md, "The test suite").
    maxWorkers: 2,
    // Each test creates the data it reads: its file's tests run in a new order each run, so a test
    // that leans on an earlier one fails at once. The run prints its seed; to replay an order:
    // `npx vitest run <file> --sequence.seed=<seed>`.
    sequence: { shuffle: { files: false, tests: true } },
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
          // The files of a worker share one module graph instead of importing src/ (Bolt, Prisma,
          // PGlite, pdfkit, exceljs…) again for each: 139 s of the run's 375 s were imports. Each
          // file still gets its own database copy and its own app (withTestApp), and nothing of the
          // app keeps state at module level that a test relies on, so sharing the graph is safe;
          // whole-suite wall time went from 6 min 16 s to about 3 min 20 s on 2 cores
          // (BENCHMARKS.md, "The test suite").
          isolate: false,
        },
      },
    ],
  },
});
